// Run every (stage, scenario) pair. `jobs` executors share the work: this thread plus jobs - 1
// worker threads (the compiled worker, dist/cli/observe-worker.js; from the TypeScript sources the
// worker registers tsx first, observe-worker.mjs). Workers receive parsed scenarios, not paths.
//
// Observations found in the result cache (src/cache/observations.ts) are not run again. The rest is
// split in stage order, in contiguous shares: most of a cold run's time is the JIT warming up each
// stage's code, and code warmed in one thread is no use in another, so each stage runs in one
// executor (two at a share boundary). Small jobs stay in this thread (a worker costs its start-up).

import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Observation } from '../harness/domain.ts';
import { runScenario } from '../harness/runner.ts';
import type { Slab } from '../slab/observation.ts';
import type { SlabScenario } from '../slab/scenario.ts';
import { domain, pickSeries } from './context.ts';
import { CacheKeys, ObservationCache } from '../cache/observations.ts';
import { InvalidArgumentError } from 'commander';

const WORKER = new URL(import.meta.url.endsWith('.ts') ? './observe-worker.mjs' : './observe-worker.js', import.meta.url);

/** Below this many runs, one executor (this thread) is faster than starting workers (measured, see bench/). */
export const MIN_RUNS_PER_EXTRA_JOB = 200;

/** The executors to use when --jobs is not given: every core, but only as many as the work pays for. */
export function defaultJobs(runs: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor(runs / MIN_RUNS_PER_EXTRA_JOB)));
}

/** Split tasks (in stage order) into `jobs` contiguous runs of near-equal length. */
export function contiguousShares<T>(tasks: readonly T[], jobs: number): T[][] {
  const n = Math.max(1, Math.min(jobs, tasks.length));
  const out: T[][] = [];
  let at = 0;
  for (let j = 0; j < n; j++) {
    const size = Math.floor(tasks.length / n) + (j < tasks.length % n ? 1 : 0);
    out.push(tasks.slice(at, at + size));
    at += size;
  }
  return out;
}

/** --jobs N: a positive integer (commander reports anything else as a one-line usage error). */
export function parseJobs(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('expected a positive integer');
  return Number(v);
}

export interface ObserveOptions {
  /** Executors (this thread included); default defaultJobs(runs to do). */
  jobs?: number;
  /** The result cache; null or absent: run everything. */
  cache?: ObservationCache | null;
  keys?: CacheKeys;
}

export async function observeAll(seriesName: string, stageIdx: readonly number[], scenarios: readonly SlabScenario[], onProgress: (done: number, total: number) => void, opts: ObserveOptions = {}): Promise<Observation<Slab>[][]> {
  const series = pickSeries(seriesName);
  const stages = series.stages;
  const total = stageIdx.length * scenarios.length;
  const out: Observation<Slab>[][] = stageIdx.map(() => []);
  const slot = new Map(stageIdx.map((si, i) => [si, i]));
  const cache = opts.cache ?? null;
  const keys = cache ? (opts.keys ?? new CacheKeys(undefined, series.stagesDir)) : null;
  let done = 0;
  // Cached observations first; the rest are the tasks, in stage order.
  const tasks: [number, number, string | null][] = [];
  for (const si of stageIdx) {
    for (let ci = 0; ci < scenarios.length; ci++) {
      const key = keys ? keys.key(stages[si].slug, scenarios[ci]) : null;
      const hit = key ? cache!.get(key) : undefined;
      if (hit) {
        out[slot.get(si)!][ci] = hit;
        onProgress(++done, total);
      } else tasks.push([si, ci, key]);
    }
  }
  const jobs = opts.jobs ?? defaultJobs(tasks.length);
  const [mine, ...theirs] = contiguousShares(tasks, jobs);
  const workers = theirs.map(
    (share) =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(WORKER, { workerData: { series: seriesName, tasks: share, scenarios, cacheDir: cache ? cache.dir : null } });
        worker.on('message', (m: { done?: boolean; si: number; ci: number; obs: Observation<Slab> }) => {
          if (m.done) return;
          out[slot.get(m.si)!][m.ci] = m.obs;
          if (cache) cache.stats.writes++;
          onProgress(++done, total);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
      }),
  );
  // This thread's share, run while the workers start and run.
  for (const [si, ci, key] of mine ?? []) {
    const obs = runScenario(domain, stages[si], scenarios[ci]);
    if (cache && key) cache.put(key, obs);
    out[slot.get(si)!][ci] = obs;
    onProgress(++done, total);
  }
  await Promise.all(workers);
  return out;
}
