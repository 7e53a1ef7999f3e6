// WHAT IF — NOT PART OF THE RFC, NOT IN ANY TREE. Candidate (M6a) of spec base-mm-unstable.md §4.4:
// a pre-allocated pool — the fixed __initdata array of the for-next base (Hao Ge's first patch),
// i.e. revert the dynamic list. Nothing is allocated inside the hook: no recursion, no marker,
// NMI-safe; past the capacity one pr_warn_once and every later record is lost (the reason the
// dynamic list exists). (M6b, a capacity sized at boot from memblock by num_possible_cpus(), has the
// same shape with another number.)

import { G } from '../mm/slab.ts';
// #ifdef CONFIG_MEM_ALLOC_PROFILING_DEBUG
import type { AllocInfo } from '../../../kernel/alloc_tag_pages.ts';
import { kernelStatic } from '../../../slab/stage_glue_pgtag.ts';

/** 8192 in the kernel; scaled down in the model (PFN_POOL_SIZE is 4 there) so it can run out. */
export const EARLY_ALLOC_PFN_MAX = 8;

const statics = kernelStatic(() => ({ early_pfns: [] as number[], early_pfn_count: 0, enabled: true }));

function __alloc_tag_add_early_pfn(pfn: number): void {
  const t = G.k.pgtag!;
  const s = statics(G.k);
  const idx = s.early_pfn_count; // atomic_try_cmpxchg() loop
  if (idx >= EARLY_ALLOC_PFN_MAX) {
    G.k.obs.warnOnce('early_pfn_max', `Early page allocations before page_ext init exceeded EARLY_ALLOC_PFN_MAX (${EARLY_ALLOC_PFN_MAX})`);
    return;
  }
  s.early_pfn_count = idx + 1;
  t.point('early_pfn_I5');
  s.early_pfns[idx] = pfn;
  t.recorded(pfn);
}

export function alloc_tag_add_early_pfn(pfn: number, _info: AllocInfo): void {
  const t = G.k.pgtag!;
  t.pointEntry();
  t.rcu_read_lock();
  t.point('early_pfn_I1');
  if (statics(G.k).enabled) __alloc_tag_add_early_pfn(pfn);
  t.rcu_read_unlock();
}

function clear_early_alloc_pfn_tag_refs(): void {
  const t = G.k.pgtag!;
  const s = statics(G.k);
  s.enabled = false;
  for (let i = 0; i < s.early_pfn_count; i++) if (t.pfn_valid(s.early_pfns[i])) t.set_empty_if_unset(s.early_pfns[i]);
}
// #else
function clear_early_alloc_pfn_tag_refs(): void {}
// #endif

export function init_page_alloc_tagging(): void {
  if (!G.k.pgtag) return;
  clear_early_alloc_pfn_tag_refs();
}
