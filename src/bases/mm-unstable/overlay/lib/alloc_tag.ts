// lib/alloc_tag.c — the early-PFN part, as mm-unstable carries it: Hao Ge's "mm/alloc_tag: replace
// fixed-size early PFN array with dynamic linked list" v6 (<20260604024008.46592-1-hao.ge@linux.dev>,
// Acked-by Suren; committed as 0c3a350d13ce). Page-tag accounting itself is src/kernel/alloc_tag_pages.ts.

import { G } from '../mm/slab.ts';
// #ifdef CONFIG_MEM_ALLOC_PROFILING_DEBUG
import type { Page } from '../../../kernel/memory.ts';
import { kernelStatic } from '../../../slab/stage_glue_pgtag.ts';
import { __GFP_HIGH, __GFP_NO_OBJ_EXT, type gfp_t } from '../include/linux/gfp_types.ts';

/*
 * Track page allocations before page_ext is initialized.
 * Some pages are allocated before page_ext becomes available, leaving
 * their codetag uninitialized. Track these early PFNs so we can clear
 * their codetag refs later to avoid warnings when they are freed.
 *
 * Each page is cast to a pfn_pool: the first few bytes hold metadata
 * (next pointer and slot count), the remainder stores PFNs.
 */
interface pfn_pool {
  next: pfn_pool | null;
  count: number;
  pfns: number[];
  /** virt_to_page(pool) */
  page: Page;
}

/** (PAGE_SIZE - offsetof(struct pfn_pool, pfns)) / sizeof(unsigned long) is 510 on 64-bit; the model
 *  scales it down (as the stages scale EARLY_ALLOC_PFN_MAX) so that a full pool is a few ops away. */
export const PFN_POOL_SIZE = 4;

/*
 * Skip early PFN recording for a page allocation.  Reuses the
 * %__GFP_NO_OBJ_EXT bit.  Used by __alloc_tag_add_early_pfn() to avoid
 * recursion when allocating pages for the early PFN tracking list
 * itself.
 *
 * Codetags of the pages allocated with __GFP_NO_CODETAG should be
 * cleared (via clear_page_tag_ref()) before freeing the pages to prevent
 * alloc_tag_sub_check() from triggering a warning.
 */
const __GFP_NO_CODETAG = __GFP_NO_OBJ_EXT;

/** static struct pfn_pool *current_pfn_pool __initdata; and the RCU pointer to the recorder. */
const statics = kernelStatic(() => ({
  current_pfn_pool: null as pfn_pool | null,
  alloc_tag_add_early_pfn_ptr: __alloc_tag_add_early_pfn as alloc_tag_add_func | null,
}));

function __alloc_tag_add_early_pfn(pfn: number): void {
  const k = G.k;
  const t = k.pgtag!;
  const s = statics(k);
  let pool: pfn_pool | null;
  let idx: number;

  for (;;) {
    pool = s.current_pfn_pool; // READ_ONCE
    if (!pool || pool.count >= PFN_POOL_SIZE) {
      const new_page = k.alloc_pages(__GFP_HIGH | __GFP_NO_CODETAG, 0, -1); // alloc_page()
      if (!new_page) {
        k.obs.warnOnce('early_pfn_tracking', 'early PFN tracking page allocation failed');
        t.event('pool_alloc_fail');
        return;
      }
      t.event('pool_alloc', new_page);
      t.point('early_pfn_I4');
      const nu: pfn_pool = { next: pool, count: 0, pfns: [], page: new_page };
      if (s.current_pfn_pool !== pool) {
        // cmpxchg(&current_pfn_pool, pool, new) != pool: someone installed a pool meanwhile.
        t.event('pool_race_free', new_page);
        t.clear_page_tag_ref(new_page);
        k.free_pages(new_page);
        continue;
      }
      s.current_pfn_pool = nu;
      t.event('pool_install', new_page);
      pool = nu;
    }
    idx = pool.count;
    if (idx >= PFN_POOL_SIZE) continue;
    pool.count = idx + 1; // atomic_cmpxchg(&pool->count, idx, idx + 1) == idx
    break;
  }
  t.point('early_pfn_I5');
  pool.pfns[idx] = pfn;
  t.recorded(pfn);
}

type alloc_tag_add_func = (pfn: number) => void;

export function alloc_tag_add_early_pfn(pfn: number, gfp_flags: gfp_t): void {
  const k = G.k;
  const t = k.pgtag!;

  // static_key_enabled(&mem_profiling_compressed): the model has no compressed mode.
  t.pointEntry();

  /* Skip allocations for the tracking list itself to avoid recursion. */
  if (gfp_flags & __GFP_NO_CODETAG) {
    t.skipped(t.pfnToPage(pfn)!, '__GFP_NO_CODETAG');
    return;
  }

  t.rcu_read_lock();
  t.point('early_pfn_I1');
  const alloc_tag_add = statics(k).alloc_tag_add_early_pfn_ptr; // rcu_dereference
  if (alloc_tag_add) alloc_tag_add(pfn);
  t.rcu_read_unlock();
}

function clear_early_alloc_pfn_tag_refs(): void {
  const k = G.k;
  const t = k.pgtag!;
  const s = statics(k);
  s.alloc_tag_add_early_pfn_ptr = null; // rcu_assign_pointer() + synchronize_rcu()
  let next: pfn_pool | null;
  for (let pool = s.current_pfn_pool; pool; pool = next) {
    for (let i = 0; i < pool.count; i++) {
      const pfn = pool.pfns[i];
      // An early page freed and reallocated after page_ext init already has a valid tag: kept.
      if (t.pfn_valid(pfn)) t.set_empty_if_unset(pfn);
    }
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
