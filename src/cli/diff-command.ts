// `slabseries diff NN [--scenario NAME|FILE]`: one step made visible — the observation of stage
// NN-1 and NN side by side, differences only, with the verdict and the reason of each difference.
// Exit 0: no scenario differs; 1: at least one does (like diff(1)).

import { nn, pickSeries, resolveStage, UsageError } from './context.ts';
import { pickScenarios, renderStepView, runStep, scenarioFileOf } from './step-view.ts';

export function cmdDiff(arg: string, opts: { series?: string; scenario?: string; json?: boolean; all?: boolean }): number {
  const series = pickSeries(opts.series);
  const stage = resolveStage(series, arg);
  if (stage.number === series.stages[0].number) throw new UsageError(`stage ${nn(stage.number)} is the base: it has no previous stage to compare with`);
  const scenarios = pickScenarios(series, opts.scenario);
  const views = scenarios.map((sc) => ({ sc, v: runStep(series, stage.number, sc) }));
  const differing = views.filter(({ v }) => v.differences.length || v.verdict === 'n/a');
  if (opts.json) {
    process.stdout.write(JSON.stringify({ series: series.name, stage: stage.slug, previous: series.stages[series.stages.indexOf(stage) - 1].slug, scenarios: views.map(({ v }) => v) }, null, 2) + '\n');
    return differing.length ? 1 : 0;
  }
  const shown = opts.scenario !== undefined || opts.all ? views : differing;
  const out = [`diff ${nn(stage.number - 1)} -> ${nn(stage.number)}: ${stage.slug}`, `${differing.length} of ${views.length} scenario(s) differ${!opts.scenario && !opts.all ? ' (equivalent ones not shown; --all shows every scenario)' : ''}`, ''];
  for (const { sc, v } of shown) out.push(renderStepView(v, stage.number, scenarioFileOf(sc), series.name));
  process.stdout.write(out.join('\n'));
  return differing.length ? 1 : 0;
}
