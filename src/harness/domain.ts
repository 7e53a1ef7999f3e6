// The plug-in contract between the generic harness and a domain (SLUB is one: src/slab/). The
// harness runs scenarios, compares observations, judges steps, checks claims and bisects; it knows
// nothing of what is being modelled. A domain brings its types (DomainTypes) and the few functions
// of Domain below. Data flows:
//
//   scenario file → Domain.parseScenario → Scenario
//   Scenario + stage → runScenario (this folder): Domain.boot, Domain.execute per op, Domain.end
//                    → Observation (typed events, results, objects, end state)
//   two Observations → compareObservations: typed Differences, each judged (observable/internal,
//                    improved/regressed/neutral) by the domain's rules → StepComparison (verdict)
//   StepComparison + StepClaim → checkClaim (typed matchers) → declared / undeclared
//   Observation → Domain.contracts → absolute contract violations
//   text only at the edge: Domain.render (golden files, terminal, --json display fields).

/** A failure of the input (scenario file, name, option): reported as one line, exit 2. */
export class ScenarioError extends Error {}

/**
 * What one scenario run may use (hardening): operations executed (injected ones included), bytes
 * of memory backed at once, time (RunClock), and the nesting of injected interrupts at run time.
 */
export interface RunBudget {
  ops: number;
  bytes: number;
  ms: number;
  depth: number;
}

export const DEFAULT_BUDGET: Readonly<RunBudget> = { ops: 200_000, bytes: 512 * 1024 * 1024, ms: 60_000, depth: 24 };

/**
 * The time a run has spent against its budget's `ms`: CPU time of this process, not wall time alone,
 * which also counts a process that was stopped (Ctrl-Z, SIGSTOP) or starved by others: an explore
 * stopped for a minute and resumed ended with "internal error: ... ran longer than 60000 ms"
 * (2026-12-06). A run that really spins uses CPU time and is still stopped.
 *
 * Reading CPU time costs 2 us (Date.now() 0.08 us); read at every run's start, it made an 800 x 16
 * check 3-4 % slower (8.56-8.86 s against 8.30-8.50 s, three alternating pairs). So it is first read
 * a second into the run, which nearly no run lasts, and that second counts as spent (8.08-8.74 s
 * against 8.40-8.90 s without any CPU reading, three alternating pairs).
 */
export class RunClock {
  private readonly t0 = Date.now();
  /** The CPU time (ms) the run started at, as estimated at its first reading past GRACE_MS; -1 before. */
  private cpuStart = -1;
  private readonly grace: number;
  constructor(private readonly ms: number) {
    this.grace = Math.min(GRACE_MS, ms);
  }

  over(): boolean {
    const wall = Date.now() - this.t0;
    if (wall < this.grace) return false;
    if (this.cpuStart < 0) this.cpuStart = cpuMs() - this.grace;
    return wall > this.ms && cpuMs() - this.cpuStart > this.ms;
  }
}

const GRACE_MS = 1000;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** A run that exceeds its budget: bad input (exit 2), "scenario exceeds budget: …". */
export class BudgetError extends ScenarioError {
  constructor(scenario: string, what: string) {
    super(`${scenario}: scenario exceeds budget: ${what}`);
  }
}

export type Effect = 'improved' | 'regressed' | 'neutral';
export type Visibility = 'observable' | 'internal';

/** How one difference is judged, and why (one line). */
export interface Judgement {
  kind: Visibility;
  effect: Effect;
  what: string;
}

/** The type parameters a domain fixes. */
export interface DomainTypes {
  /** A parsed scenario (the envelope fields and whatever the domain adds). */
  scenario: ScenarioEnvelope & { ops: readonly unknown[] };
  /** A stage of a series. */
  stage: { readonly number: number; readonly slug: string };
  /** What a running stage reports; `kind` names the event kind. */
  event: { readonly kind: string };
  /** An operation's typed result (status ran). */
  result: { readonly kind: string };
  /** An object an operation handed out, named by a stable handle. */
  object: { readonly handle: string };
  /** Facts about an operation the judge needs (e.g. the caller's gfp and context). */
  facts: object;
  /** The state at the end of a run. */
  end: object;
  /** Typed detail of a domain-specific difference (end-state fields, per-op measures). */
  extra: { readonly kind: string };
  /** The running machine of one scenario run. */
  machine: object;
}

export interface ScenarioEnvelope {
  name: string;
  description: string;
  /** The decision points the scenario exercises (documentation, coverage). */
  decisions: string[];
  /** Where it was read from (display only). */
  file: string;
}

export type OpStatus = 'ran' | 'n/a' | 'aborted';

export interface OpRecord<T extends DomainTypes> {
  /** "3", or "3/inject0/1" for an operation run by an injected interrupt. */
  index: string;
  op: string;
  status: OpStatus;
  /** Set when status is ran. */
  result: T['result'] | null;
  /** Why n/a or aborted. */
  reason?: string;
  facts: T['facts'];
  objects: T['object'][];
  events: T['event'][];
}

export interface Observation<T extends DomainTypes> {
  scenario: string;
  stage: string;
  ops: OpRecord<T>[];
  end: T['end'];
}

/** The typed part of a difference between two observations. */
export type DiffDetail<T extends DomainTypes> =
  | { diff: 'result'; op: string; before: ResultView<T>; after: ResultView<T> }
  | { diff: 'object'; op: string; before: T['object']; after: T['object'] }
  | { diff: 'event'; op: string; change: EventChange; event: T['event'] }
  /** An operation (run by an interrupt) that ran at one of the two stages only. */
  | { diff: 'op-only'; op: string; side: 'before' | 'after'; record: ResultView<T> }
  | { diff: 'domain'; op: string; detail: T['extra'] };

export type EventChange = 'appeared' | 'disappeared' | 'reordered';

export interface ResultView<T extends DomainTypes> {
  status: OpStatus;
  result: T['result'] | null;
  reason?: string;
}

export interface Difference<T extends DomainTypes> extends Judgement {
  /** Operation index ("3", "3/inject0/0") or "end". */
  at: string;
  detail: DiffDetail<T>;
}

/**
 * How the domain classes one event kind. `harm`: its appearance is a regression, its disappearance
 * an improvement; `benefit`: the reverse; `observable`: a neutral observable change; `internal`: a
 * path difference; `depends`: the judge function decides from the event and the operation.
 */
export type EventRule<T extends DomainTypes, E> =
  | { class: 'harm' | 'benefit' | 'observable' | 'internal'; reason: string; what: string }
  | { class: 'depends'; reason: string; judge: (e: E, change: 'appeared' | 'disappeared', op: OpRecord<T>) => Judgement };

/** One rule per event kind: a domain with an unclassed kind does not compile. */
export type EventRules<T extends DomainTypes> = { [K in T['event']['kind']]: EventRule<T, Extract<T['event'], { kind: K }>> };

/** An extra difference the domain finds (end state, per-op measures), with its judgement. */
export interface ExtraDifference<T extends DomainTypes> extends Judgement {
  detail: T['extra'];
}

export interface ContractViolation {
  /** Which contract (stable id, e.g. "zeroing.gfp-zero"). */
  contract: string;
  /** Operation index or "end". */
  at: string;
  message: string;
}

export interface Domain<T extends DomainTypes> {
  readonly name: string;

  // ---- input ----
  /** Validate and parse a scenario; throws ScenarioError with a one-line message naming the field. */
  parseScenario(json: unknown, file: string, stages: readonly T['stage'][]): T['scenario'];

  // ---- running ----
  /** The machine enforces the budget inside operations (throws BudgetError). */
  boot(stage: T['stage'], sc: T['scenario'], opts: { record: boolean; budget?: RunBudget }): T['machine'];
  /** Execute top-level op `index`; returns its record and those of any nested (injected) ops. */
  execute(m: T['machine'], op: T['scenario']['ops'][number], index: string): OpRecord<T>[];
  end(m: T['machine']): T['end'];

  // ---- judging ----
  /** Identity of an event for sequence comparison (equal keys: the same event). */
  eventKey(e: T['event']): string;
  rules: EventRules<T>;
  /** Is a result a success (true), a failure (false) or neither (null)? */
  outcome(r: ResultView<T>): boolean | null;
  /** Judge two objects under the same handle (null: no difference). */
  compareObject(a: T['object'], b: T['object'], op: OpRecord<T>): Judgement | null;
  /** Domain-specific per-operation differences (e.g. nesting depth). */
  compareOp(a: OpRecord<T>, b: OpRecord<T>): ExtraDifference<T>[];
  /**
   * When every difference of an operation follows from something judged elsewhere, what: a path a
   * sampler took at one of the two stages only (SLUB: KFENCE sampled its object at one stage only:
   * placement), or an input that differs because an earlier operation's result changed (SLUB: a
   * krealloc() given NULL at one stage and an object at the other). Its observable differences are
   * then judged internal. null (or no hook) when nothing explains them.
   */
  followsFrom?(a: OpRecord<T>, b: OpRecord<T>): string | null;
  /**
   * Which occurrence an event reports, whatever its details (key), and how to say that only the
   * details changed (what), or null. One such event that left an operation and one with the same
   * key that arrived in it are the same occurrence: judged internal, not a loss and a gain. SLUB:
   * the caller's memcg charge, tag or kmemleak registration on other memory (a kvmalloc() now
   * served by vmalloc), a slab_out_of_memory() report printing another gfp (v3 15 drops
   * __GFP_NO_OBJ_EXT from the mask it prints), a direct reclaim freeing another amount.
   */
  sameOccurrence?(e: T['event']): { key: string; what: string } | null;
  /**
   * Which occurrence an event reports when the same occurrence may happen at one of several
   * operations (key), and what it is (what), or null when it belongs to its operation. One that
   * left an operation and one with the same key that arrived at another are one occurrence that
   * moved: when it happens can be seen, so the difference is observable, but it is neither gained
   * nor lost. SLUB: the memcg charge of one object, made by its allocation or by a later
   * kmem_cache_charge() of it (a vector that now succeeds at the allocation charges it there).
   */
  movedOccurrence?(e: T['event'], op: OpRecord<T>): { key: string; what: string } | null;
  /**
   * An event the machine reports at most once per run, by whichever operation gets there first
   * (SLUB: a WARN_ON_ONCE or pr_warn_once). The same event leaving one operation and reaching
   * another is the same report, moved: placement, judged internal. No hook: no such events.
   */
  oncePerRun?(e: T['event']): boolean;
  /**
   * Which once-per-run report an event is: the machine prints a once-per-run report at most once
   * per call site, whatever its arguments (SLUB: pr_warn_once("%s, %s: ...", s->name) prints the
   * first cache's name only), so a report that moved may name another cache or value at the other
   * operation, or within the same one. No hook: the whole event (eventKey).
   */
  onceKey?(e: T['event']): string;
  /**
   * Differences of the end states. Like every rule here it must find nothing between two equal
   * observations, and compareOp/followsFrom nothing between two equal operations:
   * compareObservations takes equal ones as equivalent without asking the rules.
   */
  compareEnd(a: Observation<T>, b: Observation<T>): ExtraDifference<T>[];
  /** Absolute promises every stage must keep, judged on one observation. */
  contracts(obs: Observation<T>): ContractViolation[];
  /**
   * What a difference is, independent of the scenario that shows it (no handles, indices or
   * names of the scenario): the key approvals are recorded under.
   */
  signature(d: Difference<T>, op: OpRecord<T> | undefined): string;
  contractSignature(v: ContractViolation, obs: Observation<T>): string;
  /**
   * What made a difference, finer than its signature, for following a finding from one version of
   * a series to another on the same scenario: two differences with one signature and different
   * cause keys are two findings (SLUB: where a WARN was raised, as its backtrace shows — RFC 13's
   * vector kmalloc_nolock() nested in alloc_slab_obj_exts() tripping its gfp VM_WARN is not v3 15's
   * caller tripping the same site for its own __GFP_NO_OBJ_EXT). null or no hook: the signature
   * alone.
   */
  causeKey?(d: Difference<T>): string | null;
  /**
   * Which caller an operation is, without the scenario's names (SLUB: the API family, the context,
   * the gfp class and the cache class: the part after the difference in a signature; the end state
   * for none). explore keys the declared changes a step shows by it, so that each kind of caller
   * meeting a step's change is a scenario to look around (see declaredChanges in
   * src/harness/explore.ts). No hook: the declared change alone.
   */
  callerOf?(op: OpRecord<T> | undefined): string;
  /**
   * Which decision point an event shows, without the scenario's names (SLUB: the lock mode and
   * lock, the page allocator used and whether it failed, the vector path, the injection point and
   * whether it fired). explore counts these as its coverage. No hook: no decision coverage.
   */
  decisionOf?(e: T['event']): string;

  // ---- text, at the edge ----
  render: {
    observation(obs: Observation<T>): string;
    event(e: T['event']): string;
    /** The two sides of a difference as display lines. */
    difference(d: Difference<T>): { before: string[]; after: string[] };
    /** A canonical key of one part of an observation for bisect (null: not runnable here). */
    part(obs: Observation<T>, op: string | undefined, what: BisectPart): string | null;
  };
}

export const BISECT_PARTS = ['result', 'bytes', 'events', 'all'] as const;
export type BisectPart = (typeof BISECT_PARTS)[number];
