// `slabseries range-diff OLD NEW`: two series compared patch by patch, in the spirit of
// `git range-diff` (the pairing and interdiffs are computed by src/harness/range-diff.ts; this file
// reads the stage trees and renders). A summary line per patch first, like `git range-diff`'s
// "1: abc = 1: def" lines, then per pair what the manifests say differently and the interdiff.

import pc from 'picocolors';
import { renderFileDiff } from '../patches/format.ts';
import { readStageTrees, stageDiff } from '../patches/generate.ts';
import { rangeDiff, type InterdiffHunk, type Part, type PairRow, type RangeDiff, type RangeRow, type RangeSeries } from '../harness/range-diff.ts';
import type { Series } from '../harness/series.ts';
import type { Slab } from '../slab/observation.ts';
import { colorEnabled, nn, pickSeries, UsageError } from './context.ts';

export interface RangeDiffOptions {
  json?: boolean;
  stat?: boolean;
  pair?: string;
}

/** A series as range-diff reads it: every patch's TypeScript diff, rendered from the stage trees. */
export function rangeSeries(series: Series<Slab>): RangeSeries<Slab> {
  const trees = readStageTrees(series.stagesDir, series.stages.map((s) => s.slug));
  return { name: series.name, patches: series.entries.map((entry) => ({ entry, diff: stageDiff(trees, entry.number).map(renderFileDiff).join('') })) };
}

export function computeRangeDiff(oldName: string, newName: string): RangeDiff {
  return rangeDiff(rangeSeries(pickSeries(oldName)), rangeSeries(pickSeries(newName)));
}

/**
 * --pair NN: the row of patch NN of the new series; --pair OLD:NN (e.g. rfc:15) the row of patch NN
 * of the old series (the only way to name a dropped patch).
 */
export function selectRow(r: RangeDiff, arg: string): RangeRow {
  const m = /^(?:([A-Za-z0-9_-]+):)?(\d{1,2})$/.exec(arg);
  if (!m) throw new UsageError(`--pair "${arg}": expected NN (a ${r.new} patch) or ${r.old}:NN`);
  const side = m[1] ?? r.new;
  if (side !== r.old && side !== r.new) throw new UsageError(`--pair "${arg}": "${side}" is neither ${r.old} nor ${r.new}`);
  const n = Number(m[2]);
  const row = r.rows.find((x) => (side === r.new ? x.type !== 'dropped' && x.new.number === n : x.type !== 'added' && x.old.number === n));
  if (!row) throw new UsageError(`--pair "${arg}": ${side} has no patch ${nn(n)}`);
  return row;
}

export function cmdRangeDiff(oldName: string, newName: string, opts: RangeDiffOptions): number {
  const r = computeRangeDiff(oldName, newName);
  const rows = opts.pair !== undefined ? [selectRow(r, opts.pair)] : r.rows;
  if (opts.json) {
    process.stdout.write(JSON.stringify(opts.pair !== undefined ? { old: r.old, new: r.new, rows } : r, null, 2) + '\n');
    return 0;
  }
  const c = pc.createColors(colorEnabled(process.stdout));
  const out = [renderCounts(r), '', ...rows.map((x) => summaryLine(r, x)), ''];
  if (!opts.stat) for (const x of rows) out.push(...renderRow(r, x, c), '');
  if (opts.stat && opts.pair === undefined) out.push(`per pair: slabseries range-diff ${r.old} ${r.new} --pair NN (interdiff and manifest differences)`);
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}

// ---- text ---------------------------------------------------------------------------------------------

type Colors = ReturnType<typeof pc.createColors>;

export function renderCounts(r: RangeDiff): string {
  const k = r.counts;
  return `range-diff ${r.old} -> ${r.new}: ${k.old} -> ${k.new} patches; ${k.pairs} paired (${k.unchanged} unchanged, ${k.changed} changed; ${k.reordered} reordered, ${k.shifted} shifted), ${k.dropped} dropped, ${k.added} added, ${k.splits} split`;
}

const ref = (series: string, n: number) => `${series} ${nn(n)}`;
const partList = (ps: readonly Part[], side: 'from' | 'to', series: string) => ps.map((p) => `${ref(series, p[side].number)} (${p.lines.length} line${p.lines.length === 1 ? '' : 's'})`).join(', ');

/** git range-diff's one line per patch: "05 ! 06 subject", "-- > 12 subject", "15 < -- subject". */
export function summaryLine(r: RangeDiff, x: RangeRow): string {
  if (x.type === 'added') return `  -- > ${nn(x.new.number)}  ${x.new.subject}  [added${x.partsFrom.length ? `; lines from ${partList(x.partsFrom, 'from', r.old)}` : ''}]`;
  if (x.type === 'dropped') return `  ${nn(x.old.number)} < --  ${x.old.subject}  [dropped${x.partsIn.length ? `; lines went to ${partList(x.partsIn, 'to', r.new)}` : ''}]`;
  const mark = x.interdiff.state === 'changed' ? '!' : '=';
  const notes: string[] = [];
  if (x.position !== 'same') notes.push(x.position);
  if (x.interdiff.state === 'context-only') notes.push('context only');
  if (x.interdiff.state === 'changed') notes.push(`interdiff -${x.interdiff.removed}/+${x.interdiff.added}`);
  if (x.rewritten) notes.push('rewritten: subject and declared changes replaced');
  if (x.manifest.kind) notes.push(`${x.manifest.kind.old} -> ${x.manifest.kind.new}`);
  if (x.alsoFrom.length) notes.push(`also from ${partList(x.alsoFrom, 'from', r.old)}`);
  if (x.alsoInto.length) notes.push(`split: also into ${partList(x.alsoInto, 'to', r.new)}`);
  const head = `  ${nn(x.old.number)} ${mark} ${nn(x.new.number)}  ${x.new.subject}`;
  const was = x.subjectChanged ? `\n           (was: ${x.old.subject})` : '';
  return `${head}${notes.length ? `  [${notes.join('; ')}]` : ''}${was}`;
}

function renderHunks(hunks: readonly InterdiffHunk[], c: Colors): string[] {
  const out: string[] = [];
  for (const h of hunks) {
    out.push(c.cyan(`    @@ ${h.section}`));
    for (const l of h.lines) out.push(l[0] === '-' ? c.red(`    ${l}`) : l[0] === '+' ? c.green(`    ${l}`) : `    ${l}`);
  }
  return out;
}

export function renderRow(r: RangeDiff, x: RangeRow, c: Colors): string[] {
  if (x.type === 'added') {
    const out = [c.bold(`-- > ${ref(r.new, x.new.number)}: ${x.new.subject}`), `  added: no ${r.old} patch shares enough of its code or subject`];
    if (x.partsFrom.length) out.push(`  lines also changed by ${partList(x.partsFrom, 'from', r.old)}`);
    for (const p of x.samePlaces) out.push(`  changes the same places as ${ref(r.old, p.in.number)}: ${p.places.join('; ')}`);
    return out;
  }
  if (x.type === 'dropped') {
    const out = [c.bold(`${ref(r.old, x.old.number)} < --: ${x.old.subject}`), `  dropped: no ${r.new} patch shares enough of its code or subject`];
    if (x.partsIn.length) out.push(`  some of its lines went to ${partList(x.partsIn, 'to', r.new)}`);
    for (const p of x.samePlaces) out.push(`  ${ref(r.new, p.in.number)} changes the same places: ${p.places.join('; ')}`);
    return out;
  }
  return renderPair(r, x, c);
}

function renderPair(r: RangeDiff, x: PairRow, c: Colors): string[] {
  const m = x.manifest;
  const out = [c.bold(`${ref(r.old, x.old.number)} ${x.interdiff.state === 'changed' ? '!' : '='} ${ref(r.new, x.new.number)}: ${x.new.subject}`)];
  if (x.subjectChanged) out.push(`  subject was: ${x.old.subject}`);
  out.push(`  position: ${x.position}${x.position === 'same' ? '' : ` (${nn(x.old.number)} -> ${nn(x.new.number)})`}; likeness ${x.score.total} (code ${x.score.content}, subject ${x.score.subject}, kernel files/functions ${x.score.places})`);
  if (x.rewritten) out.push(`  rewritten: the subject changed and none of ${r.old} ${nn(x.old.number)}'s declared changes is declared here (its idea was dropped)`);
  out.push(`  kind: ${m.kind ? `${m.kind.old} -> ${m.kind.new}` : 'unchanged'}`);
  const moves = [...m.moves.removed.map((s) => `- ${s}`), ...m.moves.added.map((s) => `+ ${s}`), ...m.moves.reworded.map((s) => `~ ${s.old} -> ${s.new}`)];
  out.push(`  moves: ${moves.length ? '' : 'unchanged'}`.trimEnd());
  for (const s of moves) out.push(`    ${s}`);
  const declared = [...m.declared.removed.map((d) => `- ${d.id}: ${d.description}`), ...m.declared.added.map((d) => `+ ${d.id}: ${d.description}`), ...m.declared.kept.filter((d) => d.descriptionChanged).map((d) => `~ ${d.id} (description reworded)`)];
  out.push(`  declared changes: ${declared.length ? '' : m.declared.kept.length ? 'unchanged' : 'none on either side'}`.trimEnd());
  for (const s of declared) out.push(`    ${s}`);
  const lists: [string, { removed: string[]; added: string[] }][] = [
    ['kernel files', m.kernelFiles],
    ['kernel functions', m.functions],
  ];
  for (const [name, d] of lists) if (d.removed.length || d.added.length) out.push(`  ${name}: ${[...d.removed.map((s) => `-${s}`), ...d.added.map((s) => `+${s}`)].join(' ')}`);
  for (const s of m.signatures) out.push(`  signature ${s.fn}: ${s.old ? `(${s.old.join(', ')})` : '(not given)'} -> ${s.new ? `(${s.new.join(', ')})` : '(not given)'}`);
  if (x.alsoFrom.length) out.push(`  also takes lines from ${partList(x.alsoFrom, 'from', r.old)}:`, ...x.alsoFrom.flatMap((p) => p.lines.map((l) => `    ${ref(r.old, p.from.number)}: ${l}`)));
  if (x.alsoInto.length) out.push(`  some of its lines went to ${partList(x.alsoInto, 'to', r.new)}:`, ...x.alsoInto.flatMap((p) => p.lines.map((l) => `    ${ref(r.new, p.to.number)}: ${l}`)));
  out.push(`  commit message: ${x.messageChanged ? `rewritten (-${count(x.messageInterdiff, '-')}/+${count(x.messageInterdiff, '+')} lines; --json has its diff)` : 'unchanged'}`);
  if (x.interdiff.state === 'identical') out.push('  interdiff: none (the patches are identical)');
  else {
    out.push(`  interdiff (${x.interdiff.state === 'context-only' ? 'context lines only' : `-${x.interdiff.removed}/+${x.interdiff.added}`}):`);
    out.push(...renderHunks(x.interdiff.hunks, c));
  }
  return out;
}

const count = (hunks: readonly InterdiffHunk[], sign: '+' | '-') => hunks.reduce((n, h) => n + h.lines.filter((l) => l[0] === sign).length, 0);
