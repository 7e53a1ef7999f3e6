// The vocabulary of declared changes (src/series/*/manifest.ts): which typed SLUB differences a
// behaviour step says it causes. Each helper returns a list of matchers (Shape, src/harness/match.ts)
// over a difference's detail; a change's evidence is the concatenation of such lists, e.g.
//
//   evidence: [...ev(lock(['spin', 'trylock'], 'n->list_lock(')), ...obj({ kind: 'slab' }), ...end(...END_BALANCES)]
//
//   ev(e…)        an event with one of these shapes appeared, disappeared or moved (event diffs)
//   lock(m, l…)   the shape of a lock event: mode(s) m, lock name starting with one of l
//   result(op…)   an operation's result changed, or an interrupt operation ran at one stage only
//                 (op-only); optionally only for these operation names
//   obj(o…)       an object's bytes, kind or placement changed, and both its sides have one of the
//                 shapes o (any combination); obj.of(op…)(o…) restricts it to objects of these operations
//   end(f…)       these fields of the end state changed; END_BALANCES: every field but the
//                 outstanding handles and the invariant violations
//   depth()       the nesting depth of slab-internal allocations of an operation changed
//
// Event shapes name the event kind and any of its fields (kernel/events.ts): `gfp: { has: [...] }`
// for a bit of a printed gfp, `{ prefix: [...] }` for lock names, warn sites and nest chains.

import type { DiffDetail } from '../harness/domain.ts';
import type { Shape } from '../harness/match.ts';
import type { KEvent } from '../kernel/events.ts';
import type { EndField, Slab, SlabObject } from './observation.ts';

/** One typed matcher of a declared change. */
export type Evidence = Shape<DiffDetail<Slab>>;
export type EventShape = Shape<KEvent>;
export type ObjectShape = Shape<SlabObject>;
type LockMode = Extract<KEvent, { kind: 'lock' }>['mode'];

/**
 * What the page allocator records of a page it hands out or takes back, whoever asked:
 * post_alloc_hook()'s pgalloc_tag_add() (on the early path before page_ext exists: the PFN record,
 * or the skip of an untagged page) and free_pages()' pgalloc_tag_sub(). A declared page allocation
 * brings these with it; their failures (not_set, overflow) and the early path's own allocations
 * are not part of it and stay judged on their own.
 */
const PAGE_TAG_RECORDS: EventShape = { kind: 'early_pfn', op: ['record', 'skip', 'tag_add', 'tag_sub'] };

/**
 * Event differences (appeared, disappeared or reordered) whose event has one of these shapes; a
 * page_alloc or page_free shape also covers that page's tag records (PAGE_TAG_RECORDS).
 */
export function ev(...events: EventShape[]): Evidence[] {
  const withPages = events.some((e) => e.kind === 'page_alloc' || e.kind === 'page_free') ? [...events, PAGE_TAG_RECORDS] : events;
  return withPages.map((event) => ({ diff: 'event', event }));
}

/** A lock event taken in one of these modes on a lock whose name starts with one of `names`. */
export function lock(modes: LockMode | readonly LockMode[], ...names: string[]): EventShape {
  return names.length ? { kind: 'lock', mode: modes, lock: { prefix: names } } : { kind: 'lock', mode: modes };
}

/** Result differences, and interrupt operations that ran at one stage only; of these ops if given. */
export function result(...ops: string[]): Evidence[] {
  const op = ops.length ? { op: ops } : {};
  return [
    { diff: 'result', ...op },
    { diff: 'op-only', ...op },
  ];
}

function objectPairs(ops: readonly string[], shapes: readonly ObjectShape[]): Evidence[] {
  const op = ops.length ? { op: ops } : {};
  return shapes.flatMap((before) => shapes.map((after): Evidence => ({ diff: 'object', ...op, before, after })));
}

/** Object differences whose two sides each have one of these shapes (in any combination). */
export const obj = Object.assign((...shapes: ObjectShape[]): Evidence[] => objectPairs([], shapes), {
  /** The same, for objects handed out by these operations only (e.g. the elements of a bulk). */
  of:
    (...ops: string[]) =>
    (...shapes: ObjectShape[]): Evidence[] =>
      objectPairs(ops, shapes),
});

/** The operations that allocate through slab's DEFAULT path (every allocating op but kmalloc_nolock()). */
export const DEFAULT_PATH_OPS: readonly string[] = ['kmalloc', 'kzalloc', 'kcalloc', 'kmalloc_node', 'kmalloc_track_caller', 'kvmalloc', 'krealloc', 'kmem_cache_alloc', 'kmem_cache_zalloc', 'kmem_cache_alloc_node', 'kmem_cache_alloc_lru', 'kmem_cache_alloc_bulk', 'kmem_cache_prefill_sheaf', 'kmem_cache_refill_sheaf'];

/**
 * The records of the caller's own allocation and free: its tracepoint, allocation tag, kmemleak
 * registration and memcg charge, its failure reports (slab_out_of_memory(), the page allocator's
 * warn_alloc()), and their balances at the end. A declared change that turns a failure into a
 * success (or back) explains these as well: they record that result. (A failure report that
 * appears is still judged a regression.)
 */
export function records(): Evidence[] {
  return [
    ...ev({ kind: 'trace', event: ['kmalloc', 'kmem_cache_alloc', 'kmalloc_node', 'kmem_cache_alloc_node'] }, { kind: 'alloc_tag', op: ['add', 'sub'] }, { kind: 'kmemleak', op: ['alloc', 'free'] }, { kind: 'memcg', op: ['charge', 'uncharge'] }, { kind: 'oom' }, { kind: 'warn', site: 'warn_alloc' }),
    ...end('alloc tags', 'kmemleak tracked', 'memcg charged', 'outstanding'),
  ];
}

/** The end-state fields other than the outstanding handles and the invariant violations. */
export const END_BALANCES: readonly EndField[] = ['caches', 'memcg charged', 'alloc tags', 'inaccurate tags', 'kmemleak tracked', 'max nesting'];

/** Differences of these end-state fields. */
export function end(...fields: EndField[]): Evidence[] {
  return [{ diff: 'domain', detail: { kind: 'end', field: fields } }];
}

/** A change of an operation's nesting depth of slab-internal allocations. */
export function depth(): Evidence[] {
  return [{ diff: 'domain', detail: { kind: 'nesting' } }];
}
