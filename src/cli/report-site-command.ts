// `slabseries report DIR`: the static review site (src/site/). Everything that reads or writes lives
// here; src/site/build.ts is a pure function of what is gathered below. Refuses a non-empty DIR.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { dirname, join, relative, resolve } from 'node:path';
import { checkSeries } from '../harness/check.ts';
import { stageInfos, type Series } from '../harness/series.ts';
import { computeMetrics } from '../metrics/run.ts';
import { SyntaxCache } from '../cache/syntax.ts';
import { diffstat, renderFileDiff } from '../patches/format.ts';
import { readStageTrees, stageDiff } from '../patches/generate.ts';
import { assembleSite, buildSeriesPart, type SeriesPart } from '../site/build.ts';
import { messageIdOf, type SiteRender, type SiteSeries } from '../site/model.ts';
import { opHeader, type Slab } from '../slab/observation.ts';
import { loadApproved } from './approvals.ts';
import { checkNewOutputDir, domain, endProgress, loadSeries, pickSeries, progress, ROOT, SERIES_NAMES, seriesOption, seriesPaths } from './context.ts';
import { observeMatrix, type ObserveOptions } from './observe.ts';
import { observeOptions } from './cache-command.ts';
import { shippedScenarios } from './scenarios.ts';
import type { FromReportWorker } from './report-worker.ts';

const WORKER = new URL(import.meta.url.endsWith('.ts') ? './report-worker.mjs' : './report-worker.js', import.meta.url);

export const siteRender: SiteRender<Slab> = { ...domain.render, op: (op) => opHeader(op) };

/** "rfc" + a Message-ID with "-v1-" → "rfc v1". */
function versionOf(series: Series<Slab>): string {
  const m = /-v(\d+)-/.exec(series.entries[0]?.link ?? '');
  return m ? `${series.name} v${m[1]}` : series.name;
}

/** observe: as for check (the result cache, --jobs); default: run everything in this thread. */
export async function gatherSeries(series: Series<Slab>, onProgress: (msg: string) => void = () => {}, observe: ObserveOptions = {}): Promise<SiteSeries<Slab>> {
  const scenarios = shippedScenarios(series.stages);
  const approved = loadApproved(seriesPaths(series).approved);
  const { observations: obs, judged } = await observeMatrix(series.name, series.stages.map((_, i) => i), scenarios, (d, t) => onProgress(`${series.name}: running ${d}/${t} scenario runs`), observe);
  const report = checkSeries(domain, stageInfos(series), scenarios.map((s) => s.name), obs, approved, judged);
  onProgress(`${series.name}: metrics`);
  // Parsed files from the cache `metrics` keeps beside the observations (none with --no-cache).
  const metrics = computeMetrics(series.entries, series.stagesDir, series.stages.map((s) => s.slug), { store: observe.cache ? new SyntaxCache(observe.cache.dir) : undefined });
  const trees = readStageTrees(series.stagesDir, series.stages.map((s) => s.slug));
  return {
    name: series.name,
    selectArgs: seriesOption(series.name),
    version: versionOf(series),
    subject: series.subject,
    base: series.base,
    coverLetter: series.coverLetter,
    stages: report.stages.map((s) => ({ number: s.number, slug: s.slug, subject: s.subject })),
    patches: series.entries.map((e) => {
      const diffs = stageDiff(trees, e.number);
      const step = metrics.steps.find((x) => x.number === e.number);
      return {
        number: e.number,
        slug: e.slug,
        subject: e.subject,
        message: e.message,
        kind: e.kind,
        move: e.move,
        link: e.link,
        messageId: messageIdOf(e.link),
        kernelFiles: [...e.kernelFiles],
        functions: [...e.functions],
        declared: e.declared.map((d) => ({ id: d.id, description: d.description, evidence: d.evidence.map((x) => JSON.stringify(x)) })),
        tsDiff: diffs.map(renderFileDiff).join(''),
        diffstat: diffstat(diffs),
        ...(step ? { metrics: { declaredMove: step.declaredMove, moves: step.moves, comparison: step.comparison, assessment: step.assessment, fidelity: step.fidelity } } : {}),
      };
    }),
    scenarios: scenarios.map((s) => {
      const raw = JSON.parse(readFileSync(s.file, 'utf8')) as { ops?: unknown[] };
      return { name: s.name, description: s.description, decisions: [...s.decisions], file: relative(ROOT, s.file), ops: (raw.ops ?? []).map((o) => JSON.stringify(o)) };
    }),
    report,
    approved,
    observations: obs,
    trends: metrics.trends,
  };
}

export function siteAssets(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const css = require.resolve('diff2html/bundles/css/diff2html.min.css');
  return { 'assets/diff2html.min.css': readFileSync(css, 'utf8') };
}

/** One series gathered and built on a worker thread (src/cli/report-worker.ts), its progress shown here. */
function seriesPartInWorker(name: string): Promise<SeriesPart> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { series: name } });
    let part: SeriesPart | undefined;
    worker.on('message', (m: FromReportWorker) => {
      if (m.type === 'progress') progress(m.msg);
      else part = m.part;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (part && code === 0 ? resolve(part) : reject(new Error(`report worker for ${name} exited with ${code} before sending its pages`))));
  });
}

export async function cmdReportSite(dir: string, opts: { series?: string; json?: boolean; jobs?: number }): Promise<number> {
  const names = opts.series ? [opts.series] : [...SERIES_NAMES];
  // An unknown --series is refused (exit 2) before anything is started or written.
  if (opts.series) await loadSeries(names);
  const target = resolve(dir);
  checkNewOutputDir(target, dir, 'choose a new or empty directory');
  const title = 'slabseries: review of the SLUB alloc_flags / slab_alloc_context series';
  // Each series' pages depend on that series alone (buildSeriesPart): with a second core the series
  // after the first are gathered and built on worker threads while this thread does the first. It
  // pays little here (2 cores, warm cache: 6.58-7.26 s against 7.27-7.91 s on one thread, for 2 s
  // more CPU: each thread loads and compiles the code again). The observations come from the result
  // cache as check's do (.slabseries-cache/).
  const jobs = opts.jobs ?? availableParallelism();
  // Series 1 .. jobs-1 on workers, started before this thread loads anything; this thread builds
  // series 0 and any beyond them, then waits.
  const workers = new Map<number, Promise<SeriesPart>>();
  for (const [i, name] of names.entries()) {
    if (i === 0 || i >= jobs) continue;
    const p = seriesPartInWorker(name);
    // A worker that fails before this thread is done must not surface as an unhandled rejection.
    p.catch(() => undefined);
    workers.set(i, p);
  }
  const mine = new Map<number, SeriesPart>();
  for (const [i, name] of names.entries()) {
    if (workers.has(i)) continue;
    await loadSeries([name]);
    mine.set(i, await buildSeriesPart(siteRender, await gatherSeries(pickSeries(name), progress, observeOptions({}))));
  }
  const built = await Promise.all(names.map((_, i) => workers.get(i) ?? mine.get(i)!));
  endProgress();
  const files = assembleSite(title, siteAssets(), built);
  for (const f of files) {
    const p = join(target, ...f.path.split('/'));
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.content);
  }
  if (opts.json) process.stdout.write(JSON.stringify({ dir: target, files: files.map((f) => f.path) }, null, 2) + '\n');
  else process.stdout.write(`wrote ${files.length} files to ${dir}; open ${join(dir, 'index.html')}\n`);
  return 0;
}
