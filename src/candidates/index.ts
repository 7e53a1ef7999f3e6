// WHAT IF — NOT PART OF THE RFC. Candidate replacements for mm-unstable's __GFP_NO_CODETAG, the
// mechanisms of spec base-mm-unstable.md §4.4, each applied on top of RFC stage 15 rebased onto
// mm-unstable (its lib/alloc_tag.c conflict resolved by dropping RFC 15's hunk). They are kept apart
// from the posted series: their own folders, their own command (`slabseries candidates`).

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The overlays' TypeScript sources, also when this module runs compiled from dist/candidates/.
const HERE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'candidates');

export interface Candidate {
  id: string;
  /** The spec's mechanism name (M0 … M6c). */
  mechanism: string;
  title: string;
  /** Rebased stage it sits on: 15 (RFC 15 applied, the gfp bit gone) or 14 (RFC 15 dropped). */
  onStage: 14 | 15;
  /** Overlay folders applied in order (stage-relative files). */
  overlays: string[];
  /** Whether the gfp bit is free (P7) — a property of the mechanism, not of a run. */
  gfpBitFree: boolean;
  /** Other costs the spec names, for the table's notes. */
  notes: string;
}

const common = join(HERE, 'common', 'overlay');
const own = (id: string) => join(HERE, id, 'overlay');

export const CANDIDATES: readonly Candidate[] = [
  { id: 'm0-no-guard', mechanism: 'M0', title: 'dynamic list, no guard (`#define __GFP_NO_CODETAG 0`)', onStage: 15, overlays: [common, own('m0-no-guard')], gfpBitFree: true, notes: 'the naive repair of the build break' },
  { id: 'm1-gfp-bit', mechanism: 'M1', title: 'per-call gfp bit `__GFP_NO_CODETAG` (mm-unstable as is; RFC 15 dropped)', onStage: 14, overlays: [], gfpBitFree: false, notes: 'spends the __GFP_NO_OBJ_EXT bit; E9 alias with slab at stages 00-12' },
  { id: 'm2-alloc-flag', mechanism: 'M2', title: 'page-allocator internal `ALLOC_NO_CODETAG`, carried through the slowpath', onStage: 15, overlays: [common, own('m2-alloc-flag')], gfpBitFree: true, notes: 'post_alloc_hook() needs alloc_flags at all 4 call sites; an mm-internal entry point for lib/' },
  { id: 'm2t-alloc-flag-trylock', mechanism: 'M2 + ALLOC_TRYLOCK', title: '`ALLOC_NO_CODETAG`, and the tracking page of a nolock/NMI caller taken with the trylock-only allocator', onStage: 15, overlays: [common, own('m2t-alloc-flag-trylock')], gfpBitFree: true, notes: 'M2\'s plumbing, plus ALLOC_TRYLOCK for nolock callers' },
  { id: 'm2s-alloc-flag-lost-in-slowpath', mechanism: 'M2 (slowpath forgets it)', title: '`ALLOC_NO_CODETAG` not carried through the slowpath', onStage: 15, overlays: [common, own('m2s-alloc-flag-lost-in-slowpath')], gfpBitFree: true, notes: 'the failure mode of forgotten plumbing' },
  { id: 'm3a-task-flag', mechanism: 'M3a', title: 'scoped per-task flag `PF_NO_CODETAG`, ungated', onStage: 15, overlays: [common, own('m3a-task-flag')], gfpBitFree: true, notes: 'spends a PF_* bit' },
  { id: 'm3b-task-flag-in-task', mechanism: 'M3b', title: 'per-task flag honoured only `in_task()`', onStage: 15, overlays: [common, own('m3b-task-flag-in-task')], gfpBitFree: true, notes: 'spends a PF_* bit' },
  { id: 'm4-percpu-counter', mechanism: 'M4', title: 'one per-CPU recursion counter (or flag)', onStage: 15, overlays: [common, own('m4-percpu-counter')], gfpBitFree: true, notes: 'needs preemption/migration disabled in the region (E7, not modelled)' },
  { id: 'm4g-global-flag', mechanism: 'M4g', title: 'one global "refill in progress" flag', onStage: 15, overlays: [common, own('m4g-global-flag')], gfpBitFree: true, notes: 'also drops records of other CPUs during a refill (E5)' },
  { id: 'm5-percpu-per-level', mechanism: 'M5', title: 'per-CPU recursion bit per interrupt nesting level (`interrupt_context_level()`)', onStage: 15, overlays: [common, own('m5-percpu-per-level')], gfpBitFree: true, notes: 'entry/exit transition windows; per-task storage (ftrace style) avoids E7' },
  { id: 'm5t-per-level-trylock', mechanism: 'M5 + ALLOC_TRYLOCK', title: 'per-level bit, and the tracking page of a nolock/NMI caller taken with the trylock-only allocator', onStage: 15, overlays: [common, own('m5t-per-level-trylock')], gfpBitFree: true, notes: 'M5\'s residual risks; a failed trylock drops the record with a pr_warn_once' },
  { id: 'm5b-per-level-blocking-gfp', mechanism: 'M5, v2 gfp', title: 'per-level bit with v2\'s blocking tracking gfp (GFP_KERNEL)', onStage: 15, overlays: [common, own('m5b-per-level-blocking-gfp')], gfpBitFree: true, notes: 'why v3 stripped __GFP_DIRECT_RECLAIM' },
  { id: 'm6a-static-array', mechanism: 'M6a (M6b)', title: 'pre-allocated static array (for-next design; M6b = boot-sized)', onStage: 15, overlays: [common, own('m6a-static-array')], gfpBitFree: true, notes: 'bounded capacity: the reason the dynamic list exists' },
  { id: 'm6c-allocate-ahead', mechanism: 'M6c', title: 'allocate ahead with headroom H=2, no marker', onStage: 15, overlays: [common, own('m6c-allocate-ahead')], gfpBitFree: true, notes: 'drops records when more than H arrive during a refill' },
];

export function candidateById(id: string): Candidate | undefined {
  return CANDIDATES.find((c) => c.id === id || c.mechanism.split(' ')[0].toLowerCase() === id.toLowerCase());
}
