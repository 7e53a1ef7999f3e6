// The stage-independent interface through which the harness drives any stage. Stages implement
// it in their index.ts; the harness knows stages only through these types.

import type { Kernel, GfpLayout } from '../kernel/kernel.ts';
import type { gfp_t } from '../kernel/gfp.ts';
import type { SpinLock } from '../kernel/cpu.ts';

/** A kernel pointer: 0 is NULL, 16 is ZERO_SIZE_PTR. */
export type Ptr = number;
/** An opaque struct kmem_cache * / struct slab_sheaf * / struct list_lru *. */
export type CacheHandle = object;
export type SheafHandle = object;
export interface ListLru {
  readonly name: string;
}

/** The public slab API (include/linux/slab.h), names as in the kernel. */
export interface SlabApi {
  kmem_cache_create(name: string, size: number, align: number, flags: number, ctor: ((p: Ptr) => void) | null): CacheHandle | null;
  kmem_cache_destroy(s: CacheHandle): void;
  kmem_cache_alloc(s: CacheHandle, gfp: gfp_t): Ptr;
  kmem_cache_alloc_node(s: CacheHandle, gfp: gfp_t, node: number): Ptr;
  kmem_cache_alloc_lru(s: CacheHandle, lru: ListLru, gfp: gfp_t): Ptr;
  kmem_cache_zalloc(s: CacheHandle, gfp: gfp_t): Ptr;
  kmem_cache_free(s: CacheHandle, p: Ptr): void;
  kmem_cache_alloc_bulk(s: CacheHandle, gfp: gfp_t, size: number, p: Ptr[]): boolean;
  kmem_cache_free_bulk(s: CacheHandle, size: number, p: Ptr[]): void;
  kmem_cache_prefill_sheaf(s: CacheHandle, gfp: gfp_t, size: number): SheafHandle | null;
  kmem_cache_refill_sheaf(s: CacheHandle, gfp: gfp_t, sheafp: { sheaf: SheafHandle | null }, size: number): number;
  kmem_cache_return_sheaf(s: CacheHandle, gfp: gfp_t, sheaf: SheafHandle): void;
  kmem_cache_alloc_from_sheaf(s: CacheHandle, gfp: gfp_t, sheaf: SheafHandle): Ptr;
  kmem_cache_sheaf_size(sheaf: SheafHandle): number;
  /** constSize: the size is a compile-time constant, so the inline kmalloc() picks the cache itself. */
  kmalloc(size: number, gfp: gfp_t, constSize?: boolean): Ptr;
  kmalloc_node(size: number, gfp: gfp_t, node: number, constSize?: boolean): Ptr;
  kzalloc(size: number, gfp: gfp_t): Ptr;
  kcalloc(n: number, size: number, gfp: gfp_t): Ptr;
  kmalloc_track_caller(size: number, gfp: gfp_t, caller: number): Ptr;
  krealloc(p: Ptr, new_size: number, gfp: gfp_t): Ptr;
  kfree(p: Ptr): void;
  ksize(p: Ptr): number;
  kvmalloc(size: number, gfp: gfp_t): Ptr;
  kvmalloc_node(size: number, gfp: gfp_t, node: number): Ptr;
  kvfree(p: Ptr): void;
  kmalloc_nolock(size: number, gfp: gfp_t, node: number): Ptr;
  kfree_nolock(p: Ptr): void;
  kmem_cache_charge(p: Ptr, gfp: gfp_t): boolean;
  /** From RFC 12 on. */
  kmalloc_flags?(size: number, gfp: gfp_t, alloc_flags: number, node: number): Ptr;
}

/** What the harness may learn about an object it holds. */
export interface ObjectInfo {
  kind: 'slab' | 'kfence' | 'large' | 'vmalloc';
  cache: string | null;
  /** Usable bytes (ksize()). */
  usable: number;
}

export interface CacheSnapshot {
  name: string;
  object_size: number;
  size: number;
  slabs: number[];
  partial: number[];
  inuse: number;
  sheafObjects: number;
  barnFull: number[];
  barnEmpty: number[];
}

export interface StageInstance {
  readonly api: SlabApi;
  cacheByName(name: string): CacheHandle | undefined;
  cacheInfo(s: CacheHandle): { name: string; object_size: number };
  objectInfo(p: Ptr): ObjectInfo | null;
  /** Handler for irq_work: hand objects deferred by kfree_nolock to the slab. */
  flushDeferred(): void;
  /** The lock a scenario may hold on another CPU: n->list_lock or the barn lock of a cache. */
  lockOf(cache: string, kind: 'list_lock' | 'barn', node: number): SpinLock | null;
  /** validate_slab_cache(): red zone / poison errors found in the cache's slabs. */
  validate(s: CacheHandle): number;
  snapshot(): CacheSnapshot[];
  /** Internal consistency problems (counts, lists, live objects also free), one line each. */
  invariants(live: readonly Ptr[]): string[];
  /**
   * The run is over: the stage's module globals let go of this kernel and go back to their state
   * as loaded, so no run can see what an earlier run left in them and a finished kernel is freed.
   */
  release(): void;
}

/** What a stage module exports as `stage`. */
export interface StageDescriptor {
  readonly number: number;
  readonly slug: string;
  readonly gfp: GfpLayout;
  /** gfp identifiers a scenario may use at this stage. */
  readonly gfpNames: ReadonlyMap<string, number>;
  /** SLAB_* cache flags by name. */
  readonly slabFlags: ReadonlyMap<string, number>;
  /** SLAB_ALLOC_* alloc_flags by name (empty before RFC 04). */
  readonly allocFlags: ReadonlyMap<string, number>;
  boot(k: Kernel): StageInstance;
}
