// Worker thread: runs a share of the (stage, scenario) pairs and posts the observations back.
import { parentPort, workerData } from 'node:worker_threads';
import { STAGES } from '../stages/registry.ts';
import { loadScenarioFile } from '../harness/scenario.ts';
import { vocabularyOf } from '../harness/fixtures.ts';
import { runScenario } from '../harness/runner.ts';

const { tasks, files } = workerData as { tasks: [number, number][]; files: string[] };
const vocab = vocabularyOf(STAGES);
const scenarios = files.map((f) => loadScenarioFile(f, vocab));
for (const [si, ci] of tasks) parentPort!.postMessage({ si, ci, obs: runScenario(STAGES[si], scenarios[ci]) });
parentPort!.postMessage({ done: true });
