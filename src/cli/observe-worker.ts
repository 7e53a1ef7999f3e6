// Worker thread: runs a share of the (stage, scenario) pairs, stores each observation in the result
// cache when it has a key (in parallel with the other executors), and posts it back.
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
  if (cacheDir && key) writeEntry(entryPath(cacheDir, key), obs);
  parentPort!.postMessage({ si, ci, obs });
}
parentPort!.postMessage({ done: true });
