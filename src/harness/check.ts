// The series check: every step of every scenario compared and judged, claims checked, contract
// violations located, findings matched against the approved list. Pure: observations come in.

import { checkClaim, type StepClaim } from './claims.ts';
import { compareObservations, type Difference, type Verdict } from './compare.ts';
import type { Observation } from './observation.ts';
import { contractViolations } from './contract.ts';

export type FindingKind = 'regressed' | 'undeclared' | 'contract';

export interface Finding {
  stage: string;
  scenario: string;
  finding: FindingKind;
}

export interface ApprovedFinding extends Finding {
  reason: string;
}

export interface StepCell {
  stage: string;
  scenario: string;
  verdict: Verdict;
  reason?: string;
  differences: Difference[];
  undeclared: Difference[];
  declaredIds: string[];
  /** Contract violations (invariants) at this stage, and whether each is new at this step. */
  contract: { violation: string; isNew: boolean }[];
}

export interface StageInfo {
  number: number;
  slug: string;
  subject: string;
  claim: StepClaim | null;
}

export interface CheckReport {
  stages: StageInfo[];
  scenarios: string[];
  /** cells[stageIndex][scenarioIndex]; stage 0 only carries its contract violations. */
  cells: StepCell[][];
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
export function checkSeries(stages: readonly StageInfo[], scenarios: readonly string[], observations: readonly (readonly Observation[])[], approved: readonly ApprovedFinding[]): CheckReport {
  const cells: StepCell[][] = [];
  const findings: Finding[] = [];
  stages.forEach((st, si) => {
    const row: StepCell[] = [];
    scenarios.forEach((sc, ci) => {
      const b = observations[si][ci];
      const prevInv = si > 0 ? contractViolations(observations[si - 1][ci]) : [];
      const contract = contractViolations(b).map((v) => ({ violation: v, isNew: !prevInv.includes(v) }));
      if (contract.some((c) => c.isNew)) findings.push({ stage: st.slug, scenario: sc, finding: 'contract' });
      if (si === 0 || !st.claim) {
        row.push({ stage: st.slug, scenario: sc, verdict: 'equivalent', differences: [], undeclared: [], declaredIds: [], contract });
        return;
      }
      const cmp = compareObservations(observations[si - 1][ci], b);
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
export function cellState(report: CheckReport, cell: StepCell, approved: readonly ApprovedFinding[]): CheckState {
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
