// Comparing one scenario's observations on stage N-1 and stage N: every difference is sorted into
// observable or internal and judged (improved / regressed / neutral); the step gets a verdict on
// the lattice equivalent < changed < improved < regressed (worst wins), or n/a.

import { diffArrays } from 'diff';
import { objectLine, opHeader, type Observation, type OpObservation } from './observation.ts';

export type Verdict = 'equivalent' | 'changed' | 'improved' | 'regressed' | 'n/a';
export type Effect = 'improved' | 'regressed' | 'neutral';

export interface Difference {
  /** Operation index ("3", "3/inject0/0") or "end". */
  op: string;
  kind: 'observable' | 'internal';
  effect: Effect;
  /** Why it is judged so. */
  what: string;
  before: string[];
  after: string[];
}

export interface StepComparison {
  verdict: Verdict;
  differences: Difference[];
  /** Why the verdict is n/a. */
  reason?: string;
}

const RANK: Record<Exclude<Verdict, 'n/a'>, number> = { equivalent: 0, changed: 1, improved: 2, regressed: 3 };

const __GFP_DIRECT_RECLAIM = 0x400;
const __GFP_KSWAPD_RECLAIM = 0x800;
const __GFP_MEMALLOC = 0x20000;

function succeeded(result: string): boolean | null {
  if (result === 'NULL' || result === 'false' || result === 'aborted') return false;
  if (result === 'object' || result === 'true' || result === 'ZERO_SIZE_PTR' || result.startsWith('sheaf(')) return true;
  return null;
}

/** Observable event lines and how their appearance is judged for this operation. */
function judgeEvent(line: string, op: OpObservation | undefined, appeared: boolean): { kind: 'observable' | 'internal'; effect: Effect; what: string } {
  const gfp = op?.gfp;
  const harm = (what: string) => ({ kind: 'observable' as const, effect: appeared ? ('regressed' as const) : ('improved' as const), what: `${what} ${appeared ? 'appeared' : 'disappeared'}` });
  const good = (what: string) => ({ kind: 'observable' as const, effect: appeared ? ('improved' as const) : ('regressed' as const), what: `${what} ${appeared ? 'appeared' : 'lost'}` });
  if (/^(WARN |SLAB-ERROR )/.test(line)) return harm('warning');
  if (line.startsWith('DEADLOCK')) return harm('deadlock');
  if (line.startsWith('SLEEP-IN-ATOMIC')) return harm('sleep in atomic context');
  if (line.startsWith('slab_out_of_memory')) return harm('allocation failure report');
  if (line.startsWith('kswapd wake')) {
    if (gfp !== undefined && !(gfp & __GFP_KSWAPD_RECLAIM)) return appeared ? { kind: 'observable', effect: 'regressed', what: "kswapd woken although the caller's gfp lacks __GFP_KSWAPD_RECLAIM" } : { kind: 'observable', effect: 'improved', what: "kswapd no longer woken for a caller whose gfp lacks __GFP_KSWAPD_RECLAIM" };
    return { kind: 'observable', effect: 'neutral', what: `kswapd wake-up ${appeared ? 'appeared' : 'disappeared'}` };
  }
  if (line.startsWith('direct reclaim')) {
    if (gfp !== undefined && !(gfp & __GFP_DIRECT_RECLAIM)) return appeared ? { kind: 'observable', effect: 'regressed', what: "direct reclaim although the caller's gfp lacks __GFP_DIRECT_RECLAIM" } : { kind: 'observable', effect: 'improved', what: "no more direct reclaim for a caller whose gfp lacks __GFP_DIRECT_RECLAIM" };
    return { kind: 'observable', effect: 'neutral', what: `direct reclaim ${appeared ? 'appeared' : 'disappeared'}` };
  }
  if (line.startsWith('page_alloc') && line.includes('pfmemalloc')) {
    if (gfp !== undefined && !(gfp & __GFP_MEMALLOC)) return appeared ? { kind: 'observable', effect: 'regressed', what: 'memory reserves used without __GFP_MEMALLOC' } : { kind: 'observable', effect: 'improved', what: 'memory reserves no longer used without __GFP_MEMALLOC' };
    return { kind: 'observable', effect: 'neutral', what: 'use of memory reserves changed' };
  }
  if (line.startsWith('lock spin') && !line.includes('mems_allowed_seq') && op && (op.op === 'kmalloc_nolock' || op.context === 'nmi')) return harm('spinning in a context that must not spin');
  const nested = line.endsWith(' [nested]');
  if (nested && /^(memcg|alloc_tag|kmemleak|trace) /.test(line)) return { kind: 'internal', effect: 'neutral', what: `accounting of a slab-internal allocation ${appeared ? 'appeared' : 'disappeared'}` };
  // kmemleak_not_leak() is about slab's own vector, not the caller's object.
  if (line.startsWith('kmemleak not_leak')) return { kind: 'internal', effect: 'neutral', what: `kmemleak_not_leak of an obj_exts vector ${appeared ? 'appeared' : 'disappeared'}` };
  if (/^(kmemleak free|memcg uncharge|alloc_tag sub)/.test(line)) return { kind: 'observable', effect: 'neutral', what: `release accounting ${appeared ? 'appeared' : 'disappeared'}` };
  if (line.startsWith('memcg charge_fail')) return harm('memcg charge failure');
  if (line.startsWith('memcg charge')) return good('memcg charge');
  if (line.startsWith('alloc_tag inaccurate')) return harm('inaccurate allocation tag');
  if (line.startsWith('alloc_tag')) return good('allocation tag');
  if (line.startsWith('kmemleak')) return good('kmemleak tracking');
  if (line.startsWith('trace ')) return { kind: 'observable', effect: 'neutral', what: `trace output ${appeared ? 'appeared' : 'disappeared'}` };
  return { kind: 'internal', effect: 'neutral', what: `path ${appeared ? 'gained' : 'lost'}: ${line.split(' ').slice(0, 2).join(' ')}` };
}

function maxDepth(events: string[]): number {
  let d = 0;
  for (const e of events) {
    const m = / depth=(\d+)$/.exec(e);
    if (m && e.startsWith('nested ')) d = Math.max(d, Number(m[1]));
  }
  return d;
}

function compareOp(a: OpObservation | undefined, b: OpObservation | undefined, index: string, out: Difference[]): void {
  if (!a || !b) {
    // An injected operation that ran at one stage only: the interrupt point was reached on one path.
    const o = (a ?? b)!;
    out.push({ op: index, kind: 'internal', effect: 'neutral', what: `interrupt operation ${o.op} ran only at stage ${a ? 'N-1' : 'N'}`, before: a ? [opHeader(a)] : [], after: b ? [opHeader(b)] : [] });
    return;
  }
  if (a.result !== b.result) {
    const sa = succeeded(a.result);
    const sb = succeeded(b.result);
    const effect: Effect = sa === true && sb === false ? 'regressed' : sa === false && sb === true ? 'improved' : 'neutral';
    const what = effect === 'regressed' ? 'a success became a failure' : effect === 'improved' ? 'a failure became a success' : 'result changed';
    out.push({ op: index, kind: 'observable', effect, what, before: [opHeader(a)], after: [opHeader(b)] });
  }
  const objs = new Map((a.objects ?? []).map((o) => [o.handle, o]));
  for (const ob of b.objects ?? []) {
    const oa = objs.get(ob.handle);
    if (!oa) continue;
    const za = oa.bytes?.zero;
    const zb = ob.bytes?.zero;
    if (b.wantZero && za !== zb && (za !== undefined || zb !== undefined)) {
      out.push({ op: index, kind: 'observable', effect: zb ? 'improved' : 'regressed', what: zb ? 'requested bytes zeroed under __GFP_ZERO now' : 'requested bytes not zero under __GFP_ZERO', before: [objectLine(oa)], after: [objectLine(ob)] });
    } else if (JSON.stringify(oa) !== JSON.stringify(ob)) {
      out.push({ op: index, kind: 'internal', effect: 'neutral', what: `object ${ob.handle}: placement or contents changed`, before: [objectLine(oa)], after: [objectLine(ob)] });
    }
  }
  const ea = a.events;
  const eb = b.events;
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffArrays(ea, eb)) {
    if (part.added) added.push(...part.value);
    else if (part.removed) removed.push(...part.value);
  }
  // The same event on both sides, only in another order, is a path difference, not a gain or loss.
  for (let i = removed.length - 1; i >= 0; i--) {
    const j = added.indexOf(removed[i]);
    if (j < 0) continue;
    out.push({ op: index, kind: 'internal', effect: 'neutral', what: 'event order changed', before: [`| ${removed[i]}`], after: [`| ${added[j]}`] });
    removed.splice(i, 1);
    added.splice(j, 1);
  }
  for (const line of removed) out.push({ op: index, ...judgeEvent(line, b, false), before: [`| ${line}`], after: [] });
  for (const line of added) out.push({ op: index, ...judgeEvent(line, b, true), before: [], after: [`| ${line}`] });
  const da = maxDepth(ea);
  const db = maxDepth(eb);
  if (da !== db) out.push({ op: index, kind: 'observable', effect: db > da ? 'regressed' : 'improved', what: `nesting of slab-internal allocations ${db > da ? 'deeper' : 'shallower'} (${da} -> ${db})`, before: [`depth ${da}`], after: [`depth ${db}`] });
}

function compareEnd(a: Observation, b: Observation, out: Difference[]): void {
  const ea = a.end;
  const eb = b.end;
  // Lines name the end-state field, so that a declared change can say which fields it may move.
  let field = '';
  const add = (kind: Difference['kind'], effect: Effect, what: string, x: unknown, y: unknown) => out.push({ op: 'end', kind, effect, what, before: [`end.${field}: ${JSON.stringify(x)}`], after: [`end.${field}: ${JSON.stringify(y)}`] });
  if (JSON.stringify(ea.outstanding) !== JSON.stringify(eb.outstanding)) {
    // Only a handle that holds an object at both stages can leak (or stop leaking); a handle whose
    // allocation failed at one of them follows from that result change, reported at the operation.
    const objectsOf = (o: Observation) => new Set(o.ops.flatMap((x) => (x.objects ?? []).filter((y) => y.kind !== 'NULL' && y.kind !== 'ZERO_SIZE_PTR').map((y) => y.handle)));
    const inA = objectsOf(a);
    const inB = objectsOf(b);
    const leaked = eb.outstanding.filter((h) => !ea.outstanding.includes(h) && inA.has(h));
    const fixed = ea.outstanding.filter((h) => !eb.outstanding.includes(h) && inB.has(h));
    field = 'outstanding';
    if (leaked.length) add('observable', 'regressed', `objects left outstanding: ${leaked.join(' ')}`, ea.outstanding, eb.outstanding);
    else if (fixed.length) add('observable', 'improved', `objects no longer left outstanding: ${fixed.join(' ')}`, ea.outstanding, eb.outstanding);
    else add('internal', 'neutral', 'outstanding handles follow from allocation results that changed', ea.outstanding, eb.outstanding);
  }
  const newInv = eb.invariants.filter((v) => !ea.invariants.includes(v));
  const goneInv = ea.invariants.filter((v) => !eb.invariants.includes(v));
  if (newInv.length) (field = 'invariants'), add('observable', 'regressed', 'new invariant violations', ea.invariants, eb.invariants);
  else if (goneInv.length) (field = 'invariants'), add('observable', 'improved', 'invariant violations disappeared', ea.invariants, eb.invariants);
  // Warnings are compared as the events of the operation that raised them (every WARN, slab error
  // and out-of-memory report is also an event), so the end-state list is not compared again.
  if (ea.memcgCharged !== eb.memcgCharged) (field = 'memcg charged'), add('observable', 'neutral', 'memcg balance at the end changed', ea.memcgCharged, eb.memcgCharged);
  if (JSON.stringify(ea.tags) !== JSON.stringify(eb.tags)) (field = 'alloc tags'), add('observable', 'neutral', 'allocation-tag balance at the end changed', ea.tags, eb.tags);
  if (JSON.stringify(ea.inaccurateTags) !== JSON.stringify(eb.inaccurateTags)) (field = 'inaccurate tags'), add('observable', eb.inaccurateTags.length > ea.inaccurateTags.length ? 'regressed' : 'improved', 'inaccurate allocation tags changed', ea.inaccurateTags, eb.inaccurateTags);
  if (ea.kmemleakTracked !== eb.kmemleakTracked) (field = 'kmemleak tracked'), add('observable', 'neutral', 'kmemleak-tracked objects at the end changed', ea.kmemleakTracked, eb.kmemleakTracked);
  if (ea.maxNesting !== eb.maxNesting) (field = 'max nesting'), add('observable', eb.maxNesting > ea.maxNesting ? 'regressed' : 'improved', `maximum nesting of slab-internal allocations ${ea.maxNesting} -> ${eb.maxNesting}`, ea.maxNesting, eb.maxNesting);
  if (JSON.stringify(ea.caches) !== JSON.stringify(eb.caches)) (field = 'caches'), add('internal', 'neutral', 'slab/sheaf state at the end changed', ea.caches, eb.caches);
}

export function verdictOf(diffs: readonly Difference[]): Exclude<Verdict, 'n/a'> {
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
function notApplicable(a: Observation, b: Observation): string | null {
  const nb = new Map(b.ops.map((o) => [o.index, o]));
  for (const oa of a.ops) {
    const ob = nb.get(oa.index);
    if (!ob) continue;
    if ((oa.result === 'n/a') !== (ob.result === 'n/a')) return `[${oa.index}] ${oa.op}: ${(oa.result === 'n/a' ? oa : ob).reason ?? 'not applicable'} at one of the two stages`;
  }
  return null;
}

export function compareObservations(a: Observation, b: Observation): StepComparison {
  const na = notApplicable(a, b);
  if (na) return { verdict: 'n/a', differences: [], reason: na };
  const out: Difference[] = [];
  const ia = new Map(a.ops.map((o) => [o.index, o]));
  const ib = new Map(b.ops.map((o) => [o.index, o]));
  const indices = [...new Set([...ia.keys(), ...ib.keys()])];
  for (const i of indices) compareOp(ia.get(i), ib.get(i), i, out);
  compareEnd(a, b, out);
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
