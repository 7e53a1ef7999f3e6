// Worker thread: runs a share of the (stage, scenario) pairs and stores each observation in the
// result cache when it has a key (in parallel with the other executors), judges the steps whose
// two stages are both in its share and stores those judgements too, posting back only which pair
// is done and whether its step was judged; without a cache (or if storing fails) it posts the
// observation itself.
import { parentPort, workerData } from 'node:worker_threads';
import { runScenario } from '../harness/runner.ts';
import { domain, loadSeries, pickSeries } from './context.ts';
import { closePackWriters, packStore } from '../cache/packs.ts';
import { InlineJudge } from '../cache/judgements.ts';
import { stageInfos } from '../harness/series.ts';
import type { CellResult } from '../harness/check.ts';
import type { Slab } from '../slab/observation.ts';
import { heldWithoutCache, type WorkerJob } from './observe.ts';

const start = workerData as WorkerJob | { series: string; ahead: true };
// Loading the series is most of a worker's start-up: a worker started ahead does it while the main
// thread is still reading the scenarios, then waits for its share (null: not needed after all).
await loadSeries([start.series]);
const job: WorkerJob | null = 'ahead' in start ? await new Promise<WorkerJob | null>((resolve) => parentPort!.once('message', resolve)) : start;
if (!job) process.exit(0);
const { series, rows, tasks, scenarios, cacheDir, judge } = job;
const SERIES = pickSeries(series);
const STAGES = SERIES.stages;
const slot = new Map(rows.map((si, row) => [si, row]));
const infos = stageInfos(SERIES);
// The steps whose two stages this worker runs are judged here and stored beside the observations.
let judged = false;
// Without a cache: the step judged here, sent back instead of the observations.
let cell: CellResult<Slab> | null = null;
const held = heldWithoutCache(tasks, rows[rows.length - 1]);
const inline = new InlineJudge(domain, rows.map((si) => infos[si]), scenarios.map((s) => s.name), (_row, _ci, key, r) => {
  cell = r;
  if (!cacheDir || !key) return;
  try {
    packStore(cacheDir, 'judgements').write(key, r);
    judged = true;
  } catch {
    // an unwritable cache: the main thread judges it
  }
}, cacheDir ? judge : null);
for (const [si, ci, key] of tasks) {
  const obs = runScenario(domain, STAGES[si], scenarios[ci]);
  judged = false;
  cell = null;
  inline.observed(slot.get(si)!, ci, key, obs);
  let stored = false;
  if (cacheDir && key) {
    try {
      packStore(cacheDir, 'observations').write(key, obs);
      stored = true;
    } catch {
      // an unwritable cache: send the observation instead
    }
  }
  // Stored: the main thread reads it from the cache when the judge needs it (no structured clone).
  if (stored) parentPort!.postMessage({ si, ci, judged });
  else if (cacheDir) parentPort!.postMessage({ si, ci, obs });
  else parentPort!.postMessage({ si, ci, cell, ...(held(si, ci, cell !== null) ? { obs } : {}) });
}
closePackWriters();
parentPort!.postMessage({ done: true });
