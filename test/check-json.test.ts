// check --json carries each cell's finding signatures and the approval that covers each, so that a
// machine reader (CI, the explore bench) needs no text scraping to know what a cell found.
import { describe, expect, it } from 'vitest';
import { toJson } from '../src/cli/report.ts';
import type { Approval, CheckReport } from '../src/harness/check.ts';
import type { Slab } from '../src/slab/observation.ts';
import { inProcess } from './support/cli.ts';

const cell = (stage: string, scenario: string, verdict: 'equivalent' | 'regressed') => ({ stage, scenario, verdict, differences: [], undeclared: [], declaredIds: [], contract: [] });

// Hand-made signatures in the "step kind what @entry [context gfp cache]" form approvals match on.
const EXACT = '01-one regressed nesting deeper @kmalloc [task reclaim kmalloc]';
const OPEN = '01-one regressed event appeared oom @kmalloc [task reclaim kmalloc]';
const NEW = '01-one undeclared event appeared kswapd_wake @kmalloc [task reclaim kmalloc]';

function report(): CheckReport<Slab> {
  return {
    stages: [
      { number: 0, slug: '00-base', subject: 'base', claim: null },
      { number: 1, slug: '01-one', subject: 'one', claim: { kind: 'behaviour', declared: [] } },
    ],
    scenarios: ['a', 'b'],
    cells: [
      [cell('00-base', 'a', 'equivalent'), cell('00-base', 'b', 'equivalent')],
      [cell('01-one', 'a', 'regressed'), cell('01-one', 'b', 'equivalent')],
    ],
    findings: [
      { stage: '01-one', scenario: 'a', finding: 'regressed', signatures: [EXACT, OPEN] },
      { stage: '01-one', scenario: 'a', finding: 'undeclared', signatures: [NEW] },
    ],
    newFindings: [{ stage: '01-one', scenario: 'a', finding: 'undeclared', signatures: [NEW] }],
    vanished: [], staleExamples: [],
  };
}

describe('check --json findings', () => {
  it('lists every signature of a cell with the approval covering it: exact before open, null when new', () => {
    const approved: Approval[] = [
      { signature: '01-one regressed nesting deeper @* [*]', reason: 'open' },
      { signature: EXACT, reason: 'exact' },
      { signature: '01-one regressed event appeared oom @kmalloc [task * kmalloc]', reason: 'open gfp' },
    ];
    const j = toJson(report(), approved);
    const [a, b] = j.stages[1].checks;
    expect(a.findings).toEqual([
      { kind: 'regressed', signature: EXACT, approvedBy: EXACT },
      { kind: 'regressed', signature: OPEN, approvedBy: '01-one regressed event appeared oom @kmalloc [task * kmalloc]' },
      { kind: 'undeclared', signature: NEW, approvedBy: null },
    ]);
    expect(b).not.toHaveProperty('findings');
    expect(j.stages[0].checks.some((c) => 'findings' in c)).toBe(false);
    expect(j.series).toEqual({ state: 'fail', newFindings: 1, vanishedApprovals: 0, staleExamples: 0 });
    expect(j.staleExamples).toEqual([]);
  });

  it('the CLI prints them for a shipped scenario, every one approved', async () => {
    // nolock-preempt-rt regresses at RFC 04 (series-rfc.md: DEFAULT-path callers without reclaim
    // bits refill sheaves there), an approved finding.
    const r = await inProcess('check', 'nolock-preempt-rt', '--json');
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as ReturnType<typeof toJson>;
    const found = j.stages.flatMap((s) => s.checks.flatMap((c) => (c.findings ?? []).map((f) => ({ stage: s.stage, ...f }))));
    expect(found.some((f) => f.stage === '04-introduce-alloc-flags-trylock' && f.kind === 'regressed')).toBe(true);
    for (const f of found) {
      expect(f.signature.startsWith(`${f.stage} ${f.kind} `)).toBe(true);
      expect(f.approvedBy).not.toBeNull();
    }
  });
});
