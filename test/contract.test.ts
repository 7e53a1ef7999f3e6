// Contract properties that must hold at every stage of the series. Scenarios are generated with
// fast-check, loaded through the same validating loader as the shipped ones, and run on each stage.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { STAGES } from '../src/series/rfc/stages.ts';
import { runScenario } from '../src/harness/runner.ts';
import { slabDomain } from '../src/slab/domain.ts';
import type { SlabObservation } from '../src/slab/observation.ts';
import type { KEvent } from '../src/kernel/events.ts';

// SLABSERIES_PROPERTY_RUNS raises the number of generated cases (CI uses the default).
const RUNS = Number(process.env.SLABSERIES_PROPERTY_RUNS ?? 15);

function run(stageIdx: number, json: object): SlabObservation {
  return runScenario(slabDomain, STAGES[stageIdx], slabDomain.parseScenario({ name: 'prop', description: 'generated', ...json }, 'generated.json', STAGES));
}

/** What kmalloc_nolock() must never do: spin, take a local_lock, deadlock, sleep, reclaim. */
function forbiddenForNolock(e: KEvent): boolean {
  return (e.kind === 'lock' && (e.mode === 'spin' || e.mode === 'local_lock')) || e.kind === 'deadlock' || e.kind === 'sleep_in_atomic' || e.kind === 'direct_reclaim';
}

const size = fc.oneof(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 257, max: 8192 }), fc.integer({ min: 8193, max: 20000 }));
const spinGfp = fc.constantFrom('GFP_KERNEL', 'GFP_ATOMIC', 'GFP_NOWAIT', 'GFP_KERNEL_ACCOUNT', '__GFP_DIRECT_RECLAIM');
const anyGfp = fc.constantFrom('GFP_KERNEL', 'GFP_ATOMIC', 'GFP_NOWAIT', 'GFP_KERNEL_ACCOUNT', '__GFP_HIGH|__GFP_NOWARN', '__GFP_NOWARN', '0');
const config = fc.record({
  seed: fc.integer({ min: 1, max: 1000 }),
  memcg: fc.boolean(),
  profiling: fc.boolean(),
  initOnAlloc: fc.boolean(),
  boot: fc.constantFrom('running', 'early', 'deferred'),
  kfence: fc.record({ enabled: fc.boolean(), sampleInterval: fc.constantFrom(0, 3, 7) }),
});
const CACHES = [
  { name: 'plain', size: 120, flags: [] },
  { name: 'acct', size: 200, flags: ['SLAB_ACCOUNT'] },
  { name: 'debug', size: 64, flags: ['SLAB_RED_ZONE', 'SLAB_POISON', 'SLAB_STORE_USER'] },
];
const cacheName = fc.constantFrom('plain', 'acct', 'debug');

/** An allocation op; `zero` tells whether __GFP_ZERO (or the zalloc form) is used. */
const allocOp = fc.oneof(
  fc.record({ op: fc.constant('kmalloc'), size, gfp: anyGfp, zero: fc.boolean() }),
  fc.record({ op: fc.constant('kzalloc'), size, gfp: spinGfp, zero: fc.constant(true) }),
  fc.record({ op: fc.constant('kmalloc_node'), size, gfp: anyGfp, node: fc.constantFrom(0, 1), zero: fc.boolean() }),
  fc.record({ op: fc.constant('kmalloc_nolock'), size: fc.integer({ min: 1, max: 4096 }), gfp: fc.constant('0'), zero: fc.boolean() }),
  fc.record({ op: fc.constant('kmem_cache_alloc'), cache: cacheName, gfp: anyGfp, zero: fc.boolean() }),
  fc.record({ op: fc.constant('kvmalloc'), size, gfp: spinGfp, zero: fc.boolean() }),
);

type GenOp = { op: string; gfp: string; zero: boolean; [k: string]: unknown };

function materialise(ops: GenOp[], withFrees: boolean, freeOrder: number[]): object[] {
  const out: object[] = [];
  ops.forEach((o, i) => {
    const { zero, ...rest } = o;
    let gfp = rest.gfp;
    if (zero && o.op !== 'kzalloc') gfp = gfp === '0' ? '__GFP_ZERO' : `${gfp}|__GFP_ZERO`;
    out.push({ ...rest, gfp, as: `h${i}`, site: `prop:${i}` });
  });
  if (withFrees) {
    const order = ops.map((_, i) => i).sort((a, b) => (freeOrder[a] ?? 0) - (freeOrder[b] ?? 0));
    for (const i of order) {
      const o = ops[i];
      if (o.op === 'kmem_cache_alloc') out.push({ op: 'kmem_cache_free', cache: o.cache, obj: `h${i}` });
      else if (o.op === 'kmalloc_nolock') out.push({ op: 'kfree_nolock', obj: `h${i}` });
      else if (o.op === 'kvmalloc') out.push({ op: 'kvfree', obj: `h${i}` });
      else out.push({ op: 'kfree', obj: `h${i}` });
    }
  }
  return out;
}

describe.each(STAGES.map((s, i) => [s.slug, i] as const))('contract at stage %s', (_slug, stageIdx) => {
  it('__GFP_ZERO gives zeroed requested bytes', () => {
    fc.assert(
      fc.property(config, fc.array(allocOp, { minLength: 1, maxLength: 12 }), (cfg, ops) => {
        const obs = run(stageIdx, { config: cfg, caches: CACHES, ops: materialise(ops as GenOp[], false, []) });
        obs.ops.forEach((o, i) => {
          if (!(ops[i] as GenOp).zero || o.status !== 'ran' || o.result?.kind !== 'object') return;
          for (const ob of o.objects) expect(ob.bytes?.zero, `${o.index} ${o.op}`).toBe(true);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('never hands out a live object twice, and frees return every object', () => {
    fc.assert(
      fc.property(config, fc.array(allocOp, { minLength: 1, maxLength: 16 }), fc.array(fc.integer(), { minLength: 16, maxLength: 16 }), (cfg, ops, order) => {
        const obs = run(stageIdx, { config: cfg, caches: CACHES, ops: materialise(ops as GenOp[], true, order) });
        expect(obs.end.invariants).toEqual([]);
        expect(obs.end.outstanding).toEqual([]);
        for (const c of obs.end.caches) if (['plain', 'acct', 'debug'].includes(c.name)) expect(c.inuse, c.name).toBe(c.sheafObjects);
      }),
      { numRuns: RUNS },
    );
  });

  it('memcg charges and allocation tags balance after every object is freed', () => {
    fc.assert(
      fc.property(config, fc.array(allocOp, { minLength: 1, maxLength: 16 }), fc.array(fc.integer(), { minLength: 16, maxLength: 16 }), (cfg, ops, order) => {
        const obs = run(stageIdx, { config: { ...cfg, memcg: true, profiling: true }, caches: CACHES, ops: materialise(ops as GenOp[], true, order) });
        expect(obs.end.memcgCharged).toBe(0);
        expect(Object.keys(obs.end.tags).filter((t) => t.startsWith('prop:'))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('kmalloc_nolock never spins, never sleeps and never deadlocks, whatever it interrupts', () => {
    const point = fc.constantFrom('pcs_locked', 'list_lock_held', 'page_alloc', 'barn_locked');
    let interrupted = 0;
    fc.assert(
      fc.property(config, size, point, fc.integer({ min: 1, max: 9000 }), fc.constantFrom('0', '__GFP_ZERO', '__GFP_ACCOUNT'), fc.constantFrom('nmi', 'hardirq'), (cfg, outerSize, at, innerSize, gfp, ctx) => {
        // Drain the sheaves first so the outer allocation reaches the slow path and the page allocator.
        const drain = Array.from({ length: 70 }, (_, i) => ({ op: 'kmalloc', size: outerSize, gfp: 'GFP_KERNEL', as: `d${i}` }));
        const obs = run(stageIdx, {
          config: cfg,
          ops: [
            ...drain,
            { op: 'hold_lock', lock: 'list_lock', cache: 'kmalloc-64', node: 0, cpu: 1 },
            { op: 'kmalloc', size: outerSize, gfp: 'GFP_KERNEL', inject: [{ at, context: ctx, ops: [{ op: 'kmalloc_nolock', size: innerSize, gfp, as: 'n' }] }] },
            { op: 'kmalloc_nolock', size: innerSize, gfp, context: 'nmi', as: 'm' },
          ],
        });
        if (obs.ops.some((x) => x.index.includes('/inject'))) interrupted++;
        for (const o of obs.ops.filter((x) => x.op === 'kmalloc_nolock')) {
          expect(o.status, o.index).not.toBe('aborted');
          for (const e of o.events) expect(forbiddenForNolock(e), `${o.index}: ${slabDomain.render.event(e)}`).toBe(false);
        }
      }),
      {
        numRuns: RUNS * 2,
        // An NMI at the per-CPU sheaves lock always comes in: the property is never vacuous.
        examples: [[{ seed: 1, memcg: false, profiling: false, initOnAlloc: false, boot: 'running', kfence: { enabled: false, sampleInterval: 0 } }, 64, 'pcs_locked', 64, '0', 'nmi']],
      },
    );
    // The property is only meaningful if interrupts really came in while locks were held.
    expect(interrupted).toBeGreaterThan(0);
  });

  it('bulk allocation returns the requested number of distinct objects, or nothing', () => {
    fc.assert(
      fc.property(config, cacheName, fc.integer({ min: 1, max: 150 }), anyGfp, (cfg, cache, count, gfp) => {
        const obs = run(stageIdx, { config: cfg, caches: CACHES, ops: [{ op: 'kmem_cache_alloc_bulk', cache, gfp, count, as: 'b' }] });
        const o = obs.ops[0];
        const objs = o.objects;
        expect(o.status).toBe('ran');
        if (o.result?.kind === 'bool' && o.result.value) {
          expect(objs.length).toBe(count);
          expect(objs.every((x) => x.kind !== 'NULL')).toBe(true);
        } else {
          expect(o.result).toEqual({ kind: 'bool', value: false });
          expect(objs).toEqual([]);
        }
        expect(obs.end.invariants).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
