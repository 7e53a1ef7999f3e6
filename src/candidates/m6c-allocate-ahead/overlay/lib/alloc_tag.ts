// WHAT IF — NOT PART OF THE RFC, NOT IN ANY TREE. Candidate (M6c) of spec base-mm-unstable.md §4.4:
// allocate ahead with headroom H. The first pool is static (__initdata); the context whose claim
// leaves exactly H free slots allocates the next pool page, which is recorded like any other page
// (no marker, no guard). Records that find the pool full before the new page is installed are
// dropped with a pr_warn_once (the alternative, a second refill in a full pool, is M0's recursion).

import { G } from '../mm/slab.ts';
// #ifdef CONFIG_MEM_ALLOC_PROFILING_DEBUG
import type { AllocInfo } from '../../../kernel/alloc_tag_pages.ts';
import type { Page } from '../../../kernel/memory.ts';
import { kernelStatic } from '../../../slab/stage_glue_pgtag.ts';
import { __GFP_HIGH } from '../include/linux/gfp_types.ts';

interface pfn_pool {
  next: pfn_pool | null;
  count: number;
  pfns: number[];
  page: Page | null;
}

export const PFN_POOL_SIZE = 4;
/** Headroom: free slots left when the refill starts. */
export const EARLY_PFN_HEADROOM = 2;

const statics = kernelStatic(() => ({
  current_pfn_pool: { next: null, count: 0, pfns: [], page: null } as pfn_pool,
  enabled: true,
}));

function __alloc_tag_add_early_pfn(pfn: number): void {
  const k = G.k;
  const t = k.pgtag!;
  const s = statics(k);
  const pool = s.current_pfn_pool;
  const idx = pool.count;
  if (idx >= PFN_POOL_SIZE) {
    k.obs.warnOnce('early_pfn_full', 'early PFN pool full before the next pool was installed');
    t.event('pool_alloc_fail', undefined, 'pool full, record dropped');
    return;
  }
  pool.count = idx + 1;
  t.point('early_pfn_I5');
  pool.pfns[idx] = pfn;
  t.recorded(pfn);
  if (PFN_POOL_SIZE - pool.count !== EARLY_PFN_HEADROOM) return;
  // Refill ahead: this page is recorded in the current pool's headroom like any other.
  const new_page = k.alloc_pages(__GFP_HIGH, 0, -1);
  if (!new_page) {
    k.obs.warnOnce('early_pfn_tracking', 'early PFN tracking page allocation failed');
    return;
  }
  t.event('pool_alloc', new_page);
  t.point('early_pfn_I4');
  const nu: pfn_pool = { next: pool, count: 0, pfns: [], page: new_page };
  if (s.current_pfn_pool !== pool) {
    t.event('pool_race_free', new_page);
    t.clear_page_tag_ref(new_page);
    k.free_pages(new_page);
    return;
  }
  s.current_pfn_pool = nu;
  t.event('pool_install', new_page);
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
  const k = G.k;
  const t = k.pgtag!;
  const s = statics(k);
  s.enabled = false;
  let next: pfn_pool | null;
  for (let pool: pfn_pool | null = s.current_pfn_pool; pool; pool = next) {
    for (let i = 0; i < pool.count; i++) if (t.pfn_valid(pool.pfns[i])) t.set_empty_if_unset(pool.pfns[i]);
    next = pool.next;
    if (pool.page) {
      t.clear_page_tag_ref(pool.page);
      t.event('pool_free', pool.page);
      k.free_pages(pool.page);
    }
  }
}
// #else
function clear_early_alloc_pfn_tag_refs(): void {}
// #endif

export function init_page_alloc_tagging(): void {
  if (!G.k.pgtag) return;
  clear_early_alloc_pfn_tag_refs();
}
