// `slabseries golden`: compare (or, on request, rewrite) the golden observation files.

import { compareGolden, firstDifference, goldenPath, writeGolden } from '../harness/golden.ts';
import { runScenario } from '../harness/runner.ts';
import { domain, pickSeries, resolveStage, seriesPaths } from './context.ts';
import { shippedScenarios } from './scenarios.ts';

export function cmdGolden(opts: { series?: string; update?: boolean; stage?: string; scenario?: string; json?: boolean }): number {
  const series = pickSeries(opts.series);
  const GOLDEN = seriesPaths(series).golden;
  const stages = opts.stage ? [resolveStage(series, opts.stage)] : series.stages;
  const scenarios = shippedScenarios(series.stages, opts.scenario);
  const rows: { file: string; status: 'missing' | 'differs'; action: 'created' | 'updated' | 'none'; detail?: string }[] = [];
  for (const stage of stages) {
    for (const sc of scenarios) {
      const text = domain.render.observation(runScenario(domain, stage, sc));
      const path = goldenPath(GOLDEN, stage.slug, sc.name);
      const status = compareGolden(path, text);
      if (status === 'match') continue;
      const file = `${stage.slug}/${sc.name}.txt`;
      if (opts.update) {
        writeGolden(path, text);
        rows.push({ file, status, action: status === 'missing' ? 'created' : 'updated' });
      } else {
        rows.push({ file, status, action: 'none', detail: status === 'differs' ? firstDifference(path, text) : undefined });
      }
    }
  }
  if (opts.json) process.stdout.write(JSON.stringify({ update: !!opts.update, files: rows }, null, 2) + '\n');
  else {
    for (const r of rows) process.stdout.write(opts.update ? `${r.action} ${r.file}\n` : `${r.status} ${r.file}${r.detail ? ': ' + r.detail : ''}\n`);
    process.stdout.write(opts.update ? `${rows.length} golden file(s) written\n` : `${rows.length} golden file(s) differ or are missing\n`);
  }
  return !opts.update && rows.length ? 1 : 0;
}
