// The harness: comparisons and verdicts on synthetic observations, claim checks, the series check
// on the real stages, bisect (bisect on an exported git history: export-git.test.ts).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { validate } from './support/json-schema.ts';
import { join } from 'node:path';
import { compareObservations, sameJson } from '../src/harness/compare.ts';
import { checkClaim } from '../src/harness/claims.ts';
import type { Difference } from '../src/harness/domain.ts';
import { bisect } from '../src/harness/bisect.ts';
import type { KEvent } from '../src/kernel/events.ts';
import { formatEvent } from '../src/kernel/events.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { contractViolations } from '../src/slab/contracts.ts';
import type { EndState, Slab, SlabFacts, SlabObservation, SlabOp } from '../src/slab/observation.ts';
import { STAGES } from '../src/series/rfc/stages.ts';
import { rfc } from '../src/series/rfc/index.ts';
import { v3 } from '../src/series/v3/index.ts';
import { loadScenarios } from '../src/cli/scenarios.ts';
import { observe } from './support/observations.ts';

const ROOT = join(import.meta.dirname, '..');
const end: EndState = { outstanding: [], heldSheaves: [], caches: [], memcgCharged: 0, tags: {}, inaccurateTags: [], kmemleakTracked: 0, warnings: [], maxNesting: 0, invariants: [] };
type OpIn = Partial<Omit<SlabOp, 'facts'>> & { facts?: Partial<SlabFacts> };
const obs = (ops: OpIn[], e: Partial<EndState> = {}): SlabObservation => ({
  scenario: 's',
  stage: 'x',
  ops: ops.map((o, i) => ({ index: String(i), op: 'kmalloc', status: 'ran', result: { kind: 'object' }, objects: [], events: [], ...o, facts: { context: 'task', wantZero: false, ...o.facts } })),
  end: { ...end, ...e },
});
const cmp = (a: SlabObservation, b: SlabObservation) => compareObservations(slabDomain, a, b);

// Typed events, each with the line it renders as (goldens and reports are unchanged by the typing).
const EV = {
  trylockList: [{ kind: 'lock', mode: 'trylock', lock: 'n->list_lock(x)/node0', ok: true, where: 'cpu0/task' }, 'lock trylock n->list_lock(x)/node0 ok @cpu0/task'],
  spinList: [{ kind: 'lock', mode: 'spin', lock: 'n->list_lock(x)/node0', ok: true, where: 'cpu0/task' }, 'lock spin n->list_lock(x)/node0 ok @cpu0/task'],
  spinListNmi: [{ kind: 'lock', mode: 'spin', lock: 'n->list_lock(x)/node0', ok: true, where: 'cpu0/nmi' }, 'lock spin n->list_lock(x)/node0 ok @cpu0/nmi'],
  warn: [{ kind: 'warn', site: 'refill_objects', msg: 'x' }, 'WARN refill_objects: x'],
  deadlock: [{ kind: 'deadlock', lock: 'zone->lock(node0)', where: 'cpu0/nmi' }, 'DEADLOCK on zone->lock(node0) @cpu0/nmi'],
  sleep: [{ kind: 'sleep_in_atomic', what: 'direct reclaim', where: 'cpu0/hardirq' }, 'SLEEP-IN-ATOMIC direct reclaim @cpu0/hardirq'],
  kswapd: [{ kind: 'kswapd_wake', node: 0 }, 'kswapd wake node=0'],
  nest: [{ kind: 'nest', chain: 'sheaf(x)', depth: 1 }, 'nested sheaf(x) depth=1'],
  trylockBarn: [{ kind: 'lock', mode: 'trylock', lock: 'barn->lock(x)/node0', ok: true, where: 'cpu0/task' }, 'lock trylock barn->lock(x)/node0 ok @cpu0/task'],
  spinBarn: [{ kind: 'lock', mode: 'spin', lock: 'barn->lock(x)/node0', ok: true, where: 'cpu0/task' }, 'lock spin barn->lock(x)/node0 ok @cpu0/task'],
  kmemleak: [{ kind: 'kmemleak', op: 'alloc', what: 'x' }, 'kmemleak alloc x'],
} satisfies Record<string, [KEvent, string]>;
const ev = (k: keyof typeof EV): KEvent => EV[k][0];

it('the typed events of these tests render as the text they replace', () => {
  for (const [e, text] of Object.values(EV)) expect(formatEvent(e)).toBe(text);
});

describe('comparing two observations', () => {
  it('is equivalent when nothing differs', () => {
    expect(cmp(obs([{}]), obs([{}])).verdict).toBe('equivalent');
  });
  it('is changed when only the internal path differs', () => {
    const c = cmp(obs([{ events: [ev('trylockList')] }]), obs([{ events: [ev('spinList')] }]));
    expect(c.verdict).toBe('changed');
    expect(c.differences.length).toBeGreaterThan(0);
    expect(c.differences.every((d) => d.kind === 'internal')).toBe(true);
  });
  it('is improved when a failure becomes a success, regressed the other way round', () => {
    expect(cmp(obs([{ result: { kind: 'NULL' } }]), obs([{ result: { kind: 'object' } }])).verdict).toBe('improved');
    expect(cmp(obs([{ result: { kind: 'object' } }]), obs([{ result: { kind: 'NULL' } }])).verdict).toBe('regressed');
  });
  it('regresses on a new warning, deadlock or sleep in atomic context, and improves when one goes', () => {
    for (const k of ['warn', 'deadlock', 'sleep'] as const) {
      expect(cmp(obs([{}]), obs([{ events: [ev(k)] }])).verdict, k).toBe('regressed');
      expect(cmp(obs([{ events: [ev(k)] }]), obs([{}])).verdict, k).toBe('improved');
    }
  });
  it("regresses when kswapd is woken for a caller whose gfp lacks __GFP_KSWAPD_RECLAIM", () => {
    const b = obs([{ facts: { gfp: 0x2020 }, events: [ev('kswapd')] }]);
    expect(cmp(obs([{ facts: { gfp: 0x2020 } }]), b).verdict).toBe('regressed');
    const ok = obs([{ facts: { gfp: 0xcc0 }, events: [ev('kswapd')] }]);
    expect(cmp(obs([{ facts: { gfp: 0xcc0 } }]), ok).verdict).toBe('changed');
  });
  it('regresses when requested bytes are no longer zero under __GFP_ZERO', () => {
    const o = (zero: boolean) => obs([{ facts: { wantZero: true }, objects: [{ handle: 'a', kind: 'slab', cache: 'kmalloc-64', bytes: { requested: 40, zero, digest: zero ? '0' : '1' } }] }]);
    expect(cmp(o(true), o(false)).verdict).toBe('regressed');
  });
  it('regresses on deeper nesting and on a leaked object', () => {
    expect(cmp(obs([{}]), obs([{ events: [ev('nest')] }])).verdict).toBe('regressed');
    const held: OpIn[] = [{ objects: [{ handle: 'a', kind: 'slab', cache: 'kmalloc-8' }] }];
    expect(cmp(obs(held), obs(held, { outstanding: ['a'] })).verdict).toBe('regressed');
  });
  it('does not call an object leaked when its allocation only succeeds at the later stage', () => {
    const before = obs([{ result: { kind: 'NULL' }, objects: [{ handle: 'a', kind: 'NULL', cache: null }] }]);
    const after = obs([{ objects: [{ handle: 'a', kind: 'slab', cache: 'kmalloc-8' }] }], { outstanding: ['a'] });
    const c = cmp(before, after);
    expect(c.verdict).toBe('improved');
    expect(c.differences.some((d) => d.effect === 'regressed')).toBe(false);
  });
  it('is n/a when an operation cannot run at one of the two stages', () => {
    expect(cmp(obs([{}]), obs([{ status: 'n/a', result: null, reason: 'unknown gfp name' }])).verdict).toBe('n/a');
  });
});

describe('the shortcut for equal observations', () => {
  it('compares JSON-like values structurally, key order aside', () => {
    expect(sameJson({ a: [1, { b: 'x' }], c: null }, { c: null, a: [1, { b: 'x' }] })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameJson([1], { 0: 1 })).toBe(false);
    expect(sameJson(Number.NaN, Number.NaN)).toBe(false);
  });

  // The shortcut relies on the domain's rules finding nothing between equal observations; the full
  // comparison must agree with it on every step of every shipped scenario.
  it('gives exactly what the full comparison gives on every step of the shipped scenarios', () => {
    let equal = 0;
    for (const sc of scenarios) {
      for (let si = 1; si < STAGES.length; si++) {
        const a = observe(rfc, si - 1, sc);
        const b = observe(rfc, si, sc);
        const fast = compareObservations(slabDomain, a, b);
        expect(fast, `${STAGES[si].slug} ${sc.name}`).toEqual(compareObservations(slabDomain, a, b, { shortcut: false }));
        if (sameJson(a.ops, b.ops) && sameJson(a.end, b.end)) equal++;
      }
      const o = observe(rfc, 0, sc);
      expect(compareObservations(slabDomain, o, structuredClone({ ...o, stage: 'other' }), { shortcut: false })).toEqual({ verdict: 'equivalent', differences: [] });
    }
    // Most steps leave a scenario untouched: that is what the shortcut is for.
    expect(equal).toBeGreaterThan(scenarios.length * (STAGES.length - 1) * 0.5);
  });
});

describe('contract violations of one observation', () => {
  it('flags unzeroed __GFP_ZERO memory, a spinning kmalloc_nolock, and unbalanced accounting', () => {
    const o = obs(
      [
        { facts: { wantZero: true }, objects: [{ handle: 'a', kind: 'slab', cache: 'kmalloc-64', bytes: { requested: 8, zero: false, digest: '1' } }] },
        { op: 'kmalloc_nolock', facts: { gfp: 0, context: 'nmi' }, events: [ev('spinListNmi')] },
        { op: 'kmalloc_nolock', facts: { gfp: 0xcc0 }, events: [ev('spinList')] },
      ],
      { memcgCharged: 64, tags: { 'drv:a': { calls: 1, bytes: 64 }, 'mm/slub.c:__alloc_empty_sheaf': { calls: 1, bytes: 512 } } },
    );
    const v = contractViolations(o);
    expect(v).toHaveLength(4);
    expect(v.map((x) => [x.contract, x.at])).toEqual([
      ['zeroing.gfp-zero', '0'],
      ['nolock.never-spins', '1'],
      ['accounting.balance', 'end'],
      ['accounting.balance', 'end'],
    ]);
    expect(v[0].message).toMatch(/not zeroed under __GFP_ZERO/);
    expect(v[1].message).toMatch(/^\[1\] kmalloc_nolock: lock spin/);
    expect(v[2].message).toMatch(/memcg still charged 64/);
    expect(v[3].message).toMatch(/allocation tag drv:a/);
  });
  it('is empty for a clean observation', () => {
    expect(contractViolations(obs([{ facts: { wantZero: true }, objects: [{ handle: 'a', kind: 'slab', cache: 'kmalloc-64', bytes: { requested: 8, zero: true, digest: '0' } }] }]))).toEqual([]);
  });
});

describe('checking a claim', () => {
  const c = cmp(obs([{ events: [ev('trylockBarn')] }]), obs([{ events: [ev('spinBarn'), ev('kmemleak')] }]));
  it('makes every difference of a refactor undeclared', () => {
    expect(c.differences.length).toBeGreaterThan(0);
    expect(checkClaim<Slab>({ kind: 'refactor', declared: [] }, c).undeclared.length).toBe(c.differences.length);
  });
  it('accepts the differences a behaviour change declares, and only those', () => {
    const r = checkClaim<Slab>({ kind: 'behaviour', declared: [{ id: 'barn.spins', description: 'the barn lock is spun on', evidence: [{ diff: 'event', event: { kind: 'lock', mode: ['spin', 'trylock'], lock: { prefix: ['barn->lock'] } } }] }] }, c);
    expect(r.declared.map((d) => d.id)).toContain('barn.spins');
    expect(r.undeclared.map((d) => slabDomain.render.difference(d).after.join())).toEqual(['| kmemleak alloc x']);
    expect(r.undeclared.map((d) => d.detail)).toEqual([{ diff: 'event', op: 'kmalloc', change: 'appeared', event: ev('kmemleak') }]);
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
  const refactors = rfc.entries.filter((e) => e.kind === 'refactor' && STAGES.some((s) => s.number === e.number));
  it.each(refactors.map((e) => [e.slug, e.number] as const))('refactor step %s is equivalent on every scenario', (_slug, n) => {
    for (const sc of scenarios) {
      const c = cmp(observe(rfc, n - 1, sc), observe(rfc, n, sc));
      expect(c.verdict === 'equivalent' || c.verdict === 'n/a', `${sc.name}: ${c.differences[0]?.what}`).toBe(true);
    }
  });

  it.each([
    ['rfc', STAGES],
    ['v3', v3.stages],
  ] as const)('slabseries check --series %s exits 0 with the approved findings in place (none new, none vanished, every example still showing its approval), and its --json has a state per stage', (name, stages) => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'check', '--series', name, '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(r.stdout.trim(), `slabseries check --json printed nothing (exit ${r.status}): ${r.stderr}`).not.toBe('');
    const j = JSON.parse(r.stdout);
    expect(j.series.newFindings, JSON.stringify(j.stages.flatMap((s: { checks: { state: string; context: string; description: string }[] }) => s.checks.filter((c) => c.state === 'fail')).slice(0, 3))).toBe(0);
    expect(j.series.vanishedApprovals).toBe(0);
    // An approval's example is where a reader is sent to see it: it must still show it.
    expect(j.staleExamples).toEqual([]);
    expect(r.status).toBe(0);
    expect(j.stages.map((s: { stage: string }) => s.stage)).toEqual(stages.map((s) => s.slug));
    for (const s of j.stages) for (const c of s.checks) expect(['pass', 'warning', 'fail']).toContain(c.state);
    expect(validate(JSON.parse(readFileSync(join(ROOT, 'docs', 'check-output.schema.json'), 'utf8')), j)).toEqual([]);
  });
});

describe('consequences in time, not in record order', () => {
  // Hand-made differences: op 2 is interrupted by 2/inject0/0, whose declared change comes first in
  // time though it is recorded after op 2 (src/harness/claims.ts endsAfterFirst).
  const diff = (at: string, kind: 'internal' | 'observable', effect: 'neutral' | 'improved' | 'regressed', what: string): Difference<Slab> => ({
    at,
    kind,
    effect,
    what,
    detail: { diff: 'event', op: 'kmalloc', change: 'appeared', event: { kind: 'slab', op: 'new', cache: 'kmalloc-8k', node: 0, order: 3 } },
  });
  const claim = { kind: 'behaviour' as const, declared: [{ id: 'newslab', description: 'new slabs differ', evidence: [{ diff: 'event' as const, change: 'appeared' as const, event: { kind: 'slab' as const } }] }] };
  const withResult = (at: string, effect: 'improved' | 'regressed'): Difference<Slab> => ({ ...diff(at, 'observable', effect, 'a failure became a success'), detail: { diff: 'result', op: 'kmalloc_nolock', before: { status: 'ran', result: { kind: 'NULL' } }, after: { status: 'ran', result: { kind: 'object' } } } });
  it("explains the interrupted operation's outcome by its interrupt's declared change", () => {
    const r = checkClaim<Slab>(claim, { verdict: 'improved', differences: [withResult('2', 'improved'), diff('2/inject0/0', 'observable', 'neutral', 'new slab')] });
    expect(r.undeclared).toEqual([]);
    expect(r.declared.map((d) => d.id)).toEqual(['newslab (consequence, later operation)', 'newslab']);
  });
  it("but not an earlier operation's, nor another operation's, nor a harm", () => {
    expect(checkClaim<Slab>(claim, { verdict: 'improved', differences: [withResult('1', 'improved'), diff('2/inject0/0', 'observable', 'neutral', 'new slab')] }).undeclared.map((d) => d.at)).toEqual(['1']);
    expect(checkClaim<Slab>(claim, { verdict: 'improved', differences: [withResult('2', 'improved'), diff('21/inject0/0', 'observable', 'neutral', 'new slab')] }).undeclared.map((d) => d.at)).toEqual(['2']);
    expect(checkClaim<Slab>(claim, { verdict: 'regressed', differences: [withResult('2', 'regressed'), diff('2/inject0/0', 'observable', 'neutral', 'new slab')] }).undeclared.map((d) => d.at)).toEqual(['2']);
  });
});

describe('consequences of an interrupt when the interrupted operation also has a declared difference', () => {
  // The interrupted kmalloc_nolock()'s own object difference is declared and recorded first; its result
  // still follows from the interrupt's declared change, which ran inside it.
  const claim = {
    kind: 'behaviour' as const,
    declared: [
      { id: 'objects', description: 'objects differ', evidence: [{ diff: 'object' as const }] },
      { id: 'newslab', description: 'new slabs differ', evidence: [{ diff: 'event' as const, change: 'appeared' as const, event: { kind: 'slab' as const } }] },
    ],
  };
  const result: Difference<Slab> = { at: '2', kind: 'observable', effect: 'improved', what: 'a failure became a success', detail: { diff: 'result', op: 'kmalloc_nolock', before: { status: 'ran', result: { kind: 'NULL' } }, after: { status: 'ran', result: { kind: 'object' } } } };
  const object = { ...result, kind: 'internal', effect: 'neutral', what: 'object', detail: { diff: 'object' } } as unknown as Difference<Slab>;
  const slab: Difference<Slab> = { at: '2/inject0/0', kind: 'observable', effect: 'neutral', what: 'new slab', detail: { diff: 'event', op: 'kmalloc', change: 'appeared', event: { kind: 'slab', op: 'new', cache: 'kmalloc-8k', node: 0, order: 3 } } };
  it('is declared as a consequence', () => {
    const r = checkClaim<Slab>(claim, { verdict: 'improved', differences: [result, object, slab] });
    expect(r.undeclared).toEqual([]);
  });
  it('and stays undeclared without the interrupt', () => {
    expect(checkClaim<Slab>(claim, { verdict: 'improved', differences: [result, object] }).undeclared).toEqual([result]);
  });
});

describe('a spin in an NMI operation', () => {
  // kfree_nolock() in NMI defers the free to irq_work, which runs after the operation in task context
  // and may spin on n->list_lock there; its events are recorded with the operation. Only a spin the
  // event places in NMI is the hazard (src/slab/judge.ts mustNotSpin).
  const op = { index: '1', op: 'kfree_nolock', status: 'ran', result: { kind: 'ok' }, facts: { context: 'nmi', wantZero: false }, objects: [], events: [] } as unknown as SlabOp;
  const spin = (where: string) => ({ kind: 'lock', mode: 'spin', lock: 'n->list_lock(kmalloc-1k)/node1', ok: true, where }) as KEvent;
  it('is a harm in NMI context and a path difference when irq_work runs it in task context', async () => {
    const { judgeEvent } = await import('../src/harness/compare.ts');
    expect(judgeEvent(slabDomain, spin('cpu0/nmi'), 'appeared', op).effect).toBe('regressed');
    expect(judgeEvent(slabDomain, spin('cpu0/task'), 'appeared', op)).toMatchObject({ kind: 'internal', effect: 'neutral' });
    // kmalloc_nolock() itself never spins, whatever the context.
    expect(judgeEvent(slabDomain, spin('cpu0/task'), 'appeared', { ...op, op: 'kmalloc_nolock', facts: { context: 'task', wantZero: false } } as SlabOp).effect).toBe('regressed');
  });
});
