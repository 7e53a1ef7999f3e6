// check --format ktap, read back by a parser written from the KTAP v1 specification
// (Documentation/dev-tools/ktap.rst): version line "KTAP version 1", plan "1..N", result lines
// "<ok|not ok> <number> [<description>][ # [<directive>] [<diagnostic data>]]", diagnostic lines
// "# …", subtests indented two spaces from their version line up to the parent's result line, and
// a parent that fails when one of its subtests fails.
import { describe, expect, it } from 'vitest';
import { renderKtap } from '../src/cli/ktap.ts';
import { inProcess } from './support/cli.ts';
import type { CheckReport } from '../src/harness/check.ts';
import type { Slab } from '../src/slab/observation.ts';

interface KtapTest {
  ok: boolean;
  number: number;
  description: string;
  directive: string | null;
  diagnostics: string[];
  subtests: KtapTest[];
  name: string | null;
}

/** Parse one KTAP document level; throws on anything the spec does not allow. */
function parseKtap(text: string): { plan: number; tests: KtapTest[]; diagnostics: string[] } {
  const lines = text.replace(/\n$/, '').split('\n');
  let i = 0;
  function level(indent: string): { plan: number; tests: KtapTest[]; diagnostics: string[]; name: string | null } {
    if (lines[i] !== `${indent}KTAP version 1`) throw new Error(`line ${i + 1}: expected "${indent}KTAP version 1", got "${lines[i]}"`);
    i++;
    let plan = -1;
    let name: string | null = null;
    const tests: KtapTest[] = [];
    const diagnostics: string[] = [];
    let pending: string[] = [];
    let children: ReturnType<typeof level> | null = null;
    while (i < lines.length) {
      const l = lines[i];
      if (!l.startsWith(indent)) break; // the end of this (sub)test: the parent's result line
      const body = l.slice(indent.length);
      if (body.startsWith('  ')) {
        if (children) throw new Error(`line ${i + 1}: a second subtest block before a result line`);
        children = level(indent + '  ');
        continue;
      }
      i++;
      let m: RegExpExecArray | null;
      if ((m = /^1\.\.(\d+)$/.exec(body))) {
        if (plan >= 0) throw new Error(`line ${i}: second plan`);
        plan = Number(m[1]);
      } else if ((m = /^# Subtest: (.+)$/.exec(body)) && plan < 0) {
        name = m[1];
      } else if (body.startsWith('# ')) {
        pending.push(body.slice(2));
        diagnostics.push(body.slice(2));
      } else if ((m = /^(ok|not ok) (\d+)(?: ([^#]*?))?(?: # (.*))?$/.exec(body))) {
        const after = m[4] ?? '';
        const dir = /^(SKIP|TODO|XFAIL|TIMEOUT|ERROR)\b/.exec(after);
        tests.push({ ok: m[1] === 'ok', number: Number(m[2]), description: m[3] ?? '', directive: dir ? dir[1] : null, diagnostics: pending, subtests: children?.tests ?? [], name: children?.name ?? null });
        if (children && children.plan !== children.tests.length) throw new Error(`subtest ${m[3]}: plan ${children.plan}, ${children.tests.length} results`);
        pending = [];
        children = null;
      } else throw new Error(`line ${i}: not a KTAP line: "${l}"`);
    }
    if (plan < 0) throw new Error(`no plan at indentation ${indent.length}`);
    tests.forEach((t, k) => {
      if (t.number !== k + 1) throw new Error(`test ${t.description}: number ${t.number}, expected ${k + 1}`);
    });
    return { plan, tests, diagnostics, name };
  }
  const top = level('');
  if (i !== lines.length) throw new Error(`line ${i + 1}: trailing text`);
  if (top.plan !== top.tests.length) throw new Error(`plan ${top.plan}, ${top.tests.length} results`);
  return top;
}

const cell = (stage: string, scenario: string, verdict: 'equivalent' | 'regressed' | 'n/a', extra: Partial<CheckReport<Slab>['cells'][0][0]> = {}) => ({ stage, scenario, verdict, differences: [], undeclared: [], declaredIds: [], contract: [], ...extra });

function fixture(): CheckReport<Slab> {
  const reg = { at: '1', kind: 'observable' as const, effect: 'regressed' as const, what: 'kswapd woken', detail: { diff: 'domain' as const, op: 'x', detail: { kind: 'nesting' as const, before: 1, after: 2 } } };
  return {
    stages: [
      { number: 0, slug: '00-base', subject: 'base', claim: null },
      { number: 1, slug: '01-one', subject: 'one', claim: { kind: 'refactor', declared: [] } },
      { number: 2, slug: '02-two', subject: 'two', claim: { kind: 'behaviour', declared: [] } },
    ],
    scenarios: ['a', 'b', 'c'],
    cells: [
      [cell('00-base', 'a', 'equivalent'), cell('00-base', 'b', 'equivalent'), cell('00-base', 'c', 'equivalent')],
      [cell('01-one', 'a', 'equivalent'), cell('01-one', 'b', 'regressed', { differences: [reg] }), cell('01-one', 'c', 'n/a', { reason: 'op n/a at stage 01' })],
      [cell('02-two', 'a', 'regressed', { differences: [reg] }), cell('02-two', 'b', 'equivalent'), cell('02-two', 'c', 'equivalent')],
    ],
    findings: [
      { stage: '01-one', scenario: 'b', finding: 'regressed', signatures: ['01-one regressed kswapd'] },
      { stage: '02-two', scenario: 'a', finding: 'regressed', signatures: ['02-two regressed kswapd'] },
    ],
    newFindings: [{ stage: '01-one', scenario: 'b', finding: 'regressed', signatures: ['01-one regressed kswapd'] }],
    vanished: [], staleExamples: [],
  };
}

describe('renderKtap', () => {
  it('one test per stage, one subtest per scenario; new finding not ok, approved ok with a warning, n/a SKIP', () => {
    const approved = [{ signature: '02-two regressed kswapd', reason: 'known # since v1', example: { stage: '02-two', scenario: 'a' } }];
    const doc = parseKtap(renderKtap(fixture(), approved, 'toy'));
    expect(doc.tests.map((t) => [t.ok, t.description, t.name])).toEqual([
      [true, '00-base', '00-base'],
      [false, '01-one', '01-one'],
      [true, '02-two', '02-two'],
    ]);
    const one = doc.tests[1].subtests;
    expect(one.map((t) => [t.description, t.ok, t.directive])).toEqual([
      ['a', true, null],
      ['b', false, null],
      ['c', true, 'SKIP'],
    ]);
    expect(one[1].diagnostics.join('\n')).toMatch(/new regressed finding[\s\S]*\[1\] kswapd woken/);
    const two = doc.tests[2].subtests;
    expect(two[0].ok).toBe(true);
    expect(two[0].directive).toBeNull(); // a warning is diagnostic data, not a directive
  });

  // An approval that vanished, and one whose example no longer shows it, both fail the subtest of
  // the example's cell and name the signature in its diagnostics.
  it.each([
    ['an approved finding that vanished', 'vanished'],
    ['an approval whose example no longer shows it', 'staleExamples'],
  ] as const)('%s fails its subtest, with the signature as diagnostic', (_what, field) => {
    const r = fixture();
    r[field] = [{ signature: '02-two regressed gone', reason: 'was there', example: { stage: '02-two', scenario: 'c' } }];
    const doc = parseKtap(renderKtap(r, [], 'toy'));
    expect(doc.tests[2].ok).toBe(false);
    expect(doc.tests[2].subtests[2].ok).toBe(false);
    expect(doc.tests[2].subtests[2].diagnostics.join('\n')).toContain('02-two regressed gone');
  });
});

describe('check --format ktap', () => {
  it('is valid KTAP for the whole series, and agrees with check --json', async () => {
    // In this process (test/support/cli.ts): the output is the subject here.
    const run = (...a: string[]) => inProcess('check', ...a);
    const k = await run('--format', 'ktap', '--stage', '05');
    const j = await run('--json', '--stage', '05');
    expect(k.status).toBe(j.status);
    const doc = parseKtap(k.stdout);
    const json = JSON.parse(j.stdout) as { stages: { stage: string; state: string; checks: { context: string; state: string }[] }[] };
    expect(doc.tests.map((t) => t.description)).toEqual(json.stages.map((s) => s.stage));
    json.stages.forEach((s, si) => {
      const t = doc.tests[si];
      // documented mapping: fail ⇔ not ok; warning and pass ⇔ ok
      expect(t.ok).toBe(s.state !== 'fail');
      s.checks.forEach((c, ci) => expect(t.subtests[ci].ok, c.context).toBe(c.state !== 'fail'));
    });
    expect((await run('--format', 'yaml')).status).toBe(2);
  }, 400_000);
});
