// __slab_free() and memcg_alloc_abort_single() as the base tree has them (mm/slub.c, read_file
// 1262184182):
// * __slab_free() of a non-debug cache gives the object back with a cmpxchg on the slab's freelist
//   and takes n->list_lock only `if (!new.inuse || was_full)`: when the slab becomes empty or was
//   full ("Might need to be taken off ... or added to ... the partial list");
// * memcg_alloc_abort_single() ends in `__slab_free(s, slab, object, object, 1, _RET_IP_)`, never in
//   the per-CPU sheaves.
// The model took n->list_lock on every slab free and sent a failed charge's object to the sheaves: a
// modelling bug found through explore (seed 7), fixed in every stage of both series.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/harness/runner.ts';
import { formatEvent } from '../src/kernel/events.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { rfc } from '../src/series/rfc/index.ts';
import { v3 } from '../src/series/v3/index.ts';

/** Two objects of a fresh slab on node 1, freed from CPU 0 (node 0): remote, so __slab_free(). */
const REMOTE_FREES = {
  name: 'remote-frees',
  description: 'two objects of one slab on the other node, freed one after the other',
  config: { nodes: 2, boot: 'running', memcg: false, profiling: false, kfence: { enabled: false } },
  caches: [{ name: 'c', size: 64 }],
  ops: [
    { op: 'kmem_cache_alloc_node', cache: 'c', gfp: 'GFP_KERNEL', node: 1, as: 'a' },
    { op: 'kmem_cache_alloc_node', cache: 'c', gfp: 'GFP_KERNEL', node: 1, as: 'b' },
    { op: 'kmem_cache_free', cache: 'c', obj: 'a' },
    { op: 'kmem_cache_free', cache: 'c', obj: 'b' },
  ],
};

/** A kmalloc-cg-8 slab with objects out (the sheaf refill), then a kmalloc_nolock() charge refused. */
const CHARGE_REFUSED = {
  name: 'charge-refused',
  description: 'kmalloc_nolock(__GFP_ACCOUNT) at a zero memcg limit, its slab neither full nor emptied by the free',
  config: { nodes: 1, boot: 'running', memcg: true, profiling: false, kfence: { enabled: false } },
  caches: [],
  ops: [
    { op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL_ACCOUNT', as: 'keep' },
    { op: 'set_memcg_limit', bytes: 0 },
    { op: 'kmalloc_nolock', size: 8, gfp: '__GFP_ACCOUNT', node: -1, as: 'x' },
  ],
};

for (const series of [rfc, v3]) {
  describe(`slab frees of the ${series.name} stages`, () => {
    for (const n of [0, series.stages.length - 1]) {
      const run = (doc: Record<string, unknown>) => runScenario(slabDomain, series.stages[n], slabDomain.parseScenario(doc, `${String(doc.name)}.json`, series.stages));
      it(`stage ${n}: a free that neither empties nor refills the slab takes no n->list_lock; the one that empties it does`, () => {
        const obs = run(REMOTE_FREES);
        const events = (i: string) => obs.ops.find((o) => o.index === i)!.events.map(formatEvent);
        expect(obs.ops.find((o) => o.index === '2')!.result).toEqual({ kind: 'ok' });
        expect(events('2').filter((e) => e.includes('list_lock'))).toEqual([]);
        expect(events('3')).toContain('lock spin n->list_lock(c)/node1 ok @cpu0/task');
      });
      it(`stage ${n}: a refused charge gives the object straight back to its slab (no per-CPU sheaf, no lock)`, () => {
        const obs = run(CHARGE_REFUSED);
        const events = obs.ops.find((o) => o.index === '2')!.events.map(formatEvent);
        const refused = events.findIndex((e) => /memcg charge_fail \d+ kmalloc-cg-8/.test(e));
        expect(refused).toBeGreaterThanOrEqual(0);
        expect(events.slice(refused + 1).filter((e) => e.startsWith('lock'))).toEqual([]);
      });
    }
  });
}
