// Worker thread: runs a share of the (stage, scenario) pairs, stores each observation in the result
// cache when it has a key (in parallel with the other executors), and posts it back.
import { parentPort, workerData } from 'node:worker_threads';
import { runScenario } from '../harness/runner.ts';
import type { SlabScenario } from '../slab/scenario.ts';
import { domain, pickSeries } from './context.ts';
import { entryPath, writeEntry } from '../cache/observations.ts';

const { series, tasks, scenarios, cacheDir } = workerData as { series: string; tasks: [number, number, string | null][]; scenarios: SlabScenario[]; cacheDir: string | null };
const STAGES = pickSeries(series).stages;
for (const [si, ci, key] of tasks) {
  const obs = runScenario(domain, STAGES[si], scenarios[ci]);
  if (cacheDir && key) writeEntry(entryPath(cacheDir, key), obs);
  parentPort!.postMessage({ si, ci, obs });
}
parentPort!.postMessage({ done: true });
