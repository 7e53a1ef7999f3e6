// slabseries command line. I/O lives here; the harness below is pure.
// Exit codes: 0 success, 1 a check found problems, 2 bad input or usage.

import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAGES } from '../stages/registry.ts';
import type { StageDescriptor } from '../kernel/stage_api.ts';
import { loadScenarioFile, ScenarioError, type Scenario } from '../harness/scenario.ts';
import { loadScenarios, vocabularyOf } from '../harness/fixtures.ts';
import { runScenario } from '../harness/runner.ts';
import { renderObservation } from '../harness/observation.ts';
import { compareGolden, firstDifference, goldenPath, writeGolden } from '../harness/golden.ts';
import { SERIES, counterpartOf, seriesEntry } from '../series.ts';
import { firstOutOfSync, generatePatches, readStageTrees, stageDiff, writePatches } from '../patches/generate.ts';
import { diffstat, formatPatch, renderFileDiff } from '../patches/format.ts';
import { propagate, PropagateError } from '../patches/propagate.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'fixtures', 'scenarios');
export const GOLDEN = join(ROOT, 'test', 'golden');
export const STAGES_DIR = join(ROOT, 'src', 'stages');
export const PATCHES = join(ROOT, 'patches');

class UsageError extends Error {}

/** "7", "07" or "07-pass-alloc-flags-to-new-slab" → the stage. */
export function resolveStage(arg: string): StageDescriptor {
  const m = /^(\d{1,2})(-.*)?$/.exec(arg);
  const n = m ? Number(m[1]) : NaN;
  const last = STAGES.length - 1;
  const st = STAGES.find((s) => s.number === n);
  if (!m || !st) throw new UsageError(`stage "${arg}" is out of range (00..${String(last).padStart(2, '0')})`);
  if (m[2] && st.slug !== arg.padStart(st.slug.length, '0') && st.slug !== `${m[1].padStart(2, '0')}${m[2]}`) throw new UsageError(`stage "${arg}" does not match ${st.slug}`);
  return st;
}

function progress(msg: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${msg}\x1b[K`);
}

function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

function cmdRun(file: string, opts: { stage: string; json?: boolean }): void {
  const stage = resolveStage(opts.stage);
  const sc = loadScenarioFile(file, vocabularyOf(STAGES));
  const obs = runScenario(stage, sc);
  process.stdout.write(opts.json ? JSON.stringify(obs, null, 2) + '\n' : renderObservation(obs));
}

interface CheckRow {
  stage: string;
  scenario: string;
  golden: string;
  invariants: string[];
  detail?: string;
}

function cmdCheck(opts: { json?: boolean; stage?: string }): number {
  const stages = opts.stage ? [resolveStage(opts.stage)] : STAGES;
  const scenarios = loadScenarios(FIXTURES, STAGES);
  const rows: CheckRow[] = [];
  let i = 0;
  const total = stages.length * scenarios.length;
  for (const stage of stages) {
    for (const sc of scenarios) {
      progress(`checking ${++i}/${total}: ${stage.slug} ${sc.name}`);
      const obs = runScenario(stage, sc);
      const text = renderObservation(obs);
      const path = goldenPath(GOLDEN, stage.slug, sc.name);
      const golden = compareGolden(path, text);
      const row: CheckRow = { stage: stage.slug, scenario: sc.name, golden, invariants: obs.end.invariants };
      if (golden === 'differs') row.detail = firstDifference(path, text);
      rows.push(row);
    }
  }
  endProgress();
  const bad = rows.filter((r) => r.golden !== 'match' || r.invariants.length);
  if (opts.json) {
    process.stdout.write(JSON.stringify({ stages: stages.length, scenarios: scenarios.length, problems: bad }, null, 2) + '\n');
  } else {
    for (const r of bad) {
      const what = [r.golden !== 'match' ? `golden ${r.golden}${r.detail ? ': ' + r.detail : ''}` : '', ...r.invariants.map((v) => `invariant: ${v}`)].filter(Boolean);
      for (const w of what) process.stdout.write(`${pc.red('FAIL')} ${r.stage} ${r.scenario}: ${w}\n`);
    }
    const ok = rows.length - bad.length;
    process.stdout.write(`${ok === rows.length ? pc.green('ok') : pc.red('problems')}: ${ok}/${rows.length} scenario runs match their golden observations with no invariant violations (${stages.length} stages x ${scenarios.length} scenarios)\n`);
  }
  return bad.length ? 1 : 0;
}

function cmdGolden(opts: { update?: boolean; stage?: string; scenario?: string }): number {
  const stages = opts.stage ? [resolveStage(opts.stage)] : STAGES;
  let scenarios: Scenario[] = loadScenarios(FIXTURES, STAGES);
  if (opts.scenario) {
    scenarios = scenarios.filter((s) => s.name === opts.scenario);
    if (!scenarios.length) throw new UsageError(`no scenario named "${opts.scenario}"`);
  }
  let changed = 0;
  let differ = 0;
  for (const stage of stages) {
    for (const sc of scenarios) {
      const text = renderObservation(runScenario(stage, sc));
      const path = goldenPath(GOLDEN, stage.slug, sc.name);
      const status = compareGolden(path, text);
      if (status === 'match') continue;
      if (opts.update) {
        writeGolden(path, text);
        changed++;
        process.stdout.write(`${status === 'missing' ? 'created' : 'updated'} ${stage.slug}/${sc.name}.txt\n`);
      } else {
        differ++;
        process.stdout.write(`${status} ${stage.slug}/${sc.name}.txt${status === 'differs' ? ': ' + firstDifference(path, text) : ''}\n`);
      }
    }
  }
  if (opts.update) process.stdout.write(`${changed} golden file(s) written\n`);
  else process.stdout.write(`${differ} golden file(s) differ or are missing\n`);
  return !opts.update && differ ? 1 : 0;
}

function cmdList(opts: { json?: boolean }): void {
  const rows = STAGES.map((s) => {
    const e = seriesEntry(s.number);
    return { number: String(s.number).padStart(2, '0'), slug: s.slug, subject: e?.subject ?? '(base: slab/for-next)', kind: e?.kind ?? 'base', move: e?.move ?? '' };
  });
  if (opts.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else for (const r of rows) process.stdout.write(`${r.number}  ${r.subject}  [${r.kind}${r.move ? ': ' + r.move : ''}]\n`);
}

function stageTrees() {
  return readStageTrees(STAGES_DIR, STAGES.map((s) => s.slug));
}

function cmdPatches(opts: { write?: boolean; check?: boolean; json?: boolean }): number {
  if (opts.write && opts.check) throw new UsageError('use either --write or --check');
  const files = generatePatches(stageTrees());
  if (opts.write) {
    const r = writePatches(PATCHES, files);
    if (opts.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    else process.stdout.write(`patches/: ${r.written.length} file(s) written, ${r.removed.length} stale patch(es) removed, ${files.length - r.written.length} unchanged\n`);
    return 0;
  }
  const bad = firstOutOfSync(PATCHES, files);
  if (opts.json) process.stdout.write(JSON.stringify({ inSync: bad === null, firstDifference: bad }) + '\n');
  else if (bad) process.stdout.write(`patches/${bad}; regenerate with: slabseries patches --write\n`);
  else process.stdout.write(`patches/ is in sync with the stages (${files.length} files)\n`);
  return bad ? 1 : 0;
}

function cmdShow(arg: string, opts: { json?: boolean }): void {
  const stage = resolveStage(arg);
  const e = seriesEntry(stage.number);
  if (!e) {
    process.stdout.write(`${stage.slug}: the base of the series (slab/for-next); it has no patch.\n`);
    return;
  }
  const diffs = stageDiff(stageTrees(), e.number);
  const touched = diffs.map((d) => d.path);
  const expected = e.kernelFiles.map((f) => ({ kernel: f, ts: counterpartOf(f) }));
  if (opts.json) {
    process.stdout.write(JSON.stringify({ ...e, typescriptFiles: touched, diffstat: diffstat(diffs) }, null, 2) + '\n');
    return;
  }
  const out = [`[PATCH ${String(e.number).padStart(2, '0')}/${SERIES.length}] ${e.subject}`, `kind: ${e.kind}`, `refactoring move: ${e.move}`, `link: ${e.link}`, '', e.message.trim() || '(no message yet)', ''];
  out.push('declared behaviour changes:');
  if (!e.declared.length) out.push('  (none: no functional change intended)');
  for (const d of e.declared) out.push(`  ${d.id}: ${d.description}`);
  out.push('', 'kernel files the real patch touches -> TypeScript counterparts:');
  for (const x of expected) out.push(`  ${x.kernel.padEnd(34)} -> ${x.ts ?? '(no counterpart)'}${x.ts && !touched.includes(x.ts) ? '  [not touched here]' : ''}`);
  for (const t of touched) if (!expected.some((x) => x.ts === t)) out.push(`  (extra) ${t}`);
  out.push('', diffstat(diffs), diffs.map(renderFileDiff).join(''));
  process.stdout.write(out.join('\n'));
}

function cmdPropagate(arg: string, opts: { dryRun?: boolean; json?: boolean }): number {
  const stage = resolveStage(arg);
  const r = propagate(ROOT, STAGES_DIR, STAGES.map((s) => s.slug), stage.slug, opts.dryRun);
  if (opts.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
  else if (!r.edited.length) process.stdout.write(`${stage.slug} has no uncommitted edits to propagate\n`);
  else if (r.conflicts.length) {
    for (const c of r.conflicts) process.stdout.write(`conflict: ${c.stage} ${c.file} ${c.hunk}\n`);
    process.stdout.write(`nothing changed: ${r.conflicts.length} conflict(s)\n`);
  } else {
    for (const u of r.updates) process.stdout.write(`${opts.dryRun ? 'would update' : 'updated'} ${u.stage}/${u.file}\n`);
    process.stdout.write(`${r.edited.join(', ')} of ${stage.slug} carried into ${new Set(r.updates.map((u) => u.stage)).size} later stage(s)${opts.dryRun ? ' (dry run)' : '; now run: slabseries patches --write'}\n`);
  }
  return r.conflicts.length ? 1 : 0;
}

function cmdScenarios(opts: { json?: boolean }): void {
  const scenarios = loadScenarios(FIXTURES, STAGES);
  if (opts.json) {
    process.stdout.write(JSON.stringify(scenarios.map((s) => ({ name: s.name, description: s.description, decisions: s.decisions })), null, 2) + '\n');
    return;
  }
  for (const s of scenarios) process.stdout.write(`${s.name}\n    ${s.description}\n`);
}

export function main(argv: string[]): number {
  let code = 0;
  const program = new Command();
  program
    .name('slabseries')
    .description('Review, bisect and teach the "mm/slab: introduce alloc_flags and slab_alloc_context" RFC series on a behavioural model of SLUB')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program
    .command('run')
    .description('run one scenario file on one stage and print its observation')
    .argument('<file>', 'scenario JSON file')
    .option('-s, --stage <NN>', 'stage number (00..15)', '00')
    .option('--json', 'print the observation as JSON')
    .action((file, opts) => cmdRun(file, opts));
  program
    .command('check')
    .description('run every shipped scenario on every stage; compare with the golden observations and report invariant violations (exit 1 on any problem)')
    .option('-s, --stage <NN>', 'only this stage')
    .option('--json', 'machine-readable report')
    .action((opts) => {
      code = cmdCheck(opts);
    });
  program
    .command('golden')
    .description('compare (default) or --update the golden observation files under test/golden/')
    .option('--update', 'write the golden files from the current stages')
    .option('-s, --stage <NN>', 'only this stage')
    .option('--scenario <name>', 'only this scenario')
    .action((opts) => {
      code = cmdGolden(opts);
    });
  program
    .command('list')
    .description('list the stages: subject, kind and refactoring move')
    .option('--json', 'machine-readable output')
    .action((opts) => cmdList(opts));
  program
    .command('patches')
    .description('check (default) or --write patches/ (format-patch files generated from the stages)')
    .option('--write', 'regenerate patches/ from the stages')
    .option('--check', 'fail naming the first patch that differs from the stages (the default)')
    .option('--json', 'machine-readable output')
    .action((opts) => {
      code = cmdPatches(opts);
    });
  program
    .command('show')
    .description('one stage: subject, our message, refactoring move, declared changes, files touched and the patch')
    .argument('<NN>', 'stage number')
    .option('--json', 'machine-readable output')
    .action((nn, opts) => cmdShow(nn, opts));
  program
    .command('propagate')
    .description('carry the uncommitted edit of stage NN into every later stage (three-way); on any conflict nothing changes')
    .argument('<NN>', 'the stage you edited')
    .option('--dry-run', 'report what would change')
    .option('--json', 'machine-readable output')
    .action((nn, opts) => {
      code = cmdPropagate(nn, opts);
    });
  program
    .command('scenarios')
    .description('list the shipped scenarios')
    .option('--json', 'machine-readable output')
    .action((opts) => cmdScenarios(opts));
  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof ScenarioError || e instanceof UsageError || e instanceof PropagateError) {
      process.stderr.write(`slabseries: error: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`slabseries: internal error: ${(e as Error).message}\n`);
    return 3;
  }
  return code;
}

if (process.argv[1] && /(main\.ts|slabseries(\.mjs)?)$/.test(process.argv[1])) {
  process.exitCode = main(process.argv.slice(2));
}
