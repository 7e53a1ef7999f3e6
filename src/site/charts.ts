// Charts as static SVG, rendered server-side by Vega-Lite → Vega (no hand-built SVG paths, no
// browser, no network): the spec is compiled with vega-lite and rendered with vega's headless SVG
// renderer (renderer 'none' + toSVG), which measures text by estimate, so the output depends only
// on the data. The SVG is inlined into the pages, so they work from file://.

import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { TrendRow } from '../metrics/trends.ts';

const CONFIG = { font: 'sans-serif', axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 }, view: { stroke: null } };

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none', logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The named trend metrics, in legend order. */
export const TREND_SERIES: readonly { key: keyof TrendRow; label: string }[] = [
  { key: 'gfpSpinCalls', label: 'gfp-based spin tests' },
  { key: 'allocFlagsTests', label: 'alloc_flags tests' },
  { key: 'noObjExtRefs', label: '__GFP_NO_OBJ_EXT references' },
  { key: 'contextFunctions', label: 'functions taking slab_alloc_context' },
];

export function trendSpec(rows: readonly TrendRow[]): TopLevelSpec {
  const values = rows.flatMap((r) => TREND_SERIES.map((s, i) => ({ stage: String(r.stage).padStart(2, '0'), metric: s.label, order: i, value: r[s.key] as number })));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'How far the migration has got, per stage',
    width: 640,
    height: 260,
    config: CONFIG,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'stage', type: 'ordinal', title: 'stage', axis: { labelAngle: 0 } },
      y: { field: 'value', type: 'quantitative', title: 'count' },
      color: { field: 'metric', type: 'nominal', title: null, sort: TREND_SERIES.map((s) => s.label), legend: { orient: 'bottom', columns: 2 } },
    },
  };
}

export function paramsSpec(rows: readonly TrendRow[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Parameters of the internal allocation functions (total)',
    width: 640,
    height: 160,
    config: CONFIG,
    data: { values: rows.map((r) => ({ stage: String(r.stage).padStart(2, '0'), params: r.internalParams })) },
    mark: { type: 'line', point: true, color: '#6a1b9a' },
    encoding: {
      x: { field: 'stage', type: 'ordinal', title: 'stage', axis: { labelAngle: 0 } },
      y: { field: 'params', type: 'quantitative', title: 'parameters', scale: { zero: false } },
    },
  };
}

export const VERDICT_ORDER = ['regressed', 'improved', 'changed', 'equivalent', 'n/a'] as const;
const VERDICT_COLORS = ['#e53935', '#43a047', '#fbc02d', '#b0bec5', '#eeeeee'];

/** Verdicts per step, stacked: how many scenarios each step leaves equivalent, changes, improves or regresses. */
export function verdictSpec(counts: readonly { stage: string; verdict: string; count: number }[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Verdicts per step (scenarios)',
    width: 640,
    height: 200,
    config: CONFIG,
    data: { values: counts.map((c) => ({ ...c, order: VERDICT_ORDER.indexOf(c.verdict as never) })) },
    mark: 'bar',
    encoding: {
      x: { field: 'stage', type: 'ordinal', title: 'step', axis: { labelAngle: 0 } },
      y: { field: 'count', type: 'quantitative', title: 'scenarios', stack: 'zero' },
      color: { field: 'verdict', type: 'nominal', title: 'verdict', scale: { domain: [...VERDICT_ORDER], range: VERDICT_COLORS }, legend: { orient: 'right' } },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}
