// versions: the RFC's approved findings followed into v3. The expectations come from the spec
// (/work/shared/spec/series-v3.md) and from findings/approved.json, never from the tool's output.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { approvalMatches, approvedSet, type Approval } from '../src/harness/check.ts';
import { splitSignature } from '../src/harness/versions.ts';
import { slabKin } from '../src/cli/versions-command.ts';
import { inProcess } from './support/cli.ts';
import { slabDomain } from '../src/slab/domain.ts';
import type { Difference } from '../src/harness/domain.ts';
import type { Slab } from '../src/slab/observation.ts';

const ROOT = join(import.meta.dirname, '..');
const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });

interface Fate {
  signature: string;
  approved: boolean;
  reason: string | null;
  oldStep: number;
  body: string;
  oldScenarios: string[];
  pairedStep: number | null;
  fate: 'gone' | 'still-present' | 'moved';
  newSteps: number[];
  atPairedStep: { scenario: string; verdict: string; sameDifference: boolean }[];
  kin: { signature: string; step: number }[];
  newApproval: string | null;
}
interface Comparison {
  oldStage: string;
  newStage: string;
  counts: Record<string, number>;
  observable: number;
  scenarios: { scenario: string; verdict: string; observable: boolean; ops: { at: string; differences: { what: string; kind: string; effect: string; before: string[]; after: string[] }[]; changedAtOld: number[]; changedAtNew: number[] }[] }[];
  causes: { whats: string[]; changedAtOld: number[]; changedAtNew: number[]; ops: number; scenarios: string[] }[];
}
interface Versions {
  old: string;
  new: string;
  scenarios: string[];
  pairing: { old: number; new: number | null }[];
  fates: Fate[];
  newFindings: { signature: string; step: number; body: string; scenarios: string[]; pairedOldStep: number | null; approval: string | null }[];
  endToEnd: Comparison;
  bases: Comparison;
  summary: Record<string, unknown>;
}

const approvedRfc = JSON.parse(readFileSync(join(ROOT, 'findings', 'approved.json'), 'utf8')) as Approval[];

/**
 * Findings the v3 changelog and the spec say v3 answers (series-v3.md §2):
 * - v3 06, "RFC review findings addressed: the trynode kswapd / bisection hazard at RFC 05–07 …
 *   between RFC 05 and RFC 07 a non-nolock allocation without __GFP_KSWAPD_RECLAIM … gained
 *   __GFP_KSWAPD_RECLAIM" (cover letter: "Move trynode_flags refactoring from 7 to 6 to avoid
 *   bisection hazard"): the RFC 05 kswapd wake-up, gone at v3 06 (RFC 05's counterpart).
 * - v3 14, "both guards kept for one stage" (version map; cover letter: "In Patch 14, support
 *   temporarily both __GFP_NO_OBJ_EXT and SLAB_ALLOC_NO_RECURSE to prevent obj_ext -> sheaves ->
 *   obj_ext recursion"): RFC 13's sheaf-inside-vector recursion and its tag WARN in
 *   mark_obj_codetag_empty(), gone at v3 14 (RFC 13's counterpart).
 * - v3 14, "wider OBJCGS_CLEAR_MASK" (cover letter: "Expand OBJCGS_CLEAR_MASK to allow [= avoid, §6.8]
 *   kmalloc_nolock() warnings"): RFC 13's nested kmalloc_nolock gfp VM_WARN, gone at v3 14.
 */
const DOCUMENTED_FIXES: { rfcStep: number; match: RegExp; v3Step: number }[] = [
  { rfcStep: 5, match: /kswapd_wake/, v3Step: 6 },
  { rfcStep: 13, match: /warn mark_obj_codetag_empty/, v3Step: 14 },
  { rfcStep: 13, match: /warn kmalloc_nolock:gfp/, v3Step: 14 },
];

describe('slabseries versions (rfc -> v3)', () => {
  let v: Versions;
  beforeAll(async () => {
    // In this process (test/support/cli.ts): the report is the subject here.
    const r = await inProcess('versions', '--json');
    expect(r.status, r.stderr).toBe(0);
    v = JSON.parse(r.stdout) as Versions;
  });

  it('has the documented JSON shape', () => {
    expect(Object.keys(v).sort()).toEqual(['bases', 'endToEnd', 'fates', 'new', 'newFindings', 'old', 'pairing', 'scenarios', 'summary'].sort());
    expect([v.old, v.new]).toEqual(['rfc', 'v3']);
    expect(v.scenarios.length).toBeGreaterThan(40);
    expect(v.pairing).toHaveLength(16);
    expect(Object.keys(v.summary).sort()).toEqual(['approved', 'bases', 'endToEnd', 'gone', 'moved', 'newFindings', 'stillPresent', 'unapproved'].sort());
    for (const f of v.fates) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['signature', 'approved', 'reason', 'oldStep', 'body', 'oldScenarios', 'pairedStep', 'fate', 'newSteps', 'atPairedStep', 'kin', 'newApproval']));
      expect(['gone', 'still-present', 'moved']).toContain(f.fate);
    }
    for (const c of [v.endToEnd, v.bases]) {
      expect(Object.keys(c).sort()).toEqual(['causes', 'counts', 'newStage', 'observable', 'oldStage', 'scenarios']);
      expect(c.scenarios).toHaveLength(v.scenarios.length);
      expect(Object.values(c.counts).reduce((a, b) => a + b, 0)).toBe(v.scenarios.length);
    }
    expect(v.endToEnd.oldStage).toMatch(/^15-/);
    expect(v.bases.oldStage).toBe('00-baseline');
  });

  it('lists every approved RFC signature once, with its reason', () => {
    const listed = v.fates.filter((f) => f.approved).map((f) => f.signature);
    expect(new Set(listed).size).toBe(listed.length);
    // An approval that leaves caller classes open (`*`) is listed as the concrete signatures it
    // covers in this run (or as written when it covers none): every approval is there, nothing else.
    for (const a of approvedRfc) expect(listed.some((s) => approvalMatches(a.signature, s)), a.signature).toBe(true);
    for (const s of listed) expect(approvedRfc.some((a) => approvalMatches(a.signature, s)), s).toBe(true);
    const covering = approvedSet(approvedRfc);
    for (const f of v.fates.filter((x) => x.approved)) expect(f.reason, f.signature).toBe(covering.find(f.signature)!.reason);
  });

  it('pairs the steps as the version map does (RFC 05 <-> v3 06, RFC 06 <-> v3 05, RFC 15 none)', () => {
    const to = Object.fromEntries(v.pairing.map((p) => [p.old, p.new]));
    expect(to).toMatchObject({ 0: 0, 5: 6, 6: 5, 12: 13, 13: 14, 14: 15, 15: null });
  });

  it('reports the findings v3 is documented to fix as gone at the v3 step paired with the RFC step', () => {
    for (const fix of DOCUMENTED_FIXES) {
      const rows = v.fates.filter((f) => f.approved && f.oldStep === fix.rfcStep && fix.match.test(f.body));
      expect(rows.length, String(fix.match)).toBeGreaterThan(0);
      for (const f of rows) {
        expect(f.fate, f.signature).toBe('gone');
        expect(f.pairedStep).toBe(fix.v3Step);
        expect(f.newSteps).toEqual([]);
        // Where the RFC showed it, the v3 step runs and the difference does not happen there.
        expect(f.atPairedStep.length).toBeGreaterThan(0);
        for (const p of f.atPairedStep) expect(p.sameDifference).toBe(false);
      }
    }
  });

  // The v3 base is the RFC base plus the red-zone zeroing fix 648927ceb840 and nothing else
  // (series-v3.md §0): the base finding that fix addresses (kzalloc() zeroing only the requested
  // size under slab_debug=Z, so krealloc()'s __GFP_ZERO growth is stale) is gone at the v3 base;
  // every other base finding is still present there.
  it('keeps what v3 did not change: the base contract findings are still present at the base, but the red-zone one', () => {
    const base = v.fates.filter((f) => f.oldStep === 0);
    expect(base.length).toBeGreaterThan(1);
    for (const f of base) {
      if (/zeroing\.krealloc-growth/.test(f.body)) expect([f.fate, f.newSteps], f.signature).toEqual(['gone', []]);
      else expect([f.fate, f.pairedStep], f.signature).toEqual(['still-present', 0]);
    }
  });

  it('lists only v3 findings whose body no RFC finding has', () => {
    const rfcBodies = new Set(approvedRfc.map((a) => splitSignature(a.signature).body));
    for (const f of v.newFindings) expect(rfcBodies.has(f.body), f.signature).toBe(false);
  });

  it('compares the last stages and the bases scenario by scenario, with the steps behind each difference', () => {
    for (const s of v.endToEnd.scenarios) {
      if (s.verdict === 'equivalent') expect(s.ops).toEqual([]);
      for (const op of s.ops) expect(op.differences.length).toBeGreaterThan(0);
    }
    // The bases differ by the red-zone zeroing fix only (spec §0): observably only where red zoning
    // alone meets krealloc()'s __GFP_ZERO growth (the fix zeroes the whole object: improved).
    expect(v.bases.observable).toBe(1);
    const observable = v.bases.scenarios.filter((s) => s.observable);
    expect(observable.map((s) => [s.scenario, s.verdict])).toEqual([['baseline-redzone-krealloc-growth-stale-tail', 'improved']]);
    expect(v.bases.scenarios.map((s) => s.scenario)).toContain('kmalloc-redzone-without-store-user');
    expect(v.bases.scenarios.find((s) => s.scenario === 'kmalloc-redzone-without-store-user')!.verdict).not.toBe('equivalent');
  });
});

describe('versions helpers', () => {
  it('splits a signature into stage and body', () => {
    expect(splitSignature('05-alloc-flags-in-context regressed event appeared kswapd_wake @kmem_cache_alloc [task no-reclaim cache]')).toEqual({ stage: '05-alloc-flags-in-context', body: 'regressed event appeared kswapd_wake @kmem_cache_alloc [task no-reclaim cache]' });
  });
  it("tells a SLUB WARN's causes apart by where it was raised, not by its condition text", () => {
    const warn = (msg: string, raisedIn?: string): Difference<Slab> => ({
      kind: 'observable', effect: 'regressed', what: 'warning appeared', at: '0',
      detail: { diff: 'event', op: '0', change: 'appeared', event: { kind: 'warn', site: 'kmalloc_nolock:gfp', msg, once: true, ...(raisedIn ? { raisedIn } : {}) } },
    });
    const key = slabDomain.causeKey!;
    // RFC 13: the vector's nested kmalloc_nolock(); v3 15: the caller's own call (series-v3.md §6.8).
    expect(key(warn('VM_WARN_ON_ONCE(gfp_flags & ~(__GFP_ACCOUNT | __GFP_ZERO | __GFP_NO_OBJ_EXT))', 'obj_exts(kmalloc-1k)'))).not.toBe(key(warn('VM_WARN_ON_ONCE(gfp_flags & ~(__GFP_ACCOUNT | __GFP_ZERO | __GFP_NOWARN | __GFP_NOMEMALLOC))')));
    // RFC 14 and v3 15: a caller passing __GFP_NO_OBJ_EXT trips either version's mask.
    expect(key(warn('VM_WARN_ON_ONCE(gfp_flags & ~(__GFP_ACCOUNT | __GFP_ZERO))'))).toBe(key(warn('VM_WARN_ON_ONCE(gfp_flags & ~(__GFP_ACCOUNT | __GFP_ZERO | __GFP_NOWARN | __GFP_NOMEMALLOC))')));
  });
  it('groups SLUB signatures across caller classes', () => {
    expect(slabKin('regressed nesting deeper @kmalloc [task reclaim kmalloc]')).toBe(slabKin('regressed nesting deeper @kmalloc [irq kswapd-only kmalloc-cg]'));
    expect(slabKin('regressed end max nesting @end')).toBe('regressed end max nesting @end');
  });
});

describe('slabseries versions: bad input', () => {
  it('one line on stderr and exit 2', async () => {
    for (const args of [['rfc', 'v4'], ['nope'], ['rfc', 'rfc'], ['--jobs', '0']]) {
      const r = await inProcess('versions', ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
  it('has --help', () => {
    const r = cli('versions', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: slabseries versions \[options\] \[old\] \[new\]/);
  });
});
