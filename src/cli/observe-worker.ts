// Worker thread: runs a share of the (stage, scenario) pairs and stores each observation in the
// result cache when it has a key (in parallel with the other executors), posting back only which
// pair is done; without a cache (or if storing fails) it posts the observation itself.
import { parentPort, workerData } from 'node:worker_threads';
import { runScenario } from '../harness/runner.ts';
import type { SlabScenario } from '../slab/scenario.ts';
import { domain, pickSeries } from './context.ts';
import { entryPath, writeEntry } from '../cache/observations.ts';

const { series, tasks, scenarios, cacheDir } = workerData as { series: string; tasks: [number, number, string | null][]; scenarios: SlabScenario[]; cacheDir: string | null };
const STAGES = pickSeries(series).stages;
for (const [si, ci, key] of tasks) {
  const obs = runScenario(domain, STAGES[si], scenarios[ci]);
  let stored = false;
  if (cacheDir && key) {
    try {
      writeEntry(entryPath(cacheDir, key), obs);
      stored = true;
    } catch {
      // an unwritable cache: send the observation instead
    }
  }
  // Stored: the main thread reads it from the cache when the judge needs it (no structured clone).
  parentPort!.postMessage(stored ? { si, ci } : { si, ci, obs });
}
parentPort!.postMessage({ done: true });
