// slabseries command line. I/O lives here; the harness below is pure.
// Exit codes: 0 success, 1 a check found problems, 2 bad input or usage.

import { Command, CommanderError } from 'commander';
import { dirname, join, relative, resolve } from 'node:path';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
import { diffstat, renderFileDiff } from '../patches/format.ts';
import { propagate, PropagateError } from '../patches/propagate.ts';
import { checkSeries, findingKey, type ApprovedFinding, type StageInfo } from '../harness/check.ts';
import { observeAll, parseJobs } from './observe.ts';
import { observeOptions, registerCache } from './cache-command.ts';
import { bisect, PARTS, selectPart, type Part } from '../harness/bisect.ts';
import { exportGit, ExportError } from '../export/git-export.ts';
import { loadTreeStage } from '../export/tree-stage.ts';
import { registerMetrics, stepMetricsText, MetricsUsageError } from './metrics-command.ts';
import { renderMatrix, renderSummaries, toJson } from './report.ts';

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

export const APPROVED = join(ROOT, 'findings', 'approved.json');

function loadApproved(): ApprovedFinding[] {
  if (!existsSync(APPROVED)) return [];
  let j: unknown;
  try {
    j = JSON.parse(readFileSync(APPROVED, 'utf8'));
  } catch (e) {
    throw new UsageError(`findings/approved.json: not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(j)) throw new UsageError('findings/approved.json: expected an array of findings');
  j.forEach((f, i) => {
    for (const k of ['stage', 'scenario', 'finding', 'reason']) if (typeof f?.[k] !== 'string' || !f[k]) throw new UsageError(`findings/approved.json: [${i}].${k}: expected a non-empty string`);
  });
  return j as ApprovedFinding[];
}

function stageInfos(): StageInfo[] {
  return STAGES.map((s) => {
    const e = seriesEntry(s.number);
    return { number: s.number, slug: s.slug, subject: e?.subject ?? 'base: slab/for-next', claim: e ? { kind: e.kind, declared: e.declared } : null };
  });
}

async function cmdCheck(opts: { json?: boolean; stage?: string; scenario?: string; approve?: boolean; reason?: string; jobs?: number; cache?: boolean }): Promise<number> {
  let scenarios = loadScenarios(FIXTURES, STAGES);
  if (opts.scenario) {
    scenarios = scenarios.filter((s) => s.name === opts.scenario);
    if (!scenarios.length) throw new UsageError(`no scenario named "${opts.scenario}"`);
  }
  const approved = loadApproved();
  const tty = !opts.json && process.stdout.isTTY === true;
  const all = STAGES.map((_, i) => i);
  const obs = await observeAll(STAGES, all, scenarios, (d, t) => progress(`running ${d}/${t} scenario runs`), observeOptions(opts));
  endProgress();
  const full = checkSeries(stageInfos(), scenarios.map((s) => s.name), obs, approved);
  // --stage/--scenario narrow the report; approvals outside the selection are not "vanished".
  const sel = opts.stage ? resolveStage(opts.stage).slug : null;
  const inSel = (f: { stage: string; scenario: string }) => (!sel || f.stage === sel) && (!opts.scenario || f.scenario === opts.scenario);
  const report = sel ? { ...full, stages: full.stages.filter((s) => s.slug === sel), cells: full.cells.filter((_, i) => full.stages[i].slug === sel) } : full;
  report.findings = full.findings.filter(inSel);
  report.newFindings = full.newFindings.filter(inSel);
  report.vanished = full.vanished.filter(inSel);
  if (opts.approve) {
    if (report.newFindings.length && !opts.reason) throw new UsageError(`${report.newFindings.length} new finding(s) need a one-line --reason to be approved`);
    const keep = approved.filter((a) => !report.vanished.some((v) => findingKey(v) === findingKey(a)));
    const added = report.newFindings.map((f) => ({ ...f, reason: opts.reason! }));
    mkdirSync(dirname(APPROVED), { recursive: true });
    writeFileSync(APPROVED, JSON.stringify([...keep, ...added], null, 2) + '\n');
    process.stdout.write(`approved ${added.length} finding(s), dropped ${report.vanished.length} vanished approval(s): findings/approved.json\n`);
    return 0;
  }
  if (opts.json) process.stdout.write(JSON.stringify(toJson(report, approved), null, 2) + '\n');
  else {
    const file = (name: string) => relative(process.cwd(), scenarios.find((s) => s.name === name)?.file ?? name);
    process.stdout.write(renderMatrix(report, tty) + '\n' + renderSummaries(report, approved, file, tty));
    process.stdout.write(`${report.findings.length} finding(s): ${report.newFindings.length} new, ${report.findings.length - report.newFindings.length} approved; ${report.vanished.length} approved finding(s) vanished\n`);
  }
  return report.newFindings.length || report.vanished.length ? 1 : 0;
}

function cmdBisect(opts: { scenario?: string; op?: string; what: string; json?: boolean }): number {
  if (!opts.scenario) throw new UsageError('bisect needs --scenario NAME');
  if (!(PARTS as readonly string[]).includes(opts.what)) throw new UsageError(`--what must be one of ${PARTS.join(', ')}`);
  const sc = loadScenarios(FIXTURES, STAGES).find((s) => s.name === opts.scenario);
  if (!sc) throw new UsageError(`no scenario named "${opts.scenario}"`);
  const r = bisect(STAGES.length, (i) => selectPart(runScenario(STAGES[i], sc), opts.op, opts.what as Part));
  const name = (i: number) => `${String(STAGES[i].number).padStart(2, '0')} ${seriesEntry(STAGES[i].number)?.subject ?? 'base'}`;
  if (opts.json) {
    process.stdout.write(JSON.stringify({ scenario: sc.name, op: opts.op ?? null, what: opts.what, ...r, firstStage: r.first === null ? null : STAGES[r.first].slug }, null, 2) + '\n');
  } else if (r.first === null) {
    process.stdout.write(`${sc.name}${opts.op ? ' ' + opts.op : ''} (${opts.what}): the same at every stage${r.skipped.length ? ` (skipped n/a: ${r.skipped.join(', ')})` : ''}\n`);
  } else {
    process.stdout.write(`first changed at stage ${name(r.first)}\n`);
    if (r.confirmed) process.stdout.write(`  confirmed: stage ${String(r.first - 1).padStart(2, '0')} is the same as stage 00, stage ${String(r.first).padStart(2, '0')} differs (probed ${r.probes.join(', ')})\n`);
    else process.stdout.write(`  the binary search landed on stage ${String(r.searchedFirst).padStart(2, '0')} (probed ${r.probes.join(', ')}), but the observation changes more than once; the earliest change is shown (git bisect may land on another)\n`);
    const later = r.changePoints.filter((c) => c !== r.first);
    if (later.length) process.stdout.write(`  also changes at: ${later.map(name).join('; ')}\n`);
    if (r.skipped.length) process.stdout.write(`  skipped (n/a): ${r.skipped.join(', ')}\n`);
    process.stdout.write(`  reproduce: npx slabseries run ${relative(process.cwd(), sc.file)} --stage ${String(r.first).padStart(2, '0')}\n`);
  }
  return r.first === null ? 1 : 0;
}

async function cmdExportGit(dir: string, opts: { json?: boolean }): Promise<number> {
  const t0 = Date.now();
  const r = await exportGit(dir, STAGES_DIR, STAGES.map((s) => s.slug));
  if (opts.json) process.stdout.write(JSON.stringify({ ...r, ms: Date.now() - t0 }) + '\n');
  else process.stdout.write(`exported ${r.commits} commits (tags stage-00..stage-${String(STAGES[STAGES.length - 1].number).padStart(2, '0')}) to ${r.dir}\n  try: cd ${dir} && git bisect start --term-old=same --term-new=changed stage-${String(STAGES[STAGES.length - 1].number).padStart(2, '0')} stage-00 && git bisect run ./bisect-run SCENARIO\n`);
  return 0;
}

/** git bisect run's judge: 0 same as stage 00, 1 changed, 125 cannot run here. */
async function cmdBisectRun(opts: { tree: string; scenario: string; op?: string; what: string }): Promise<number> {
  if (!(PARTS as readonly string[]).includes(opts.what)) throw new UsageError(`--what must be one of ${PARTS.join(', ')}`);
  const sc = loadScenarios(FIXTURES, STAGES).find((s) => s.name === opts.scenario);
  if (!sc) throw new UsageError(`no scenario named "${opts.scenario}"`);
  let stage;
  try {
    stage = await loadTreeStage(resolve(opts.tree), join(ROOT, 'src', 'kernel'));
  } catch (e) {
    // Exit codes above 127 make git bisect run stop instead of judging the commit.
    process.stderr.write(`slabseries: cannot load the stage in ${opts.tree}: ${(e as Error).message}\n`);
    return 128;
  }
  if (!stage) {
    process.stderr.write(`slabseries: ${opts.tree} holds no stage; skipping\n`);
    return 125;
  }
  const here = selectPart(runScenario(stage, sc), opts.op, opts.what as Part);
  const base = selectPart(runScenario(STAGES[0], sc), opts.op, opts.what as Part);
  if (here === null || base === null) {
    process.stdout.write('n/a: the scenario cannot run at this stage (skip)\n');
    return 125;
  }
  process.stdout.write(here === base ? 'same as stage 00\n' : 'changed from stage 00\n');
  return here === base ? 0 : 1;
}

function cmdGolden(opts: { update?: boolean; stage?: string; scenario?: string; json?: boolean }): number {
  const stages = opts.stage ? [resolveStage(opts.stage)] : STAGES;
  let scenarios: Scenario[] = loadScenarios(FIXTURES, STAGES);
  if (opts.scenario) {
    scenarios = scenarios.filter((s) => s.name === opts.scenario);
    if (!scenarios.length) throw new UsageError(`no scenario named "${opts.scenario}"`);
  }
  const rows: { file: string; status: 'missing' | 'differs'; action: 'created' | 'updated' | 'none'; detail?: string }[] = [];
  for (const stage of stages) {
    for (const sc of scenarios) {
      const text = renderObservation(runScenario(stage, sc));
      const path = goldenPath(GOLDEN, stage.slug, sc.name);
      const status = compareGolden(path, text);
      if (status === 'match') continue;
      const file = `${stage.slug}/${sc.name}.txt`;
      if (opts.update) {
        writeGolden(path, text);
        rows.push({ file, status, action: status === 'missing' ? 'created' : 'updated' });
      } else {
        rows.push({ file, status, action: 'none', detail: status === 'differs' ? firstDifference(path, text) : undefined });
      }
    }
  }
  if (opts.json) process.stdout.write(JSON.stringify({ update: !!opts.update, files: rows }, null, 2) + '\n');
  else {
    for (const r of rows) process.stdout.write(opts.update ? `${r.action} ${r.file}\n` : `${r.status} ${r.file}${r.detail ? ': ' + r.detail : ''}\n`);
    process.stdout.write(opts.update ? `${rows.length} golden file(s) written\n` : `${rows.length} golden file(s) differ or are missing\n`);
  }
  return !opts.update && rows.length ? 1 : 0;
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
  out.push(stepMetricsText(stage.number));
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

export async function main(argv: string[]): Promise<number> {
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
    .description('judge every step of the series on every shipped scenario (equivalent / changed / improved / regressed / n/a), check each patch\'s claim, and compare the findings with findings/approved.json (exit 1 on a new or vanished finding)')
    .option('-s, --stage <NN>', 'report only this stage')
    .option('--scenario <name>', 'only this scenario')
    .option('--json', 'machine-readable report (docs/check-output.schema.json)')
    .option('--approve', 'record the current new findings as approved (needs --reason) and drop vanished ones')
    .option('--reason <text>', 'one-line reason for the findings being approved')
    .option('-j, --jobs <N>', 'run on N threads: this one and N-1 workers (default 1, measured fastest here)', parseJobs)
    .option('--no-cache', 'run every scenario instead of reusing observations from .slabseries-cache/')
    .action(async (opts) => {
      code = await cmdCheck(opts);
    });
  program
    .command('bisect')
    .description('find the first stage at which part of a scenario\'s observation differs from stage 00 (exit 0 found, 1 never changes)')
    .requiredOption('--scenario <name>', 'scenario name')
    .option('--op <handle>', 'only this operation (handle, or index such as 3 or 3/inject0/0)')
    .option('--what <part>', `what to compare: ${'result|bytes|events|all'}`, 'all')
    .option('--json', 'machine-readable output')
    .action((opts) => {
      code = cmdBisect(opts);
    });
  program
    .command('export-git')
    .description('write the series as a new git repository (one commit and tag per stage, with a bisect-run script); refuses a non-empty directory')
    .argument('<dir>', 'a new or empty directory')
    .option('--json', 'machine-readable output')
    .action(async (dir, opts) => {
      code = await cmdExportGit(dir, opts);
    });
  program
    .command('bisect-run')
    .description('judge a checked-out export-git commit for git bisect run: exit 0 same as stage 00, 1 changed, 125 skip')
    .requiredOption('--tree <dir>', 'the checked-out tree')
    .requiredOption('--scenario <name>', 'scenario name')
    .option('--op <handle>', 'only this operation')
    .option('--what <part>', 'result|bytes|events|all', 'all')
    .action(async (opts) => {
      code = await cmdBisectRun(opts);
    });
  program
    .command('golden')
    .description('compare (default) or --update the golden observation files under test/golden/')
    .option('--update', 'write the golden files from the current stages')
    .option('-s, --stage <NN>', 'only this stage')
    .option('--scenario <name>', 'only this scenario')
    .option('--json', 'machine-readable output')
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
  registerMetrics(program, (n) => {
    code = n;
  });
  registerCache(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof ScenarioError || e instanceof UsageError || e instanceof PropagateError || e instanceof ExportError || e instanceof MetricsUsageError) {
      process.stderr.write(`slabseries: error: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`slabseries: internal error: ${(e as Error).message}\n`);
    return 3;
  }
  return code;
}

if (process.argv[1] && /(main\.ts|slabseries(\.mjs)?)$/.test(process.argv[1])) {
  process.exitCode = await main(process.argv.slice(2));
}
