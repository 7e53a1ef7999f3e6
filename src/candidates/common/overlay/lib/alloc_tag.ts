// WHAT IF — NOT PART OF THE RFC, NOT IN ANY TREE. A candidate replacement for mm-unstable's
// __GFP_NO_CODETAG (spec base-mm-unstable.md §4.4), on top of RFC 15 rebased onto mm-unstable.
// lib/alloc_tag.c's early-PFN pool exactly as Hao Ge's v6 has it, except that the tracking
// allocation is recognised by the candidate's guard (lib/alloc_tag_guard.ts) instead of a gfp bit.

import { G } from '../mm/slab.ts';
// #ifdef CONFIG_MEM_ALLOC_PROFILING_DEBUG
import { ALLOC_TRYLOCK, type AllocInfo } from '../../../kernel/alloc_tag_pages.ts';
import type { Page } from '../../../kernel/memory.ts';
import { kernelStatic } from '../../../slab/stage_glue_pgtag.ts';
import { GUARD, TRACKING_ALLOC_FLAGS, TRACKING_GFP, TRACKING_TRYLOCK, is_tracking_allocation, tracking_enter, tracking_exit } from './alloc_tag_guard.ts';

interface pfn_pool {
  next: pfn_pool | null;
  count: number;
  pfns: number[];
  page: Page;
}

/** 510 on 64-bit; scaled down in the model as in the mm-unstable base. */
export const PFN_POOL_SIZE = 4;

const statics = kernelStatic(() => ({
  current_pfn_pool: null as pfn_pool | null,
  alloc_tag_add_early_pfn_ptr: __alloc_tag_add_early_pfn as ((pfn: number) => void) | null,
}));

/** The recorded allocation came from alloc_pages_nolock() (ALLOC_TRYLOCK) or an NMI: with
 *  TRACKING_TRYLOCK the tracking page is then taken with the trylock-only allocator too. */
let trylock_caller = false;

function __alloc_tag_add_early_pfn(pfn: number): void {
  const k = G.k;
  const t = k.pgtag!;
  const s = statics(k);
  let pool: pfn_pool | null;
  let idx: number;

  for (;;) {
    pool = s.current_pfn_pool;
    if (!pool || pool.count >= PFN_POOL_SIZE) {
      const saved = tracking_enter();
      const new_page = TRACKING_TRYLOCK && trylock_caller ? k.alloc_frozen_pages_nolock(TRACKING_GFP, -1, 0, TRACKING_ALLOC_FLAGS) : k.alloc_pages(TRACKING_GFP, 0, -1, TRACKING_ALLOC_FLAGS);
      if (!new_page) {
        tracking_exit(saved);
        k.obs.warnOnce('early_pfn_tracking', 'early PFN tracking page allocation failed');
        t.event('pool_alloc_fail');
        return;
      }
      t.event('pool_alloc', new_page);
      t.point('early_pfn_I4');
      const nu: pfn_pool = { next: pool, count: 0, pfns: [], page: new_page };
      if (s.current_pfn_pool !== pool) {
        t.event('pool_race_free', new_page);
        t.clear_page_tag_ref(new_page);
        k.free_pages(new_page);
        tracking_exit(saved);
        continue;
      }
      s.current_pfn_pool = nu;
      t.event('pool_install', new_page);
      tracking_exit(saved);
      pool = nu;
    }
    idx = pool.count;
    if (idx >= PFN_POOL_SIZE) continue;
    pool.count = idx + 1;
    break;
  }
  t.point('early_pfn_I5');
  pool.pfns[idx] = pfn;
  t.recorded(pfn);
}

export function alloc_tag_add_early_pfn(pfn: number, info: AllocInfo): void {
  const k = G.k;
  const t = k.pgtag!;
  t.pointEntry();

  /* Skip allocations for the tracking list itself to avoid recursion. */
  if (is_tracking_allocation(info)) {
    t.skipped(t.pfnToPage(pfn)!, GUARD);
    return;
  }

  t.rcu_read_lock();
  t.point('early_pfn_I1');
  const alloc_tag_add = statics(k).alloc_tag_add_early_pfn_ptr;
  const outer = trylock_caller;
  trylock_caller = (info.allocFlags & ALLOC_TRYLOCK) !== 0 || k.in_nmi();
  try {
    if (alloc_tag_add) alloc_tag_add(pfn);
  } finally {
    trylock_caller = outer;
  }
  t.rcu_read_unlock();
}

function clear_early_alloc_pfn_tag_refs(): void {
  const k = G.k;
  const t = k.pgtag!;
  const s = statics(k);
  s.alloc_tag_add_early_pfn_ptr = null;
  let next: pfn_pool | null;
  for (let pool = s.current_pfn_pool; pool; pool = next) {
    for (let i = 0; i < pool.count; i++) if (t.pfn_valid(pool.pfns[i])) t.set_empty_if_unset(pool.pfns[i]);
    next = pool.next;
    t.clear_page_tag_ref(pool.page);
    t.event('pool_free', pool.page);
    k.free_pages(pool.page);
  }
  s.current_pfn_pool = null;
}
// #else
function clear_early_alloc_pfn_tag_refs(): void {}
// #endif

export function init_page_alloc_tagging(): void {
  if (!G.k.pgtag) return;
  clear_early_alloc_pfn_tag_refs();
}
