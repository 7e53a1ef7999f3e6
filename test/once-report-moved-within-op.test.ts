// A once-per-boot report (pr_warn_once/WARN_ON_ONCE) is printed once per call site, whatever its
// message names. When a step makes an operation's nested allocation reach the condition first, the
// report moves to it within the same operation (the message now names the nested cache): one report
// that moved, judged internal — not one that disappeared plus one that appeared. Found by explore
// (seed 7) as '04 undeclared event disappeared warn prepare_slab_obj_exts_hook [irq no-reclaim cache]'.
import { describe, expect, it } from 'vitest';
import { STAGES } from '../src/series/rfc/stages.ts';
import { runScenario } from '../src/harness/runner.ts';
import { compareObservations } from '../src/harness/compare.ts';
import { slabDomain } from '../src/slab/domain.ts';

const scenario = {
  name: 'once-moved-within-op',
  description: 'a softirq kmem_cache_alloc() without reclaim bits on a machine without cmpxchg16b',
  config: { nodes: 2, cpus: 2, boot: 'running', memcg: false, profiling: true, profilingDebug: false, initOnAlloc: false, initOnFree: false, preemptRt: false, cmpxchg16b: false, kfence: { enabled: false } },
  caches: [{ name: 'c0', size: 16, flags: [], ctor: false }],
  ops: [{ op: 'kmem_cache_alloc', cache: 'c0', gfp: '__GFP_HIGH|__GFP_NOWARN', as: 'h0', context: 'softirq' }],
};

describe('a once-per-run report that moves within one operation', () => {
  const sc = slabDomain.parseScenario(scenario, 'once-moved-within-op.json', STAGES);
  const a = runScenario(slabDomain, STAGES[3], sc);
  const b = runScenario(slabDomain, STAGES[4], sc);
  const warns = (o: typeof a) => o.ops[0].events.filter((e) => e.kind === 'warn' && e.site === 'prepare_slab_obj_exts_hook');
  it('is reached: at 03 the report names c0, at 04 the nested sheaf cache', () => {
    expect(warns(a).map((e) => (e as { msg: string }).msg)).toEqual(['c0: Failed to create slab extension vector!']);
    expect(warns(b).map((e) => (e as { msg: string }).msg)).toEqual(['kmalloc-512: Failed to create slab extension vector!']);
  });
  it('is judged internal on both sides, naming the move', () => {
    const d = compareObservations(slabDomain, a, b).differences.filter((x) => x.detail.diff === 'event' && (x.detail as { event: { kind: string } }).event.kind === 'warn');
    expect(d).toHaveLength(2);
    for (const x of d) {
      expect(x.kind).toBe('internal');
      expect(x.what).toMatch(/a once-per-run report that moved within \[0\]/);
    }
  });
});
