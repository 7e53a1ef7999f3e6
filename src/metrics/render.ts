// Text rendering of a metrics report (pure).

import type { MetricsReport, StepReport } from './run.ts';
import type { StageFacts } from './stage.ts';
import { signatureOf } from './stage.ts';
import type { TrendRow } from './trends.ts';

const nn = (n: number) => String(n).padStart(2, '0');

export function renderTrends(rows: readonly TrendRow[]): string {
  const head = ['stage', 'internal params', 'gfp spin tests', '__GFP_NO_OBJ_EXT refs', 'alloc_flags tests', 'fns taking slab_alloc_context'];
  const body = rows.map((r) => [nn(r.stage), `${r.internalParams} (${r.internalFunctions} fns)`, String(r.gfpSpinCalls), String(r.noObjExtRefs), String(r.allocFlagsTests), String(r.contextFunctions)]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ').trimEnd();
  return [
    'Trends over the series (one row per stage)',
    line(head),
    line(w.map((x) => '-'.repeat(x))),
    ...body.map(line),
    'internal params = total parameters of the functions whose signature the series changes (manifest `signatures`);',
    'gfp spin tests = gfpflags_allow_spinning() calls in mm/slub, mm/slab, mm/memcontrol, mm/kfence/core;',
    'alloc_flags tests = alloc_flags_allow_spinning() calls plus `… & SLAB_ALLOC_…` tests.',
    '',
  ].join('\n');
}

export function renderStep(s: StepReport): string {
  const out: string[] = [];
  out.push(`step ${nn(s.number - 1)} → ${nn(s.number)}  ${s.slug}: ${s.subject}`);
  out.push(`  declared move: ${s.declaredMove || '(none)'}`);
  const fnLine: string[] = [];
  if (s.added.length) fnLine.push(`added ${s.added.join(', ')}`);
  if (s.removed.length) fnLine.push(`removed ${s.removed.join(', ')}`);
  if (s.renamed.length) fnLine.push(`renamed ${s.renamed.map((r) => `${r.from} → ${r.to} (${r.similarity})`).join(', ')}`);
  out.push(`  functions: ${fnLine.join('; ') || 'none added, removed or renamed'}`);
  if (s.paramChanges.length) {
    out.push('  parameter lists changed:');
    for (const p of s.paramChanges) out.push(`    ${p.text}`);
  }
  out.push('  detected moves:');
  if (!s.moves.length) out.push('    (none)');
  for (const m of s.moves) {
    out.push(`    ${m.move}${m.phases ? ` (${m.phases.join('+')})` : ''}`);
    for (const e of m.evidence) out.push(`      - ${e}`);
  }
  out.push(`  declared vs detected: ${s.comparison.verdict}`);
  for (const c of s.comparison.components) out.push(`    [${c.status}] ${c.declared.text}${c.note ? ` — ${c.note}` : ''}`);
  for (const w of s.comparison.why) out.push(`    why: ${w}`);
  const f = s.fidelity;
  const missing = f.missing.map((m) => `${m.fn}${m.absent ? ' (no TS counterpart)' : ''}`);
  const extra = f.extra.map((x) => `${x.fn} (${x.kind})`);
  out.push(`  fidelity: overlap ${f.overlap.length}/${f.kernel.length}${f.overlap.length ? ` (${f.overlap.join(', ')})` : ''}; missing: ${missing.join(', ') || 'none'}; extra: ${extra.join(', ') || 'none'}`);
  const api = s.api;
  const apiChanges = [...api.added.map((a) => `+${a.signature}`), ...api.removed.map((a) => `-${a.signature}`), ...api.changed.map((c) => `${c.before.signature} → ${c.after.signature}`)];
  if (!apiChanges.length) out.push(`  public API (include/linux/slab.ts): unchanged${api.declared ? ' (the real patch touches include/linux/slab.h)' : ''}`);
  else out.push(`  public API (include/linux/slab.ts): ${apiChanges.join('; ')}${api.flagged ? '  [FLAGGED: the manifest declares no change to include/linux/slab.h]' : ' (declared: the real patch touches include/linux/slab.h)'}`);
  if (s.signatures.length) {
    const ok = s.signatures.filter((x) => x.ok).length;
    const bad = s.signatures.filter((x) => !x.ok).map((x) => `${x.fn}: expected (${x.expected.join(', ')}), ${x.actual ? `found (${x.actual.join(', ')})` : 'not found'}`);
    out.push(`  signatures vs manifest: ${ok}/${s.signatures.length} match${bad.length ? '; ' + bad.join('; ') : ''}`);
  }
  if (s.comparison.verdict !== 'agrees') out.push(`  closing note: ${s.assessment ?? 'UNASSESSED: no reviewed note says whether the declaration or the detector is wrong'}`);
  return out.join('\n') + '\n';
}

export function renderStageFunctions(f: StageFacts): string {
  const out = [`stage ${nn(f.number)} ${f.slug}: ${f.functions.length} functions`];
  out.push(`  counts: gfpflags_allow_spinning() calls ${f.counts.gfpSpinCalls}; __GFP_NO_OBJ_EXT refs ${f.counts.noObjExtRefs}; alloc_flags tests ${f.counts.allocFlagsTests}; functions taking slab_alloc_context ${f.counts.contextFunctions}; public API names ${f.counts.publicApi}`);
  if (f.gfpSpinSites.length) out.push(`  gfp spin tests in: ${f.gfpSpinSites.map((s) => s.fn ?? s.file).join(', ')}`);
  if (f.allocFlagsTestSites.length) out.push(`  alloc_flags tests: ${f.allocFlagsTestSites.map((s) => `${s.fn}: ${s.text}`).join('; ')}`);
  if (f.noObjExtSites.length) out.push(`  __GFP_NO_OBJ_EXT refs: ${f.noObjExtSites.map((s) => `${s.fn ?? s.file} ×${s.count}`).join(', ')}`);
  if (f.contextFunctions.length) out.push(`  taking slab_alloc_context: ${f.contextFunctions.join(', ')}`);
  let file = '';
  for (const fn of f.functions) {
    if (fn.file !== file) out.push(`  ${(file = fn.file)}`);
    out.push(`    ${signatureOf(fn)}  [${fn.paramCount}]`);
  }
  out.push(`  public API of include/linux/slab.ts (${f.publicApi.length}): ${f.publicApi.map((a) => (a.kind === 'function' ? a.signature : a.name)).join('; ')}`);
  return out.join('\n') + '\n';
}

export function renderClosing(steps: readonly StepReport[]): string {
  const out = ['Closing note: declared move vs detector'];
  for (const s of steps) {
    const unchecked = s.comparison.components.filter((c) => c.status === 'unchecked').map((c) => `"${c.declared.text}"`);
    const note = s.comparison.verdict === 'agrees' ? (unchecked.length ? `(not checkable by syntax: ${unchecked.join(', ')})` : '') : (s.assessment ?? 'UNASSESSED');
    out.push(`  ${nn(s.number)} ${s.comparison.verdict.padEnd(9)} ${note}`.trimEnd());
  }
  return out.join('\n') + '\n';
}

export function renderReport(r: MetricsReport, opts: { stage?: number } = {}): string {
  const parts = [renderTrends(r.trends)];
  for (const s of r.steps) parts.push(renderStep(s));
  if (opts.stage !== undefined) {
    const f = r.stages.find((x) => x.number === opts.stage);
    if (f) parts.push(renderStageFunctions(f));
    if (opts.stage === 0) parts.push('stage 00 is the base: it has no step.\n');
  }
  if (r.steps.length) parts.push(renderClosing(r.steps));
  return parts.join('\n');
}
