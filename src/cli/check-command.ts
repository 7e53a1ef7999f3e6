// `slabseries check`: run every scenario on every stage of a series, judge every step, and compare
// the findings with the approved list.

import { relative } from 'node:path';
import { checkSeries, type CheckReport } from '../harness/check.ts';
import { ScenarioError } from '../harness/domain.ts';
import { stageInfos, stagesForSteps } from '../harness/series.ts';
import type { Slab } from '../slab/observation.ts';
import { approve, checkReason, loadApproved } from './approvals.ts';
import { colorEnabled, domain, endProgress, pickSeries, progress, resolveStage, seriesPaths, UsageError } from './context.ts';
import { observeMatrix } from './observe.ts';
import { observeOptions } from './cache-command.ts';
import { renderMatrix, renderSummaries, toJson } from './report.ts';
import { scenarioArgs } from './scenarios.ts';
import { renderKtap } from './ktap.ts';

export interface CheckOptions {
  series?: string;
  json?: boolean;
  /** text (default), json (= --json) or ktap. */
  format?: string;
  stage?: string;
  scenario?: string;
  approve?: boolean;
  reason?: string;
  jobs?: number;
  cache?: boolean;
}

/** --stage/--scenario narrow the report; approvals outside the selection are not "vanished". */
export function narrowReport(full: CheckReport<Slab>, stageSlug: string | null, scenario: string | undefined): CheckReport<Slab> {
  const inSel = (f: { stage: string; scenario: string }) => (!stageSlug || f.stage === stageSlug) && (!scenario || f.scenario === scenario);
  // An approval vanishes only if nothing in the whole selection could have shown it.
  const report = stageSlug ? { ...full, stages: full.stages.filter((s) => s.slug === stageSlug), cells: full.cells.filter((_, i) => full.stages[i].slug === stageSlug) } : { ...full };
  report.findings = full.findings.filter(inSel);
  report.newFindings = full.newFindings.filter(inSel);
  report.vanished = scenario ? [] : full.vanished.filter((a) => !stageSlug || a.signature.startsWith(`${stageSlug} `));
  report.staleExamples = full.staleExamples.filter((a) => a.example && inSel(a.example));
  return report;
}

export async function cmdCheck(files: readonly string[], opts: CheckOptions): Promise<number> {
  const format = opts.json ? 'json' : (opts.format ?? 'text');
  if (!['text', 'json', 'ktap'].includes(format)) throw new UsageError(`--format must be one of text, json, ktap`);
  if (format === 'json') opts = { ...opts, json: true };
  const series = pickSeries(opts.series);
  const APPROVED = seriesPaths(series).approved;
  const sel = opts.stage ? resolveStage(series, opts.stage).slug : null;
  if (opts.reason !== undefined) checkReason(opts.reason, !!opts.approve);
  let scenarios = scenarioArgs(files, series.stages);
  if (opts.scenario) {
    scenarios = scenarios.filter((s) => s.name === opts.scenario);
    if (!scenarios.length) throw new UsageError(`no scenario named "${opts.scenario}"`);
  }
  const approved = loadApproved(APPROVED);
  const tty = !opts.json && colorEnabled(process.stdout);
  // --stage NN judges step NN: only stages NN-1 and NN run.
  const selIdx = sel === null ? -1 : series.stages.findIndex((s) => s.slug === sel);
  const which = sel === null ? series.stages.map((_, i) => i) : stagesForSteps(series.stages.length, [selIdx]);
  // check is its process's whole job: the batch size may choose the compiler and executors.
  const oopts = { ...observeOptions(opts), tuneJit: true };
  const { observations: obs, judged } = await observeMatrix(series.name, which, scenarios, (d, t) => progress(`running ${d}/${t} scenario runs`), oopts).catch((e: unknown) => {
    // A run over budget in a worker thread arrives as a plain Error: it is still bad input.
    if (/: scenario exceeds budget: /.test(String((e as Error)?.message))) throw new ScenarioError((e as Error).message);
    throw e;
  });
  endProgress();
  const infos = stageInfos(series);
  const rows = which.map((i) => infos[i]);
  const names = scenarios.map((s) => s.name);
  const full = checkSeries(domain, rows, names, obs, approved, judged);
  const report = narrowReport(full, sel, opts.scenario);
  // Approvals can only vanish, and their shipped examples only go stale, when shipped scenarios ran.
  if (files.length) {
    report.vanished = [];
    report.staleExamples = [];
  }
  if (opts.approve) {
    const r = approve(APPROVED, report, approved, opts.reason);
    process.stdout.write(`approved ${r.added} finding(s), dropped ${r.dropped} vanished approval(s), moved ${r.moved} stale example(s): ${relative(process.cwd(), APPROVED)}\n`);
    return 0;
  }
  if (format === 'ktap') process.stdout.write(renderKtap(report, approved, series.name));
  else if (opts.json) process.stdout.write(JSON.stringify(toJson(report, approved), null, 2) + '\n');
  else {
    const file = (name: string) => relative(process.cwd(), scenarios.find((s) => s.name === name)?.file ?? name);
    process.stdout.write(renderMatrix(report, tty) + '\n' + renderSummaries(report, approved, file, tty, series.name));
    process.stdout.write(`${report.findings.length} finding(s): ${report.newFindings.length} new, ${report.findings.length - report.newFindings.length} approved; ${report.vanished.length} approved finding(s) vanished${report.staleExamples.length ? `; ${report.staleExamples.length} approval example(s) stale (check --approve moves them)` : ''}\n`);
  }
  return report.newFindings.length || report.vanished.length || report.staleExamples.length ? 1 : 0;
}
