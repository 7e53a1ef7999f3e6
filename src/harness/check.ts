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
  /**
   * Approvals whose example (a stage and scenario this run judged) no longer shows a signature they
   * cover: the approval may still hold elsewhere, but the place a reader is sent to shows nothing.
   */
  staleExamples: Approval[];
}

/**
 * Approval signatures with classes left open. A signature ends in where it happens: `@entry [context
 * gfp-class cache-class]` (or `@end`). An approval may put `*` in place of the entry, of any of the
 * three bracketed classes, or of the whole bracket (`[*]` = `[* * *]`), when its reason holds for
 * every value there. Everything before ` @` — step, kind and the difference or contract — must
 * match exactly, and `@end` is never open. A `*` anywhere else is refused (approvalPatternError).
 */
interface Where {
  entry: string;
  classes: [string, string, string] | null;
}

// Signatures are split again and again when approvals are matched (every approval against every
// finding): remember the splits (they are small and there are a few hundred).
const splits = new Map<string, { head: string; where: Where | null }>();

function splitWhere(sig: string): { head: string; where: Where | null } {
  let r = splits.get(sig);
  if (!r) {
    if (splits.size > 100_000) splits.clear();
    splits.set(sig, (r = splitWhereUncached(sig)));
  }
  return r;
}

function splitWhereUncached(sig: string): { head: string; where: Where | null } {
  const at = sig.lastIndexOf(' @');
  if (at < 0) return { head: sig, where: null };
  const head = sig.slice(0, at);
  const m = /^@(\S+) \[(.*)\]$/.exec(sig.slice(at + 1));
  if (!m) return { head, where: sig.slice(at + 1) === '@end' ? { entry: 'end', classes: null } : null };
  const parts = m[2] === '*' ? ['*', '*', '*'] : m[2].split(' ');
  if (parts.length !== 3) return { head, where: null };
  return { head, where: { entry: m[1], classes: parts as [string, string, string] } };
}

/** Why an approval signature is not acceptable (a `*` outside the entry and the classes), or null. */
export function approvalPatternError(sig: string): string | null {
  if (!sig.includes('*')) return null;
  const { head, where } = splitWhere(sig);
  if (head.includes('*')) return 'a `*` may stand only for the @entry or the bracketed classes; the step, kind and difference must be exact';
  if (!where || where.entry === 'end') return 'a `*` needs the form "… @ENTRY [CONTEXT GFP CACHE]" (each, or the whole bracket, may be `*`); @end is never open';
  for (const x of [where.entry, ...(where.classes ?? [])]) if (x !== '*' && x.includes('*')) return `"${x}": a \`*\` stands for a whole field, not part of one`;
  return null;
}

/** Whether an approval signature (exact or with `*` fields) covers a finding signature. */
export function approvalMatches(pattern: string, signature: string): boolean {
  if (pattern === signature) return true;
  if (!pattern.includes('*')) return false;
  const p = splitWhere(pattern);
  const s = splitWhere(signature);
  if (p.head !== s.head || !p.where?.classes || !s.where?.classes) return false;
  if (p.where.entry !== '*' && p.where.entry !== s.where.entry) return false;
  return p.where.classes.every((c, i) => c === '*' || c === s.where!.classes![i]);
}

/** How many fields an approval leaves open (a `[*]` bracket is three). */
function openFields(sig: string): number {
  const w = splitWhere(sig).where;
  return w ? [w.entry, ...(w.classes ?? [])].filter((x) => x === '*').length : 0;
}

/**
 * The approvals as a set of signatures: `has` also answers for signatures an open approval covers;
 * `find` gives the covering approval, exact first, then the one with the fewest open fields.
 */
export interface ApprovedSet {
  has(signature: string): boolean;
  find(signature: string): Approval | undefined;
}

/** Built once per approval list (report rendering asks for every cell), each signature looked up once. */
const approvedSets = new WeakMap<readonly Approval[], ApprovedSet>();
export function approvedSet(approved: readonly Approval[]): ApprovedSet {
  const known = approvedSets.get(approved);
  if (known) return known;
  const exact = new Map(approved.map((a) => [a.signature, a]));
  const open = approved.filter((a) => a.signature.includes('*')).sort((a, b) => openFields(a.signature) - openFields(b.signature));
  const found = new Map<string, Approval | undefined>();
  const find = (sig: string) => {
    if (found.has(sig)) return found.get(sig);
    const a = exact.get(sig) ?? open.find((x) => approvalMatches(x.signature, sig));
    found.set(sig, a);
    return a;
  };
  const set: ApprovedSet = { has: (sig) => find(sig) !== undefined, find };
  approvedSets.set(approved, set);
  return set;
}

/** The signatures of a finding that are not approved. */
export function unapproved(f: Finding, approved: { has(signature: string): boolean }): string[] {
  return f.signatures.filter((s) => !approved.has(s));
}

/** The approvals that cover a finding's signatures (all of them when the finding is known). */
export function approvalsOf(f: Finding, approved: readonly Approval[]): Approval[] {
  const set = approvedSet(approved);
  const out = new Set<Approval>();
  for (const s of f.signatures) {
    const a = set.find(s);
    if (a) out.add(a);
  }
  return approved.filter((a) => out.has(a));
}

/** A finding is known when every one of its signatures is approved. */
export function isKnown(f: Finding, approved: readonly Approval[]): boolean {
  const set = approvedSet(approved);
  return f.signatures.every((s) => set.has(s));
}

const sigOf = (stage: string, kind: FindingKind, domainSig: string) => `${stage} ${kind} ${domainSig}`;

/** One judged cell: the step's verdict for one scenario and the findings it raises. */
export interface CellResult<T extends DomainTypes> {
  cell: StepCell<T>;
  findings: Finding[];
}

/**
 * Judgements already made, keyed by whatever determines them (the two observations, the step's
 * claim, the judge's code): a cache at the edge may answer for a cell so that its observations are
 * never read. `get` and `put` take the row (index into `stages`) and the scenario index.
 */
export interface CellMemo<T extends DomainTypes> {
  get(row: number, ci: number): CellResult<T> | undefined;
  put(row: number, ci: number, r: CellResult<T>): void;
}

/**
 * Judge one scenario at one step: `prev` is the observation at the stage before (null for the first
 * row), `prevContract` the messages of that observation's contract violations.
 */
export function judgeCell<T extends DomainTypes>(domain: Domain<T>, st: StageInfo<T>, scenario: string, prev: Observation<T> | null, prevContract: readonly string[], b: Observation<T>): CellResult<T> {
  const findings: Finding[] = [];
  const cmp = prev && st.claim ? compareObservations(domain, prev, b) : null;
  // A step where the scenario cannot run at one of the two stages (n/a) cannot be blamed for a
  // violation: the operation that shows it did not run before (e.g. kmalloc_flags() before RFC 12).
  const before = new Set(prevContract);
  const contract = domain.contracts(b).map((v) => ({ ...v, isNew: cmp?.verdict !== 'n/a' && !before.has(v.message) }));
  const fresh = contract.filter((c) => c.isNew);
  if (fresh.length) findings.push({ stage: st.slug, scenario, finding: 'contract', signatures: uniq(fresh.map((c) => sigOf(st.slug, 'contract', domain.contractSignature(c, b)))) });
  if (!cmp || !st.claim) return { cell: { stage: st.slug, scenario, verdict: 'equivalent', differences: [], undeclared: [], declaredIds: [], contract }, findings };
  const claim = checkClaim(st.claim, cmp);
  const opOf = (at: string) => b.ops.find((o) => o.index === at);
  if (cmp.verdict === 'regressed') findings.push({ stage: st.slug, scenario, finding: 'regressed', signatures: uniq(cmp.differences.filter((d) => d.effect === 'regressed').map((d) => sigOf(st.slug, 'regressed', domain.signature(d, opOf(d.at))))) });
  if (claim.undeclared.length) findings.push({ stage: st.slug, scenario, finding: 'undeclared', signatures: uniq(claim.undeclared.map((d) => sigOf(st.slug, 'undeclared', domain.signature(d, opOf(d.at))))) });
  const cell: StepCell<T> = {
    stage: st.slug,
    scenario,
    verdict: cmp.verdict,
    reason: cmp.reason,
    differences: cmp.differences,
    undeclared: claim.undeclared,
    declaredIds: [...new Set(claim.declared.map((d) => d.id))],
    contract,
  };
  return { cell, findings };
}

/**
 * observations[stageIndex][scenarioIndex], stages in series order (stage 0 first). With a memo,
 * cells it knows are taken from it (their observations are not read) and the rest are given to it.
 */
export function checkSeries<T extends DomainTypes>(domain: Domain<T>, stages: readonly StageInfo<T>[], scenarios: readonly string[], observations: readonly (readonly Observation<T>[])[], approved: readonly Approval[], memo?: CellMemo<T>): CheckReport<T> {
  const cells: StepCell<T>[][] = [];
  const findings: Finding[] = [];
  stages.forEach((st, si) => {
    const row: StepCell<T>[] = [];
    scenarios.forEach((sc, ci) => {
      let r = memo?.get(si, ci);
      if (!r) {
        // The stage before's contract violations are its cell's (computed once per observation).
        const prevContract = si > 0 ? cells[si - 1][ci].contract.map((v) => v.message) : [];
        r = judgeCell(domain, st, sc, si > 0 ? observations[si - 1][ci] : null, prevContract, observations[si][ci]);
        memo?.put(si, ci, r);
      }
      row.push(r.cell);
      findings.push(...r.findings);
    });
    cells.push(row);
  });
  const approvedSigs = approvedSet(approved);
  const seen = [...new Set(findings.flatMap((f) => f.signatures))];
  return {
    // The first row of a partial run (check --stage) only carries contract findings: not judged.
    staleExamples: staleExamples(approved, stages.filter((s, i) => i > 0 || s.number === 0).map((s) => s.slug), scenarios, findings),
    stages: [...stages],
    scenarios: [...scenarios],
    cells,
    findings,
    newFindings: findings.filter((f) => unapproved(f, approvedSigs).length > 0),
    // An approval vanishes when no finding signature of the run is covered by it.
    vanished: approved.filter((a) => !seen.some((s) => approvalMatches(a.signature, s))),
  };
}

/**
 * The approvals whose example lies in the judged cells (stage among `stages`, scenario among
 * `scenarios`) and shows no signature the approval covers.
 */
export function staleExamples(approved: readonly Approval[], stages: readonly string[], scenarios: readonly string[], findings: readonly Finding[]): Approval[] {
  const judged = (stage: string, scenario: string) => stages.includes(stage) && scenarios.includes(scenario);
  const byCell = new Map<string, string[]>();
  for (const f of findings) {
    const k = `${f.stage}\0${f.scenario}`;
    byCell.set(k, [...(byCell.get(k) ?? []), ...f.signatures]);
  }
  return approved.filter((a) => a.example && judged(a.example.stage, a.example.scenario) && !(byCell.get(`${a.example.stage}\0${a.example.scenario}`) ?? []).some((s) => approvalMatches(a.signature, s)));
}

export type CheckState = 'pass' | 'warning' | 'fail';

/**
 * A report's findings by cell (stage, scenario), built once per findings array: cellState() runs for
 * every cell, and a scan of all findings per cell grew with cells x findings (a third of a second of
 * a check of 800 scenarios, on the main thread, where the whole report is rendered).
 */
const findingsByCell = new WeakMap<readonly Finding[], Map<string, Finding[]>>();
function findingsOfCell(findings: readonly Finding[], stage: string, scenario: string): readonly Finding[] {
  let index = findingsByCell.get(findings);
  if (!index) {
    index = new Map();
    for (const f of findings) {
      const key = `${f.stage}\0${f.scenario}`;
      const list = index.get(key);
      if (list) list.push(f);
      else index.set(key, [f]);
    }
    findingsByCell.set(findings, index);
  }
  return index.get(`${stage}\0${scenario}`) ?? [];
}

/** A cell's state: fail for a new finding, warning for an approved one or a declared change. */
export function cellState<T extends DomainTypes>(report: CheckReport<T>, cell: StepCell<T>, approved: readonly Approval[]): CheckState {
  const mine = findingsOfCell(report.findings, cell.stage, cell.scenario);
  const sigs = approvedSet(approved);
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
