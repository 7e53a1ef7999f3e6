// WHAT IF — NOT PART OF THE RFC. include/linux/alloc_tag.h for the candidate guards: the early
// path gets what post_alloc_hook() knows (gfp and the page allocator's alloc_flags), so that an
// ALLOC_* candidate can see its flag; the other candidates ignore it.

// #ifdef CONFIG_MEM_ALLOC_PROFILING_DEBUG
export { alloc_tag_add_early_pfn } from '../../lib/alloc_tag.ts';
// #else
import type { AllocInfo } from '../../../../kernel/alloc_tag_pages.ts';
export function alloc_tag_add_early_pfn(_pfn: number, _info: AllocInfo): void {}
// #endif
