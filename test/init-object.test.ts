// init_object() as mm/slub.c (base tree, read_file 1262184182) writes it: the kmalloc tail
// [orig_size, object_size) is red-zoned with SLUB_RED_ACTIVE (0xcc) only under SLAB_RED_ZONE;
// with SLAB_STORE_USER alone orig_size is stored and nothing is written there. The model used to
// red-zone it with 'U' alone, which explore (seed 53) showed as a false baseline violation of
// init_on_free: a sheaf kzalloc(264)'d from kmalloc-512 and freed (zeroed up to orig_size, as
// slab_free_hook() does) handed a later kmalloc_nolock(500) its 0xcc tail.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/harness/runner.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { rfc } from '../src/series/rfc/index.ts';
import { v3 } from '../src/series/v3/index.ts';

const tail = (flags: string[]) => {
  const sc = slabDomain.parseScenario(
    {
      name: 'init-object-tail',
      description: 'kmalloc(264) from kmalloc-512 under slub_debug',
      config: { nodes: 1, boot: 'running', kfence: { enabled: false }, slubDebug: { flags, caches: ['kmalloc-512'] } },
      caches: [],
      ops: [{ op: 'kmalloc', size: 264, gfp: 'GFP_KERNEL', as: 'h0' }],
    },
    'init-object-tail.json',
    rfc.stages,
  );
  // The bytes themselves: the machine's handle and memory (test-only access).
  const m = slabDomain.boot(rfc.stages[0], sc, { record: true }) as unknown as { k: { mem: { view(p: number, n: number): Uint8Array } }; objs: Map<string, { ptr: number }> };
  for (const [i, op] of sc.ops.entries()) slabDomain.execute(m as never, op, String(i));
  return [...m.k.mem.view(m.objs.get('h0')!.ptr + 264, 512 - 264)];
};

describe('init_object(): the kmalloc tail', () => {
  it('is red-zoned (0xcc) with SLAB_RED_ZONE and SLAB_STORE_USER', () => {
    expect(tail(['Z', 'U']).every((b) => b === 0xcc)).toBe(true);
  });
  it('is not written with SLAB_STORE_USER alone', () => {
    expect(tail(['U']).some((b) => b !== 0xcc)).toBe(true);
  });
});

describe('init_on_free with SLAB_STORE_USER alone (explore, seed 53, shrunk)', () => {
  const SC = {
    name: 'init-on-free-store-user-tail',
    description: 'explore (seed 53), shrunk',
    config: { nodes: 1, boot: 'early', memcg: false, profiling: true, profilingDebug: false, initOnAlloc: false, initOnFree: true, preemptRt: false, cmpxchg16b: true, kfence: { enabled: false }, slubDebug: { flags: ['U'], caches: ['kmalloc-*'] }, cpus: 2 },
    caches: [],
    ops: [
      { op: 'kmem_cache_prefill_sheaf', cache: 'kmalloc-64', gfp: 'GFP_KERNEL|__GFP_THISNODE', size: 29, as: 'h0' },
      { op: 'kmem_cache_alloc_from_sheaf', cache: 'kmalloc-64', gfp: 'GFP_KERNEL|__GFP_THISNODE', sheaf: 'h0', as: 'h1' },
      { op: 'kmem_cache_alloc_from_sheaf', cache: 'kmalloc-64', gfp: 'GFP_KERNEL|__GFP_THISNODE', sheaf: 'h0', as: 'h2' },
      { op: 'kmem_cache_return_sheaf', cache: 'kmalloc-64', gfp: 'GFP_KERNEL|__GFP_THISNODE', sheaf: 'h0' },
      { op: 'kmem_cache_free', cache: 'kmalloc-64', obj: 'h1', inject: [{ at: 'pcs_locked', context: 'softirq', ops: [{ op: 'kmalloc_nolock', size: 500, gfp: '__GFP_NO_OBJ_EXT' }] }] },
    ],
  };
  it.each([
    ['rfc', rfc.stages[0]],
    ['v3', v3.stages[0]],
  ] as const)('hands the reused object out zeroed at the %s base (no init_on_free violation)', (series, stage) => {
    const sc = slabDomain.parseScenario(SC, 'init-on-free-store-user-tail.json', series === 'rfc' ? rfc.stages : v3.stages);
    const obs = runScenario(slabDomain, stage, sc);
    const injected = obs.ops.find((o) => o.index === '4/inject0/0')!;
    expect(injected.objects[0].bytes?.zero).toBe(true);
    expect(slabDomain.contracts(obs).map((v) => v.message)).toEqual([]);
  });
});
