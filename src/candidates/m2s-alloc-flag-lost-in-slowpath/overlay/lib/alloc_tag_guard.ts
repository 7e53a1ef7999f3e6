// WHAT IF — NOT PART OF THE RFC, NOT IN ANY TREE. Candidate recursion guard for the early-PFN pool
// (spec base-mm-unstable.md §4.4), used by src/candidates/common/overlay/lib/alloc_tag.ts.
// (M2, forgotten plumbing) The ALLOC_* bit of M2, but the slowpath recomputes alloc_flags from
// the gfp (gfp_to_alloc_flags()) without carrying it: a tracking allocation that leaves the fast
// path (low watermarks) is no longer recognised (§4.4 M2: "P1 fails only under memory pressure").

import { ALLOC_MIN_RESERVE, type AllocInfo } from '../../../kernel/alloc_tag_pages.ts';
import { __GFP_HIGH } from '../include/linux/gfp_types.ts';

export const ALLOC_NO_CODETAG = 0x1000;

export const GUARD = 'ALLOC_NO_CODETAG (fast path only)';
export const TRACKING_GFP = __GFP_HIGH;
/** Take the tracking page with alloc_pages_nolock() for nolock/NMI callers (spec §2.6, §4.4 M2). */
export const TRACKING_TRYLOCK = false;
export const TRACKING_ALLOC_FLAGS = ALLOC_NO_CODETAG | ALLOC_MIN_RESERVE;
export function tracking_enter(): number {
  return 0;
}
export function tracking_exit(_saved: number): void {}
export function is_tracking_allocation(info: AllocInfo): boolean {
  const alloc_flags = info.slowpath ? 0 : info.allocFlags;
  return (alloc_flags & ALLOC_NO_CODETAG) !== 0;
}
