// How the SLUB domain judges a difference between two stages: one rule per kernel event kind (the
// compiler refuses a kind without one), results, objects (bytes, byte promises, placement), the
// nesting depth of slab-internal allocations, and the end state.

import { __GFP_DIRECT_RECLAIM, __GFP_KSWAPD_RECLAIM, __GFP_MEMALLOC } from '../kernel/gfp.ts';
import type { KEvent } from '../kernel/events.ts';
import type { EventRules, ExtraDifference, Judgement, ResultView } from '../harness/domain.ts';
import type { Slab, SlabObject, SlabObservation, SlabOp } from './observation.ts';

type Change = 'appeared' | 'disappeared';

/** Appearance is a regression, disappearance an improvement, with this description. */
function harm(what: string, change: Change): Judgement {
  return { kind: 'observable', effect: change === 'appeared' ? 'regressed' : 'improved', what };
}

/** An event that only a caller with this gfp bit may cause. */
function needsGfpBit(bit: number, name: string, what: string, e: KEvent, change: Change, op: SlabOp): Judgement {
  const gfp = op.facts.gfp;
  if (gfp !== undefined && !(gfp & bit)) return harm(change === 'appeared' ? `${what} although the caller's gfp lacks ${name}` : `no more ${what} for a caller whose gfp lacks ${name}`, change);
  return { kind: 'observable', effect: 'neutral', what: `${what} ${change}` };
}

/** Accounting done for slab's own nested allocations is slab-internal, not the caller's. */
function nestedAccounting(e: KEvent, change: Change): Judgement | null {
  return e.nested ? { kind: 'internal', effect: 'neutral', what: `accounting of a slab-internal allocation ${change}` } : null;
}

const release = (change: Change): Judgement => ({ kind: 'observable', effect: 'neutral', what: `release accounting ${change}` });
const benefit = (what: string, change: Change): Judgement => ({ kind: 'observable', effect: change === 'appeared' ? 'improved' : 'regressed', what: `${what} ${change === 'appeared' ? 'appeared' : 'lost'}` });

/**
 * Whether a spin in this operation is a hazard: kmalloc_nolock() must never spin (it may have
 * interrupted the lock holder); nor may anything in NMI context. An operation's record also holds
 * what irq_work ran for it afterwards (defer_free()'s deferred frees, from task context, where
 * __slab_free() may spin: machine.ts execute(), events marked afterOp), which is not the call's, as
 * the nolock.never-spins contract already says.
 */
function mustNotSpin(op: SlabOp, e: { where: string; afterOp?: boolean }): boolean {
  if (e.afterOp) return false;
  return op.op === 'kmalloc_nolock' || (op.facts.context === 'nmi' && e.where.endsWith('/nmi'));
}

export const EVENT_RULES: EventRules<Slab> = {
  lock: {
    class: 'depends',
    reason: 'which locks are taken is the path; spinning where the caller may hold the lock is a hazard',
    // mems_allowed_seq is a seqcount read, never a wait on another CPU.
    judge: (e, change, op) => (e.mode === 'spin' && !e.lock.startsWith('mems_allowed_seq') && mustNotSpin(op, e) ? harm(`spinning in a context that must not spin ${change}`, change) : { kind: 'internal', effect: 'neutral', what: `path ${change === 'appeared' ? 'gained' : 'lost'}: lock ${e.mode}` }),
  },
  deadlock: { class: 'harm', reason: 'the simulated CPU would hang', what: 'deadlock' },
  sleep_in_atomic: { class: 'harm', reason: 'might_sleep() in atomic context is a bug report', what: 'sleep in atomic context' },
  page_alloc: {
    class: 'depends',
    reason: 'page allocations are the path, except that memory reserves need __GFP_MEMALLOC',
    judge: (e, change, op) => {
      if (!(e.ok && e.pfmemalloc)) return { kind: 'internal', effect: 'neutral', what: `path ${change === 'appeared' ? 'gained' : 'lost'}: page_alloc` };
      const gfp = op.facts.gfp;
      if (gfp !== undefined && !(gfp & __GFP_MEMALLOC)) return change === 'appeared' ? { kind: 'observable', effect: 'regressed', what: 'memory reserves used without __GFP_MEMALLOC' } : { kind: 'observable', effect: 'improved', what: 'memory reserves no longer used without __GFP_MEMALLOC' };
      return { kind: 'observable', effect: 'neutral', what: 'use of memory reserves changed' };
    },
  },
  page_free: { class: 'internal', reason: 'returning pages is the path', what: 'page_free' },
  kswapd_wake: {
    class: 'depends',
    reason: 'waking kswapd is observable, and a regression for a caller without __GFP_KSWAPD_RECLAIM',
    judge: (e, change, op) => needsGfpBit(__GFP_KSWAPD_RECLAIM, '__GFP_KSWAPD_RECLAIM', change === 'appeared' ? 'kswapd woken' : 'kswapd wake-up', e, change, op),
  },
  direct_reclaim: {
    class: 'depends',
    reason: 'reclaim is observable, and a regression for a caller without __GFP_DIRECT_RECLAIM',
    judge: (e, change, op) => needsGfpBit(__GFP_DIRECT_RECLAIM, '__GFP_DIRECT_RECLAIM', 'direct reclaim', e, change, op),
  },
  warn: { class: 'harm', reason: 'a WARN or pr_warn is a report to the user', what: 'warning' },
  slab_error: { class: 'harm', reason: 'slab_err() reports corruption', what: 'warning' },
  oom: { class: 'harm', reason: 'slab_out_of_memory() prints a report', what: 'allocation failure report' },
  kmemleak: {
    class: 'depends',
    reason: "registration of the caller's object is a benefit; kmemleak_not_leak() concerns slab's own vector",
    judge: (e, change) => {
      const n = nestedAccounting(e, change);
      if (n) return n;
      switch (e.op) {
        case 'not_leak':
          return { kind: 'internal', effect: 'neutral', what: `kmemleak_not_leak of an obj_exts vector ${change}` };
        case 'free':
          return release(change);
        case 'alloc':
          return benefit('kmemleak tracking', change);
      }
    },
  },
  memcg: {
    class: 'depends',
    reason: "charging the caller's memcg is a benefit, a failed charge a harm",
    judge: (e, change) => {
      const n = nestedAccounting(e, change);
      if (n) return n;
      switch (e.op) {
        case 'uncharge':
          return release(change);
        case 'charge_fail':
          return harm(`memcg charge failure ${change}`, change);
        case 'charge':
          return benefit('memcg charge', change);
        case 'lru':
          return { kind: 'internal', effect: 'neutral', what: `path ${change === 'appeared' ? 'gained' : 'lost'}: memcg lru` };
      }
    },
  },
  alloc_tag: {
    class: 'depends',
    reason: "tagging the caller's allocation is a benefit, an inaccurate tag a harm",
    judge: (e, change) => {
      const n = nestedAccounting(e, change);
      if (n) return n;
      switch (e.op) {
        case 'sub':
          return release(change);
        case 'inaccurate':
          return harm(`inaccurate allocation tag ${change}`, change);
        case 'add':
          return benefit('allocation tag', change);
      }
    },
  },
  trace: {
    class: 'depends',
    reason: "the caller's tracepoint output is observable; a nested allocation's is slab-internal",
    judge: (e, change) => nestedAccounting(e, change) ?? { kind: 'observable', effect: 'neutral', what: `trace output ${change}` },
  },
  obj_exts: { class: 'internal', reason: 'how the obj_exts vector is allocated is the path', what: 'obj_exts' },
  sheaf: { class: 'internal', reason: 'sheaf traffic is the path', what: 'sheaf' },
  nest: { class: 'internal', reason: 'the nesting depth itself is judged per operation (compareOp)', what: 'nested' },
  kfence: { class: 'internal', reason: 'whether KFENCE sampled an object is placement', what: 'kfence' },
  slab: { class: 'internal', reason: 'new and discarded slabs are the path', what: 'slab' },
  failslab: { class: 'internal', reason: 'fault injection; its effect shows in the result', what: 'failslab' },
  injection: { class: 'internal', reason: 'whether an interrupt point was reached is the path', what: 'injection' },
  early_pfn: {
    class: 'depends',
    reason: 'the early-PFN path is internal, except an unrecorded page freed after page_ext init and an early path that never ends',
    judge: (e, change) =>
      e.op === 'not_set' ? harm(`page freed with "alloc_tag was not set" (early PFN record lost) ${change}`, change) : e.op === 'overflow' ? harm(`early PFN path recursion (stack overflow) ${change}`, change) : { kind: 'internal', effect: 'neutral', what: `path ${change === 'appeared' ? 'gained' : 'lost'}: early_pfn ${e.op}` },
  },
  defer_free: { class: 'internal', reason: 'deferring a free to irq_work is the path', what: 'defer_free' },
};

/**
 * Stable identity of an event: its fields in code-unit order of their names, as
 * JSON.stringify(e, Object.keys(e).sort()) writes them, built by hand because it is computed for
 * every event of every comparison (the replacer-array form was a tenth of explore's time). Event
 * fields are primitives (src/kernel/events.ts). A WARN's raisedIn is left out: where a report was
 * raised is not what it reports.
 */
export function eventKey(e: KEvent): string {
  const fields = e as unknown as Record<string, unknown>;
  // Sorted in place by insertion (an event has a handful of fields; Array.prototype.sort copies into
  // work arrays of its own), in code-unit order as sort() without a comparator.
  const names = Object.keys(fields);
  for (let i = 1; i < names.length; i++) {
    const k = names[i];
    let j = i - 1;
    while (j >= 0 && names[j] > k) {
      names[j + 1] = names[j];
      j--;
    }
    names[j + 1] = k;
  }
  let s = '';
  for (let i = 0; i < names.length; i++) {
    const k = names[i];
    const v = fields[k];
    // A WARN's raisedIn is where it was raised, not what was reported (KEvent).
    if (v === undefined || k === 'raisedIn') continue;
    s += `${s ? ',' : '{'}"${k}":${typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'null') : typeof v === 'boolean' ? String(v) : JSON.stringify(v)}`;
  }
  return s ? `${s}}` : '{}';
}

export function outcome(r: ResultView<Slab>): boolean | null {
  if (r.status === 'aborted') return false;
  if (r.status === 'n/a' || !r.result) return null;
  switch (r.result.kind) {
    case 'NULL':
      return false;
    case 'bool':
      return r.result.value;
    case 'object':
    case 'ZERO_SIZE_PTR':
    case 'sheaf':
      return true;
    case 'ok':
    case 'refill':
    case 'number':
    case 'validate':
      return null;
  }
}

const brokenPromises = (o: SlabObject) => new Set((o.promises ?? []).filter((p) => !p.kept).map((p) => p.promise));

export function compareObject(a: SlabObject, b: SlabObject, op: SlabOp): Judgement | null {
  const za = a.bytes?.zero;
  const zb = b.bytes?.zero;
  // Only two objects can be compared byte for byte: an allocation that failed at one stage (no
  // bytes) is the result change, judged as such, not memory handed out unzeroed.
  if (op.facts.wantZero && za !== undefined && zb !== undefined && za !== zb) {
    return { kind: 'observable', effect: zb ? 'improved' : 'regressed', what: zb ? 'requested bytes zeroed under __GFP_ZERO now' : 'requested bytes not zero under __GFP_ZERO' };
  }
  // Every other byte promise the API made (init_on_alloc/free, krealloc's growth and contents),
  // between two objects too: one that exists at one stage only is the result change, judged as
  // such, and a promise it breaks there is that stage's contract violation (contracts.ts), not a
  // step difference (explore, seed 31: a krealloc() that failed at RFC 06 and moves the object at
  // 07 showed RFC 01's stale growth bytes as "promise broken" at 07).
  if (a.bytes && b.bytes) {
    const ba = brokenPromises(a);
    const bb = brokenPromises(b);
    const newly = [...bb].filter((p) => !ba.has(p));
    const kept = [...ba].filter((p) => !bb.has(p));
    if (newly.length) return { kind: 'observable', effect: 'regressed', what: `promise broken: ${newly.join(', ')}` };
    if (kept.length) return { kind: 'observable', effect: 'improved', what: `promise kept now: ${kept.join(', ')}` };
  }
  // __GFP_THISNODE with a node: the object is on that node, or the call fails. Judged between two
  // objects whose node is known: a call that failed at one stage (NULL has no node) is the result
  // change, judged as such, and a vmalloc object's pages have no single node in the model.
  const want = op.facts.thisNode;
  if (want !== undefined && a.node !== undefined && b.node !== undefined && a.node !== b.node && (a.node === want || b.node === want)) {
    return b.node === want ? { kind: 'observable', effect: 'improved', what: `__GFP_THISNODE honoured now (node ${b.node})` } : { kind: 'observable', effect: 'regressed', what: `__GFP_THISNODE no longer honoured: node ${b.node} instead of ${want}` };
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) return { kind: 'internal', effect: 'neutral', what: `object ${b.handle}: placement or contents changed` };
  return null;
}

/**
 * KFENCE samples allocations by time in the kernel (kfence_sample_interval), by count here: which
 * allocation it picks is placement, not behaviour. When KFENCE sampled an allocation of an
 * operation at one of the two stages only — the caller's object, or a nested sheaf or vector
 * allocation — because an earlier allocation took or left the sample, the slab path the other side
 * took (a sheaf or vector allocation, a tag, a warning) follows from that pick, so the operation's
 * differences are internal. What KFENCE does with an object it sampled at both stages (its zeroing)
 * is judged as usual.
 */
export function sampledAtOneStage(a: SlabOp, b: SlabOp): string | null {
  // krealloc() of an object KFENCE served at one stage only: a KFENCE object always moves to a new
  // object, a slab object may be resized in place (no new allocation, registration or tag).
  if (a.facts.inputKfence !== undefined && b.facts.inputKfence !== undefined && a.facts.inputKfence !== b.facts.inputKfence) return `KFENCE sampling krealloc()'s input ${b.facts.consumes} at one stage only`;
  const kinds = new Map(a.objects.map((o) => [o.handle, o.kind]));
  for (const ob of b.objects) {
    const ka = kinds.get(ob.handle);
    if (ka === undefined || ka === 'NULL' || ob.kind === 'NULL' || ka === 'ZERO_SIZE_PTR' || ob.kind === 'ZERO_SIZE_PTR') continue;
    if ((ka === 'kfence') !== (ob.kind === 'kfence')) return `KFENCE sampling object ${ob.handle} at one stage only`;
  }
  // A nested allocation: the same nested allocations of a cache were made at both stages (as many
  // traced), but KFENCE sampled a different number of them. (A nested allocation made at one stage
  // only is behaviour, judged as usual, whatever KFENCE did with it.)
  const count = (op: SlabOp) => {
    const made = new Map<string, number>();
    const sampled = new Map<string, number>();
    for (const e of op.events) {
      if (e.kind === 'trace' && e.nested) made.set(e.cache, (made.get(e.cache) ?? 0) + 1);
      if (e.kind === 'kfence' && e.op === 'alloc') sampled.set(e.cache, (sampled.get(e.cache) ?? 0) + 1);
    }
    return { made, sampled };
  };
  const ca = count(a);
  const cb = count(b);
  for (const [cache, n] of ca.made) if (n === cb.made.get(cache) && (ca.sampled.get(cache) ?? 0) !== (cb.sampled.get(cache) ?? 0)) return `KFENCE sampling a nested ${cache} allocation at one stage only`;
  return null;
}

/**
 * krealloc(NULL, ...) is kmalloc(), and krealloc() of an object may keep it in place; and
 * kmem_cache_charge(NULL) charges nothing: when the handle such an operation was given held NULL
 * at one stage and an object at the other, the earlier operation's result changed (and is judged
 * there), and nothing the two calls did can be compared (one allocated, the other resized; one
 * charged, the other had nothing to charge).
 */
export function inputAtOneStage(a: SlabOp, b: SlabOp): string | null {
  const na = a.facts.inputNull;
  const nb = b.facts.inputNull;
  if (na === undefined || nb === undefined || na === nb) return null;
  return `${b.op}() given NULL at stage ${na ? 'N-1' : 'N'} only (${b.facts.consumes ?? 'its object'}: an earlier result changed)`;
}

/**
 * One occurrence whatever its details:
 * - the caller's accounting, whatever memory it is on: the memcg charge
 *   (__memcg_slab_post_alloc_hook() for an object, __memcg_kmem_charge_page() for vmalloc pages),
 *   the allocation tag and the kmemleak registration. A kvmalloc() whose kmalloc attempt fails
 *   falls back to vmalloc, which charges, tags and registers its pages instead (8192 bytes where
 *   the kmalloc-cg-8k object was 8200). Slab-internal (nested) accounting is not the caller's.
 * - a slab_out_of_memory() report of the same cache and node, whatever gfp it prints (v3 15
 *   removes __GFP_NO_OBJ_EXT, so the same failure prints a mask without it), and a warn_alloc()
 *   page allocation failure report, whatever order and mode it names.
 * - a direct reclaim on the same node, whatever it freed (it ran at another page allocation of
 *   the operation, after other pages had gone).
 */
export function sameOccurrence(e: KEvent): { key: string; what: string } | null {
  switch (e.kind) {
    case 'memcg':
      return e.op === 'charge' && !e.nested ? { key: 'memcg charge', what: 'memcg charge moved to other memory' } : null;
    case 'alloc_tag':
      return e.op === 'add' && !e.nested ? { key: `tag ${e.site}`, what: 'allocation tag moved to other memory' } : null;
    case 'kmemleak':
      return e.op === 'alloc' && !e.nested ? { key: 'kmemleak alloc', what: 'kmemleak registration moved to other memory' } : null;
    case 'oom':
      return { key: `oom ${e.cache} ${e.node}`, what: 'slab_out_of_memory report with another gfp' };
    case 'warn':
      return e.site === 'warn_alloc' ? { key: 'warn_alloc', what: 'warn_alloc report of another order or mode' } : null;
    case 'direct_reclaim':
      return { key: `direct_reclaim ${e.node}`, what: 'direct reclaim freed another amount' };
    default:
      return null;
  }
}

/**
 * The memcg charge of one object is made once: by its allocation (memcg_slab_post_alloc_hook()),
 * or, when that did not charge it (no obj_exts vector), by a later kmem_cache_charge() of it,
 * which finds a charged object charged and does nothing. A step that makes the allocation's
 * vector succeed moves the charge there: one charge, earlier. An allocation that returned more
 * than one object (bulk) is not paired: which of its charges is whose is not recorded.
 */
export function movedOccurrence(e: KEvent, op: SlabOp): { key: string; what: string } | null {
  if (e.kind !== 'memcg' || e.op !== 'charge' || e.nested) return null;
  const handle = op.facts.charges ?? (op.objects.length === 1 ? op.objects[0].handle : undefined);
  return handle === undefined ? null : { key: `memcg charge ${handle}`, what: `memcg charge of ${handle}` };
}

function maxDepth(op: SlabOp): number {
  let d = 0;
  for (const e of op.events) if (e.kind === 'nest') d = Math.max(d, e.depth);
  return d;
}

/** Deeper nesting of slab-internal allocations is a regression (more stack, more recursion risk). */
export function compareOp(a: SlabOp, b: SlabOp): ExtraDifference<Slab>[] {
  const da = maxDepth(a);
  const db = maxDepth(b);
  if (da === db) return [];
  return [{ kind: 'observable', effect: db > da ? 'regressed' : 'improved', what: `nesting of slab-internal allocations ${db > da ? 'deeper' : 'shallower'} (${da} -> ${db})`, detail: { kind: 'nesting', before: da, after: db } }];
}

export function compareEnd(a: SlabObservation, b: SlabObservation): ExtraDifference<Slab>[] {
  const out: ExtraDifference<Slab>[] = [];
  const ea = a.end;
  const eb = b.end;
  const add = (field: Extract<Slab['extra'], { kind: 'end' }>['field'], kind: Judgement['kind'], effect: Judgement['effect'], what: string, x: unknown, y: unknown) => out.push({ kind, effect, what, detail: { kind: 'end', field, before: x, after: y } });
  if (JSON.stringify(ea.outstanding) !== JSON.stringify(eb.outstanding)) {
    // Only a handle that holds an object at both stages can leak (or stop leaking); a handle whose
    // allocation failed at one of them follows from that result change, reported at the operation.
    const objectsOf = (o: SlabObservation) => new Set(o.ops.flatMap((x) => x.objects.filter((y) => y.kind !== 'NULL' && y.kind !== 'ZERO_SIZE_PTR').map((y) => y.handle)));
    const inA = objectsOf(a);
    const inB = objectsOf(b);
    // Nor can a handle given to a krealloc() that succeeded at one stage only: it was freed where
    // krealloc() succeeded and is still the caller's where it failed (that result change is judged
    // at the operation).
    const kind = (o: SlabObservation, i: string) => o.ops.find((x) => x.index === i)?.result?.kind;
    const reallocated = new Set(b.ops.filter((x) => x.facts.consumes !== undefined && kind(a, x.index) !== x.result?.kind).map((x) => x.facts.consumes!));
    const leaked = eb.outstanding.filter((h) => !ea.outstanding.includes(h) && inA.has(h) && !reallocated.has(h));
    const fixed = ea.outstanding.filter((h) => !eb.outstanding.includes(h) && inB.has(h) && !reallocated.has(h));
    if (leaked.length) add('outstanding', 'observable', 'regressed', `objects left outstanding: ${leaked.join(' ')}`, ea.outstanding, eb.outstanding);
    else if (fixed.length) add('outstanding', 'observable', 'improved', `objects no longer left outstanding: ${fixed.join(' ')}`, ea.outstanding, eb.outstanding);
    else add('outstanding', 'internal', 'neutral', 'outstanding handles follow from allocation results that changed', ea.outstanding, eb.outstanding);
  }
  const newInv = eb.invariants.filter((v) => !ea.invariants.includes(v));
  const goneInv = ea.invariants.filter((v) => !eb.invariants.includes(v));
  if (newInv.length) add('invariants', 'observable', 'regressed', 'new invariant violations', ea.invariants, eb.invariants);
  else if (goneInv.length) add('invariants', 'observable', 'improved', 'invariant violations disappeared', ea.invariants, eb.invariants);
  // Warnings are compared as the events of the operation that raised them (every WARN, slab error
  // and out-of-memory report is also an event), so the end-state list is not compared again.
  if (ea.memcgCharged !== eb.memcgCharged) add('memcg charged', 'observable', 'neutral', 'memcg balance at the end changed', ea.memcgCharged, eb.memcgCharged);
  if (JSON.stringify(ea.tags) !== JSON.stringify(eb.tags)) add('alloc tags', 'observable', 'neutral', 'allocation-tag balance at the end changed', ea.tags, eb.tags);
  if (JSON.stringify(ea.inaccurateTags) !== JSON.stringify(eb.inaccurateTags)) add('inaccurate tags', 'observable', eb.inaccurateTags.length > ea.inaccurateTags.length ? 'regressed' : 'improved', 'inaccurate allocation tags changed', ea.inaccurateTags, eb.inaccurateTags);
  if (ea.kmemleakTracked !== eb.kmemleakTracked) add('kmemleak tracked', 'observable', 'neutral', 'kmemleak-tracked objects at the end changed', ea.kmemleakTracked, eb.kmemleakTracked);
  if (ea.maxNesting !== eb.maxNesting) {
    // The deepest nesting of the run, boot included. When both stages reach it inside the scenario's
    // operations, each operation's nesting is already judged (compareOp); only a maximum reached
    // during boot is news here.
    const inOps = (o: SlabObservation) => Math.max(0, ...o.ops.map(maxDepth)) === o.end.maxNesting;
    if (inOps(a) && inOps(b)) add('max nesting', 'internal', 'neutral', `maximum nesting of slab-internal allocations ${ea.maxNesting} -> ${eb.maxNesting} (judged at the operations)`, ea.maxNesting, eb.maxNesting);
    else add('max nesting', 'observable', eb.maxNesting > ea.maxNesting ? 'regressed' : 'improved', `maximum nesting of slab-internal allocations ${ea.maxNesting} -> ${eb.maxNesting}`, ea.maxNesting, eb.maxNesting);
  }
  if (JSON.stringify(ea.caches) !== JSON.stringify(eb.caches)) add('caches', 'internal', 'neutral', 'slab/sheaf state at the end changed', ea.caches, eb.caches);
  return out;
}
