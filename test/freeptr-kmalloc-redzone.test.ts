// calculate_sizes() (mm/slub.c of the series' base, read_file 1262184182) moves the free pointer
// after the object "if we do RCU, have a constructor, are poisoning the objects, or are redzoning an
// object smaller than sizeof(void *) or are redzoning an object with slub_debug_orig_size() enabled,
// in which case the right redzone may be extended". The stages left out the last two cases, so on a
// kmalloc cache with slub_debug=FZU the free pointer sat mid-object, inside the kmalloc Redzone
// [orig_size, object_size): a kmalloc_nolock(24) that reused a freed kmalloc-64 slot was reported on
// kfree() as "kmalloc Redzone overwritten". explore (v3, seed 867) showed it at v3 07, where the
// allocation first succeeds; a modelling bug of every stage of both series.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/harness/runner.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { STAGES } from '../src/series/rfc/stages.ts';
import { STAGES as STAGES_V3 } from '../src/series/v3/stages.ts';

const scenario = {
  name: 'freeptr-kmalloc-redzone',
  description: 'a freed kmalloc-64 slot reused by kmalloc_nolock(24) with slub_debug=FZU, then freed',
  config: {
    nodes: 2, cpus: 2, boot: 'running', memcg: false, profiling: false, initOnAlloc: false, initOnFree: true, preemptRt: false, cmpxchg16b: true, kfence: { enabled: false },
    slubDebug: { flags: ['F', 'Z', 'U'], caches: ['kmalloc-*'] },
  },
  ops: [
    { op: 'kmalloc_node', size: 64, gfp: 'GFP_KERNEL', node: 1, as: 'a' },
    { op: 'kfree', obj: 'a' },
    { op: 'kmalloc_nolock', size: 24, gfp: '__GFP_ZERO', node: 1, as: 'b' },
    { op: 'kfree', obj: 'b', context: 'softirq' },
    // Smaller than a pointer, red-zoned: the other case calculate_sizes() names.
    { op: 'kmalloc', size: 4, gfp: 'GFP_KERNEL', as: 'c' },
    { op: 'kfree', obj: 'c' },
  ],
};

describe.each([
  ['rfc', STAGES],
  ['v3', STAGES_V3],
] as const)('%s', (_series, stages) => {
  it.each(stages.map((s) => [s.slug, s] as const))('%s: a correct allocation and free on a red-zoned kmalloc cache reports no corruption', (_slug, stage) => {
    const o = runScenario(slabDomain, stage, slabDomain.parseScenario(scenario, 'freeptr-kmalloc-redzone.json', stages));
    // The situation is reached: kmalloc_nolock() got an object of the red-zoned cache.
    expect(o.ops[2].objects.map((x) => x.kind)).toEqual(['slab']);
    expect(o.ops.flatMap((op) => op.events).filter((e) => e.kind === 'slab_error')).toEqual([]);
  });
});
