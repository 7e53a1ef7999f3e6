// `patches --base NAME` and `export-git DIR --base NAME`: the series rebased onto another base
// (src/bases) as format-patch files or as a git history. A step whose patch does not apply there is
// marked in its message (the conflicting hunks, the resolution used to go on, and whether the
// result builds with CONFIG_MEM_ALLOC_PROFILING_DEBUG), never silently skipped.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { exportGit } from '../export/git-export.ts';
import type { Series } from '../harness/series.ts';
import { buildAll, removeRoots, type RebasedStep } from '../bases/rebase.ts';
import { rebaseSeries, readOverlay } from '../bases/rebase.ts';
import { diffTrees, formatPatch } from '../patches/format.ts';
import { firstOutOfSync, generatePatches, writePatches, type StageTree } from '../patches/generate.ts';
import type { Slab } from '../slab/observation.ts';
import { pickBase } from './base-command.ts';
import { nn, pickSeries, ROOT, UsageError } from './context.ts';

function marker(st: RebasedStep, base: string): string {
  const lines = [`[slabseries: THIS PATCH DOES NOT APPLY ON ${base}]`];
  for (const c of st.conflicts) lines.push(`  conflict in ${c.file}${c.line ? ` at line ${c.line}` : ''}: the patch changes "${(c.theirs[0] ?? '').trim()}", which ${base} has rewritten`);
  lines.push('  shown with the conflicting hunk(s) dropped, the natural resolution (spec base-mm-unstable.md §3.1);');
  for (const b of st.build) lines.push(`  ${b.config}: ${b.ok ? 'builds' : `does not build: ${b.errors[0]}`}`);
  return lines.join('\n') + '\n\n';
}

/** The series rebased onto `baseName`, with the conflicting steps marked (built to say whether they build). */
function rebasedSeries(seriesName: string | undefined, baseName: string): { series: Series<Slab>; steps: RebasedStep[]; baseNote: string } {
  const series = pickSeries(seriesName);
  const base = pickBase(baseName);
  const steps = rebaseSeries(series.stagesDir, series.stages.map((s) => s.slug), readOverlay(base));
  const bad = steps.filter((s) => s.status === 'conflict');
  if (bad.length) removeRoots(buildAll(bad));
  const entries = series.entries.map((e) => {
    const st = steps[e.number];
    return st?.status === 'conflict' ? { ...e, message: marker(st, base.name) + e.message } : e;
  });
  const baseNote = `Rebased by slabseries onto ${base.name}: ${base.summary}.\n${bad.length ? `Step(s) ${bad.map((s) => nn(s.number)).join(', ')} do not apply there; their patches are marked.\n` : 'Every step applies.\n'}\n`;
  return { series: { ...series, subject: `${series.subject} (rebased onto ${base.name})`, coverLetter: baseNote + series.coverLetter, entries }, steps, baseNote };
}

export function cmdBasePatches(opts: { series?: string; base: string; write?: boolean; check?: boolean; json?: boolean }): number {
  if (opts.write && opts.check) throw new UsageError('use either --write or --check');
  const { series, steps, baseNote } = rebasedSeries(opts.series, opts.base);
  const trees: StageTree[] = steps.map((s) => ({ number: s.number, slug: s.slug, files: s.tree }));
  const files = generatePatches(trees, series);
  // The base itself, as one more patch: for-next's stage 00 -> the base's stage 00.
  const forNext00 = seriesStage00(series);
  files.splice(1, 0, { name: '0000-base.patch', content: formatPatch({ number: 0, total: series.entries.length, subject: `the ${opts.base} base under the series, as modelled`, author: series.from, date: series.date, body: baseNote.trim() }, diffTrees(forNext00, steps[0].tree)) });
  // patches-BASE/ for the RFC, patches-BASE/<series>/ for another series, as patches/ and patches/v3/:
  // a series written into the RFC's folder once replaced the RFC's patches there.
  const where = series.name === 'rfc' ? `patches-${opts.base}` : `patches-${opts.base}/${series.name}`;
  const dir = join(ROOT, where);
  const again = `slabseries patches${series.name === 'rfc' ? '' : ` --series ${series.name}`} --base ${opts.base} --write`;
  if (opts.write) {
    const r = writePatches(dir, files);
    process.stdout.write(opts.json ? JSON.stringify(r, null, 2) + '\n' : `${where}/: ${r.written.length} file(s) written, ${files.length - r.written.length} unchanged\n`);
    return 0;
  }
  if (opts.check) {
    const bad = firstOutOfSync(dir, files);
    process.stdout.write(bad ? `${where}/${bad}; regenerate with: ${again}\n` : `${where}/ is in sync (${files.length} files)\n`);
    return bad ? 1 : 0;
  }
  const rows = steps.map((s) => ({ step: s.slug, applies: s.status, conflicts: s.conflicts.map((c) => `${c.file}:${c.line}`) }));
  if (opts.json) process.stdout.write(JSON.stringify({ base: opts.base, steps: rows, files: files.map((f) => f.name) }, null, 2) + '\n');
  else for (const r of rows) process.stdout.write(`${r.step.padEnd(40)} ${r.applies === 'conflict' ? `DOES NOT APPLY (${r.conflicts.join(', ')}): patch marked` : r.applies}\n`);
  return 0;
}

/** The series' own stage 00 (for-next). */
function seriesStage00(series: Series<Slab>): Map<string, string> {
  return rebaseSeries(series.stagesDir, [series.stages[0].slug], new Map())[0].tree;
}

export async function cmdBaseExportGit(dir: string, opts: { series?: string; base: string; json?: boolean }): Promise<number> {
  const { series, steps, baseNote } = rebasedSeries(opts.series, opts.base);
  const root = mkdtempSync(join(tmpdir(), 'slabseries-export-'));
  for (const st of steps) {
    for (const [f, text] of st.tree) {
      const p = join(root, st.slug, f);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
  }
  const r = await exportGit(dir, { ...series, stagesDir: root }, undefined, { baseMessage: `slabseries: base of the series (${opts.base})\n\n${baseNote}` });
  const bad = steps.filter((s) => s.status === 'conflict').map((s) => nn(s.number));
  if (opts.json) process.stdout.write(JSON.stringify({ ...r, base: opts.base, notApplying: bad }) + '\n');
  else process.stdout.write(`exported ${r.commits} commits onto ${opts.base} to ${r.dir}${bad.length ? `; stage(s) ${bad.join(', ')} do not apply there (commit message marked; conflicting hunk dropped)` : ''}\n`);
  return 0;
}
