// include/linux/alloc_tag.h — the declaration Hao Ge's patch changes: alloc_tag_add_early_pfn() now
// takes the caller's gfp ([recon] in the spec: the header diffstat is 4 +-, and the build needs it).
// CODETAG_EMPTY, alloc_tag_add_check() and alloc_tag_sub_check() are the shared kernel's
// (src/kernel/alloc_tag_pages.ts).

// #ifdef CONFIG_MEM_ALLOC_PROFILING_DEBUG
export { alloc_tag_add_early_pfn } from '../../lib/alloc_tag.ts';
// #else
import type { gfp_t } from './gfp_types.ts';
export function alloc_tag_add_early_pfn(_pfn: number, _gfp_flags: gfp_t): void {}
// #endif
