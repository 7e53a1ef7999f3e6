// explore: generated scenarios are valid, the run is deterministic, "no functional change" steps
// show no finding on generated scenarios, and a written finding replays as an ordinary scenario.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { addShrunkSignatures, explore, exploreShard, type ExploreProgress, judgeNeighbour, mergeShards, neighbourCandidates, shrinkChange, shrinkSignature, simplest, sortedFirst, withSignatures } from '../src/harness/explore.ts';
import { approvalMatches } from '../src/harness/check.ts';
import { loadApproved } from '../src/cli/approvals.ts';
import { runScenario } from '../src/harness/runner.ts';
import { stageInfos } from '../src/harness/series.ts';
import { barnCycle, scenarioArbitrary, scenarioNeighbours, scenarioSimpler, sheafCapacityOf, type GeneratedScenario } from '../src/slab/arbitrary.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { OPS } from '../src/slab/ops.ts';
import { rfc } from '../src/series/rfc/index.ts';
import { GFP_COMBINATION_NAMES, GFP_EXTRA_PARSE_NAMES, TRACE_GFP_FLAGS_GENERAL, __GFP_RECLAIM, gfpParseTable, parseGfp } from '../src/kernel/gfp.ts';
import { inProcess } from './support/cli.ts';
import { coverageGaps, coverageLines, findingLines, progressLine, splitTime, type WrittenFinding } from '../src/cli/explore-command.ts';

const ROOT = join(import.meta.dirname, '..');
const GFP_TABLE = gfpParseTable(GFP_COMBINATION_NAMES, TRACE_GFP_FLAGS_GENERAL, GFP_EXTRA_PARSE_NAMES);
/** A mask without either reclaim bit, by the kernel's gfp names (a name the base does not know: no). */
function weakMask(g: unknown): boolean {
  try {
    return typeof g === 'string' && (parseGfp(g, GFP_TABLE) & __GFP_RECLAIM) === 0;
  } catch {
    return false;
  }
}
const base = { domain: slabDomain, stages: rfc.stages, infos: stageInfos(rfc), arbitrary: scenarioArbitrary() as unknown as fc.Arbitrary<Record<string, unknown>>, approved: [] };
const tmp: string[] = [];
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

/**
 * The caller rules the generator claims (src/slab/arbitrary.ts names the kernel's rules), checked on
 * generated scenarios and on their neighbours; counts what the rules leave in.
 */
function expectValidUses(docs: readonly GeneratedScenario[], counts = { irqAllocs: 0, nolockFrees: 0, destroys: 0 }) {
  const NOLOCK_OK = new Set(['0', '__GFP_ZERO', '__GFP_ACCOUNT', '__GFP_NO_OBJ_EXT']);
  const terms = (g: unknown) => String(g).split('|');
  const sleeps = (g: unknown) => terms(g).some((t) => ['GFP_KERNEL', 'GFP_KERNEL_ACCOUNT', '__GFP_DIRECT_RECLAIM', '__GFP_RECLAIM'].includes(t));
  for (const d of docs) {
    const ctor = new Set(d.caches.filter((c) => c.ctor).map((c) => c.name));
    const how = new Map<string, string>();
    const check = (o: Record<string, unknown>, ctx: string) => {
      const op = o.op as string;
      if (op === 'kmalloc_nolock' || (op === 'kmalloc_flags' && String(o.alloc_flags).includes('TRYLOCK'))) expect(terms(o.gfp).every((t) => NOLOCK_OK.has(t)), `${op} ${o.gfp}`).toBe(true);
      if (ctx !== 'task' && o.gfp !== undefined) {
        expect(sleeps(o.gfp), `${op} ${o.gfp} in ${ctx}`).toBe(false);
        counts.irqAllocs++;
      }
      // alloc_pages_nolock(): "opportunistic reentrant allocation from any context".
      if (ctx === 'nmi') expect(['kmalloc_nolock', 'kfree_nolock', 'alloc_pages_nolock'], `${op} in NMI`).toContain(op);
      if (ctx === 'hardirq' && d.config.preemptRt) expect(['kmalloc_nolock', 'kfree_nolock', 'alloc_pages_nolock'], `${op} in hardirq on PREEMPT_RT`).toContain(op);
      if (op === 'kvmalloc') expect(ctx).toBe('task');
      if (typeof o.cache === 'string' && ctor.has(o.cache)) {
        expect(op).not.toBe('kmem_cache_zalloc');
        if (o.gfp !== undefined) expect(terms(o.gfp)).not.toContain('__GFP_ZERO');
      }
    };
    for (const o of d.ops) {
      check(o, (o.context as string | undefined) ?? 'task');
      for (const inj of (o.inject as { context: string; ops: Record<string, unknown>[] }[] | undefined) ?? []) for (const x of inj.ops) check(x, inj.context);
      const op = o.op as string;
      if (typeof o.as === 'string') how.set(o.as, op === 'alloc_pages' || op === 'alloc_pages_nolock' ? 'page' : op === 'kmalloc_flags' ? (String(o.alloc_flags).includes('NO_RECURSE') || terms(o.gfp).includes('__GFP_NO_OBJ_EXT') ? 'kept' : String(o.alloc_flags).includes('TRYLOCK') ? 'nolock' : 'plain') : terms(o.gfp).includes('__GFP_NO_OBJ_EXT') ? 'kept' : op === 'kmalloc_nolock' ? 'nolock' : op === 'kvmalloc' ? 'kv' : 'plain');
      // Pages go back with free_pages() only, and only pages do; ksize() is for kmalloc memory.
      if (op === 'free_pages') expect(how.get(o.obj as string)).toBe('page');
      if (op === 'ksize') expect(['kv', 'page']).not.toContain(how.get(o.obj as string));
      const freed = typeof o.obj === 'string' && ['kfree', 'kfree_nolock', 'kvfree', 'kmem_cache_free', 'krealloc', 'kmem_cache_charge'].includes(op) ? how.get(o.obj) : undefined;
      if (freed === undefined) continue;
      expect(freed, `${op} of a page`).not.toBe('page');
      if (op === 'kmem_cache_charge') continue;
      expect(freed, `${op} of a __GFP_NO_OBJ_EXT/NO_RECURSE object`).not.toBe('kept');
      if (op === 'kfree_nolock') {
        expect(freed).toBe('nolock');
        counts.nolockFrees++;
      }
      if (freed === 'kv') expect(op).toBe('kvfree');
    }
    for (const o of d.ops) if (o.op === 'kmem_cache_charge') expect(how.get(o.obj as string)).not.toBe('kv');
    // kmem_cache_destroy() comes last, of an own cache nothing uses afterwards, with every object
    // allocated from it freed (by handle, bulk or sheaf) and no sheaf kept by a refill.
    d.ops.forEach((o, i) => {
      if (o.op !== 'kmem_cache_destroy') return;
      expect(String(o.cache)).toMatch(/^c\d$/);
      const rest = d.ops.slice(i + 1);
      expect(rest.every((x) => x.op === 'kmem_cache_destroy' && x.cache !== o.cache)).toBe(true);
      const before = d.ops.slice(0, i);
      const made = before.filter((x) => x.cache === o.cache && typeof x.as === 'string' && x.op !== 'kmem_cache_prefill_sheaf' && x.op !== 'kmem_cache_alloc_bulk').map((x) => x.as as string);
      for (const h of made) expect(before.some((x) => x.obj === h && (x.op === 'kmem_cache_free' || x.op === 'kfree' || x.op === 'kfree_nolock')), `${h} of ${o.cache} freed before the destroy`).toBe(true);
      expect(before.some((x) => x.op === 'kmem_cache_refill_sheaf' && x.cache === o.cache)).toBe(false);
      counts.destroys++;
    });
  }
  return counts;
}

/** explore seed 3, 4 runs, step 13 judged: run once, for the tests that compare with it. */
let seed3: ReturnType<typeof explore> | undefined;
const seed3Step13 = () => (seed3 ??= explore({ ...base, seed: 3, runs: 4, onlySteps: new Set([13]) }));

describe('explore', () => {
  it('generates only scenarios the loader accepts', () => {
    const docs = fc.sample(scenarioArbitrary(), { seed: 11, numRuns: 300 });
    for (const [i, d] of docs.entries()) expect(() => slabDomain.parseScenario({ ...d, name: `g-${i}` }, `g-${i}.json`, rfc.stages)).not.toThrow();
    // The generator reaches every op kind it is meant to (the coverage explore reports).
    const ops = new Set(docs.flatMap((d) => d.ops.map((o) => o.op as string)));
    // Every op of the table (src/slab/ops.ts) a caller of the slab and page allocators uses, and the
    // machine events; not the scenario-writer's own tools (hold/release of a lock come together).
    for (const op of OPS.map((o) => o.name)) expect(ops, op).toContain(op);
    const points = new Set(docs.flatMap((d) => d.ops.flatMap((o) => ((o.inject as { at: string }[] | undefined) ?? []).map((x) => x.at))));
    expect([...points].sort()).toEqual(['barn_locked', 'list_lock_held', 'page_alloc', 'pcs_locked']);
  });

  // barn_replace_empty_sheaf() (mm/slub.c) takes the barn lock only when the CPU's main and spare
  // sheaves are empty and the barn holds a full sheaf; it takes it with spin_lock_irqsave() (or
  // spin_trylock_irqsave()), so only an NMI comes in there. No template reached it before the
  // barn cycle (explore's coverage never showed the point fire).
  it('reaches the barn: a generated barn cycle takes a full sheaf from the barn, where an NMI fires and other interrupts are masked', () => {
    // calculate_sheaf_capacity(): 60 pointers below 256-byte objects, 26 below 1 KiB, each rounded up
    // to fill the sheaf's kmalloc bucket (32-byte header: 512 and 256 bytes); none for debug caches.
    expect([sheafCapacityOf(16, [], false), sheafCapacityOf(64, [], false), sheafCapacityOf(200, [], false), sheafCapacityOf(700, [], false)]).toEqual([60, 60, 60, 28]);
    expect(sheafCapacityOf(200, ['SLAB_HWCACHE_ALIGN'], false)).toBe(28);
    expect(sheafCapacityOf(64, ['SLAB_RED_ZONE'], false)).toBe(0);
    // Frees past main and spare put the rest in the barn; the allocations after them empty both.
    expect(barnCycle(28, 0, 0, 0)).toEqual({ free: 57, drain: 29 });
    expect(barnCycle(60, 1, 4, 1)).toEqual({ free: 185, drain: 125 });
    const docs = fc.sample(scenarioArbitrary(), { seed: 7, numRuns: 3000 });
    const cycles = docs.filter((d) => d.ops.some((o, i) => o.op === 'kmem_cache_alloc' && ((o.inject as { at: string }[] | undefined) ?? []).some((x) => x.at === 'barn_locked') && d.ops[i - 2]?.op === 'kmem_cache_free_bulk'));
    expect(cycles.length).toBeGreaterThan(10);
    let reached = 0;
    let fired = 0;
    for (const [i, d] of cycles.entries()) {
      const ob = runScenario(slabDomain, rfc.stages[0], slabDomain.parseScenario({ ...d, name: `barn-${i}` }, `barn-${i}.json`, rfc.stages));
      const at = ob.ops.flatMap((o) => o.events).filter((e) => e.kind === 'injection' && e.at === 'barn_locked');
      if (at.length) reached++;
      for (const e of at) {
        if (e.kind !== 'injection') continue;
        expect(e.fired, `${e.context} at barn_locked`).toBe(e.context === 'nmi');
        if (e.fired) fired++;
      }
    }
    // Most cycles get there (not all: kmalloc-64's sheaves also serve the boot's allocations, and a
    // slub_debug configuration takes a cache's sheaves away).
    expect(reached / cycles.length).toBeGreaterThan(0.5);
    expect(fired).toBeGreaterThan(0);
  });

  it('reports coverage gaps: op kinds that never ran, injection points where nothing fired', () => {
    const ran = Object.fromEntries(OPS.map((o) => [o.name, 1]));
    delete ran.kmem_cache_charge;
    const g = coverageGaps({ ops: ran, events: { injection: 3 }, decisions: { 'injection pcs_locked': 2, 'injection barn_locked masked': 1, 'lock spin n->list_lock': 4 } });
    expect(g.ops).toEqual({ ran: OPS.length - 1, of: OPS.length, never: ['kmem_cache_charge'] });
    // A masked injection did not run its operations: the point counts as never fired.
    expect(g.points).toEqual({ fired: ['pcs_locked'], never: ['barn_locked', 'list_lock_held', 'page_alloc'] });
    expect(g.decisions).toBe(3);
    expect(coverageLines({ ops: ran, events: { injection: 3 }, decisions: { 'injection pcs_locked': 2 } })[0]).toMatch(/^coverage: \d+ of \d+ op kinds ran \(never: kmem_cache_charge\); injection points fired: pcs_locked \(never: barn_locked list_lock_held page_alloc\); 1 distinct decision points seen/);
  });

  // The generator claims valid API use only (src/slab/arbitrary.ts names the kernel's rules); a
  // finding on a misuse would be about the caller, not about the series.
  it('generates only valid uses of the API', () => {
    const docs = fc.sample(scenarioArbitrary(), { seed: 7, numRuns: 600 });
    const counts = expectValidUses(docs);
    const { irqAllocs, nolockFrees, destroys } = counts;
    // The rules restrict, they do not remove: interrupt-context allocations and kfree_nolock() remain.
    expect(irqAllocs).toBeGreaterThan(20);
    expect(nolockFrees).toBeGreaterThan(5);
    expect(destroys).toBeGreaterThan(5);
  });

  // The slack past a requested size holds an earlier caller's data only where a slot was used and
  // freed first: the generator makes that case (kmalloc, write, kfree, then an allocation from the
  // same kmalloc bucket, which takes the slot from the CPU's sheaf), and the model shows the data.
  it("generates kmalloc red zoning with orig_size tracking, where init_on_free keeps the baseline's red zone", () => {
    // slub_debug=ZU on the kmalloc caches without P: the red zone past a kmalloc()'s orig_size is kept
    // when init_on_free zeroes the freed object (mm/slub.c slab_free_hook() zeroes orig_size bytes
    // only), so a later allocation of the slot sees red-zone bytes: a zeroing.init-on-free violation
    // of the base kernel. From the random flag sets alone, one configuration in about 160 had it.
    const docs = fc.sample(scenarioArbitrary(), { seed: 7, numRuns: 12000 });
    const redzoned = docs.filter((d) => {
      const sd = d.config.slubDebug as { flags: string[]; caches: string[] } | undefined;
      return !!sd && sd.flags.includes('Z') && sd.flags.includes('U') && !sd.flags.includes('P') && sd.caches.includes('kmalloc-*');
    });
    expect(redzoned.length).toBeGreaterThan(docs.length / 40);
    // Under each generated such configuration with init_on_free (without init_on_alloc, which zeroes the
    // new allocation's requested bytes and so hides the red zone, and without KFENCE, which may take the
    // allocation), the base kernel shows it for a slot reused as the reused-slot template writes it.
    // (Whether a generated scenario also draws that template there is left to the bench's rediscovery:
    // of 24,000 generated with seed 7, one showed the violation, too rare for a test's sample.)
    const withIof = redzoned.filter((d) => d.config.initOnFree && !d.config.initOnAlloc && !(d.config.kfence as { enabled?: boolean } | undefined)?.enabled);
    expect(withIof.length).toBeGreaterThan(20);
    const reuse = [
      { op: 'kmalloc', size: 100, gfp: 'GFP_KERNEL', as: 'a' },
      { op: 'write', obj: 'a', offset: 0, length: 100, value: 7 },
      { op: 'kfree', obj: 'a' },
      { op: 'kmalloc', size: 120, gfp: 'GFP_KERNEL', as: 'b' },
    ];
    const shown = withIof.filter((d) => {
      const sc = slabDomain.parseScenario({ ...d, caches: [], ops: reuse }, `${d.name}.json`, rfc.stages);
      const obs = runScenario(slabDomain, rfc.stages[0], sc);
      return slabDomain.contracts(obs).some((v) => slabDomain.contractSignature(v, obs).startsWith('zeroing.init-on-free @kmalloc '));
    });
    // Every one of them: the generated boot phase, node count, memcg and the rest do not hide it.
    expect(shown.length).toBe(withIof.length);
  });
  it('generates reused slots: an object from the bucket of one written and freed just before, its slack holding that data', () => {
    const docs = fc.sample(scenarioArbitrary(), { seed: 7, numRuns: 1500 });
    const bucket = (n: number) => [8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192].find((b) => n <= b);
    // Any caller that allocates from that kmalloc cache takes the slot (the CPU's sheaf is LIFO).
    const takers = ['kmalloc', 'kzalloc', 'kmalloc_nolock', 'kmem_cache_alloc', 'kmem_cache_alloc_bulk'];
    const reused = docs.flatMap((d) =>
      d.ops.flatMap((o, i) => {
        const [w, f, next] = [d.ops[i + 1], d.ops[i + 2], d.ops[i + 3]];
        const pattern = o.op === 'kmalloc' && w?.op === 'write' && w.obj === o.as && w.length === o.size && f?.op === 'kfree' && f.obj === o.as && takers.includes(String(next?.op));
        return pattern ? [{ d, first: o.size as number, second: next.size as number | undefined, at: i + 3 }] : [];
      }),
    );
    expect(reused.length).toBeGreaterThan(10);
    const accounted = (g: unknown) => /__GFP_ACCOUNT|GFP_KERNEL_ACCOUNT/.test(String(g));
    // kmalloc_type() and kmalloc_slab(): the cache a kmalloc() of n bytes with that mask uses.
    const cacheOf = (n: number, g: unknown) => {
      const b = bucket(n)!;
      return `kmalloc-${accounted(g) ? 'cg-' : ''}${b >= 1024 ? `${b / 1024}k` : b}`;
    };
    for (const r of reused) {
      const next = r.d.ops[r.at];
      if (r.second !== undefined) expect(bucket(r.second), JSON.stringify(r)).toBe(bucket(r.first));
      // the same kmalloc caches: kmalloc-cg-* for both or for neither
      expect(accounted(r.d.ops[r.at - 3].gfp)).toBe(accounted(next.gfp));
      if (next.op === 'kmem_cache_alloc' || next.op === 'kmem_cache_alloc_bulk') expect(next.cache, JSON.stringify(r.d.ops.slice(r.at - 3, r.at + 1))).toBe(cacheOf(r.first, next.gfp));
    }
    expect(new Set(reused.map((r) => r.d.ops[r.at].op))).toEqual(new Set(takers));
    // A plain kmalloc() whose request is shorter than the freed one's, without init_on_alloc or
    // init_on_free: its bytes from the request to the old length are the written value, not zero.
    const shown = reused.find((r) => r.second !== undefined && r.second < r.first && r.d.ops[r.at].op === 'kmalloc' && !r.d.config.initOnAlloc && !r.d.config.initOnFree && !r.d.config.slubDebug && !String(r.d.ops[r.at].gfp).includes('__GFP_ZERO') && !(r.d.config.kfence as { enabled?: boolean } | undefined)?.enabled && r.d.ops[r.at].context === undefined && r.d.ops.slice(0, r.at - 3).every((o) => o.op !== 'hold_lock'));
    expect(shown).toBeDefined();
    const tail = (ops: GeneratedScenario['ops']) => {
      const sc = slabDomain.parseScenario({ ...shown!.d, name: 'reused', ops }, 'reused.json', rfc.stages);
      const last = runScenario(slabDomain, rfc.stages[0], sc).ops.at(-1)!;
      return last.objects[0]?.bytes?.tail;
    };
    const ops = shown!.d.ops.slice(0, shown!.at + 1);
    const withData = tail(ops);
    const without = tail(ops.filter((_, i) => i !== shown!.at - 2)); // the same without the write
    expect(withData?.length, JSON.stringify(ops.slice(-4))).toBeGreaterThan(0);
    expect(withData?.zero).toBe(false);
    expect(withData?.digest, JSON.stringify({ cfg: shown!.d.config, ops })).not.toBe(without?.digest);
  });

  // The base's init_on_free red zone (mm/slub.c slab_free_hook() zeroes only orig_size bytes and keeps
  // the red zone, slub_debug=ZU on the kmalloc caches) is met by every caller that takes the slot,
  // kmem_cache_alloc() of the kmalloc cache included: what the reused slot's other takers are for.
  it('a kmem_cache_alloc() taking a freed red-zoned kmalloc slot under init_on_free gets red-zone bytes (the base)', () => {
    const doc = {
      name: 'redzone-taker',
      description: 'a kmalloc-128 slot freed under init_on_free with its red zone kept, taken by kmem_cache_alloc()',
      config: { initOnFree: true, slubDebug: { flags: ['Z', 'U'], caches: ['kmalloc-*'] } },
      ops: [
        { op: 'kmalloc', size: 100, gfp: 'GFP_KERNEL', as: 'a' },
        { op: 'write', obj: 'a', offset: 0, length: 100, value: 7 },
        { op: 'kfree', obj: 'a' },
        { op: 'kmem_cache_alloc', cache: 'kmalloc-128', gfp: 'GFP_KERNEL', as: 'b' },
      ],
    };
    const obs = runScenario(slabDomain, rfc.stages[0], slabDomain.parseScenario(doc, 'redzone-taker.json', rfc.stages));
    expect(obs.ops[3].objects[0]?.cache).toBe('kmalloc-128');
    expect(slabDomain.contracts(obs).map((v) => slabDomain.contractSignature(v, obs))).toContain('zeroing.init-on-free @kmem_cache_alloc [task reclaim kmalloc]');
    // Without red zoning init_on_free zeroes the whole object: nothing to see.
    const plain = runScenario(slabDomain, rfc.stages[0], slabDomain.parseScenario({ ...doc, config: { initOnFree: true } }, 'redzone-taker.json', rfc.stages));
    expect(slabDomain.contracts(plain)).toEqual([]);
  });

  // Neighbours (explore --neighbours) keep the generator's caller rules: one change, never a misuse.
  it('gives neighbours the loader accepts, under the same caller rules, each one change away', () => {
    const docs = fc.sample(scenarioArbitrary(), { seed: 13, numRuns: 100 });
    const kinds = new Set<string>();
    const near: GeneratedScenario[] = [];
    for (const d of docs) {
      const ns = scenarioNeighbours(d as unknown as Record<string, unknown>);
      const keys = new Set(ns.map((n) => JSON.stringify(n.doc)));
      expect(keys.size, 'no neighbour twice').toBe(ns.length);
      for (const n of ns) {
        expect(JSON.stringify(n.doc)).not.toBe(JSON.stringify(d));
        // Only what the change names differs: the configuration, or the operations, or (a later
        // caller) operations appended and what their check needs switched on.
        const changed = JSON.stringify(n.doc.config) !== JSON.stringify(d.config);
        const later = n.change.startsWith('later ');
        // A contended list_lock: a hold_lock and its release around one or two operations, nothing else.
        const held = n.change.includes('n->list_lock held by CPU 1');
        if (held) {
          expect(changed).toBe(false);
          const ops = n.doc.ops as Record<string, unknown>[];
          const h = ops.findIndex((x) => x.op === 'hold_lock');
          const r = ops.findIndex((x) => x.op === 'release_lock');
          expect(d.ops.some((x) => x.op === 'hold_lock')).toBe(false);
          expect([r - h - 1, ops[h].lock, ops[h].cpu, ops[r].cache]).toEqual([r - h === 2 ? 1 : 2, 'list_lock', 1, ops[h].cache]);
          expect(JSON.stringify(ops.filter((_, i) => i !== h && i !== r))).toBe(JSON.stringify(d.ops));
          // A caller without reclaim bits is among those that meet it (the callers RFC 06 tells apart).
          expect(ops.slice(h + 1, r).some((x) => weakMask(x.gfp)), n.change).toBe(true);
        } else if (later) {
          const cfg = n.doc.config as Record<string, unknown>;
          const was = d.config as Record<string, unknown>;
          const switched = Object.keys(cfg).filter((k) => JSON.stringify(cfg[k]) !== JSON.stringify(was[k]));
          for (const k of switched) {
            expect(['initOnAlloc', 'memcg']).toContain(k);
            expect(cfg[k]).toBe(true);
            expect(n.change).toContain(k);
          }
        } else expect(changed, n.change).toBe(n.change.startsWith('config.'));
        // A later caller appends operations (within the 8 of the generator) and changes none before them.
        if (later) {
          expect((n.doc.ops as unknown[]).length).toBeGreaterThan(d.ops.length);
          expect((n.doc.ops as unknown[]).length).toBeLessThanOrEqual(8);
          const ops = n.doc.ops as Record<string, unknown>[];
          const added = ops.length - d.ops.length;
          const at = ops.findIndex((x, i) => JSON.stringify(x) !== JSON.stringify(d.ops[i]));
          expect(JSON.stringify([...ops.slice(0, at), ...ops.slice(at + added)])).toBe(JSON.stringify(d.ops));
          expect(n.priority).toBe(0);
        } else if (!changed && !held) expect((n.doc.ops as unknown[]).length).toBe(d.ops.length);
        if (!later) expect(n.priority).toBe(1);
        kinds.add(n.change.startsWith('config.') ? 'config' : n.change.includes(' gfp ') ? 'gfp' : n.change.includes(' replaced by ') ? 'op' : later ? 'later' : held ? 'held' : n.change);
        near.push(n.doc as unknown as GeneratedScenario);
      }
    }
    expect([...kinds].sort()).toEqual(['config', 'gfp', 'held', 'later', 'op']);
    // What shrinks a neighbour finding keeps the rules too: one operation (or injection) fewer.
    for (const d of docs.slice(0, 40))
      for (const x of scenarioSimpler(d as unknown as Record<string, unknown>)) {
        const n = (x.ops as unknown[]).length;
        expect(n === d.ops.length - 1 || n === d.ops.length - 2 || (n === d.ops.length && JSON.stringify(x.ops).length < JSON.stringify(d.ops).length)).toBe(true);
        near.push(x as unknown as GeneratedScenario);
      }
    for (const [i, d] of near.entries()) expect(() => slabDomain.parseScenario({ ...d, name: `n-${i}` }, `n-${i}.json`, rfc.stages)).not.toThrow();
    expectValidUses(near);
  });

  // RFC 06: get_from_partial_node() spins on a contended n->list_lock by alloc_flags where a caller
  // without reclaim bits used to trylock and give up. kmalloc(3000) is served from kmalloc-4k
  // (kmalloc_slab(): 2048 < 3000 <= 4096); a sheaf struct or a small slab's vector comes from kmalloc-64.
  it('holds a contended n->list_lock of kmalloc-64 or the caller\'s own cache over a caller without reclaim bits, for one operation or two', () => {
    const doc = {
      name: 'x', config: {}, caches: [],
      ops: [{ op: 'kmalloc', size: 3000, gfp: '0', as: 'h0' }, { op: 'kmalloc', size: 40, gfp: 'GFP_KERNEL', as: 'h1' }],
    };
    const held = scenarioNeighbours(doc).filter((n) => n.change.includes('n->list_lock held'));
    expect(held.map((n) => n.change)).toEqual([
      "kmalloc-64's n->list_lock held by CPU 1 over op 0 (kmalloc)",
      "kmalloc-64's n->list_lock held by CPU 1 over op 0 (kmalloc) and the next",
      "kmalloc-4k's n->list_lock held by CPU 1 over op 0 (kmalloc)",
      "kmalloc-4k's n->list_lock held by CPU 1 over op 0 (kmalloc) and the next",
    ]);
    expect(held[2].doc.ops).toEqual([
      { op: 'hold_lock', lock: 'list_lock', node: 0, cpu: 1, cache: 'kmalloc-4k' },
      doc.ops[0],
      { op: 'release_lock', lock: 'list_lock', node: 0, cache: 'kmalloc-4k' },
      doc.ops[1],
    ]);
    // A GFP_KERNEL caller alone under the lock spins at every stage: no neighbour for it. Nor for a
    // scenario that already holds a lock, or one with no room for two more operations.
    expect(scenarioNeighbours({ ...doc, ops: [doc.ops[1]] }).filter((n) => n.change.includes('n->list_lock held'))).toEqual([]);
    expect(scenarioNeighbours({ ...doc, ops: held[0].doc.ops }).filter((n) => n.change.includes('n->list_lock held'))).toEqual([]);
    expect(scenarioNeighbours(doc, 3).filter((n) => n.change.includes('n->list_lock held'))).toEqual([]);
  });

  // The slot a freed kmalloc(97) leaves is in kmalloc-128 (kmalloc_slab(): 96 < 97 <= 128); a
  // kmem_cache_alloc() that is to meet it must allocate from that cache, not only kmalloc-64.
  it('replaces a kmalloc() by the kmem_cache_*() operations on its own kmalloc cache (by size and type) as well as on kmalloc-64', () => {
    const doc = (size: number) => ({
      name: 'x', config: {}, caches: [],
      ops: [{ op: 'kmalloc', size: 97, gfp: 'GFP_KERNEL', as: 'h0' }, { op: 'kfree', obj: 'h0' }, { op: 'kmalloc', size, gfp: '__GFP_NOWARN', as: 'h1' }],
    });
    const cachesOf = (size: number) => scenarioNeighbours(doc(size)).flatMap((n) => {
      const op = (n.doc.ops as Record<string, unknown>[])[2];
      return op.op === 'kmem_cache_alloc' ? [[String(op.cache), String(op.gfp), n.change]] : [];
    });
    expect(cachesOf(98)).toEqual([
      ['kmalloc-64', '__GFP_NOWARN', 'op 2 kmalloc replaced by kmem_cache_alloc'],
      ['kmalloc-128', '__GFP_NOWARN', 'op 2 kmalloc replaced by kmem_cache_alloc(kmalloc-128)'],
    ]);
    // 1025 bytes: kmalloc-2k; 64 bytes: kmalloc-64 once; past kmalloc-8k (the page allocator's): kmalloc-64 only.
    expect(cachesOf(1025).map(([c]) => c)).toEqual(['kmalloc-64', 'kmalloc-2k']);
    expect(cachesOf(64).map(([c]) => c)).toEqual(['kmalloc-64']);
    expect(cachesOf(9000).map(([c]) => c)).toEqual(['kmalloc-64']);
    // An accounted request is served from kmalloc-cg-N (kmalloc_type(): __GFP_ACCOUNT).
    const accounted = (gfp: string) => scenarioNeighbours({ ...doc(98), ops: [...doc(98).ops.slice(0, 2), { op: 'kmalloc', size: 98, gfp, as: 'h1' }] }).flatMap((n) => {
      const op = (n.doc.ops as Record<string, unknown>[])[2];
      return op.op === 'kmem_cache_alloc_bulk' ? [String(op.cache)] : [];
    });
    expect(accounted('GFP_KERNEL_ACCOUNT')).toEqual(['kmalloc-64', 'kmalloc-cg-128']);
    expect(accounted('GFP_ATOMIC|__GFP_ZERO|__GFP_ACCOUNT')).toEqual(['kmalloc-64', 'kmalloc-cg-128']);
    const bulk = scenarioNeighbours(doc(200)).map((n) => (n.doc.ops as Record<string, unknown>[])[2]).filter((o) => o.op !== 'kmalloc' && String(o.op).startsWith('kmem_cache_alloc'));
    expect(bulk.map((o) => `${String(o.op)} ${String(o.cache)}`)).toEqual(['kmem_cache_alloc kmalloc-64', 'kmem_cache_alloc kmalloc-256', 'kmem_cache_alloc_lru kmalloc-64', 'kmem_cache_alloc_lru kmalloc-256', 'kmem_cache_alloc_bulk kmalloc-64', 'kmem_cache_alloc_bulk kmalloc-256']);
  });

  it("judges the domain's lower-priority neighbours first, in the seed's order within a priority (each scenario its own step here)", () => {
    const doc = (k: string) => ({ name: k, config: {}, caches: [], ops: [{ op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL', as: k }] });
    const neighbours = (d: Record<string, unknown>) => {
      const k = String(d.name);
      return [1, 0, 1, 0, 2].map((priority, i) => ({ doc: doc(`${k}${i}`), change: `${k}${i}`, priority }));
    };
    const sorted: [string, { run: number; ms: number; kind: string; stage: string }][] = ['a', 'b', 'c'].map((s, run) => [s, { run, ms: 0, kind: 'regressed', stage: '01' }]);
    const shrunk = ['a', 'b', 'c'].map(doc);
    const all = neighbourCandidates({ ...base, seed: 5, runs: 1, neighbours, neighbourRuns: 100 }, sorted, shrunk);
    const prio = (c: string) => [1, 0, 1, 0, 2][Number(c.slice(1))];
    expect(all.map((c) => prio(c.change))).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2]);
    // Shuffled within a priority (a sample over every scenario, not the neighbours of the first few).
    expect(all.slice(0, 6).map((c) => c.change)).not.toEqual(['a1', 'a3', 'b1', 'b3', 'c1', 'c3']);
    expect(all.slice(0, 6).map((c) => c.change).sort()).toEqual(['a1', 'a3', 'b1', 'b3', 'c1', 'c3']);
    expect(neighbourCandidates({ ...base, seed: 5, runs: 1, neighbours, neighbourRuns: 4 }, sorted, shrunk).map((c) => c.change)).toEqual(all.slice(0, 4).map((c) => c.change));
  });

  it("takes the findings' steps in turn within a priority, so that a step with few findings is not outnumbered", () => {
    const doc = (k: string) => ({ name: k, config: {}, caches: [], ops: [{ op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL', as: k }] });
    const neighbours = (d: Record<string, unknown>) => [0, 0, 1].map((priority, i) => ({ doc: doc(`${String(d.name)}${i}`), change: `${String(d.name)}${i}`, priority }));
    // One finding at 05, three at 13 (RFC 13 changes what every caller sees: hundreds in a real run).
    const sigs = ['05-x regressed a @kmalloc [task reclaim kmalloc]', '13-y regressed b @kmalloc [task reclaim kmalloc]', '13-y regressed c @kmalloc [task reclaim kmalloc]', '13-y regressed d @kmalloc [task reclaim kmalloc]'];
    const sorted: [string, { run: number; ms: number; kind: string; stage: string }][] = sigs.map((s, run) => [s, { run, ms: 0, kind: 'regressed', stage: s.slice(0, 4) }]);
    const names = ['a', 'b', 'c', 'd'];
    const all = neighbourCandidates({ ...base, seed: 5, runs: 1, neighbours, neighbourRuns: 100 }, sorted, names.map(doc));
    const stepOf = (c: { change: string }) => (c.change[0] === 'a' ? '05' : '13');
    const prio = (c: { change: string }) => (c.change.endsWith('2') ? 1 : 0);
    expect(all.map(prio)).toEqual([...Array(8).fill(0), ...Array(4).fill(1)]);
    // Priority 0: 05's two, each after one of 13's; then the rest of 13's. Priority 1 likewise.
    expect(all.map(stepOf)).toEqual(['05', '13', '05', '13', '13', '13', '13', '13', '05', '13', '13', '13']);
    // Within a step, the seed's shuffle (a sample over 13's three scenarios, not the first one's).
    const of13 = all.filter((c) => prio(c) === 0 && stepOf(c) === '13').map((c) => c.change);
    expect([...of13].sort()).toEqual(['b0', 'b1', 'c0', 'c1', 'd0', 'd1']);
    expect(of13).not.toEqual(['b0', 'b1', 'c0', 'c1', 'd0', 'd1']);
  });

  it("takes declared changes' later callers in turn with the findings' neighbours, each step in turn, each scenario once", () => {
    const doc = (k: string) => ({ name: k, config: {}, caches: [], ops: [{ op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL', as: k }] });
    // Priority 0 are the later callers; 'x0' is a neighbour of two bases (judged once).
    const neighbours = (d: Record<string, unknown>) => {
      const k = String(d.name);
      return [...[0, 1, 0, 0].map((priority, i) => ({ doc: doc(`${k}${i}`), change: `${k}${i}`, priority })), { doc: doc('x0'), change: 'x0', priority: 0 }];
    };
    const sorted: [string, { run: number; ms: number; kind: string; stage: string }][] = [['f', { run: 0, ms: 0, kind: 'regressed', stage: '13' }]];
    // Two declared changes at 05 and one at 06; the second 05 one has the same scenario as the finding (skipped).
    const changes: [string, Record<string, unknown>][] = [
      ['05-x declared a @kmalloc [task reclaim kmalloc]', doc('a')],
      ['05-x declared b @kmalloc [task reclaim kmalloc]', doc('f')],
      ['06-y declared c @end', doc('c')],
    ];
    const o = { ...base, seed: 5, runs: 1, neighbours, neighbourRuns: 100 };
    const all = neighbourCandidates(o, sorted, [doc('f')], changes);
    const fromChange = (c: { of: object }) => 'signature' in c.of && String(c.of.signature).includes(' declared ');
    // The finding's neighbours as before (priority order), one declared-change candidate after each.
    expect(all.filter((c) => !fromChange(c)).map((c) => c.change)).toEqual(neighbourCandidates(o, sorted, [doc('f')]).map((c) => c.change));
    expect(all.map(fromChange)).toEqual([false, true, false, true, false, true, false, true, false, true, true]);
    const ofChanges = all.filter(fromChange);
    // Later callers only (priority 0), none already a finding's neighbour or base, 05 and 06 in turn.
    expect(ofChanges.map((c) => c.change).sort()).toEqual(['a0', 'a2', 'a3', 'c0', 'c2', 'c3']);
    expect(ofChanges.map((c) => c.change[0])).toEqual(['a', 'c', 'a', 'c', 'a', 'c']);
    expect(new Set(all.map((c) => c.change)).size).toBe(all.length);
    // The cap counts both kinds.
    expect(neighbourCandidates({ ...o, neighbourRuns: 3 }, sorted, [doc('f')], changes).map((c) => c.change)).toEqual(all.slice(0, 3).map((c) => c.change));
  });

  it('shrinks a lock held over nothing to nothing simpler: the loader refuses a scenario without operations', () => {
    const hold = { op: 'hold_lock', lock: 'list_lock', node: 0, cpu: 1, cache: 'kmalloc-64' };
    const release = { op: 'release_lock', lock: 'list_lock', node: 0, cache: 'kmalloc-64' };
    expect(scenarioSimpler({ name: 'x', config: {}, caches: [], ops: [hold, release] })).toEqual([]);
    const k = { op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL', as: 'h0' };
    expect(scenarioSimpler({ name: 'x', config: {}, caches: [], ops: [hold, k, release] }).map((d) => d.ops)).toEqual([[k], [hold, release]]);
  });

  // fast-check shrinks along the generator's structure and kept operations nothing needed (seeds 883
  // and 885 on mm-unstable: 11 and 7 operations where 8 and 4 showed the same signature).
  it('shrinks past fast-check: no operation or injection of a shrunk finding can be left out with its signature kept', () => {
    const o = { ...base, seed: 3, runs: 4, onlySteps: new Set([13]), simpler: scenarioSimpler };
    const r = explore(o);
    expect(r.findings.length).toBeGreaterThan(0);
    for (const f of r.findings) for (const c of scenarioSimpler(f.scenario)) expect(judgeNeighbour(o, c)!.map(([s]) => s), `${f.signature}: ${JSON.stringify(c.ops)}`).not.toContain(f.signature);
  });

  // The greedy pass shrinks for one signature, and may leave out the operation behind a side
  // signature that fast-check's longer shrunk scenario showed (seed 7, 3,000 runs: 600 signatures
  // instead of 618 until the longer scenarios were judged too).
  it("keeps a side signature only fast-check's longer shrunk scenario shows, shrunk for itself", () => {
    const o = { ...base, seed: 7, runs: 1, onlySteps: new Set([14]), simpler: scenarioSimpler };
    const longer = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'explore-greedy-drops-side.json'), 'utf8')) as Record<string, unknown>;
    const primary = '14-no-recurse-for-sheaves regressed nesting deeper @kmalloc [irq no-reclaim kmalloc]';
    const side = '14-no-recurse-for-sheaves regressed event appeared alloc_tag inaccurate @kmalloc [irq no-reclaim kmalloc]';
    const first = { run: 475, ms: 1, kind: 'regressed', stage: '14-no-recurse-for-sheaves' };
    const sigs = (doc: Record<string, unknown>) => judgeNeighbour(o, doc)!.map(([s]) => s);
    expect(sigs(longer)).toEqual(expect.arrayContaining([primary, side]));
    const greedy = simplest(o, longer, primary, first.stage);
    expect((greedy.ops as unknown[]).length).toBeLessThan((longer.ops as unknown[]).length);
    expect(sigs(greedy)).not.toContain(side);
    expect(addShrunkSignatures(o, [[primary, first]], [{ doc: greedy }]).sorted.map(([s]) => s)).not.toContain(side);
    const r = addShrunkSignatures(o, [[primary, first]], [{ doc: greedy, unsimplified: longer }]);
    const i = r.sorted.findIndex(([s]) => s === side);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(r.sorted[i][1]).toMatchObject({ run: 475, stage: first.stage });
    // Its scenario shows it, and nothing simpler does; the primary keeps the greedy scenario.
    const doc = r.shrunk[i]!;
    expect(sigs(doc)).toContain(side);
    for (const c of scenarioSimpler(doc)) expect(sigs(c)).not.toContain(side);
    expect(r.shrunk[r.sorted.findIndex(([s]) => s === primary)]).toBe(greedy);
    // Every signature the longer scenario shows is listed.
    for (const s of sigs(longer)) expect(r.sorted.map(([x]) => x)).toContain(s);
  });

  it('judges neighbours of the shrunk scenarios: a signature only a neighbour shows is a finding with that neighbour, deterministically', () => {
    const o = { ...base, seed: 3, runs: 4, onlySteps: new Set([13]), neighbours: scenarioNeighbours, neighbourRuns: 15, simpler: scenarioSimpler };
    const plain = seed3Step13();
    const a = explore(o);
    expect(plain.neighbourRuns).toBe(0);
    expect(a.neighbourRuns).toBe(15);
    // Neighbours add signatures; they take none away.
    const before = new Set(plain.findings.map((f) => f.signature));
    for (const s of before) expect(a.findings.map((f) => f.signature)).toContain(s);
    const added = a.findings.filter((f) => f.neighbourOf);
    expect(added.length).toBeGreaterThan(0);
    for (const f of added) {
      expect(before.has(f.signature)).toBe(false);
      // It neighbours a finding's shrunk scenario, or a declared change's (of the step explored).
      const of = f.neighbourOf!.signature;
      if (!before.has(of)) expect(of).toMatch(/^13-\S+ declared /);
      // The written scenario shows its signature when judged again, as a generated run's does, and
      // is shrunk: nothing simpler shows it.
      expect(judgeNeighbour(o, f.scenario)!.map(([s]) => s)).toContain(f.signature);
      for (const x of scenarioSimpler(f.scenario)) expect(judgeNeighbour(o, x)!.map(([s]) => s)).not.toContain(f.signature);
      expect(f.firstRun).toBeGreaterThanOrEqual(a.runs);
    }
    const b = explore(o);
    expect(JSON.stringify(b.findings.map(({ firstMs: _, ...f }) => f))).toBe(JSON.stringify(a.findings.map(({ firstMs: _, ...f }) => f)));
  });

  // --time is what a user gives explore: without --neighbours its last two fifths judge neighbours.
  it('gives the last two fifths of --time to neighbours, and all of it to generation with --neighbours', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-explore-time-'));
    tmp.push(dir);
    const run = async (out: string, ...extra: string[]) => {
      // Step 01, whose findings come early and shrink fast: with --stage only the named steps' stages
      // run, so 2 s generate ~200 scenarios, and on 04 or 13 shrinking their findings (17 and ~25
      // signatures) took the neighbours' time.
      const r = await inProcess('explore', '--seed', '3', '--time', '2s', '--stage', '01', '--json', '--out', join(dir, out), ...extra);
      expect([0, 1], r.stderr).toContain(r.status);
      return JSON.parse(r.stdout) as { runMs: number; neighbourRuns: number; findings: { neighbourOf?: unknown }[] };
    };
    // On worker threads (the neighbours judged are counted as they come back) and on this one.
    const split = await run('split', '--jobs', '2');
    const all = await run('all', '--neighbours', '0', '--jobs', '1');
    expect(split.findings.length).toBeGreaterThan(0);
    expect(split.neighbourRuns).toBeGreaterThan(0);
    expect(all.neighbourRuns).toBe(0);
    expect(all.findings.filter((f) => f.neighbourOf)).toEqual([]);
    expect(split.runMs).toBeGreaterThanOrEqual(1200);
    expect(all.runMs).toBeGreaterThanOrEqual(2000);
    // Three fifths generate, the last two fifths judge neighbours; --neighbours N (even 0) or
    // --runs: all of the time (or none given) generates.
    expect(splitTime(120_000, false)).toEqual({ generateMs: 72_000, neighbourMs: 48_000 });
    expect(splitTime(2_000, false)).toEqual({ generateMs: 1_200, neighbourMs: 800 });
    expect(splitTime(1, false)).toEqual({ generateMs: 1, neighbourMs: 0 });
    expect(splitTime(120_000, true)).toEqual({ generateMs: 120_000 });
    expect(splitTime(undefined, false)).toEqual({ generateMs: undefined });
  });

  // v3 renames SLAB_ALLOC_TRYLOCK to SLAB_ALLOC_NOLOCK: the generator uses the series' name, or
  // v3's loader refuses the scenario (which once ended explore --series v3 silently after 20 runs).
  it('generates scenarios v3 loads, with v3 names', async () => {
    const { v3 } = await import('../src/series/v3/index.ts');
    const docs = fc.sample(scenarioArbitrary(8, { nolock: 'SLAB_ALLOC_NOLOCK' }), { seed: 11, numRuns: 300 });
    for (const [i, d] of docs.entries()) expect(() => slabDomain.parseScenario({ ...d, name: `g-${i}` }, `g-${i}.json`, v3.stages)).not.toThrow();
    expect(docs.some((d) => d.ops.some((o) => String(o.alloc_flags ?? '').includes('SLAB_ALLOC_NOLOCK')))).toBe(true);
  });

  // A generated scenario the model or loader throws on must stop explore loudly, not end it early.
  it('does not swallow an exception of a run', () => {
    const broken = { ...base, stages: rfc.stages, seed: 1, runs: 5, arbitrary: fc.constant({ description: 'broken', ops: [{ op: 'no_such_op' }] }) as unknown as fc.Arbitrary<Record<string, unknown>> };
    expect(() => exploreShard(broken)).toThrow(/explore run 0 failed: .*no_such_op/);
  });

  // RFC 02, 03, 09, 11 and 12 are "no functional change intended" (spec series-rfc.md): a finding
  // there on any generated scenario is a bug in the model or the judge.
  it('finds nothing on the no-functional-change steps', () => {
    const r = explore({ ...base, seed: 5, runs: 60, onlySteps: new Set([2, 3, 9, 11, 12]) });
    expect(r.runs).toBe(60);
    expect(r.findings.map((f) => f.signature)).toEqual([]);
  });

  it('is deterministic: same seed, same findings and shrunk scenarios', () => {
    const a = seed3Step13();
    const b = explore({ ...base, seed: 3, runs: 4, onlySteps: new Set([13]) });
    expect(a.findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(b.findings.map(({ firstMs: _, ...f }) => f))).toBe(JSON.stringify(a.findings.map(({ firstMs: _, ...f }) => f)));
  });

  // Worker threads each judge run i mod N: together they must judge exactly the runs one thread
  // judges, each signature at the same (lowest) run.
  it('shards add up to the single-thread exploration', () => {
    const o = { ...base, seed: 3, runs: 6, onlySteps: new Set([4, 13]) };
    const one = mergeShards([exploreShard(o, 0, 1)]);
    const two = mergeShards([exploreShard(o, 0, 2), exploreShard(o, 1, 2)]);
    expect(two.runs).toBe(6);
    expect(one.first.size).toBeGreaterThan(0);
    const plain = (m: typeof one) => [...m.first].map(([s, f]) => [s, f.run, f.kind, f.stage]).sort();
    expect(plain(two)).toEqual(plain(one));
    expect(two.coverage).toEqual(one.coverage);
    // Declared changes are kept only when neighbours will be judged (they are only their bases).
    expect(one.changes.size).toBe(0);
  });

  // --stage runs only the named steps' two stages each (stagesToRun): what it finds there must be
  // exactly what judging every stage finds on those steps, each signature at the same run.
  it('finds on the steps --stage names exactly what a run of every step finds there', () => {
    const steps = new Set([4, 13]);
    const only = mergeShards([exploreShard({ ...base, seed: 3, runs: 6, onlySteps: steps }, 0, 1)]);
    const every = mergeShards([exploreShard({ ...base, seed: 3, runs: 6 }, 0, 1)]);
    const plain = (m: typeof only) => [...m.first].filter(([, f]) => steps.has(Number(f.stage.slice(0, 2)))).map(([s, f]) => [s, f.run, f.kind, f.stage]).sort();
    expect(plain(only).length).toBeGreaterThan(0);
    expect(plain(only)).toEqual(plain(every));
    // And it ran fewer stages: stages 03, 04, 12 and 13 only (coverage counts their operations).
    const ran = (m: typeof only) => Object.values(m.coverage.ops).reduce((a, b) => a + b, 0);
    expect(ran(only)).toBeLessThan(ran(every) / 2);
  });

  // Shrinking remembers the scenarios it judged (judgeMemo): the signatures of one run start from
  // the same scenario. What it remembers must be what judging again gives, on the right step.
  it('shrinks each signature as a fresh exploration does, after the others of its run', () => {
    const o = { ...base, seed: 9, runs: 4, onlySteps: new Set([4, 13]) };
    const sorted = sortedFirst(mergeShards([exploreShard(o, 0, 1)]).first);
    // One run's signatures on both steps, each shrunk in the same exploration and in a fresh one.
    const run = sorted.find(([, f]) => f.stage.startsWith('04') && sorted.some(([, g]) => g.run === f.run && g.stage.startsWith('13')))![1].run;
    const mine = sorted.filter(([, f]) => f.run === run).slice(0, 6);
    expect(new Set(mine.map(([, f]) => f.stage)).size).toBe(2);
    const shared = mine.map(([s, f]) => shrinkSignature(o, s, f));
    const fresh = mine.map(([s, f]) => shrinkSignature({ ...o }, s, f));
    expect(shared.every((x) => x !== null)).toBe(true);
    expect(JSON.stringify(shared)).toBe(JSON.stringify(fresh));
    // What a worker judged of each shrunk scenario (withSignatures) is what the main thread judges.
    const judged = shared.map((x) => withSignatures({ ...o }, x));
    expect(judged.every((x) => x?.shows?.length)).toBe(true);
    expect(JSON.stringify(addShrunkSignatures({ ...o }, mine, judged))).toBe(JSON.stringify(addShrunkSignatures({ ...o }, mine, fresh)));
  });

  // A declared change is keyed by its step, its id in the step's manifest and the kind of caller
  // whose operation shows it; the first run that showed it is kept, the same over any sharding.
  it('keeps the first run of each declared change, by kind of caller, when neighbours are judged', () => {
    const o = { ...base, seed: 3, runs: 12, neighbours: scenarioNeighbours, neighbourRuns: 1 };
    const one = mergeShards([exploreShard(o, 0, 1)]);
    const two = mergeShards([exploreShard(o, 0, 2), exploreShard(o, 1, 2)]);
    expect(one.changes.size).toBeGreaterThan(0);
    const plain = (m: typeof one) => [...m.changes].map(([k, c]) => [k, c.run, c.stage, JSON.stringify(c.doc)]).sort();
    expect(plain(two)).toEqual(plain(one));
    const declared = new Map(stageInfos(rfc).map((st) => [st.slug, new Set(st.claim?.declared.map((c) => c.id) ?? [])]));
    for (const [key, c] of one.changes) {
      const m = /^(\S+) declared (\S+) (@end|@\S+ \[(task|irq|nmi) \S+ \S+\])$/.exec(key);
      expect(m, key).not.toBeNull();
      expect(m![1]).toBe(c.stage);
      expect([...declared.get(c.stage)!], key).toContain(m![2]);
      // No step declares a change that is "no functional change intended" (02, 03, 09, 11, 12).
      expect(['02', '03', '09', '11', '12']).not.toContain(c.stage.slice(0, 2));
    }
  });

  it('reports its phases while it works: generating, shrinking the signatures, then the declared changes, then neighbours', () => {
    const seen: ExploreProgress[] = [];
    const o = { ...base, seed: 3, runs: 6, neighbours: scenarioNeighbours, neighbourRuns: 5, simpler: scenarioSimpler, onProgress: (p: ExploreProgress) => seen.push(p) };
    const r = explore(o);
    const phase = (p: ExploreProgress) => (p.neighbours ? 'neighbours' : p.shrinking ? p.shrinking.what : 'generating');
    // Each phase once, in this order (consecutive reports of one phase collapsed).
    const order = seen.map(phase).filter((x, i, a) => i === 0 || a[i - 1] !== x);
    expect(order).toEqual(['generating', 'signatures', 'declared changes', 'neighbours']);
    for (const what of ['signatures', 'declared changes'] as const) {
      const mine = seen.filter((p) => p.shrinking?.what === what).map((p) => p.shrinking!);
      // Counted from 0, one report per scenario shrunk, out of all of them.
      expect(mine.map((x) => x.done)).toEqual(mine.map((_, i) => i));
      expect(new Set(mine.map((x) => x.of))).toEqual(new Set([mine.length]));
    }
    expect(seen.filter((p) => p.shrinking?.what === 'declared changes').length).toBe(r.declaredChanges);
    // What a terminal shows of each.
    const lines = [...new Set(seen.map(phase))].map((ph) => progressLine(seen.find((p) => phase(p) === ph)!, false, 0, 1000));
    expect(lines[0]).toMatch(/^explore: \d+ runs, \d+ signature\(s\), \d+ scenarios\/s$/);
    expect(lines[1]).toMatch(/^explore: 6 runs, \d+ signature\(s\); shrinking signatures 0\/\d+$/);
    expect(lines[2]).toMatch(/^explore: 6 runs, \d+ signature\(s\); shrinking declared changes 0\/\d+$/);
    expect(lines[3]).toMatch(/^explore: 6 runs, \d+ signature\(s\) shrunk; neighbours 0\/\d+$/);
  });

  // What a step's declared change leaves behind is met by a later caller; the scenario showing the
  // change is no finding, so no finding's neighbours start there. This one (explore --seed 7's
  // shrunk scenario for RFC 06's spin on a contended list_lock) shows no finding at 06, and a later
  // caller appended to it shows RFC 06's approved knock-on family.
  it("judges later callers of a declared change's scenario, after the findings' neighbours in turn", () => {
    const doc = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'explore-declared-change-base.json'), 'utf8')) as Record<string, unknown>;
    const o = { ...base, seed: 7, runs: 0, neighbours: scenarioNeighbours, neighbourRuns: 1000, simpler: scenarioSimpler };
    const key = '06-replace-partial-context declared partial.lock-by-alloc-flags @end';
    const own = judgeNeighbour(o, doc)!;
    expect(own.filter(([, v]) => v.stage.startsWith('06'))).toEqual([]);
    // It still shows the change, already as simple as it gets.
    expect(shrinkChange(o, key, { run: 0, ms: 0, kind: 'declared', stage: '06-replace-partial-context', doc })).toEqual(doc);
    const cands = neighbourCandidates(o, [], [], [[key, doc]]);
    expect(cands.length).toBeGreaterThan(0);
    expect(cands.every((c) => c.change.startsWith('later ') && 'signature' in c.of && c.of.signature === key)).toBe(true);
    const approved = loadApproved(join(ROOT, 'findings', 'approved.json'));
    const family = '06-replace-partial-context regressed result success->failure @* [task * kmalloc]';
    expect(approved.map((a) => a.signature)).toContain(family);
    const shown = cands.flatMap((c) => (judgeNeighbour(o, c.doc) ?? []).map(([s]) => s));
    expect(shown.some((s) => approvalMatches(family, s))).toBe(true);
  });

  it('writes the same files on one thread and on two', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-explore-jobs-'));
    tmp.push(dir);
    // One thread: the command in this process (test/support/cli.ts); two: a process of the compiled
    // CLI, whose worker threads load dist/.
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
    const outs = [];
    const bases: number[] = [];
    for (const j of ['1', '2']) {
      const out = join(dir, `j${j}`);
      // With neighbours: of the shrunk findings and of the declared changes' scenarios, shrunk on the workers.
      const args = ['explore', '--seed', '3', '--runs', '6', '--stage', '13', '--neighbours', '60', '--jobs', j, '--out', out, '--json'];
      const r = j === '1' ? await inProcess(...args) : cli(...args);
      expect([0, 1], r.stderr).toContain(r.status);
      bases.push((JSON.parse(r.stdout) as { declaredChanges: number }).declaredChanges);
      outs.push(
        readdirSync(out)
          .sort()
          .map((f) => [f, readFileSync(join(out, f), 'utf8')]),
      );
    }
    expect(outs[0].length).toBeGreaterThan(0);
    expect(outs[1]).toEqual(outs[0]);
    expect(bases[0]).toBeGreaterThan(0);
    expect(bases[1]).toBe(bases[0]);
  });

  it('writes shrunk findings as scenario files that check and run replay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-explore-'));
    tmp.push(dir);
    const out = join(dir, 'out');
    // The commands in this process (test/support/cli.ts), explore on this thread (the files do not
    // depend on the threads: the test above).
    const cli = inProcess;
    const r = await cli('explore', '--seed', '3', '--runs', '4', '--stage', '13', '--jobs', '1', '--out', out, '--json');
    // RFC 13's findings on these runs are all approved (open approvals such as
    // '13-no-recurse-for-obj-exts regressed nesting deeper @* [*]'): exit 0, files written all the same.
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { findings: { file: string; signature: string; ops: number; known: boolean }[] };
    expect(j.findings.length).toBeGreaterThan(0);
    expect(j.findings.every((f) => f.known)).toBe(true);
    const files = readdirSync(out).sort();
    expect(files.length).toBe(j.findings.length);
    const f = join(out, files[0]);
    const doc = JSON.parse(readFileSync(f, 'utf8')) as { name: string; description: string };
    expect(`${doc.name}.json`).toBe(files[0]);
    expect(doc.description).toContain('13-no-recurse-for-obj-exts');
    const run = await cli('run', f, '--stage', '13');
    expect(run.status, run.stderr).toBe(0);
    const check = await cli('check', f, '--stage', '13', '--json');
    expect([0, 1]).toContain(check.status);
    expect(check.stderr).toBe('');
    // A second explore into the same, now non-empty, directory is refused (nothing overwritten).
    const again = await cli('explore', '--seed', '3', '--runs', '2', '--out', out);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
  });
  it('refuses an --out whose parent does not exist before exploring, and a cache dir under /proc does not hang', async () => {
    // Node's recursive mkdirSync never returns under /proc: --out is checked up front (exit 2,
    // one line), and the result cache makes its directories one level at a time.
    const bad = await inProcess('explore', '--seed', '3', '--runs', '2', '--out', '/proc/nonexistent/x');
    expect([bad.status, bad.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(bad.stderr).toMatch(/\/proc\/nonexistent does not exist/);
    // A file where the directory should be (once 'internal error: ENOTDIR', exit 3).
    const file = await inProcess('explore', '--seed', '3', '--runs', '2', '--out', join(ROOT, 'package.json'));
    expect([file.status, file.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(file.stderr).toMatch(/package\.json is not a directory; choose a new directory with --out/);
    for (const n of ['-1', 'many', '1e3']) {
      const r = await inProcess('explore', '--seed', '3', '--runs', '2', '--neighbours', n, '--out', '/tmp/never-written');
      expect([r.status, r.stderr.trim().split('\n').length], n).toEqual([2, 1]);
      expect(r.stderr).toContain(`--neighbours must be a non-negative integer, not "${n}"`);
    }
    for (const [n, msg] of [['0', 'a positive integer'], ['65', 'at most 64'], ['8x', 'a positive integer']]) {
      const r = await inProcess('explore', '--seed', '3', '--runs', '2', '--max-ops', n, '--out', '/tmp/never-written');
      expect([r.status, r.stderr.trim().split('\n').length], n).toEqual([2, 1]);
      expect(r.stderr).toContain(`--max-ops must be ${msg}, not "${n}"`);
    }
    // --time 0s once meant no time limit and no run count: an exploration that never ended.
    for (const [n, msg] of [['0s', 'be at least 1ms'], ['0', 'be at least 1ms'], ['0ms', 'be at least 1ms'], ['-5s', 'look like 60s'], ['1h', 'look like 60s']]) {
      const r = await inProcess('explore', '--seed', '3', '--time', n, '--out', '/tmp/never-written');
      expect([r.status, r.stderr.trim().split('\n').length], n).toEqual([2, 1]);
      expect(r.stderr).toContain(`--time must ${msg}`);
      expect(r.stderr).toContain(`not "${n}"`);
    }
    const { spawnSync } = await import('node:child_process');
    const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'slabseries.mjs'), 'run', 'bulk-basic', '--stage', '00'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, SLABSERIES_CACHE_DIR: '/proc/nonexistent/x' } });
    expect(r.status, r.stderr).toBe(0);
    const c = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'slabseries.mjs'), 'check', '--scenario', 'bulk-basic', '--stage', '04'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, SLABSERIES_CACHE_DIR: '/proc/nonexistent/x' } });
    expect(c.error).toBeUndefined();
    expect([0, 1]).toContain(c.status);
  });
});

describe('explore --around', () => {
  // RFC 01 (series-rfc.md): zeroing on allocation "now always covers only the requested size", so a
  // kzalloc()'d object that krealloc(__GFP_ZERO) grows within its bucket keeps stale bytes past the
  // old size from 01 on (and so does one grown under init_on_alloc). kmalloc-fastpath has no
  // krealloc(); its later callers that allocate and then grow with krealloc() do, and must show it.
  it('judges every neighbour of the scenarios it names, the same on one thread and two, and check replays exactly its findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-explore-around-'));
    tmp.push(dir);
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
    type Out = { around: string[]; runs: number; neighbourRuns: number; findings: { signature: string; stage: string; file: string; around?: { scenario: string; change: string } }[] };
    const outs: [string, string][][] = [];
    let j1: Out | undefined;
    for (const j of ['1', '2']) {
      const out = join(dir, `j${j}`);
      const args = ['explore', '--around', 'kmalloc-fastpath', '--jobs', j, '--out', out, '--json'];
      const r = j === '1' ? await inProcess(...args) : cli(...args);
      expect([0, 1], r.stderr).toContain(r.status);
      if (j === '1') j1 = JSON.parse(r.stdout) as Out;
      outs.push(readdirSync(out).sort().map((f): [string, string] => [f, readFileSync(join(out, f), 'utf8')]));
    }
    expect(outs[1]).toEqual(outs[0]);
    const res = j1!;
    expect([res.around, res.runs]).toEqual([['kmalloc-fastpath'], 0]);
    // Every neighbour: the domain's, distinct, other than the scenario itself.
    const { $schema: _, name: __, ...doc } = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'scenarios', 'kmalloc-fastpath.json'), 'utf8')) as Record<string, unknown>;
    const distinct = new Set(scenarioNeighbours(doc, Number.MAX_SAFE_INTEGER).map((n) => JSON.stringify(n.doc)));
    distinct.delete(JSON.stringify(doc));
    expect(res.neighbourRuns).toBe(distinct.size);
    for (const f of res.findings) expect(f.around?.scenario).toBe('kmalloc-fastpath');
    const rfc01 = res.findings.filter((f) => f.stage.startsWith('01-'));
    expect(rfc01.length).toBeGreaterThan(0);
    for (const f of rfc01) {
      expect(f.around!.change).toMatch(/^later k[mz]alloc\(.*then krealloc\(/);
      const ops = (JSON.parse(readFileSync(join(dir, 'j1', f.file.split('/').pop()!), 'utf8')) as { ops: { op: string }[] }).ops.map((o) => o.op);
      expect(ops).toContain('krealloc');
    }
    // check on the written files: exactly the signatures explore listed.
    const c = await inProcess('check', join(dir, 'j1'), '--json');
    expect([0, 1]).toContain(c.status);
    const seen = new Set<string>();
    for (const st of (JSON.parse(c.stdout) as { stages: { checks: { findings?: { signature: string }[] }[] }[] }).stages) for (const ch of st.checks) for (const f of ch.findings ?? []) seen.add(f.signature);
    expect([...seen].sort()).toEqual(res.findings.map((f) => f.signature).sort());
  });

  it("shrinks a hand-written scenario only to scenarios that load: an interrupt's object a later operation frees stays (nolock-nmi-pcs-locked)", async () => {
    const { $schema: _, name: __, ...doc } = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'scenarios', 'nolock-nmi-pcs-locked.json'), 'utf8')) as Record<string, unknown>;
    const simpler = scenarioSimpler(doc);
    expect(simpler.length).toBeGreaterThan(0);
    // Its NMI kmalloc_nolock() (injected into op 1) defines "m", which op 3 frees.
    for (const c of simpler) expect(() => slabDomain.parseScenario({ ...c, name: 'simpler' }, 'simpler.json', rfc.stages), JSON.stringify(c.ops)).not.toThrow();
    const r = await inProcess('explore', '--around', 'nolock-nmi-pcs-locked', '--jobs', '1', '--out', join(mkdtempSync(join(tmpdir(), 'slabseries-explore-around-nmi-')), 'out'), '--json');
    expect([0, 1], r.stderr).toContain(r.status);
  });

  it('--neighbours N judges N of them; --runs or --time, an unknown scenario or an invalid file are refused with one line and exit 2, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-explore-around-bad-'));
    tmp.push(dir);
    const r = await inProcess('explore', '--around', 'kmalloc-fastpath', '--neighbours', '3', '--jobs', '1', '--out', join(dir, 'three'), '--json');
    expect([0, 1], r.stderr).toContain(r.status);
    expect((JSON.parse(r.stdout) as { neighbourRuns: number }).neighbourRuns).toBe(3);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"name": "bad", "ops": []}');
    for (const [args, msg] of [
      [['--runs', '5'], /--around .* takes neither --runs nor --time/],
      [['--time', '1s'], /--around .* takes neither --runs nor --time/],
    ] as const) {
      const e = await inProcess('explore', '--around', 'kmalloc-fastpath', ...args, '--out', join(dir, 'never'));
      expect([e.status, e.stderr.trim().split('\n').length], e.stderr).toEqual([2, 1]);
      expect(e.stderr).toMatch(msg);
    }
    for (const [arg, msg] of [
      ['no-such-scenario', /no scenario named "no-such-scenario"/],
      [bad, /bad\.json/],
    ] as const) {
      const e = await inProcess('explore', '--around', arg, '--out', join(dir, 'never'));
      expect([e.status, e.stderr.trim().split('\n').length], e.stderr).toEqual([2, 1]);
      expect(e.stderr).toMatch(msg);
    }
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});

describe('explore --base', () => {
  it('explores the series rebased onto mm-unstable on the steps that run there, leaves no build behind, and check --base replays exactly its findings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-explore-base-'));
    tmp.push(dir);
    const ownTmp = join(dir, 'tmp');
    mkdirSync(ownTmp);
    const out = join(dir, 'out');
    // The compiled CLI on two threads: each worker rebases and loads the stages itself. TMPDIR of its
    // own, to see that the materialized builds (one per configuration) are removed.
    // A result cache of its own too, to see what a second check --base reads.
    const cache = join(dir, 'cache');
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TMPDIR: ownTmp, SLABSERIES_CACHE_DIR: cache } });
    // First a check --base in the empty cache: it runs its scenarios while the compiler type-checks
    // (src/cli/base-command.ts), as if every step built, and drops what it ran on RFC 15, whose DEBUG
    // build fails there. It must say what a check that knew the builds first says: the same check
    // again, the builds now in the cache (SLABSERIES_CACHE_STATS: past the stored report).
    const e1 = join(ROOT, 'fixtures', 'mm-unstable', 'e1-first-early-allocation.json');
    const cold = cli('check', '--base', 'mm-unstable', e1, '--json');
    expect([0, 1], cold.stderr).toContain(cold.status);
    expect((JSON.parse(cold.stdout) as { steps: { runs: boolean }[] }).steps.map((s) => s.runs)).toEqual([...Array(15).fill(true), false]);
    const known = spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'check', '--base', 'mm-unstable', e1, '--json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TMPDIR: ownTmp, SLABSERIES_CACHE_DIR: cache, SLABSERIES_CACHE_STATS: '1' } });
    expect([known.status, known.stdout]).toEqual([cold.status, cold.stdout]);
    expect(known.stderr).toMatch(/build cache: [1-9]\d* hit\(s\), 0 built/);
    // Explore finds the builds in the cache too (the same files).
    const r = cli('explore', '--base', 'mm-unstable', '--seed', '3', '--runs', '2', '--jobs', '2', '--out', out, '--json');
    expect([0, 1], r.stderr).toContain(r.status);
    const j = JSON.parse(r.stdout) as { base: string; findings: { file: string; signature: string; stage: string }[] };
    expect(j.base).toBe('mm-unstable');
    expect(j.findings.length).toBeGreaterThan(0);
    // RFC 15 does not build on mm-unstable with CONFIG_MEM_ALLOC_PROFILING_DEBUG=y (the thread;
    // base-mm-unstable.md): its step is not judged there.
    expect(j.findings.filter((f) => f.stage.startsWith('15'))).toEqual([]);
    for (const f of readdirSync(out)) expect(JSON.parse(readFileSync(join(out, f), 'utf8')).description).toContain('on mm-unstable');
    expect(readdirSync(ownTmp)).toEqual([]);
    const check = cli('check', '--base', 'mm-unstable', out, '--json');
    expect([0, 1], check.stderr).toContain(check.status);
    const seen = new Set((JSON.parse(check.stdout) as { findings: { signatures: string[] }[] }).findings.flatMap((f) => f.signatures));
    expect([...seen].sort()).toEqual([...new Set(j.findings.map((f) => f.signature))].sort());
    // Its runs were stored (src/cache/observations.ts, keyed by the rebased stage's files): checked
    // again past the stored report (SLABSERIES_CACHE_STATS), it runs nothing and says the same.
    const stats = spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'check', '--base', 'mm-unstable', out, '--json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TMPDIR: ownTmp, SLABSERIES_CACHE_DIR: cache, SLABSERIES_CACHE_STATS: '1' } });
    expect(stats.stdout).toBe(check.stdout);
    expect(stats.stderr).toMatch(/cache: [1-9]\d* hit\(s\), 0 run and stored/);
    // The check stored its report, which a second check prints as it is without rebasing or
    // building anything (src/cache/check-memo.ts): with the build results (src/cache/builds.ts)
    // gone, it makes none.
    expect(readdirSync(join(cache, 'builds')).length).toBeGreaterThan(0);
    rmSync(join(cache, 'builds'), { recursive: true });
    const again = cli('check', '--base', 'mm-unstable', out, '--json');
    expect([again.status, again.stdout, again.stderr]).toEqual([check.status, check.stdout, '']);
    expect(existsSync(join(cache, 'builds'))).toBe(false);
  });

  it('refuses an unknown base with one line and exit 2, before building anything', async () => {
    const r = await inProcess('explore', '--base', 'nowhere', '--runs', '2', '--out', '/tmp/never-written');
    expect([r.status, r.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(r.stderr).toContain('unknown base "nowhere" (known: for-next, mm-unstable)');
    // check --base --approve refuses a blank reason before it rebases and builds anything.
    const a = await inProcess('check', '--base', 'mm-unstable', '--approve', '--reason', '  ');
    expect([a.status, a.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(a.stderr).toContain('--reason must be one non-blank line');
  });
});

describe('signatures that only a shrunk scenario shows', () => {
  // explore --series v3 --seed 41 shrank a run for the regression below; the shrunk scenario also
  // shows the trace-line signatures of that result change, which none of the generated runs did.
  // They are findings of their own, listed with that scenario, so `check` on explore's files reports
  // nothing explore did not.
  it('are added with the first shrunk scenario that shows them', async () => {
    const { addShrunkSignatures } = await import('../src/harness/explore.ts');
    const { exploreOptions } = await import('../src/cli/explore-command.ts');
    const { loadSeries } = await import('../src/cli/context.ts');
    await loadSeries(['v3']);
    const { readFileSync } = await import('node:fs');
    const doc = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'explore-shrunk-shows-more.json'), 'utf8')) as Record<string, unknown>;
    const { pickSeries } = await import('../src/cli/context.ts');
    const o = exploreOptions({ series: 'v3', seed: 41, runs: 1, timeLimitMs: undefined, only: null }, pickSeries('v3').stages);
    const shrunkFor = '08-alloc-flags-through-post-alloc-hook regressed result success->failure @kmem_cache_alloc [task no-reclaim cache]';
    const first = { run: 7745, ms: 1, kind: 'regressed', stage: '08-alloc-flags-through-post-alloc-hook' };
    const r = addShrunkSignatures(o, [[shrunkFor, first]], [{ doc }]);
    const sigs = r.sorted.map(([s]) => s);
    expect(sigs).toContain(shrunkFor);
    expect(sigs).toContain('08-alloc-flags-through-post-alloc-hook undeclared event appeared trace kmem_cache_alloc null @kmem_cache_alloc [task no-reclaim cache]');
    expect(sigs).toEqual([...sigs].sort());
    expect(r.shrunk.every((d) => d === doc)).toBe(true);
    // Each added one keeps the run of the scenario it came from.
    expect(new Set(r.sorted.map(([, f]) => f.run))).toEqual(new Set([7745]));
  });
});

describe('explore --max-ops', () => {
  it('bounds the generated scenarios by it, says it in the JSON, and names it in each file for a replay', async () => {
    const ops = (max: number) => fc.sample(scenarioArbitrary(max), { seed: 5, numRuns: 300 }).map((s) => s.ops.length);
    // At most N top-level operations, or three: the memory state a scenario starts in (a low
    // watermark, failing page allocations, a memcg limit) comes before any template.
    expect(Math.max(...ops(2))).toBeLessThanOrEqual(3);
    expect(Math.max(...ops(8))).toBeLessThanOrEqual(8);
    const long = ops(24);
    expect(Math.max(...long)).toBeLessThanOrEqual(24);
    expect(long.filter((n) => n > 8).length).toBeGreaterThan(0);
    const out = join(mkdtempSync(join(tmpdir(), 'slabseries-explore-maxops-')), 'out');
    tmp.push(dirname(out));
    const r = await inProcess('explore', '--seed', '3', '--runs', '6', '--max-ops', '12', '--jobs', '1', '--out', out, '--json');
    expect([0, 1], r.stderr).toContain(r.status);
    const j = JSON.parse(r.stdout) as { maxOps: number; findings: { file: string }[] };
    expect(j.maxOps).toBe(12);
    expect(j.findings.length).toBeGreaterThan(0);
    for (const f of readdirSync(out)) expect(JSON.parse(readFileSync(join(out, f), 'utf8')).description).toMatch(/^Found by slabseries explore \(seed 3, --max-ops 12, /);
  });
});

describe('explore text output', () => {
  const f = (signature: string, known: boolean, reason?: string): WrittenFinding => ({ file: `out/${signature}.json`, signature, kind: 'regressed', stage: signature.slice(0, 2), known, reason, firstRun: 1, firstMs: 2, ops: 3 });
  it('lists new signatures first, then the known ones under their approval, each reason once', () => {
    const lines = findingLines([f('04 a', true, 'R1'), f('05 b', false), f('06 c', true, 'R2'), f('07 d', true, 'R1'), f('08 e', false)]);
    expect(lines).toEqual([
      '>> new  05 b',
      '         out/05 b.json (3 ops, first at run 1, 2 ms)',
      '>> new  08 e',
      '         out/08 e.json (3 ops, first at run 1, 2 ms)',
      '  known (2), approved: R1',
      '    04 a',
      '         out/04 a.json (3 ops, first at run 1, 2 ms)',
      '    07 d',
      '         out/07 d.json (3 ops, first at run 1, 2 ms)',
      '  known (1), approved: R2',
      '    06 c',
      '         out/06 c.json (3 ops, first at run 1, 2 ms)',
    ]);
  });
});
