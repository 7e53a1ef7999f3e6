// mm/slab.h — internal slab definitions shared by mm/slub.c and mm/memcontrol.c.

import type { Kernel } from '../../../kernel/kernel.ts';
import type { LocalLock, SpinLock } from '../../../kernel/cpu.ts';
import type { Page } from '../../../kernel/memory.ts';
import type { Ptr } from '../../../slab/stage_api.ts';
import { __GFP_ZERO, type gfp_t } from '../include/linux/gfp_types.ts';
import {
  SLAB_CONSISTENCY_CHECKS,
  SLAB_POISON,
  SLAB_RED_ZONE,
  SLAB_STORE_USER,
  SLAB_TRACE,
  SLAB_TYPESAFE_BY_RCU,
} from '../include/linux/slab.ts';
import { __kmalloc_flags_noprof } from './slub.ts';

/*
 * Internal slab definitions
 */

/* slab's alloc_flags definitions */
export const SLAB_ALLOC_DEFAULT = 0x00; /* no flags */
export const SLAB_ALLOC_NOLOCK = 0x01; /* a kmalloc_nolock() allocation */
export const SLAB_ALLOC_NEW_SLAB = 0x02; /* a flag for alloc_slab_obj_exts() */
export const SLAB_ALLOC_NO_RECURSE = 0x04; /* prevent kmalloc() recursion */

export function alloc_flags_allow_spinning(alloc_flags: number): boolean {
  return !(alloc_flags & SLAB_ALLOC_NOLOCK);
}

/* __kmalloc_flags_noprof() is defined in mm/slub.c (not exported to modules). */
export function _kmalloc_flags_noprof(size: number, flags: gfp_t, alloc_flags: number, node: number, token: number): Ptr {
  return __kmalloc_flags_noprof(size, token, flags, alloc_flags, node);
}

/** kmalloc_flags(size, gfp, alloc_flags, node): kmalloc_node() that also takes SLAB_ALLOC_* flags; mm-internal. */
export function kmalloc_flags(size: number, gfp: gfp_t, alloc_flags: number, node: number): Ptr {
  return _kmalloc_flags_noprof(size, gfp, alloc_flags, node, 0);
}

/** SLAB_DEBUG_FLAGS (a function: mm/slab.h and include/linux/slab.h import each other). */
export function SLAB_DEBUG_FLAGS(): number {
  return SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER | SLAB_TRACE | SLAB_CONSISTENCY_CHECKS;
}

export interface kmem_cache_order_objects {
  order: number;
  objects: number;
}

/** struct slabobj_ext: the memcg objcg and the allocation-profiling codetag ref of one object. */
export interface slabobj_ext {
  objcg: boolean;
  charged: number;
  ref: string | null;
}

/** The obj_exts vector of a slab: in the slab's leftover space, or a kmalloc'ed array. */
export interface obj_exts_vec {
  exts: slabobj_ext[];
  /** Address of the kmalloc'ed array, 0 when it lives in the slab. */
  addr: Ptr;
}

/** OBJEXTS_ALLOC_FAIL: CONFIG_MEM_ALLOC_PROFILING_DEBUG marker of a failed vector allocation. */
export const OBJEXTS_ALLOC_FAIL = 'OBJEXTS_ALLOC_FAIL';

export interface slab {
  slab_cache: kmem_cache;
  page: Page;
  /** Address of the first byte of the slab. */
  base: Ptr;
  node: number;
  objects: number;
  inuse: number;
  /** Free objects; the end of the array is the head of the freelist. */
  freelist: Ptr[];
  frozen: boolean;
  pfmemalloc: boolean;
  /** SL_partial / on the debug full list. */
  on_partial: boolean;
  on_full: boolean;
  obj_exts: obj_exts_vec | null | typeof OBJEXTS_ALLOC_FAIL;
  /** Per-object: currently allocated (debug and invariant checks). */
  allocated: Uint8Array;
  /** Per-object stored orig_size (slub_debug_orig_size caches). */
  orig_size: Uint32Array | null;
}

export interface slab_sheaf {
  size: number;
  capacity: number;
  pfmemalloc: boolean;
  cache: kmem_cache | null;
  node: number;
  objects: Ptr[];
  /** Address of the kmalloc'ed struct slab_sheaf, 0 for the static bootstrap sheaf. */
  addr: Ptr;
}

export interface slub_percpu_sheaves {
  lock: LocalLock;
  main: slab_sheaf;
  spare: slab_sheaf | null;
}

export interface node_barn {
  lock: SpinLock;
  cache: string;
  nid: number;
  sheaves_full: slab_sheaf[];
  sheaves_empty: slab_sheaf[];
  nr_full: number;
  nr_empty: number;
}

export interface kmem_cache_node {
  list_lock: SpinLock;
  nid: number;
  partial: slab[];
  nr_partial: number;
  full: slab[];
  nr_slabs: number;
  total_objects: number;
  barn: node_barn | null;
}

export interface kmem_cache {
  name: string;
  flags: number;
  object_size: number;
  size: number;
  inuse: number;
  offset: number;
  align: number;
  red_left_pad: number;
  ctor: ((p: Ptr) => void) | null;
  allocflags: gfp_t;
  oo: kmem_cache_order_objects;
  min: kmem_cache_order_objects;
  min_partial: number;
  sheaf_capacity: number;
  remote_node_defrag_ratio: number;
  cpu_sheaves: slub_percpu_sheaves[];
  node: kmem_cache_node[];
  refcount: number;
  /** kmalloc caches: their type (KMALLOC_NORMAL...) and size index. */
  kmalloc_type: number;
  kmalloc_index: number;
  stat: Map<string, number>;
}

/** Everything the C code keeps in globals, for the kernel instance the stage is running on. */
export interface slab_globals {
  k: Kernel;
  kmalloc_caches: (kmem_cache | null)[][];
  slab_caches: kmem_cache[];
  /** Sheaf structs by their kmalloc'ed address. */
  sheaves: Map<Ptr, slab_sheaf>;
  /** Per-CPU deferred frees of kfree_nolock (an llist handed to irq_work). */
  deferred: Ptr[][];
  bootstrap_sheaf: slab_sheaf;
}

/** The current kernel; switched on every entry from the harness (the C code uses globals). */
export const G: slab_globals = {} as slab_globals;

export function kmem_cache_debug_flags(s: kmem_cache, flags: number): boolean {
  return (s.flags & flags) !== 0;
}

export function kmem_cache_debug(s: kmem_cache): boolean {
  return kmem_cache_debug_flags(s, SLAB_DEBUG_FLAGS());
}

export function cache_has_sheaves(s: kmem_cache): boolean {
  return s.sheaf_capacity !== 0;
}

export function slab_nid(slab: slab): number {
  return slab.node;
}

export function slab_obj_exts(slab: slab): obj_exts_vec | null {
  const v = slab.obj_exts;
  return v === null || v === OBJEXTS_ALLOC_FAIL ? null : v;
}

export function memcg_kmem_online(): boolean {
  return G.k.config.memcg;
}

export function mem_alloc_profiling_enabled(): boolean {
  return G.k.config.profiling;
}

/** slab_want_init_on_alloc(): zero on allocation by __GFP_ZERO or init_on_alloc. */
export function slab_want_init_on_alloc(flags: gfp_t, c: kmem_cache): boolean {
  if (G.k.config.initOnAlloc) {
    if (c.ctor) return false;
    if (c.flags & (SLAB_TYPESAFE_BY_RCU | SLAB_POISON)) return (flags & __GFP_ZERO) !== 0;
    return true;
  }
  return (flags & __GFP_ZERO) !== 0;
}

/** slab_want_init_on_free(). */
export function slab_want_init_on_free(c: kmem_cache): boolean {
  if (G.k.config.initOnFree) return !(c.ctor || c.flags & (SLAB_TYPESAFE_BY_RCU | SLAB_POISON));
  return false;
}

/* Prototypes of mm/slub.c functions used by mm/memcontrol.c. */
export type alloc_slab_obj_exts_t = (slab: slab, s: kmem_cache, gfp: gfp_t, alloc_flags: number) => number;
export type __memcg_slab_post_alloc_hook_t = (s: kmem_cache, lru: import('../../../slab/stage_api.ts').ListLru | null, flags: gfp_t, slab_alloc_flags: number, size: number, p: Ptr[]) => boolean;
