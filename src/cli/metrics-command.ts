// `slabseries metrics`: structural metrics and refactoring moves per step (see src/metrics/).
// Registered by src/cli/main.ts; `show NN` appends stepMetricsText(NN).

import type { Command } from 'commander';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeMetrics } from '../metrics/run.ts';
import { renderReport, renderStep } from '../metrics/render.ts';
import type { ManifestEntry } from '../metrics/run.ts';
import { MANIFEST as RFC_MANIFEST } from '../series/rfc/manifest.ts';
import { MANIFEST as V3_MANIFEST } from '../series/v3/manifest.ts';
import { endProgress, progress } from './context.ts';

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
  if (!m || !st) throw new MetricsUsageError(`stage "${arg}" is out of range (00..${last})`);
  return n;
}

export function cmdMetrics(opts: { series?: string; stage?: string; json?: boolean }): number {
  const { MANIFEST, STAGES_DIR, STAGES } = seriesOf(opts.series);
  const stage = opts.stage === undefined ? undefined : parseStageArg(opts.stage, STAGES);
  progress('metrics: parsing the stages (ts-morph)…');
  const report = computeMetrics(MANIFEST, STAGES_DIR, STAGES.map((s) => s.slug), { stage });
  endProgress();
  if (opts.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(renderReport(report, { stage }));
  return 0;
}

/** The metrics of step NN (stage NN-1 → NN), as text for `show NN`; empty for the base. */
export function stepMetricsText(nn: number, series = 'rfc'): string {
  const { MANIFEST, STAGES_DIR, STAGES } = seriesOf(series);
  if (nn === 0 || !STAGES.some((s) => s.number === nn) || !STAGES.some((s) => s.number === nn - 1)) return '';
  const report = computeMetrics(MANIFEST, STAGES_DIR, STAGES.map((s) => s.slug), { stage: nn });
  return report.steps.length ? `\nstructural metrics (slabseries metrics --stage ${String(nn).padStart(2, '0')}):\n${renderStep(report.steps[0])}` : '';
}

export function registerMetrics(program: Command, setCode: (n: number) => void): void {
  program
    .command('metrics')
    .description('structural metrics of the stages (syntax only): the trend table, then per step the detected refactoring moves with evidence, compared with the declared move, and the fidelity to the real patch')
    .option('--series <name>', 'which series (rfc, v3)', 'rfc')
    .option('-s, --stage <NN>', 'only step NN (stage NN-1 → NN) and the functions of stage NN')
    .option('--json', 'machine-readable report')
    .addHelpText(
      'after',
      `
Per stage: every function (parameters as written), calls of gfpflags_allow_spinning(), references to
__GFP_NO_OBJ_EXT, alloc_flags tests, functions taking slab_alloc_context, the public API of
include/linux/slab.ts. Per step: functions added/removed/renamed, parameter lists before → after,
detected moves (Introduce Parameter Object, Replace Flag Argument, Change Function Declaration,
Remove Flag, Inline/Extract Function, Parallel Change, …) with evidence, the verdict against the
manifest's move (agrees / partly / disagrees), fidelity (functions touched here vs by the real patch)
and public API changes (flagged when the manifest declares none).`,
    )
    .action((opts: { series?: string; stage?: string; json?: boolean }) => {
      setCode(cmdMetrics(opts));
    });
}
