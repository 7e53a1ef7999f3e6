// include/linux/slab.h — cache flags, kmalloc cache selection and the inline entry points.

import type { Ptr } from '../../../../slab/stage_api.ts';
import {
  __GFP_ACCOUNT,
  __GFP_RECLAIMABLE,
  __GFP_ZERO,
  type gfp_t,
} from './gfp_types.ts';
import { PAGE_SIZE } from '../../../../kernel/memory.ts';
import { NUMA_NO_NODE } from '../../../../kernel/kernel.ts';
import {
  __kmalloc_cache_node_noprof,
  __kmalloc_cache_noprof,
  __kmalloc_large_node_noprof,
  __kmalloc_large_noprof,
  __kmalloc_node_noprof,
  __kmalloc_node_track_caller_noprof,
  __kmalloc_noprof,
  _kmalloc_nolock_noprof,
  kmem_cache_alloc_noprof,
} from '../../mm/slub.ts';
import type { kmem_cache } from '../../mm/slab.ts';
import { G } from '../../mm/slab.ts';

// enum _slab_flag_bits (every config option that adds a bit is on).
export const SLAB_CONSISTENCY_CHECKS = 1 << 0;
export const SLAB_RED_ZONE = 1 << 1;
export const SLAB_POISON = 1 << 2;
export const SLAB_KMALLOC = 1 << 3;
export const SLAB_HWCACHE_ALIGN = 1 << 4;
export const SLAB_CACHE_DMA = 1 << 5;
export const SLAB_CACHE_DMA32 = 1 << 6;
export const SLAB_STORE_USER = 1 << 7;
export const SLAB_PANIC = 1 << 8;
export const SLAB_TYPESAFE_BY_RCU = 1 << 9;
export const SLAB_TRACE = 1 << 10;
export const SLAB_DEBUG_OBJECTS = 1 << 11;
export const SLAB_NOLEAKTRACE = 1 << 12;
export const SLAB_NO_MERGE = 1 << 13;
export const SLAB_FAILSLAB = 1 << 14;
export const SLAB_ACCOUNT = 1 << 15;
export const SLAB_KASAN = 1 << 16;
export const SLAB_NO_USER_FLAGS = 1 << 17;
export const SLAB_SKIP_KFENCE = 1 << 18;
export const SLAB_RECLAIM_ACCOUNT = 1 << 19;
export const SLAB_OBJECT_POISON = 1 << 20;
export const __CMPXCHG_DOUBLE = 1 << 21;
export const SLAB_NO_OBJ_EXT = 1 << 22;

export const SLAB_FLAG_NAMES: ReadonlyMap<string, number> = new Map([
  ['SLAB_CONSISTENCY_CHECKS', SLAB_CONSISTENCY_CHECKS],
  ['SLAB_RED_ZONE', SLAB_RED_ZONE],
  ['SLAB_POISON', SLAB_POISON],
  ['SLAB_HWCACHE_ALIGN', SLAB_HWCACHE_ALIGN],
  ['SLAB_STORE_USER', SLAB_STORE_USER],
  ['SLAB_PANIC', SLAB_PANIC],
  ['SLAB_TYPESAFE_BY_RCU', SLAB_TYPESAFE_BY_RCU],
  ['SLAB_TRACE', SLAB_TRACE],
  ['SLAB_NOLEAKTRACE', SLAB_NOLEAKTRACE],
  ['SLAB_NO_MERGE', SLAB_NO_MERGE],
  ['SLAB_FAILSLAB', SLAB_FAILSLAB],
  ['SLAB_ACCOUNT', SLAB_ACCOUNT],
  ['SLAB_NO_USER_FLAGS', SLAB_NO_USER_FLAGS],
  ['SLAB_SKIP_KFENCE', SLAB_SKIP_KFENCE],
  ['SLAB_RECLAIM_ACCOUNT', SLAB_RECLAIM_ACCOUNT],
  ['SLAB_NO_OBJ_EXT', SLAB_NO_OBJ_EXT],
]);

/* SLUB_RED_INACTIVE / SLUB_RED_ACTIVE and the poison bytes (include/linux/poison.h). */
export const SLUB_RED_INACTIVE = 0xbb;
export const SLUB_RED_ACTIVE = 0xcc;
export const POISON_INUSE = 0x5a;
export const POISON_FREE = 0x6b;
export const POISON_END = 0xa5;

export const KMALLOC_SHIFT_HIGH = 13;
export const KMALLOC_MAX_CACHE_SIZE = 1 << KMALLOC_SHIFT_HIGH; // 8 KiB = PAGE_SIZE * 2
export const KMALLOC_MIN_SIZE = 8;
export const KMALLOC_SHIFT_LOW = 3;

// enum kmalloc_cache_type (no ZONE_DMA: KMALLOC_DMA aliases KMALLOC_NORMAL).
export const KMALLOC_NORMAL = 0;
export const KMALLOC_RECLAIM = 1;
export const KMALLOC_CGROUP = 2;
export const NR_KMALLOC_TYPES = 3;
export const KMALLOC_TYPE_NAMES = ['kmalloc', 'kmalloc-rcl', 'kmalloc-cg'];

/** KMALLOC_NOT_NORMAL_BITS: __GFP_RECLAIMABLE | __GFP_ACCOUNT (CONFIG_MEMCG, no ZONE_DMA). */
export const KMALLOC_NOT_NORMAL_BITS = __GFP_RECLAIMABLE | __GFP_ACCOUNT;

/** kmalloc_type(): the cache type a gfp selects. */
export function kmalloc_type(flags: gfp_t): number {
  if (!(flags & KMALLOC_NOT_NORMAL_BITS)) return KMALLOC_NORMAL;
  // __GFP_RECLAIMABLE wins over __GFP_ACCOUNT.
  if (flags & __GFP_RECLAIMABLE) return KMALLOC_RECLAIM;
  return KMALLOC_CGROUP;
}

/** kmalloc_index(): the size index; 1 and 2 are the 96 and 192 byte caches. */
export function kmalloc_index(size: number): number {
  if (!size) return 0;
  if (size <= KMALLOC_MIN_SIZE) return KMALLOC_SHIFT_LOW;
  if (size > 64 && size <= 96) return 1;
  if (size > 128 && size <= 192) return 2;
  let i = 3;
  while (1 << i < size) i++;
  return i;
}

export function kmalloc_size(index: number): number {
  if (index === 1) return 96;
  if (index === 2) return 192;
  return 1 << index;
}

/** kmalloc_size_roundup() for cache sizes. */
export function kmalloc_size_roundup(size: number): number {
  if (size > KMALLOC_MAX_CACHE_SIZE) return Math.ceil(size / PAGE_SIZE) * PAGE_SIZE;
  return kmalloc_size(kmalloc_index(size));
}

// ---- inline entry points (the alloc_hooks() tag is set by whoever calls the public API) -----

export function kmem_cache_alloc(s: kmem_cache, flags: gfp_t): Ptr {
  return kmem_cache_alloc_noprof(s, flags);
}

export function kmem_cache_zalloc(k: kmem_cache, flags: gfp_t): Ptr {
  return kmem_cache_alloc(k, flags | __GFP_ZERO);
}

/** kmalloc(): a compile-time constant size picks the cache inline; otherwise __kmalloc_noprof. */
export function kmalloc(size: number, flags: gfp_t, constSize = false): Ptr {
  if (constSize && size) {
    if (size > KMALLOC_MAX_CACHE_SIZE) return __kmalloc_large_noprof(size, flags);
    const index = kmalloc_index(size);
    return __kmalloc_cache_noprof(G.kmalloc_caches[kmalloc_type(flags)][index]!, flags, size);
  }
  return __kmalloc_noprof(size, flags);
}

export function kmalloc_node(size: number, flags: gfp_t, node: number, constSize = false): Ptr {
  if (constSize && size) {
    if (size > KMALLOC_MAX_CACHE_SIZE) return __kmalloc_large_node_noprof(size, flags, node);
    const index = kmalloc_index(size);
    return __kmalloc_cache_node_noprof(G.kmalloc_caches[kmalloc_type(flags)][index]!, flags, node, size);
  }
  return __kmalloc_node_noprof(size, flags, node);
}

export function kzalloc(size: number, flags: gfp_t): Ptr {
  return kmalloc(size, flags | __GFP_ZERO);
}

/** kmalloc_array(): overflow → NULL. */
export function kcalloc(n: number, size: number, flags: gfp_t): Ptr {
  const bytes = n * size;
  if (!Number.isSafeInteger(bytes) || bytes > 0xffffffff) return 0;
  return __kmalloc_noprof(bytes, flags | __GFP_ZERO);
}

export function kmalloc_track_caller(size: number, flags: gfp_t, caller: number): Ptr {
  return __kmalloc_node_track_caller_noprof(size, flags, NUMA_NO_NODE, caller);
}

/**
 * kmalloc_nolock - Allocate an object of given size from any context.
 * @size: size to allocate
 * @gfp_flags: GFP flags. Only __GFP_ACCOUNT, __GFP_ZERO, __GFP_NO_OBJ_EXT allowed.
 * @node: node number of the target node.
 *
 * Return: pointer to the new object or NULL in case of error. NULL does not mean EBUSY or EAGAIN.
 * It means ENOMEM. There is no reason to call it again and expect !NULL.
 */
export function kmalloc_nolock(size: number, gfp_flags: gfp_t, node: number): Ptr {
  return _kmalloc_nolock_noprof(size, gfp_flags, node);
}
