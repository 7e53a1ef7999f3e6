// WHAT IF — NOT PART OF THE RFC, NOT IN ANY TREE. Candidate recursion guard for the early-PFN pool
// (spec base-mm-unstable.md §4.4), used by src/candidates/common/overlay/lib/alloc_tag.ts.
// (M5) Per-CPU recursion state per interrupt nesting level (task, softirq, hardirq, NMI),
// selected from preempt_count like interrupt_context_level()/ftrace's trace_recursion bits: the
// tracking allocation sets its own level's bit; the predicate is the current level's bit.
// Variant: with the tracking gfp v2 of Hao Ge's patch chose for a blocking caller (GFP_KERNEL), to
// show why v3 stripped __GFP_DIRECT_RECLAIM: the recorder runs inside rcu_read_lock() (spec §2.6).

import type { AllocInfo } from '../../../kernel/alloc_tag_pages.ts';
import { kernelStatic } from '../../../slab/stage_glue_pgtag.ts';
import { GFP_KERNEL } from '../include/linux/gfp_types.ts';
import { G } from '../mm/slab.ts';

const LEVEL: Record<string, number> = { task: 0, softirq: 1, hardirq: 2, nmi: 3 };
/** interrupt_context_level() */
const interrupt_context_level = () => LEVEL[G.k.cpu.level];
/** DEFINE_PER_CPU(unsigned int, early_pfn_recursion): one bit per level */
const bits = kernelStatic(() => new Map<number, number>());
const this_cpu = () => bits(G.k).get(G.k.cpu.id) ?? 0;

export const GUARD = 'this_cpu(early_pfn_recursion) & BIT(interrupt_context_level())';
export const TRACKING_GFP = GFP_KERNEL;
/** Take the tracking page with alloc_pages_nolock() for nolock/NMI callers (spec §2.6, §4.4 M2). */
export const TRACKING_TRYLOCK = false;
export const TRACKING_ALLOC_FLAGS = 0;
export function tracking_enter(): number {
  const bit = 1 << interrupt_context_level();
  const old = this_cpu();
  bits(G.k).set(G.k.cpu.id, old | bit);
  return old & bit;
}
export function tracking_exit(saved: number): void {
  const bit = 1 << interrupt_context_level();
  bits(G.k).set(G.k.cpu.id, (this_cpu() & ~bit) | saved);
}
export function is_tracking_allocation(_info: AllocInfo): boolean {
  return (this_cpu() & (1 << interrupt_context_level())) !== 0;
}
