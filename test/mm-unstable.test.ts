// The thread's open question (spec base-mm-unstable.md): the series on the mm-unstable base, and the
// "what if" recursion guards. Every expectation below comes from the spec's reasoning (section
// cited), not from the tool's output.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAll, BASES, loadStage, materializeAll, readOverlay, rebaseSeries, removeRoots, type RebasedStep } from '../src/bases/rebase.ts';
import { preprocess } from '../src/bases/cpp.ts';
import { v3 } from '../src/series/v3/index.ts';
import { baseCheckScenarios } from '../src/cli/base-command.ts';
import { scenarioArgs } from '../src/cli/scenarios.ts';
import { exploreOptions } from '../src/cli/explore-command.ts';
import { loadSeries } from '../src/cli/context.ts';
import { exploreAround } from '../src/harness/explore.ts';
import { rfc } from '../src/series/rfc/index.ts';
import { inProcess } from './support/cli.ts';
import { CANDIDATES } from '../src/candidates/index.ts';
import { spawnSync } from 'node:child_process';

const ROOT = join(import.meta.dirname, '..');
const MMU = (name: string) => join(ROOT, 'fixtures', 'mm-unstable', `${name}.json`);

interface Obs {
  ops: { index: string; status: string; reason?: string; events: { kind: string; op?: string; detail?: string; site?: string; msg?: string; gfp?: string }[] }[];
}
// The commands run in this process (test/support/cli.ts): what they print is the subject here.
async function run(scenario: string, ...args: string[]): Promise<Obs> {
  const r = await inProcess('run', scenario, '--json', ...args);
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Obs;
}
const events = (o: Obs) => o.ops.flatMap((op) => op.events);
const early = (o: Obs, what: string) => events(o).filter((e) => e.kind === 'early_pfn' && e.op === what);

describe('RFC rebased onto mm-unstable (spec §3)', () => {
  let steps: RebasedStep[];
  beforeAll(() => {
    steps = rebaseSeries(rfc.stagesDir, rfc.stages.map((s) => s.slug), readOverlay(BASES['mm-unstable']));
  });
  it('RFC 01-14 apply cleanly: none of them touches lib/alloc_tag.c or mm/page_alloc.c (§3.3)', () => {
    for (const st of steps.slice(1, 15)) expect(st.status, st.slug).toBe('clean');
  });
  it('RFC 15 conflicts in lib/alloc_tag.c only: its TODO rewording has no context left (§3.1)', () => {
    const s15 = steps[15];
    expect(s15.status).toBe('conflict');
    expect(new Set(s15.conflicts.map((c) => c.file))).toEqual(new Set(['lib/alloc_tag.ts']));
    expect(s15.conflicts[0].theirs.join('\n')).toMatch(/SLAB_ALLOC_NO_RECURSE/);
    // The other files of RFC 15 (gfp_types.h, mmflags.h, slab.h) apply as on for-next.
    expect(s15.tree.get('include/linux/gfp_types.ts')).not.toMatch(/__GFP_NO_OBJ_EXT/);
  });
  it('with the hunk dropped, RFC 15 breaks only the PROFILING_DEBUG build, on __GFP_NO_OBJ_EXT (§3.2)', () => {
    const two = [steps[14], steps[15]].map((s) => ({ ...s, build: [] as RebasedStep['build'] }));
    removeRoots(buildAll(two));
    const [s14, s15] = two;
    expect(s14.build.every((b) => b.ok)).toBe(true);
    const debug = s15.build.find((b) => b.config.endsWith('DEBUG=y'))!;
    const nodebug = s15.build.find((b) => b.config.endsWith('DEBUG=n'))!;
    expect(debug.ok).toBe(false);
    expect(debug.errors.join('\n')).toMatch(/lib\/alloc_tag\.ts.*__GFP_NO_OBJ_EXT/);
    expect(nodebug.ok).toBe(true);
  });
  it('the preprocessor keeps #ifdef or #else and line numbers', () => {
    const text = 'a\n// #ifdef X\nb\n// #else\nc\n// #endif\nd';
    expect(preprocess(text, new Set(['X'])).split('\n')).toEqual(['a', '', 'b', '', '', '', 'd']);
    expect(preprocess(text, new Set()).split('\n')).toEqual(['a', '', '', '', 'c', '', 'd']);
  });
});

describe('the mm-unstable base itself (spec §2)', () => {
  it('the tracking page carries __GFP_HIGH|__GFP_NO_CODETAG, printed as __GFP_NO_OBJ_EXT, and is skipped (§2.1, §2.4, §2.6)', async () => {
    const o = await run(MMU('e1-first-early-allocation'), '--base', 'mm-unstable', '--stage', '14');
    expect(events(o).some((e) => e.kind === 'page_alloc' && e.gfp === '__GFP_HIGH|__GFP_NO_OBJ_EXT')).toBe(true);
    expect(early(o, 'skip').length).toBeGreaterThan(0);
    expect(early(o, 'not_set')).toHaveLength(0);
    expect(events(o).filter((e) => e.kind === 'warn')).toHaveLength(0);
  });
  it("a kmalloc_nolock() in NMI: its early page's tracking page spins on zone->lock on mm-unstable, not on for-next (§2.6: no ALLOC_TRYLOCK on the tracking allocation)", async () => {
    const sc = MMU('mmu-nmi-kmalloc-nolock-tracking-page-spins-on-zone-lock');
    const spins = (o: Obs) => (o.ops[0].events as { kind: string; mode?: string; lock?: string; where?: string }[]).filter((e) => e.kind === 'lock' && e.mode === 'spin' && e.lock?.startsWith('zone->lock') && e.where?.endsWith('/nmi'));
    const onBase = await run(sc, '--base', 'mm-unstable', '--stage', '00');
    expect(spins(onBase).length).toBeGreaterThan(0);
    expect(early(onBase, 'pool_alloc').length).toBeGreaterThan(0);
    expect(spins(await run(sc, '--stage', '00'))).toEqual([]);
  });
  it('a scenario with profilingDebug false runs the build without CONFIG_MEM_ALLOC_PROFILING_DEBUG: no early-PFN path, no tracking page (and none for a candidate either)', async () => {
    // alloc_tag_add_early_pfn() exists only under CONFIG_MEM_ALLOC_PROFILING_DEBUG (the overlay's
    // include/linux/alloc_tag.h #ifdef); the DEBUG build run for every scenario recursed without end
    // under M0 (a JavaScript stack overflow, "internal error") before each run booted its own build.
    const doc = JSON.parse(readFileSync(MMU('mmu-nmi-kmalloc-nolock-tracking-page-spins-on-zone-lock'), 'utf8')) as { name: string; config: Record<string, unknown> };
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-nodebug-'));
    const file = join(dir, 'nodebug.json');
    writeFileSync(file, JSON.stringify({ ...doc, name: 'nodebug', config: { ...doc.config, profilingDebug: false } }));
    try {
      for (const extra of [['--stage', '00'], ['--candidate', 'm0-no-guard']]) {
        const o = await run(file, '--base', 'mm-unstable', ...extra);
        expect(events(o).filter((e) => e.kind === 'early_pfn'), extra.join(' ')).toEqual([]);
        expect(o.ops[0].status, extra.join(' ')).not.toBe('aborted');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("Hao Ge's race with the gfp bit: Q is recorded, the task's cmpxchg loses and its page is freed (§4.4 M1, E2)", async () => {
    const o = await run(MMU('e2-hardirq-at-i2'), '--base', 'mm-unstable', '--stage', '14');
    expect(early(o, 'pool_race_free')).toHaveLength(1);
    expect(early(o, 'not_set')).toHaveLength(0);
  });
  it('check --series v3 --base loads the shipped scenarios, also the one naming the RFC flag SLAB_ALLOC_TRYLOCK', async () => {
    // v3 renamed SLAB_ALLOC_TRYLOCK to SLAB_ALLOC_NOLOCK and takes the old name on its own stages
    // only; loaded with the rebased stages' names alone, that shipped scenario was refused and every
    // `check --series v3 --base mm-unstable` ended with exit 2 (baseCheckScenarios).
    const steps = rebaseSeries(v3.stagesDir, v3.stages.map((s) => s.slug), readOverlay(BASES['mm-unstable']));
    const roots = materializeAll([steps[14]]);
    const rebased = await loadStage(roots, steps[14].slug);
    removeRoots(roots);
    expect(() => scenarioArgs([join(ROOT, 'fixtures', 'scenarios')], [rebased])).toThrow(/unknown alloc flag name "SLAB_ALLOC_TRYLOCK"/);
    const names = baseCheckScenarios([], v3, [rebased]).map((s) => s.name);
    expect(names).toContain('rfc14-reclaim-gives-no-recurse-kmalloc-flags-its-page-charge-abort-warns');
    // explore --around --base reads and judges it the same way: with the series' names as well, its
    // neighbours load on the rebased stages (here the one rebased stage twice: one step, nothing
    // differs). Without them, every one of its neighbours was refused, and the scenario itself ended
    // explore --series v3 --around fixtures/scenarios --base mm-unstable with exit 2.
    const doc = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'scenarios', 'rfc14-reclaim-gives-no-recurse-kmalloc-flags-its-page-charge-abort-warns.json'), 'utf8')) as Record<string, unknown>;
    await loadSeries(['v3']);
    const job = { series: 'v3', seed: 1, runs: 0, only: null, around: true, neighbourRuns: 4, base: { name: 'mm-unstable', stages: 2, cache: true } };
    const o = exploreOptions(job, [rebased, rebased]);
    expect(o.names?.length).toBe(v3.stages.length + 2);
    const r = exploreAround(o, [{ name: 'rfc14-reclaim-gives-no-recurse-kmalloc-flags-its-page-charge-abort-warns', doc }]);
    expect([r.neighbourRuns, r.refusedNeighbours ?? 0]).toEqual([4, 0]);
    expect(exploreAround({ ...o, names: undefined }, [{ name: 'rfc14-reclaim-gives-no-recurse-kmalloc-flags-its-page-charge-abort-warns', doc }]).refusedNeighbours).toBe(4);
  });
  it('the base is inert without pageExtLate: a shipped scenario observes the same as on for-next', async () => {
    const sc = join(ROOT, 'fixtures', 'scenarios', 'kmalloc-fastpath.json');
    expect((await run(sc, '--base', 'mm-unstable', '--stage', '14')).ops).toEqual((await run(sc, '--stage', '14')).ops);
  });
  it('for-next records into its fixed array and allocates nothing in the hook (§1.8)', async () => {
    const o = await run(MMU('e4-nested-refills-at-i2'), '--stage', '15');
    expect(events(o).filter((e) => e.kind === 'page_alloc' && /__GFP_HIGH/.test(e.gfp ?? ''))).toHaveLength(0);
    expect(early(o, 'pool_alloc')).toHaveLength(0);
    expect(early(o, 'not_set')).toHaveLength(0);
  });
});

describe('candidate guards (spec §4.4), what if — not part of the RFC', () => {
  let table: { rows: { candidate: string; violations: Record<string, string[]>; sound: boolean; maxDepth: number; gfpBitFree: boolean }[] };
  const row = (id: string) => table.rows.find((r) => r.candidate === id)!;
  beforeAll(() => {
    // The compiled CLI in a process of its own: in this one, each candidate's stage files would
    // load through vitest's transform (this hook took 14.6 s so, against 10.8 s, on a busy machine).
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'candidates', '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    table = JSON.parse(r.stdout);
  });
  it('M0, no guard: the first early allocation recurses without end (§3.2, §4.4 M0)', () => {
    expect(row('m0-no-guard').violations.recursion).toContain('e1-first-early-allocation');
  });
  it('M1, the gfp bit: correct under the races, but it spends the bit (§4.4 M1, P7)', () => {
    const m1 = row('m1-gfp-bit');
    for (const p of ['recursion', 'lost', 'irq', 'tracking']) expect(m1.violations[p], p).toEqual([]);
    expect(m1.sound).toBe(false);
  });
  it('M3a, ungated per-task flag: an interrupt sees the task\'s flag, so its record is lost (§4.4 M3a)', async () => {
    const m = row('m3a-task-flag');
    expect(m.violations.irq).toEqual(expect.arrayContaining(['e2-hardirq-at-i2', 'e2-hardirq-at-i3', 'e2-hardirq-at-i4', 'e2-softirq-at-i2', 'e4-nested-refills-at-i2']));
    expect(m.violations.recursion).toEqual([]);
    const o = await run(MMU('e4-nested-refills-at-i2'), '--base', 'mm-unstable', '--candidate', 'm3a-task-flag');
    // Only the softirq's page reaches the early path (it is skipped, so the softirq never refills
    // and the hardirq and NMI it would have let in never come): its record is lost.
    expect(early(o, 'not_set').map((e) => e.detail)).toContain('allocated in softirq');
  });
  it('M3b, per-task flag honoured only in task context: an interrupt that refills recurses (§4.4 M3b)', () => {
    expect(row('m3b-task-flag-in-task').violations.recursion).toContain('e2-hardirq-at-i2');
    expect(row('m3b-task-flag-in-task').violations.irq).toEqual([]);
  });
  it('M4, a plain per-CPU counter: every nested context is skipped; the NMI\'s record is lost (§4.4 M4, E3)', () => {
    const m = row('m4-percpu-counter');
    expect(m.violations.irq).toEqual(expect.arrayContaining(['e2-hardirq-at-i2', 'e3-nmi-at-i2']));
    expect(m.violations.recursion).toEqual([]);
  });
  it('M5, per-level state: Q is recorded, depth stays bounded, no record lost (§4.4 M5)', () => {
    const m = row('m5-percpu-per-level');
    for (const p of ['recursion', 'lost', 'irq', 'tracking']) expect(m.violations[p], p).toEqual([]);
    // At most one recorder per level (4), plus the skipped hook of the innermost tracking page.
    expect(m.maxDepth).toBeLessThanOrEqual(5);
  });
  it('M1, M2 and M5 allocate inside the hook: an NMI/nolock caller\'s tracking page spins on the interrupted zone->lock (§2.6, §4.4 M2/M5 residual 4)', () => {
    for (const id of ['m1-gfp-bit', 'm2-alloc-flag', 'm5-percpu-per-level']) expect(row(id).violations.deadlock, id).toContain('e3-nmi-nolock-in-zone-lock');
    for (const id of ['m2t-alloc-flag-trylock', 'm5t-per-level-trylock', 'm6a-static-array']) expect(row(id).violations.deadlock, id).toEqual([]);
  });
  it('M2 without the flag carried through the slowpath recurses only under memory pressure (§4.4 M2)', () => {
    // The two scenarios written for it, whose tracking page comes from the slowpath (low watermark,
    // min watermark), and any other only if it lowers a watermark (the slowpath is reached under
    // memory pressure alone: spec §4.4 M2).
    const recursing = row('m2s-alloc-flag-lost-in-slowpath').violations.recursion;
    expect(recursing).toEqual(expect.arrayContaining(['e-pressure-tracking-in-slowpath', 'e8-blocking-caller-below-min']));
    for (const name of recursing) {
      const doc = JSON.parse(readFileSync(MMU(name), 'utf8')) as { ops: { op: string }[] };
      expect(doc.ops.some((o) => o.op === 'set_watermarks'), name).toBe(true);
    }
    expect(row('m2-alloc-flag').violations.recursion).toEqual([]);
  });
  it('E5: a per-CPU or per-task guard leaves another CPU alone; a global flag drops its record (§4.4 M4 E5, M4g)', () => {
    expect(row('m4g-global-flag').violations.lost).toContain('e5-two-cpus-refill');
    for (const id of ['m1-gfp-bit', 'm3a-task-flag', 'm4-percpu-counter', 'm5-percpu-per-level']) expect(row(id).violations.lost, id).not.toContain('e5-two-cpus-refill');
  });
  it('M6a, a static array: no recursion, NMI-safe, but records are lost past the capacity (§4.4 M6a)', () => {
    const m = row('m6a-static-array');
    expect(m.violations.recursion).toEqual([]);
    expect(m.violations.lost).toContain('e-many-early-pages');
  });
  it('M6c, allocate-ahead: records are dropped when more than H arrive during a refill (§4.4 M6c)', () => {
    expect(row('m6c-allocate-ahead').violations.lost).toContain('e4-three-irqs-during-refill');
  });
  it("a tracking allocation that may reclaim sleeps inside the recorder's RCU section; v6's __GFP_HIGH does not (§2.6, E8)", () => {
    expect(row('m5b-per-level-blocking-gfp').violations.sleep).toContain('e8-blocking-caller-below-min');
    for (const r of table.rows) if (r.candidate !== 'm5b-per-level-blocking-gfp') expect(r.violations.sleep, r.candidate).toEqual([]);
  });
  it('keeps its runs in the result cache: a second table runs nothing and says the same', () => {
    // One scenario, so the table is one run per candidate; a cache directory of the test's own. (A
    // process of its own: in this one, a candidate's stage loads through vitest's transform, 4x slower.)
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-candidates-cache-'));
    const cli = () =>
      spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'candidates', '--json', MMU('e1-first-early-allocation')], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, SLABSERIES_CACHE_DIR: dir, SLABSERIES_CACHE_STATS: '1' },
      });
    const [cold, warm] = [cli(), cli()];
    rmSync(dir, { recursive: true, force: true });
    const n = CANDIDATES.length;
    expect([cold.status, warm.status]).toEqual([0, 0]);
    expect(cold.stderr).toContain(`slabseries: cache: 0 hit(s), ${n} run and stored`);
    expect(warm.stderr).toContain(`slabseries: cache: ${n} hit(s), 0 run and stored`);
    expect(warm.stdout).toBe(cold.stdout);
  });

  it('every candidate except M1 frees the gfp bit (P7), and M1 is never called sound', () => {
    for (const r of table.rows) expect(r.gfpBitFree, r.candidate).toBe(r.candidate !== 'm1-gfp-bit');
  });
});

// patches-mm-unstable/ holds the RFC rebased (committed, kept in sync); another series' rebased
// patches go to a folder of their own, as patches/v3/: `patches --series v3 --base mm-unstable
// --write` once wrote v3's into the RFC's folder, replacing the RFC's.
describe('patches --base mm-unstable', () => {
  it('patches-mm-unstable/ is in sync with the RFC rebased, and v3 is checked against patches-mm-unstable/v3/', async () => {
    const rfcCheck = await inProcess('patches', '--base', 'mm-unstable', '--check');
    expect([rfcCheck.status, rfcCheck.stdout]).toEqual([0, expect.stringMatching(/^patches-mm-unstable\/ is in sync \(\d+ files\)\n$/)]);
    const v3Check = await inProcess('patches', '--series', 'v3', '--base', 'mm-unstable', '--check');
    expect(v3Check.stdout).toMatch(/^patches-mm-unstable\/v3\/(\S+ is missing; regenerate with: slabseries patches --series v3 --base mm-unstable --write| is in sync)/);
  });
});
