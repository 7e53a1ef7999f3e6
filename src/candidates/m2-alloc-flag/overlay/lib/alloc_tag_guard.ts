// WHAT IF — NOT PART OF THE RFC, NOT IN ANY TREE. Candidate recursion guard for the early-PFN pool
// (spec base-mm-unstable.md §4.4), used by src/candidates/common/overlay/lib/alloc_tag.ts.
// (M2) A page-allocator internal flag: a new ALLOC_* bit (mm/internal.h) on the tracking
// allocation, carried through post_alloc_hook() (all call sites), and through the slowpath and its
// retries (which recompute alloc_flags from the gfp). No gfp bit.

import { ALLOC_MIN_RESERVE, type AllocInfo } from '../../../kernel/alloc_tag_pages.ts';
import { __GFP_HIGH } from '../include/linux/gfp_types.ts';

/** The next free ALLOC_* value after ALLOC_KSWAPD (0x800). */
export const ALLOC_NO_CODETAG = 0x1000;

export const GUARD = 'ALLOC_NO_CODETAG';
export const TRACKING_GFP = __GFP_HIGH;
/** Take the tracking page with alloc_pages_nolock() for nolock/NMI callers (spec §2.6, §4.4 M2). */
export const TRACKING_TRYLOCK = false;
export const TRACKING_ALLOC_FLAGS = ALLOC_NO_CODETAG | ALLOC_MIN_RESERVE;
export function tracking_enter(): number {
  return 0;
}
export function tracking_exit(_saved: number): void {}
export function is_tracking_allocation(info: AllocInfo): boolean {
  return (info.allocFlags & ALLOC_NO_CODETAG) !== 0;
}
