// Two versions of a series run on the same scenarios: what became of every approved finding of the
// old version, which findings only the new version has, and whether the two series end (and start)
// observably the same. Pure: both series' check reports and observations come in; the domain
// compares and signs; nothing here prints.
//
// A finding signature is "<stage slug> <finding kind> <what and where>"; the part after the slug (its
// body) is what the two versions can share, since stage slugs and numbers differ between them. The
// step of the new version that corresponds to an old step comes from the range-diff pairing (the
// bases are each other's counterpart).

import { approvalMatches, approvedSet, type Approval, type CheckReport } from './check.ts';
import { compareObservations, type Verdict } from './compare.ts';
import type { Difference, Domain, DomainTypes, Observation } from './domain.ts';

/**
 * Followed on the scenarios that showed the finding: still-present, the same body at the paired new
 * step; moved, only at other new steps; gone, at no new step.
 */
export type Fate = 'still-present' | 'moved' | 'gone';

export interface FindingFate {
  /** The old signature; approved ones carry their reason (null: a finding of this run nobody approved, e.g. from an added scenario). */
  signature: string;
  approved: boolean;
  reason: string | null;
  example?: { stage: string; scenario: string };
  oldStep: number;
  /** The signature without its stage. */
  body: string;
  /** Scenarios on which the old run shows it now (empty: approved, but this run did not reproduce it). */
  oldScenarios: string[];
  /** The new step paired with oldStep; null when the old patch has no counterpart. */
  pairedStep: number | null;
  fate: Fate;
  /** New steps that show the same body. */
  newSteps: number[];
  /**
   * For gone: at the paired new step, per scenario that showed it in the old run, the step's verdict
   * there and whether the same difference still occurs there (then it is declared and not a finding:
   * the behaviour is the same, the claim changed).
   */
  atPairedStep: { scenario: string; verdict: Verdict; sameDifference: boolean }[];
  /** New signatures of the same family (the kin function: e.g. the same difference for another caller class). */
  kin: { signature: string; step: number }[];
  /** The new version's approval of the same body at that step, if any. */
  newApproval: string | null;
}

export interface NewFinding {
  signature: string;
  step: number;
  body: string;
  scenarios: string[];
  /** The old step paired with it (null: the new patch has no old counterpart). */
  pairedOldStep: number | null;
  approval: string | null;
  kin: { signature: string; step: number }[];
}

export interface OpDifference<T extends DomainTypes> {
  at: string;
  differences: Difference<T>[];
  /** Steps of each series at which this operation's observation changed (what made them differ). */
  changedAtOld: number[];
  changedAtNew: number[];
}

export interface EndToEnd<T extends DomainTypes> {
  scenario: string;
  verdict: Verdict;
  reason?: string;
  /** For n/a: which side cannot run an operation of the scenario. */
  notApplicableIn?: 'old' | 'new' | 'both';
  /** Some difference is observable (verdict changed means internal differences only). */
  observable: boolean;
  ops: OpDifference<T>[];
}

/** Operations that differ for the same reason: the same judged differences, made by the same steps. */
export interface Cause {
  whats: string[];
  changedAtOld: number[];
  changedAtNew: number[];
  ops: number;
  scenarios: string[];
}

export interface Comparison<T extends DomainTypes> {
  oldStage: string;
  newStage: string;
  counts: Record<Verdict, number>;
  /** Scenarios with an observable difference (the rest are observably equivalent or n/a). */
  observable: number;
  scenarios: EndToEnd<T>[];
  /** The differing operations grouped by cause, most operations first. */
  causes: Cause[];
}

export interface VersionsReport<T extends DomainTypes> {
  old: string;
  new: string;
  scenarios: string[];
  /** Every old step with its paired new step (null: none). */
  pairing: { old: number; new: number | null }[];
  fates: FindingFate[];
  newFindings: NewFinding[];
  /** The two last stages compared, per scenario. */
  endToEnd: Comparison<T>;
  /** The two bases compared, per scenario. */
  bases: Comparison<T>;
}

export interface VersionsInput<T extends DomainTypes> {
  old: { name: string; report: CheckReport<T>; approved: readonly Approval[]; observations: readonly (readonly Observation<T>[])[] };
  new: { name: string; report: CheckReport<T>; approved: readonly Approval[]; observations: readonly (readonly Observation<T>[])[] };
  /** Old patch number → new patch number, from the range-diff (unpaired patches absent). */
  pairs: readonly { old: number; new: number }[];
  /** The family of a signature body (default: itself); two bodies of one family are kin. */
  kin?: (body: string) => string;
}

/** "05-alloc-flags-in-context regressed …" → the stage slug and the body. */
export function splitSignature(sig: string): { stage: string; body: string } {
  const i = sig.indexOf(' ');
  return i < 0 ? { stage: sig, body: '' } : { stage: sig.slice(0, i), body: sig.slice(i + 1) };
}

/** Where each body appears: step numbers, and scenarios per step. */
function bodyIndex<T extends DomainTypes>(report: CheckReport<T>): Map<string, Map<number, Set<string>>> {
  const num = new Map(report.stages.map((s) => [s.slug, s.number]));
  const out = new Map<string, Map<number, Set<string>>>();
  for (const f of report.findings)
    for (const sig of f.signatures) {
      const { stage, body } = splitSignature(sig);
      const n = num.get(stage);
      if (n === undefined) continue;
      const steps = out.get(body) ?? new Map<number, Set<string>>();
      steps.set(n, (steps.get(n) ?? new Set()).add(f.scenario));
      out.set(body, steps);
    }
  return out;
}

/**
 * The domain's signatures of every difference and new contract violation of one step on one
 * scenario, each with the cause keys (Domain.causeKey) of the differences behind it.
 */
function stepSignatures<T extends DomainTypes>(domain: Domain<T>, before: Observation<T>, after: Observation<T>): Map<string, Set<string>> {
  const cmp = compareObservations(domain, before, after);
  const out = new Map<string, Set<string>>();
  const add = (sig: string, cause: string | null) => {
    const causes = out.get(sig) ?? new Set<string>();
    if (cause !== null) causes.add(cause);
    out.set(sig, causes);
  };
  for (const d of cmp.differences) add(domain.signature(d, after.ops.find((o) => o.index === d.at)), domain.causeKey?.(d) ?? null);
  const prev = new Set(domain.contracts(before).map((v) => v.message));
  for (const v of domain.contracts(after)) if (!prev.has(v.message)) add(domain.contractSignature(v, after), null);
  return out;
}

/**
 * The cause keys (Domain.causeKey) of the differences one step shows on one scenario under one
 * body; empty when the domain has none for them (then the body alone identifies the finding).
 */
function causesAt<T extends DomainTypes>(domain: Domain<T>, report: CheckReport<T>, observations: readonly (readonly Observation<T>[])[], stageIdx: number, scenario: string, body: string): Set<string> {
  const out = new Set<string>();
  if (!domain.causeKey || stageIdx < 0) return out;
  const ci = report.scenarios.indexOf(scenario);
  const cell = ci < 0 ? undefined : report.cells[stageIdx]?.[ci];
  if (!cell) return out;
  const what = domainPart(body);
  const after = observations[stageIdx][ci];
  for (const d of cell.differences) {
    const key = domain.causeKey(d);
    if (key !== null && domain.signature(d, after.ops.find((o) => o.index === d.at)) === what) out.add(key);
  }
  return out;
}

/** Two sets of cause keys name the same finding unless both are known and share none. */
const sameCause = (a: Set<string>, b: Set<string>) => !a.size || !b.size || [...a].some((k) => b.has(k));

/** The part of a body after the finding kind: what the domain signs ("event appeared kswapd_wake @…"). */
const domainPart = (body: string) => body.slice(body.indexOf(' ') + 1);

/** Every stage index at which `key` of the observation differs from the stage before. */
function changePoints<T extends DomainTypes>(column: readonly Observation<T>[], key: (o: Observation<T>) => string | null): number[] {
  const out: number[] = [];
  let prev = key(column[0]);
  for (let i = 1; i < column.length; i++) {
    const k = key(column[i]);
    if (k !== prev) out.push(i);
    prev = k;
  }
  return out;
}

function compareStages<T extends DomainTypes>(domain: Domain<T>, input: VersionsInput<T>, oldIdx: number, newIdx: number): Comparison<T> {
  const o = input.old;
  const n = input.new;
  const kin = input.kin ?? ((b: string) => b);
  const counts: Record<Verdict, number> = { equivalent: 0, changed: 0, improved: 0, regressed: 0, 'n/a': 0 };
  const scenarios = o.report.scenarios.map((sc, ci): EndToEnd<T> => {
    const a = o.observations[oldIdx][ci];
    const b = n.observations[newIdx][ci];
    const cmp = compareObservations(domain, a, b);
    counts[cmp.verdict]++;
    const ats = [...new Set(cmp.differences.map((d) => d.at))];
    const column = (obs: readonly (readonly Observation<T>[])[]) => obs.map((row) => row[ci]);
    const key = (at: string) => (x: Observation<T>) => (at === 'end' ? JSON.stringify(x.end) : domain.render.part(x, at, 'all'));
    const num = (report: CheckReport<T>) => (i: number) => report.stages[i].number;
    const ops = ats.map((at) => ({
      at,
      differences: cmp.differences.filter((d) => d.at === at),
      changedAtOld: changePoints(column(o.observations), key(at)).map(num(o.report)),
      changedAtNew: changePoints(column(n.observations), key(at)).map(num(n.report)),
    }));
    const na = (x: Observation<T>) => x.ops.some((op) => op.status === 'n/a');
    const notApplicableIn: EndToEnd<T>['notApplicableIn'] | null = cmp.verdict !== 'n/a' ? null : na(a) && na(b) ? 'both' : na(a) ? 'old' : 'new';
    return { scenario: sc, verdict: cmp.verdict, ...(cmp.reason ? { reason: cmp.reason } : {}), ...(notApplicableIn ? { notApplicableIn } : {}), observable: cmp.differences.some((d) => d.kind === 'observable'), ops };
  });
  const causes = new Map<string, Cause>();
  for (const s of scenarios)
    for (const op of s.ops) {
      // Named by the domain's signatures (no handles or indices of the scenario), so that the same
      // cause on several scenarios groups; the kin function leaves out the caller class.
      const after = n.observations[newIdx][o.report.scenarios.indexOf(s.scenario)];
      const whats = [...new Set(op.differences.map((d) => kin(domain.signature(d, after.ops.find((x) => x.index === d.at)))))].sort();
      const key = JSON.stringify([whats, op.changedAtOld, op.changedAtNew]);
      const c = causes.get(key) ?? { whats, changedAtOld: op.changedAtOld, changedAtNew: op.changedAtNew, ops: 0, scenarios: [] };
      c.ops++;
      if (!c.scenarios.includes(s.scenario)) c.scenarios.push(s.scenario);
      causes.set(key, c);
    }
  return {
    oldStage: o.report.stages[oldIdx].slug,
    newStage: n.report.stages[newIdx].slug,
    counts,
    observable: scenarios.filter((s) => s.observable).length,
    scenarios,
    causes: [...causes.values()].sort((x, y) => y.ops - x.ops || (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1)),
  };
}

export function compareVersions<T extends DomainTypes>(domain: Domain<T>, input: VersionsInput<T>): VersionsReport<T> {
  const o = input.old;
  const n = input.new;
  if (o.report.scenarios.join('\n') !== n.report.scenarios.join('\n')) throw new Error('both versions must run the same scenarios in the same order');
  const kin = input.kin ?? ((b: string) => b);
  const toNew = new Map<number, number>([[o.report.stages[0].number, n.report.stages[0].number], ...input.pairs.map((p) => [p.old, p.new] as [number, number])]);
  const toOld = new Map([...toNew].map(([a, b]) => [b, a]));
  const oldNum = new Map(o.report.stages.map((s) => [s.slug, s.number]));
  const newIdx = new Map(n.report.stages.map((s, i) => [s.number, i]));
  const oldBodies = bodyIndex(o.report);
  const newBodies = bodyIndex(n.report);
  const newApprovals = approvedSet(n.approved);
  const newApproval = { get: (sig: string) => newApprovals.find(sig)?.reason };
  const newSig = (step: number, body: string) => `${n.report.stages[newIdx.get(step)!].slug} ${body}`;
  const kinOf = (body: string, bodies: Map<string, Map<number, Set<string>>>, sig: (step: number, b: string) => string) =>
    [...bodies]
      .filter(([b]) => b !== body && kin(b) === kin(body))
      .flatMap(([b, steps]) => [...steps.keys()].map((step) => ({ signature: sig(step, b), step })))
      .sort((x, y) => x.step - y.step || (x.signature < y.signature ? -1 : 1));

  // An approval that leaves caller classes open (`*`) stands for the concrete signatures it covers
  // in this run: each is followed on its own (a pattern nothing matched is followed as written).
  const oldSigs = [...new Set(o.report.findings.flatMap((f) => f.signatures))].sort();
  const approved: Approval[] = [];
  const seen = new Set<string>();
  const covering = approvedSet(o.approved); // the approval check itself would pick for a signature
  for (const a of o.approved) {
    const concrete = a.signature.includes('*') ? oldSigs.filter((sig) => approvalMatches(a.signature, sig)) : [];
    for (const sig of concrete.length ? concrete : [a.signature])
      if (!seen.has(sig)) {
        seen.add(sig);
        approved.push({ ...(covering.find(sig) ?? a), signature: sig });
      }
  }
  // Every approved signature, then what this run of the old version found that nobody approved.
  const approvedSigs = new Set(approved.map((a) => a.signature));
  const unapprovedOld: Approval[] = [...new Set(o.report.findings.flatMap((f) => f.signatures))]
    .filter((sig) => !approvedSigs.has(sig))
    .sort()
    .map((sig) => {
      const f = o.report.findings.find((x) => x.signatures.includes(sig))!;
      return { signature: sig, reason: '', example: { stage: f.stage, scenario: f.scenario } };
    });
  const fates: FindingFate[] = [...approved, ...unapprovedOld].map((a) => {
    const { stage, body } = splitSignature(a.signature);
    const oldStep = oldNum.get(stage) ?? -1;
    const oldScenarios = [...(oldBodies.get(body)?.get(oldStep) ?? [])].sort();
    const pairedStep = toNew.get(oldStep) ?? null;
    // Followed on the scenarios that showed it: the same signature reached by other scenarios for
    // another reason (v3 15's kmalloc_nolock() gfp warning for a caller passing the removed bit)
    // is not this finding moving. An approval this run did not reproduce is followed anywhere.
    // On one scenario, one body can still have two causes (Domain.causeKey): RFC 13's nested
    // vector VM_WARN is not v3 15's caller tripping the same WARN site for its own gfp.
    const oldIdx = o.report.stages.findIndex((s) => s.number === oldStep);
    const onOld = (step: number, scs: Set<string>) =>
      !oldScenarios.length ||
      oldScenarios.some((sc) => scs.has(sc) && sameCause(causesAt(domain, o.report, o.observations, oldIdx, sc, body), causesAt(domain, n.report, n.observations, newIdx.get(step) ?? -1, sc, body)));
    const newSteps = [...(newBodies.get(body) ?? new Map<number, Set<string>>())].filter(([step, scs]) => onOld(step, scs)).map(([step]) => step).sort((x, y) => x - y);
    const fate: Fate = pairedStep !== null && newSteps.includes(pairedStep) ? 'still-present' : newSteps.length ? 'moved' : 'gone';
    const atPairedStep: FindingFate['atPairedStep'] = [];
    if (fate === 'gone' && pairedStep !== null && pairedStep > n.report.stages[0].number) {
      const si = newIdx.get(pairedStep)!;
      // Where the old run shows it; an approval this run did not reproduce falls back to its example.
      const where = oldScenarios.length ? oldScenarios : a.example ? [a.example.scenario] : [];
      for (const sc of where) {
        const ci = n.report.scenarios.indexOf(sc);
        if (ci < 0) continue;
        const cell = n.report.cells[si][ci];
        const sigs = stepSignatures(domain, n.observations[si - 1][ci], n.observations[si][ci]);
        const there = sigs.get(domainPart(body));
        const sameDifference = there !== undefined && sameCause(causesAt(domain, o.report, o.observations, oldIdx, sc, body), there);
        atPairedStep.push({ scenario: sc, verdict: cell.verdict, sameDifference });
      }
    }
    const shownAt = pairedStep !== null && newSteps.includes(pairedStep) ? pairedStep : newSteps[0];
    return {
      signature: a.signature,
      approved: approvedSigs.has(a.signature),
      reason: approvedSigs.has(a.signature) ? a.reason : null,
      ...(a.example ? { example: a.example } : {}),
      oldStep,
      body,
      oldScenarios,
      pairedStep,
      fate,
      newSteps,
      atPairedStep,
      kin: kinOf(body, newBodies, newSig),
      newApproval: shownAt === undefined ? null : (newApproval.get(newSig(shownAt, body)) ?? null),
    };
  });

  // Bodies the old version has anywhere: its run's findings and its approvals.
  const oldPatterns = o.approved.map((a) => splitSignature(a.signature).body);
  const oldHas = { has: (body: string) => oldBodies.has(body) || oldPatterns.some((p) => approvalMatches(p, body)) };
  const oldSig = (step: number, b: string) => `${o.report.stages.find((s) => s.number === step)!.slug} ${b}`;
  const newFindings: NewFinding[] = [...newBodies]
    .filter(([body]) => !oldHas.has(body))
    .flatMap(([body, steps]) =>
      [...steps].map(([step, scs]) => ({
        signature: newSig(step, body),
        step,
        body,
        scenarios: [...scs].sort(),
        pairedOldStep: toOld.get(step) ?? null,
        approval: newApproval.get(newSig(step, body)) ?? null,
        kin: kinOf(body, oldBodies, oldSig),
      })),
    )
    .sort((x, y) => x.step - y.step || (x.signature < y.signature ? -1 : 1));

  const pairing = o.report.stages.map((s) => ({ old: s.number, new: toNew.get(s.number) ?? null }));
  return {
    old: o.name,
    new: n.name,
    scenarios: [...o.report.scenarios],
    pairing,
    fates,
    newFindings,
    endToEnd: compareStages(domain, input, o.report.stages.length - 1, n.report.stages.length - 1),
    bases: compareStages(domain, input, 0, 0),
  };
}
