// WHAT IF — NOT PART OF THE RFC, NOT IN ANY TREE. Candidate recursion guard for the early-PFN pool
// (spec base-mm-unstable.md §4.4), used by src/candidates/common/overlay/lib/alloc_tag.ts.
// (M0) No guard at all: the dynamic list without any marker — §3.2's naive repair
// `#define __GFP_NO_CODETAG 0`.

import type { AllocInfo } from '../../../kernel/alloc_tag_pages.ts';
import { __GFP_HIGH } from '../include/linux/gfp_types.ts';

export const GUARD = 'none';
export const TRACKING_GFP = __GFP_HIGH;
/** Take the tracking page with alloc_pages_nolock() for nolock/NMI callers (spec §2.6, §4.4 M2). */
export const TRACKING_TRYLOCK = false;
export const TRACKING_ALLOC_FLAGS = 0;
export function tracking_enter(): number {
  return 0;
}
export function tracking_exit(_saved: number): void {}
export function is_tracking_allocation(_info: AllocInfo): boolean {
  return false;
}
