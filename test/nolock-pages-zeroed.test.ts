// The trylock-only page allocator zeroes its pages: alloc_frozen_pages_nolock_noprof() allocates
// with __GFP_NOWARN | __GFP_ZERO | __GFP_NOMEMALLOC | __GFP_COMP | gfp_flags ("zeroing the page is
// mandatory for BPF use cases"), whatever the caller passes, so a slab page that
// alloc_slab_page() takes from it for a caller that cannot spin is zero too. The shared kernel gave
// those pages the seeded garbage of a normal page without init_on_alloc, so an object of such a
// slab showed "stale" bytes past its requested size that the kernel would have zeroed (two shipped
// scenarios showed a krealloc() growth contract only because of it): a modelling bug, fixed in the
// shared kernel (Kernel.__alloc_frozen_pages_nolock), which every stage of both series uses.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/harness/runner.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { rfc } from '../src/series/rfc/index.ts';
import { v3 } from '../src/series/v3/index.ts';

const NAME = 'nolock-pages-zeroed';
const scenario = {
  name: NAME,
  description: 'kmalloc_nolock(3000) makes a new kmalloc-4k slab from the nolock page allocator; kmalloc(1500) makes a new kmalloc-2k one from the normal page allocator',
  // init_on_alloc and init_on_free off: only the page allocator's own zeroing can make bytes zero.
  config: { nodes: 1, boot: 'running', initOnAlloc: false, initOnFree: false, kfence: { enabled: false } },
  caches: [],
  ops: [
    { op: 'kmalloc_nolock', size: 3000, gfp: '0', as: 'a' },
    { op: 'kmalloc', size: 1500, gfp: 'GFP_KERNEL', as: 'b' },
  ],
};

describe('a slab page from the nolock page allocator', () => {
  for (const [series, stages] of [['rfc', rfc.stages], ['v3', v3.stages]] as const)
    for (const n of [0, 15]) {
      it(`is zero, where a normal page without init_on_alloc is not (${series} stage ${n})`, () => {
        const obs = runScenario(slabDomain, stages[n], slabDomain.parseScenario(scenario, `${NAME}.json`, stages));
        const op = (i: string) => obs.ops.find((x) => x.index === i)!;
        const [a, b] = [op('0'), op('1')];
        // Each object is the first of a new slab, from the allocator the op's path names.
        expect(a.events.some((e) => e.kind === 'page_alloc' && e.nolock && e.ok)).toBe(true);
        expect(b.events.some((e) => e.kind === 'page_alloc' && !e.nolock && e.ok)).toBe(true);
        expect(a.objects[0]).toMatchObject({ kind: 'slab', cache: 'kmalloc-4k', bytes: { requested: 3000, zero: true, tail: { zero: true } } });
        expect(b.objects[0]).toMatchObject({ kind: 'slab', cache: 'kmalloc-2k', bytes: { requested: 1500, zero: false } });
      });
    }
});
