// The promises of the public slab API, checked on one observation at every stage (absolute; the
// step-to-step judgement of the same promises is in judge.ts). Each contract cites where the
// kernel documents it; its id names it in reports and tests.

import { __GFP_DIRECT_RECLAIM, __GFP_KSWAPD_RECLAIM, __GFP_MEMALLOC, __GFP_NOFAIL, __GFP_NOWARN, __GFP_RECLAIM } from '../kernel/gfp.ts';
import { formatEvent } from '../kernel/events.ts';
import type { ContractViolation } from '../harness/domain.ts';
import type { SlabObservation, SlabOp } from './observation.ts';

export interface Contract {
  id: string;
  /** Where the kernel promises it. */
  source: string;
  promise: string;
  check(obs: SlabObservation, out: (at: string, message: string) => void): void;
}

const allocating = (op: SlabOp) => op.status === 'ran' && op.objects.length > 0;
const gfpHas = (op: SlabOp, bit: number) => op.facts.gfp !== undefined && (op.facts.gfp & bit) !== 0;
const gfpLacks = (op: SlabOp, bit: number) => op.facts.gfp !== undefined && (op.facts.gfp & bit) === 0;

function bytePromise(id: string, promise: string, source: string, text: string): Contract {
  return {
    id,
    source,
    promise: text,
    check(obs, out) {
      // Indexed loops: several byte promises walk every object of every observation, and in the
      // interpreter a cold check runs in (src/cli/jit.ts) each for...of step allocates.
      for (let i = 0; i < obs.ops.length; i++) {
        const op = obs.ops[i];
        for (let j = 0; j < op.objects.length; j++) {
          const ob = op.objects[j];
          const promises = ob.promises;
          if (!promises) continue;
          for (let k = 0; k < promises.length; k++) {
            const p = promises[k];
            if (p.promise === promise && !p.kept) out(op.index, `${op.op}: ${ob.handle} ${promise} not kept on bytes [${p.range.from}, ${p.range.to})${p.expectDigest ? ` (#${p.range.digest}, was #${p.expectDigest})` : ''}`);
          }
        }
      }
    },
  };
}

export const CONTRACTS: readonly Contract[] = [
  {
    id: 'invariants',
    source: 'mm/slub.c (validate_slab(), list and counter consistency); bulk allocation and handle bookkeeping',
    promise: "the allocator's lists and counters are consistent; no live object is handed out twice; bulk allocation returns exactly the requested number of distinct objects",
    check(obs, out) {
      for (const v of obs.end.invariants) out('end', v);
    },
  },
  {
    id: 'zeroing.gfp-zero',
    source: 'include/linux/slab.h kzalloc()/kcalloc()/kmem_cache_zalloc() kernel-doc; gfp_types.h __GFP_ZERO',
    promise: '__GFP_ZERO (kzalloc, kcalloc, kmem_cache_zalloc, kvzalloc, bulk and sheaf allocations) returns the requested bytes zeroed',
    check(obs, out) {
      for (const op of obs.ops) if (op.facts.wantZero) for (const ob of op.objects) if (ob.bytes && !ob.bytes.zero) out(op.index, `${op.op}: ${ob.handle} not zeroed under __GFP_ZERO`);
    },
  },
  bytePromise('zeroing.krealloc-growth', 'krealloc __GFP_ZERO growth', 'include/linux/slab.h / mm/slub.c krealloc() kernel-doc', 'krealloc() with __GFP_ZERO (every allocation of the memory flagged so) zeroes the bytes between the old and the new size'),
  bytePromise('krealloc.contents', 'krealloc keeps contents', 'mm/slub.c krealloc() kernel-doc: "The contents will remain unchanged"', 'krealloc() keeps the contents up to the smaller of the old and the new size'),
  bytePromise('zeroing.init-on-alloc', 'init_on_alloc', 'Documentation/admin-guide/kernel-parameters.txt init_on_alloc; mm/slab.h slab_want_init_on_alloc()', 'with init_on_alloc=1, newly allocated heap memory (caches without ctor, TYPESAFE_BY_RCU or poisoning) is zeroed'),
  bytePromise('zeroing.init-on-free', 'init_on_free', 'Documentation/admin-guide/kernel-parameters.txt init_on_free; mm/slab.h slab_want_init_on_free()', 'with init_on_free=1, freed pages and heap objects are zeroed, so allocations hand out zeroed memory'),
  {
    id: 'placement.thisnode',
    source: 'include/linux/gfp_types.h __GFP_THISNODE: "forces the allocation to be satisfied from the requested node with no fallbacks"',
    promise: 'an allocation with __GFP_THISNODE and a node either fails or returns memory on that node',
    check(obs, out) {
      for (const op of obs.ops) {
        const want = op.facts.thisNode;
        if (want === undefined || !allocating(op)) continue;
        for (const ob of op.objects) if (ob.node !== undefined && ob.node !== want && ob.kind !== 'kfence') out(op.index, `${op.op}: ${ob.handle} on node ${ob.node}, not node ${want} (__GFP_THISNODE)`);
      }
    },
  },
  {
    id: 'gfp.kswapd',
    source: 'include/linux/gfp_types.h __GFP_KSWAPD_RECLAIM; Documentation/core-api/memory-allocation.rst',
    promise: 'kswapd is woken only for a caller whose gfp has __GFP_KSWAPD_RECLAIM',
    check(obs, out) {
      for (const op of obs.ops) if (gfpLacks(op, __GFP_KSWAPD_RECLAIM)) for (const e of op.events) if (e.kind === 'kswapd_wake') out(op.index, `${op.op}: ${formatEvent(e)} without __GFP_KSWAPD_RECLAIM`);
    },
  },
  {
    id: 'gfp.direct-reclaim',
    source: 'include/linux/gfp_types.h __GFP_DIRECT_RECLAIM; Documentation/core-api/memory-allocation.rst (GFP_NOWAIT, GFP_ATOMIC never sleep)',
    promise: 'direct reclaim happens only for a caller whose gfp has __GFP_DIRECT_RECLAIM',
    check(obs, out) {
      for (const op of obs.ops) if (gfpLacks(op, __GFP_DIRECT_RECLAIM)) for (const e of op.events) if (e.kind === 'direct_reclaim') out(op.index, `${op.op}: ${formatEvent(e)} without __GFP_DIRECT_RECLAIM`);
    },
  },
  {
    id: 'gfp.reserves',
    source: 'include/linux/gfp_types.h __GFP_MEMALLOC: "allows access to all memory"; without it the min watermark holds',
    promise: 'memory below the min watermark (pfmemalloc) is used only with __GFP_MEMALLOC',
    check(obs, out) {
      for (const op of obs.ops) if (gfpLacks(op, __GFP_MEMALLOC)) for (const e of op.events) if (e.kind === 'page_alloc' && e.ok && e.pfmemalloc) out(op.index, `${op.op}: ${formatEvent(e)} without __GFP_MEMALLOC`);
    },
  },
  {
    id: 'gfp.nowarn',
    source: 'include/linux/gfp_types.h __GFP_NOWARN: "suppresses allocation failure reports"; mm/slub.c slab_out_of_memory()',
    promise: 'a caller with __GFP_NOWARN gets no allocation failure report for its own allocation',
    check(obs, out) {
      for (const op of obs.ops) {
        if (!gfpHas(op, __GFP_NOWARN)) continue;
        for (const e of op.events) {
          if (e.nested) continue;
          if (e.kind === 'oom' || (e.kind === 'warn' && e.site === 'warn_alloc')) out(op.index, `${op.op}: ${formatEvent(e)} under __GFP_NOWARN`);
        }
      }
    },
  },
  {
    id: 'gfp.nofail',
    source: 'include/linux/gfp_types.h __GFP_NOFAIL: "the allocation could block indefinitely but will never return with failure"',
    promise: 'an allocation with __GFP_NOFAIL (and a size the allocator supports) never returns NULL (kmem_cache_alloc_from_sheaf() excepted: it promises only the prefilled count)',
    check(obs, out) {
      // kmem_cache_alloc_from_sheaf() is exempt: its gfp "is meant only to specify __GFP_ZERO or
      // __GFP_ACCOUNT", and it is "guaranteed not to fail as many allocations as was the requested
      // size. After the sheaf is emptied, it fails - no fallback to the slab cache itself"
      // (mm/slub.c kernel-doc).
      // A size the API refuses by design (kmem_cache_prefill_sheaf() of 0 objects returns NULL
      // whatever the gfp) is not "a size the allocator supports".
      for (const op of obs.ops) if (gfpHas(op, __GFP_NOFAIL) && op.op !== 'kmalloc_nolock' && op.op !== 'kmem_cache_alloc_from_sheaf' && !op.facts.refusedSize && op.status === 'ran' && op.result?.kind === 'NULL') out(op.index, `${op.op}: NULL under __GFP_NOFAIL`);
    },
  },
  {
    id: 'nolock.never-spins',
    source: 'mm/slub.c kmalloc_nolock() kernel-doc: "can be called from any context … does not spin on locks"',
    promise: 'kmalloc_nolock() never spins, sleeps, reclaims or deadlocks (given the gfp it allows)',
    check(obs, out) {
      for (const op of obs.ops) {
        // A caller passing reclaim bits already gets a VM_WARN.
        if (op.op !== 'kmalloc_nolock' || gfpHas(op, __GFP_RECLAIM)) continue;
        for (const e of op.events) {
          // irq_work's deferred frees after the call (kfree_nolock()'s defer_free()) are not the call's.
          if (e.afterOp) continue;
          const bad = (e.kind === 'lock' && ((e.mode === 'spin' && !e.lock.startsWith('mems_allowed_seq')) || e.mode === 'local_lock')) || e.kind === 'deadlock' || e.kind === 'sleep_in_atomic' || e.kind === 'direct_reclaim';
          if (bad) out(op.index, `kmalloc_nolock: ${formatEvent(e)}`);
        }
        if (op.status === 'aborted') out(op.index, `kmalloc_nolock aborted: ${op.reason}`);
      }
    },
  },
  {
    id: 'bulk.all-or-nothing',
    source: 'mm/slub.c kmem_cache_alloc_bulk() kernel-doc: returns the number allocated, or 0 and frees what it had',
    promise: 'a failed bulk allocation hands out no objects',
    check(obs, out) {
      for (const op of obs.ops) if (op.op === 'kmem_cache_alloc_bulk' && op.result?.kind === 'bool' && !op.result.value && op.objects.some((o) => o.kind !== 'NULL')) out(op.index, `kmem_cache_alloc_bulk failed but handed out ${op.objects.length} object(s)`);
    },
  },
  {
    id: 'accounting.balance',
    source: 'mm/memcontrol.c obj_cgroup charge/uncharge; lib/alloc_tag.c alloc_tag_add/sub',
    promise: 'with every object freed and every prefilled sheaf returned, memcg charges and the callers\' allocation tags are back to zero',
    check(obs, out) {
      // A sheaf the caller still holds is memory it still has: an oversize sheaf
      // (kmem_cache_prefill_sheaf() with size > sheaf_capacity) is kzalloc()ed with the caller's own
      // gfp, __GFP_ACCOUNT included (only alloc_empty_sheaf() clears OBJCGS_CLEAR_MASK), so it stays
      // charged until kmem_cache_return_sheaf() frees it.
      if (obs.end.outstanding.length !== 0 || obs.end.heldSheaves.length !== 0) return;
      if (obs.end.memcgCharged !== 0) out('end', `memcg still charged ${obs.end.memcgCharged} bytes with no object outstanding`);
      for (const [site, t] of Object.entries(obs.end.tags)) if (!site.startsWith('mm/')) out('end', `allocation tag ${site} still at ${t.calls} calls / ${t.bytes} bytes with no object outstanding`);
    },
  },
];

export function contractViolations(obs: SlabObservation): ContractViolation[] {
  const out: ContractViolation[] = [];
  for (const c of CONTRACTS) c.check(obs, (at, message) => out.push({ contract: c.id, at, message: at === 'end' ? message : `[${at}] ${message}` }));
  return out;
}
