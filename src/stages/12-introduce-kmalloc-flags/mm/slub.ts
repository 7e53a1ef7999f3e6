// mm/slub.c — SLUB's allocation paths at the series' base (slab/for-next, blob 63c1ef998dd3),
// abridged to the decisions that matter for gfp, spinning, recursion and zeroing.

import { NUMA_NO_NODE } from '../../../kernel/kernel.ts';
import { LocalLock, SpinLock } from '../../../kernel/cpu.ts';
import { PAGE_SIZE, ZERO_SIZE_PTR, type Page } from '../../../kernel/memory.ts';
import { siteId } from '../../../kernel/observers.ts';
import type { ListLru, Ptr } from '../../../slab/stage_api.ts';
import {
  GFP_CONSTRAINT_MASK,
  GFP_KERNEL,
  GFP_NOWAIT,
  GFP_RECLAIM_MASK,
  __GFP_ACCOUNT,
  __GFP_COMP,
  __GFP_DIRECT_RECLAIM,
  __GFP_DMA,
  __GFP_MEMALLOC,
  __GFP_NOFAIL,
  __GFP_NOMEMALLOC,
  __GFP_NORETRY,
  __GFP_NOWARN,
  __GFP_NO_OBJ_EXT,
  __GFP_RECLAIM,
  __GFP_RECLAIMABLE,
  __GFP_RETRY_MAYFAIL,
  __GFP_THISNODE,
  __GFP_ZERO,
  __GFP_BITS_MASK,
  gfpSlabBugMask,
  gfpflags_allow_blocking,
  type gfp_t,
} from '../include/linux/gfp_types.ts';
import {
  KMALLOC_CGROUP,
  KMALLOC_MAX_CACHE_SIZE,
  KMALLOC_NORMAL,
  KMALLOC_RECLAIM,
  KMALLOC_TYPE_NAMES,
  NR_KMALLOC_TYPES,
  POISON_END,
  POISON_FREE,
  POISON_INUSE,
  SLAB_ACCOUNT,
  SLAB_CONSISTENCY_CHECKS,
  SLAB_HWCACHE_ALIGN,
  SLAB_KMALLOC,
  SLAB_NOLEAKTRACE,
  SLAB_NO_MERGE,
  SLAB_NO_OBJ_EXT,
  SLAB_POISON,
  SLAB_RECLAIM_ACCOUNT,
  SLAB_RED_ZONE,
  SLAB_STORE_USER,
  SLAB_TYPESAFE_BY_RCU,
  SLUB_RED_ACTIVE,
  SLUB_RED_INACTIVE,
  __CMPXCHG_DOUBLE,
  kmalloc_index,
  kmalloc_node,
  kmalloc_nolock,
  kmalloc_size,
  kmalloc_size_roundup,
  kmalloc_type,
  kzalloc,
} from '../include/linux/slab.ts';
import {
  G,
  OBJEXTS_ALLOC_FAIL,
  SLAB_ALLOC_DEFAULT,
  SLAB_ALLOC_NEW_SLAB,
  SLAB_ALLOC_TRYLOCK,
  alloc_flags_allow_spinning,
  cache_has_sheaves,
  kmem_cache_debug,
  kmem_cache_debug_flags,
  mem_alloc_profiling_enabled,
  memcg_kmem_online,
  slab_nid,
  slab_obj_exts,
  slab_want_init_on_alloc,
  slab_want_init_on_free,
  type alloc_slab_obj_exts_t,
  type kmem_cache,
  type kmem_cache_node,
  type kmem_cache_order_objects,
  type node_barn,
  type obj_exts_vec,
  type slab,
  type slab_sheaf,
  type slabobj_ext,
  type slub_percpu_sheaves,
} from './slab.ts';
import { __memcg_slab_post_alloc_hook } from './memcontrol.ts';
import { kfence_alloc, kfence_free, kfence_ksize } from './kfence/core.ts';

const MAX_FULL_SHEAVES = 10;
const MIN_PARTIAL = 5;
const MAX_PARTIAL = 10;
const SLUB_MAX_ORDER = 3;
const SIZEOF_PTR = 8;
const SIZEOF_SLABOBJ_EXT = 16;
const TRACK_SIZE = 24;
/** struct slab_sheaf header before objects[]: union {rcu_head; list; capacity/pfmemalloc}, cache, size, node. */
const SLAB_SHEAF_HEADER = 32;
const ENOMEM = -12;
const EINVAL = -22;

/** OBJCGS_CLEAR_MASK: gfp bits a nested vector or sheaf allocation must not inherit. */
export const OBJCGS_CLEAR_MASK = __GFP_DMA | __GFP_RECLAIMABLE | __GFP_ACCOUNT | __GFP_NOFAIL;

/** struct slab_alloc_context: extra parameters for slab allocations. */
export interface slab_alloc_context {
  caller_addr: number;
  orig_size: number;
  alloc_flags: number;
  lru: ListLru | null;
}

// ---- small helpers -----------------------------------------------------------------------------

function stat(s: kmem_cache, item: string, n = 1): void {
  s.stat.set(item, (s.stat.get(item) ?? 0) + n);
}

function _RET_IP_(): number {
  return siteId(G.k.obs.currentTag);
}

function get_node(s: kmem_cache, node: number): kmem_cache_node | undefined {
  return s.node[node];
}

function get_barn(s: kmem_cache): node_barn | null {
  return s.node[G.k.numa_mem_id()]?.barn ?? null;
}

function this_cpu_pcs(s: kmem_cache): slub_percpu_sheaves {
  return s.cpu_sheaves[G.k.cpu.id];
}

export function virt_to_slab(p: Ptr): slab | null {
  const page = G.k.mem.virt_to_page(p);
  if (!page || (page.owner !== 'slab' && page.owner !== 'kfence')) return null;
  return page.slab as slab;
}

function obj_to_index(s: kmem_cache, slab: slab, p: Ptr): number {
  if (slab.objects === 1) return 0;
  return Math.floor((p - slab.base - s.red_left_pad) / s.size);
}

function slab_obj(s: kmem_cache, slab: slab, i: number): Ptr {
  return slab.base + i * s.size + s.red_left_pad;
}

function freeptr_outside_object(s: kmem_cache): boolean {
  return s.offset >= s.inuse;
}

/** set_freepointer(): the free pointer is stored in the object (or just after it). */
function set_freepointer(s: kmem_cache, object: Ptr, fp: Ptr): void {
  G.k.mem.store_le(object + s.offset, fp, SIZEOF_PTR);
}

function slub_debug_orig_size(s: kmem_cache): boolean {
  return (s.flags & SLAB_STORE_USER) !== 0 && (s.flags & SLAB_KMALLOC) !== 0;
}

function get_orig_size(s: kmem_cache, object: Ptr): number {
  if (!slub_debug_orig_size(s)) return s.object_size;
  const slab = virt_to_slab(object)!;
  return slab.orig_size![obj_to_index(s, slab, object)];
}

function set_orig_size(s: kmem_cache, object: Ptr, orig_size: number): void {
  if (!slub_debug_orig_size(s)) return;
  const slab = virt_to_slab(object)!;
  slab.orig_size![obj_to_index(s, slab, object)] = orig_size;
}

function object_poisoned(s: kmem_cache): boolean {
  return (s.flags & SLAB_POISON) !== 0 && !s.ctor && !(s.flags & SLAB_TYPESAFE_BY_RCU);
}

/** pfmemalloc slabs serve only requests allowed to use the reserves. */
function gfp_pfmemalloc_allowed(gfp: gfp_t): boolean {
  if (gfp & __GFP_NOMEMALLOC) return false;
  return (gfp & __GFP_MEMALLOC) !== 0;
}

function pfmemalloc_match(slab: slab, gfpflags: gfp_t): boolean {
  if (slab.pfmemalloc) return gfp_pfmemalloc_allowed(gfpflags);
  return true;
}

function get_order(size: number): number {
  // Multiplication, not PAGE_SIZE << order: a 32-bit shift wraps at order 19 and never exceeds a
  // size above 1 GiB.
  let order = 0;
  while (PAGE_SIZE * 2 ** order < size) order++;
  return order;
}

function slab_error(s: kmem_cache, msg: string): void {
  G.k.emit({ kind: 'slab_error', cache: s.name, msg });
  G.k.obs.warnings.push({ site: 'slab_error', msg: `${s.name}: ${msg}` });
}

// ---- debug: red zones, poison, orig_size --------------------------------------------------------

/** init_object(): write red zones (and poison on free). */
/**
 * init_object(): the red zones and the poison of one object, as mm/slub.c writes them. The kmalloc
 * tail [orig_size, object_size) is red-zoned only with SLAB_RED_ZONE: with SLAB_STORE_USER alone
 * the orig_size is stored but nothing is written there. Poisoning (__OBJECT_POISON) runs for an
 * allocated object too, up to orig_size when the tail is red-zoned.
 */
function init_object(s: kmem_cache, object: Ptr, val: number): void {
  const mem = G.k.mem;
  let poison_size = s.object_size;
  if (s.flags & SLAB_RED_ZONE) {
    mem.memset(object - s.red_left_pad, val, s.red_left_pad);
    // Red-zone the extra space kmalloc allocated beyond the request; poison stops there.
    if (slub_debug_orig_size(s) && val === SLUB_RED_ACTIVE) poison_size = get_orig_size(s, object);
  }
  if (object_poisoned(s)) {
    mem.memset(object, POISON_FREE, poison_size - 1);
    mem.memset(object + poison_size - 1, POISON_END, 1);
  }
  if (s.flags & SLAB_RED_ZONE) mem.memset(object + poison_size, val, s.inuse - poison_size);
}

function check_bytes(s: kmem_cache, what: string, start: Ptr, val: number, len: number): boolean {
  if (len <= 0) return true;
  const v = G.k.mem.view(start, len);
  for (let i = 0; i < len; i++) {
    if (v[i] !== val) {
      slab_error(s, `${what} overwritten at offset ${i}`);
      v.fill(val); // restore, as check_bytes_and_report() does
      return false;
    }
  }
  return true;
}

/** check_object(): red zones and poison of one object; false on corruption. */
function check_object(s: kmem_cache, object: Ptr, val: number): boolean {
  let ok = true;
  if (s.flags & SLAB_RED_ZONE) {
    ok = check_bytes(s, 'Left Redzone', object - s.red_left_pad, val, s.red_left_pad) && ok;
    ok = check_bytes(s, 'Right Redzone', object + s.object_size, val, s.inuse - s.object_size) && ok;
    if (slub_debug_orig_size(s) && val === SLUB_RED_ACTIVE) {
      const orig = get_orig_size(s, object);
      ok = check_bytes(s, 'kmalloc Redzone', object + orig, val, s.object_size - orig) && ok;
    }
  }
  if (object_poisoned(s) && val === SLUB_RED_INACTIVE) {
    // The free pointer lives outside a poisoned object, so the whole object is checked.
    ok = check_bytes(s, 'Poison', object, POISON_FREE, s.object_size - 1) && ok;
    ok = check_bytes(s, 'End Poison', object + s.object_size - 1, POISON_END, 1) && ok;
  }
  return ok;
}

/** alloc_debug_processing(): checks, then orig_size and the active red zone. */
function alloc_debug_processing(s: kmem_cache, slab: slab, object: Ptr, orig_size: number): boolean {
  if (s.flags & SLAB_CONSISTENCY_CHECKS) {
    if (!check_object(s, object, SLUB_RED_INACTIVE)) return false;
  }
  set_orig_size(s, object, orig_size);
  init_object(s, object, SLUB_RED_ACTIVE);
  return true;
}

function free_debug_processing(s: kmem_cache, slab: slab, object: Ptr): boolean {
  const idx = obj_to_index(s, slab, object);
  if (s.flags & SLAB_CONSISTENCY_CHECKS) {
    if (!slab.allocated[idx]) {
      slab_error(s, 'Object already free');
      return false;
    }
    check_object(s, object, SLUB_RED_ACTIVE);
  }
  init_object(s, object, SLUB_RED_INACTIVE);
  return true;
}

/** validate_slab_cache(): check every object of every slab on the node lists; errors found. */
export function validate_slab_cache(s: kmem_cache): number {
  let errors = 0;
  for (const n of s.node) {
    for (const slab of [...n.partial, ...n.full]) {
      for (let i = 0; i < slab.objects; i++) {
        const obj = slab_obj(s, slab, i);
        if (!check_object(s, obj, slab.allocated[i] ? SLUB_RED_ACTIVE : SLUB_RED_INACTIVE)) errors++;
      }
    }
  }
  return errors;
}

// ---- partial lists ---------------------------------------------------------------------------

function add_partial(n: kmem_cache_node, slab: slab, tail: boolean): void {
  n.nr_partial++;
  slab.on_partial = true;
  if (tail) n.partial.push(slab);
  else n.partial.unshift(slab);
}

function remove_partial(n: kmem_cache_node, slab: slab): void {
  const i = n.partial.indexOf(slab);
  if (i >= 0) n.partial.splice(i, 1);
  slab.on_partial = false;
  n.nr_partial--;
}

function add_full(s: kmem_cache, n: kmem_cache_node, slab: slab): void {
  if (!(s.flags & SLAB_STORE_USER)) return;
  slab.on_full = true;
  n.full.push(slab);
}

function remove_full(s: kmem_cache, n: kmem_cache_node, slab: slab): void {
  if (!slab.on_full) return;
  const i = n.full.indexOf(slab);
  if (i >= 0) n.full.splice(i, 1);
  slab.on_full = false;
}

function inc_slabs_node(s: kmem_cache, node: number, objects: number): void {
  const n = get_node(s, node)!;
  n.nr_slabs++;
  n.total_objects += objects;
}

function dec_slabs_node(s: kmem_cache, node: number, objects: number): void {
  const n = get_node(s, node)!;
  n.nr_slabs--;
  n.total_objects -= objects;
}

function take_object(s: kmem_cache, slab: slab): Ptr {
  const object = slab.freelist.pop()!;
  slab.inuse++;
  slab.allocated[obj_to_index(s, slab, object)] = 1;
  return object;
}

// ---- sheaves and the barn ------------------------------------------------------------------

function barn_get_empty_sheaf(barn: node_barn, allow_spin: boolean): slab_sheaf | null {
  if (!barn.nr_empty) return null;
  if (allow_spin) G.k.spin_lock_irqsave(barn.lock);
  else if (!G.k.spin_trylock_irqsave(barn.lock)) return null;
  let empty: slab_sheaf | null = null;
  if (barn.nr_empty) {
    empty = barn.sheaves_empty.shift()!;
    barn.nr_empty--;
  }
  G.k.spin_unlock_irqrestore(barn.lock);
  return empty;
}

/** Recovery puts ignore the barn limits. */
function barn_put_empty_sheaf(barn: node_barn, sheaf: slab_sheaf): void {
  G.k.spin_lock_irqsave(barn.lock);
  barn.sheaves_empty.push(sheaf);
  barn.nr_empty++;
  G.k.spin_unlock_irqrestore(barn.lock);
}

function barn_put_full_sheaf(barn: node_barn, sheaf: slab_sheaf): void {
  G.k.spin_lock_irqsave(barn.lock);
  barn.sheaves_full.push(sheaf);
  barn.nr_full++;
  G.k.spin_unlock_irqrestore(barn.lock);
}

/** Prefers a full sheaf; always spins (only called from the blocking prefill path). */
function barn_get_full_or_empty_sheaf(barn: node_barn): slab_sheaf | null {
  if (!barn.nr_full && !barn.nr_empty) return null;
  G.k.spin_lock_irqsave(barn.lock);
  let sheaf: slab_sheaf | null = null;
  if (barn.nr_full) {
    sheaf = barn.sheaves_full.shift()!;
    barn.nr_full--;
  } else if (barn.nr_empty) {
    sheaf = barn.sheaves_empty.shift()!;
    barn.nr_empty--;
  }
  G.k.spin_unlock_irqrestore(barn.lock);
  return sheaf;
}

/** Swap an empty sheaf for a full one; a trylock when we must not spin. */
function barn_replace_empty_sheaf(barn: node_barn, empty: slab_sheaf, allow_spin: boolean): slab_sheaf | null {
  if (!barn.nr_full) return null;
  if (allow_spin) G.k.spin_lock_irqsave(barn.lock);
  else if (!G.k.spin_trylock_irqsave(barn.lock)) return null;
  G.k.point('barn_locked', barn.cache, barn.nid);
  let full: slab_sheaf | null = null;
  if (barn.nr_full) {
    full = barn.sheaves_full.shift()!;
    barn.nr_full--;
    barn.sheaves_empty.push(empty);
    barn.nr_empty++;
  }
  G.k.spin_unlock_irqrestore(barn.lock);
  return full;
}

type BarnErr = 'E2BIG' | 'ENOMEM' | 'EBUSY';

/** Free side: swap a full sheaf for an empty one. */
function barn_replace_full_sheaf(barn: node_barn, full: slab_sheaf, allow_spin: boolean): slab_sheaf | BarnErr {
  if (barn.nr_full >= MAX_FULL_SHEAVES) return 'E2BIG';
  if (!barn.nr_empty) return 'ENOMEM';
  if (allow_spin) G.k.spin_lock_irqsave(barn.lock);
  else if (!G.k.spin_trylock_irqsave(barn.lock)) return 'EBUSY';
  G.k.point('barn_locked', barn.cache, barn.nid);
  let r: slab_sheaf | BarnErr;
  if (barn.nr_full >= MAX_FULL_SHEAVES) r = 'E2BIG';
  else if (!barn.nr_empty) r = 'ENOMEM';
  else {
    r = barn.sheaves_empty.shift()!;
    barn.nr_empty--;
    barn.sheaves_full.push(full);
    barn.nr_full++;
  }
  G.k.spin_unlock_irqrestore(barn.lock);
  return r;
}

function __alloc_empty_sheaf(s: kmem_cache, gfp: gfp_t, capacity: number): slab_sheaf | null {
  const sheaf_size = SLAB_SHEAF_HEADER + capacity * SIZEOF_PTR;
  /*
   * Sheaves of kmalloc caches are themselves kmalloc'ed: prevent recursion into the same cache,
   * or a deep stack of kmallocs of varying sizes.
   */
  if (s.flags & SLAB_KMALLOC) gfp |= __GFP_NO_OBJ_EXT;
  G.k.obs.nestEnter(`sheaf(${s.name})`);
  let addr: Ptr;
  try {
    addr = G.k.obs.withTag('mm/slub.c:__alloc_empty_sheaf', () => kzalloc(sheaf_size, gfp));
  } finally {
    G.k.obs.nestExit();
  }
  if (!addr) {
    G.k.emit({ kind: 'sheaf', op: 'alloc_fail', cache: s.name });
    return null;
  }
  const sheaf: slab_sheaf = { size: 0, capacity, pfmemalloc: false, cache: s, node: NUMA_NO_NODE, objects: new Array(capacity).fill(0), addr };
  G.sheaves.set(addr, sheaf);
  stat(s, 'SHEAF_ALLOC');
  G.k.emit({ kind: 'sheaf', op: 'alloc', cache: s.name });
  return sheaf;
}

function alloc_empty_sheaf(s: kmem_cache, gfp: gfp_t): slab_sheaf | null {
  // A nested kmalloc made for a sheaf or an obj_exts vector must not allocate another sheaf.
  if (gfp & __GFP_NO_OBJ_EXT) return null;
  gfp &= ~OBJCGS_CLEAR_MASK;
  return __alloc_empty_sheaf(s, gfp, s.sheaf_capacity);
}

function free_empty_sheaf(s: kmem_cache, sheaf: slab_sheaf): void {
  /*
   * If the sheaf was created with __GFP_NO_OBJ_EXT flag then its corresponding extension is NULL
   * and alloc_tag_sub() will throw a warning, therefore replace NULL with CODETAG_EMPTY.
   */
  if (s.flags & SLAB_KMALLOC) mark_obj_codetag_empty(sheaf.addr);
  G.sheaves.delete(sheaf.addr);
  kfree(sheaf.addr);
  stat(s, 'SHEAF_FREE');
  G.k.emit({ kind: 'sheaf', op: 'free', cache: s.name });
}

/** Fill the sheaf to full capacity; -ENOMEM if it falls short (what was added stays). */
function refill_sheaf(s: kmem_cache, sheaf: slab_sheaf, gfp: gfp_t): number {
  const to_fill = sheaf.capacity - sheaf.size;
  if (!to_fill) return 0;
  const objs: Ptr[] = [];
  const filled = refill_objects(s, objs, gfp, to_fill, to_fill);
  for (let i = 0; i < filled; i++) sheaf.objects[sheaf.size + i] = objs[i];
  sheaf.size += filled;
  stat(s, 'SHEAF_REFILL');
  G.k.emit({ kind: 'sheaf', op: 'refill', cache: s.name, n: filled, ok: filled >= to_fill });
  if (filled < to_fill) return ENOMEM;
  return 0;
}

/** Return a sheaf's objects to their slabs. */
function sheaf_flush_unused(s: kmem_cache, sheaf: slab_sheaf): void {
  const objs = sheaf.objects.slice(0, sheaf.size);
  sheaf.size = 0;
  __kmem_cache_free_bulk(s, objs.length, objs);
}

/**
 * __pcs_replace_empty_main(): called with the local lock held; returns the pcs locked, or NULL
 * unlocked. Only when spinning is allowed is a sheaf taken, allocated and refilled.
 */
function __pcs_replace_empty_main(s: kmem_cache, pcs: slub_percpu_sheaves, gfp: gfp_t, alloc_flags: number): slub_percpu_sheaves | null {
  if (!cache_has_sheaves(s)) {
    G.k.local_unlock(pcs.lock);
    return null;
  }
  if (pcs.spare && pcs.spare.size > 0) {
    const t = pcs.main;
    pcs.main = pcs.spare;
    pcs.spare = t;
    return pcs;
  }
  const barn = get_barn(s);
  if (!barn) {
    G.k.local_unlock(pcs.lock);
    return null;
  }
  // RFC 04: only kmalloc_nolock() (TRYLOCK) is denied spinning, not every gfp without reclaim bits.
  const allow_spin = alloc_flags_allow_spinning(alloc_flags);
  let full = barn_replace_empty_sheaf(barn, pcs.main, allow_spin);
  if (full) {
    stat(s, 'BARN_GET');
    pcs.main = full;
    return pcs;
  }
  stat(s, 'BARN_GET_FAIL');
  let empty: slab_sheaf | null = null;
  if (allow_spin) {
    if (pcs.spare) {
      empty = pcs.spare;
      pcs.spare = null;
    } else {
      empty = barn_get_empty_sheaf(barn, true);
    }
  }
  G.k.local_unlock(pcs.lock);
  // In cannot-spin mode there is no refill: the caller falls back to the slow path.
  if (!allow_spin) return null;
  if (!empty) {
    empty = alloc_empty_sheaf(s, gfp);
    if (!empty) return null;
  }
  if (refill_sheaf(s, empty, gfp | __GFP_NOMEMALLOC | __GFP_NOWARN)) {
    // Whatever was put in goes back to the slabs.
    sheaf_flush_unused(s, empty);
    free_empty_sheaf(s, empty);
    return null;
  }
  full = empty;
  const again = this_cpu_pcs(s);
  if (!G.k.local_trylock(again.lock)) {
    // The refilled sheaf is not lost: it goes to the barn and we take the slow path.
    barn_put_full_sheaf(barn, full);
    stat(s, 'BARN_PUT');
    return null;
  }
  pcs = again;
  if (pcs.main.size === 0) {
    if (!pcs.spare) pcs.spare = pcs.main;
    else barn_put_empty_sheaf(barn, pcs.main);
    pcs.main = full;
    return pcs;
  }
  if (!pcs.spare) {
    pcs.spare = full;
    return pcs;
  }
  if (pcs.spare.size === 0) {
    barn_put_empty_sheaf(barn, pcs.spare);
    pcs.spare = full;
    return pcs;
  }
  barn_put_full_sheaf(barn, full);
  stat(s, 'BARN_PUT');
  return pcs;
}

/** The per-CPU sheaf fast path. */
function alloc_from_pcs(s: kmem_cache, gfp: gfp_t, alloc_flags: number, node: number): Ptr {
  const node_requested = node !== NUMA_NO_NODE;
  // A request for another node goes to the slow path.
  if (node_requested && node !== G.k.numa_mem_id()) {
    stat(s, 'ALLOC_NODE_MISMATCH');
    return 0;
  }
  let pcs: slub_percpu_sheaves | null = this_cpu_pcs(s);
  // Always a trylock: we may have interrupted the holder on this CPU.
  if (!G.k.local_trylock(pcs.lock)) return 0;
  G.k.point('pcs_locked', s.name, null);
  if (pcs.main.size === 0) {
    pcs = __pcs_replace_empty_main(s, pcs, gfp, alloc_flags);
    if (!pcs) return 0;
  }
  const object = pcs.main.objects[pcs.main.size - 1];
  if (node_requested && slab_nid(virt_to_slab(object)!) !== node) {
    // The sheaf holds objects of other nodes too; this one does not fit.
    G.k.local_unlock(pcs.lock);
    stat(s, 'ALLOC_NODE_MISMATCH');
    return 0;
  }
  pcs.main.size--;
  G.k.local_unlock(pcs.lock);
  stat(s, 'ALLOC_FASTPATH');
  return object;
}

/** Bulk fast path: batches from main; barn swaps only, never a refill. */
function alloc_from_pcs_bulk(s: kmem_cache, gfp: gfp_t, size: number, p: Ptr[]): number {
  let allocated = 0;
  for (;;) {
    const pcs = this_cpu_pcs(s);
    if (!G.k.local_trylock(pcs.lock)) return allocated;
    if (pcs.main.size === 0) {
      if (!cache_has_sheaves(s)) {
        G.k.local_unlock(pcs.lock);
        return allocated;
      }
      if (pcs.spare && pcs.spare.size > 0) {
        const t = pcs.main;
        pcs.main = pcs.spare;
        pcs.spare = t;
      } else {
        const barn = get_barn(s);
        if (!barn) {
          G.k.local_unlock(pcs.lock);
          return allocated;
        }
        // Bulk callers may always spin, whatever their gfp.
        const full = barn_replace_empty_sheaf(barn, pcs.main, /* allow_spin = */ true);
        if (!full) {
          stat(s, 'BARN_GET_FAIL');
          G.k.local_unlock(pcs.lock);
          /*
           * Once full sheaves in barn are depleted, let the bulk allocation continue from slab
           * pages, otherwise we would just be copying arrays of pointers twice.
           */
          return allocated;
        }
        stat(s, 'BARN_GET');
        pcs.main = full;
      }
    }
    const main = pcs.main;
    const batch = Math.min(size, main.size);
    main.size -= batch;
    for (let i = 0; i < batch; i++) p[allocated + i] = main.objects[main.size + i];
    G.k.local_unlock(pcs.lock);
    stat(s, 'ALLOC_FASTPATH', batch);
    allocated += batch;
    if (batch >= size) return allocated;
    size -= batch;
  }
}

// ---- the bulk refill engine -------------------------------------------------------------------

/** Take whole slabs off node n's partial list and keep at most max of their objects. */
function __refill_objects_node(s: kmem_cache, p: Ptr[], gfp: gfp_t, min: number, max: number, n: kmem_cache_node | undefined, allow_spin: boolean): number {
  if (!n || !n.nr_partial) return 0;
  if (allow_spin) G.k.spin_lock_irqsave(n.list_lock);
  else if (!G.k.spin_trylock_irqsave(n.list_lock)) return 0;
  G.k.point('list_lock_held', s.name, n.nid);
  let refilled = 0;
  // get_partial_node_bulk(): whole slabs whose pfmemalloc state matches.
  for (const slab of [...n.partial]) {
    if (refilled >= min) break;
    if (!pfmemalloc_match(slab, gfp)) continue;
    remove_partial(n, slab);
    while (slab.freelist.length && refilled < max) {
      const object = take_object(s, slab);
      p.push(object);
      maybe_wipe_obj_freeptr(s, object);
      refilled++;
    }
    // Unused objects stay on the slab, which goes back to the list.
    if (slab.freelist.length) add_partial(n, slab, false);
    else add_full(s, n, slab);
  }
  G.k.spin_unlock_irqrestore(n.list_lock);
  return refilled;
}

function __refill_objects_any(s: kmem_cache, p: Ptr[], gfp: gfp_t, min: number, max: number): number {
  if (!s.remote_node_defrag_ratio || G.k.get_cycles() % 1024 > s.remote_node_defrag_ratio) return 0;
  let refilled = 0;
  G.k.emit({ kind: 'lock', mode: 'spin', lock: 'mems_allowed_seq(read)', ok: true, where: G.k.cpu.where() });
  const local = G.k.numa_mem_id();
  for (let nid = 0; nid < s.node.length; nid++) {
    if (nid === local) continue;
    const n = get_node(s, nid)!;
    if (n.nr_partial <= s.min_partial) continue;
    // Remote nodes are only ever trylocked here.
    refilled += __refill_objects_node(s, p, gfp, min - refilled, max - refilled, n, false);
    if (refilled >= min) break;
  }
  return refilled;
}

/** Refill up to max (at least min if possible) objects: local partial, remote partial, new slabs. */
function refill_objects(s: kmem_cache, p: Ptr[], gfp: gfp_t, min: number, max: number): number {
  // RFC 04: no gfp-based spin guard; a no-reclaim gfp that is not kmalloc_nolock() may refill.
  const local_node = G.k.numa_mem_id();
  let refilled = __refill_objects_node(s, p, gfp, min, max, get_node(s, local_node), true);
  if (refilled >= min) return refilled;
  refilled += __refill_objects_any(s, p, gfp, min - refilled, max - refilled);
  if (refilled >= min) return refilled;
  while (refilled < min) {
    // An explicit local node, not NUMA_NO_NODE.
    // Only reachable from contexts that may spin.
    const slab = new_slab(s, gfp, SLAB_ALLOC_DEFAULT, local_node);
    if (!slab) break;
    stat(s, 'ALLOC_SLAB');
    refilled += alloc_from_new_slab(s, slab, p, max - refilled, true);
  }
  return refilled;
}

// ---- new slabs --------------------------------------------------------------------------------

function kmalloc_fix_flags(flags: gfp_t): gfp_t {
  const invalid = flags & gfpSlabBugMask(__GFP_BITS_MASK);
  flags &= ~gfpSlabBugMask(__GFP_BITS_MASK);
  G.k.obs.warn('kmalloc_fix_flags', `Unexpected gfp: 0x${(invalid >>> 0).toString(16)} (${G.k.printGfp(invalid)}). Fixing up to gfp: 0x${flags.toString(16)} (${G.k.printGfp(flags)}). Fix your code!`);
  return flags;
}

function alloc_slab_page(flags: gfp_t, node: number, oo: kmem_cache_order_objects, allow_spin: boolean): Page | null {
  const order = oo.order;
  let page: Page | null;
  if (!allow_spin) page = G.k.alloc_frozen_pages_nolock(0 /* __GFP_COMP is implied */, node, order);
  else page = G.k.alloc_pages(flags, order, node);
  return page;
}

/** Objects of a new slab are set up as the allocator hands them out (setup_object()). */
function setup_object(s: kmem_cache, p: Ptr): void {
  if (kmem_cache_debug(s)) init_object(s, p, SLUB_RED_INACTIVE);
  if (s.ctor) s.ctor(p);
}

function need_slab_obj_exts(s: kmem_cache): boolean {
  if (s.flags & SLAB_NO_OBJ_EXT) return false;
  return (memcg_kmem_online() && (s.flags & SLAB_ACCOUNT) !== 0) || mem_alloc_profiling_enabled();
}

function new_exts(objects: number): slabobj_ext[] {
  const exts: slabobj_ext[] = new Array(objects);
  for (let i = 0; i < objects; i++) exts[i] = { objcg: false, charged: 0, ref: null };
  return exts;
}

/** Put the vector into the slab's leftover space when it fits: no allocation, no gfp. */
function alloc_slab_obj_exts_early(s: kmem_cache, slab: slab): void {
  if (!need_slab_obj_exts(s)) return;
  const leftover = (PAGE_SIZE << slab.page.order) - slab.objects * s.size;
  if (leftover < slab.objects * SIZEOF_SLABOBJ_EXT) return;
  slab.obj_exts = { exts: new_exts(slab.objects), addr: 0 };
  G.k.emit({ kind: 'obj_exts', cache: s.name, path: 'in-slab', install: 'store', ok: true });
}

function account_slab(slab: slab, order: number, s: kmem_cache, gfp: gfp_t, alloc_flags: number): void {
  if (memcg_kmem_online() && s.flags & SLAB_ACCOUNT && !slab_obj_exts(slab)) alloc_slab_obj_exts(slab, s, gfp, alloc_flags | SLAB_ALLOC_NEW_SLAB);
}

/* Allocate and initialize a slab without building its freelist. */
function allocate_slab(s: kmem_cache, flags: gfp_t, alloc_flags: number, node: number): slab | null {
  let oo = s.oo;
  // RFC 07: the page allocator mode follows alloc_flags, not the gfp.
  const allow_spin = alloc_flags_allow_spinning(alloc_flags);
  flags &= G.k.gfp_allowed_mask;
  flags |= s.allocflags;
  /*
   * Let the initial higher-order allocation fail under memory pressure so we fall back to the
   * minimum order allocation.
   */
  let alloc_gfp = (flags | __GFP_NOWARN | __GFP_NORETRY) & ~__GFP_NOFAIL;
  if (alloc_gfp & __GFP_DIRECT_RECLAIM && oo.order > s.min.order) alloc_gfp = (alloc_gfp | __GFP_NOMEMALLOC) & ~__GFP_RECLAIM;
  let page = alloc_slab_page(alloc_gfp, node, oo, allow_spin);
  if (!page) {
    oo = s.min;
    alloc_gfp = flags;
    page = alloc_slab_page(alloc_gfp, node, oo, allow_spin);
    if (!page) return null;
    stat(s, 'ORDER_FALLBACK');
  }
  page.owner = 'slab';
  const slab: slab = {
    slab_cache: s,
    page,
    base: G.k.mem.page_address(page),
    node: page.node,
    objects: oo.objects,
    inuse: 0,
    freelist: [],
    frozen: false,
    pfmemalloc: page.pfmemalloc,
    on_partial: false,
    on_full: false,
    obj_exts: null,
    allocated: new Uint8Array(oo.objects),
    orig_size: slub_debug_orig_size(s) ? new Uint32Array(oo.objects) : null,
  };
  page.slab = slab;
  // setup_slab_debug(): the whole slab is POISON_INUSE to begin with.
  if (s.flags & SLAB_POISON) page.bytes.fill(POISON_INUSE);
  for (let i = 0; i < slab.objects; i++) setup_object(s, slab_obj(s, slab, i));
  alloc_slab_obj_exts_early(s, slab);
  G.k.emit({ kind: 'slab', op: 'new', cache: s.name, node: slab.node, order: page.order });
  // flags here is already masked with gfp_allowed_mask.
  account_slab(slab, page.order, s, flags, alloc_flags);
  return slab;
}

function new_slab(s: kmem_cache, flags: gfp_t, alloc_flags: number, node: number): slab | null {
  if (flags & gfpSlabBugMask(__GFP_BITS_MASK)) flags = kmalloc_fix_flags(flags);
  G.k.WARN_ON_ONCE(s.ctor !== null && (flags & __GFP_ZERO) !== 0, 'new_slab', 'WARN_ON_ONCE(s->ctor && (flags & __GFP_ZERO))');
  return allocate_slab(s, flags & (GFP_RECLAIM_MASK | GFP_CONSTRAINT_MASK), alloc_flags, node);
}

/** The order objects of a new slab are handed out in: from a (pseudo)random start if randomised. */
function init_slab_obj_iter(s: kmem_cache, slab: slab, allow_spin: boolean): number[] {
  let start = 0;
  if (G.k.config.freelistRandom) start = allow_spin ? G.k.rng.below(slab.objects) : G.k.prandom.below(slab.objects);
  const order: number[] = [];
  for (let i = 0; i < slab.objects; i++) order.push((start + i) % slab.objects);
  return order;
}

/** build_slab_freelist(): link the remaining objects, in iterator order. */
function build_slab_freelist(s: kmem_cache, slab: slab, rest: number[]): void {
  for (let i = rest.length - 1; i >= 0; i--) {
    const obj = slab_obj(s, slab, rest[i]);
    set_freepointer(s, obj, slab.freelist.length ? slab.freelist[slab.freelist.length - 1] : 0);
    slab.freelist.push(obj);
  }
}

function free_new_slab_nolock(s: kmem_cache, slab: slab): void {
  G.k.emit({ kind: 'slab', op: 'discard', cache: s.name, node: slab.node, order: slab.page.order, why: 'list_lock trylock failed' });
  __free_slab(s, slab, false);
}

/** Debug/TINY caches: one object from a brand-new slab, which is then published. */
function alloc_single_from_new_slab(s: kmem_cache, slab: slab, ac: slab_alloc_context): Ptr {
  const allow_spin = alloc_flags_allow_spinning(ac.alloc_flags);
  const nid = slab_nid(slab);
  const n = get_node(s, nid)!;
  const iter = init_slab_obj_iter(s, slab, allow_spin);
  const object = slab_obj(s, slab, iter[0]);
  build_slab_freelist(s, slab, iter.slice(1));
  slab.inuse = 1;
  slab.allocated[iter[0]] = 1;
  if (!alloc_debug_processing(s, slab, object, ac.orig_size)) {
    // It's not really expected that this would fail on a new slab; the slab is leaked.
    return 0;
  }
  if (allow_spin) G.k.spin_lock_irqsave(n.list_lock);
  else if (!G.k.spin_trylock_irqsave(n.list_lock)) {
    free_new_slab_nolock(s, slab);
    return 0;
  }
  if (slab.inuse === slab.objects) add_full(s, n, slab);
  else add_partial(n, slab, false);
  inc_slabs_node(s, nid, slab.objects);
  G.k.spin_unlock_irqrestore(n.list_lock);
  return object;
}

/** Take up to count objects from a new slab; the rest must go on the partial list. */
function alloc_from_new_slab(s: kmem_cache, slab: slab, p: Ptr[], count: number, allow_spin: boolean): number {
  const nid = slab_nid(slab);
  const n = get_node(s, nid)!;
  const iter = init_slab_obj_iter(s, slab, allow_spin);
  const take = Math.min(count, slab.objects);
  if (take < slab.objects) {
    if (allow_spin) G.k.spin_lock_irqsave(n.list_lock);
    else if (!G.k.spin_trylock_irqsave(n.list_lock)) {
      free_new_slab_nolock(s, slab);
      return 0;
    }
  }
  for (let i = 0; i < take; i++) {
    const object = slab_obj(s, slab, iter[i]);
    p.push(object);
    maybe_wipe_obj_freeptr(s, object);
    slab.allocated[iter[i]] = 1;
  }
  slab.inuse = take;
  build_slab_freelist(s, slab, iter.slice(take));
  if (take < slab.objects) {
    add_partial(n, slab, false);
    inc_slabs_node(s, nid, slab.objects);
    G.k.spin_unlock_irqrestore(n.list_lock);
  } else {
    inc_slabs_node(s, nid, slab.objects);
  }
  return take;
}

// ---- partial list search -----------------------------------------------------------------

function alloc_single_from_partial(s: kmem_cache, n: kmem_cache_node, slab: slab, orig_size: number): Ptr {
  const object = take_object(s, slab);
  if (!alloc_debug_processing(s, slab, object, orig_size)) {
    remove_partial(n, slab);
    return 0;
  }
  if (!slab.freelist.length) {
    remove_partial(n, slab);
    add_full(s, n, slab);
  }
  return object;
}

function get_from_partial_node(s: kmem_cache, n: kmem_cache_node | undefined, gfp_flags: gfp_t, ac: slab_alloc_context): Ptr {
  // Racy check: if we mistakenly see no partial slabs we may allocate a new one instead.
  if (!n || !n.nr_partial) return 0;
  // RFC 06: the lock mode follows alloc_flags, not the (trynode or caller) gfp.
  if (alloc_flags_allow_spinning(ac.alloc_flags)) G.k.spin_lock_irqsave(n.list_lock);
  else if (!G.k.spin_trylock_irqsave(n.list_lock)) return 0;
  G.k.point('list_lock_held', s.name, n.nid);
  let object: Ptr = 0;
  for (const slab of [...n.partial]) {
    if (!pfmemalloc_match(slab, gfp_flags)) continue;
    if (kmem_cache_debug(s)) {
      object = alloc_single_from_partial(s, n, slab, ac.orig_size);
      if (object) break;
      continue;
    }
    object = take_object(s, slab);
    if (!slab.freelist.length) remove_partial(n, slab);
    break;
  }
  G.k.spin_unlock_irqrestore(n.list_lock);
  return object;
}

function get_from_any_partial(s: kmem_cache, gfp_flags: gfp_t, ac: slab_alloc_context): Ptr {
  /*
   * The defrag ratio allows a configuration of the tradeoffs between inter-node defragmentation
   * and node-local allocations.
   */
  if (!s.remote_node_defrag_ratio || G.k.get_cycles() % 1024 > s.remote_node_defrag_ratio) return 0;
  const allow_spin = alloc_flags_allow_spinning(ac.alloc_flags);
  // The cpuset seqcount is not safe from any context: only read it when we may spin.
  if (allow_spin) G.k.emit({ kind: 'lock', mode: 'spin', lock: 'mems_allowed_seq(read)', ok: true, where: G.k.cpu.where() });
  const local = G.k.numa_mem_id();
  const zonelist = [local, ...s.node.map((_, i) => i).filter((i) => i !== local)];
  for (const nid of zonelist) {
    const n = get_node(s, nid);
    if (n && n.nr_partial > s.min_partial) {
      const object = get_from_partial_node(s, n, gfp_flags, ac);
      if (object) return object;
    }
  }
  return 0;
}

function get_from_partial(s: kmem_cache, node: number, flags: gfp_t, ac: slab_alloc_context): Ptr {
  const searchnode = node === NUMA_NO_NODE ? G.k.numa_mem_id() : node;
  const object = get_from_partial_node(s, get_node(s, searchnode), flags, ac);
  if (object || (node !== NUMA_NO_NODE && flags & __GFP_THISNODE)) return object;
  return get_from_any_partial(s, flags, ac);
}

function slab_out_of_memory(s: kmem_cache, gfpflags: gfp_t, nid: number): void {
  if (gfpflags & __GFP_NOWARN) return;
  G.k.emit({ kind: 'oom', cache: s.name, gfp: G.k.printGfp(gfpflags), node: nid });
  G.k.obs.warnings.push({ site: 'slab_out_of_memory', msg: `SLUB: Unable to allocate memory on node ${nid}, gfp=0x${gfpflags.toString(16)}(${G.k.printGfp(gfpflags)})` });
}

/** The slow path: partial lists, then a new slab; loops only when spinning is allowed. */
function ___slab_alloc(s: kmem_cache, gfpflags: gfp_t, node: number, ac: slab_alloc_context): Ptr {
  // RFC 05: spinning follows alloc_flags, no longer the gfp's reclaim bits.
  const allow_spin = alloc_flags_allow_spinning(ac.alloc_flags);
  let try_thisnode = true;
  stat(s, 'ALLOC_SLOWPATH');
  for (;;) {
    let trynode_flags = gfpflags;
    if (node !== NUMA_NO_NODE && !(gfpflags & __GFP_THISNODE) && try_thisnode) {
      /*
       * Try the target node first, opportunistically: with (at most) GFP_NOWAIT plus
       * __GFP_THISNODE. Masking keeps only __GFP_KSWAPD_RECLAIM of the caller's bits (RFC 07 as
       * posted drops e.g. __GFP_NOMEMALLOC/__GFP_MEMALLOC/__GFP_DIRECT_RECLAIM here).
       */
      trynode_flags = (gfpflags & GFP_NOWAIT) | __GFP_NOWARN | __GFP_THISNODE;
    }
    let object = get_from_partial(s, node, trynode_flags, ac);
    if (object) return success(s, object, ac.caller_addr, gfpflags);
    const slab = new_slab(s, trynode_flags, ac.alloc_flags, node);
    if (!slab) {
      if (node !== NUMA_NO_NODE && !(gfpflags & __GFP_THISNODE) && try_thisnode) {
        try_thisnode = false;
        continue;
      }
      slab_out_of_memory(s, gfpflags, node);
      return 0;
    }
    stat(s, 'ALLOC_SLAB');
    if (kmem_cache_debug(s)) {
      object = alloc_single_from_new_slab(s, slab, ac);
      if (object) return success(s, object, ac.caller_addr, gfpflags);
    } else {
      const got: Ptr[] = [];
      if (alloc_from_new_slab(s, slab, got, 1, allow_spin)) return got[0];
    }
    // Cannot spin: fail rather than loop.
    if (allow_spin) continue;
    return 0;
  }
}

/** set_track(): with SLAB_STORE_USER the gfp reaches stackdepot. */
function success(s: kmem_cache, object: Ptr, addr: number, gfpflags: gfp_t): Ptr {
  void addr;
  void gfpflags;
  return object;
}

/* No longer __always_inline: with sheaves this is not the allocation fast path any more. */
function __slab_alloc_node(s: kmem_cache, gfpflags: gfp_t, node: number, ac: slab_alloc_context): Ptr {
  // strict_numa mempolicy redirection is not modelled (strict_numa is off).
  return ___slab_alloc(s, gfpflags, node, ac);
}

function maybe_wipe_obj_freeptr(s: kmem_cache, obj: Ptr): void {
  if (slab_want_init_on_free(s) && obj && !freeptr_outside_object(s)) G.k.mem.memset(obj + s.offset, 0, SIZEOF_PTR);
}

// ---- obj_exts ---------------------------------------------------------------------------------

/** mark_obj_codetag_empty(): CONFIG_MEM_ALLOC_PROFILING_DEBUG only. */
function mark_obj_codetag_empty(obj: Ptr): void {
  if (!G.k.config.profilingDebug || !obj) return;
  const ext = obj_ext_of(obj);
  if (!ext) return;
  if (ext.ref === 'CODETAG_EMPTY') return;
  // codetag should be NULL here
  if (ext.ref !== null) G.k.obs.warn('mark_obj_codetag_empty', 'WARN_ON(ext->ref.ct)');
  ext.ref = 'CODETAG_EMPTY';
}

/**
 * handle_failed_objexts_alloc(): CONFIG_MEM_ALLOC_PROFILING_DEBUG only (OBJEXTS_ALLOC_FAIL is only set
 * then). If vector previously failed to allocate then we have live objects with no tag reference.
 * Mark all references in this vector as empty to avoid warnings later on.
 */
function handle_failed_objexts_alloc(old_exts: slab['obj_exts'], vec: obj_exts_vec): void {
  if (old_exts !== OBJEXTS_ALLOC_FAIL) return;
  for (const ext of vec.exts) ext.ref = 'CODETAG_EMPTY';
}

/** The slabobj_ext of an object, if its slab has a vector. */
function obj_ext_of(obj: Ptr): slabobj_ext | null {
  const slab = virt_to_slab(obj);
  if (!slab) return null;
  const v = slab_obj_exts(slab);
  if (!v) return null;
  return v.exts[obj_to_index(slab.slab_cache, slab, obj)] ?? null;
}

function obj_exts_alloc_size(s: kmem_cache, slab: slab, gfp: gfp_t): number {
  let sz = slab.objects * SIZEOF_SLABOBJ_EXT;
  // A vector in a same-sized KMALLOC_NORMAL cache could end up in its own slab: go one bucket up.
  if (mem_alloc_profiling_enabled() && s.flags & SLAB_KMALLOC && s.kmalloc_type === KMALLOC_NORMAL && sz <= KMALLOC_MAX_CACHE_SIZE && kmalloc_slab(sz, null, gfp) === s) sz++;
  return sz;
}

export function alloc_slab_obj_exts(slab: slab, s: kmem_cache, gfp: gfp_t, alloc_flags: number): number {
  const objects = slab.objects;
  // RFC 08: the caller's alloc_flags decide, not the (possibly boot-masked) gfp.
  const allow_spin = alloc_flags_allow_spinning(alloc_flags);
  gfp &= ~OBJCGS_CLEAR_MASK;
  /* Prevent recursive extension vector allocation */
  gfp |= __GFP_NO_OBJ_EXT;
  const sz = obj_exts_alloc_size(s, slab, gfp);
  G.k.obs.nestEnter(`obj_exts(${s.name})`);
  let vec: Ptr;
  try {
    vec = G.k.obs.withTag('mm/slub.c:alloc_slab_obj_exts', () =>
      !allow_spin ? kmalloc_nolock(sz, __GFP_ZERO | __GFP_NO_OBJ_EXT, slab_nid(slab)) : kmalloc_node(sz, gfp | __GFP_ZERO, slab_nid(slab)),
    );
  } finally {
    G.k.obs.nestExit();
  }
  const path = allow_spin ? 'kmalloc' : 'kmalloc_nolock';
  const install = alloc_flags & SLAB_ALLOC_NEW_SLAB ? 'store' : 'cmpxchg';
  if (!vec) {
    G.k.emit({ kind: 'obj_exts', cache: s.name, path, install, ok: false });
    // Mark the failure so the free path does not warn about missing tags.
    if (G.k.config.profilingDebug && slab.obj_exts === null) slab.obj_exts = OBJEXTS_ALLOC_FAIL;
    if (slab_obj_exts(slab)) return 0;
    return ENOMEM;
  }
  const v: obj_exts_vec = { exts: new_exts(objects), addr: vec };
  const old = slab.obj_exts;
  handle_failed_objexts_alloc(old, v);
  if (alloc_flags & SLAB_ALLOC_NEW_SLAB) {
    // Nobody else can see the slab yet: a plain store.
    slab.obj_exts = v;
  } else if (old !== null && old !== OBJEXTS_ALLOC_FAIL) {
    /*
     * If the slab is already in use, somebody can allocate and assign slabobj_exts in parallel.
     * In this case the existing objcg vector should be reused.
     */
    mark_obj_codetag_empty(vec);
    if (allow_spin) kfree(vec);
    else kfree_nolock(vec);
    G.k.emit({ kind: 'obj_exts', cache: s.name, path, install, ok: true, lost: true });
    return 0;
  } else {
    slab.obj_exts = v;
  }
  G.k.emit({ kind: 'obj_exts', cache: s.name, path, install, ok: true });
  if (allow_spin) G.k.obs.kmemleakNotLeakMark(vec, `obj_exts(${s.name})`);
  return 0;
}
alloc_slab_obj_exts satisfies alloc_slab_obj_exts_t;

function free_slab_obj_exts(slab: slab, allow_spin: boolean): void {
  const v = slab.obj_exts;
  slab.obj_exts = null;
  if (v === null || v === OBJEXTS_ALLOC_FAIL || !v.addr) return;
  /*
   * obj_exts was created with __GFP_NO_OBJ_EXT flag, therefore its corresponding extension will
   * be NULL. alloc_tag_sub() will throw a warning if slab has extensions but the extension of an
   * object is NULL, therefore replace NULL with CODETAG_EMPTY to indicate that the extension for
   * this object was left empty intentionally.
   */
  mark_obj_codetag_empty(v.addr);
  if (allow_spin) kfree(v.addr);
  else kfree_nolock(v.addr);
}

// ---- post-allocation hooks --------------------------------------------------------------------

function prepare_slab_obj_exts_hook(s: kmem_cache, slab: slab, flags: gfp_t, alloc_flags: number, p: Ptr): obj_exts_vec | null {
  if (!slab_obj_exts(slab) && alloc_slab_obj_exts(slab, s, flags, alloc_flags)) {
    G.k.obs.warnOnce('prepare_slab_obj_exts_hook', `${s.name}: Failed to create slab extension vector!`);
    return null;
  }
  return slab_obj_exts(slab);
}

function __alloc_tagging_slab_alloc_hook(s: kmem_cache, object: Ptr, flags: gfp_t, alloc_flags: number): void {
  if (!object) return;
  if (s.flags & (SLAB_NO_OBJ_EXT | SLAB_NOLEAKTRACE)) return;
  if (flags & __GFP_NO_OBJ_EXT) return;
  const slab = virt_to_slab(object)!;
  const obj_exts = prepare_slab_obj_exts_hook(s, slab, flags, alloc_flags, object);
  const tag = G.k.obs.currentTag ?? 'unknown';
  /*
   * Currently obj_exts is used only for allocation profiling. If other users appear then
   * mem_alloc_profiling_enabled() check should be added before alloc_tag_add().
   */
  if (obj_exts) {
    const ext = obj_exts.exts[obj_to_index(slab.slab_cache, slab, object)];
    ext.ref = tag;
    G.k.obs.tagAdd(tag, s.size);
  } else {
    G.k.obs.tagSetInaccurate(tag);
  }
}

function alloc_tagging_slab_alloc_hook(s: kmem_cache, object: Ptr, flags: gfp_t, alloc_flags: number): void {
  if (mem_alloc_profiling_enabled()) __alloc_tagging_slab_alloc_hook(s, object, flags, alloc_flags);
}

function alloc_tagging_slab_free_hook(s: kmem_cache, slab: slab, p: Ptr[], objects: number): void {
  if (!mem_alloc_profiling_enabled()) return;
  // slab_obj_exts() may be missing for objects allocated before profiling was on.
  const v = slab_obj_exts(slab);
  if (!v) return;
  for (let i = 0; i < objects; i++) {
    const ext = v.exts[obj_to_index(s, slab, p[i])];
    if (ext.ref === 'CODETAG_EMPTY') {
      ext.ref = null;
      continue;
    }
    if (ext.ref === null) {
      if (G.k.config.profilingDebug && !(s.flags & (SLAB_NO_OBJ_EXT | SLAB_NOLEAKTRACE))) G.k.obs.warnOnce('alloc_tag_sub_check', 'alloc_tag was not set');
      continue;
    }
    G.k.obs.tagSub(ext.ref, s.size);
    ext.ref = null;
  }
}

function memcg_slab_post_alloc_hook(s: kmem_cache, flags: gfp_t, size: number, p: Ptr[], ac: slab_alloc_context): boolean {
  if (!memcg_kmem_online()) return true;
  if (!(flags & __GFP_ACCOUNT) && !(s.flags & SLAB_ACCOUNT)) return true;
  if (__memcg_slab_post_alloc_hook(s, ac.lru, flags, ac.alloc_flags, size, p)) return true;
  if (size === 1) {
    memcg_alloc_abort_single(s, p[0]);
    p[0] = 0;
  } else {
    kmem_cache_free_bulk(s, size, p);
  }
  return false;
}

function memcg_slab_free_hook(s: kmem_cache, slab: slab, p: Ptr[], objects: number): void {
  const v = slab_obj_exts(slab);
  if (!v) return;
  for (let i = 0; i < objects; i++) {
    const ext = v.exts[obj_to_index(s, slab, p[i])];
    if (!ext.objcg) continue;
    G.k.obs.uncharge(ext.charged, `${s.name}`);
    ext.objcg = false;
    ext.charged = 0;
  }
}

/** A charge failed: free the object without going through the memcg free hook again. */
function memcg_alloc_abort_single(s: kmem_cache, object: Ptr): void {
  const slab = virt_to_slab(object)!;
  alloc_tagging_slab_free_hook(s, slab, [object], 1);
  // Straight to the slab, never to the per-CPU sheaves (base mm/slub.c memcg_alloc_abort_single()).
  if (slab_free_hook(s, object, slab_want_init_on_free(s), false)) __slab_free(s, slab, object);
}

function slab_post_alloc_hook(s: kmem_cache, flags: gfp_t, size: number, p: Ptr[], ac: slab_alloc_context): boolean {
  // RFC 01: init is a query on the hook's own gfp; zeroing covers only the requested size.
  const init = slab_want_init_on_alloc(flags, s);
  // KASAN is off in the modelled kernel: kasan_has_integrated_init() is false.
  const init_flags = flags & G.k.gfp_allowed_mask;
  const mem = G.k.mem;
  for (let i = 0; i < size; i++) {
    const obj = p[i];
    if (obj && init) mem.memset(obj, 0, ac.orig_size);
    if (alloc_flags_allow_spinning(ac.alloc_flags) && obj && !(s.flags & SLAB_NOLEAKTRACE)) G.k.obs.kmemleakAlloc(obj, s.name);
    void init_flags;
    alloc_tagging_slab_alloc_hook(s, obj, flags, ac.alloc_flags);
  }
  return memcg_slab_post_alloc_hook(s, flags, size, p, ac);
}

// ---- the common single-object path -------------------------------------------------------------

function slab_pre_alloc_hook(s: kmem_cache, flags: gfp_t): kmem_cache | null {
  flags &= G.k.gfp_allowed_mask;
  // might_alloc(): might_sleep_if(gfpflags_allow_blocking(flags)).
  if (gfpflags_allow_blocking(flags)) G.k.might_sleep('might_alloc');
  return s;
}

/* The context comes from the callers (and later lets kmalloc_nolock() use this function). */
function slab_alloc_node(s: kmem_cache, gfpflags: gfp_t, node: number, ac: slab_alloc_context): Ptr {
  let object: Ptr;
  const pre = slab_pre_alloc_hook(s, gfpflags);
  if (!pre) return 0;
  s = pre;
  object = kfence_alloc(s, ac.orig_size, gfpflags);
  if (!object) {
    object = alloc_from_pcs(s, gfpflags, ac.alloc_flags, node);
    if (!object) object = __slab_alloc_node(s, gfpflags, node, ac);
    maybe_wipe_obj_freeptr(s, object);
  }
  // kfence objects now get slab's zeroing too (kfence zeroes them as well: twice).
  const p = [object];
  slab_post_alloc_hook(s, gfpflags, 1, p, ac);
  return p[0];
}

function trace_kmem_cache_alloc(s: kmem_cache, ret: Ptr, gfp: gfp_t, node: number): void {
  if (!G.k.events) return;
  G.k.emit({ kind: 'trace', event: 'kmem_cache_alloc', cache: s.name, gfp: G.k.printGfp(gfp), bytes_req: s.object_size, bytes_alloc: s.size, node, ok: ret !== 0 });
}

function trace_kmalloc(name: string, ret: Ptr, size: number, bytes_alloc: number, gfp: gfp_t, node: number): void {
  if (!G.k.events) return;
  G.k.emit({ kind: 'trace', event: 'kmalloc', cache: name, gfp: G.k.printGfp(gfp), bytes_req: size, bytes_alloc, node, ok: ret !== 0 });
}

export function kmem_cache_alloc_noprof(s: kmem_cache, gfpflags: gfp_t): Ptr {
  const ac: slab_alloc_context = { caller_addr: _RET_IP_(), orig_size: s.object_size, alloc_flags: SLAB_ALLOC_DEFAULT, lru: null };
  const ret = slab_alloc_node(s, gfpflags, NUMA_NO_NODE, ac);
  trace_kmem_cache_alloc(s, ret, gfpflags, NUMA_NO_NODE);
  return ret;
}

export function kmem_cache_alloc_lru_noprof(s: kmem_cache, lru: ListLru, gfpflags: gfp_t): Ptr {
  const ac: slab_alloc_context = { caller_addr: _RET_IP_(), orig_size: s.object_size, alloc_flags: SLAB_ALLOC_DEFAULT, lru };
  const ret = slab_alloc_node(s, gfpflags, NUMA_NO_NODE, ac);
  trace_kmem_cache_alloc(s, ret, gfpflags, NUMA_NO_NODE);
  return ret;
}

export function kmem_cache_alloc_node_noprof(s: kmem_cache, gfpflags: gfp_t, node: number): Ptr {
  const ac: slab_alloc_context = { caller_addr: _RET_IP_(), orig_size: s.object_size, alloc_flags: SLAB_ALLOC_DEFAULT, lru: null };
  const ret = slab_alloc_node(s, gfpflags, node, ac);
  trace_kmem_cache_alloc(s, ret, gfpflags, node);
  return ret;
}

// ---- kmalloc ----------------------------------------------------------------------------------

export function kmalloc_slab(size: number, b: null, flags: gfp_t): kmem_cache {
  void b;
  return G.kmalloc_caches[kmalloc_type(flags)][kmalloc_index(size)]!;
}

function ___kmalloc_large_node(size: number, flags: gfp_t, node: number): Ptr {
  const order = get_order(size);
  if (flags & gfpSlabBugMask(__GFP_BITS_MASK)) flags = kmalloc_fix_flags(flags);
  flags |= __GFP_COMP;
  const page = G.k.alloc_pages(flags, order, node);
  if (!page) return 0;
  page.owner = 'large_kmalloc';
  const ptr = G.k.mem.page_address(page);
  // Zeroing and __GFP_ACCOUNT charging of large kmalloc are the page allocator's.
  if (G.k.config.initOnAlloc) page.bytes.fill(0);
  if (flags & __GFP_ACCOUNT && memcg_kmem_online() && G.k.obs.current_obj_cgroup()) {
    if (!G.k.obs.charge(PAGE_SIZE << order, flags, 'large kmalloc')) {
      G.k.free_pages(page);
      return 0;
    }
    (page as Page & { memcg?: number }).memcg = PAGE_SIZE << order;
  }
  // The pages are the caller's: accounted to its allocation tag (alloc_pages_node_noprof() runs
  // under the caller's alloc_hooks(); post_alloc_hook()'s pgalloc_tag_add()).
  G.k.tag_caller_pages(page);
  G.k.obs.kmemleakAlloc(ptr, 'large kmalloc');
  return ptr;
}

export function __kmalloc_large_noprof(size: number, flags: gfp_t): Ptr {
  const ret = ___kmalloc_large_node(size, flags, NUMA_NO_NODE);
  trace_kmalloc('large', ret, size, PAGE_SIZE * 2 ** get_order(size), flags, NUMA_NO_NODE);
  return ret;
}

export function __kmalloc_large_node_noprof(size: number, flags: gfp_t, node: number): Ptr {
  const ret = ___kmalloc_large_node(size, flags, node);
  trace_kmalloc('large', ret, size, PAGE_SIZE * 2 ** get_order(size), flags, node);
  return ret;
}

/* The callers build the context; size stays a parameter (bucket, large kmalloc, traces). */
function __do_kmalloc_node(size: number, b: null, flags: gfp_t, node: number, token: number, ac: slab_alloc_context): Ptr {
  void token;
  if (size > KMALLOC_MAX_CACHE_SIZE) {
    const ret = __kmalloc_large_node_noprof(size, flags, node);
    return ret;
  }
  if (!size) return ZERO_SIZE_PTR;
  const s = kmalloc_slab(size, b, flags);
  const ret = slab_alloc_node(s, flags, node, ac);
  trace_kmalloc(s.name, ret, size, s.size, flags, node);
  return ret;
}

export function __kmalloc_node_noprof(size: number, flags: gfp_t, node: number): Ptr {
  const ac: slab_alloc_context = { caller_addr: _RET_IP_(), orig_size: size, alloc_flags: SLAB_ALLOC_DEFAULT, lru: null };
  return __do_kmalloc_node(size, null, flags, node, 0, ac);
}

export function __kmalloc_noprof(size: number, flags: gfp_t): Ptr {
  const ac: slab_alloc_context = { caller_addr: _RET_IP_(), orig_size: size, alloc_flags: SLAB_ALLOC_DEFAULT, lru: null };
  return __do_kmalloc_node(size, null, flags, NUMA_NO_NODE, 0, ac);
}

export function __kmalloc_node_track_caller_noprof(size: number, flags: gfp_t, node: number, caller: number): Ptr {
  const ac: slab_alloc_context = { caller_addr: caller, orig_size: size, alloc_flags: SLAB_ALLOC_DEFAULT, lru: null };
  return __do_kmalloc_node(size, null, flags, node, 0, ac);
}

export function __kmalloc_cache_noprof(s: kmem_cache, gfpflags: gfp_t, size: number): Ptr {
  const ac: slab_alloc_context = { caller_addr: _RET_IP_(), orig_size: size, alloc_flags: SLAB_ALLOC_DEFAULT, lru: null };
  const ret = slab_alloc_node(s, gfpflags, NUMA_NO_NODE, ac);
  trace_kmalloc(s.name, ret, size, s.size, gfpflags, NUMA_NO_NODE);
  return ret;
}

export function __kmalloc_cache_node_noprof(s: kmem_cache, gfpflags: gfp_t, node: number, size: number): Ptr {
  const ac: slab_alloc_context = { caller_addr: _RET_IP_(), orig_size: size, alloc_flags: SLAB_ALLOC_DEFAULT, lru: null };
  const ret = slab_alloc_node(s, gfpflags, node, ac);
  trace_kmalloc(s.name, ret, size, s.size, gfpflags, node);
  return ret;
}

function kmalloc_gfp_adjust(flags: gfp_t, size: number): gfp_t {
  /*
   * We want to attempt a large physically contiguous block first because it is less likely to
   * fragment multiple larger blocks and therefore contribute to a long term fragmentation less
   * than vmalloc fallback. However make sure that larger requests are not too disruptive - i.e.
   * do not direct reclaim unless the caller asked for it, and no warnings: vmalloc will warn.
   */
  if (size > PAGE_SIZE) {
    flags |= __GFP_NOWARN;
    if (!(flags & __GFP_RETRY_MAYFAIL)) flags &= ~__GFP_DIRECT_RECLAIM;
    // nofail semantic is implemented by the vmalloc fallback
    flags &= ~__GFP_NOFAIL;
  }
  return flags;
}

export function __kvmalloc_node_noprof(size: number, b: null, align: number, flags: gfp_t, node: number): Ptr {
  void align;
  const ac: slab_alloc_context = { caller_addr: _RET_IP_(), orig_size: size, alloc_flags: SLAB_ALLOC_DEFAULT, lru: null };
  const ret = __do_kmalloc_node(size, b, kmalloc_gfp_adjust(flags, size), node, 0, ac);
  if (ret || size <= PAGE_SIZE) return ret;
  // non-sleeping allocations are not supported by vmalloc
  if (!gfpflags_allow_blocking(flags)) return 0;
  return G.k.vmalloc(size, flags, node);
}

// ---- kmalloc_nolock -------------------------------------------------------------------------

function __kmalloc_nolock_noprof(size: number, token: number, gfp_flags: gfp_t, node: number, ac: slab_alloc_context): Ptr {
  void token;
  const alloc_gfp = __GFP_NOWARN | __GFP_NOMEMALLOC | gfp_flags;
  let ret: Ptr;
  let can_retry = true;
  G.k.WARN_ON_ONCE(alloc_flags_allow_spinning(ac.alloc_flags), 'kmalloc_nolock:alloc_flags', 'VM_WARN_ON_ONCE(alloc_flags_allow_spinning(ac->alloc_flags))');
  G.k.WARN_ON_ONCE((gfp_flags & ~(__GFP_ACCOUNT | __GFP_ZERO | __GFP_NO_OBJ_EXT)) !== 0, 'kmalloc_nolock:gfp', 'VM_WARN_ON_ONCE(gfp_flags & ~(__GFP_ACCOUNT | __GFP_ZERO | __GFP_NO_OBJ_EXT))');
  if (!size) return ZERO_SIZE_PTR;
  // See the comment for the same check in alloc_frozen_pages_nolock_noprof().
  if (G.k.config.preemptRt && (G.k.in_nmi() || G.k.in_hardirq())) return 0;
  // On UP spin_trylock() always succeeds, so an NMI could corrupt the lock it interrupted.
  if (!G.k.config.smp && G.k.in_nmi()) return 0;
  let s: kmem_cache;
  for (;;) {
    if (size > KMALLOC_MAX_CACHE_SIZE) return 0;
    s = kmalloc_slab(size, null, alloc_gfp);
    if (!(s.flags & __CMPXCHG_DOUBLE) && !kmem_cache_debug(s)) {
      /*
       * kmalloc_nolock() is not supported on architectures that don't implement
       * cmpxchg16b, but debug caches don't use per-cpu slab and per-cpu partial slabs. They
       * rely on kmem_cache_node->list_lock, so kmalloc_nolock() can attempt to allocate from
       * debug caches by spin_trylock_irqsave(&n->list_lock, ...)
       */
      return 0;
    }
    ret = alloc_from_pcs(s, alloc_gfp, ac.alloc_flags, node);
    if (ret) break;
    /*
     * Do not call slab_alloc_node(), since trylock mode isn't compatible with
     * slab_pre_alloc_hook/should_failslab and kfence_alloc. Hence call __slab_alloc_node()
     * (at most twice) and the rest of slab_alloc_node() inline.
     */
    ret = __slab_alloc_node(s, alloc_gfp, node, ac);
    if (!ret && can_retry) {
      /*
       * Several buckets being locked at the same time is unlikely: try the next one.
       */
      size = s.object_size + 1;
      can_retry = false;
      continue;
    }
    break;
  }
  maybe_wipe_obj_freeptr(s, ret);
  const p = [ret];
  slab_post_alloc_hook(s, alloc_gfp, 1, p, ac);
  return p[0];
}

export function _kmalloc_nolock_noprof(size: number, gfp_flags: gfp_t, node: number): Ptr {
  const ac: slab_alloc_context = { caller_addr: _RET_IP_(), orig_size: size, alloc_flags: SLAB_ALLOC_TRYLOCK, lru: null };
  return __kmalloc_nolock_noprof(size, 0, gfp_flags, node, ac);
}

/*
 * The only kmalloc_node() variant taking alloc_flags: they alone pick the kmalloc_nolock() or
 * the normal route. Always out of line, no kmalloc_gfp_adjust().
 */
export function __kmalloc_flags_noprof(size: number, token: number, flags: gfp_t, alloc_flags: number, node: number): Ptr {
  const ac: slab_alloc_context = { caller_addr: _RET_IP_(), orig_size: size, alloc_flags, lru: null };
  if (alloc_flags_allow_spinning(alloc_flags)) return __do_kmalloc_node(size, null, flags, node, token, ac);
  return __kmalloc_nolock_noprof(size, token, flags, node, ac);
}

// ---- bulk ---------------------------------------------------------------------------------

function __kmem_cache_alloc_bulk(s: kmem_cache, flags: gfp_t, size: number, p: Ptr[]): boolean {
  let i = 0;
  if (kmem_cache_debug(s)) {
    // One context for every ___slab_alloc() call of the loop.
    // Never reached from kmalloc_nolock(): callers expect spinning.
    const ac: slab_alloc_context = { caller_addr: _RET_IP_(), orig_size: s.object_size, alloc_flags: SLAB_ALLOC_DEFAULT, lru: null };
    for (i = 0; i < size; i++) {
      const obj = ___slab_alloc(s, flags, NUMA_NO_NODE, ac);
      if (!obj) {
        __kmem_cache_free_bulk(s, i, p);
        p.length = 0;
        return false;
      }
      p.push(obj);
      maybe_wipe_obj_freeptr(s, obj);
    }
    return true;
  }
  i = refill_objects(s, p, flags, size, size);
  if (i < size) {
    __kmem_cache_free_bulk(s, i, p);
    p.length = 0;
    return false;
  }
  return true;
}

/**
 * kmem_cache_alloc_bulk - Allocate @size objects. @size must be larger than 0. Interrupts must
 * be enabled when calling this function.
 * Return: %true if the allocation succeeded, or %false if it failed.
 */
export function kmem_cache_alloc_bulk_noprof(s: kmem_cache, flags: gfp_t, size: number, p: Ptr[]): boolean {
  const ac: slab_alloc_context = { caller_addr: 0, orig_size: s.object_size, alloc_flags: SLAB_ALLOC_DEFAULT, lru: null };
  if (!size) return false;
  const pre = slab_pre_alloc_hook(s, flags);
  if (!pre) return false;
  s = pre;
  const kfence_obj = kfence_alloc(s, s.object_size, flags);
  const got: Ptr[] = [];
  if (kfence_obj) {
    if (size === 1) {
      got.push(kfence_obj);
      return finish_bulk(s, flags, got, p, ac);
    }
    size--;
  }
  const i = alloc_from_pcs_bulk(s, flags, size, got);
  if (i < size) {
    const rest: Ptr[] = [];
    if (!__kmem_cache_alloc_bulk(s, flags, size - i, rest)) {
      if (i > 0) __kmem_cache_free_bulk(s, i, got);
      if (kfence_obj) kfence_free(kfence_obj);
      return false;
    }
    got.push(...rest);
  }
  if (kfence_obj) {
    const idx = G.k.rng.below(size + 1);
    if (idx !== size) got[size] = got[idx];
    else got.push(0);
    got[idx] = kfence_obj;
  }
  return finish_bulk(s, flags, got, p, ac);
}

function finish_bulk(s: kmem_cache, flags: gfp_t, got: Ptr[], p: Ptr[], ac: slab_alloc_context): boolean {
  const ok = slab_post_alloc_hook(s, flags, got.length, got, ac);
  if (ok) for (const o of got) p.push(o);
  return ok;
}

// ---- prefilled sheaves -----------------------------------------------------------------------

function __prefill_sheaf_pfmemalloc(s: kmem_cache, sheaf: slab_sheaf, gfp: gfp_t): number {
  let gfp_nomemalloc = gfp | __GFP_NOMEMALLOC;
  if (gfp_pfmemalloc_allowed(gfp)) gfp_nomemalloc |= __GFP_NOWARN;
  let ret = refill_sheaf(s, sheaf, gfp_nomemalloc);
  if (!ret || !gfp_pfmemalloc_allowed(gfp)) return ret;
  // If we are allowed to, refill the sheaf with pfmemalloc objects, but then mark it so.
  ret = refill_sheaf(s, sheaf, gfp);
  if (!ret) sheaf.pfmemalloc = true;
  return ret;
}

export function kmem_cache_prefill_sheaf(s: kmem_cache, gfp: gfp_t, size: number): slab_sheaf | null {
  if (!size) return null;
  let sheaf: slab_sheaf | null = null;
  if (size > s.sheaf_capacity) {
    sheaf = __alloc_empty_sheaf(s, gfp, size);
    if (!sheaf) return null;
    stat(s, 'SHEAF_PREFILL_OVERSIZE');
    sheaf.cache = s;
    sheaf.capacity = size;
    const objs: Ptr[] = [];
    // Do not add __GFP_NOFAIL: a failure frees the sheaf.
    if (!__kmem_cache_alloc_bulk(s, gfp, size, objs)) {
      G.sheaves.delete(sheaf.addr);
      kfree(sheaf.addr);
      return null;
    }
    for (let i = 0; i < size; i++) sheaf.objects[i] = objs[i];
    sheaf.size = size;
    G.k.emit({ kind: 'sheaf', op: 'prefill', cache: s.name, n: size, ok: true });
    return sheaf;
  }
  const pcs = this_cpu_pcs(s);
  G.k.local_lock(pcs.lock);
  if (pcs.spare) {
    sheaf = pcs.spare;
    pcs.spare = null;
    stat(s, 'SHEAF_PREFILL_FAST');
  } else {
    const barn = get_barn(s);
    if (barn) sheaf = barn_get_full_or_empty_sheaf(barn);
    stat(s, 'SHEAF_PREFILL_SLOW');
  }
  G.k.local_unlock(pcs.lock);
  if (!sheaf) sheaf = alloc_empty_sheaf(s, gfp);
  if (sheaf) {
    sheaf.capacity = s.sheaf_capacity;
    sheaf.pfmemalloc = false;
    if (sheaf.size < size && __prefill_sheaf_pfmemalloc(s, sheaf, gfp)) {
      sheaf_flush_unused(s, sheaf);
      free_empty_sheaf(s, sheaf);
      sheaf = null;
    }
  }
  G.k.emit({ kind: 'sheaf', op: 'prefill', cache: s.name, n: size, ok: sheaf !== null });
  return sheaf;
}

export function kmem_cache_return_sheaf(s: kmem_cache, gfp: gfp_t, sheaf: slab_sheaf): void {
  if (sheaf.capacity !== s.sheaf_capacity || sheaf.pfmemalloc) {
    sheaf_flush_unused(s, sheaf);
    G.sheaves.delete(sheaf.addr);
    kfree(sheaf.addr);
    G.k.emit({ kind: 'sheaf', op: 'return', cache: s.name, ok: false });
    return;
  }
  const pcs = this_cpu_pcs(s);
  G.k.local_lock(pcs.lock);
  const barn = get_barn(s);
  let rest: slab_sheaf | null = sheaf;
  if (!pcs.spare) {
    pcs.spare = sheaf;
    rest = null;
    stat(s, 'SHEAF_RETURN_FAST');
  }
  G.k.local_unlock(pcs.lock);
  if (!rest) {
    G.k.emit({ kind: 'sheaf', op: 'return', cache: s.name, ok: true });
    return;
  }
  stat(s, 'SHEAF_RETURN_SLOW');
  // If the barn has too many full sheaves or we fail to refill the sheaf, simply flush and free it.
  if (!barn || barn.nr_full >= MAX_FULL_SHEAVES || refill_sheaf(s, rest, gfp)) {
    sheaf_flush_unused(s, rest);
    free_empty_sheaf(s, rest);
    G.k.emit({ kind: 'sheaf', op: 'return', cache: s.name, ok: false });
    return;
  }
  barn_put_full_sheaf(barn, rest);
  stat(s, 'BARN_PUT');
  G.k.emit({ kind: 'sheaf', op: 'return', cache: s.name, ok: true });
}

export function kmem_cache_refill_sheaf(s: kmem_cache, gfp: gfp_t, sheafp: { sheaf: slab_sheaf | null }, size: number): number {
  const sheaf = sheafp.sheaf;
  if (!sheaf) return EINVAL;
  if (sheaf.size >= size) return 0;
  if (sheaf.capacity >= size) {
    if (sheaf.capacity === s.sheaf_capacity) return __prefill_sheaf_pfmemalloc(s, sheaf, gfp);
    const objs: Ptr[] = [];
    if (!__kmem_cache_alloc_bulk(s, gfp, sheaf.capacity - sheaf.size, objs)) return ENOMEM;
    for (const o of objs) sheaf.objects[sheaf.size++] = o;
    return 0;
  }
  // We had a regular sized sheaf and need an oversize one, or an oversize one that is too small.
  const sheaf2 = kmem_cache_prefill_sheaf(s, gfp, size);
  if (!sheaf2) return ENOMEM;
  kmem_cache_return_sheaf(s, gfp, sheaf);
  sheafp.sheaf = sheaf2;
  return 0;
}

export function kmem_cache_alloc_from_sheaf_noprof(s: kmem_cache, gfp: gfp_t, sheaf: slab_sheaf): Ptr {
  let ret: Ptr = 0;
  const ac: slab_alloc_context = { caller_addr: 0, orig_size: s.object_size, alloc_flags: SLAB_ALLOC_DEFAULT, lru: null };
  if (sheaf.size === 0) {
    trace_kmem_cache_alloc(s, 0, gfp, NUMA_NO_NODE);
    return 0;
  }
  ret = kfence_alloc(s, s.object_size, gfp);
  if (!ret) ret = sheaf.objects[--sheaf.size];
  // add __GFP_NOFAIL to force successful memcg charging
  const p = [ret];
  slab_post_alloc_hook(s, gfp | __GFP_NOFAIL, 1, p, ac);
  trace_kmem_cache_alloc(s, p[0], gfp, NUMA_NO_NODE);
  return p[0];
}

export function kmem_cache_sheaf_size(sheaf: slab_sheaf): number {
  return sheaf.size;
}

// ---- late charging ------------------------------------------------------------------------

function memcg_slab_post_charge(p: Ptr, flags: gfp_t): boolean {
  const slab = virt_to_slab(p);
  if (!slab) {
    const page = G.k.mem.virt_to_page(p) as (Page & { memcg?: number }) | undefined;
    if (!page || page.owner !== 'large_kmalloc') return true;
    if (page.memcg) return true;
    const bytes = PAGE_SIZE << page.order;
    if (!G.k.obs.current_obj_cgroup()) return true;
    if (!G.k.obs.charge(bytes, flags, 'large kmalloc')) return false;
    page.memcg = bytes;
    return true;
  }
  const s = slab.slab_cache;
  /*
   * Ignore KMALLOC_NORMAL cache to avoid possible circular dependency of slab_obj_exts (the
   * slab_obj_exts of a KMALLOC_NORMAL could be the same slab).
   */
  if (s.flags & SLAB_KMALLOC && s.kmalloc_type === KMALLOC_NORMAL) return true;
  // Ignore already charged objects.
  const ext = obj_ext_of(p);
  if (ext && ext.objcg) return true;
  return __memcg_slab_post_alloc_hook(s, null, flags, SLAB_ALLOC_DEFAULT, 1, [p]);
}

export function kmem_cache_charge(objp: Ptr, gfpflags: gfp_t): boolean {
  if (!memcg_kmem_online()) return true;
  return memcg_slab_post_charge(objp, gfpflags);
}

// ---- freeing ------------------------------------------------------------------------------

/** slab_free_hook(): false if the object must not go back to the slab (kfence took it). */
function slab_free_hook(s: kmem_cache, x: Ptr, init: boolean, after_rcu_delay: boolean): boolean {
  void after_rcu_delay;
  if (!(s.flags & SLAB_NOLEAKTRACE)) G.k.obs.kmemleakFree(x);
  if (kfence_free(x)) return false;
  if (init) {
    // Zero the object (and the metadata after inuse is left as the red zone/poison code sets it).
    G.k.mem.memset(x, 0, get_orig_size(s, x) === s.object_size ? s.object_size : get_orig_size(s, x));
  }
  return true;
}

function can_free_to_pcs(slab: slab): boolean {
  return slab_nid(slab) === G.k.numa_mem_id() && !slab.pfmemalloc;
}

function __pcs_replace_full_main(s: kmem_cache, pcs: slub_percpu_sheaves, allow_spin: boolean): slub_percpu_sheaves | null {
  if (!cache_has_sheaves(s)) {
    G.k.local_unlock(pcs.lock);
    return null;
  }
  if (pcs.spare && pcs.spare.size === 0) {
    const t = pcs.main;
    pcs.main = pcs.spare;
    pcs.spare = t;
    return pcs;
  }
  const barn = get_barn(s);
  if (!barn) {
    G.k.local_unlock(pcs.lock);
    return null;
  }
  const r = barn_replace_full_sheaf(barn, pcs.main, allow_spin);
  if (typeof r !== 'string') {
    stat(s, 'BARN_PUT');
    pcs.main = r;
    return pcs;
  }
  let empty: slab_sheaf | null = null;
  if (r === 'E2BIG' && pcs.spare) {
    // The barn is full: flush the (full) spare and reuse it as the empty sheaf.
    stat(s, 'BARN_PUT_FAIL');
    const to_flush = pcs.spare;
    pcs.spare = null;
    G.k.local_unlock(pcs.lock);
    sheaf_flush_unused(s, to_flush);
    empty = to_flush;
  } else {
    G.k.local_unlock(pcs.lock);
    if (!allow_spin) return null;
    empty = alloc_empty_sheaf(s, GFP_NOWAIT);
    if (!empty) {
      // Flush the main sheaf to the slabs instead.
      const again = this_cpu_pcs(s);
      if (!G.k.local_trylock(again.lock)) return null;
      const main = again.main;
      const objs = main.objects.slice(0, main.size);
      main.size = 0;
      G.k.local_unlock(again.lock);
      __kmem_cache_free_bulk(s, objs.length, objs);
      if (!G.k.local_trylock(again.lock)) return null;
      return again;
    }
  }
  const again = this_cpu_pcs(s);
  if (!G.k.local_trylock(again.lock)) {
    barn_put_empty_sheaf(barn, empty);
    return null;
  }
  if (again.main.size < s.sheaf_capacity) {
    barn_put_empty_sheaf(barn, empty);
    return again;
  }
  if (!again.spare) {
    again.spare = again.main;
    again.main = empty;
    return again;
  }
  barn_put_full_sheaf(barn, again.main);
  again.main = empty;
  return again;
}

function free_to_pcs(s: kmem_cache, object: Ptr, allow_spin: boolean): boolean {
  let pcs: slub_percpu_sheaves | null = this_cpu_pcs(s);
  if (!G.k.local_trylock(pcs.lock)) return false;
  G.k.point('pcs_locked', s.name, null);
  if (pcs.main.size === s.sheaf_capacity) {
    pcs = __pcs_replace_full_main(s, pcs, allow_spin);
    if (!pcs) return false;
  }
  pcs.main.objects[pcs.main.size++] = object;
  G.k.local_unlock(pcs.lock);
  stat(s, 'FREE_FASTPATH');
  return true;
}

function __free_slab(s: kmem_cache, slab: slab, allow_spin: boolean): void {
  free_slab_obj_exts(slab, allow_spin);
  slab.page.slab = null;
  G.k.free_pages(slab.page);
}

function discard_slab(s: kmem_cache, slab: slab): void {
  dec_slabs_node(s, slab_nid(slab), slab.objects);
  G.k.emit({ kind: 'slab', op: 'free', cache: s.name, node: slab.node, order: slab.page.order });
  __free_slab(s, slab, true);
}

/*
 * __slab_free(): a debug cache frees under n->list_lock (free_to_partial_list()); any other gives
 * the object back with a cmpxchg on the slab's freelist and takes n->list_lock only where the slab's
 * list membership may change: it becomes empty, or it was full (base mm/slub.c __slab_free()).
 * A lockless free never meets a held list_lock, so kfree_nolock() and a failed charge of
 * kmalloc_nolock() spin only when they empty or refill a slab.
 */
function __slab_free(s: kmem_cache, slab: slab, object: Ptr): void {
  const debug = kmem_cache_debug(s);
  if (debug && !free_debug_processing(s, slab, object)) return;
  const n = get_node(s, slab_nid(slab))!;
  const was_full = slab.freelist.length === 0 && !slab.on_partial;
  const locked = debug || slab.inuse === 1 || was_full;
  if (locked) {
    G.k.spin_lock_irqsave(n.list_lock);
    G.k.point('list_lock_held', s.name, n.nid);
  }
  set_freepointer(s, object, slab.freelist.length ? slab.freelist[slab.freelist.length - 1] : 0);
  slab.freelist.push(object);
  slab.allocated[obj_to_index(s, slab, object)] = 0;
  slab.inuse--;
  if (!locked) return;
  // "This slab was partially empty but not on the per-node partial list": whoever took it off the
  // list (a refill under way) deals with it.
  if (!debug && !was_full && !slab.on_partial) {
    G.k.spin_unlock_irqrestore(n.list_lock);
    return;
  }
  if (slab.inuse === 0 && n.nr_partial >= s.min_partial) {
    if (slab.on_partial) remove_partial(n, slab);
    else remove_full(s, n, slab);
    G.k.spin_unlock_irqrestore(n.list_lock);
    discard_slab(s, slab);
    return;
  }
  if (was_full) {
    remove_full(s, n, slab);
    add_partial(n, slab, true);
  }
  G.k.spin_unlock_irqrestore(n.list_lock);
}

function do_slab_free(s: kmem_cache, slab: slab, object: Ptr): void {
  if (can_free_to_pcs(slab) && free_to_pcs(s, object, true)) return;
  __slab_free(s, slab, object);
}

function slab_free(s: kmem_cache, slab: slab, object: Ptr): void {
  memcg_slab_free_hook(s, slab, [object], 1);
  alloc_tagging_slab_free_hook(s, slab, [object], 1);
  if (!slab_free_hook(s, object, slab_want_init_on_free(s), false)) return;
  do_slab_free(s, slab, object);
}

/*
 * __kmem_cache_free_bulk(): give objects that never went through the allocation hooks (sheaf
 * flushes, failed bulk/refill) back to their slabs: build_detached_freelist(), kfence_free(),
 * then the slab free path proper, with no memcg/alloc-tag/kmemleak/init_on_free hooks and not
 * through the per-CPU sheaves.
 */
function __kmem_cache_free_bulk(s: kmem_cache, size: number, p: Ptr[]): void {
  for (let i = 0; i < size; i++) {
    const slab = virt_to_slab(p[i]);
    if (!slab) continue;
    if (kfence_free(p[i])) continue;
    __slab_free(slab.slab_cache, slab, p[i]);
  }
}

export function kmem_cache_free_bulk(s: kmem_cache | null, size: number, p: Ptr[]): void {
  for (let i = 0; i < size; i++) {
    if (!p[i]) continue;
    const slab = virt_to_slab(p[i]);
    if (!slab) continue;
    slab_free(s ?? slab.slab_cache, slab, p[i]);
  }
}

export function kmem_cache_free(s: kmem_cache, x: Ptr): void {
  if (!x) return;
  const slab = virt_to_slab(x);
  if (!slab) {
    G.k.obs.warnOnce('kmem_cache_free', `${s.name}: object not from a slab`);
    return;
  }
  if (slab.slab_cache !== s) {
    G.k.obs.warnOnce('cache_from_obj', `Wrong slab cache. ${s.name} but object is from ${slab.slab_cache.name}`);
    s = slab.slab_cache;
  }
  slab_free(s, slab, x);
}

function free_large_kmalloc(page: Page & { memcg?: number }, object: Ptr): void {
  G.k.obs.kmemleakFree(object);
  if (page.memcg) G.k.obs.uncharge(page.memcg, 'large kmalloc');
  G.k.untag_caller_pages(page);
  G.k.free_pages(page);
}

export function kfree(object: Ptr): void {
  if (!object || object === ZERO_SIZE_PTR) return;
  const page = G.k.mem.virt_to_page(object);
  if (!page) {
    G.k.obs.warnOnce('kfree', 'kfree of an unmapped address');
    return;
  }
  if (page.owner === 'large_kmalloc') {
    free_large_kmalloc(page, object);
    return;
  }
  if (page.owner === 'vmalloc') {
    G.k.obs.warnOnce('kfree', 'kfree() of a vmalloc address');
    return;
  }
  const slab = page.slab as slab;
  slab_free(slab.slab_cache, slab, object);
}

/** An llist of objects handed to irq_work: freed later from a context that may take locks. */
function defer_free(s: kmem_cache, head: Ptr): void {
  G.deferred[G.k.cpu.id].push(head);
  G.k.emit({ kind: 'defer_free', cache: s.name });
}

/** free_deferred_objects(): the irq_work handler. */
export function free_deferred_objects(cpu: number): void {
  const list = G.deferred[cpu];
  while (list.length) {
    const x = list.shift()!;
    const slab = virt_to_slab(x);
    if (!slab) continue;
    __slab_free(slab.slab_cache, slab, x);
  }
}

export function kfree_nolock(object: Ptr): void {
  if (!object || object === ZERO_SIZE_PTR) return;
  const slab = virt_to_slab(object);
  if (!slab || G.k.obs.is_kfence_address(object)) {
    // kmalloc_nolock() doesn't support large kmalloc.
    G.k.obs.warnOnce('kfree_nolock', 'WARN_ONCE(1, "large_kmalloc is not supported by kfree_nolock()")');
    return;
  }
  const s = slab.slab_cache;
  memcg_slab_free_hook(s, slab, [object], 1);
  alloc_tagging_slab_free_hook(s, slab, [object], 1);
  /*
   * Unlike slab_free() do NOT call kmemleak_free_recursive(), debug_check_no_locks_freed(),
   * __kcsan_check_access() or kfence_free(): they take spinlocks or are not safe from any context.
   */
  if (can_free_to_pcs(slab) && free_to_pcs(s, object, false)) return;
  defer_free(s, object);
}

export function ksize(objp: Ptr): number {
  if (!objp || objp === ZERO_SIZE_PTR) return 0;
  if (G.k.obs.is_kfence_address(objp)) return kfence_ksize(objp);
  const page = G.k.mem.virt_to_page(objp);
  if (!page) return 0;
  if (page.owner === 'large_kmalloc') return PAGE_SIZE << page.order;
  const s = (page.slab as slab).slab_cache;
  if (kmem_cache_debug_flags(s, SLAB_RED_ZONE | SLAB_POISON)) return s.object_size;
  if (s.flags & (SLAB_TYPESAFE_BY_RCU | SLAB_STORE_USER)) return s.inuse;
  return s.object_size;
}

// ---- krealloc ----------------------------------------------------------------------------

function __do_krealloc(p: Ptr, new_size: number, flags: gfp_t): Ptr {
  let orig_size = 0;
  let ks = 0;
  let s: kmem_cache | null = null;
  const mem = G.k.mem;
  if (p !== ZERO_SIZE_PTR && p) {
    if (G.k.obs.is_kfence_address(p)) {
      ks = orig_size = kfence_ksize(p);
    } else {
      const page = mem.virt_to_page(p)!;
      if (page.owner === 'large_kmalloc') {
        ks = PAGE_SIZE << page.order;
      } else {
        s = (page.slab as slab).slab_cache;
        orig_size = get_orig_size(s, p);
        ks = s.object_size;
      }
    }
    // If the old object doesn't fit, allocate a bigger one
    if (new_size <= ks) {
      // Zero out spare memory.
      if (G.k.config.initOnAlloc || flags & __GFP_ZERO) {
        if (orig_size && orig_size < new_size) mem.memset(p + orig_size, 0, new_size - orig_size);
        else mem.memset(p + new_size, 0, ks - new_size);
      }
      // Setup kmalloc redzone when needed
      if (s && slub_debug_orig_size(s)) {
        set_orig_size(s, p, new_size);
        if (s.flags & SLAB_RED_ZONE && new_size < ks) mem.memset(p + new_size, SLUB_RED_ACTIVE, ks - new_size);
      }
      return p;
    }
  }
  const ret = __kmalloc_node_track_caller_noprof(new_size, flags, NUMA_NO_NODE, _RET_IP_());
  if (ret && p && p !== ZERO_SIZE_PTR) mem.copy(ret, p, Math.min(orig_size || ks, new_size));
  return ret;
}

export function krealloc_noprof(p: Ptr, new_size: number, flags: gfp_t): Ptr {
  if (!new_size) {
    kfree(p);
    return ZERO_SIZE_PTR;
  }
  const ret = __do_krealloc(p, new_size, flags);
  if (ret && p !== ret) kfree(p);
  return ret;
}

// ---- cache creation and boot -------------------------------------------------------------

function calculate_sheaf_capacity(s: kmem_cache): number {
  if (kmem_cache_debug(s) || s.flags & (SLAB_NO_OBJ_EXT | SLAB_NOLEAKTRACE)) return 0;
  let capacity: number;
  if (s.size < 256) capacity = 60;
  else if (s.size < 1024) capacity = 26;
  else if (s.size < PAGE_SIZE) capacity = 12;
  else capacity = 4;
  // Round up so that the sheaf exactly fills its kmalloc bucket.
  const size = kmalloc_size_roundup(SLAB_SHEAF_HEADER + capacity * SIZEOF_PTR);
  return Math.floor((size - SLAB_SHEAF_HEADER) / SIZEOF_PTR);
}

/** calculate_sizes(): the object layout with its debug metadata. */
function calculate_sizes(s: kmem_cache): void {
  const flags = s.flags;
  let size = Math.ceil(s.object_size / SIZEOF_PTR) * SIZEOF_PTR;
  if (flags & SLAB_RED_ZONE && size === s.object_size) size += SIZEOF_PTR;
  s.inuse = size;
  if (flags & (SLAB_TYPESAFE_BY_RCU | SLAB_POISON) || s.ctor || (flags & SLAB_RED_ZONE && (s.object_size < SIZEOF_PTR || slub_debug_orig_size(s)))) {
    // The free pointer cannot overlay the object: RCU, a constructor or poison need its first word
    // kept, and a red-zoned kmalloc cache that stores orig_size red-zones the object's tail beyond
    // the request (the kmalloc Redzone), where a mid-object free pointer would sit.
    s.offset = size;
    size += SIZEOF_PTR;
  } else {
    s.offset = Math.floor(s.object_size / 2 / SIZEOF_PTR) * SIZEOF_PTR;
  }
  if (flags & SLAB_STORE_USER) {
    size += 2 * TRACK_SIZE;
    if (flags & SLAB_KMALLOC) size += 4;
  }
  s.red_left_pad = 0;
  if (flags & SLAB_RED_ZONE) {
    size += SIZEOF_PTR;
    s.red_left_pad = Math.ceil(SIZEOF_PTR / s.align) * s.align;
    size += s.red_left_pad;
  }
  s.size = Math.ceil(size / s.align) * s.align;
  const min_objects = 12;
  let order = get_order(s.size);
  const minorder = order;
  while (order < SLUB_MAX_ORDER && Math.floor((PAGE_SIZE << order) / s.size) < min_objects) order++;
  s.oo = { order, objects: Math.floor((PAGE_SIZE << order) / s.size) };
  s.min = { order: minorder, objects: Math.floor((PAGE_SIZE << minorder) / s.size) };
  s.allocflags = __GFP_COMP;
  if (flags & SLAB_RECLAIM_ACCOUNT) s.allocflags |= __GFP_RECLAIMABLE;
}

function init_percpu_sheaves(s: kmem_cache, bootstrap: boolean): void {
  for (let cpu = 0; cpu < G.k.cpus.length; cpu++) {
    const pcs: slub_percpu_sheaves = { lock: new LocalLock(`s->cpu_sheaves(${s.name})/cpu${cpu}`), main: G.bootstrap_sheaf, spare: null };
    s.cpu_sheaves.push(pcs);
    if (!cache_has_sheaves(s) || bootstrap) continue;
    const run = () => {
      const sheaf = alloc_empty_sheaf(s, GFP_KERNEL);
      if (sheaf) pcs.main = sheaf;
    };
    G.k.runOn(cpu, 'task', run);
  }
}

function slub_debug_flags_for(name: string): number {
  const d = G.k.config.slubDebug;
  if (!d) return 0;
  const hit = d.caches.some((c) => (c.endsWith('*') ? name.startsWith(c.slice(0, -1)) : c === name));
  if (!hit) return 0;
  let f = 0;
  for (const x of d.flags) {
    if (x === 'F') f |= SLAB_CONSISTENCY_CHECKS;
    if (x === 'Z') f |= SLAB_RED_ZONE;
    if (x === 'P') f |= SLAB_POISON;
    if (x === 'U') f |= SLAB_STORE_USER;
  }
  return f;
}

function do_kmem_cache_create(name: string, size: number, align: number, flags: number, ctor: ((p: Ptr) => void) | null, bootstrap: boolean): kmem_cache {
  flags |= slub_debug_flags_for(name);
  if (flags & SLAB_HWCACHE_ALIGN) align = Math.max(align, 64);
  align = Math.max(align || SIZEOF_PTR, SIZEOF_PTR);
  const s: kmem_cache = {
    name,
    flags,
    object_size: size,
    size: 0,
    inuse: 0,
    offset: 0,
    align,
    red_left_pad: 0,
    ctor,
    allocflags: 0,
    oo: { order: 0, objects: 0 },
    min: { order: 0, objects: 0 },
    min_partial: 0,
    sheaf_capacity: 0,
    remote_node_defrag_ratio: G.k.config.remoteNodeDefragRatio,
    cpu_sheaves: [],
    node: [],
    refcount: 1,
    kmalloc_type: -1,
    kmalloc_index: -1,
    stat: new Map(),
  };
  calculate_sizes(s);
  // Debug caches use list_lock only, so they can serve kmalloc_nolock without cmpxchg16b.
  if (!kmem_cache_debug(s) && G.k.config.cmpxchg16b) s.flags |= __CMPXCHG_DOUBLE;
  s.min_partial = Math.min(MAX_PARTIAL, Math.max(MIN_PARTIAL, Math.floor(Math.log2(s.size) / 2)));
  s.sheaf_capacity = calculate_sheaf_capacity(s);
  for (let nid = 0; nid < G.k.nodes.length; nid++) {
    s.node.push({
      list_lock: new SpinLock(`n->list_lock(${name})/node${nid}`),
      nid,
      partial: [],
      nr_partial: 0,
      full: [],
      nr_slabs: 0,
      total_objects: 0,
      barn: cache_has_sheaves(s)
        ? { lock: new SpinLock(`barn->lock(${name})/node${nid}`), cache: name, nid, sheaves_full: [], sheaves_empty: [], nr_full: 0, nr_empty: 0 }
        : null,
    });
  }
  init_percpu_sheaves(s, bootstrap);
  G.slab_caches.push(s);
  return s;
}

export function kmem_cache_create(name: string, size: number, align: number, flags: number, ctor: ((p: Ptr) => void) | null): kmem_cache | null {
  if (!name || size <= 0 || size > KMALLOC_MAX_CACHE_SIZE * 4) return null;
  if (G.slab_caches.some((c) => c.name === name)) return null;
  // Only user-visible flags; SLAB_KMALLOC and __CMPXCHG_DOUBLE are internal.
  flags &= ~(SLAB_KMALLOC | __CMPXCHG_DOUBLE);
  return do_kmem_cache_create(name, size, align, flags, ctor, false);
}

function flush_all_sheaves(s: kmem_cache): void {
  for (const pcs of s.cpu_sheaves) {
    for (const sh of [pcs.main, pcs.spare]) {
      if (!sh || sh === G.bootstrap_sheaf) continue;
      sheaf_flush_unused(s, sh);
    }
  }
  for (const n of s.node) {
    if (!n.barn) continue;
    for (const sh of n.barn.sheaves_full) sheaf_flush_unused(s, sh);
  }
}

export function kmem_cache_destroy(s: kmem_cache): void {
  if (--s.refcount > 0) return;
  flush_all_sheaves(s);
  let leaked = 0;
  for (const n of s.node) for (const slab of [...n.partial, ...n.full]) leaked += slab.inuse;
  if (leaked) slab_error(s, `Objects remaining on __kmem_cache_shutdown(): ${leaked}`);
  for (const pcs of s.cpu_sheaves) {
    for (const sh of [pcs.main, pcs.spare]) if (sh && sh !== G.bootstrap_sheaf) free_empty_sheaf(s, sh);
    pcs.main = G.bootstrap_sheaf;
    pcs.spare = null;
  }
  for (const n of s.node) {
    if (!n.barn) continue;
    for (const sh of [...n.barn.sheaves_full, ...n.barn.sheaves_empty]) free_empty_sheaf(s, sh);
    n.barn.sheaves_full = [];
    n.barn.sheaves_empty = [];
    n.barn.nr_full = n.barn.nr_empty = 0;
  }
  for (const n of s.node) {
    for (const slab of [...n.partial]) if (slab.inuse === 0) {
      remove_partial(n, slab);
      discard_slab(s, slab);
    }
  }
  G.slab_caches.splice(G.slab_caches.indexOf(s), 1);
}

/** kmem_cache_init(): the kmalloc caches, then their sheaves (sheaves are themselves kmalloc'ed). */
export function kmem_cache_init(): void {
  G.bootstrap_sheaf = { size: 0, capacity: 0, pfmemalloc: false, cache: null, node: NUMA_NO_NODE, objects: [], addr: 0 };
  G.kmalloc_caches = [];
  for (let type = 0; type < NR_KMALLOC_TYPES; type++) {
    G.kmalloc_caches.push([]);
    for (let idx = 0; idx <= 13; idx++) {
      if (idx === 0) {
        G.kmalloc_caches[type].push(null);
        continue;
      }
      const size = kmalloc_size(idx);
      let flags = SLAB_KMALLOC | SLAB_NO_MERGE;
      if (type === KMALLOC_RECLAIM) flags |= SLAB_RECLAIM_ACCOUNT;
      if (type === KMALLOC_CGROUP) flags |= SLAB_ACCOUNT;
      const name = `${KMALLOC_TYPE_NAMES[type]}-${size >= 1024 ? size / 1024 + 'k' : size}`;
      const s = do_kmem_cache_create(name, size, 0, flags, null, true);
      s.kmalloc_type = type;
      s.kmalloc_index = idx;
      G.kmalloc_caches[type].push(s);
    }
  }
  bootstrap_kmalloc_sheaves();
}

function bootstrap_kmalloc_sheaves(): void {
  for (const s of G.slab_caches) {
    if (!cache_has_sheaves(s)) continue;
    for (let cpu = 0; cpu < G.k.cpus.length; cpu++) {
      const pcs = s.cpu_sheaves[cpu];
      G.k.runOn(cpu, 'task', () => {
        const sheaf = __alloc_empty_sheaf(s, GFP_KERNEL, s.sheaf_capacity);
        if (sheaf) pcs.main = sheaf;
      });
    }
  }
}

export { obj_to_index, slab_obj, get_node, calculate_sizes };
