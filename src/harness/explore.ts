// Exploration: generate scenarios (the domain's arbitrary), run each on every stage of a series,
// judge every step exactly as `check` does (compare, claims, contracts), group what is found by
// signature, and shrink one scenario per signature to a minimal one (fast-check's shrinking). Then
// judge neighbours (scenarios one change away) of the shrunk findings and of the declared changes
// the steps showed, for what only a variant or a later caller shows.
//
// Deterministic: the same seed and run count give the same scenarios, findings and shrunk files.
// Shrinking replays the generation with the same seed up to the run that first showed a signature
// (earlier runs are skipped without running the model), then lets fast-check shrink it.

import fc from 'fast-check';
import { approvedSet, judgeCell, type Approval, type StageInfo, type StepCell } from './check.ts';
import { checkClaim } from './claims.ts';
import { ScenarioError, type Domain, type DomainTypes, type Observation } from './domain.ts';
import { runScenario } from './runner.ts';
import { stagesForSteps } from './series.ts';
import { byCodeUnit } from './text.ts';

export interface ExploreOptions<T extends DomainTypes> {
  domain: Domain<T>;
  stages: readonly T['stage'][];
  /**
   * The stages whose names a scenario may use (default: `stages`). On a base, the series' own stages
   * and the rebased ones, as check --base reads its scenarios: v3's own stages take the RFC's name
   * for a flag its rebased stages do not.
   */
  names?: readonly T['stage'][];
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
  onProgress?: (p: ExploreProgress) => void;
  /**
   * The scenarios one change away from a shrunk one (the domain's; see neighbourCandidates), and how
   * many of them to judge after shrinking (none when absent or 0).
   */
  neighbours?: (doc: Record<string, unknown>) => readonly { doc: Record<string, unknown>; change: string; /** lower first (0 when absent); a declared change's scenario gets only those of priority 0 */ priority?: number }[];
  neighbourRuns?: number;
  /** Judge neighbours for at most this long (ms, from the first one; all neighbourRuns when absent). */
  neighbourTimeMs?: number;
  /** Scenarios one step simpler than one (the domain's): how a finding is shrunk after fast-check, and a neighbour finding (off the generator's path) instead of it. */
  simpler?: (doc: Record<string, unknown>) => readonly Record<string, unknown>[];
}

/** Progress: generated runs judged and signatures so far; then neighbours judged of how many. */
export interface ExploreProgress {
  runs: number;
  signatures: number;
  neighbours?: { done: number; of: number };
  /** While the findings' scenarios, or the declared changes' (bases for neighbours), are shrunk. */
  shrinking?: { what: 'signatures' | 'declared changes'; done: number; of: number };
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
  /** The shrunk scenario document (for a neighbour finding: the neighbour, one change from a shrunk one). */
  scenario: Record<string, unknown>;
  /** Found by a neighbour of the shrunk scenario of this signature, with this change. */
  neighbourOf?: { signature: string; change: string };
  /** Found by a neighbour of this given scenario (exploreAround), with this change. */
  around?: { scenario: string; change: string };
}

/** What a neighbour is one change away from: the shrunk scenario of a signature, or a scenario given to exploreAround. */
export type NeighbourBase = { signature: string } | { scenario: string };
export type NeighbourOrigin = NeighbourBase & { change: string };

export interface ExploreResult {
  runs: number;
  /** Wall time in all, and of the runs alone (generation and judging; the rate is runs / runMs). */
  ms: number;
  runMs: number;
  /** Neighbours of shrunk scenarios judged after shrinking (ExploreOptions.neighbourRuns at most; fewer when neighbourTimeMs ran out). */
  neighbourRuns: number;
  /** Declared changes (by kind of caller) whose shrunk scenarios were bases for neighbours (see changeCandidates). */
  declaredChanges?: number;
  /** Of those, how many the loader refused (judgeNeighbour: only neighbours of hand-written scenarios can be). */
  refusedNeighbours?: number;
  findings: ExploreFinding[];
  /**
   * Over every stage of every generated run: operations that ran, by kind; events, by kind; and
   * decision points, by the domain's decisionOf (empty without it).
   */
  coverage: { ops: Record<string, number>; events: Record<string, number>; decisions: Record<string, number> };
}

/**
 * Every finding signature (with its kind and stage) of one scenario over the series. Each step is
 * judged as soon as its second stage has run (judgeCell, exactly what checkSeries does per cell), so
 * at most two observations are alive at once: exploration is bound by the garbage collector, whose
 * work grows with what survives while the next stages run.
 */
function judge<T extends DomainTypes>(o: ExploreOptions<T>, doc: Record<string, unknown>, name: string, cov?: ExploreResult['coverage'], step?: string, changes?: Map<string, string>): Map<string, { kind: string; stage: string }> {
  const sc = o.domain.parseScenario({ ...doc, name }, `${name}.json`, o.names ?? o.stages);
  // Shrinking one signature needs only its step: stages N-1 and N.
  const at = step === undefined ? -1 : o.infos.findIndex((s) => s.slug === step);
  const idx = at >= 0 ? stagesForSteps(o.stages.length, [at]) : stagesToRun(o);
  const out = new Map<string, { kind: string; stage: string }>();
  let prev: Observation<T> | null = null;
  let prevContract: readonly string[] = [];
  const decisionOf = o.domain.decisionOf;
  idx.forEach((i, k) => {
    const ob = runScenario(o.domain, o.stages[i], sc);
    if (cov)
      for (const op of ob.ops) {
        if (op.status === 'ran') cov.ops[op.op] = (cov.ops[op.op] ?? 0) + 1;
        for (const e of op.events) {
          cov.events[e.kind] = (cov.events[e.kind] ?? 0) + 1;
          if (decisionOf) {
            const k = decisionOf(e);
            cov.decisions[k] = (cov.decisions[k] ?? 0) + 1;
          }
        }
      }
    const st = o.infos[i];
    const skipped = o.onlySteps !== undefined && !o.onlySteps.has(st.number);
    const r = judgeCell(o.domain, skipped ? { ...st, claim: null } : st, name, k > 0 ? prev : null, prevContract, ob);
    prev = ob;
    prevContract = r.cell.contract.map((v) => v.message);
    if (skipped) return;
    if (step !== undefined && st.slug !== step) return;
    for (const f of r.findings) for (const s of f.signatures) out.set(s, { kind: f.finding, stage: f.stage });
    if (changes && st.claim && r.cell.differences.length) for (const k of declaredChanges(o, st, r.cell, ob)) if (!changes.has(k)) changes.set(k, st.slug);
  });
  return out;
}

/**
 * The stages a run of every judged step needs: all of them, or with --stage (onlySteps) each named
 * step's two stages, N-1 and N. A step's judgement reads only those two observations (judgeCell:
 * its comparison, and the contract violations of stage N-1, which depend on that observation
 * alone), so leaving the others out changes no finding; a stage run only as the N-1 of a named
 * step is judged as a skipped step is, its findings dropped.
 */
function stagesToRun<T extends DomainTypes>(o: ExploreOptions<T>): number[] {
  if (o.onlySteps === undefined) return o.stages.map((_, i) => i);
  const named = o.infos.flatMap((st, i) => (o.onlySteps!.has(st.number) ? [i] : []));
  return stagesForSteps(o.stages.length, named);
}

/**
 * The declared changes one judged step shows, each keyed by the step, the change's id and the
 * caller whose operation shows it (the domain's callerOf), e.g. "06-replace-partial-context declared
 * partial.lock-by-alloc-flags @kmalloc [task no-reclaim kmalloc]". Only differences a declared
 * change explains itself count, not what checkClaim takes as its consequences: the key names where
 * the change happened, which is what a later caller may meet.
 */
function declaredChanges<T extends DomainTypes>(o: ExploreOptions<T>, st: StageInfo<T>, cell: StepCell<T>, ob: Observation<T>): string[] {
  // The claim is checked again here, only for a step that differs: judgeCell keeps just the ids of
  // the changes it matched, not which difference each explains, and its result is what check's
  // judgement cache stores, which explore has no reason to enlarge (no rate difference measured).
  const claim = st.claim!;
  const own = new Set(claim.declared.map((c) => c.id));
  const out = new Set<string>();
  for (const { diff, id } of checkClaim(claim, { verdict: cell.verdict, differences: cell.differences }).declared) {
    if (!own.has(id)) continue;
    const caller = o.domain.callerOf?.(ob.ops.find((x) => x.index === diff.at));
    out.add(`${st.slug} declared ${id}${caller === undefined ? '' : ` ${caller}`}`);
  }
  return [...out];
}

/** What one executor found over its share of the runs. */
export interface ShardResult {
  /** Runs judged by this shard. */
  runs: number;
  /** Signature → the first run (lowest index) of this shard that showed it. */
  first: [string, FirstSeen][];
  /**
   * Declared-change key (declaredChanges) → the first run of this shard that showed it, with its
   * scenario: where neighbours look for what a step's declared change does to a later caller.
   * Empty when no neighbours are to be judged.
   */
  changes: [string, ChangeSeen][];
  coverage: ExploreResult['coverage'];
}
/** A declared change's first run and its scenario. */
export interface ChangeSeen extends FirstSeen {
  doc: Record<string, unknown>;
}
export interface FirstSeen {
  run: number;
  ms: number;
  kind: string;
  stage: string;
}

/**
 * Judge the runs of one shard: run i belongs to shard i mod shards. Every executor walks the same
 * generated sequence (the same seed), judging only its own runs, so the union of the shards is
 * exactly the runs one executor would have judged, whatever the timing.
 */
export function exploreShard<T extends DomainTypes>(o: ExploreOptions<T>, shard = 0, shards = 1, t0 = Date.now()): ShardResult {
  const first = new Map<string, FirstSeen>();
  const changes = new Map<string, ChangeSeen>();
  // Declared changes are only bases for neighbours: not collected when none will be judged.
  const keepChanges = !!o.neighbours && (o.neighbourRuns ?? 0) > 0;
  const coverage: ExploreResult['coverage'] = { ops: {}, events: {}, decisions: {} };
  let index = 0;
  let runs = 0;
  const r = fc.check(
    fc.property(o.arbitrary, (doc) => {
      const run = index++;
      if (run % shards !== shard) return true;
      const shown = keepChanges ? new Map<string, string>() : undefined;
      const found = judge(o, doc, `explore-${o.seed}-${run}`, coverage, undefined, shown);
      for (const [s, v] of found) if (!first.has(s)) first.set(s, { run, ms: Date.now() - t0, ...v });
      for (const [k, stage] of shown ?? []) if (!changes.has(k)) changes.set(k, { run, ms: Date.now() - t0, kind: 'declared', stage, doc });
      runs++;
      o.onProgress?.({ runs, signatures: first.size });
      return true;
    }),
    { seed: o.seed, numRuns: o.runs, ...(o.timeLimitMs ? { interruptAfterTimeLimit: o.timeLimitMs, markInterruptAsFailure: false } : {}) },
  );
  // The property never fails on purpose: a failure is an exception from the model or the loader
  // (a generated scenario the series cannot load), which must not end the exploration silently.
  if (r.failed && !r.interrupted) throw new Error(`explore run ${index - 1} failed: ${String((r.errorInstance as Error | undefined)?.message ?? r.counterexample)}`);
  return { runs, first: [...first], changes: [...changes], coverage };
}

/** The union of the shards: each signature at its lowest run. */
export function mergeShards(parts: readonly ShardResult[]): { runs: number; first: Map<string, FirstSeen>; changes: Map<string, ChangeSeen>; coverage: ExploreResult['coverage'] } {
  const first = new Map<string, FirstSeen>();
  const changes = new Map<string, ChangeSeen>();
  const coverage: ExploreResult['coverage'] = { ops: {}, events: {}, decisions: {} };
  let runs = 0;
  for (const p of parts) {
    runs += p.runs;
    for (const [s, f] of p.first) {
      const had = first.get(s);
      if (!had || f.run < had.run) first.set(s, f);
    }
    for (const [k, c] of p.changes) {
      const had = changes.get(k);
      if (!had || c.run < had.run) changes.set(k, c);
    }
    for (const [k, n] of Object.entries(p.coverage.ops)) coverage.ops[k] = (coverage.ops[k] ?? 0) + n;
    for (const [k, n] of Object.entries(p.coverage.events)) coverage.events[k] = (coverage.events[k] ?? 0) + n;
    for (const [k, n] of Object.entries(p.coverage.decisions)) coverage.decisions[k] = (coverage.decisions[k] ?? 0) + n;
  }
  return { runs, first, changes, coverage };
}

/** A signature's shrunk scenario, and fast-check's when the greedy pass (simplest) took it further. */
export interface Shrunk {
  doc: Record<string, unknown>;
  /** fast-check's shrunk scenario, before the greedy pass: it may show side signatures the simpler one does not. */
  unsimplified?: Record<string, unknown>;
  /**
   * Every signature each shows on every step, when the thread that shrank them judged them too
   * (withSignatures): what addShrunkSignatures would judge them for otherwise.
   */
  shows?: Signatures;
  unsimplifiedShows?: Signatures;
}
type Signatures = [string, { kind: string; stage: string }][];

/**
 * A shrunk scenario with what it shows on every step, judged where it was shrunk: a worker thread
 * shrinking signatures in parallel, instead of the main thread one after another afterwards.
 */
export function withSignatures<T extends DomainTypes>(o: ExploreOptions<T>, s: Shrunk | null): Shrunk | null {
  if (!s) return s;
  return { ...s, shows: [...shrunkSignatures(o, s.doc)], ...(s.unsimplified ? { unsimplifiedShows: [...shrunkSignatures(o, s.unsimplified)] } : {}) };
}

/**
 * Shrink the run that first showed a signature: fast-check replays exactly that run (its path in the
 * seeded sequence) and shrinks while the signature stays on its step; then the domain's simpler
 * scenarios are tried, greedily (simplest): fast-check shrinks along the generator's structure and
 * keeps operations that nothing needs (seeds 883 and 885 on mm-unstable left 11 and 7 operations
 * that dropping single ones brought to 8 and 4). null when it does not reproduce (it cannot with a
 * deterministic model; such a signature is left out, not faked).
 */
export function shrinkSignature<T extends DomainTypes>(o: ExploreOptions<T>, signature: string, f: FirstSeen): Shrunk | null {
  const r = fc.check(
    fc.property(o.arbitrary, (doc) => !judgeLoaded(o, doc, `explore-${o.seed}-shrink`, f.stage).has(signature)),
    { seed: o.seed, path: String(f.run) },
  );
  const doc = r.counterexample?.[0] as Record<string, unknown> | undefined;
  if (!doc) return null;
  const cur = simplest(o, doc, signature, f.stage);
  return cur === doc ? { doc } : { doc: cur, unsimplified: doc };
}

/**
 * The domain's simpler scenarios, greedily: the first one (in the domain's fixed order) that still
 * shows the signature on its step replaces the scenario, until none does. Without `simpler`, the
 * scenario as it is.
 */
export function simplest<T extends DomainTypes>(o: ExploreOptions<T>, doc: Record<string, unknown>, signature: string, stage: string): Record<string, unknown> {
  return simplestWhile(o, doc, (c) => judgeMemo(o, c, `explore-${o.seed}-shrink`, stage)?.has(signature) === true);
}

/** The domain's simpler scenarios, greedily, while `shows` holds (simplest). */
function simplestWhile<T extends DomainTypes>(o: ExploreOptions<T>, doc: Record<string, unknown>, shows: (doc: Record<string, unknown>) => boolean): Record<string, unknown> {
  if (!o.simpler) return doc;
  let cur = doc;
  for (let smaller = true; smaller; ) {
    smaller = false;
    for (const c of o.simpler(cur))
      if (shows(c)) {
        cur = c;
        smaller = true;
        break;
      }
  }
  return cur;
}

/**
 * A declared change's first scenario made as simple as the domain's simpler scenarios allow while
 * its step still shows the change at the same kind of caller (simplest, for a declared-change key):
 * room within --max-ops for the later callers its neighbours append.
 */
export function shrinkChange<T extends DomainTypes>(o: ExploreOptions<T>, key: string, c: ChangeSeen): Record<string, unknown> {
  return simplestWhile(o, c.doc, (d) => {
    const shown = new Map<string, string>();
    return judgeIfLoads(o, d, `explore-${o.seed}-shrink`, c.stage, shown) !== null && shown.has(key);
  });
}

/** The declared changes whose scenarios are shrunk as bases for neighbours, in a fixed order (code-unit order of the key). */
export function sortedChanges(changes: ReadonlyMap<string, ChangeSeen>): [string, ChangeSeen][] {
  return [...changes].sort(([a], [b]) => byCodeUnit(a, b));
}

/** The signatures to shrink, in a fixed order (code-unit order of the signature). */
export function sortedFirst(first: ReadonlyMap<string, FirstSeen>): [string, FirstSeen][] {
  return [...first].sort(([a], [b]) => byCodeUnit(a, b));
}

/**
 * A shrunk scenario shows the signature it was shrunk for, and may show others that no generated
 * run showed (a shrunk scenario takes other paths). Those are findings too: each shrunk scenario is
 * judged on every step, and a signature not yet listed is added with the first shrunk scenario
 * (in signature order) that shows it, so that `check` on the written files reports nothing explore
 * did not. Then fast-check's shrunk scenarios that the greedy pass took further (`unsimplified`):
 * a side signature only such a longer scenario shows (the greedy pass left out the
 * operation behind it; seed 7, 3,000 runs: 18 of 618) is kept, shrunk greedily for itself, with
 * the signatures that scenario shows in turn. Returns both lists in signature order.
 */
export function addShrunkSignatures<T extends DomainTypes>(o: ExploreOptions<T>, sorted: readonly [string, FirstSeen][], shrunk: readonly (Shrunk | null)[]): { sorted: [string, FirstSeen][]; shrunk: (Record<string, unknown> | null)[] } {
  const listed = new Set(sorted.map(([s]) => s));
  const all: [string, FirstSeen, Record<string, unknown> | null][] = sorted.map(([s, f], i) => [s, f, shrunk[i]?.doc ?? null]);
  const add = (doc: Record<string, unknown>, f: FirstSeen, shows?: Signatures) => {
    for (const [s, v] of shows ?? shrunkSignatures(o, doc)) {
      if (listed.has(s)) continue;
      listed.add(s);
      all.push([s, { run: f.run, ms: f.ms, ...v }, doc]);
    }
  };
  sorted.forEach(([, f], i) => {
    const doc = shrunk[i]?.doc;
    if (doc) add(doc, f, shrunk[i]?.shows);
  });
  sorted.forEach(([, f], i) => {
    const longer = shrunk[i]?.unsimplified;
    if (!longer) return;
    for (const [s, v] of shrunk[i]?.unsimplifiedShows ?? shrunkSignatures(o, longer)) {
      if (listed.has(s)) continue;
      const cur: Record<string, unknown> = simplest(o, longer, s, v.stage);
      listed.add(s);
      all.push([s, { run: f.run, ms: f.ms, ...v }, cur]);
      if (cur !== longer) add(cur, f);
    }
  });
  all.sort(([a], [b]) => byCodeUnit(a, b));
  return { sorted: all.map(([s, f]) => [s, f]), shrunk: all.map(([, , d]) => d) };
}

/** Findings from merged shards and their shrunk scenarios (same order as sortedFirst). */
export function assembleFindings(approved: readonly Approval[], sorted: readonly [string, FirstSeen][], shrunk: readonly (Record<string, unknown> | null)[], origins: ReadonlyMap<string, NeighbourOrigin> = new Map()): ExploreFinding[] {
  // Exact approvals and those that leave caller classes open (`*`).
  const known = approvedSet(approved);
  const findings: ExploreFinding[] = [];
  sorted.forEach(([signature, f], i) => {
    const doc = shrunk[i];
    if (!doc) return;
    const a = known.find(signature);
    const from = origins.get(signature);
    findings.push({ signature, kind: f.kind, stage: f.stage, known: !!a, reason: a?.reason, firstRun: f.run, firstMs: f.ms, scenario: doc, ...(from ? ('signature' in from ? { neighbourOf: from } : { around: from }) : {}) });
  });
  return findings;
}

/** Explore in this thread: every run, then one shrink per signature. */
export function explore<T extends DomainTypes>(o: ExploreOptions<T>): ExploreResult {
  const t0 = Date.now();
  const merged = mergeShards([exploreShard(o, 0, 1, t0)]);
  const runMs = Date.now() - t0;
  const sorted = sortedFirst(merged.first);
  const done = addShrunkSignatures(
    o,
    sorted,
    sorted.map(([signature, f], i) => {
      o.onProgress?.({ runs: merged.runs, signatures: sorted.length, shrinking: { what: 'signatures', done: i, of: sorted.length } });
      return shrinkSignature(o, signature, f);
    }),
  );
  // Shrinking the declared changes' scenarios is part of the neighbours' time.
  const until = neighbourDeadline(o);
  const changes: [string, Record<string, unknown>][] = [];
  const items = sortedChanges(merged.changes);
  for (const [key, c] of items) {
    if (Date.now() > until) break;
    o.onProgress?.({ runs: merged.runs, signatures: done.sorted.length, shrinking: { what: 'declared changes', done: changes.length, of: items.length } });
    changes.push([key, shrinkChange(o, key, c)]);
  }
  const all = neighbourCandidates(o, done.sorted, done.shrunk, changes);
  const found: NeighbourJudged[] = [];
  for (const c of all) {
    if (Date.now() > until) break;
    o.onProgress?.({ runs: merged.runs, signatures: done.sorted.length, neighbours: { done: found.length, of: all.length } });
    found.push(judgeNeighbour(o, c.doc));
  }
  const cands = all.slice(0, found.length);
  const near = addNeighbourSignatures(done, cands, found, merged.runs, Date.now() - t0);
  shrinkNeighbourFindings(o, near);
  return { runs: merged.runs, ms: Date.now() - t0, runMs, neighbourRuns: cands.length, declaredChanges: changes.length, findings: assembleFindings(o.approved, near.sorted, near.shrunk, near.origins), coverage: merged.coverage };
}

/** When judging neighbours stops (epoch ms), called as the neighbours start: never without neighbourTimeMs. */
export function neighbourDeadline<T extends DomainTypes>(o: ExploreOptions<T>): number {
  return o.neighbourTimeMs === undefined ? Infinity : Date.now() + o.neighbourTimeMs;
}

/** A neighbour to judge: the scenario, its change, and what it neighbours. */
export interface NeighbourCandidate {
  doc: Record<string, unknown>;
  change: string;
  of: NeighbourBase;
}

/**
 * Neighbour exploration: the findings of one run are rarely alone (the same mechanism met by
 * another operation, caller class or configuration has a signature of its own), and their
 * neighbours are one change from a shrunk scenario that already reaches the mechanism, where a
 * generated scenario must meet it by chance. The distinct shrunk scenarios, in signature order, each
 * give the domain's neighbours; those not already a shrunk scenario are shuffled with the seed, put
 * in the domain's priority order (lower first), the steps of their scenarios' signatures taking
 * turns within a priority (the shuffle's order within one step), and the first neighbourRuns are
 * judged, one of the declared changes' (changeCandidates) after each. Deterministic: it depends only
 * on the shrunk scenarios, the declared changes' and the seed.
 */
export function neighbourCandidates<T extends DomainTypes>(
  o: ExploreOptions<T>,
  sorted: readonly [string, FirstSeen][],
  shrunk: readonly (Record<string, unknown> | null)[],
  changes: readonly (readonly [string, Record<string, unknown>])[] = [],
): NeighbourCandidate[] {
  const n = o.neighbourRuns ?? 0;
  if (!o.neighbours || n <= 0) return [];
  const bases: [NeighbourBase, Record<string, unknown>][] = [];
  sorted.forEach(([signature], i) => {
    const doc = shrunk[i];
    if (doc) bases.push([{ signature }, doc]);
  });
  const seen = new Set<string>();
  const ofFindings = orderedCandidates(o, bases, seen);
  const ofChanges = changeCandidates(o, changes, seen);
  // One of each in turn: neither kind of base waits for the other's candidates.
  const out: NeighbourCandidate[] = [];
  for (let i = 0; out.length < n && (i < ofFindings.length || i < ofChanges.length); i++) {
    if (i < ofFindings.length) out.push(ofFindings[i]);
    if (i < ofChanges.length && out.length < n) out.push(ofChanges[i]);
  }
  return out;
}

/**
 * Neighbours of the declared changes' shrunk scenarios (shrinkChange), after every scenario already
 * in `seen`: a step's declared change alters the state later callers meet (another slab, page,
 * sheaf or KFENCE pick), and what that breaks shows only at such a caller, after a change that is
 * no finding itself, so no finding's scenario leads there. Only the domain's neighbours of
 * priority 0 (SLUB's later callers). Each step's are shuffled with the seed, then the
 * steps take turns, so a step whose change few kinds of caller show (RFC 06's spin on a contended
 * list_lock: a weak-gfp caller only) gets as many as one whose change every caller shows.
 */
function changeCandidates<T extends DomainTypes>(o: ExploreOptions<T>, changes: readonly (readonly [string, Record<string, unknown>])[], seen: Set<string>): NeighbourCandidate[] {
  if (!o.neighbours) return [];
  const byStep = new Map<string, NeighbourCandidate[]>();
  for (const [key, doc] of unseen(changes, seen))
    for (const x of o.neighbours(doc)) {
      if ((x.priority ?? 0) !== 0) continue;
      const k = JSON.stringify(x.doc);
      if (seen.has(k)) continue;
      seen.add(k);
      const step = stepOfBase({ signature: key });
      if (!byStep.has(step)) byStep.set(step, []);
      byStep.get(step)!.push({ doc: x.doc, change: x.change, of: { signature: key } });
    }
  return inTurns([...byStep].sort(([a], [b]) => byCodeUnit(a, b)).map(([, q]) => shuffled(q, o.seed)));
}

/** The first of each queue, then the second of each, …: every queue is drawn from at the same pace. */
function inTurns<X>(queues: readonly (readonly X[])[]): X[] {
  const out: X[] = [];
  for (let i = 0; queues.some((q) => i < q.length); i++) for (const q of queues) if (i < q.length) out.push(q[i]);
  return out;
}

/** The step a neighbour base belongs to: a signature's first word (none for a given scenario). */
function stepOfBase(of: NeighbourBase): string {
  if (!('signature' in of)) return '';
  const space = of.signature.indexOf(' ');
  return space < 0 ? of.signature : of.signature.slice(0, space);
}

/** The base scenarios not in `seen` (each distinct scenario once, the first of the same), added to it. */
function unseen<X>(given: readonly (readonly [X, Record<string, unknown>])[], seen: Set<string>): [X, Record<string, unknown>][] {
  const out: [X, Record<string, unknown>][] = [];
  for (const [of, doc] of given) {
    const key = JSON.stringify(doc);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([of, doc]);
  }
  return out;
}

/** Fisher-Yates with a small seeded generator (mulberry32), in place. */
function shuffled<X>(all: X[], seed: number): X[] {
  let st = seed >>> 0;
  const rnd = () => {
    st = (st + 0x6d2b79f5) >>> 0;
    let t = st;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all;
}

/** The first n of orderedCandidates. */
function candidatesOf<T extends DomainTypes>(o: ExploreOptions<T>, given: readonly [NeighbourBase, Record<string, unknown>][], n: number): NeighbourCandidate[] {
  if (!o.neighbours || n <= 0) return [];
  return orderedCandidates(o, given, new Set()).slice(0, n);
}

/**
 * The domain's neighbours of these scenarios (each distinct scenario once, in the order given), those
 * not already one of them (nor in `seen`, which gets them all) and each once, shuffled with the seed
 * and put in the domain's priority order, the bases' steps taking turns within a priority.
 */
function orderedCandidates<T extends DomainTypes>(o: ExploreOptions<T>, given: readonly [NeighbourBase, Record<string, unknown>][], seen: Set<string>): NeighbourCandidate[] {
  if (!o.neighbours) return [];
  const bases = unseen(given, seen);
  const all: (NeighbourCandidate & { priority: number })[] = [];
  for (const [of, doc] of bases)
    for (const x of o.neighbours(doc)) {
      const key = JSON.stringify(x.doc);
      if (seen.has(key)) continue;
      seen.add(key);
      all.push({ doc: x.doc, change: x.change, of, priority: x.priority ?? 0 });
    }
  // Shuffled with the seed: a sample over every base scenario, not the neighbours of the first few.
  shuffled(all, o.seed);
  // By priority, then by the base's step, each keeping the shuffle's order; the steps take turns
  // within a priority (as the declared changes' do), so the neighbours of a step with few findings
  // (RFC 05 or 06, each a few dozen in a 120 s run) are judged as soon as those of RFC 13 and 14,
  // whose change every caller shows (hundreds). Measured on a fixed corpus: see README.
  const byPriority = new Map<number, Map<string, NeighbourCandidate[]>>();
  for (const { priority, ...c } of all) {
    const steps = byPriority.get(priority) ?? byPriority.set(priority, new Map()).get(priority)!;
    const step = stepOfBase(c.of);
    (steps.get(step) ?? steps.set(step, []).get(step)!).push(c);
  }
  return [...byPriority]
    .sort(([a], [b]) => a - b)
    .flatMap(([, steps]) => inTurns([...steps].sort(([a], [b]) => byCodeUnit(a, b)).map(([, q]) => q)));
}

/**
 * Exploration around given scenarios (`explore --around`): no generation; the neighbours of the
 * given scenarios (every one, or the first neighbourRuns in candidatesOf's order) are judged on
 * every step as generated runs are, each signature is kept with the first neighbour that shows it,
 * shrunk by the domain's simpler scenarios (fast-check cannot shrink what it did not generate), and
 * listed with the scenario it neighbours. A signature the given scenario shows itself is listed too
 * (its neighbours show it): `check` on the written files reports exactly these signatures.
 */
export function aroundCandidates<T extends DomainTypes>(o: ExploreOptions<T>, given: readonly { name: string; doc: Record<string, unknown> }[]): NeighbourCandidate[] {
  return candidatesOf(
    o,
    given.map((g): [NeighbourBase, Record<string, unknown>] => [{ scenario: g.name }, g.doc]),
    o.neighbourRuns ?? Number.MAX_SAFE_INTEGER,
  );
}

/**
 * The result of judging the neighbours of given scenarios (aroundCandidates; found[i] for
 * cands[i], wherever they were judged): their findings shrunk, nothing generated. t0: the start.
 */
export function aroundResult<T extends DomainTypes>(o: ExploreOptions<T>, cands: readonly NeighbourCandidate[], found: readonly NeighbourJudged[], t0: number): ExploreResult {
  const near = addNeighbourSignatures({ sorted: [], shrunk: [] }, cands, found, 0, Date.now() - t0);
  shrinkNeighbourFindings(o, near);
  const findings = assembleFindings(o.approved, near.sorted, near.shrunk, near.origins);
  return { runs: 0, ms: Date.now() - t0, runMs: 0, neighbourRuns: cands.length, refusedNeighbours: found.filter((f) => f === null).length, findings, coverage: { ops: {}, events: {}, decisions: {} } };
}

/** exploreAround in this thread. */
export function exploreAround<T extends DomainTypes>(o: ExploreOptions<T>, given: readonly { name: string; doc: Record<string, unknown> }[]): ExploreResult {
  const t0 = Date.now();
  const cands = aroundCandidates(o, given);
  const found = cands.map((c, i) => {
    o.onProgress?.({ runs: 0, signatures: 0, neighbours: { done: i, of: cands.length } });
    return judgeNeighbour(o, c.doc);
  });
  return aroundResult(o, cands, found, t0);
}

/** What judging one neighbour found: its signatures, or null when the loader refused it. */
export type NeighbourJudged = [string, { kind: string; stage: string }][] | null;

/**
 * Every signature one neighbour shows, over all steps (as a generated run is judged); null when the
 * loader refuses it. Neighbours and simpler scenarios of generated ones always load (the
 * generator's rules; test/explore.test.ts); those of a hand-written scenario (explore --around) may
 * not: its author may rely on what the domain's edits do not know (a handle an interrupt defines).
 */
export function judgeNeighbour<T extends DomainTypes>(o: ExploreOptions<T>, doc: Record<string, unknown>): NeighbourJudged {
  const found = judgeIfLoads(o, doc, `explore-${o.seed}-neighbour`);
  return found ? [...found] : null;
}

/**
 * judge() of a scenario that was judged before with the same name and step, from a bounded memo per
 * exploration (the model is deterministic: the same document gives the same signatures). Shrinking
 * meets the same scenarios again and again: the signatures of one run (2.2 per run and step, seed 7)
 * are each shrunk from the same scenario along paths that share their first candidates, and many
 * shrink to the same scenario, which is then judged once more on every step (addShrunkSignatures).
 * A scenario the loader refuses is remembered as null.
 */
type Judged = Map<string, { kind: string; stage: string }> | null;
const judgedMemo = new WeakMap<object, Map<string, Judged>>();
const JUDGED_MEMO_MAX = 4_096;
function judgeMemo<T extends DomainTypes>(o: ExploreOptions<T>, doc: Record<string, unknown>, name: string, step?: string): Judged {
  let memo = judgedMemo.get(o);
  if (!memo) judgedMemo.set(o, (memo = new Map()));
  const key = `${name}\n${step ?? ''}\n${JSON.stringify(doc)}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const r = judgeIfLoads(o, doc, name, step);
  if (memo.size >= JUDGED_MEMO_MAX) memo.clear();
  memo.set(key, r);
  return r;
}

/**
 * judgeMemo() of a scenario the loader is expected to accept (generated, or shrunk from one): its
 * error, as judge() throws it, when it does not.
 */
function judgeLoaded<T extends DomainTypes>(o: ExploreOptions<T>, doc: Record<string, unknown>, name: string, step?: string): Map<string, { kind: string; stage: string }> {
  return judgeMemo(o, doc, name, step) ?? judge(o, doc, name, undefined, step);
}

/** Every signature a shrunk scenario shows, on every step. */
function shrunkSignatures<T extends DomainTypes>(o: ExploreOptions<T>, doc: Record<string, unknown>): Map<string, { kind: string; stage: string }> {
  return judgeLoaded(o, doc, `explore-${o.seed}-shrunk`);
}

/** judge(), or null when the loader refuses the scenario. */
function judgeIfLoads<T extends DomainTypes>(o: ExploreOptions<T>, doc: Record<string, unknown>, name: string, step?: string, changes?: Map<string, string>): Map<string, { kind: string; stage: string }> | null {
  try {
    return judge(o, doc, name, undefined, step, changes);
  } catch (e) {
    if (e instanceof ScenarioError) return null;
    throw e;
  }
}

/**
 * The signatures the neighbours showed that nothing before them did, each with the first neighbour
 * (in candidate order) that shows it as its scenario; numbered as runs after the generated ones.
 */
export function addNeighbourSignatures(
  done: { sorted: [string, FirstSeen][]; shrunk: (Record<string, unknown> | null)[] },
  cands: readonly NeighbourCandidate[],
  found: readonly NeighbourJudged[],
  runs: number,
  ms: number,
): { sorted: [string, FirstSeen][]; shrunk: (Record<string, unknown> | null)[]; origins: Map<string, NeighbourOrigin> } {
  const listed = new Set(done.sorted.map(([s]) => s));
  const all: [string, FirstSeen, Record<string, unknown> | null][] = done.sorted.map(([s, f], i) => [s, f, done.shrunk[i]]);
  const origins = new Map<string, NeighbourOrigin>();
  cands.forEach((c, i) => {
    for (const [s, v] of found[i] ?? []) {
      if (listed.has(s)) continue;
      listed.add(s);
      origins.set(s, { ...c.of, change: c.change });
      all.push([s, { run: runs + i, ms, ...v }, c.doc]);
    }
  });
  all.sort(([a], [b]) => byCodeUnit(a, b));
  return { sorted: all.map(([s, f]) => [s, f]), shrunk: all.map(([, , d]) => d), origins };
}

/**
 * Shrink the neighbour findings (in place): a neighbour is not on the generator's path, so
 * fast-check cannot shrink it; the domain's simpler scenarios are tried instead, greedily, while the
 * signature stays on its step. A shrunk neighbour is judged again on every step, and a signature it
 * shows that is not yet listed is added with it (as addShrunkSignatures does for shrunk runs).
 */
export function shrinkNeighbourFindings<T extends DomainTypes>(o: ExploreOptions<T>, near: { sorted: [string, FirstSeen][]; shrunk: (Record<string, unknown> | null)[]; origins: Map<string, NeighbourOrigin> }): void {
  if (!o.simpler || !near.origins.size) return;
  const listed = new Set(near.sorted.map(([s]) => s));
  const extra: [string, FirstSeen, Record<string, unknown>][] = [];
  near.sorted.forEach(([signature, f], i) => {
    const doc = near.shrunk[i];
    if (!doc || !near.origins.has(signature)) return;
    const cur = simplest(o, doc, signature, f.stage);
    if (cur === doc) return;
    near.shrunk[i] = cur;
    for (const [s, v] of shrunkSignatures(o, cur)) {
      if (listed.has(s)) continue;
      listed.add(s);
      near.origins.set(s, near.origins.get(signature)!);
      extra.push([s, { run: f.run, ms: f.ms, ...v }, cur]);
    }
  });
  if (!extra.length) return;
  const all: [string, FirstSeen, Record<string, unknown> | null][] = [...near.sorted.map(([s, f], i): [string, FirstSeen, Record<string, unknown> | null] => [s, f, near.shrunk[i]]), ...extra];
  all.sort(([a], [b]) => byCodeUnit(a, b));
  near.sorted.splice(0, near.sorted.length, ...all.map(([s, f]): [string, FirstSeen] => [s, f]));
  near.shrunk.splice(0, near.shrunk.length, ...all.map(([, , d]) => d));
}
