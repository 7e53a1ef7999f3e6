// Rendering a series check: the stage x scenario matrix, then per-step summaries in the style of
// the kernel test robot (new findings prefixed with ">>"), and the machine form.

import pc from 'picocolors';
import { approvedSet, cellState, unapproved, worstState, type ApprovedFinding, type CheckReport as GenericReport, type CheckState, type FindingKind, type StepCell as GenericCell } from '../harness/check.ts';
import type { Verdict } from '../harness/compare.ts';
import type { Slab } from '../slab/observation.ts';
import { domain, selfCommand, seriesOption } from './context.ts';

type CheckReport = GenericReport<Slab>;
type StepCell = GenericCell<Slab>;

const SYMBOL: Record<Verdict, string> = { equivalent: '=', changed: '~', improved: '+', regressed: '!', 'n/a': '.' };

export function renderMatrix(r: CheckReport, color: boolean): string {
  const c = pc.createColors(color);
  const paint = (v: Verdict, s: string) => (v === 'regressed' ? c.red(s) : v === 'improved' ? c.green(s) : v === 'changed' ? c.yellow(s) : v === 'n/a' ? c.dim(s) : s);
  const w = Math.max(...r.scenarios.map((s) => s.length), 8);
  const head = ' '.repeat(w) + '  ' + r.stages.map((s) => String(s.number).padStart(2, '0')).join(' ');
  const lines = [head];
  r.scenarios.forEach((sc, ci) => {
    const cells = r.stages.map((st, si) => {
      const cell = r.cells[si][ci];
      // The base has no step to judge: its cell shows its contract violations. (By the stage's
      // number, not its column: --stage NN leaves one column, which is not the base.)
      const base = st.number === 0;
      const sym = base ? (cell.contract.length ? '!' : '=') : SYMBOL[cell.verdict];
      const mark = cell.undeclared.length ? '*' : cell.contract.some((x) => x.isNew) ? 'c' : ' ';
      return paint(base && cell.contract.length ? 'regressed' : cell.verdict, sym + mark);
    });
    lines.push(sc.padEnd(w) + '  ' + cells.join(' '));
  });
  lines.push('', `legend: = equivalent  ~ changed (internal only)  + improved  ! regressed  . n/a   * undeclared change  c new contract violation`);
  return lines.join('\n') + '\n';
}

function sideBySide(before: string[], after: string[], a: string, b: string): string[] {
  const w = Math.max(28, ...before.map((l) => l.length));
  const out = [`       ${a.padEnd(w)}   ${b}`];
  for (let i = 0; i < Math.max(before.length, after.length); i++) out.push(`       ${(before[i] ?? '').padEnd(w)}   ${after[i] ?? ''}`);
  return out;
}

export function renderSummaries(r: CheckReport, approved: readonly ApprovedFinding[], scenarioFile: (name: string) => string, color: boolean, series: string): string {
  const c = pc.createColors(color);
  const sigs = approvedSet(approved);
  const out: string[] = [];
  r.stages.forEach((st, si) => {
    const cells = r.cells[si];
    const mine = r.findings.filter((f) => f.stage === st.slug);
    const counts = new Map<string, number>();
    for (const cell of cells) counts.set(cell.verdict, (counts.get(cell.verdict) ?? 0) + 1);
    out.push(c.bold(`${String(st.number).padStart(2, '0')} ${st.subject}`) + (st.claim ? ` [${st.claim.kind}]` : ''));
    if (si > 0) out.push(`   verdicts: ${['regressed', 'improved', 'changed', 'equivalent', 'n/a'].filter((v) => counts.get(v)).map((v) => `${counts.get(v)} ${v}`).join(', ')}`);
    const inherited = cells.filter((x) => x.contract.length && !x.contract.some((c) => c.isNew)).map((x) => x.scenario);
    if (inherited.length) out.push(`   pre-existing contract violations (not new at this step): ${inherited.join(', ')}`);
    if (!mine.length) {
      out.push('   no findings', '');
      return;
    }
    for (const f of mine) {
      const cell = cells.find((x) => x.scenario === f.scenario)!;
      const fresh = unapproved(f, sigs);
      const reasons = [...new Set(f.signatures.map((x) => sigs.find(x)?.reason).filter((x): x is string => !!x))];
      const prefix = fresh.length ? c.red('>>') : '  ';
      out.push(`${prefix} ${f.finding}: ${f.scenario}${fresh.length ? '' : ` (known, approved: ${reasons.join('; ')})`}`);
      for (const x of fresh) out.push(`     new signature: ${x}`);
      for (const d of pick(cell, f.finding)) {
        out.push(`     [${d.at}] ${d.what}`);
        const { before, after } = domain.render.difference(d);
        if (before.length || after.length) out.push(...sideBySide(before, after, `stage ${String(st.number - 1).padStart(2, '0')}`, `stage ${String(st.number).padStart(2, '0')}`));
      }
      if (f.finding === 'contract') for (const v of cell.contract.filter((x) => x.isNew)) out.push(`     ${v.message} (${v.contract})`);
      out.push(`     reproduce: ${selfCommand()} run ${scenarioFile(f.scenario)} --stage ${String(st.number).padStart(2, '0')}${seriesOption(series)}`);
    }
    out.push('');
  });
  for (const v of r.vanished) out.push(`${c.red('>>')} approved finding vanished: ${v.signature} (${v.reason})`);
  for (const v of r.staleExamples) out.push(`${c.red('>>')} approval example stale: ${v.signature} is no longer shown by its example ${v.example!.scenario} at ${v.example!.stage} (check --approve moves it to where it is shown now)`);
  return out.join('\n') + '\n';
}

function pick(cell: StepCell, kind: string) {
  const list = kind === 'undeclared' ? cell.undeclared : kind === 'regressed' ? cell.differences.filter((d) => d.effect === 'regressed') : [];
  return list.slice(0, 4);
}

/** One signature of a cell's finding, and the approval that covers it (null: a new signature). */
export interface CheckJsonFinding {
  kind: FindingKind;
  signature: string;
  approvedBy: string | null;
}

export interface CheckJson {
  series: { state: CheckState; newFindings: number; vanishedApprovals: number; staleExamples: number };
  /** Approvals whose example no longer shows them (where the approvals file sends a reader). */
  staleExamples: { signature: string; example: { stage: string; scenario: string } }[];
  stages: {
    stage: string;
    subject: string;
    kind: string;
    state: CheckState;
    checks: {
      context: string;
      state: CheckState;
      verdict: Verdict;
      description: string;
      /** The cell's findings, one entry per signature (absent when it has none). */
      findings?: CheckJsonFinding[];
    }[];
  }[];
}

export function toJson(r: CheckReport, approved: readonly ApprovedFinding[]): CheckJson {
  const sigs = approvedSet(approved);
  // A machine reader (a CI annotation, the explore bench) needs a finding's signatures and the
  // approval each one is known by, not only the cell's state.
  const byCell = new Map<string, CheckJsonFinding[]>();
  for (const f of r.findings) {
    const key = `${f.stage}/${f.scenario}`;
    const list = byCell.get(key) ?? [];
    for (const signature of f.signatures) list.push({ kind: f.finding, signature, approvedBy: sigs.find(signature)?.signature ?? null });
    byCell.set(key, list);
  }
  const stages = r.stages.map((st, si) => {
    const checks = r.cells[si].map((cell) => {
      const state = cellState(r, cell, approved);
      const parts = [st.number === 0 ? 'base' : cell.verdict];
      if (cell.reason) parts.push(cell.reason);
      if (cell.undeclared.length) parts.push(`${cell.undeclared.length} undeclared difference(s): ${cell.undeclared[0].what}`);
      if (cell.declaredIds.length) parts.push(`declared: ${cell.declaredIds.join(', ')}`);
      const newC = cell.contract.filter((x) => x.isNew);
      const oldC = cell.contract.filter((x) => !x.isNew);
      if (newC.length) parts.push(`new contract violation(s): ${newC.map((x) => x.message).join('; ')}`);
      if (oldC.length) parts.push(`pre-existing contract violation(s): ${oldC.map((x) => x.message).join('; ')}`);
      const findings = byCell.get(`${st.slug}/${cell.scenario}`);
      return { context: `slabseries/${st.slug}/${cell.scenario}`, state, verdict: cell.verdict, description: parts.join('; '), ...(findings ? { findings } : {}) };
    });
    return { stage: st.slug, subject: st.subject, kind: st.claim?.kind ?? 'base', state: worstState(checks.map((x) => x.state)), checks };
  });
  const seriesState = r.newFindings.length || r.vanished.length || r.staleExamples.length ? 'fail' : worstState(stages.map((s) => s.state));
  return {
    series: { state: seriesState, newFindings: r.newFindings.length, vanishedApprovals: r.vanished.length, staleExamples: r.staleExamples.length },
    staleExamples: r.staleExamples.map((a) => ({ signature: a.signature, example: a.example! })),
    stages,
  };
}
