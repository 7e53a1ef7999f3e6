// Worker thread: runs a share of the (stage, scenario) pairs and posts the observations back.
import { parentPort, workerData } from 'node:worker_threads';
import { runScenario } from '../harness/runner.ts';
import type { SlabScenario } from '../slab/scenario.ts';
import { domain, pickSeries } from './context.ts';

const { series, tasks, scenarios } = workerData as { series: string; tasks: [number, number][]; scenarios: SlabScenario[] };
const stages = pickSeries(series).stages;
for (const [si, ci] of tasks) parentPort!.postMessage({ si, ci, obs: runScenario(domain, stages[si], scenarios[ci]) });
parentPort!.postMessage({ done: true });
