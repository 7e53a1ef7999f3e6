// Comparing one scenario's observations on stage N-1 and stage N: every difference is typed and
// judged (observable or internal; improved, regressed or neutral) by the domain's rules; the step
// gets a verdict on the lattice equivalent < changed < improved < regressed (worst wins), or n/a.

import { diffArrays } from 'diff';
import type { Difference, Domain, DomainTypes, Judgement, Observation, OpRecord, ResultView } from './domain.ts';

export type Verdict = 'equivalent' | 'changed' | 'improved' | 'regressed' | 'n/a';

export interface StepComparison<T extends DomainTypes> {
  verdict: Verdict;
  differences: Difference<T>[];
  /** Why the verdict is n/a. */
  reason?: string;
}

const RANK: Record<Exclude<Verdict, 'n/a'>, number> = { equivalent: 0, changed: 1, improved: 2, regressed: 3 };

export const view = <T extends DomainTypes>(o: OpRecord<T>): ResultView<T> => ({ status: o.status, result: o.result, ...(o.reason ? { reason: o.reason } : {}) });

/** Apply an event rule of the domain. */
export function judgeEvent<T extends DomainTypes>(d: Domain<T>, e: T['event'], change: 'appeared' | 'disappeared', op: OpRecord<T>): Judgement {
  const rule = (d.rules as Record<string, (typeof d.rules)[keyof typeof d.rules]>)[e.kind];
  if (!rule) throw new Error(`event kind "${e.kind}" has no rule in domain ${d.name}`);
  const appeared = change === 'appeared';
  switch (rule.class) {
    case 'harm':
      return { kind: 'observable', effect: appeared ? 'regressed' : 'improved', what: `${rule.what} ${appeared ? 'appeared' : 'disappeared'}` };
    case 'benefit':
      return { kind: 'observable', effect: appeared ? 'improved' : 'regressed', what: `${rule.what} ${appeared ? 'appeared' : 'lost'}` };
    case 'observable':
      return { kind: 'observable', effect: 'neutral', what: `${rule.what} ${appeared ? 'appeared' : 'disappeared'}` };
    case 'internal':
      return { kind: 'internal', effect: 'neutral', what: `path ${appeared ? 'gained' : 'lost'}: ${rule.what}` };
    case 'depends':
      return rule.judge(e as never, change, op);
  }
}

/**
 * An event's key, computed once per event object: each observation is compared twice, with the
 * stage before and the stage after it, and the domain's key is a serialisation.
 */
const keys = new WeakMap<object, string>();
function keyOf<T extends DomainTypes>(d: Domain<T>, e: T['event']): string {
  if (typeof e !== 'object' || e === null) return d.eventKey(e);
  let k = keys.get(e);
  if (k === undefined) keys.set(e, (k = d.eventKey(e)));
  return k;
}

/**
 * The keys of an operation's events, computed once per events array (an observation is compared
 * with the stage before and the stage after it): one map entry per operation instead of one per
 * event, whose upkeep was about a fifth of what comparing cost in an explore profile. Observations
 * are not changed after they are made.
 */
const listKeys = new WeakMap<readonly unknown[], string[]>();
function keysOf<T extends DomainTypes>(d: Domain<T>, events: readonly T['event'][]): string[] {
  let ks = listKeys.get(events);
  if (ks === undefined) {
    ks = new Array<string>(events.length);
    for (let i = 0; i < events.length; i++) ks[i] = d.eventKey(events[i]);
    listKeys.set(events, ks);
  }
  return ks;
}

function compareOp<T extends DomainTypes>(d: Domain<T>, a: OpRecord<T> | undefined, b: OpRecord<T> | undefined, index: string, out: Difference<T>[], shortcut: boolean): void {
  // An operation equal at both stages (most of them, even in a step that changes something else).
  if (shortcut && a && b && sameJson(a, b)) return;
  if (!a || !b) {
    // An injected operation that ran at one stage only: the interrupt point was reached on one path.
    const o = (a ?? b)!;
    out.push({ at: index, kind: 'internal', effect: 'neutral', what: `interrupt operation ${o.op} ran only at stage ${a ? 'N-1' : 'N'}`, detail: { diff: 'op-only', op: o.op, side: a ? 'before' : 'after', record: view(o) } });
    return;
  }
  // Every difference of this operation, collected first: a sampling flip makes them all placement,
  // an input changed by an earlier operation makes them all that operation's consequence.
  const sampled = d.followsFrom?.(a, b) ?? null;
  const at = out.length;
  const ra = view(a);
  const rb = view(b);
  // The reason of an n/a or abort is explanation, not behaviour: status and result are compared.
  if (ra.status !== rb.status || JSON.stringify(ra.result) !== JSON.stringify(rb.result)) {
    const sa = d.outcome(ra);
    const sb = d.outcome(rb);
    const effect = sa === true && sb === false ? 'regressed' : sa === false && sb === true ? 'improved' : 'neutral';
    const what = effect === 'regressed' ? 'a success became a failure' : effect === 'improved' ? 'a failure became a success' : 'result changed';
    out.push({ at: index, kind: 'observable', effect, what, detail: { diff: 'result', op: b.op, before: ra, after: rb } });
  }
  const objs = new Map(a.objects.map((o) => [o.handle, o]));
  for (const ob of b.objects) {
    const oa = objs.get(ob.handle);
    if (!oa) continue;
    const j = d.compareObject(oa, ob, b);
    if (j) out.push({ at: index, ...j, detail: { diff: 'object', op: b.op, before: oa, after: ob } });
  }
  const ka = keysOf(d, a.events);
  const kb = keysOf(d, b.events);
  // Most steps leave an operation's events alone: no edit script to compute then.
  if (ka.length === kb.length && ka.every((k, i) => k === kb[i])) {
    for (const x of d.compareOp(a, b)) out.push({ at: index, kind: x.kind, effect: x.effect, what: x.what, detail: { diff: 'domain', op: b.op, detail: x.detail } });
    return;
  }
  const removed: number[] = [];
  const added: number[] = [];
  let ia = 0;
  let ib = 0;
  for (const part of diffArrays(ka, kb)) {
    const n = part.value.length;
    if (part.added) for (let i = 0; i < n; i++) added.push(ib++);
    else if (part.removed) for (let i = 0; i < n; i++) removed.push(ia++);
    else (ia += n), (ib += n);
  }
  // The same event on both sides, only in another order, is a path difference, not a gain or loss.
  for (let i = removed.length - 1; i >= 0; i--) {
    const j = added.findIndex((x) => kb[x] === ka[removed[i]]);
    if (j < 0) continue;
    out.push({ at: index, kind: 'internal', effect: 'neutral', what: 'event order changed', detail: { diff: 'event', op: b.op, change: 'reordered', event: a.events[removed[i]] } });
    removed.splice(i, 1);
    added.splice(j, 1);
  }
  // The same occurrence with other details (Domain.sameOccurrence): one left, one arrived.
  if (d.sameOccurrence) {
    for (let i = removed.length - 1; i >= 0; i--) {
      const o = d.sameOccurrence(a.events[removed[i]]);
      if (o === null) continue;
      const j = added.findIndex((x) => d.sameOccurrence!(b.events[x])?.key === o.key);
      if (j < 0) continue;
      out.push({ at: index, kind: 'internal', effect: 'neutral', what: o.what, detail: { diff: 'event', op: b.op, change: 'disappeared', event: a.events[removed[i]] } });
      out.push({ at: index, kind: 'internal', effect: 'neutral', what: o.what, detail: { diff: 'event', op: b.op, change: 'appeared', event: b.events[added[j]] } });
      removed.splice(i, 1);
      added.splice(j, 1);
    }
  }
  for (const i of removed) out.push({ at: index, ...judgeEvent(d, a.events[i], 'disappeared', b), detail: { diff: 'event', op: b.op, change: 'disappeared', event: a.events[i] } });
  for (const i of added) out.push({ at: index, ...judgeEvent(d, b.events[i], 'appeared', b), detail: { diff: 'event', op: b.op, change: 'appeared', event: b.events[i] } });
  for (const x of d.compareOp(a, b)) out.push({ at: index, kind: x.kind, effect: x.effect, what: x.what, detail: { diff: 'domain', op: b.op, detail: x.detail } });
  if (sampled) for (let i = at; i < out.length; i++) if (out[i].kind === 'observable') out[i] = { ...out[i], kind: 'internal', effect: 'neutral', what: `${out[i].what} (follows from ${sampled})` };
}

export function verdictOf(diffs: readonly { effect: Judgement['effect'] }[]): Exclude<Verdict, 'n/a'> {
  let v: Exclude<Verdict, 'n/a'> = 'equivalent';
  const bump = (w: Exclude<Verdict, 'n/a'>) => {
    if (RANK[w] > RANK[v]) v = w;
  };
  for (const d of diffs) {
    if (d.effect === 'regressed') bump('regressed');
    else if (d.effect === 'improved') bump('improved');
    else bump('changed');
  }
  return v;
}

/** Is any operation not applicable at exactly one of the two stages? */
function notApplicable<T extends DomainTypes>(a: Observation<T>, b: Observation<T>): string | null {
  const nb = new Map(b.ops.map((o) => [o.index, o]));
  for (const oa of a.ops) {
    const ob = nb.get(oa.index);
    if (!ob) continue;
    if ((oa.status === 'n/a') !== (ob.status === 'n/a')) return `[${oa.index}] ${oa.op}: ${(oa.status === 'n/a' ? oa : ob).reason ?? 'not applicable'} at one of the two stages`;
  }
  return null;
}

/**
 * A once-per-run event (domain.oncePerRun) that disappeared from one operation and appeared at
 * another is one report that moved (an earlier caller no longer reaches the condition, a later one
 * now reports it): both differences become internal, each naming the other operation. The same
 * event (eventKey) is matched whichever way it moved. A report printed with other arguments (the
 * same call site, domain.onceKey: pr_warn_once() names the first failing cache) is matched when
 * it moved later or within one operation: when an earlier operation now reaches the condition,
 * that is new there.
 */
function movedOnceEvents<T extends DomainTypes>(d: Domain<T>, out: Difference<T>[]): void {
  const matched = new Set<number>();
  const eventOf = (k: number) => (out[k].detail as Extract<Difference<T>['detail'], { diff: 'event' }>).event;
  // sameSite: pairs by call site (onceKey), so the two events' texts may differ.
  const pass = (key: (e: T['event']) => string, sameSite: boolean) => {
    const gone = new Map<string, number[]>();
    for (let i = 0; i < out.length; i++) {
      const x = out[i].detail;
      if (!matched.has(i) && x.diff === 'event' && x.change === 'disappeared' && d.oncePerRun!(x.event)) {
        const k = key(x.event);
        gone.set(k, [...(gone.get(k) ?? []), i]);
      }
    }
    if (!gone.size) return;
    for (let i = 0; i < out.length; i++) {
      const x = out[i].detail;
      if (matched.has(i) || x.diff !== 'event' || x.change !== 'appeared' || !d.oncePerRun!(x.event)) continue;
      const from = gone.get(key(x.event));
      // The same event: another operation, either way (in the same one it is a reordering). By
      // call site: a later operation, or the same one printing it with another text (another
      // object's cache: the nested allocation now fails first).
      const pairs = (g: number) =>
        out[g].at !== out[i].at ? !sameSite || g < i : sameSite && keyOf(d, eventOf(g)) !== keyOf(d, x.event);
      const j = from?.findIndex(pairs) ?? -1;
      if (j < 0) continue;
      const g = from!.splice(j, 1)[0];
      const moved = (k: number, other: string) => ({ ...out[k], kind: 'internal' as const, effect: 'neutral' as const, what: `${out[k].what} (a once-per-run report that moved ${other})` });
      const [atGone, atCame] = [out[g].at, out[i].at];
      out[g] = moved(g, atGone === atCame ? `within [${atCame}]` : `to [${atCame}]`);
      out[i] = moved(i, atGone === atCame ? `within [${atGone}]` : `from [${atGone}]`);
      matched.add(g).add(i);
    }
  };
  pass((e) => keyOf(d, e), false);
  if (d.onceKey) pass(d.onceKey, true);
}

/**
 * An occurrence that left one operation and arrived at another (domain.movedOccurrence: SLUB, an
 * object's memcg charge made at its allocation instead of by a later kmem_cache_charge()) is one
 * occurrence that moved, not a loss and a gain: both differences become observable and neutral,
 * each naming the other operation. Only differences still judged observable are paired; one
 * already explained (follows from a sample) stays as it is. First come, first paired, in
 * operation order.
 */
function movedOccurrences<T extends DomainTypes>(d: Domain<T>, out: Difference<T>[], ia: Map<string, OpRecord<T>>, ib: Map<string, OpRecord<T>>): void {
  const occurrence = (k: number) => {
    const x = out[k].detail;
    if (x.diff !== 'event' || out[k].kind !== 'observable' || (x.change !== 'appeared' && x.change !== 'disappeared')) return null;
    const rec = (x.change === 'disappeared' ? ia : ib).get(out[k].at);
    const o = rec ? d.movedOccurrence!(x.event, rec) : null;
    return o ? { ...o, change: x.change } : null;
  };
  const gone = new Map<string, number[]>();
  for (let i = 0; i < out.length; i++) {
    const o = occurrence(i);
    if (o?.change === 'disappeared') gone.set(o.key, [...(gone.get(o.key) ?? []), i]);
  }
  if (!gone.size) return;
  for (let i = 0; i < out.length; i++) {
    const o = occurrence(i);
    if (o?.change !== 'appeared') continue;
    const from = gone.get(o.key);
    const j = from?.findIndex((g) => out[g].at !== out[i].at) ?? -1;
    if (j < 0) continue;
    const g = from!.splice(j, 1)[0];
    const moved = (k: number, other: string): Difference<T> => ({ ...out[k], kind: 'observable', effect: 'neutral', what: `${o.what} moved ${other}` });
    const [atGone, atCame] = [out[g].at, out[i].at];
    out[g] = moved(g, `to [${atCame}]`);
    out[i] = moved(i, `from [${atGone}]`);
  }
}

/**
 * Structural equality of JSON-like values (what observations are made of: they are stored as
 * JSON). Key order does not matter; anything it cannot vouch for (NaN, undefined members) counts
 * as different, which only costs the full comparison. Named hot*: V8 optimises it even in a check
 * that switches the optimising compiler off for the stage copies (src/cli/jit.ts).
 */
export const sameJson = function hotSameJson(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJson(x[i], y[i])) return false;
    return true;
  }
  if (Array.isArray(y) || Object.getPrototypeOf(x) !== Object.getPrototypeOf(y)) return false;
  // for-in rather than Object.keys(): this runs for every operation of every step, and the key
  // arrays were about 3 % of what an explored scenario allocated (observations are plain JSON).
  let nx = 0;
  for (const k in x) {
    if (!Object.hasOwn(x, k)) continue;
    nx++;
    const vx = (x as Record<string, unknown>)[k];
    if (vx === undefined || !Object.hasOwn(y, k) || !sameJson(vx, (y as Record<string, unknown>)[k])) return false;
  }
  let ny = 0;
  for (const k in y) if (Object.hasOwn(y, k)) ny++;
  return nx === ny;
};

/**
 * opts.shortcut (default on): two observations equal in everything but their stage's name are
 * equivalent without being compared, and so is an operation equal at both stages. Most steps leave
 * most scenarios untouched, and most operations of the others; walking both once costs a fraction
 * of matching their events. This relies on the domain's rules finding nothing between equal
 * operations or observations (Domain's contract; tested on every step of every shipped scenario).
 */
export function compareObservations<T extends DomainTypes>(d: Domain<T>, a: Observation<T>, b: Observation<T>, opts: { shortcut?: boolean } = {}): StepComparison<T> {
  const na = notApplicable(a, b);
  if (na) return { verdict: 'n/a', differences: [], reason: na };
  if (opts.shortcut !== false && sameJson(a.ops, b.ops) && sameJson(a.end, b.end)) return { verdict: 'equivalent', differences: [] };
  const out: Difference<T>[] = [];
  const ia = new Map(a.ops.map((o) => [o.index, o]));
  const ib = new Map(b.ops.map((o) => [o.index, o]));
  const indices = [...new Set([...ia.keys(), ...ib.keys()])];
  for (const i of indices) compareOp(d, ia.get(i), ib.get(i), i, out, opts.shortcut !== false);
  if (d.oncePerRun) movedOnceEvents(d, out);
  if (d.movedOccurrence) movedOccurrences(d, out, ia, ib);
  for (const x of d.compareEnd(a, b)) out.push({ at: 'end', kind: x.kind, effect: x.effect, what: x.what, detail: { diff: 'domain', op: 'end', detail: x.detail } });
  return { verdict: verdictOf(out), differences: out };
}

export function worst(vs: readonly Verdict[]): Verdict {
  let best: Verdict = 'equivalent';
  for (const v of vs) {
    if (v === 'n/a') continue;
    if (RANK[v] > RANK[best as Exclude<Verdict, 'n/a'>]) best = v;
  }
  return best;
}
