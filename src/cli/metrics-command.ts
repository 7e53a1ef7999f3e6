// `slabseries metrics`: structural metrics and refactoring moves per step (see src/metrics/).
// Registered by src/cli/main.ts; `show NN` appends stepMetricsText(NN).

import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeMetrics } from '../metrics/run.ts';
import { renderReport, renderStep } from '../metrics/render.ts';
import type { ManifestEntry } from '../metrics/run.ts';
import { MANIFEST as RFC_MANIFEST } from '../series/rfc/manifest.ts';
import { MANIFEST as V3_MANIFEST } from '../series/v3/manifest.ts';
import { endProgress, notAStage, progress } from './context.ts';
import { SyntaxCache } from '../cache/syntax.ts';

// Metrics read the stages' sources, so no stage code is loaded: the stages are the manifest's
// numbers plus the base, found as folders (per series: its manifest and its stages folder).
const SRC = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'src');
const METRIC_SERIES: Readonly<Record<string, { manifest: readonly ManifestEntry[]; dir: string }>> = {
  rfc: { manifest: RFC_MANIFEST, dir: join(SRC, 'stages') },
  v3: { manifest: V3_MANIFEST, dir: join(SRC, 'stages-v3') },
};

function seriesOf(name = 'rfc') {
  const m = METRIC_SERIES[name];
  if (!m) throw new MetricsUsageError(`unknown series "${name}" (known: ${Object.keys(METRIC_SERIES).join(', ')})`);
  const numbers = new Set([0, ...m.manifest.map((e) => e.number)]);
  const stages = readdirSync(m.dir)
    .filter((d) => /^\d\d-/.test(d) && numbers.has(Number(d.slice(0, 2))))
    .sort()
    .map((slug) => ({ number: Number(slug.slice(0, 2)), slug }));
  return { MANIFEST: m.manifest, STAGES_DIR: m.dir, STAGES: stages };
}

/** Bad usage of `metrics` (one line on stderr, exit 2). */
export class MetricsUsageError extends Error {
  override name = 'MetricsUsageError';
}

function parseStageArg(arg: string, STAGES: readonly { number: number }[]): number {
  const m = /^(\d{1,2})(-.*)?$/.exec(arg);
  const n = m ? Number(m[1]) : NaN;
  const st = STAGES.find((s) => s.number === n);
  const last = String(STAGES.length - 1).padStart(2, '0');
  if (!m) throw new MetricsUsageError(notAStage(arg, STAGES.length - 1));
  if (!st) throw new MetricsUsageError(`stage "${arg}" is out of range (00..${last})`);
  return n;
}

export function cmdMetrics(opts: { series?: string; stage?: string; json?: boolean; cache?: boolean }): number {
  const { MANIFEST, STAGES_DIR, STAGES } = seriesOf(opts.series);
  const stage = opts.stage === undefined ? undefined : parseStageArg(opts.stage, STAGES);
  progress('metrics: parsing the stages (ts-morph)…');
  // Parsed files are kept in .slabseries-cache/syntax (--no-cache: parse all, keep nothing).
  const store = opts.cache === false ? undefined : new SyntaxCache();
  const report = computeMetrics(MANIFEST, STAGES_DIR, STAGES.map((s) => s.slug), { stage, store });
  endProgress();
  if (opts.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(renderReport(report, { stage }));
  return 0;
}

/** The metrics of step NN (stage NN-1 → NN), as text for `show NN`; empty for the base. */
export function stepMetricsText(nn: number, series = 'rfc'): string {
  const { MANIFEST, STAGES_DIR, STAGES } = seriesOf(series);
  if (nn === 0 || !STAGES.some((s) => s.number === nn) || !STAGES.some((s) => s.number === nn - 1)) return '';
  const report = computeMetrics(MANIFEST, STAGES_DIR, STAGES.map((s) => s.slug), { stage: nn, store: new SyntaxCache() });
  return report.steps.length ? `\nstructural metrics (slabseries metrics --stage ${String(nn).padStart(2, '0')}):\n${renderStep(report.steps[0])}` : '';
}

