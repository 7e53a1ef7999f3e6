// `slabseries add-scenario FILE`: make a scenario a shipped one in one step — copy it into
// fixtures/scenarios/, write its golden observation at every stage, judge it like `check`, and say
// what still needs a person: approvals for new findings, and a reason in the manifest for every
// step whose golden observation changes.

import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { approvedSet, checkSeries, unapproved } from '../harness/check.ts';
import { goldenPath } from '../harness/golden.ts';
import { runScenario } from '../harness/runner.ts';
import { seriesEntry, stageInfos } from '../harness/series.ts';
import { loadApproved } from './approvals.ts';
import { domain, FIXTURES, nn, pickSeries, seriesPaths, UsageError } from './context.ts';
import { readScenarioFile } from './scenarios.ts';

export function cmdAddScenario(file: string, opts: { series?: string; json?: boolean }): number {
  const series = pickSeries(opts.series);
  const { golden: GOLDEN, approved: APPROVED } = seriesPaths(series);
  const sc = readScenarioFile(file, series.stages);
  const dest = join(FIXTURES, `${sc.name}.json`);
  if (existsSync(dest)) throw new UsageError(`fixtures/scenarios/${sc.name}.json already exists`);
  const obs = series.stages.map((st) => runScenario(domain, st, sc));
  const texts = obs.map((o) => domain.render.observation(o));
  // Fixture and goldens together: staged beside their targets, then moved into place.
  const written: string[] = [];
  try {
    for (const [i, st] of series.stages.entries()) {
      const p = goldenPath(GOLDEN, st.slug, sc.name);
      if (existsSync(p)) throw new UsageError(`${p} already exists`);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(`${p}.tmp`, texts[i]);
    }
    copyFileSync(file, `${dest}.tmp`);
    for (const st of series.stages) {
      const p = goldenPath(GOLDEN, st.slug, sc.name);
      renameSync(`${p}.tmp`, p);
      written.push(p);
    }
    renameSync(`${dest}.tmp`, dest);
  } catch (e) {
    for (const st of series.stages) rmSync(`${goldenPath(GOLDEN, st.slug, sc.name)}.tmp`, { force: true });
    rmSync(`${dest}.tmp`, { force: true });
    for (const p of written) rmSync(p, { force: true });
    throw e;
  }
  const approved = loadApproved(APPROVED);
  const report = checkSeries(domain, stageInfos(series), [sc.name], obs.map((o) => [o]), approved);
  const sigs = approvedSet(approved);
  const fresh = report.newFindings.map((f) => ({ stage: f.stage, kind: f.finding, signatures: unapproved(f, sigs) }));
  const needReason = series.stages.slice(1).filter((st, i) => texts[i + 1] !== texts[i] && !seriesEntry(series, st.number)?.goldenChanges[sc.name]).map((st) => st.slug);
  if (opts.json) process.stdout.write(JSON.stringify({ scenario: sc.name, fixture: dest, goldens: written.length, newFindings: fresh, goldenReasonsNeeded: needReason }, null, 2) + '\n');
  else {
    const out = [`added fixtures/scenarios/${sc.name}.json and ${written.length} golden observations`];
    out.push(`verdicts: ${report.cells.slice(1).map((row, i) => `${nn(i + 1)}${row[0].verdict === 'equivalent' ? '=' : row[0].verdict === 'changed' ? '~' : row[0].verdict === 'improved' ? '+' : row[0].verdict === 'regressed' ? '!' : '.'}`).join(' ')}`);
    for (const f of fresh) out.push(`>> new ${f.kind} at ${f.stage}: ${f.signatures.join('; ')}`);
    if (fresh.length) out.push(`   review them (slabseries check --scenario ${sc.name}), then: slabseries check --scenario ${sc.name} --stage NN --approve --reason "…"`);
    for (const s of needReason) out.push(`needs a reason: the golden observation changes at ${s}; add "${sc.name}": "<why>" to that entry's goldenChanges in the manifest`);
    if (!fresh.length && !needReason.length) out.push('nothing else to do');
    process.stdout.write(out.join('\n') + '\n');
  }
  return fresh.length || needReason.length ? 1 : 0;
}
