// WHAT IF — NOT PART OF THE RFC. mm/page_alloc.c's profiling hook for the candidate guards:
// post_alloc_hook() hands its gfp and alloc_flags to the early path (prep_new_page() has both).

import type { AllocInfo } from '../../../kernel/alloc_tag_pages.ts';
import { PAGE_SIZE, type Page } from '../../../kernel/memory.ts';
import { alloc_tag_add_early_pfn } from '../include/linux/alloc_tag.ts';
import { G } from './slab.ts';

export { init_page_alloc_tagging } from '../lib/alloc_tag.ts';

export function pgalloc_tag_add(page: Page, nr: number, info: AllocInfo): void {
  const t = G.k.pgtag!;
  if (t.get_page_tag_ref(page)) {
    t.alloc_tag_add(page, PAGE_SIZE * nr);
  } else {
    alloc_tag_add_early_pfn(page.pfn, info);
    t.set_inaccurate();
  }
}
