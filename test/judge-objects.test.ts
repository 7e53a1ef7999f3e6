// The judge's object comparison: byte promises are compared between two objects only; an
// allocation that failed at one stage is a result change (judged as such), not memory handed out
// unzeroed. (explore found RFC 14 "requested bytes not zero under __GFP_ZERO" for a kmalloc_nolock
// that simply returned NULL at stage 14.)
import { describe, expect, it } from 'vitest';
import { compareObservations } from '../src/harness/compare.ts';
import { runScenario } from '../src/harness/runner.ts';
import { compareObject, sampledAtOneStage } from '../src/slab/judge.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { rfc } from '../src/series/rfc/index.ts';
import type { SlabObject, SlabOp } from '../src/slab/observation.ts';

const op = { facts: { context: 'nmi', wantZero: true } } as unknown as SlabOp;
const zeroed: SlabObject = { handle: 'h0', kind: 'slab', cache: 'kmalloc-1k', bytes: { requested: 1000, zero: true, digest: 'a' } };
const dirty: SlabObject = { handle: 'h0', kind: 'slab', cache: 'kmalloc-1k', bytes: { requested: 1000, zero: false, digest: 'b' } };
const nul: SlabObject = { handle: 'h0', kind: 'NULL', cache: null };

describe('compareObject under __GFP_ZERO', () => {
  it('a success that became NULL is no zeroing regression (nor a NULL that became a zeroed object an improvement)', () => {
    expect(compareObject(zeroed, nul, op)?.what ?? '').not.toMatch(/__GFP_ZERO/);
    expect(compareObject(nul, zeroed, op)?.what ?? '').not.toMatch(/__GFP_ZERO/);
  });
  it('two objects whose requested bytes differ in zeroness are judged', () => {
    expect(compareObject(zeroed, dirty, op)).toMatchObject({ kind: 'observable', effect: 'regressed', what: 'requested bytes not zero under __GFP_ZERO' });
    expect(compareObject(dirty, zeroed, op)).toMatchObject({ kind: 'observable', effect: 'improved' });
  });
});

// KFENCE picks allocations by time in the kernel, by count here: when an earlier nested
// allocation takes (or leaves) the sample, an operation gets a slab object at one stage and a
// KFENCE object at the other, and its slab path (sheaf or vector allocation, tag, warnings)
// follows from that pick. explore found this at RFC 08 (seed 11): the weak-gfp caller's vector now
// comes from kmalloc_node(), which KFENCE may sample.

const FLIP = {
  name: 'kfence-flip-08',
  description: 'explore (seed 11), shrunk',
  config: { nodes: 1, boot: 'early', memcg: false, profiling: true, profilingDebug: false, initOnAlloc: true, initOnFree: false, preemptRt: false, cmpxchg16b: false, kfence: { enabled: true, sampleInterval: 3, poolObjects: 1000 }, cpus: 2 },
  caches: [],
  ops: [
    { op: 'kmalloc', size: 64, gfp: '0', as: 'h0' },
    { op: 'kmalloc', size: 8, gfp: '__GFP_KSWAPD_RECLAIM', as: 'h1', inject: [{ at: 'pcs_locked', context: 'softirq', ops: [{ op: 'kmalloc', size: 8, gfp: 'GFP_ATOMIC' }] }] },
  ],
};

describe('an operation KFENCE sampled at one stage only', () => {
  const sc = slabDomain.parseScenario(FLIP, 'kfence-flip-08.json', rfc.stages);
  const [a, b] = [7, 8].map((n) => runScenario(slabDomain, rfc.stages[n], sc));
  it('is recognised (h1 is a KFENCE object at 07, a slab object at 08), and op 0 is not', () => {
    const op = (o: typeof a, i: string) => o.ops.find((x) => x.index === i)!;
    expect(op(a, '1').objects[0].kind).toBe('kfence');
    expect(op(b, '1').objects[0].kind).toBe('slab');
    expect(sampledAtOneStage(op(a, '1'), op(b, '1'))).toMatch(/KFENCE/);
    expect(sampledAtOneStage(op(a, '0'), op(b, '0'))).toBeNull();
  });
  it('has only internal differences at that operation, while op 0 keeps its observable ones', () => {
    const cmp = compareObservations(slabDomain, a, b);
    const at1 = cmp.differences.filter((d) => d.at === '1');
    expect(at1.length).toBeGreaterThan(0);
    expect(at1.filter((d) => d.kind === 'observable')).toEqual([]);
    expect(at1.some((d) => d.what.startsWith('nesting of slab-internal allocations deeper') && d.what.includes('follows from KFENCE sampling'))).toBe(true);
    expect(cmp.differences.some((d) => d.at === '0' && d.kind === 'observable')).toBe(true);
  });
});
