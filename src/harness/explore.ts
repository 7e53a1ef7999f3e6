// Exploration: generate scenarios (the domain's arbitrary), run each on every stage of a series,
// judge every step exactly as `check` does (compare, claims, contracts), group what is found by
// signature, and shrink one scenario per signature to a minimal one (fast-check's shrinking).
//
// Deterministic: the same seed and run count give the same scenarios, findings and shrunk files.
// Shrinking replays the generation with the same seed up to the run that first showed a signature
// (earlier runs are skipped without running the model), then lets fast-check shrink it.

import fc from 'fast-check';
import { approvedSet, checkSeries, type Approval, type StageInfo } from './check.ts';
import type { Domain, DomainTypes, Observation } from './domain.ts';
import { runScenario } from './runner.ts';

export interface ExploreOptions<T extends DomainTypes> {
  domain: Domain<T>;
  stages: readonly T['stage'][];
  infos: readonly StageInfo<T>[];
  /** Raw scenario documents (what a scenario file would hold). */
  arbitrary: fc.Arbitrary<Record<string, unknown>>;
  approved: readonly Approval[];
  seed: number;
  runs: number;
  /** Stop generating after this long (the run count is then what fitted). */
  timeLimitMs?: number;
  /** Judge only steps into these stage numbers (all when absent). */
  onlySteps?: ReadonlySet<number>;
  onProgress?: (p: { runs: number; signatures: number }) => void;
}

export interface ExploreFinding {
  signature: string;
  kind: string;
  stage: string;
  known: boolean;
  reason?: string;
  /** The run (0-based) that first showed it, and when. */
  firstRun: number;
  firstMs: number;
  /** The shrunk scenario document. */
  scenario: Record<string, unknown>;
}

export interface ExploreResult {
  runs: number;
  ms: number;
  findings: ExploreFinding[];
  coverage: { ops: Record<string, number>; events: Record<string, number> };
}

/** Every finding signature (with its kind and stage) of one scenario over the series. */
function judge<T extends DomainTypes>(o: ExploreOptions<T>, doc: Record<string, unknown>, name: string, cov?: ExploreResult['coverage'], step?: string): Map<string, { kind: string; stage: string }> {
  const sc = o.domain.parseScenario({ ...doc, name }, `${name}.json`, o.stages);
  // Shrinking one signature needs only its step: stages N-1 and N.
  const at = step === undefined ? -1 : o.infos.findIndex((s) => s.slug === step);
  const idx = at > 0 ? [at - 1, at] : o.stages.map((_, i) => i);
  const obs: Observation<T>[][] = [];
  for (const i of idx) obs.push([runScenario(o.domain, o.stages[i], sc)]);
  if (cov)
    for (const ob of obs)
      for (const op of ob[0].ops) {
        if (op.status === 'ran') cov.ops[op.op] = (cov.ops[op.op] ?? 0) + 1;
        for (const e of op.events) cov.events[e.kind] = (cov.events[e.kind] ?? 0) + 1;
      }
  const all = idx.map((i) => o.infos[i]);
  const infos = o.onlySteps ? all.map((s) => (o.onlySteps!.has(s.number) ? s : { ...s, claim: null })) : all;
  const rep = checkSeries(o.domain, infos, [name], obs, []);
  const out = new Map<string, { kind: string; stage: string }>();
  for (const f of rep.findings) {
    const st = o.infos.find((s) => s.slug === f.stage);
    if (o.onlySteps && st && !o.onlySteps.has(st.number)) continue;
    if (step !== undefined && f.stage !== step) continue;
    for (const s of f.signatures) out.set(s, { kind: f.finding, stage: f.stage });
  }
  return out;
}

export function explore<T extends DomainTypes>(o: ExploreOptions<T>): ExploreResult {
  const t0 = Date.now();
  const first = new Map<string, { run: number; ms: number; kind: string; stage: string }>();
  const coverage: ExploreResult['coverage'] = { ops: {}, events: {} };
  let run = 0;
  fc.check(
    fc.property(o.arbitrary, (doc) => {
      const found = judge(o, doc, `explore-${o.seed}-${run}`, coverage);
      for (const [s, v] of found) if (!first.has(s)) first.set(s, { run, ms: Date.now() - t0, ...v });
      run++;
      o.onProgress?.({ runs: run, signatures: first.size });
      return true;
    }),
    { seed: o.seed, numRuns: o.runs, ...(o.timeLimitMs ? { interruptAfterTimeLimit: o.timeLimitMs, markInterruptAsFailure: false } : {}) },
  );
  const runs = run;
  const approved = approvedSet(o.approved);
  const findings: ExploreFinding[] = [];
  for (const [signature, f] of [...first].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let i = 0;
    // Replay to the run that showed it, then shrink while the signature stays.
    const r = fc.check(
      fc.property(o.arbitrary, (doc) => {
        if (i++ < f.run) return true;
        return !judge(o, doc, `explore-${o.seed}-shrink`, undefined, f.stage).has(signature);
      }),
      { seed: o.seed, numRuns: f.run + 1 },
    );
    const doc = (r.counterexample?.[0] as Record<string, unknown> | undefined) ?? null;
    if (!doc) continue; // not reproduced (cannot happen with a deterministic model): left out, not faked
    const a = approved.find(signature);
    findings.push({ signature, kind: f.kind, stage: f.stage, known: !!a, reason: a?.reason, firstRun: f.run, firstMs: f.ms, scenario: doc });
  }
  return { runs, ms: Date.now() - t0, findings, coverage };
}
