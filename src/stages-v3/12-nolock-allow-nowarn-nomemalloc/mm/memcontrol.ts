// mm/memcontrol.c — the slab charging hook (the charge path below it is memcg's own).

import type { ListLru, Ptr } from '../../../slab/stage_api.ts';
import { type gfp_t } from '../include/linux/gfp_types.ts';
import { G, slab_obj_exts, type __memcg_slab_post_alloc_hook_t, type kmem_cache } from './slab.ts';
import { alloc_slab_obj_exts, obj_to_index, virt_to_slab } from './slub.ts';

const SIZEOF_OBJCG_PTR = 8;

function obj_full_size(s: kmem_cache): number {
  // For each accounted object there is an extra space used to store the obj_cgroup membership.
  return s.size + SIZEOF_OBJCG_PTR;
}

export function __memcg_slab_post_alloc_hook(s: kmem_cache, lru: ListLru | null, flags: gfp_t, slab_alloc_flags: number, size: number, p: Ptr[]): boolean {
  const k = G.k;
  if (!k.obs.current_obj_cgroup()) return true;
  // The obtained objcg pointer is safe to use within the current scope.
  flags &= k.gfp_allowed_mask;
  if (lru) k.emit({ kind: 'memcg', op: 'lru', bytes: 0, what: lru.name });
  for (let i = 0; i < size; i++) {
    if (!p[i]) continue;
    const slab = virt_to_slab(p[i])!;
    if (!slab_obj_exts(slab) && alloc_slab_obj_exts(slab, s, flags, slab_alloc_flags)) continue;
    const v = slab_obj_exts(slab);
    if (!v) continue;
    const bytes = obj_full_size(s);
    if (!k.obs.charge(bytes, flags, s.name)) return false;
    const off = k.obs.is_kfence_address(p[i]) ? 0 : obj_to_index(s, slab, p[i]);
    v.exts[off].objcg = true;
    v.exts[off].charged = bytes;
  }
  return true;
}
__memcg_slab_post_alloc_hook satisfies __memcg_slab_post_alloc_hook_t;
