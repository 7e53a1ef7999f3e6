// Contract properties that must hold at every stage, checked on one observation (absolute, no
// comparison): the allocator's invariants, plus what a caller may rely on.

import type { Observation } from './observation.ts';

export function contractViolations(obs: Observation): string[] {
  const out = [...obs.end.invariants];
  for (const op of obs.ops) {
    // __GFP_ZERO (kzalloc, kmem_cache_zalloc, kcalloc) means the requested bytes are zero.
    if (op.wantZero) for (const ob of op.objects ?? []) if (ob.bytes && !ob.bytes.zero) out.push(`[${op.index}] ${op.op}: ${ob.handle} not zeroed under __GFP_ZERO`);
    // kmalloc_nolock() never spins, never sleeps and never deadlocks (given the gfp it allows:
    // a caller passing reclaim bits already gets a VM_WARN).
    if (op.op === 'kmalloc_nolock' && !((op.gfp ?? 0) & 0xc00)) {
      for (const e of op.events) if (/^(lock spin (?!mems_allowed_seq)|lock local_lock|DEADLOCK|SLEEP-IN-ATOMIC|direct reclaim)/.test(e)) out.push(`[${op.index}] kmalloc_nolock: ${e}`);
      if (op.result === 'aborted') out.push(`[${op.index}] kmalloc_nolock aborted: ${op.reason}`);
    }
  }
  // With every object freed, memcg charges and the callers' allocation tags are back to zero.
  if (obs.end.outstanding.length === 0) {
    if (obs.end.memcgCharged !== 0) out.push(`memcg still charged ${obs.end.memcgCharged} bytes with no object outstanding`);
    for (const [site, t] of Object.entries(obs.end.tags)) if (!site.startsWith('mm/')) out.push(`allocation tag ${site} still at ${t.calls} calls / ${t.bytes} bytes with no object outstanding`);
  }
  return out;
}
