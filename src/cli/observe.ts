// Run every (stage, scenario) pair, on both cores when there is enough work: worker threads running
// the compiled worker (dist/cli/observe-worker.js); from the TypeScript sources (tests, tsx) the
// worker registers tsx first (observe-worker.mjs).
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { StageDescriptor } from '../kernel/stage_api.ts';
import type { Scenario } from '../harness/scenario.ts';
import type { Observation } from '../harness/observation.ts';
import { runScenario } from '../harness/runner.ts';

const WORKER = new URL(import.meta.url.endsWith('.ts') ? './observe-worker.mjs' : './observe-worker.js', import.meta.url);

export async function observeAll(stages: readonly StageDescriptor[], stageIdx: readonly number[], scenarios: readonly Scenario[], onProgress: (done: number, total: number) => void): Promise<Observation[][]> {
  const tasks: [number, number][] = [];
  for (const si of stageIdx) scenarios.forEach((_, ci) => tasks.push([si, ci]));
  const out: Observation[][] = stageIdx.map(() => []);
  const slot = new Map(stageIdx.map((si, i) => [si, i]));
  const workers = Math.min(availableParallelism(), 4, Math.ceil(tasks.length / 40));
  let done = 0;
  if (workers < 2) {
    for (const [si, ci] of tasks) {
      out[slot.get(si)!][ci] = runScenario(stages[si], scenarios[ci]);
      onProgress(++done, tasks.length);
    }
    return out;
  }
  const files = scenarios.map((s) => s.file);
  await Promise.all(
    Array.from({ length: workers }, (_, w) =>
      new Promise<void>((resolve, reject) => {
        const mine = tasks.filter((_, i) => i % workers === w);
        const worker = new Worker(WORKER, { workerData: { tasks: mine, files } });
        worker.on('message', (m: { done?: boolean; si: number; ci: number; obs: Observation }) => {
          if (m.done) return;
          out[slot.get(m.si)!][m.ci] = m.obs;
          onProgress(++done, tasks.length);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
      }),
    ),
  );
  return out;
}
