// mm/kfence/core.c — the sampling gate and the guarded allocation (the pool itself is the shared
// kernel's, src/kernel/observers.ts).

import type { Ptr } from '../../../../slab/stage_api.ts';
import { PAGE_SIZE } from '../../../../kernel/memory.ts';
import { GFP_ZONEMASK, __GFP_THISNODE, type gfp_t } from '../../include/linux/gfp_types.ts';
import { SLAB_CACHE_DMA, SLAB_CACHE_DMA32, SLAB_SKIP_KFENCE } from '../../include/linux/slab.ts';
import { G, slab_want_init_on_alloc, type kmem_cache, type slab } from '../slab.ts';

function kfence_guarded_alloc(cache: kmem_cache, size: number, gfp: gfp_t): Ptr {
  const k = G.k;
  const addr = k.obs.kfenceMap(size, cache);
  // The kfence object has a "slab" of its own, with its obj_exts in kfence_metadata.
  const page = k.mem.virt_to_page(addr)!;
  const slab: slab = {
    slab_cache: cache,
    page,
    base: addr,
    node: page.node,
    objects: 1,
    inuse: 1,
    freelist: [],
    frozen: false,
    pfmemalloc: false,
    on_partial: false,
    on_full: false,
    obj_exts: { exts: [{ objcg: false, charged: 0, ref: null }], addr: 0 },
    allocated: new Uint8Array([1]),
    orig_size: null,
  };
  page.slab = slab;
  /*
   * We check slab_want_init_on_alloc() ourselves, rather than letting slab do the initialization,
   * as otherwise it might overwrite KFENCE's redzone.
   */
  const zeroed = slab_want_init_on_alloc(gfp, cache);
  if (zeroed) k.mem.memset(addr, 0, size);
  if (cache.ctor) cache.ctor(addr);
  k.emit({ kind: 'kfence', op: 'alloc', cache: cache.name, size, zeroed });
  return addr;
}

export function __kfence_alloc(s: kmem_cache, size: number, flags: gfp_t): Ptr {
  // Perform size check before switching kfence_allocation_gate, so that we don't disable KFENCE
  // without making an allocation.
  if (size > PAGE_SIZE) return 0;
  // Skip allocations from non-default zones, including DMA.
  if (flags & GFP_ZONEMASK || s.flags & (SLAB_CACHE_DMA | SLAB_CACHE_DMA32)) return 0;
  // Skip allocations for this slab, if KFENCE has been disabled for this slab.
  if (s.flags & SLAB_SKIP_KFENCE) return 0;
  // KFENCE can only place an object on one node.
  if (flags & __GFP_THISNODE && G.k.num_online_nodes() > 1) return 0;
  if (!G.k.obs.kfenceSample()) return 0;
  return kfence_guarded_alloc(s, size, flags);
}

/** include/linux/kfence.h: a static branch, off unless KFENCE is enabled. */
export function kfence_alloc(s: kmem_cache, size: number, flags: gfp_t): Ptr {
  if (!G.k.obs.kfenceEnabled()) return 0;
  return __kfence_alloc(s, size, flags);
}

/** kfence_free(): true if the object was a KFENCE object (and is now freed). */
export function kfence_free(addr: Ptr): boolean {
  if (!G.k.obs.is_kfence_address(addr)) return false;
  const o = G.k.obs.kfenceObjects.get(addr)!;
  G.k.emit({ kind: 'kfence', op: 'free', cache: (o.cache as kmem_cache).name, size: o.size, zeroed: false });
  G.k.obs.kfenceFree(addr);
  return true;
}

export function kfence_ksize(addr: Ptr): number {
  return G.k.obs.kfenceObjects.get(addr)?.size ?? 0;
}
