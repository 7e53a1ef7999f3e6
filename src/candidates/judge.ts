// The candidates' table: what one observation shows about the properties of spec
// base-mm-unstable.md §4.2, read off the early-PFN events of the simulated kernel.

import type { SlabObservation } from '../slab/observation.ts';

export interface CandidateCell {
  /** P1: the early path recursed until the simulated stack overflowed. */
  recursion: boolean;
  /** P2: task-context early pages freed with "alloc_tag was not set". */
  lostTask: number;
  /** P4: interrupt-context early pages freed with "alloc_tag was not set". */
  lostIrq: number;
  /** P3: tracking pages that warned when freed. */
  trackingWarn: number;
  /** pr_warn_once of the early path: the tracking allocation failed (allowed by P2) … */
  warned: string[];
  /** … or the record did not fit (a design's capacity: the spec counts it against P2, §4.4 M6). */
  capacity: string[];
  /** P5: sleeping in atomic context, deadlocks. */
  sleep: number;
  deadlock: number;
  /** Deepest early-path nesting on one CPU. */
  maxDepth: number;
}

const EARLY_WARN_SITES = new Set(['early_pfn_tracking', 'early_pfn_max', 'early_pfn_full']);

export function judgeCandidateRun(obs: SlabObservation): CandidateCell {
  const c: CandidateCell = { recursion: false, lostTask: 0, lostIrq: 0, trackingWarn: 0, warned: [], capacity: [], sleep: 0, deadlock: 0, maxDepth: 0 };
  for (const op of obs.ops) {
    // A deadlock hangs the CPU: what the model shows after it (guard state left set by the aborted
    // context, pages never freed) is not the kernel's behaviour, so it is not counted.
    if (c.deadlock) break;
    if (op.status === 'aborted' && /stack overflow/.test(op.reason ?? '')) c.recursion = true;
    for (const e of op.events) {
      if (e.kind === 'early_pfn') {
        if (e.op === 'overflow') c.recursion = true;
        if (e.op === 'nested' && e.depth !== undefined) c.maxDepth = Math.max(c.maxDepth, e.depth);
        if (e.op === 'not_set') {
          if (e.detail === 'tracking page') c.trackingWarn++;
          else if (e.detail === 'allocated in task') c.lostTask++;
          else c.lostIrq++;
        }
      } else if (e.kind === 'warn' && e.site === 'early_pfn_tracking') c.warned.push(e.msg);
      else if (e.kind === 'warn' && EARLY_WARN_SITES.has(e.site)) c.capacity.push(e.msg);
      else if (e.kind === 'sleep_in_atomic') c.sleep++;
      else if (e.kind === 'deadlock') c.deadlock++;
    }
  }
  if (c.maxDepth === 0 && obs.ops.some((o) => o.events.some((e) => e.kind === 'early_pfn' && e.op === 'record'))) c.maxDepth = 1;
  return c;
}

/** The table's columns. */
export const COLUMNS = [
  { id: 'recursion', title: 'infinite recursion (P1)', bad: (c: CandidateCell) => c.recursion, allowed: false },
  // P2 allows a lost record when a pr_warn_once said the tracking allocation failed; a record that
  // does not fit a bounded pool is counted against P2, as the spec does for M6a/M6c.
  { id: 'lost', title: 'lost early-PFN record (P2)', bad: (c: CandidateCell) => (c.lostTask > 0 || (c.capacity.length > 0 && c.lostIrq > 0)) && c.warned.length === 0, allowed: false },
  { id: 'irq', title: 'interrupt allocation not recorded (P4)', bad: (c: CandidateCell) => c.lostIrq > 0 && c.warned.length === 0 && c.capacity.length === 0, allowed: false },
  { id: 'warned', title: 'record lost after "tracking page allocation failed" (allowed by P2)', bad: (c: CandidateCell) => c.lostTask + c.lostIrq > 0 && c.warned.length > 0, allowed: true },
  { id: 'tracking', title: 'tracking page warns at free (P3)', bad: (c: CandidateCell) => c.trackingWarn > 0, allowed: false },
  { id: 'sleep', title: 'sleep in atomic (P5)', bad: (c: CandidateCell) => c.sleep > 0, allowed: false },
  { id: 'deadlock', title: 'deadlock (P5, NMI)', bad: (c: CandidateCell) => c.deadlock > 0, allowed: false },
] as const;
