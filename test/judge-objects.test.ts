// The judge's object comparison: byte promises are compared between two objects only; an
// allocation that failed at one stage is a result change (judged as such), not memory handed out
// unzeroed. (explore found RFC 14 "requested bytes not zero under __GFP_ZERO" for a kmalloc_nolock
// that simply returned NULL at stage 14.)
import { describe, expect, it } from 'vitest';
import { checkSeries } from '../src/harness/check.ts';
import { compareObservations } from '../src/harness/compare.ts';
import { stageInfos } from '../src/harness/series.ts';
import { runScenario } from '../src/harness/runner.ts';
import { compareObject, sameOccurrence, inputAtOneStage, sampledAtOneStage } from '../src/slab/judge.ts';
import { loadScenarios } from '../src/cli/scenarios.ts';
import { join } from 'node:path';
import { slabDomain } from '../src/slab/domain.ts';
import { rfc } from '../src/series/rfc/index.ts';
import type { SlabObject, SlabOp } from '../src/slab/observation.ts';

/** A scenario document run at two RFC stages (N-1 and N), and an operation of an observation by index. */
function runPair(doc: Record<string, unknown> & { name: string }, before: number, after: number) {
  const sc = slabDomain.parseScenario(doc, `${doc.name}.json`, rfc.stages);
  const [a, b] = [before, after].map((n) => runScenario(slabDomain, rfc.stages[n], sc));
  return { a, b, op: (o: typeof a, i: string) => o.ops.find((x) => x.index === i)! };
}

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

// The same for every other byte promise: a krealloc() that failed at one stage and moved the
// object at the other (explore, seed 31, RFC 07) is a result change there; the stale growth bytes
// of the moved object are that stage's contract violation (zeroing.krealloc-growth), judged alone.
describe('compareObject with a byte promise broken at one stage, NULL at the other', () => {
  const krealloc = { facts: { context: 'task', wantZero: false } } as unknown as SlabOp;
  const stale: SlabObject = { handle: 'h1', kind: 'slab', cache: 'kmalloc-8k', bytes: { requested: 5000, zero: false, digest: 'c' }, promises: [{ promise: 'krealloc __GFP_ZERO growth', range: { from: 40, to: 5000, zero: false, digest: 'e' }, kept: false }] };
  const freshKept: SlabObject = { ...stale, bytes: { requested: 5000, zero: true, digest: 'd' }, promises: [{ promise: 'krealloc __GFP_ZERO growth', range: { from: 40, to: 5000, zero: true, digest: 'f' }, kept: true }] };
  const nul1: SlabObject = { handle: 'h1', kind: 'NULL', cache: null };
  it('is not a broken promise of the step (nor a kept one in the other direction)', () => {
    expect(compareObject(nul1, stale, krealloc)?.what ?? '').not.toMatch(/promise/);
    expect(compareObject(stale, nul1, krealloc)?.what ?? '').not.toMatch(/promise/);
  });
  it('between two objects it is', () => {
    expect(compareObject(freshKept, stale, krealloc)).toMatchObject({ kind: 'observable', effect: 'regressed', what: 'promise broken: krealloc __GFP_ZERO growth' });
    expect(compareObject(stale, freshKept, krealloc)).toMatchObject({ kind: 'observable', effect: 'improved' });
  });
});

// __GFP_THISNODE with a node: the object is on that node or the call fails (gfp_types.h). A call
// that failed at one stage has no object, hence no node: that is the result change, not a node the
// flag failed to honour (explore, seed 7: RFC 13's kmalloc_node(GFP_KERNEL|__GFP_THISNODE) that
// now meets the exhausted pages was also reported as "node undefined instead of 0").
describe('compareObject under __GFP_THISNODE', () => {
  const thisNode0 = { facts: { context: 'task', wantZero: false, thisNode: 0 } } as unknown as SlabOp;
  const on = (node: number): SlabObject => ({ handle: 'h0', kind: 'slab', cache: 'kmalloc-256', node });
  it('a success that became NULL (or the reverse) is not judged as the node', () => {
    expect(compareObject(on(0), nul, thisNode0)?.what ?? '').not.toMatch(/THISNODE/);
    expect(compareObject(nul, on(0), thisNode0)?.what ?? '').not.toMatch(/THISNODE/);
  });
  it('two objects on different nodes are', () => {
    expect(compareObject(on(0), on(1), thisNode0)).toMatchObject({ kind: 'observable', effect: 'regressed', what: '__GFP_THISNODE no longer honoured: node 1 instead of 0' });
    expect(compareObject(on(1), on(0), thisNode0)).toMatchObject({ kind: 'observable', effect: 'improved' });
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

describe('a nested allocation KFENCE sampled at one stage only', () => {
  // explore (seed 1), shrunk: at RFC 08 the prefill's sheaf kzalloc (kmalloc-96) is no longer the
  // KFENCE pick, so it comes from a new slab whose vector is allocated inside it (nesting 1 -> 2).
  const sc = slabDomain.parseScenario(
    {
      name: 'kfence-nested-flip-08',
      description: 'explore (seed 1), shrunk',
      config: { nodes: 1, boot: 'deferred', memcg: false, profiling: true, profilingDebug: false, initOnAlloc: false, initOnFree: true, preemptRt: true, cmpxchg16b: true, kfence: { enabled: true, sampleInterval: 3, poolObjects: 1000 }, slubDebug: { flags: ['U'], caches: ['kmalloc-*'] }, cpus: 2 },
      caches: [{ name: 'c0', size: 16, flags: ['SLAB_NO_OBJ_EXT'], ctor: false }],
      ops: [
        { op: 'kmem_cache_alloc', cache: 'c0', gfp: 'GFP_KERNEL', as: 'h0' },
        { op: 'kmem_cache_alloc', cache: 'kmalloc-64', gfp: '0', as: 'h1' },
        { op: 'kmem_cache_prefill_sheaf', cache: 'c0', gfp: 'GFP_NOWAIT', size: 5, as: 'h2' },
        { op: 'kmem_cache_return_sheaf', cache: 'c0', gfp: 'GFP_NOWAIT', sheaf: 'h2' },
      ],
    },
    'kfence-nested-flip-08.json',
    rfc.stages,
  );
  const [a, b] = [7, 8].map((n) => runScenario(slabDomain, rfc.stages[n], sc));
  const cmp = compareObservations(slabDomain, a, b);
  it('judges the operation whose nested allocation lost the sample internal', () => {
    const at2 = cmp.differences.filter((d) => d.at === '2');
    expect(at2.some((d) => d.what.includes('KFENCE sampling a nested kmalloc-96 allocation at one stage only'))).toBe(true);
    expect(at2.filter((d) => d.kind === 'observable')).toEqual([]);
  });
  it("does not count the deeper nesting again at the end when both stages' maxima are the operations'", () => {
    const end = cmp.differences.filter((d) => d.at === 'end' && d.what.startsWith('maximum nesting'));
    expect(end).toHaveLength(1);
    expect(end[0].kind).toBe('internal');
  });
  it('still judges the operation that changed for its own reasons (op 1: the vector now via kmalloc_node)', () => {
    expect(cmp.differences.some((d) => d.at === '1' && d.kind === 'observable')).toBe(true);
  });
});

describe('a contract violation at a step where the scenario could not run before', () => {
  // explore (seed 5): kmalloc_flags() exists only from RFC 12, so a krealloc() of its object runs
  // from stage 12 on and shows RFC 01's krealloc zeroing violation there; the "no functional
  // change" step 12 must not be blamed for it (its verdict is n/a).
  it('is not new at that step', () => {
    const sc = slabDomain.parseScenario(
      {
        name: 'contract-after-na',
        description: 'explore (seed 5), shrunk',
        config: { nodes: 1, boot: 'deferred', preemptRt: true, kfence: { enabled: true, sampleInterval: 3, poolObjects: 1000 } },
        caches: [],
        ops: [
          { op: 'kmalloc_flags', size: 500, gfp: '__GFP_ZERO', alloc_flags: 'SLAB_ALLOC_TRYLOCK', as: 'h0' },
          { op: 'krealloc', obj: 'h0', size: 2000, gfp: 'GFP_KERNEL|__GFP_ZERO', as: 'h1' },
        ],
      },
      'contract-after-na.json',
      rfc.stages,
    );
    const obs = rfc.stages.map((st) => [runScenario(slabDomain, st, sc)]);
    const rep = checkSeries(slabDomain, stageInfos(rfc), [sc.name], obs, []);
    expect(rep.cells[12][0].verdict).toBe('n/a');
    expect(rep.cells[12][0].contract.some((c) => c.contract === 'zeroing.krealloc-growth')).toBe(true);
    expect(rep.findings.filter((f) => f.stage.startsWith('12-'))).toEqual([]);
  });
});

// WARN_ON_ONCE() and pr_warn_once() print at most once per boot, by whichever call reaches them
// first (include/asm-generic/bug.h, include/linux/printk.h). When a step makes an earlier call stop
// reaching the condition and a later one reaches it, the boot still prints that warning once: one
// report that moved, not a warning lost and another gained.
describe('a once-per-boot warning that moves to another operation', () => {
  const sc = {
    name: 'warn-once-moves',
    description: 'two allocations; the test puts a once-per-boot warning on one or the other',
    config: { nodes: 1, boot: 'running', memcg: false, profiling: false, profilingDebug: false, initOnAlloc: false, initOnFree: false, preemptRt: false, cmpxchg16b: true, kfence: { enabled: false }, cpus: 2 },
    caches: [],
    ops: [
      { op: 'kmalloc', size: 40, gfp: 'GFP_KERNEL', as: 'a' },
      { op: 'kmalloc', size: 40, gfp: 'GFP_KERNEL', as: 'b' },
    ],
  };
  const base = runScenario(slabDomain, rfc.stages[0], slabDomain.parseScenario(sc, 'warn-once-moves.json', rfc.stages));
  const withWarn = (at: number, once: boolean) => {
    const o = structuredClone(base);
    const w = once ? { kind: 'warn' as const, site: 'prepare_slab_obj_exts_hook', msg: 'kmalloc-64: Failed to create slab extension vector!', once: true as const } : { kind: 'warn' as const, site: 'warn_alloc', msg: 'page allocation failure' };
    o.ops[at].events.push(w);
    return o;
  };

  it('is judged internal at both operations, each naming the other, and the step is only changed', () => {
    const cmp = compareObservations(slabDomain, withWarn(0, true), withWarn(1, true));
    expect(cmp.verdict).toBe('changed');
    expect(cmp.differences.map((d) => [d.at, d.kind, d.effect])).toEqual([
      ['0', 'internal', 'neutral'],
      ['1', 'internal', 'neutral'],
    ]);
    expect(cmp.differences[0].what).toMatch(/moved to \[1\]/);
    expect(cmp.differences[1].what).toMatch(/moved from \[0\]/);
  });

  it('is the same report when it names another cache at the other operation (one once-flag per call site)', () => {
    // pr_warn_once("%s, %s: Failed to create slab extension vector!") prints the first failing
    // cache's name: when that cache's vector now succeeds, the next failure (another cache) prints it.
    const at = (i: number, cache: string) => {
      const o = structuredClone(base);
      o.ops[i].events.push({ kind: 'warn' as const, site: 'prepare_slab_obj_exts_hook', msg: `${cache}: Failed to create slab extension vector!`, once: true as const });
      return o;
    };
    const cmp = compareObservations(slabDomain, at(0, 'kmalloc-64'), at(1, 'kmalloc-4k'));
    expect(cmp.verdict).toBe('changed');
    expect(cmp.differences.map((d) => [d.at, d.kind, d.effect])).toEqual([
      ['0', 'internal', 'neutral'],
      ['1', 'internal', 'neutral'],
    ]);
    expect(slabDomain.onceKey?.({ kind: 'warn', site: 'x', msg: 'a', once: true })).toBe(slabDomain.onceKey?.({ kind: 'warn', site: 'x', msg: 'b', once: true }));
  });

  it('printed with other arguments by an earlier operation, it is new there (that operation now reaches the condition)', () => {
    // v3 15: kmalloc_nolock() stops allowing __GFP_NO_OBJ_EXT, so an earlier call now trips the
    // VM_WARN_ON_ONCE (with the new mask in its text) and the later one's report is suppressed.
    const at = (i: number, mask: string) => {
      const o = structuredClone(base);
      o.ops[i].events.push({ kind: 'warn' as const, site: 'kmalloc_nolock:gfp', msg: `VM_WARN_ON_ONCE(gfp_flags & ~(${mask}))`, once: true as const });
      return o;
    };
    const cmp = compareObservations(slabDomain, at(1, 'A'), at(0, 'B'));
    expect(cmp.verdict).toBe('regressed');
    expect(cmp.differences.map((d) => [d.at, d.effect])).toEqual([
      ['0', 'regressed'],
      ['1', 'improved'],
    ]);
  });

  it('a warning printed every time it happens is still lost at one operation and gained at the other', () => {
    const cmp = compareObservations(slabDomain, withWarn(0, false), withWarn(1, false));
    expect(cmp.verdict).toBe('regressed');
    expect(cmp.differences.map((d) => [d.at, d.effect])).toEqual([
      ['0', 'improved'],
      ['1', 'regressed'],
    ]);
  });

  it('a once-per-boot warning that appears with none gone is a regression', () => {
    expect(compareObservations(slabDomain, base, withWarn(1, true)).verdict).toBe('regressed');
  });

  it('the kernel marks WARN_ON_ONCE reports as once-per-boot', () => {
    expect(slabDomain.oncePerRun?.({ kind: 'warn', site: 'x', msg: 'y', once: true })).toBe(true);
    expect(slabDomain.oncePerRun?.({ kind: 'warn', site: 'x', msg: 'y' })).toBe(false);
  });
});

// krealloc() frees the object it was given when it succeeds and leaves it to the caller when it
// fails (its kernel-doc). Where the same krealloc() succeeds at one stage and fails at the other,
// its input is outstanding at one stage only: that follows from the result change, judged at the
// operation, and is no leak. explore (seed 7) found RFC 13 'objects left outstanding: h0' for a
// krealloc() that RFC 13's page-pressure shift makes fail.
const REALLOC_FAILS = {"name": "x-13-regressed-e777140d91", "description": "Found by slabseries explore (seed 7, run 8818), shrunk: 13-no-recurse-for-obj-exts regressed end outstanding @end", "decisions": ["explore"], "config": {"nodes": 1, "boot": "running", "memcg": false, "profiling": true, "profilingDebug": false, "initOnAlloc": false, "initOnFree": false, "preemptRt": false, "cmpxchg16b": true, "kfence": {"enabled": false}, "cpus": 2}, "caches": [], "ops": [{"op": "fail_page_allocs", "node": 0, "count": 16}, {"op": "kmalloc", "size": 64, "gfp": "__GFP_DIRECT_RECLAIM", "as": "h0"}, {"op": "krealloc", "obj": "h0", "size": 192, "gfp": "GFP_ATOMIC|__GFP_ZERO|__GFP_ACCOUNT", "as": "h1"}, {"op": "kmem_cache_alloc_bulk", "cache": "kmalloc-64", "gfp": "GFP_ATOMIC", "count": 1, "as": "h2"}]};

describe('a krealloc() that fails at one stage only', () => {
  const parsed = slabDomain.parseScenario(REALLOC_FAILS, 'krealloc-fails-at-13.json', rfc.stages);
  const at = (n: number) => runScenario(slabDomain, rfc.stages[n], parsed);
  const [o12, o13] = [at(12), at(13)];
  it('is the case: krealloc() succeeds at 12 and fails at 13, so h0 is outstanding at 13 only', () => {
    expect(o12.ops.find((x) => x.index === '2')!.result).toEqual({ kind: 'object' });
    expect(o13.ops.find((x) => x.index === '2')!.result).toEqual({ kind: 'NULL' });
    expect(o13.end.outstanding).toContain('h0');
    expect(o12.end.outstanding).not.toContain('h0');
  });
  it('leaves its input outstanding without a leak being reported', () => {
    const c = compareObservations(slabDomain, o12, o13);
    expect(c.differences.filter((d) => d.at === 'end' && /outstanding/.test(d.what) && d.effect === 'regressed')).toEqual([]);
    expect(c.differences.some((d) => d.at === '2' && d.what === 'a success became a failure')).toBe(true);
  });
});

// krealloc(NULL, ...) is kmalloc() (mm/slub.c krealloc_node_align_noprof()), while krealloc() of an
// 8-byte object to 8 bytes keeps it in place. explore (seed 23), shrunk: RFC 05's allow_spin
// upgrade makes op 0 succeed (judged there), so the krealloc() at op 1 resizes h0 at 05 instead
// of allocating (and charging) a new object as at 04 — not a lost memcg charge of its own.
describe('a krealloc() whose input was NULL at one stage only', () => {
  const { a, b, op } = runPair(
    {
      name: 'krealloc-input-flip-05',
      description: 'explore (seed 23), shrunk',
      config: { nodes: 1, boot: 'deferred', memcg: true, profiling: true, profilingDebug: false, initOnAlloc: false, initOnFree: false, preemptRt: false, cmpxchg16b: true, kfence: { enabled: false }, cpus: 2 },
      caches: [],
      ops: [
        { op: 'kmalloc_node', size: 8, gfp: '__GFP_NOWARN', as: 'h0', node: 0 },
        { op: 'krealloc', obj: 'h0', size: 8, gfp: 'GFP_KERNEL_ACCOUNT', as: 'h1', inject: [{ at: 'pcs_locked', context: 'softirq', ops: [{ op: 'kmalloc', size: 8, gfp: 'GFP_ATOMIC' }] }] },
      ],
    },
    4,
    5,
  );
  it('is recognised from the facts the machine records (NULL at 04, an object at 05)', () => {
    expect(op(a, '0').objects[0].kind).toBe('NULL');
    expect(op(b, '0').objects[0].kind).toBe('slab');
    expect(op(a, '1').facts.inputNull).toBe(true);
    expect(op(b, '1').facts.inputNull).toBe(false);
    expect(inputAtOneStage(op(a, '1'), op(b, '1'))).toMatch(/krealloc\(\) given NULL at stage N-1 only \(h0/);
    expect(inputAtOneStage(op(b, '1'), op(b, '1'))).toBeNull();
  });
  it('has only internal differences at the krealloc(), while op 0 keeps its result change', () => {
    const cmp = compareObservations(slabDomain, a, b);
    const at1 = cmp.differences.filter((d) => d.at === '1');
    expect(at1.some((d) => d.what.startsWith('memcg charge') || d.what.includes('memcg'))).toBe(true);
    expect(at1.filter((d) => d.kind === 'observable')).toEqual([]);
    expect(cmp.differences.some((d) => d.at === '0' && d.kind === 'observable' && d.effect === 'improved')).toBe(true);
  });
});

// KFENCE never resizes in place: krealloc() moves a KFENCE object to a new one (a new allocation,
// registered and tagged), while a slab object may be grown within its bucket. Shipped scenario
// rfc14-kfence-pick-moves-krealloc-growth-stale (its description): the kzalloc(24) is a KFENCE object
// at 13 and a kmalloc-32 slab object at 14, so what the krealloc() at op 4 does differs by
// placement; RFC 01's stale tail it copies is still the contract's to report at 14.
describe('a krealloc() whose input KFENCE served at one stage only', () => {
  const sc = loadScenarios(join(import.meta.dirname, '..', 'fixtures', 'scenarios'), rfc.stages).find((s) => s.name === 'rfc14-kfence-pick-moves-krealloc-growth-stale')!;
  const [a, b] = [13, 14].map((n) => runScenario(slabDomain, rfc.stages[n], sc));
  const op = (o: typeof a, i: string) => o.ops.find((x) => x.index === i)!;
  it('is the case the scenario describes: a KFENCE object at 13, a slab object at 14', () => {
    expect(op(a, '3').objects[0].kind).toBe('kfence');
    expect(op(b, '3').objects[0].kind).toBe('slab');
    expect(op(a, '4').facts.inputKfence).toBe(true);
    expect(op(b, '4').facts.inputKfence).toBe(false);
    expect(sampledAtOneStage(op(a, '4'), op(b, '4'))).toMatch(/^KFENCE sampling krealloc\(\)'s input h2 at one stage only/);
  });
  it("has only internal differences at the krealloc(), while the contract still reports RFC 01's stale tail at 14", () => {
    const cmp = compareObservations(slabDomain, a, b);
    const at4 = cmp.differences.filter((d) => d.at === '4');
    expect(at4.length).toBeGreaterThan(0);
    expect(at4.filter((d) => d.kind === 'observable')).toEqual([]);
    expect(slabDomain.contracts(b).some((v) => v.at === '4' && v.contract === 'zeroing.krealloc-growth')).toBe(true);
  });
});

// kmem_cache_charge(NULL) charges nothing and returns true (the model's kmem_cache_charge(); the
// kernel's caller passes an object it has). Explore (seed 41, shrunk by hand): with the memcg limit
// reached, RFC 05's upgraded target-node attempt makes op 1 succeed (judged there), so op 2 charges
// an object at 05 and is refused, where at 04 it had nothing to charge — not a charge failure of
// its own.
describe('a kmem_cache_charge() whose object was NULL at one stage only', () => {
  const { a, b, op } = runPair(
    {
      name: 'charge-input-flip-05',
      description: 'explore (seed 41), shrunk',
      config: { nodes: 2, boot: 'deferred', memcg: true, profiling: true, profilingDebug: true, initOnAlloc: false, initOnFree: false, preemptRt: false, cmpxchg16b: true, kfence: { enabled: false }, cpus: 2 },
      caches: [{ name: 'c0', size: 16, flags: [], ctor: true }],
      ops: [
        { op: 'set_memcg_limit', bytes: 0 },
        { op: 'kmem_cache_alloc_node', cache: 'c0', gfp: '__GFP_HIGH|__GFP_NOWARN', as: 'h0', node: 0 },
        { op: 'kmem_cache_charge', obj: 'h0', gfp: 'GFP_KERNEL' },
      ],
    },
    4,
    5,
  );
  it('is the case the scenario shows: NULL and true at 04, an object refused at the limit at 05', () => {
    expect(op(a, '1').objects[0].kind).toBe('NULL');
    expect(op(b, '1').objects[0].kind).toBe('slab');
    expect(op(a, '2').result).toEqual({ kind: 'bool', value: true });
    expect(op(b, '2').result).toEqual({ kind: 'bool', value: false });
    expect(op(b, '2').events.some((e) => e.kind === 'memcg' && e.op === 'charge_fail')).toBe(true);
    expect(op(a, '2').facts.inputNull).toBe(true);
    expect(op(b, '2').facts.inputNull).toBe(false);
    expect(inputAtOneStage(op(a, '2'), op(b, '2'))).toMatch(/^kmem_cache_charge\(\) given NULL at stage N-1 only/);
  });
  it('has only internal differences at the charge, while the allocation keeps its result change', () => {
    const cmp = compareObservations(slabDomain, a, b);
    const at2 = cmp.differences.filter((d) => d.at === '2');
    expect(at2.length).toBeGreaterThan(0);
    expect(at2.filter((d) => d.kind === 'observable')).toEqual([]);
    expect(cmp.differences.some((d) => d.at === '1' && d.kind === 'observable' && d.effect === 'improved')).toBe(true);
  });
});

// kvmalloc() tries kmalloc first and falls back to vmalloc (mm/slub.c __kvmalloc_node_noprof());
// both charge the caller's memcg, tag the caller and register with kmemleak, the kmalloc-cg-8k
// object as 8200 bytes, the vmalloc pages as 8192. Shipped scenario
// rfc13-page-pressure-kvmalloc-falls-back-to-vmalloc: at RFC 13 the kmalloc attempt of op 2 fails
// and vmalloc serves it — the same accounting on other memory, not a lost and a gained charge.
describe('accounting that moved to other memory within one operation', () => {
  const sc = loadScenarios(join(import.meta.dirname, '..', 'fixtures', 'scenarios'), rfc.stages).find((s) => s.name === 'rfc13-page-pressure-kvmalloc-falls-back-to-vmalloc')!;
  const [a, b] = [12, 13].map((n) => runScenario(slabDomain, rfc.stages[n], sc));
  const charge = (o: typeof a) => o.ops.find((x) => x.index === '2')!.events.filter((e) => e.kind === 'memcg' && e.op === 'charge' && !e.nested);
  it('is the case the scenario shows (one caller charge at each stage, of different memory)', () => {
    expect(charge(a)).toHaveLength(1);
    expect(charge(b)).toHaveLength(1);
    expect(charge(a)[0]).not.toEqual(charge(b)[0]);
    expect(sameOccurrence(charge(a)[0])?.key).toBe(sameOccurrence(charge(b)[0])?.key);
  });
  it('is judged internal ("moved to other memory"), with nothing observable lost at that operation', () => {
    const at2 = compareObservations(slabDomain, a, b).differences.filter((d) => d.at === '2');
    expect(at2.filter((d) => d.what === 'memcg charge moved to other memory')).toHaveLength(2);
    expect(at2.filter((d) => d.kind === 'observable' && /memcg|tag|kmemleak/.test(d.what))).toEqual([]);
  });
  it('does not pair slab-internal (nested) accounting, which is not the caller\'s', () => {
    expect(sameOccurrence({ kind: 'memcg', op: 'charge', bytes: 8, what: 'x', nested: true })).toBeNull();
    expect(sameOccurrence({ kind: 'memcg', op: 'uncharge', bytes: 8, what: 'x' })).toBeNull();
  });
});
