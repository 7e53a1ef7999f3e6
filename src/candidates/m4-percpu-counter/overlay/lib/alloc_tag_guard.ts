// WHAT IF — NOT PART OF THE RFC, NOT IN ANY TREE. Candidate recursion guard for the early-PFN pool
// (spec base-mm-unstable.md §4.4), used by src/candidates/common/overlay/lib/alloc_tag.ts.
// (M4) One per-CPU recursion counter (bpf_prog_active style): this_cpu_inc() before the tracking
// allocation, this_cpu_dec() after; the predicate is the counter being nonzero. (A plain per-CPU
// flag behaves the same.) The model has no preemption or migration inside the region (E7).

import type { AllocInfo } from '../../../kernel/alloc_tag_pages.ts';
import { kernelStatic } from '../../../slab/stage_glue_pgtag.ts';
import { __GFP_HIGH } from '../include/linux/gfp_types.ts';
import { G } from '../mm/slab.ts';

/** DEFINE_PER_CPU(int, early_pfn_recursion) */
const early_pfn_recursion = kernelStatic(() => new Map<number, number>());
const this_cpu = () => early_pfn_recursion(G.k).get(G.k.cpu.id) ?? 0;

export const GUARD = 'this_cpu(early_pfn_recursion)';
export const TRACKING_GFP = __GFP_HIGH;
/** Take the tracking page with alloc_pages_nolock() for nolock/NMI callers (spec §2.6, §4.4 M2). */
export const TRACKING_TRYLOCK = false;
export const TRACKING_ALLOC_FLAGS = 0;
export function tracking_enter(): number {
  early_pfn_recursion(G.k).set(G.k.cpu.id, this_cpu() + 1);
  return 0;
}
export function tracking_exit(_saved: number): void {
  early_pfn_recursion(G.k).set(G.k.cpu.id, this_cpu() - 1);
}
export function is_tracking_allocation(_info: AllocInfo): boolean {
  return this_cpu() !== 0;
}
