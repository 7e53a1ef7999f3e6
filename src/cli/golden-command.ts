// `slabseries golden`: compare (or, on request, rewrite) the golden observation files.

import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { insideRoot, OutsideRootError, writeAllOrNothing, type PlannedWrite } from '../harness/atomic-write.ts';
import { compareGolden, firstDifference } from '../harness/golden.ts';
import { runScenario } from '../harness/runner.ts';
import type { SlabScenario } from '../slab/scenario.ts';
import type { StageDescriptor } from '../slab/stage_api.ts';
import { domain, endProgress, FIXTURES, pickSeries, progress, resolveStage, seriesPaths, UsageError } from './context.ts';
import { readScenarioFile, scenarioArg, scenarioArgs, shippedScenarios } from './scenarios.ts';

export interface GoldenOptions {
  series?: string;
  update?: boolean;
  stage?: string;
  scenario?: string;
  json?: boolean;
}

/**
 * The scenarios to compare: files or directories named on the command line (as `check` takes them),
 * `--scenario` as a shipped name or a file, or else every shipped one. Golden observations are the
 * record of the shipped scenarios, so `--update` takes only those: a scenario file whose name is not
 * shipped, or whose content differs from the shipped file of its name, is refused before anything
 * runs (it would leave golden files no fixture explains).
 */
function goldenScenarios(files: readonly string[], opts: GoldenOptions, stages: readonly StageDescriptor[]): SlabScenario[] {
  let scenarios: SlabScenario[];
  if (files.length) {
    scenarios = scenarioArgs(files, stages);
    if (opts.scenario) {
      scenarios = scenarios.filter((s) => s.name === opts.scenario);
      if (!scenarios.length) throw new UsageError(`no scenario named "${opts.scenario}" among the files given`);
    }
  } else if (opts.scenario) scenarios = [scenarioArg(opts.scenario, stages)];
  else return shippedScenarios(stages);
  if (opts.update) {
    for (const sc of scenarios) {
      const shippedFile = join(FIXTURES, `${sc.name}.json`);
      if (!existsSync(shippedFile))
        throw new UsageError(`"${sc.name}" is not a shipped scenario: --update writes golden files only for fixtures/scenarios/ (ship it with \`slabseries add-scenario FILE\`)`);
      if (JSON.stringify(readScenarioFile(shippedFile, stages)) !== JSON.stringify(sc))
        throw new UsageError(`"${sc.name}" differs from fixtures/scenarios/${sc.name}.json: --update writes golden files only for the shipped content (copy the file there first)`);
    }
  }
  return scenarios;
}

export function cmdGolden(files: readonly string[], opts: GoldenOptions): number {
  const series = pickSeries(opts.series);
  const GOLDEN = seriesPaths(series).golden;
  const stages = opts.stage ? [resolveStage(series, opts.stage)] : series.stages;
  const scenarios = goldenScenarios(files, opts, series.stages);
  // A scenario that was never shipped has no golden files: say so once instead of only "missing" per stage.
  const unshipped = scenarios.filter((sc) => !existsSync(join(FIXTURES, `${sc.name}.json`))).map((sc) => sc.name);
  const rows: { file: string; status: 'missing' | 'differs'; action: 'created' | 'updated' | 'none'; detail?: string }[] = [];
  const writes: PlannedWrite[] = [];
  const total = stages.length * scenarios.length;
  let done = 0;
  for (const stage of stages) {
    for (const sc of scenarios) {
      progress(`golden: ${++done}/${total} ${stage.slug} ${sc.name}`);
      const text = domain.render.observation(runScenario(domain, stage, sc));
      let path: string;
      try {
        path = insideRoot(GOLDEN, `${stage.slug}/${sc.name}.txt`);
      } catch (e) {
        if (e instanceof OutsideRootError) throw new UsageError(`golden file for scenario ${JSON.stringify(sc.name.slice(0, 60))} would be outside test/golden/`);
        throw e;
      }
      const status = compareGolden(path, text);
      if (status === 'match') continue;
      const file = relative(GOLDEN, path).split('\\').join('/');
      if (opts.update) {
        writes.push({ path, content: text });
        rows.push({ file, status, action: status === 'missing' ? 'created' : 'updated' });
      } else {
        rows.push({ file, status, action: 'none', detail: status === 'differs' ? firstDifference(path, text) : undefined });
      }
    }
  }
  endProgress();
  // Every observation is computed before the first write: a failing run leaves test/golden/ as it was.
  if (writes.length) writeAllOrNothing(GOLDEN, writes);
  if (opts.json) process.stdout.write(JSON.stringify({ update: !!opts.update, files: rows, unshipped }, null, 2) + '\n');
  else {
    for (const name of unshipped) process.stdout.write(`not shipped: ${name} (no golden files; \`slabseries add-scenario FILE\` ships it with them)\n`);
    for (const r of rows) process.stdout.write(opts.update ? `${r.action} ${r.file}\n` : `${r.status} ${r.file}${r.detail ? ': ' + r.detail : ''}\n`);
    process.stdout.write(opts.update ? `${rows.length} golden file(s) written\n` : `${rows.length} golden file(s) differ or are missing\n`);
  }
  return !opts.update && rows.length ? 1 : 0;
}
