// Commands on a series as a patch series: list, show, patches, propagate, export-git.

import { diffstat, renderFileDiff } from '../patches/format.ts';
import { firstOutOfSync, generatePatches, readStageTrees, stageDiff, writePatches } from '../patches/generate.ts';
import { propagate } from '../patches/propagate.ts';
import { exportGit } from '../export/git-export.ts';
import { seriesEntry, type Series } from '../harness/series.ts';
import type { Slab } from '../slab/observation.ts';
import { join, relative } from 'node:path';
import { endProgress, nn, pickSeries, progress, resolveStage, ROOT, seriesOption, seriesPaths, UsageError } from './context.ts';
import { stepMetricsText } from './metrics-command.ts';
import { renderStepVerdicts, stepVerdicts } from './step-view.ts';

const stageTrees = (s: Series<Slab>) => readStageTrees(s.stagesDir, s.stages.map((x) => x.slug));

export function cmdList(opts: { series?: string; json?: boolean }): void {
  const series = pickSeries(opts.series);
  const rows = series.stages.map((s) => {
    const e = seriesEntry(series, s.number);
    return { number: nn(s.number), slug: s.slug, subject: e?.subject ?? '(base: slab/for-next)', kind: e?.kind ?? 'base', move: e?.move ?? '' };
  });
  if (opts.json) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else for (const r of rows) process.stdout.write(`${r.number}  ${r.subject}  [${r.kind}${r.move ? ': ' + r.move : ''}]\n`);
}

export function cmdPatches(opts: { series?: string; write?: boolean; check?: boolean; json?: boolean }): number {
  if (opts.write && opts.check) throw new UsageError('use either --write or --check');
  const series = pickSeries(opts.series);
  const PATCHES = seriesPaths(series).patches;
  const files = generatePatches(stageTrees(series), series);
  if (opts.write) {
    const r = writePatches(PATCHES, files);
    if (opts.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    else process.stdout.write(`${relative(ROOT, PATCHES)}/: ${r.written.length} file(s) written, ${r.removed.length} stale patch(es) removed, ${files.length - r.written.length} unchanged\n`);
    return 0;
  }
  const bad = firstOutOfSync(PATCHES, files);
  const where = relative(ROOT, PATCHES);
  const again = seriesOption(series.name);
  if (opts.json) process.stdout.write(JSON.stringify({ inSync: bad === null, firstDifference: bad }) + '\n');
  else if (bad) process.stdout.write(`${where}/${bad}; regenerate with: slabseries patches${again} --write\n`);
  else process.stdout.write(`${where}/ is in sync with the stages (${files.length} files)\n`);
  return bad ? 1 : 0;
}

export function cmdShow(arg: string, opts: { series?: string; json?: boolean }): void {
  const series = pickSeries(opts.series);
  const stage = resolveStage(series, arg);
  const e = seriesEntry(series, stage.number);
  if (!e) {
    process.stdout.write(`${stage.slug}: the base of the series (slab/for-next); it has no patch.\n`);
    return;
  }
  const diffs = stageDiff(stageTrees(series), e.number);
  const touched = diffs.map((d) => d.path);
  const expected = e.kernelFiles.map((f) => ({ kernel: f, ts: series.counterpartOf(f) }));
  if (opts.json) {
    process.stdout.write(JSON.stringify({ ...e, typescriptFiles: touched, diffstat: diffstat(diffs), step: stepVerdicts(series, e.number) }, null, 2) + '\n');
    return;
  }
  const out = [`[PATCH ${nn(e.number)}/${series.entries.length}] ${e.subject}`, `kind: ${e.kind}`, `refactoring move: ${e.move}`, `link: ${e.link}`, '', e.message.trim() || '(no message yet)', ''];
  out.push('declared behaviour changes:');
  if (!e.declared.length) out.push('  (none: no functional change intended)');
  for (const d of e.declared) out.push(`  ${d.id}: ${d.description}`);
  out.push(renderStepVerdicts(stepVerdicts(series, e.number), e.number, series.name));
  out.push('', 'kernel files the real patch touches -> TypeScript counterparts:');
  for (const x of expected) out.push(`  ${x.kernel.padEnd(34)} -> ${x.ts ?? '(no counterpart)'}${x.ts && !touched.includes(x.ts) ? '  [not touched here]' : ''}`);
  for (const t of touched) if (!expected.some((x) => x.ts === t)) out.push(`  (extra) ${t}`);
  out.push('', diffstat(diffs), diffs.map(renderFileDiff).join(''));
  out.push(stepMetricsText(stage.number, series.name));
  process.stdout.write(out.join('\n'));
}

export function cmdPropagate(arg: string, opts: { series?: string; dryRun?: boolean; json?: boolean }): number {
  const series = pickSeries(opts.series);
  const stage = resolveStage(series, arg);
  const r = propagate(ROOT, series.stagesDir, series.stages.map((s) => s.slug), stage.slug, opts.dryRun);
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

export async function cmdExportGit(dir: string, opts: { series?: string; json?: boolean }): Promise<number> {
  const series = pickSeries(opts.series);
  const t0 = Date.now();
  const r = await exportGit(dir, series, (d, t) => progress(`export-git: ${d}/${t} commits`));
  endProgress();
  const last = nn(series.stages[series.stages.length - 1].number);
  if (opts.json) process.stdout.write(JSON.stringify({ ...r, ms: Date.now() - t0 }) + '\n');
  else process.stdout.write(`exported ${r.commits} commits (tags stage-00..stage-${last}) to ${r.dir}\n  try: cd ${shellQuote(r.dir)} && git bisect start --term-old=same --term-new=changed stage-${last} stage-00 && SLABSERIES=${shellQuote(slabseriesCommand())} git bisect run ./bisect-run SCENARIO\n`);
  return 0;
}

/** The command that runs this installation of slabseries (bisect-run's $SLABSERIES; it is word-split). */
export function slabseriesCommand(): string {
  return `${process.execPath} ${join(ROOT, 'bin', 'slabseries.mjs')}`;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
