// `check --format ktap`: the series check as KTAP version 1 (Documentation/dev-tools/ktap.rst), so
// kernel CI tooling can read it. One test per stage of the report (the base, whose subtests judge
// the API contracts only, then one per step), one subtest per scenario:
//   ok N scenario                          success  (nothing to report)
//   ok N scenario # warning: …             warning  (an approved finding; diagnostic, not a directive)
//   ok N scenario # SKIP n/a: …            the scenario cannot run at one of the two stages
//   not ok N scenario                      fail     (a new finding, or an approved one that vanished),
//                                                   preceded by "# …" diagnostic lines saying why
// A stage's test is "not ok" when any of its subtests is. Subtests are indented two spaces, their
// name given by a "# Subtest:" line between the version line and the plan, as KUnit prints it.

import { approvalsOf, cellState, isKnown, type ApprovedFinding, type CheckReport, type StepCell } from '../harness/check.ts';
import type { DomainTypes } from '../harness/domain.ts';

/** Text after "#" or in a description: one line, no "#" in descriptions. */
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
const name = (s: string) => oneLine(s).replace(/#/g, '_');

function why<T extends DomainTypes>(cell: StepCell<T>, finding: string): string[] {
  if (finding === 'contract') return cell.contract.filter((c) => c.isNew).map((c) => `${c.contract}: ${c.message}`);
  const ds = finding === 'undeclared' ? cell.undeclared : cell.differences.filter((d) => d.effect === 'regressed');
  return ds.slice(0, 3).map((d) => `[${d.at}] ${d.what}`);
}

export function renderKtap<T extends DomainTypes>(r: CheckReport<T>, approved: readonly ApprovedFinding[], series: string): string {
  const out = ['KTAP version 1', `# slabseries check --series ${series}: ${r.stages.length} stage(s) x ${r.scenarios.length} scenario(s); ${r.findings.length} finding(s), ${r.newFindings.length} new; ${r.vanished.length} approved finding(s) vanished`, `1..${r.stages.length}`];
  r.stages.forEach((st, si) => {
    const sub: string[] = ['  KTAP version 1', `  # Subtest: ${name(st.slug)}`, `  1..${r.cells[si].length}`];
    let failed = 0;
    let warned = 0;
    r.cells[si].forEach((cell, ci) => {
      const n = ci + 1;
      const mine = r.findings.filter((f) => f.stage === cell.stage && f.scenario === cell.scenario);
      const vanished = r.vanished.filter((v) => v.example?.stage === cell.stage && v.example?.scenario === cell.scenario);
      const stale = r.staleExamples.filter((v) => v.example?.stage === cell.stage && v.example?.scenario === cell.scenario);
      const fresh = mine.filter((f) => !isKnown(f, approved));
      if (fresh.length || vanished.length || stale.length) {
        failed++;
        for (const f of fresh) {
          sub.push(`  # ${name(cell.scenario)}: new ${f.finding} finding`);
          for (const w of why(cell, f.finding)) sub.push(`  # ${oneLine(w)}`);
        }
        for (const v of vanished) sub.push(`  # ${name(cell.scenario)}: approved signature vanished: ${oneLine(v.signature)} (${oneLine(v.reason)})`);
        for (const v of stale) sub.push(`  # ${name(cell.scenario)}: the example of an approval no longer shows it: ${oneLine(v.signature)}`);
        sub.push(`  not ok ${n} ${name(cell.scenario)}`);
        return;
      }
      if (si > 0 && cell.verdict === 'n/a') {
        sub.push(`  ok ${n} ${name(cell.scenario)} # SKIP n/a${cell.reason ? `: ${oneLine(cell.reason)}` : ''}`);
        return;
      }
      if (cellState(r, cell, approved) === 'warning') {
        warned++;
        const a = mine.flatMap((f) => approvalsOf(f, approved));
        const text = a.length ? `approved ${mine.map((f) => f.finding).join(', ')}: ${a[0].reason}` : `${cell.verdict}`;
        sub.push(`  ok ${n} ${name(cell.scenario)} # warning: ${oneLine(text)}`);
        return;
      }
      sub.push(`  ok ${n} ${name(cell.scenario)}`);
    });
    out.push(...sub);
    const test = si + 1;
    if (failed) out.push(`not ok ${test} ${name(st.slug)}`);
    else if (warned) out.push(`ok ${test} ${name(st.slug)} # warning: ${warned} approved finding(s)`);
    else out.push(`ok ${test} ${name(st.slug)}`);
  });
  return out.join('\n') + '\n';
}
