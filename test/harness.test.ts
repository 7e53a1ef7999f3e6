// The harness: comparisons and verdicts on synthetic observations, claim checks, the series check
// on the real stages, bisect (bisect on an exported git history: export-git.test.ts).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { validate } from './support/json-schema.ts';
import { join } from 'node:path';
import { compareObservations } from '../src/harness/compare.ts';
import { checkClaim } from '../src/harness/claims.ts';
import { contractViolations } from '../src/harness/contract.ts';
import { bisect } from '../src/harness/bisect.ts';
import type { Observation, OpObservation } from '../src/harness/observation.ts';
import { STAGES } from '../src/stages/registry.ts';
import { SERIES } from '../src/series.ts';
import { loadScenarios } from '../src/harness/fixtures.ts';
import { runScenario } from '../src/harness/runner.ts';

const ROOT = join(import.meta.dirname, '..');
const end = { outstanding: [], caches: [], memcgCharged: 0, tags: {}, inaccurateTags: [], kmemleakTracked: 0, warnings: [], maxNesting: 0, invariants: [] };
const obs = (ops: Partial<OpObservation>[], e: Partial<Observation['end']> = {}): Observation => ({
  scenario: 's',
  stage: 'x',
  ops: ops.map((o, i) => ({ index: String(i), op: 'kmalloc', result: 'object', events: [], ...o })),
  end: { ...end, ...e },
});

describe('comparing two observations', () => {
  it('is equivalent when nothing differs', () => {
    expect(compareObservations(obs([{}]), obs([{}])).verdict).toBe('equivalent');
  });
  it('is changed when only the internal path differs', () => {
    const c = compareObservations(obs([{ events: ['lock trylock n->list_lock(x)/node0 ok @cpu0/task'] }]), obs([{ events: ['lock spin n->list_lock(x)/node0 ok @cpu0/task'] }]));
    expect(c.verdict).toBe('changed');
    expect(c.differences.every((d) => d.kind === 'internal')).toBe(true);
  });
  it('is improved when a failure becomes a success, regressed the other way round', () => {
    expect(compareObservations(obs([{ result: 'NULL' }]), obs([{ result: 'object' }])).verdict).toBe('improved');
    expect(compareObservations(obs([{ result: 'object' }]), obs([{ result: 'NULL' }])).verdict).toBe('regressed');
  });
  it('regresses on a new warning, deadlock or sleep in atomic context, and improves when one goes', () => {
    for (const e of ['WARN refill_objects: x', 'DEADLOCK on zone->lock(node0) @cpu0/nmi', 'SLEEP-IN-ATOMIC direct reclaim @cpu0/hardirq']) {
      expect(compareObservations(obs([{}]), obs([{ events: [e] }])).verdict, e).toBe('regressed');
      expect(compareObservations(obs([{ events: [e] }]), obs([{}])).verdict, e).toBe('improved');
    }
  });
  it("regresses when kswapd is woken for a caller whose gfp lacks __GFP_KSWAPD_RECLAIM", () => {
    const b = obs([{ gfp: 0x2020, events: ['kswapd wake node=0'] }]);
    expect(compareObservations(obs([{ gfp: 0x2020 }]), b).verdict).toBe('regressed');
    const ok = obs([{ gfp: 0xcc0, events: ['kswapd wake node=0'] }]);
    expect(compareObservations(obs([{ gfp: 0xcc0 }]), ok).verdict).toBe('changed');
  });
  it('regresses when requested bytes are no longer zero under __GFP_ZERO', () => {
    const o = (zero: boolean) => obs([{ wantZero: true, objects: [{ handle: 'a', kind: 'slab', cache: 'kmalloc-64', bytes: { requested: 40, zero, digest: zero ? '0' : '1' } }] }]);
    expect(compareObservations(o(true), o(false)).verdict).toBe('regressed');
  });
  it('regresses on deeper nesting and on a leaked object', () => {
    expect(compareObservations(obs([{}]), obs([{ events: ['nested sheaf(x) depth=1'] }])).verdict).toBe('regressed');
    const held = [{ objects: [{ handle: 'a', kind: 'slab', cache: 'kmalloc-8' }] }];
    expect(compareObservations(obs(held), obs(held, { outstanding: ['a'] })).verdict).toBe('regressed');
  });
  it('does not call an object leaked when its allocation only succeeds at the later stage', () => {
    const before = obs([{ result: 'NULL', objects: [{ handle: 'a', kind: 'NULL', cache: null }] }]);
    const after = obs([{ objects: [{ handle: 'a', kind: 'slab', cache: 'kmalloc-8' }] }], { outstanding: ['a'] });
    const c = compareObservations(before, after);
    expect(c.verdict).toBe('improved');
    expect(c.differences.some((d) => d.effect === 'regressed')).toBe(false);
  });
  it('is n/a when an operation cannot run at one of the two stages', () => {
    expect(compareObservations(obs([{}]), obs([{ result: 'n/a', reason: 'unknown gfp name' }])).verdict).toBe('n/a');
  });
});

describe('contract violations of one observation', () => {
  it('flags unzeroed __GFP_ZERO memory, a spinning kmalloc_nolock, and unbalanced accounting', () => {
    const o = obs(
      [
        { wantZero: true, objects: [{ handle: 'a', kind: 'slab', cache: 'kmalloc-64', bytes: { requested: 8, zero: false, digest: '1' } }] },
        { op: 'kmalloc_nolock', gfp: 0, events: ['lock spin n->list_lock(x)/node0 ok @cpu0/nmi'] },
        { op: 'kmalloc_nolock', gfp: 0xcc0, events: ['lock spin n->list_lock(x)/node0 ok @cpu0/task'] },
      ],
      { memcgCharged: 64, tags: { 'drv:a': { calls: 1, bytes: 64 }, 'mm/slub.c:__alloc_empty_sheaf': { calls: 1, bytes: 512 } } },
    );
    const v = contractViolations(o);
    expect(v).toHaveLength(4);
    expect(v[0]).toMatch(/not zeroed under __GFP_ZERO/);
    expect(v[1]).toMatch(/^\[1\] kmalloc_nolock: lock spin/);
    expect(v[2]).toMatch(/memcg still charged 64/);
    expect(v[3]).toMatch(/allocation tag drv:a/);
  });
  it('is empty for a clean observation', () => {
    expect(contractViolations(obs([{ wantZero: true, objects: [{ handle: 'a', kind: 'slab', cache: 'kmalloc-64', bytes: { requested: 8, zero: true, digest: '0' } }] }]))).toEqual([]);
  });
});

describe('checking a claim', () => {
  const cmp = compareObservations(obs([{ events: ['lock trylock barn->lock(x)/node0 ok @cpu0/task'] }]), obs([{ events: ['lock spin barn->lock(x)/node0 ok @cpu0/task', 'kmemleak alloc x'] }]));
  it('makes every difference of a refactor undeclared', () => {
    expect(checkClaim({ kind: 'refactor', declared: [] }, cmp).undeclared.length).toBe(cmp.differences.length);
  });
  it('accepts the differences a behaviour change declares, and only those', () => {
    const r = checkClaim({ kind: 'behaviour', declared: [{ id: 'barn.spins', evidence: ['lock (spin|trylock) barn->lock'] }] }, cmp);
    expect(r.declared.map((d) => d.id)).toContain('barn.spins');
    expect(r.undeclared.map((d) => d.after.join())).toEqual(['| kmemleak alloc x']);
  });
});

describe('bisect', () => {
  it('finds the first change and every later change point, skipping n/a stages', () => {
    const parts = ['a', 'a', null, 'a', 'b', 'b', 'c', 'c'];
    const r = bisect(parts.length, (i) => parts[i]);
    expect(r.first).toBe(4);
    expect(r.changePoints).toEqual([4, 6]);
    expect(r.skipped).toEqual([2]);
    expect(r.confirmed).toBe(true);
  });
  it('reports no change when every stage is the same', () => {
    expect(bisect(5, () => 'x').first).toBeNull();
  });
});

const scenarios = loadScenarios(join(ROOT, 'fixtures', 'scenarios'), STAGES);

describe('the shipped series', () => {
  const refactors = SERIES.filter((e) => e.kind === 'refactor' && STAGES.some((s) => s.number === e.number));
  it.each(refactors.map((e) => [e.slug, e.number] as const))('refactor step %s is equivalent on every scenario', (_slug, n) => {
    for (const sc of scenarios) {
      const c = compareObservations(runScenario(STAGES[n - 1], sc), runScenario(STAGES[n], sc));
      expect(c.verdict === 'equivalent' || c.verdict === 'n/a', `${sc.name}: ${c.differences[0]?.what}`).toBe(true);
    }
  });

  it('slabseries check exits 0 with the approved findings in place, and its --json has a state per stage', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'check', '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
    const j = JSON.parse(r.stdout);
    expect(j.series.newFindings, JSON.stringify(j.stages.flatMap((s: { checks: { state: string; context: string; description: string }[] }) => s.checks.filter((c) => c.state === 'fail')).slice(0, 3))).toBe(0);
    expect(r.status).toBe(0);
    expect(j.stages.map((s: { stage: string }) => s.stage)).toEqual(STAGES.map((s) => s.slug));
    for (const s of j.stages) for (const c of s.checks) expect(['pass', 'warning', 'fail']).toContain(c.state);
    expect(validate(JSON.parse(readFileSync(join(ROOT, 'docs', 'check-output.schema.json'), 'utf8')), j)).toEqual([]);
  });
});
