// The series check: every step of every scenario compared and judged, claims checked, contract
// violations located, findings matched against the approved list. Pure: observations come in;
// the domain judges.

import { checkClaim, type StepClaim } from './claims.ts';
import { compareObservations, type Verdict } from './compare.ts';
import type { ContractViolation, Difference, Domain, DomainTypes, Observation } from './domain.ts';

export type FindingKind = 'regressed' | 'undeclared' | 'contract';

/**
 * A finding: one kind of problem at one step of one scenario. Its signatures say what and where,
 * independent of the scenario's name (step, kind, and the domain's description of the difference
 * or contract: operation, event kind, decision point, cache and gfp class), so that the same known
 * problem reached by another scenario is recognised.
 */
export interface Finding {
  stage: string;
  scenario: string;
  finding: FindingKind;
  signatures: string[];
}

/** An approval: one signature, with the one-line reason it is accepted, and where it was first seen. */
export interface Approval {
  signature: string;
  reason: string;
  example?: { stage: string; scenario: string };
}

/** Kept for readers of the old name. */
export type ApprovedFinding = Approval;

export interface StepCell<T extends DomainTypes> {
  stage: string;
  scenario: string;
  verdict: Verdict;
  reason?: string;
  differences: Difference<T>[];
  undeclared: Difference<T>[];
  declaredIds: string[];
  /** Contract violations at this stage, and whether each is new at this step. */
  contract: (ContractViolation & { isNew: boolean })[];
}

export interface StageInfo<T extends DomainTypes> {
  number: number;
  slug: string;
  subject: string;
  claim: StepClaim<T> | null;
}

export interface CheckReport<T extends DomainTypes> {
  stages: StageInfo<T>[];
  scenarios: string[];
  /** cells[stageIndex][scenarioIndex]; stage 0 only carries its contract violations. */
  cells: StepCell<T>[][];
  findings: Finding[];
  /** Findings with at least one signature nobody approved. */
  newFindings: Finding[];
  /** Approvals no finding of this run carries (meaningful for a run over the whole shipped set). */
  vanished: Approval[];
}

/** The signatures of a finding that are not approved. */
export function unapproved(f: Finding, approved: ReadonlySet<string>): string[] {
  return f.signatures.filter((s) => !approved.has(s));
}

/** The approvals that cover a finding's signatures (all of them when the finding is known). */
export function approvalsOf(f: Finding, approved: readonly Approval[]): Approval[] {
  const sigs = new Set(f.signatures);
  return approved.filter((a) => sigs.has(a.signature));
}

/** A finding is known when every one of its signatures is approved. */
export function isKnown(f: Finding, approved: readonly Approval[]): boolean {
  const sigs = new Set(approved.map((a) => a.signature));
  return f.signatures.every((s) => sigs.has(s));
}

const sigOf = (stage: string, kind: FindingKind, domainSig: string) => `${stage} ${kind} ${domainSig}`;

/**
 * observations[stageIndex][scenarioIndex], stages in series order (stage 0 first).
 */
export function checkSeries<T extends DomainTypes>(domain: Domain<T>, stages: readonly StageInfo<T>[], scenarios: readonly string[], observations: readonly (readonly Observation<T>[])[], approved: readonly Approval[]): CheckReport<T> {
  const cells: StepCell<T>[][] = [];
  const findings: Finding[] = [];
  // Each observation's contract violations, computed once: a stage's are the next stage's "before".
  let before: ReturnType<Domain<T>['contracts']>[] = [];
  stages.forEach((st, si) => {
    const row: StepCell<T>[] = [];
    const now = scenarios.map((_, ci) => domain.contracts(observations[si][ci]));
    scenarios.forEach((sc, ci) => {
      const b = observations[si][ci];
      const prev = new Set(si > 0 ? before[ci].map((v) => v.message) : []);
      const contract = now[ci].map((v) => ({ ...v, isNew: !prev.has(v.message) }));
      const fresh = contract.filter((c) => c.isNew);
      if (fresh.length) findings.push({ stage: st.slug, scenario: sc, finding: 'contract', signatures: uniq(fresh.map((c) => sigOf(st.slug, 'contract', domain.contractSignature(c, b)))) });
      if (si === 0 || !st.claim) {
        row.push({ stage: st.slug, scenario: sc, verdict: 'equivalent', differences: [], undeclared: [], declaredIds: [], contract });
        return;
      }
      const cmp = compareObservations(domain, observations[si - 1][ci], b);
      const claim = checkClaim(st.claim, cmp);
      const opOf = (at: string) => b.ops.find((o) => o.index === at);
      if (cmp.verdict === 'regressed') findings.push({ stage: st.slug, scenario: sc, finding: 'regressed', signatures: uniq(cmp.differences.filter((d) => d.effect === 'regressed').map((d) => sigOf(st.slug, 'regressed', domain.signature(d, opOf(d.at))))) });
      if (claim.undeclared.length) findings.push({ stage: st.slug, scenario: sc, finding: 'undeclared', signatures: uniq(claim.undeclared.map((d) => sigOf(st.slug, 'undeclared', domain.signature(d, opOf(d.at))))) });
      row.push({
        stage: st.slug,
        scenario: sc,
        verdict: cmp.verdict,
        reason: cmp.reason,
        differences: cmp.differences,
        undeclared: claim.undeclared,
        declaredIds: [...new Set(claim.declared.map((d) => d.id))],
        contract,
      });
    });
    cells.push(row);
    before = now;
  });
  const approvedSigs = new Set(approved.map((a) => a.signature));
  const seen = new Set(findings.flatMap((f) => f.signatures));
  return {
    stages: [...stages],
    scenarios: [...scenarios],
    cells,
    findings,
    newFindings: findings.filter((f) => unapproved(f, approvedSigs).length > 0),
    vanished: approved.filter((a) => !seen.has(a.signature)),
  };
}

export type CheckState = 'pass' | 'warning' | 'fail';

/** A cell's state: fail for a new finding, warning for an approved one or a declared change. */
export function cellState<T extends DomainTypes>(report: CheckReport<T>, cell: StepCell<T>, approved: readonly Approval[]): CheckState {
  const mine = report.findings.filter((f) => f.stage === cell.stage && f.scenario === cell.scenario);
  const sigs = new Set(approved.map((a) => a.signature));
  if (mine.some((f) => unapproved(f, sigs).length)) return 'fail';
  if (mine.length || cell.verdict === 'regressed') return 'warning';
  return 'pass';
}

export function worstState(states: readonly CheckState[]): CheckState {
  if (states.includes('fail')) return 'fail';
  if (states.includes('warning')) return 'warning';
  return 'pass';
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)].sort();
}
