// An object's memcg charge is made once: by its allocation (memcg_slab_post_alloc_hook()), or,
// when the allocation could not charge it (its slab has no obj_exts vector), by a later
// kmem_cache_charge() of it, which finds a charged object charged and does nothing more
// (mm/slub.c, kmem_cache_charge() -> memcg_slab_post_charge()). A step that makes the
// allocation's vector succeed moves the charge from kmem_cache_charge() to the allocation: one
// charge, earlier, not a gain plus a loss. Found by explore (RFC seed 7, neighbours) as
// '05 regressed event disappeared memcg charge @kmem_cache_charge'; the same move had been approved
// at 08 with the reason "moved to the allocation, not lost".
import { describe, expect, it } from 'vitest';
import { STAGES } from '../src/series/rfc/stages.ts';
import { runScenario } from '../src/harness/runner.ts';
import { compareObservations } from '../src/harness/compare.ts';
import { slabDomain } from '../src/slab/domain.ts';
import type { SlabObservation } from '../src/slab/observation.ts';

// RFC 05 makes a no-reclaim caller spinning (alloc_flags): its vector comes from kmalloc() instead
// of kmalloc_nolock(), which fails on PREEMPT_RT.
const scenario = {
  name: 'memcg-charge-moved',
  description: 'a no-reclaim SLAB_ACCOUNT allocation, then kmem_cache_charge() of it with GFP_KERNEL',
  config: { nodes: 2, cpus: 2, boot: 'running', memcg: true, profiling: false, profilingDebug: false, initOnAlloc: false, initOnFree: false, preemptRt: true, cmpxchg16b: false, kfence: { enabled: false } },
  caches: [{ name: 'c1', size: 16, flags: ['SLAB_ACCOUNT'], ctor: false }],
  ops: [
    { op: 'kmem_cache_alloc_node', cache: 'c1', gfp: '__GFP_HIGH|__GFP_NOWARN', as: 'h0', node: 1 },
    { op: 'kmem_cache_charge', obj: 'h0', gfp: 'GFP_KERNEL|__GFP_THISNODE' },
  ],
};

const charges = (o: SlabObservation, i: number) => o.ops[i].events.filter((e) => e.kind === 'memcg' && e.op === 'charge' && !e.nested).length;
const memcgDiffs = (a: SlabObservation, b: SlabObservation) =>
  compareObservations(slabDomain, a, b).differences.filter((x) => x.detail.diff === 'event' && x.detail.event.kind === 'memcg' && !x.detail.event.nested);

describe("an object's memcg charge that moves from kmem_cache_charge() to the allocation", () => {
  const sc = slabDomain.parseScenario(scenario, 'memcg-charge-moved.json', STAGES);
  const a = runScenario(slabDomain, STAGES[4], sc);
  const b = runScenario(slabDomain, STAGES[5], sc);

  it('is reached: at 04 kmem_cache_charge() charges the object, at 05 the allocation does', () => {
    const results = [{ kind: 'object' }, { kind: 'bool', value: true }];
    expect(a.ops.map((o) => o.result)).toEqual(results);
    expect(b.ops.map((o) => o.result)).toEqual(results);
    expect([charges(a, 0), charges(a, 1)]).toEqual([0, 1]);
    expect([charges(b, 0), charges(b, 1)]).toEqual([1, 0]);
    // One charge at both stages: the end balance is the same.
    expect(b.end.memcgCharged).toBe(a.end.memcgCharged);
  });

  it('is one charge that moved: observable, neutral, each side naming the other operation', () => {
    const d = memcgDiffs(a, b);
    expect(d.map((x) => [x.at, x.kind, x.effect, x.what])).toEqual([
      ['0', 'observable', 'neutral', 'memcg charge of h0 moved from [1]'],
      ['1', 'observable', 'neutral', 'memcg charge of h0 moved to [0]'],
    ]);
    expect(compareObservations(slabDomain, a, b).differences.some((x) => x.effect === 'regressed')).toBe(false);
  });

  it("is not paired with another object's charge: that is a charge lost and one gained", () => {
    // The same observation, but the allocation's object renamed: kmem_cache_charge() still charged h0.
    const b2: SlabObservation = { ...b, ops: b.ops.map((o, i) => (i === 0 ? { ...o, objects: o.objects.map((x) => ({ ...x, handle: 'h9' })) } : o)) };
    const d = memcgDiffs(a, b2);
    expect(d.map((x) => [x.at, x.effect, x.what])).toEqual([
      ['0', 'improved', 'memcg charge appeared'],
      ['1', 'regressed', 'memcg charge lost'],
    ]);
  });
});
