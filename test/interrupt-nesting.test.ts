// An interrupt's allocations are not slab-internal allocations of the code they interrupt. In the
// kernel nothing of the interrupted call reaches them: their gfp and alloc_flags are their own, so
// a vector or sheaf they need nests from depth 1, and their trace line, tag, kmemleak registration
// and memcg charge are theirs (alloc_hooks() of kmalloc_nolock() sets its own call site's tag).
// explore (seed 2) found the model marking an NMI's kmalloc_nolock() records "[nested]" (its tag
// judged lost, its vector one level deeper) because the NMI came in during RFC 04's new sheaf
// refill: a modelling bug of the shared kernel (the nesting stack was not per context).
import { describe, expect, it } from 'vitest';
import { compareObservations } from '../src/harness/compare.ts';
import { runScenario } from '../src/harness/runner.ts';
import { formatEvent } from '../src/kernel/events.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { rfc } from '../src/series/rfc/index.ts';

const NMI_IN_REFILL = {
  name: 'nmi-in-sheaf-refill',
  description: 'explore (seed 2, run 549), shrunk',
  config: { nodes: 1, boot: 'running', memcg: false, profiling: true, profilingDebug: false, initOnAlloc: false, initOnFree: false, preemptRt: false, cmpxchg16b: true, kfence: { enabled: false }, cpus: 2 },
  caches: [],
  ops: [
    { op: 'kmem_cache_alloc', cache: 'kmalloc-64', gfp: '__GFP_HIGH|__GFP_NOWARN', as: 'h0', inject: [{ at: 'list_lock_held', context: 'nmi', ops: [{ op: 'kmalloc_nolock', size: 8, gfp: '0' }] }] },
  ],
};

describe('an interrupt that comes in during a slab-internal allocation', () => {
  const sc = slabDomain.parseScenario(NMI_IN_REFILL, 'nmi-in-sheaf-refill.json', rfc.stages);
  const [a, b] = [3, 4].map((n) => runScenario(slabDomain, rfc.stages[n], sc));
  const nmi = (o: typeof a) => o.ops.find((x) => x.index === '0/inject0/0')!;
  const text = (r: { events: Parameters<typeof formatEvent>[0][] }) => r.events.map(formatEvent).join('\n');
  const lines = (o: typeof a) => text(nmi(o) as never);

  it('fires inside the sheaf refill at 04 (the outer op nests a sheaf there)', () => {
    expect(text(b.ops.find((x) => x.index === '0') as never)).toMatch(/nested sheaf\(kmalloc-64\) depth=1/);
  });
  it('starts its own chain: its vector nests at depth 1 and its records are not marked nested', () => {
    for (const o of [a, b]) {
      expect(lines(o)).toMatch(/nested obj_exts\(kmalloc-8\) depth=1/);
      expect(lines(o)).not.toMatch(/> obj_exts\(kmalloc-8\)/);
      expect(lines(o)).toMatch(/alloc_tag add scenario:nmi-in-sheaf-refill:0\/inject0\/0 8$/m);
    }
  });
  it('so the step shows no lost tag and no deeper nesting at the interrupt', () => {
    const cmp = compareObservations(slabDomain, a, b);
    expect(cmp.differences.filter((d) => d.at === '0/inject0/0' && d.kind === 'observable')).toEqual([]);
  });
});
