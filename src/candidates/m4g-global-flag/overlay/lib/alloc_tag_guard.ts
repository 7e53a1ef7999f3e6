// WHAT IF — NOT PART OF THE RFC, NOT IN ANY TREE. Candidate recursion guard for the early-PFN pool
// (spec base-mm-unstable.md §4.4), used by src/candidates/common/overlay/lib/alloc_tag.ts.
// (M4g) One global "refill in progress" flag; nested or concurrent recorders drop their record
// while it is set (waiting instead would deadlock on the interrupted refiller's CPU).

import type { AllocInfo } from '../../../kernel/alloc_tag_pages.ts';
import { kernelStatic } from '../../../slab/stage_glue_pgtag.ts';
import { __GFP_HIGH } from '../include/linux/gfp_types.ts';
import { G } from '../mm/slab.ts';

const refill_in_progress = kernelStatic(() => ({ depth: 0 }));

export const GUARD = 'early_pfn_refill_in_progress';
export const TRACKING_GFP = __GFP_HIGH;
/** Take the tracking page with alloc_pages_nolock() for nolock/NMI callers (spec §2.6, §4.4 M2). */
export const TRACKING_TRYLOCK = false;
export const TRACKING_ALLOC_FLAGS = 0;
export function tracking_enter(): number {
  refill_in_progress(G.k).depth++;
  return 0;
}
export function tracking_exit(_saved: number): void {
  refill_in_progress(G.k).depth--;
}
export function is_tracking_allocation(_info: AllocInfo): boolean {
  return refill_in_progress(G.k).depth !== 0;
}
