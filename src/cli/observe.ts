// Run every (stage, scenario) pair, on both cores when there is enough work: worker threads, each
// loading the TypeScript sources through tsx. Workers receive parsed scenarios, not paths.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Observation } from '../harness/domain.ts';
import { runScenario } from '../harness/runner.ts';
import type { Slab } from '../slab/observation.ts';
import type { SlabScenario } from '../slab/scenario.ts';
import { domain, pickSeries } from './context.ts';

export async function observeAll(seriesName: string, stageIdx: readonly number[], scenarios: readonly SlabScenario[], onProgress: (done: number, total: number) => void): Promise<Observation<Slab>[][]> {
  const stages = pickSeries(seriesName).stages;
  const tasks: [number, number][] = [];
  for (const si of stageIdx) scenarios.forEach((_, ci) => tasks.push([si, ci]));
  const out: Observation<Slab>[][] = stageIdx.map(() => []);
  const slot = new Map(stageIdx.map((si, i) => [si, i]));
  const workers = Math.min(availableParallelism(), 4, Math.ceil(tasks.length / 40));
  let done = 0;
  if (workers < 2) {
    for (const [si, ci] of tasks) {
      out[slot.get(si)!][ci] = runScenario(domain, stages[si], scenarios[ci]);
      onProgress(++done, tasks.length);
    }
    return out;
  }
  await Promise.all(
    Array.from({ length: workers }, (_, w) =>
      new Promise<void>((resolve, reject) => {
        const mine = tasks.filter((_, i) => i % workers === w);
        const worker = new Worker(new URL('./observe-worker.mjs', import.meta.url), { workerData: { series: seriesName, tasks: mine, scenarios } });
        worker.on('message', (m: { done?: boolean; si: number; ci: number; obs: Observation<Slab> }) => {
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
