// WHAT IF — NOT PART OF THE RFC, NOT IN ANY TREE. Candidate recursion guard for the early-PFN pool
// (spec base-mm-unstable.md §4.4), used by src/candidates/common/overlay/lib/alloc_tag.ts.
// (M3a) A scoped per-task flag, memalloc_flags_save(PF_NO_CODETAG) style, around the tracking
// allocation; the predicate is current->flags & PF_NO_CODETAG, ungated. Interrupts borrow the
// interrupted task's current (the model has one task per CPU), so they see its flag.

import type { AllocInfo } from '../../../kernel/alloc_tag_pages.ts';
import { kernelStatic } from '../../../slab/stage_glue_pgtag.ts';
import { __GFP_HIGH } from '../include/linux/gfp_types.ts';
import { G } from '../mm/slab.ts';

/** One of the scarce PF_* bits (the model's task has only this one). */
export const PF_NO_CODETAG = 0x1;
/** current->flags of the task running on each CPU. */
const task_flags = kernelStatic(() => new Map<number, number>());
const current_flags = () => task_flags(G.k).get(G.k.cpu.id) ?? 0;

export const GUARD = 'PF_NO_CODETAG';
export const TRACKING_GFP = __GFP_HIGH;
/** Take the tracking page with alloc_pages_nolock() for nolock/NMI callers (spec §2.6, §4.4 M2). */
export const TRACKING_TRYLOCK = false;
export const TRACKING_ALLOC_FLAGS = 0;
/** memalloc_flags_save(PF_NO_CODETAG) */
export function tracking_enter(): number {
  const old = current_flags();
  task_flags(G.k).set(G.k.cpu.id, old | PF_NO_CODETAG);
  return old & PF_NO_CODETAG;
}
/** memalloc_flags_restore(saved) */
export function tracking_exit(saved: number): void {
  task_flags(G.k).set(G.k.cpu.id, (current_flags() & ~PF_NO_CODETAG) | saved);
}
export function is_tracking_allocation(_info: AllocInfo): boolean {
  return (current_flags() & PF_NO_CODETAG) !== 0;
}
