// handle_failed_objexts_alloc() (mm/slub.c, CONFIG_MEM_ALLOC_PROFILING_DEBUG; spec baseline.md §2.14):
// when a slab's vector failed to allocate (slab->obj_exts = OBJEXTS_ALLOC_FAIL) and a later
// allocation installs one, every reference of the new vector is marked CODETAG_EMPTY, because live
// objects of the slab have no tag reference. Freeing those objects must not hit alloc_tag_sub()'s
// "alloc_tag was not set" warning. Found by explore (seed 7) as an RFC 04 regression that the model
// made up: the stages installed the vector with NULL references.
import { describe, expect, it } from 'vitest';
import { STAGES } from '../src/series/rfc/stages.ts';
import { STAGES as STAGES_V3 } from '../src/series/v3/stages.ts';
import { runScenario } from '../src/harness/runner.ts';
import { slabDomain } from '../src/slab/domain.ts';
import type { StageDescriptor } from '../src/slab/stage_api.ts';

// A weak-gfp bulk allocation of three objects from one new slab: the first two vector attempts
// fail (the nolock page allocator fails its first allocations), the third installs a vector.
const scenario = {
  name: 'failed-objexts',
  description: 'vector fails twice, then is installed; the objects are freed',
  config: { nodes: 1, cpus: 2, boot: 'running', memcg: false, profiling: true, profilingDebug: true, initOnAlloc: false, initOnFree: false, preemptRt: false, cmpxchg16b: true, kfence: { enabled: false } },
  ops: [
    { op: 'fail_page_allocs', node: 0, count: 16 },
    { op: 'kmem_cache_alloc_bulk', cache: 'kmalloc-64', gfp: '__GFP_NOWARN', count: 3, as: 'h' },
    { op: 'kmem_cache_free_bulk', cache: 'kmalloc-64', obj: 'h' },
  ],
};

function run(stages: readonly StageDescriptor[], slug: string) {
  const stage = stages.find((s) => s.slug === slug)!;
  return runScenario(slabDomain, stage, slabDomain.parseScenario(scenario, 'failed-objexts.json', stages));
}

describe.each([
  ['rfc', STAGES, '04-introduce-alloc-flags-trylock'],
  ['v3', STAGES_V3, STAGES_V3[4].slug],
] as const)('%s %s', (_series, stages, slug) => {
  it('objects allocated while the vector had failed are freed without "alloc_tag was not set"', () => {
    const o = run(stages, slug);
    const events = o.ops.flatMap((op) => op.events);
    // The situation is reached: a failed vector, then an installed one, on the same slab.
    expect(events.some((e) => e.kind === 'obj_exts' && !e.ok)).toBe(true);
    expect(events.some((e) => e.kind === 'obj_exts' && e.ok)).toBe(true);
    expect(o.ops[1].objects.filter((x) => x.kind === 'slab')).toHaveLength(3);
    expect(events.filter((e) => e.kind === 'warn' && e.site === 'alloc_tag_sub_check')).toEqual([]);
    expect(o.end.tags).toEqual({});
  });
});
