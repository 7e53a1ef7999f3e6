// Every contract of src/slab/contracts.ts catches the fault it exists for. For each contract id a
// deliberately broken stage — a real stage (the base, 00, and the last stage of the series) with one
// or two calls of its public API wrapped to inject one fault the kernel documentation forbids — runs
// a small scenario built here. The contract must be reported at the operation that shows the fault
// on the broken stage and not there on the real stage; and the real stage must report nothing at all
// for the scenario. A contract added to CONTRACTS without a seeded fault fails the suite.
import { describe, expect, it } from 'vitest';
import { CONTRACTS, contractViolations } from '../src/slab/contracts.ts';
import { slabDomain } from '../src/slab/domain.ts';
import type { SlabApi, StageDescriptor, StageInstance } from '../src/slab/stage_api.ts';
import type { SlabObservation } from '../src/slab/observation.ts';
import { runScenario } from '../src/harness/runner.ts';
import type { Kernel } from '../src/kernel/kernel.ts';
import { __GFP_DIRECT_RECLAIM, __GFP_KSWAPD_RECLAIM, __GFP_MEMALLOC, __GFP_NOFAIL, __GFP_NOWARN, __GFP_THISNODE } from '../src/kernel/gfp.ts';
import { STAGES } from '../src/series/rfc/stages.ts';

/** The base of the series, and its last stage (the series as posted). */
const BASES = [STAGES[0], STAGES[STAGES.length - 1]];

interface Seed {
  contract: string;
  /** The fault, in the words of the promise it breaks. */
  fault: string;
  /** Scenario body (config, caches, ops). */
  scenario: { config?: object; caches?: object[]; ops: object[] };
  /** Where the violation shows: an operation index or "end". */
  at: string;
  /** The API calls the broken stage replaces, given the real API, the kernel and the instance. */
  inject(api: SlabApi, k: Kernel, inst: StageInstance): Partial<SlabApi>;
}

/** The real stage with some of its API calls replaced by faulty ones (everything else is the real instance). */
function brokenStage(real: StageDescriptor, seed: Seed): StageDescriptor {
  return {
    ...real,
    slug: `${real.slug}+${seed.contract}`,
    boot(k: Kernel): StageInstance {
      const inst = real.boot(k);
      return { ...inst, api: { ...inst.api, ...seed.inject(inst.api, k, inst) } };
    },
  };
}

/** Two nodes short of pages: below the low watermark (kswapd), with a few pages above or below min. */
const lowMemory = (free: number, reclaimable: number) => [0, 1].map((node) => ({ op: 'set_watermarks', node, free, min: 8, low: 50, high: 60, reclaimable }));
/** A kmalloc larger than the biggest kmalloc cache (8k): it goes to the page allocator (order 2). */
const LARGE = 16384;

const SEEDS: Seed[] = [
  {
    contract: 'invariants',
    fault: 'kmalloc hands out an object that is already live (a corrupted freelist)',
    scenario: { ops: [{ op: 'kmalloc', size: 64, gfp: 'GFP_KERNEL', as: 'a' }, { op: 'kmalloc', size: 64, gfp: 'GFP_KERNEL', as: 'b' }] },
    at: 'end',
    inject(api) {
      let first = 0;
      return {
        kmalloc(size, gfp, c) {
          const p = api.kmalloc(size, gfp, c);
          if (!first) return (first = p);
          api.kfree(p);
          return first;
        },
      };
    },
  },
  {
    contract: 'zeroing.gfp-zero',
    fault: 'kzalloc leaves the last requested byte uncleared',
    scenario: { ops: [{ op: 'kzalloc', size: 40, gfp: 'GFP_KERNEL', as: 'a' }] },
    at: '0',
    inject: (api, k) => ({
      kzalloc(size, gfp) {
        const p = api.kzalloc(size, gfp);
        if (p) k.mem.memset(p + size - 1, 0xa5, 1);
        return p;
      },
    }),
  },
  {
    contract: 'zeroing.krealloc-growth',
    fault: 'krealloc with __GFP_ZERO leaves garbage in the last byte of the grown part',
    scenario: { ops: [{ op: 'kzalloc', size: 16, gfp: 'GFP_KERNEL', as: 'a' }, { op: 'krealloc', obj: 'a', size: 100, gfp: 'GFP_KERNEL|__GFP_ZERO', as: 'b' }] },
    at: '1',
    inject: (api, k) => ({
      krealloc(p, size, gfp) {
        const q = api.krealloc(p, size, gfp);
        if (q) k.mem.memset(q + size - 1, 0x5a, 1);
        return q;
      },
    }),
  },
  {
    contract: 'krealloc.contents',
    fault: 'krealloc allocates a new object and frees the old one without copying the contents',
    scenario: {
      ops: [
        { op: 'kmalloc', size: 16, gfp: 'GFP_KERNEL', as: 'a' },
        { op: 'write', obj: 'a', offset: 0, length: 16, value: 0x5a },
        { op: 'krealloc', obj: 'a', size: 64, gfp: 'GFP_KERNEL', as: 'b' },
      ],
    },
    at: '2',
    inject: (api) => ({
      krealloc(p, size, gfp) {
        const q = api.kmalloc(size, gfp);
        if (q) api.kfree(p);
        return q;
      },
    }),
  },
  {
    contract: 'zeroing.init-on-alloc',
    fault: 'with init_on_alloc=1, kmalloc initialises one byte short of the requested size',
    scenario: { config: { initOnAlloc: true }, ops: [{ op: 'kmalloc', size: 64, gfp: 'GFP_KERNEL', as: 'a' }] },
    at: '0',
    inject: (api, k) => ({
      kmalloc(size, gfp, c) {
        const p = api.kmalloc(size, gfp, c);
        if (p) k.mem.memset(p + size - 1, 0xa5, 1);
        return p;
      },
    }),
  },
  {
    contract: 'zeroing.init-on-free',
    fault: 'with init_on_free=1, a reused object still holds a byte its previous owner wrote',
    scenario: {
      config: { initOnFree: true },
      ops: [
        { op: 'kmalloc', size: 64, gfp: 'GFP_KERNEL', as: 'a' },
        { op: 'write', obj: 'a', offset: 0, length: 64, value: 0x77 },
        { op: 'kfree', obj: 'a' },
        { op: 'kmalloc', size: 64, gfp: 'GFP_KERNEL', as: 'b' },
      ],
    },
    at: '3',
    inject(api, k) {
      let calls = 0;
      return {
        kmalloc(size, gfp, c) {
          const p = api.kmalloc(size, gfp, c);
          if (p && ++calls === 2) k.mem.memset(p + size - 1, 0x77, 1);
          return p;
        },
      };
    },
  },
  {
    contract: 'placement.thisnode',
    fault: 'kmalloc_node with __GFP_THISNODE allocates on the next node',
    scenario: { ops: [{ op: 'kmalloc_node', size: 64, gfp: 'GFP_KERNEL|__GFP_THISNODE', node: 0, as: 'a' }] },
    at: '0',
    inject: (api, k) => ({
      kmalloc_node: (size, gfp, node, c) => api.kmalloc_node(size, gfp, gfp & __GFP_THISNODE && node >= 0 ? (node + 1) % k.nodes.length : node, c),
    }),
  },
  {
    contract: 'gfp.kswapd',
    fault: 'kmalloc passes __GFP_KSWAPD_RECLAIM down to the page allocator for a caller without it',
    scenario: { ops: [...lowMemory(40, 0), { op: 'kmalloc', size: LARGE, gfp: '__GFP_HIGH|__GFP_NOWARN', as: 'a' }] },
    at: '2',
    inject: (api) => ({ kmalloc: (size, gfp, c) => api.kmalloc(size, gfp | __GFP_KSWAPD_RECLAIM, c) }),
  },
  {
    contract: 'gfp.direct-reclaim',
    fault: 'kmalloc passes __GFP_DIRECT_RECLAIM down for a GFP_ATOMIC caller',
    scenario: { ops: [...lowMemory(2, 200), { op: 'kmalloc', size: LARGE, gfp: 'GFP_ATOMIC', as: 'a' }] },
    at: '2',
    inject: (api) => ({ kmalloc: (size, gfp, c) => api.kmalloc(size, gfp | __GFP_DIRECT_RECLAIM, c) }),
  },
  {
    contract: 'gfp.reserves',
    fault: 'kmalloc passes __GFP_MEMALLOC down, so a GFP_NOWAIT caller dips into the reserves',
    scenario: { ops: [...lowMemory(6, 0), { op: 'kmalloc', size: LARGE, gfp: 'GFP_NOWAIT', as: 'a' }] },
    at: '2',
    inject: (api) => ({ kmalloc: (size, gfp, c) => api.kmalloc(size, gfp | __GFP_MEMALLOC, c) }),
  },
  {
    contract: 'gfp.nowarn',
    fault: 'kmalloc drops __GFP_NOWARN, so a failing GFP_NOWAIT allocation is reported',
    scenario: {
      ops: [
        { op: 'fail_page_allocs', node: 0, count: 100 },
        { op: 'fail_page_allocs', node: 1, count: 100 },
        { op: 'kmalloc', size: LARGE, gfp: 'GFP_NOWAIT', as: 'a' },
      ],
    },
    at: '2',
    inject: (api) => ({ kmalloc: (size, gfp, c) => api.kmalloc(size, gfp & ~__GFP_NOWARN, c) }),
  },
  {
    contract: 'gfp.nofail',
    fault: 'kmalloc returns NULL for __GFP_NOFAIL',
    scenario: { ops: [{ op: 'kmalloc', size: 64, gfp: 'GFP_KERNEL|__GFP_NOFAIL', as: 'a' }] },
    at: '0',
    inject: (api) => ({ kmalloc: (size, gfp, c) => (gfp & __GFP_NOFAIL ? 0 : api.kmalloc(size, gfp, c)) }),
  },
  {
    contract: 'nolock.never-spins',
    fault: "kmalloc_nolock takes the zone lock with spin_lock_irqsave() before allocating",
    scenario: { ops: [{ op: 'kmalloc_nolock', size: 64, gfp: '0', as: 'a' }] },
    at: '0',
    inject: (api, k) => ({
      kmalloc_nolock(size, gfp, node) {
        const zl = k.nodes[k.numa_mem_id()].zoneLock;
        k.spin_lock_irqsave(zl);
        k.spin_unlock_irqrestore(zl);
        return api.kmalloc_nolock(size, gfp, node);
      },
    }),
  },
  {
    contract: 'bulk.all-or-nothing',
    fault: 'kmem_cache_alloc_bulk allocates one object at a time and, when one fails, returns failure keeping the others',
    scenario: {
      caches: [{ name: 'c', size: 1024 }],
      ops: [
        { op: 'kmem_cache_alloc', cache: 'c', gfp: 'GFP_KERNEL', as: 'x' },
        { op: 'fail_page_allocs', node: 0, count: 1000 },
        { op: 'fail_page_allocs', node: 1, count: 1000 },
        { op: 'kmem_cache_alloc_bulk', cache: 'c', gfp: 'GFP_NOWAIT', count: 200, as: 'b' },
      ],
    },
    at: '3',
    inject: (api) => ({
      kmem_cache_alloc_bulk(s, gfp, size, p) {
        for (let i = 0; i < size; i++) {
          const o = api.kmem_cache_alloc(s, gfp);
          if (!o) return false;
          p.push(o);
        }
        return true;
      },
    }),
  },
  {
    contract: 'accounting.balance',
    fault: 'kfree does nothing: the memcg charge and the allocation tag are never released',
    scenario: {
      config: { memcg: true, profiling: true },
      ops: [
        { op: 'kmalloc', size: 64, gfp: 'GFP_KERNEL_ACCOUNT', as: 'a' },
        { op: 'kfree', obj: 'a' },
      ],
    },
    at: 'end',
    inject: () => ({ kfree: () => {} }),
  },
];

function run(stage: StageDescriptor, seed: Seed): SlabObservation {
  const sc = slabDomain.parseScenario({ name: `seed-${seed.contract.replace(/[^a-z0-9]+/g, "-")}`, description: seed.fault, ...seed.scenario }, `seed-${seed.contract.replace(/[^a-z0-9]+/g, "-")}.json`, STAGES);
  return runScenario(slabDomain, stage, sc);
}

describe('seeded faults', () => {
  it('cover every contract in CONTRACTS, one seed each', () => {
    expect(SEEDS.map((s) => s.contract).sort()).toEqual(CONTRACTS.map((c) => c.id).sort());
  });

  describe.each(SEEDS.flatMap((s) => BASES.map((b) => [s.contract, b.slug, s, b] as const)))('%s at %s', (id, _slug, seed, real) => {
    it('nothing is reported on the real stage', () => {
      const obs = run(real, seed);
      expect(contractViolations(obs)).toEqual([]);
    });
    it(`is reported on a stage where ${seed.fault}`, () => {
      const clean = run(real, seed);
      // The scenario reaches the operation the fault is placed in, and the real stage keeps the promise there.
      if (seed.at !== 'end') expect(clean.ops.find((o) => o.index === seed.at)?.status).toBe('ran');
      expect(contractViolations(clean).filter((x) => x.contract === id && x.at === seed.at)).toEqual([]);
      const v = contractViolations(run(brokenStage(real, seed), seed));
      expect(
        v.filter((x) => x.contract === id).map((x) => x.at),
        JSON.stringify(v),
      ).toContain(seed.at);
    });
  });
});

describe('gfp.nofail: "a size the allocator supports"', () => {
  // baseline.md §2.16: kmem_cache_prefill_sheaf() returns NULL for size == 0, before it looks at
  // the gfp. A __GFP_NOFAIL prefill of 0 objects is not an allocation that failed (`explore
  // --around prefill-sheaf-lifecycle` once reported it on stage 00 as a broken promise).
  const sc = slabDomain.parseScenario(
    {
      name: 'nofail-prefill-of-nothing',
      description: 'a __GFP_NOFAIL prefill of 0 objects',
      caches: [{ name: 'obj', size: 64 }],
      ops: [{ op: 'kmem_cache_prefill_sheaf', cache: 'obj', gfp: 'GFP_KERNEL|__GFP_NOFAIL', size: 0, as: 's' }],
    },
    'nofail-prefill-of-nothing.json',
    STAGES,
  );
  for (const stage of BASES)
    it(`is kept by a prefill of 0 objects on ${stage.slug}: NULL by design, no violation`, () => {
      const obs = runScenario(slabDomain, stage, sc);
      expect(obs.ops[0].result?.kind).toBe('NULL');
      expect(contractViolations(obs).filter((v) => v.contract === 'gfp.nofail')).toEqual([]);
      // The same NULL counted as a failure would break the promise: the exemption is what keeps it.
      const asFailure = { ...obs, ops: [{ ...obs.ops[0], facts: { ...obs.ops[0].facts, refusedSize: false } }] };
      expect(contractViolations(asFailure).map((v) => v.contract)).toContain('gfp.nofail');
    });
});
