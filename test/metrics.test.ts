// Structural metrics (src/metrics): the counts are checked against the stages with expectations derived
// from the spec (/work/shared/spec/series-rfc.md §1–§3) and the manifest (src/series/rfc/manifest.ts), never copied
// from the tool's output; the move detectors are unit-tested on small synthetic before/after snippets.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STAGES } from '../src/series/rfc/stages.ts';
import { MANIFEST } from '../src/series/rfc/manifest.ts';
import { computeMetrics, type MetricsReport } from '../src/metrics/run.ts';
import { parseFile } from '../src/metrics/syntax.ts';
import type { StageSyntax } from '../src/metrics/model.ts';
import { stageFacts } from '../src/metrics/stage.ts';
import { stepDiff } from '../src/metrics/step.ts';
import { compareMoves, detectMoves, parseDeclaredMove, type DetectedMove } from '../src/metrics/moves.ts';
import { ASSESSMENTS } from '../src/metrics/assessments.ts';
import { cmdMetrics, MetricsUsageError } from '../src/cli/metrics-command.ts';

const ROOT = join(import.meta.dirname, '..');
const STAGES_DIR = join(ROOT, 'src', 'stages');
const stageExists = (n: number) => STAGES.some((s) => s.number === n);
const ALL = Array.from({ length: 16 }, (_, n) => n);

// ---- expectations from the spec ---------------------------------------------------------------------

/**
 * §3 row 16 and its note: the nine gfpflags_allow_spinning() sites of the base, and the RFC patch that
 * converts (or deletes) each. "04 converts __pcs_replace_empty_main and deletes the one in
 * refill_objects; 05 converts ___slab_alloc; 06 the two partial-search sites; 07 allocate_slab; 08
 * slab_post_alloc_hook and alloc_slab_obj_exts; 10 alloc_from_pcs_bulk."
 */
const GFP_SPIN_SITES_RETIRED_AT: Record<string, number> = {
  __pcs_replace_empty_main: 4,
  refill_objects: 4,
  ___slab_alloc: 5,
  get_from_partial_node: 6,
  get_from_any_partial: 6,
  allocate_slab: 7,
  slab_post_alloc_hook: 8,
  alloc_slab_obj_exts: 8,
  alloc_from_pcs_bulk: 10,
};
/** Row 16 itself: "nine sites (00); seven (04); six (05); four (06); three (07); one (08–09) | none (10–15)". */
const ROW16: [from: number, count: number][] = [[0, 9], [4, 7], [5, 6], [6, 4], [7, 3], [8, 1], [10, 0]];
const row16 = (n: number) => ROW16.filter(([from]) => from <= n).pop()![1];
const gfpSitesAt = (n: number) => Object.entries(GFP_SPIN_SITES_RETIRED_AT).filter(([, at]) => n < at).map(([fn]) => fn).sort();

/** Functions that test alloc_flags for spinning, by the patch that converts them (§2, "gfp → alloc_flags replacements"). */
const ALLOC_FLAGS_SPIN_FROM: Record<string, number> = {
  __pcs_replace_empty_main: 4,
  ___slab_alloc: 5,
  alloc_single_from_new_slab: 5,
  get_from_partial_node: 6,
  get_from_any_partial: 6,
  allocate_slab: 7,
  slab_post_alloc_hook: 8,
  alloc_slab_obj_exts: 8,
};

/** §1.1 / RFC 03: the first three functions that take the context. */
const CONTEXT_TAKERS_FROM_03 = ['alloc_single_from_new_slab', '___slab_alloc', '__slab_alloc_node'];

let report: MetricsReport;
beforeAll(() => {
  report = computeMetrics(MANIFEST, STAGES_DIR, STAGES.map((s) => s.slug));
}, 60_000);
const facts = (n: number) => report.stages.find((s) => s.number === n)!;
const step = (n: number) => report.steps.find((s) => s.number === n)!;

describe('expectations agree with the spec text', () => {
  // The spec lives in ../shared beside the checkout (as on every machine and in CI).
  const spec = join(import.meta.dirname, '..', '..', 'shared', 'spec', 'series-rfc.md');
  it.runIf(existsSync(spec))('row 16 of §3 says what ROW16 encodes', () => {
    const text = readFileSync(spec, 'utf8');
    const row = text.split('\n').find((l) => l.startsWith('| 16 |'))!;
    expect(row).toContain('nine sites (00); seven (04); six (05); four (06); three (07); one (08–09)');
    expect(row).toContain('none (10–15)');
    expect(Object.keys(GFP_SPIN_SITES_RETIRED_AT)).toHaveLength(9);
    for (const n of ALL) expect(gfpSitesAt(n)).toHaveLength(row16(n));
  });
});

describe('per-stage counts', () => {
  for (const n of ALL) {
    it.runIf(stageExists(n))(`stage ${n}: gfpflags_allow_spinning() calls and their sites (§3 row 16)`, () => {
      const f = facts(n);
      expect(f.counts.gfpSpinCalls).toBe(row16(n));
      expect([...new Set(f.gfpSpinSites.map((s) => s.fn!))].sort()).toEqual(gfpSitesAt(n));
    });
    it.runIf(stageExists(n))(`stage ${n}: __GFP_NO_OBJ_EXT references (removed by RFC 15)`, () => {
      if (n < 15) expect(facts(n).counts.noObjExtRefs).toBeGreaterThan(0);
      else expect(facts(n).counts.noObjExtRefs).toBe(0);
      // RFC 14: no slab function uses it any more (only the definition and the trace name remain).
      if (n >= 14) expect(facts(n).noObjExtSites.filter((s) => s.fn !== null)).toEqual([]);
    });
    it.runIf(stageExists(n))(`stage ${n}: alloc_flags tests exist from RFC 04, in the converted functions`, () => {
      const f = facts(n);
      if (n < 4) expect(f.counts.allocFlagsTests).toBe(0);
      else expect(f.counts.allocFlagsTests).toBeGreaterThan(0);
      // RFC 04 migrates exactly one consumer; the helper's own body is a definition, not a test.
      if (n === 4) expect(f.counts.allocFlagsTests).toBe(1);
      expect(f.allocFlagsTestSites.some((s) => s.fn === 'alloc_flags_allow_spinning')).toBe(false);
      const testing = new Set(f.allocFlagsTestSites.map((s) => s.fn));
      for (const [fn, from] of Object.entries(ALLOC_FLAGS_SPIN_FROM)) expect(testing.has(fn), `${fn} at stage ${n}`).toBe(n >= from);
      // RFC 08: the new_slab bool becomes a SLAB_ALLOC_NEW_SLAB test in alloc_slab_obj_exts.
      expect(f.allocFlagsTestSites.some((s) => s.fn === 'alloc_slab_obj_exts' && s.text.includes('SLAB_ALLOC_NEW_SLAB'))).toBe(n >= 8);
      // RFC 13: the tagging hook tests SLAB_ALLOC_NO_RECURSE.
      expect(f.allocFlagsTestSites.some((s) => s.text.includes('SLAB_ALLOC_NO_RECURSE'))).toBe(n >= 13);
    });
    it.runIf(stageExists(n))(`stage ${n}: functions taking slab_alloc_context (from RFC 03)`, () => {
      const f = facts(n);
      if (n < 3) expect(f.contextFunctions).toEqual([]);
      else for (const fn of CONTEXT_TAKERS_FROM_03) expect(f.contextFunctions).toContain(fn);
      // RFC 09 makes slab_alloc_node take it; RFC 11 __do_kmalloc_node.
      expect(f.contextFunctions.includes('slab_alloc_node')).toBe(n >= 9);
      expect(f.contextFunctions.includes('__do_kmalloc_node')).toBe(n >= 11);
    });
    it.runIf(stageExists(n))(`stage ${n}: public API of include/linux/slab.ts (kmalloc_flags from RFC 12)`, () => {
      const api = facts(n).publicApi.map((a) => a.name);
      expect(api).toContain('kmalloc_nolock');
      expect(api.includes('kmalloc_flags')).toBe(n >= 12);
    });
  }
  it('every function is listed with its parameters as written', () => {
    const f = facts(0).functions.find((x) => x.name === '___slab_alloc')!;
    expect(f.params.map((p) => p.name)).toEqual(['s', 'gfpflags', 'node', 'addr', 'orig_size']);
    expect(f.params[1].type).toBe('gfp_t');
    expect(f.paramCount).toBe(5);
  });
});

describe('per-step results', () => {
  for (const e of MANIFEST) {
    const n = e.number;
    it.runIf(stageExists(n))(`step ${n}: signatures after the patch are the manifest's`, () => {
      for (const s of step(n).signatures) expect(s.actual, s.fn).toEqual(s.expected);
    });
    it.runIf(stageExists(n))(`step ${n}: the declared move is checked, and any disagreement is assessed`, () => {
      const s = step(n);
      expect(s.comparison.components.length).toBeGreaterThan(0);
      expect(s.declaredMove).toBe(e.move);
      if (s.comparison.verdict !== 'agrees') {
        expect(s.comparison.why.length).toBeGreaterThan(0);
        expect(ASSESSMENTS[n], `step ${n} needs a reviewed closing note`).toBeTruthy();
      }
    });
    it.runIf(stageExists(n))(`step ${n}: public API changes are declared`, () => {
      expect(step(n).api.flagged).toBe(false);
    });
  }
  it.runIf(stageExists(3))('step 03 introduces the parameter object with the spec\'s before → after', () => {
    const ipo = step(3).moves.find((m) => m.move === 'Introduce Parameter Object')!;
    expect(ipo.phases).toEqual(['expand']);
    expect(ipo.evidence.join('\n')).toContain('___slab_alloc: (s, gfpflags, node, addr, orig_size) → (s, gfpflags, node, ac)');
  });
  it.runIf(stageExists(8))('step 08 replaces the new_slab flag argument (spec RFC 08)', () => {
    const rfa = step(8).moves.find((m) => m.move === 'Replace Flag Argument')!;
    expect(rfa.evidence.join('\n')).toMatch(/alloc_slab_obj_exts.*new_slab.*SLAB_ALLOC_NEW_SLAB/);
  });
  it.runIf(stageExists(12))('step 12 extracts __kmalloc_nolock_noprof (spec RFC 12)', () => {
    expect(step(12).moves.find((m) => m.move === 'Extract Function')?.evidence.join('\n')).toMatch(/__kmalloc_nolock_noprof extracted from _kmalloc_nolock_noprof/);
  });
  it.runIf(stageExists(15))('step 15 removes the __GFP_NO_OBJ_EXT flag (spec RFC 15)', () => {
    const rf = step(15).moves.find((m) => m.move === 'Remove Flag')!;
    expect(rf.evidence.join('\n')).toContain('__GFP_NO_OBJ_EXT');
    expect(step(15).moves.find((m) => m.move === 'Parallel Change')?.phases).toContain('contract');
  });
  it('trends have one row per stage, in order', () => {
    expect(report.trends.map((r) => r.stage)).toEqual(STAGES.map((s) => s.number));
    for (const r of report.trends) expect(r.gfpSpinCalls).toBe(row16(r.stage));
  });
});

// ---- detectors on synthetic snippets -------------------------------------------------------------------

function stage(files: Record<string, string>): StageSyntax {
  return new Map(Object.entries(files).map(([p, t]) => [p, parseFile(p, t)]));
}
function moves(before: Record<string, string>, after: Record<string, string>): DetectedMove[] {
  const prev = stage(before);
  const cur = stage(after);
  return detectMoves({ prev, cur, diff: stepDiff(0, 1, prev, cur) });
}
const kinds = (ms: DetectedMove[]) => ms.map((m) => m.move);
const F = 'mm/slub.ts';

describe('move detectors (synthetic)', () => {
  it('Introduce Parameter Object: several parameters replaced by one context parameter', () => {
    const before = { [F]: 'function f(s: number, addr: number, orig_size: number): number { return s + addr + orig_size; }' };
    const after = { [F]: 'export interface ctx { caller_addr: number; orig_size: number }\nfunction f(s: number, ac: ctx): number { return s + ac.caller_addr + ac.orig_size; }' };
    const m = moves(before, after);
    const ipo = m.find((x) => x.move === 'Introduce Parameter Object')!;
    expect(ipo.phases).toEqual(['expand']);
    expect(ipo.evidence[0]).toContain('f: (s, addr, orig_size) → (s, ac)');
    expect(kinds(m)).not.toContain('Change Function Declaration');
  });
  it('no Introduce Parameter Object when the new parameter is not an object holding the old ones', () => {
    const m = moves({ [F]: 'function f(a: number, b: number) { return a + b; }' }, { [F]: 'function f(a: number, c: number) { return a + c; }' });
    expect(kinds(m)).not.toContain('Introduce Parameter Object');
    expect(kinds(m)).toContain('Change Function Declaration');
  });
  it('Replace Flag Argument: a boolean parameter removed while a flag bit appears and is tested', () => {
    const before = { [F]: 'function g(x: number, new_slab: boolean) { if (new_slab) return x; return 0; }' };
    const after = { [F]: 'export const SLAB_ALLOC_NEW_SLAB = 0x02;\nfunction g(x: number, alloc_flags: number) { if (alloc_flags & SLAB_ALLOC_NEW_SLAB) return x; return 0; }' };
    const rfa = moves(before, after).find((x) => x.move === 'Replace Flag Argument');
    expect(rfa?.evidence[0]).toMatch(/bool new_slab → flag bit SLAB_ALLOC_NEW_SLAB/);
  });
  it('no Replace Flag Argument when no flag bit appears', () => {
    const m = moves({ [F]: 'function g(x: number, b: boolean) { return b ? x : 0; }' }, { [F]: 'function g(x: number) { return x; }' });
    expect(kinds(m)).not.toContain('Replace Flag Argument');
  });
  it('Change Function Declaration (add parameter), along a call chain', () => {
    const before = { [F]: 'function a(s: number) { return b(s); }\nfunction b(s: number) { return s; }' };
    const after = { [F]: 'function a(s: number, alloc_flags: number) { return b(s, alloc_flags); }\nfunction b(s: number, alloc_flags: number) { return s + alloc_flags; }' };
    const cfd = moves(before, after).find((x) => x.move === 'Change Function Declaration')!;
    expect(cfd.evidence).toContain('a: (s) → (s, alloc_flags)  [+alloc_flags: number]');
    expect(cfd.evidence.at(-1)).toBe('along a call chain: a → b');
  });
  it('Remove Flag: a flag constant and all its uses gone', () => {
    const before = { 'include/linux/gfp_types.ts': 'export const __GFP_X = 1 << 3;\nexport const __GFP_Y = 1;', [F]: "import { __GFP_X } from './x.ts';\nfunction h(g: number) { return g & __GFP_X; }" };
    const after = { 'include/linux/gfp_types.ts': 'export const __GFP_Y = 1;', [F]: 'function h(g: number) { return g; }' };
    expect(moves(before, after).find((x) => x.move === 'Remove Flag')?.evidence[0]).toMatch(/^__GFP_X .* all its uses are gone \(2 references before\)/);
  });
  it('no Remove Flag while a use remains', () => {
    const before = { 'a.ts': 'export const FOO = 1;\nexport const BAR = 2;', [F]: 'function h() { return BAR; }' };
    const after = { 'a.ts': 'export const FOO = 1;', [F]: 'function h() { return BAR; }' };
    expect(kinds(moves(before, after))).not.toContain('Remove Flag');
  });
  const big = 'let r = s * 2 + 7; if (r > 100) r = r - 50; for (let i = 0; i < 3; i++) r += i * s; return r;';
  it('Extract Function (outline) and Inline Function', () => {
    const one = { [F]: `function caller(s: number) { ${big} }` };
    const two = { [F]: `function caller(s: number) { return helper(s); }\nfunction helper(s: number) { ${big} }` };
    expect(moves(one, two).find((x) => x.move === 'Extract Function')?.evidence[0]).toMatch(/^helper extracted from caller/);
    expect(moves(two, one).find((x) => x.move === 'Inline Function')?.evidence[0]).toMatch(/^helper inlined into caller/);
    expect(kinds(moves(two, one))).not.toContain('Remove Dead Code');
  });
  it('a renamed function is a rename, not a removal plus an addition', () => {
    const m = moves({ [F]: `function old_name(s: number) { ${big} }` }, { [F]: `function new_name(s: number) { ${big} }` });
    expect(m.find((x) => x.move === 'Rename Function')?.evidence[0]).toMatch(/^old_name → new_name/);
  });
  it('Parallel Change: expand, migrate, contract of the recursion guard', () => {
    const base = 'export const __GFP_NO_OBJ_EXT = 1 << 24;\n';
    const s0 = { [F]: `${base}function a(g: number) { return g & __GFP_NO_OBJ_EXT; }\nfunction b(g: number) { return g & __GFP_NO_OBJ_EXT; }` };
    const s1 = { [F]: `${base}export const SLAB_ALLOC_NO_RECURSE = 4;\nfunction a(g: number, f: number) { return f & SLAB_ALLOC_NO_RECURSE; }\nfunction b(g: number) { return g & __GFP_NO_OBJ_EXT; }` };
    const s2 = { [F]: `export const SLAB_ALLOC_NO_RECURSE = 4;\nfunction a(g: number, f: number) { return f & SLAB_ALLOC_NO_RECURSE; }\nfunction b(g: number, f: number) { return f & SLAB_ALLOC_NO_RECURSE; }` };
    const p1 = moves(s0, s1).find((x) => x.move === 'Parallel Change')!;
    expect(p1.phases).toEqual(['expand', 'migrate']);
    expect(p1.evidence.join('\n')).toContain('a: __GFP_NO_OBJ_EXT ×1 → SLAB_ALLOC_NO_RECURSE ×1');
    const p2 = moves(s1, s2).find((x) => x.move === 'Parallel Change')!;
    expect(p2.phases).toEqual(['migrate', 'contract']);
    expect(p2.evidence.join('\n')).toContain('last users');
  });
  it('Parallel Change migrate of the spin decision; a use replaced by a constant is not a migration', () => {
    const s0 = { [F]: 'function a(g: number) { return gfpflags_allow_spinning(g); }\nfunction b(g: number) { return x(gfpflags_allow_spinning(g)); }' };
    const s1 = { [F]: 'function a(g: number, f: number) { return alloc_flags_allow_spinning(f); }\nfunction b(g: number) { return x(true); }' };
    const m = moves(s0, s1);
    expect(m.find((x) => x.move === 'Parallel Change')?.evidence.join('\n')).toContain('a: gfpflags_allow_spinning() ×1 → alloc_flags test ×1');
    expect(m.find((x) => x.move === 'Replace Derived Argument with Constant')?.evidence[0]).toBe('b: x(…, gfpflags_allow_spinning(g)) → x(…, true)');
  });
  it('Replace Parameter with Query and Remove Assertion; a moved assertion is not removed', () => {
    const before = { [F]: 'function h(s: number, init: boolean) { WARN_ON_ONCE(s < 0); return init ? s : 0; }' };
    const after = { [F]: 'function h(s: number) { const init = want_init(s); return init ? s : 0; }\nfunction k(s: number) { WARN_ON_ONCE(s < 0); return s; }' };
    const m = moves(before, after);
    expect(m.find((x) => x.move === 'Replace Parameter with Query')?.evidence[0]).toContain('init now `init = want_init(s)`');
    expect(kinds(m)).not.toContain('Remove Assertion');
    const gone = moves(before, { [F]: 'function h(s: number, init: boolean) { return init ? s : 0; }' });
    expect(gone.find((x) => x.move === 'Remove Assertion')?.evidence[0]).toBe('h: `WARN_ON_ONCE(s < 0)` removed');
  });
});

describe('declared moves and the comparison', () => {
  it('parses the manifest\'s move text into components', () => {
    const c = parseDeclaredMove('Parallel Change (expand); Change Function Declaration (add parameter); migrate first consumer; Remove Assertion');
    expect(c.map((x) => x.kind)).toEqual(['Parallel Change', 'Change Function Declaration', 'Remove Assertion']);
    expect(c[0].phases).toEqual(['expand', 'migrate']);
    expect(parseDeclaredMove('Compiler-hint tidying (the codegen-level opposite of Inline Function)')[0].kind).toBe('no structural move');
    expect(parseDeclaredMove('Substitute Algorithm (x; y)')[0].kind).toBe('unchecked');
  });
  const ipo: DetectedMove = { move: 'Introduce Parameter Object', phases: ['migrate'], evidence: ['f: (a, b) → (ac)'] };
  const rfa: DetectedMove = { move: 'Replace Flag Argument', evidence: ['g'] };
  it('agrees, partly, disagrees', () => {
    expect(compareMoves(parseDeclaredMove('Introduce Parameter Object (migrate)'), [ipo]).verdict).toBe('agrees');
    expect(compareMoves(parseDeclaredMove('Introduce Parameter Object (migrate); Replace Flag Argument'), [ipo]).verdict).toBe('partly');
    expect(compareMoves(parseDeclaredMove('Introduce Parameter Object (migrate)'), [ipo, rfa]).verdict).toBe('partly');
    const d = compareMoves(parseDeclaredMove('Replace Flag Argument'), [ipo]);
    expect(d.verdict).toBe('disagrees');
    expect(d.why.join('\n')).toMatch(/declared "Replace Flag Argument": not detected/);
    expect(compareMoves(parseDeclaredMove('Introduce Parameter Object (expand)'), [ipo]).verdict).toBe('partly');
  });
});

describe('metrics command', () => {
  // The command's options as commander hands them over (the wiring is in src/cli/main.ts).
  const run = (...args: string[]) => {
    const opts: { stage?: string; json?: boolean } = {};
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--stage') opts.stage = args[++i];
      else if (args[i] === '--json') opts.json = true;
    }
    let code = -1;
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    try {
      code = cmdMetrics(opts);
    } finally {
      spy.mockRestore();
    }
    return { code, out: out.join('') };
  };
  it('rejects a stage out of range with a MetricsUsageError', () => {
    expect(() => run('--stage', '42')).toThrow(MetricsUsageError);
    expect(() => run('--stage', '42')).toThrow(/stage "42" is out of range \(00\.\.15\)/);
    expect(() => run('--stage', 'x')).toThrow(/stage "x" is not a stage: expected its number, 00\.\.15, or its slug/);
  });
  it.runIf(stageExists(3))('--stage 03 --json reports that step only', () => {
    const r = run('--stage', '03', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as MetricsReport;
    expect(j.steps.map((s) => s.number)).toEqual([3]);
    expect(j.trends.map((t) => t.stage)).toEqual([2, 3]);
  });
  it('prints the trend table, per step the moves and fidelity, and the closing note', () => {
    const r = run();
    expect(r.out).toMatch(/^Trends over the series/);
    if (stageExists(1)) expect(r.out).toMatch(/step 00 → 01[\s\S]*detected moves:[\s\S]*fidelity: overlap/);
    if (stageExists(1)) expect(r.out).toMatch(/Closing note/);
  });
});

// stageFacts is pure: the same parsed files give the same facts.
it('stageFacts is deterministic over parsed files', () => {
  const s = stage({ [F]: 'function f(ac: slab_alloc_context) { return gfpflags_allow_spinning(0) && alloc_flags_allow_spinning(ac.alloc_flags); }' });
  const f = stageFacts(7, 'x', s);
  expect(f.counts).toEqual({ gfpSpinCalls: 1, noObjExtRefs: 0, allocFlagsTests: 1, contextFunctions: 1, publicApi: 0 });
});

it('a reworded assertion is not a removed one', () => {
  const m = moves({ [F]: 'function h(g: number) { WARN_ON_ONCE(g & ~(A | B | C)); return g; }' }, { [F]: 'function h(g: number) { WARN_ON_ONCE(g & ~(A | B)); return g; }' });
  expect(kinds(m)).not.toContain('Remove Assertion');
});

describe('the parse cache (src/cache/syntax.ts)', () => {
  // Step 05 only (two stages): the report must be the same parsed afresh, stored, read back, and
  // after an entry was corrupted (detected by its checksum, parsed again and rewritten).
  it('gives the same report cold, warm and after a corrupted entry, and a warm run parses nothing', async () => {
    const { mkdtempSync, readdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { SyntaxCache } = await import('../src/cache/syntax.ts');
    const slugs = STAGES.map((s) => s.slug);
    const fresh = JSON.stringify(computeMetrics(MANIFEST, STAGES_DIR, slugs, { stage: 5 }));
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-syntax-'));
    const cold = new SyntaxCache(dir);
    expect(JSON.stringify(computeMetrics(MANIFEST, STAGES_DIR, slugs, { stage: 5, store: cold }))).toBe(fresh);
    expect(cold.stats.writes).toBeGreaterThan(0);
    const warm = new SyntaxCache(dir);
    expect(JSON.stringify(computeMetrics(MANIFEST, STAGES_DIR, slugs, { stage: 5, store: warm }))).toBe(fresh);
    // Every lookup of the warm run is a hit: files the two stages share were already hits cold.
    expect([warm.stats.writes, warm.stats.hits]).toEqual([0, cold.stats.hits + cold.stats.writes]);
    const sub = join(dir, 'syntax', readdirSync(join(dir, 'syntax'))[0]);
    const entry = join(sub, readdirSync(sub)[0]);
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('"name"', '"nome"'));
    const again = new SyntaxCache(dir);
    expect(JSON.stringify(computeMetrics(MANIFEST, STAGES_DIR, slugs, { stage: 5, store: again }))).toBe(fresh);
    expect([again.stats.corrupt, again.stats.writes]).toEqual([1, 1]);
  });

  // The build's parsed files (bin/build.mjs seedCodeCache(): dist/.code-cache/syntax) are read after
  // the cache directory, never written; a damaged one is parsed again into the cache directory.
  it('reads a seed directory where the cache has no entry, and leaves the seed as it is', async () => {
    const { existsSync, mkdtempSync, readdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { SyntaxCache } = await import('../src/cache/syntax.ts');
    const slugs = STAGES.map((s) => s.slug);
    const fresh = JSON.stringify(computeMetrics(MANIFEST, STAGES_DIR, slugs, { stage: 5 }));
    const seed = mkdtempSync(join(tmpdir(), 'slabseries-syntax-seed-'));
    const made = new SyntaxCache(seed, null);
    computeMetrics(MANIFEST, STAGES_DIR, slugs, { stage: 5, store: made });
    const own = join(mkdtempSync(join(tmpdir(), 'slabseries-syntax-own-')), 'cache');
    const first = new SyntaxCache(own, seed);
    expect(JSON.stringify(computeMetrics(MANIFEST, STAGES_DIR, slugs, { stage: 5, store: first }))).toBe(fresh);
    expect([first.stats.writes, first.stats.misses, first.stats.hits]).toEqual([0, 0, made.stats.hits + made.stats.writes]);
    expect(existsSync(own)).toBe(false);
    // Without the seed the same run parses and stores.
    const without = new SyntaxCache(own, null);
    computeMetrics(MANIFEST, STAGES_DIR, slugs, { stage: 5, store: without });
    expect(without.stats.writes).toBe(made.stats.writes);
    // A damaged seed entry: parsed again, stored in the cache directory, the seed file untouched.
    const own2 = join(mkdtempSync(join(tmpdir(), 'slabseries-syntax-own-')), 'cache');
    const sub = join(seed, 'syntax', readdirSync(join(seed, 'syntax'))[0]);
    const entry = join(sub, readdirSync(sub)[0]);
    const damaged = readFileSync(entry, 'utf8').replace('"name"', '"nome"');
    writeFileSync(entry, damaged);
    const again = new SyntaxCache(own2, seed);
    expect(JSON.stringify(computeMetrics(MANIFEST, STAGES_DIR, slugs, { stage: 5, store: again }))).toBe(fresh);
    expect(again.stats.writes).toBe(1);
    expect(readFileSync(entry, 'utf8')).toBe(damaged);
  });
});
