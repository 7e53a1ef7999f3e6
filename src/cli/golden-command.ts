// `slabseries golden`: compare (or, on request, rewrite) the golden observation files.

import { relative } from 'node:path';
import { insideRoot, OutsideRootError, writeAllOrNothing, type PlannedWrite } from '../harness/atomic-write.ts';
import { compareGolden, firstDifference } from '../harness/golden.ts';
import { runScenario } from '../harness/runner.ts';
import { domain, endProgress, pickSeries, progress, resolveStage, seriesPaths, UsageError } from './context.ts';
import { shippedScenarios } from './scenarios.ts';

export function cmdGolden(opts: { series?: string; update?: boolean; stage?: string; scenario?: string; json?: boolean }): number {
  const series = pickSeries(opts.series);
  const GOLDEN = seriesPaths(series).golden;
  const stages = opts.stage ? [resolveStage(series, opts.stage)] : series.stages;
  const scenarios = shippedScenarios(series.stages, opts.scenario);
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
  if (opts.json) process.stdout.write(JSON.stringify({ update: !!opts.update, files: rows }, null, 2) + '\n');
  else {
    for (const r of rows) process.stdout.write(opts.update ? `${r.action} ${r.file}\n` : `${r.status} ${r.file}${r.detail ? ': ' + r.detail : ''}\n`);
    process.stdout.write(opts.update ? `${rows.length} golden file(s) written\n` : `${rows.length} golden file(s) differ or are missing\n`);
  }
  return !opts.update && rows.length ? 1 : 0;
}
