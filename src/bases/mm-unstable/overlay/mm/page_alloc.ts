// mm/page_alloc.c — post_alloc_hook()'s profiling hook, as mm-unstable has it after Hao Ge's v6:
// the (already masked) gfp is passed through pgalloc_tag_add() to alloc_tag_add_early_pfn().
// [recon] in the spec (§2.2): only the v6 lib/alloc_tag.c was read verbatim.
// The page allocator itself is the shared kernel's (src/kernel/kernel.ts); it calls pgalloc_tag_add()
// from post_alloc_hook() when mem_alloc_profiling_enabled().

import type { AllocInfo } from '../../../kernel/alloc_tag_pages.ts';
import { PAGE_SIZE, type Page } from '../../../kernel/memory.ts';
import { alloc_tag_add_early_pfn } from '../include/linux/alloc_tag.ts';
import type { gfp_t } from '../include/linux/gfp_types.ts';
import { G } from './slab.ts';

export { init_page_alloc_tagging } from '../lib/alloc_tag.ts';

function __pgalloc_tag_add(page: Page, nr: number, gfp_flags: gfp_t): void {
  const t = G.k.pgtag!;
  if (t.get_page_tag_ref(page)) {
    t.alloc_tag_add(page, PAGE_SIZE * nr);
  } else {
    alloc_tag_add_early_pfn(page.pfn, gfp_flags);
    t.set_inaccurate();
  }
}

/** pgalloc_tag_add(page, current, 1 << order, gfp_flags), called from post_alloc_hook(). */
export function pgalloc_tag_add(page: Page, nr: number, info: AllocInfo): void {
  __pgalloc_tag_add(page, nr, info.gfp);
}
