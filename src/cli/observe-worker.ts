// Worker thread: runs a share of the (stage, scenario) pairs and stores each observation in the
// result cache when it has a key (in parallel with the other executors), posting back only which
// pair is done; without a cache (or if storing fails) it posts the observation itself.
import { parentPort, workerData } from 'node:worker_threads';
import { STAGES } from '../stages/registry.ts';
import { loadScenarioFile } from '../harness/scenario.ts';
import { vocabularyOf } from '../harness/fixtures.ts';
import { runScenario } from '../harness/runner.ts';
import { entryPath, writeEntry } from '../cache/observations.ts';

const { tasks, files, cacheDir } = workerData as { tasks: [number, number, string | null][]; files: string[]; cacheDir: string | null };
const vocab = vocabularyOf(STAGES);
const scenarios = files.map((f) => loadScenarioFile(f, vocab));
for (const [si, ci, key] of tasks) {
  const obs = runScenario(STAGES[si], scenarios[ci]);
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
