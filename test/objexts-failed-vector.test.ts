// alloc_slab_obj_exts() (mm/slub.c) with CONFIG_MEM_ALLOC_PROFILING_DEBUG marks a slab whose vector
// failed to allocate with OBJEXTS_ALLOC_FAIL, and when a vector is installed later,
// handle_failed_objexts_alloc() "if vector previously failed to allocate then we have live objects
// with no tag reference. Mark all references in this vector as empty to avoid warnings later on."
// The model set the marker but installed the new vector with empty (NULL) references, so freeing an
// object allocated while the vector was missing warned 'alloc_tag was not set' from
// alloc_tag_sub_check(): explore (seed 7) reported it as 13/14 'event appeared warn
// alloc_tag_sub_check @free', a modelling bug of every stage (and of the v3 stages).
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/harness/runner.ts';
import { formatEvent } from '../src/kernel/events.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { rfc } from '../src/series/rfc/index.ts';
import { v3 } from '../src/series/v3/index.ts';

// explore seed 7, shrunk (x-14-regressed-a2c0b63313): early boot, the nolock page allocator cannot
// serve, so the kmalloc-64 object h0 gets no vector; the bulk allocation then installs one.
const FAILED_THEN_INSTALLED = {
  name: 'objexts-failed-then-installed',
  description: 'explore (seed 7), shrunk',
  config: { nodes: 1, boot: 'early', memcg: false, profiling: true, profilingDebug: true, initOnAlloc: false, initOnFree: false, preemptRt: false, kfence: { enabled: false } },
  caches: [],
  ops: [
    { op: 'kmalloc_nolock', size: 8, gfp: '__GFP_ACCOUNT', node: -1, as: 'h0' },
    { op: 'kmalloc_nolock', size: 24, gfp: '0', node: -1, as: 'h1' },
    { op: 'kmem_cache_alloc_bulk', cache: 'kmalloc-64', gfp: 'GFP_KERNEL|__GFP_ZERO', count: 1, as: 'h2' },
    { op: 'kfree', obj: 'h1' },
  ],
};

describe('a vector installed after a failed one', () => {
  for (const [series, stages] of [['rfc', rfc.stages], ['v3', v3.stages]] as const) {
    const sc = slabDomain.parseScenario(FAILED_THEN_INSTALLED, 'objexts-failed-then-installed.json', stages);
    for (const n of [0, 12, 14]) {
      const obs = runScenario(slabDomain, stages[n], sc);
      const text = (i: string) => obs.ops.find((x) => x.index === i)!.events.map(formatEvent).join('\n');
      it(`${series} ${n}: h1's vector failed, the bulk allocation installed one, freeing h1 does not warn`, () => {
        expect(text('1')).toMatch(/obj_exts kmalloc-64 via kmalloc_nolock \(cmpxchg\) FAIL/);
        expect(text('2')).toMatch(/obj_exts kmalloc-64 via kmalloc \(cmpxchg\) ok/);
        expect(text('3')).not.toMatch(/alloc_tag_sub_check/);
      });
    }
  }
});
