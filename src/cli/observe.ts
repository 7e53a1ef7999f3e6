// Run every (stage, scenario) pair. `jobs` executors share the work: this thread plus jobs - 1
// worker threads (the compiled worker, dist/cli/observe-worker.js; from the TypeScript sources the
// worker registers tsx first, observe-worker.mjs). Workers receive parsed scenarios, not paths.
//
// Observations found in the result cache (src/cache/observations.ts) are not run again. The rest is
// split in stage order, in contiguous shares, each run in blocks of scenarios (inScenarioBlocks):
// most of a cold run's time is the JIT warming up each stage's code, and code warmed in one thread
// is no use in another, so each stage runs in one executor (two at a share boundary). By default
// everything runs in this thread: on the reference machine workers did not pay (see defaultJobs),
// except for check's cold batches run without the optimising compiler (src/cli/jit.ts).

import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { isOwnProcess, planRuns, runPlan } from './jit.ts';
import type { Observation as GenericObservation } from '../harness/domain.ts';
import { runScenario } from '../harness/runner.ts';
import type { Slab } from '../slab/observation.ts';
import type { SlabScenario as Scenario } from '../slab/scenario.ts';
import type { StageDescriptor } from '../slab/stage_api.ts';
import { domain, pickSeries } from './context.ts';

type Observation = GenericObservation<Slab>;
import { CacheKeys, ObservationCache } from '../cache/observations.ts';
import { InlineJudge, type JudgementCache } from '../cache/judgements.ts';
import type { CellMemo, CellResult } from '../harness/check.ts';
import { stageInfos } from '../harness/series.ts';
import { InvalidArgumentError } from 'commander';

const WORKER = new URL(import.meta.url.endsWith('.ts') ? './observe-worker.mjs' : './observe-worker.js', import.meta.url);

/** A worker's share of a batch: its workerData, or the first message to a worker started ahead. */
export interface WorkerJob {
  series: string;
  rows: number[];
  tasks: [number, number, string | null][];
  scenarios: Scenario[];
  cacheDir: string | null;
  judge: string | null;
}

/**
 * A worker started before the batch is known (prestartObserveWorker), loading the series while this
 * thread reads the scenarios and looks them up in the cache. A worker's start-up is mostly loading
 * the sixteen stages' modules: started with its share, it began running 0.33 s after this thread
 * (cold `check` of 50 x 16 on the 2-core machine, 2026-12-06), so this thread finished its half
 * first and waited.
 */
interface AheadWorker {
  series: string;
  worker: Worker;
  /** It failed or exited before being given a share: start a fresh one instead. */
  gone: boolean;
}
let ahead: AheadWorker | null = null;

/** Stages of every series (00..15), known before a series is loaded: for planning ahead only (a test holds it true). */
export const STAGES_PER_SERIES = 16;

/**
 * Start one observe worker for `series` ahead of a check of `scenarios` scenarios on every stage,
 * if the batch's plan (src/cli/jit.ts) will want one, in a process the CLI owns. observeMatrix
 * gives it the first worker share, or stops it if the batch runs in this thread alone after all (a
 * warm cache); until then it does not keep the process alive. Not started when it would not be
 * used: loading the series beside this thread slowed this thread's own loading by about 60 ms, and
 * a `check --stage 06` (one executor) took 1.74 s instead of 1.60 s with an unused one.
 */
export function prestartObserveWorker(series: string, scenarios: number): void {
  if (ahead || !isOwnProcess()) return;
  if (runPlan(scenarios * STAGES_PER_SERIES, STAGES_PER_SERIES, availableParallelism()).executors < 2) return;
  const a: AheadWorker = { series, worker: new Worker(WORKER, { workerData: { series, ahead: true } }), gone: false };
  a.worker.unref();
  a.worker.on('error', () => (a.gone = true));
  a.worker.on('exit', () => (a.gone = true));
  ahead = a;
}

/** The worker started ahead for this series, if it is still usable (taken at most once); any other is stopped. */
function takeAheadWorker(series: string): Worker | null {
  const a = ahead;
  ahead = null;
  if (!a) return null;
  if (a.gone || a.series !== series) {
    void a.worker.terminate();
    return null;
  }
  a.worker.removeAllListeners();
  a.worker.ref();
  return a.worker;
}

/**
 * The executors to use when --jobs is not given and the command did not ask for the tuned plan
 * (ObserveOptions.tuneJit: check does, src/cli/jit.ts). Measured on the 2-core reference machine (cold
 * `check --json --no-cache`, six alternating pairs, 2026-12-02, other builds running): --jobs 1
 * took 4.3-20.8 s wall (median ~6 s) and less CPU in every pair, --jobs 2 (this thread plus one
 * worker) 5.9-18.4 s (median ~9 s); --jobs 1 was faster in 4 of 6 pairs. So this thread does
 * the work unless told otherwise; `npm run bench` repeats the comparison.
 */
export function defaultJobs(_runs: number): number {
  return 1;
}

/**
 * Split tasks (in stage order) into `jobs` contiguous runs of near-equal length, the first (this
 * thread's) `firstWeight` times as long as each of the others.
 */
export function contiguousShares<T>(tasks: readonly T[], jobs: number, firstWeight = 1): T[][] {
  const n = Math.max(1, Math.min(jobs, tasks.length));
  const first = n === 1 ? tasks.length : Math.min(tasks.length, Math.round((tasks.length * firstWeight) / (firstWeight + n - 1)));
  const rest = tasks.length - first;
  const out: T[][] = [tasks.slice(0, first)];
  let at = first;
  for (let j = 1; j < n; j++) {
    const size = Math.floor(rest / (n - 1)) + (j - 1 < rest % (n - 1) ? 1 : 0);
    out.push(tasks.slice(at, at + size));
    at += size;
  }
  return out;
}

/**
 * This thread's share against a worker's. A worker is slower per run: it starts later (even when
 * started ahead) and it sends its judged steps to this thread. With even shares this thread
 * finished its half of a cold 50 x 16 check 0.3-0.45 s before the worker; paired runs of main
 * shares (2026-12-06, 2-core machine): 50 x 16 cold, 8 runs each, medians 1.84 s (0.5), 1.71 s
 * (0.56), 1.68 s (0.6); 800 x 16, 3 runs each, 9.35, 9.06, 8.89 s.
 */
export const MAIN_SHARE_WEIGHT = 1.5;

/**
 * A share's tasks in blocks of SCENARIO_BLOCK scenarios, each block in stage order. The step judge
 * (InlineJudge) holds every scenario's previous observation until its next stage runs: in plain
 * stage order that is a whole row of runs later, so the young-generation GC copied each one twice
 * into the old generation (444 scavenges, 2.8 s of a 12.6 s check of 800 scenarios, `--trace-gc`,
 * 2026-12-04). In blocks of 8 it is 8 runs later and most observations die young; a stage's code
 * still runs 8 times in a row, which the JIT needs (one scenario at a time, all 16 stage copies
 * interleaved, made the stage code 25 % slower). Paired runs of that check: 11.7-12.4 s and
 * 300-320 MB against 12.1-12.8 s and 420-490 MB. Which stages run in which executor does not change.
 */
export const SCENARIO_BLOCK = 8;

export function inScenarioBlocks<T extends readonly [number, number, ...unknown[]]>(share: readonly T[]): T[] {
  const block = (t: T) => Math.floor(t[1] / SCENARIO_BLOCK);
  return [...share].sort((a, b) => block(a) - block(b) || a[0] - b[0] || a[1] - b[1]);
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
  /** Judged cells, beside the observations (null or absent: judge everything). */
  judgements?: JudgementCache | null;
  keys?: CacheKeys;
  /**
   * Let the run count choose the optimising compiler and the default executors (src/cli/jit.ts).
   * Only a command that is its process's whole job sets it (check): it changes V8 for the process.
   */
  tuneJit?: boolean;
}

/**
 * The observations of a check, read from the cache (or, without one, run again) when they are used
 * rather than all held at once:
 * the judge walks the matrix stage by stage, so it needs about one stage's row at a time. Recently
 * used observations are kept up to LRU_BYTES of JSON (at least two, the two sides of a step); an
 * entry that has gone or no longer matches its checksum is run again here and rewritten.
 */
const LRU_BYTES = 32 << 20;

class CachedMatrix {
  private readonly lru = new Map<string, { obs: Observation; size: number }>();
  private bytes = 0;
  constructor(
    /** null: no cache; what is not pinned is run again (deterministic, and rarely asked for). */
    private readonly cache: ObservationCache | null,
    private readonly stages: readonly StageDescriptor[],
    private readonly scenarios: readonly Scenario[],
    private readonly keys: (string | null)[][],
    private readonly stageIdx: readonly number[],
    /** Observations that have no key or could not be stored: held in memory. */
    private readonly pinned: Map<string, Observation>,
    /** Keys whose entries were there before this check. */
    private readonly found: Set<string>,
  ) {}

  remember(key: string, obs: Observation, size: number): void {
    this.lru.delete(key);
    this.lru.set(key, { obs, size });
    this.bytes += size;
    while (this.bytes > LRU_BYTES && this.lru.size > 2) {
      const [k, v] = this.lru.entries().next().value as [string, { obs: Observation; size: number }];
      this.lru.delete(k);
      this.bytes -= v.size;
    }
  }

  at(row: number, ci: number): Observation {
    const key = this.keys[row][ci];
    const pin = this.pinned.get(`${row}/${ci}`);
    if (pin) return pin;
    if (!this.cache) return runScenario(domain, this.stages[this.stageIdx[row]], this.scenarios[ci]);
    const hit = this.lru.get(key!);
    if (hit) {
      this.lru.delete(key!);
      this.lru.set(key!, hit);
      return hit.obs;
    }
    let got = this.cache.read(key!);
    if (!got) {
      // Counted as a hit when it was found; it was not usable after all.
      if (this.found.has(key!)) this.cache.stats.hits--;
      const obs = runScenario(domain, this.stages[this.stageIdx[row]], this.scenarios[ci]);
      got = { obs, size: this.cache.put(key!, obs) };
    }
    this.remember(key!, got.obs, got.size);
    return got.obs;
  }

  rows(): Observation[][] {
    return this.stageIdx.map((_, row) => {
      const target: Observation[] = new Array(this.scenarios.length);
      return new Proxy(target, {
        get: (t, prop, recv) => (typeof prop === 'string' && /^\d+$/.test(prop) ? this.at(row, Number(prop)) : Reflect.get(t, prop, recv)),
      });
    });
  }
}

export async function observeAll(seriesName: string, stageIdx: readonly number[], scenarios: readonly Scenario[], onProgress: (done: number, total: number) => void, opts: ObserveOptions = {}): Promise<Observation[][]> {
  return (await observeMatrix(seriesName, stageIdx, scenarios, onProgress, opts)).observations;
}

/**
 * The observations, their cache keys (null where there is no cache or no key), and the cells
 * already judged while they were made (in memory, or stored by a worker), with the judgement cache
 * behind them: checkSeries' memo.
 */
export interface ObservedMatrix {
  observations: Observation[][];
  keys: (string | null)[][];
  judged: CellMemo<Slab>;
}

export async function observeMatrix(seriesName: string, stageIdx: readonly number[], scenarios: readonly Scenario[], onProgress: (done: number, total: number) => void, opts: ObserveOptions = {}): Promise<ObservedMatrix> {
  const series = pickSeries(seriesName);
  const stages = series.stages;
  const total = stageIdx.length * scenarios.length;
  const slot = new Map(stageIdx.map((si, i) => [si, i]));
  const cache = opts.cache ?? null;
  const keys = cache ? (opts.keys ?? new CacheKeys(undefined, series.stagesDir)) : null;
  let done = 0;
  // Held in memory: with a cache, the observations that could not be stored; without one, those a
  // step not judged by their executor needs (see heldWithoutCache). Anything else checkSeries asks
  // for is read from the cache or run again.
  const pinned = new Map<string, Observation>();
  const keep = (si: number, ci: number, obs: Observation) => {
    pinned.set(`${slot.get(si)!}/${ci}`, obs);
  };
  const lastStage = stageIdx[stageIdx.length - 1];
  // Pairs already in the cache are not run; the rest are the tasks, in stage order.
  const keyOf: (string | null)[][] = stageIdx.map(() => []);
  const found = new Set<string>();
  const tasks: [number, number, string | null][] = [];
  for (const si of stageIdx) {
    for (let ci = 0; ci < scenarios.length; ci++) {
      const key = keys ? keys.key(stages[si].slug, scenarios[ci]) : null;
      keyOf[slot.get(si)!][ci] = key;
      if (key && cache!.has(key)) {
        found.add(key);
        cache!.stats.hits++;
        onProgress(++done, total);
      } else tasks.push([si, ci, key]);
    }
  }
  const matrix = new CachedMatrix(cache, stages, scenarios, keyOf, stageIdx, pinned, found);
  // Steps are judged as the observations are made (InlineJudge): by this thread for its share, kept
  // in memory; by a worker for its share, stored in the judgement cache. checkSeries asks `judged`.
  const infos = stageInfos(series);
  const rows = stageIdx.map((si) => infos[si]);
  const names = scenarios.map((s) => s.name);
  const jc = cache ? (opts.judgements ?? null) : null;
  const judge = jc?.judgeKey() ?? null;
  const local = new Map<string, CellResult<Slab>>();
  const byWorker = new Set<string>();
  const disk = jc?.memo(rows, names, keyOf);
  const judged: CellMemo<Slab> = {
    get: (row, ci) => local.get(`${row}/${ci}`) ?? disk?.get(row, ci, !byWorker.has(`${row}/${ci}`)),
    put: (row, ci, r) => disk?.put(row, ci, r),
  };
  let judgedHere = false;
  const inline = new InlineJudge(domain, rows, names, (row, ci, key, r) => {
    judgedHere = true;
    local.set(`${row}/${ci}`, r);
    if (key) jc?.put(key, r);
  }, judge);
  // The plan is made whether or not --jobs was given: it also chooses the compiler for the batch.
  const planned = opts.tuneJit ? planRuns(tasks.length, new Set(tasks.map((t) => t[0])).size) : defaultJobs(tasks.length);
  const jobs = opts.jobs ?? planned;
  const [mine, ...theirs] = contiguousShares(tasks, jobs, MAIN_SHARE_WEIGHT).map(inScenarioBlocks);
  const spare = takeAheadWorker(seriesName);
  const workers = theirs.map(
    (share, i) =>
      new Promise<void>((resolve, reject) => {
        const job: WorkerJob = { series: seriesName, rows: [...stageIdx], tasks: share, scenarios: [...scenarios], cacheDir: cache ? cache.dir : null, judge };
        let worker: Worker;
        if (i === 0 && spare) {
          worker = spare;
          worker.postMessage(job);
        } else worker = new Worker(WORKER, { workerData: job });
        // A worker that stored the observation only says so (and whether it judged the step);
        // without a cache it sends the step it judged, and the observation only when a step it
        // did not judge needs it.
        worker.on('message', (m: { done?: boolean; si: number; ci: number; obs?: Observation; judged?: boolean; cell?: CellResult<Slab> }) => {
          if (m.done) return;
          if (m.cell) local.set(`${slot.get(m.si)!}/${m.ci}`, m.cell);
          if (m.obs) keep(m.si, m.ci, m.obs);
          else if (cache) cache.stats.writes++;
          if (m.judged && jc) {
            jc.stats.writes++;
            byWorker.add(`${slot.get(m.si)!}/${m.ci}`);
          }
          onProgress(++done, total);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
      }),
  );
  // Not needed after all (a batch this thread runs alone): stopped rather than left loading.
  if (spare && !theirs.length) void spare.terminate();
  // This thread's share, run while the workers start and run.
  const held = heldWithoutCache(mine ?? [], lastStage);
  for (const [si, ci, key] of mine ?? []) {
    const obs = runScenario(domain, stages[si], scenarios[ci]);
    judgedHere = false;
    inline.observed(slot.get(si)!, ci, key, obs);
    let stored = false;
    if (cache && key) {
      try {
        // Not kept in memory: the judge reads it back when it gets there (a big run's observation
        // would otherwise stay alive next to the next run).
        cache.put(key, obs);
        stored = true;
      } catch {
        // an unwritable cache: hold it instead
      }
    }
    if (!stored && (cache || held(si, ci, judgedHere))) keep(si, ci, obs);
    onProgress(++done, total);
  }
  await Promise.all(workers);
  if (process.env.SLABSERIES_CACHE_STATS) {
    process.stderr.write(`slabseries: executors: ${1 + theirs.length} (this thread and ${theirs.length} worker thread(s)${spare ? (theirs.length ? ', one started ahead' : '; one started ahead was not needed') : ''}) for ${tasks.length} run(s)\n`);
  }
  return { observations: matrix.rows(), keys: keyOf, judged };
}

/**
 * Without a cache, which observations of an executor's share (tasks in stage order) must be held
 * for checkSeries: the steps the executor judged itself need nothing more. Holding every
 * observation made 800 scenarios x 16 stages keep 12,800 of them alive, and the garbage collector
 * paid for it. Needed are an observation whose own step was not judged here (the first stage of
 * the share for that scenario: the stage before ran elsewhere) and the last stage of the share for
 * a scenario when a later stage runs elsewhere (it is that step's "before").
 */
export function heldWithoutCache(share: readonly (readonly [number, number, unknown])[], lastStage: number): (si: number, ci: number, judged: boolean) => boolean {
  const last = new Map<number, number>();
  for (const [si, ci] of share) last.set(ci, Math.max(si, last.get(ci) ?? -1));
  return (si, ci, judged) => !judged || (si === last.get(ci) && si !== lastStage);
}
