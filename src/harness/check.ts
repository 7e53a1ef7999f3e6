// The series check: every step of every scenario compared and judged, claims checked, contract
// violations located, findings matched against the approved list. Pure: observations come in;
// the domain judges.

import { checkClaim, type StepClaim } from './claims.ts';
import { compareObservations, type Verdict } from './compare.ts';
import type { ContractViolation, Difference, Domain, DomainTypes, Observation } from './domain.ts';

export type FindingKind = 'regressed' | 'undeclared' | 'contract';

export interface Finding {
  stage: string;
  scenario: string;
  finding: FindingKind;
}

export interface ApprovedFinding extends Finding {
  reason: string;
}

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
  newFindings: Finding[];
  vanished: ApprovedFinding[];
}

export function findingKey(f: Finding): string {
  return `${f.stage}\u0000${f.scenario}\u0000${f.finding}`;
}

/**
 * observations[stageIndex][scenarioIndex], stages in series order (stage 0 first).
 */
export function checkSeries<T extends DomainTypes>(domain: Domain<T>, stages: readonly StageInfo<T>[], scenarios: readonly string[], observations: readonly (readonly Observation<T>[])[], approved: readonly ApprovedFinding[]): CheckReport<T> {
  const cells: StepCell<T>[][] = [];
  const findings: Finding[] = [];
  stages.forEach((st, si) => {
    const row: StepCell<T>[] = [];
    scenarios.forEach((sc, ci) => {
      const b = observations[si][ci];
      const prev = new Set(si > 0 ? domain.contracts(observations[si - 1][ci]).map((v) => v.message) : []);
      const contract = domain.contracts(b).map((v) => ({ ...v, isNew: !prev.has(v.message) }));
      if (contract.some((c) => c.isNew)) findings.push({ stage: st.slug, scenario: sc, finding: 'contract' });
      if (si === 0 || !st.claim) {
        row.push({ stage: st.slug, scenario: sc, verdict: 'equivalent', differences: [], undeclared: [], declaredIds: [], contract });
        return;
      }
      const cmp = compareObservations(domain, observations[si - 1][ci], b);
      const claim = checkClaim(st.claim, cmp);
      if (cmp.verdict === 'regressed') findings.push({ stage: st.slug, scenario: sc, finding: 'regressed' });
      if (claim.undeclared.length) findings.push({ stage: st.slug, scenario: sc, finding: 'undeclared' });
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
  });
  const approvedKeys = new Set(approved.map(findingKey));
  const seenKeys = new Set(findings.map(findingKey));
  return {
    stages: [...stages],
    scenarios: [...scenarios],
    cells,
    findings,
    newFindings: findings.filter((f) => !approvedKeys.has(findingKey(f))),
    vanished: approved.filter((a) => !seenKeys.has(findingKey(a))),
  };
}

export type CheckState = 'pass' | 'warning' | 'fail';

/** A cell's state: fail for a new finding, warning for an approved one or a declared change. */
export function cellState<T extends DomainTypes>(report: CheckReport<T>, cell: StepCell<T>, approved: readonly ApprovedFinding[]): CheckState {
  const mine = report.findings.filter((f) => f.stage === cell.stage && f.scenario === cell.scenario);
  const keys = new Set(approved.map(findingKey));
  if (mine.some((f) => !keys.has(findingKey(f)))) return 'fail';
  if (mine.length || cell.verdict === 'regressed') return 'warning';
  return 'pass';
}

export function worstState(states: readonly CheckState[]): CheckState {
  if (states.includes('fail')) return 'fail';
  if (states.includes('warning')) return 'warning';
  return 'pass';
}
