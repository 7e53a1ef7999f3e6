// `slabseries explore`: generated scenarios judged on every step, findings shrunk and written as
// ordinary scenario files.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type fc from 'fast-check';
import { addNeighbourSignatures, addShrunkSignatures, aroundCandidates, aroundResult, assembleFindings, explore, exploreAround, mergeShards, neighbourCandidates, neighbourDeadline, shrinkNeighbourFindings, sortedChanges, sortedFirst, type ExploreFinding, type ExploreOptions as CoreOptions, type ExploreProgress, type ExploreResult, type NeighbourCandidate, type NeighbourJudged, type ShardResult, type Shrunk } from '../harness/explore.ts';
import { stageInfos } from '../harness/series.ts';
import { scenarioArbitrary, scenarioNeighbours, scenarioSimpler } from '../slab/arbitrary.ts';
import type { Slab } from '../slab/observation.ts';
import { OPS } from '../slab/ops.ts';
import { INJECTION_POINTS } from '../slab/scenario.ts';
import type { StageDescriptor } from '../slab/stage_api.ts';
import { approvalsOnBase, loadApproved } from './approvals.ts';
import { checkNewOutputDir, domain, endProgress, pickSeries, progress, resolveStage, seriesPaths, UsageError } from './context.ts';
import { namesOnBase, scenarioDocs } from './scenarios.ts';
import type { FromWorker, ToWorker } from './explore-worker.ts';
import { tuneForModelRuns } from './v8-flags.ts';

const WORKER = new URL(import.meta.url.endsWith('.ts') ? './explore-worker.mjs' : './explore-worker.js', import.meta.url);

/**
 * Operation templates per generated scenario at most, unless --max-ops says otherwise: what the
 * rediscovery goal of issue 10 measures with (shrunk scenarios of at most 8 top-level operations).
 * Longer scenarios reach states short ones rarely do (seed 301 with --max-ops 16 found two RFC 05
 * signatures hundreds of 8-operation seeds had not), at fewer scenarios per second.
 */
export const DEFAULT_MAX_OPS = 8;
/**
 * The share of --time given to neighbours when --neighbours is not. First a quarter: on the 2-core
 * machine (seed 7, 268 approved signatures) `--time 90s --neighbours 6000` rediscovered 197 in 196 s
 * of wall time where `--time 120s` alone rediscovered 164 in 189 s. Then two fifths, measured again
 * with 425 approved signatures and the declared changes' neighbours and later callers the neighbours
 * have since gained (`--time 120s`, approved signatures rediscovered, 2026-12-07): seed 7 237 at a
 * quarter, 256 at two fifths, 248 at a half, 258 at 0.55, 235 at 0.7; seed 11 242, 240, 236 (a
 * quarter, two fifths, a half); seed 3 229 and 237 (a quarter, two fifths). README, issue 10.
 */
export const NEIGHBOUR_TIME_SHARE = 0.4;
/**
 * How --time is spent: without --neighbours, its last two fifths judge neighbours of the shrunk
 * scenarios (later callers first) instead of generating; with --neighbours N (or without --time),
 * all of it generates.
 */
export function splitTime(timeMs: number | undefined, neighboursGiven: boolean): { generateMs?: number; neighbourMs?: number } {
  if (timeMs === undefined || neighboursGiven) return { generateMs: timeMs };
  const generateMs = Math.max(1, Math.round(timeMs * (1 - NEIGHBOUR_TIME_SHARE)));
  return { generateMs, neighbourMs: timeMs - generateMs };
}
/** --max-ops at most: a generated scenario stays far inside the run budget (src/harness/domain.ts). */
const MAX_MAX_OPS = 64;

/** What an executor needs to rebuild the exploration (sent to worker threads as plain data). */
export interface ExploreJob {
  series: string;
  seed: number;
  runs: number;
  timeLimitMs?: number;
  only: number[] | null;
  /** Neighbours of shrunk scenarios to judge after shrinking (--neighbours; 0 for none). */
  neighbourRuns?: number;
  /** Judge neighbours for at most this long (--time without --neighbours: its last two fifths). */
  neighbourTimeMs?: number;
  /** Top-level operation templates per generated scenario at most (--max-ops; default DEFAULT_MAX_OPS). */
  maxOps?: number;
  /**
   * --base: the series rebased onto this base, its first `stages` stages (those that build and
   * load there; a worker loads them again by rebasing, src/cli/base-command.ts loadRebasedPrefix).
   */
  base?: { name: string; stages: number; /** false: --no-cache (src/cache/builds.ts) */ cache: boolean };
  /**
   * --around: nothing is generated; workers only judge the neighbours they are handed. Without
   * --max-ops a given scenario's neighbours get a later caller whatever its length.
   */
  around?: boolean;
}

/** The stages a job explores: the series' own, or (--base) its rebased ones that run. */
export async function exploreStages(job: ExploreJob): Promise<readonly StageDescriptor[]> {
  if (!job.base) return pickSeries(job.series).stages;
  const base = await import('./base-command.ts');
  return base.loadRebasedPrefix(job.series, job.base.name, job.base.stages, base.buildCache({ cache: job.base.cache }));
}

/** The core's options for a job, in this thread or a worker's, on the stages exploreStages() gave. */
export function exploreOptions(job: ExploreJob, stages: readonly StageDescriptor[], onProgress?: CoreOptions<Slab>['onProgress']): CoreOptions<Slab> {
  const series = pickSeries(job.series);
  return {
    domain,
    stages,
    // On a base, a scenario may use the names of the series' own stages too (namesOnBase).
    ...(job.base ? { names: namesOnBase(series.stages, stages) } : {}),
    // The steps judged on a base are those whose two stages run there (as check --base judges).
    infos: stageInfos(series).slice(0, stages.length),
    // kmalloc_flags()'s nolock flag under the name the series' last stage gives it.
    arbitrary: scenarioArbitrary(job.maxOps ?? DEFAULT_MAX_OPS, { nolock: series.stages[series.stages.length - 1].allocFlags.has('SLAB_ALLOC_NOLOCK') ? 'SLAB_ALLOC_NOLOCK' : 'SLAB_ALLOC_TRYLOCK' }) as unknown as fc.Arbitrary<Record<string, unknown>>,
    // On a base, the base's own approvals too (as check --base reads them).
    approved: job.base ? approvalsOnBase(series, job.base.name).inForce : loadApproved(seriesPaths(series).approved),
    seed: job.seed,
    runs: job.runs,
    timeLimitMs: job.timeLimitMs,
    onlySteps: job.only ? new Set(job.only) : undefined,
    onProgress,
    neighbours: (doc) => scenarioNeighbours(doc, job.maxOps ?? (job.around ? Number.MAX_SAFE_INTEGER : DEFAULT_MAX_OPS)),
    neighbourRuns: job.neighbourRuns ?? 0,
    neighbourTimeMs: job.neighbourTimeMs,
    simpler: scenarioSimpler,
  };
}

/**
 * Explore on `jobs` worker threads: each judges its shard of the runs, then shrinks its share of
 * the signatures. The result is the one a single thread gives (same runs, each signature at its
 * lowest run, the same shrinking), only sooner.
 */
async function exploreInWorkers(job: ExploreJob, stages: readonly StageDescriptor[], jobs: number, onProgress?: CoreOptions<Slab>['onProgress']): Promise<ExploreResult> {
  const t0 = Date.now();
  const progressOf = new Array<{ runs: number; signatures: number }>(jobs).fill({ runs: 0, signatures: 0 });
  const { workers, failed } = startWorkers(job, jobs, t0);
  try {
    const shards = await Promise.race([
      failed,
      Promise.all(
        workers.map(
          (w, i) =>
            new Promise<ShardResult>((done) => {
              const on = (m: FromWorker) => {
                if (m.type === 'progress') {
                  progressOf[i] = m;
                  // Signatures are summed over shards: an upper bound until they are merged.
                  onProgress?.({ runs: progressOf.reduce((a, p) => a + p.runs, 0), signatures: Math.max(...progressOf.map((p) => p.signatures)) });
                } else if (m.type === 'shard') {
                  w.off('message', on);
                  done(m.result);
                }
              };
              w.on('message', on);
            }),
        ),
      ),
    ]);
    const merged = mergeShards(shards);
    const runMs = Date.now() - t0;
    const sorted = sortedFirst(merged.first);
    const shrunk: (Shrunk | null)[] = new Array(sorted.length).fill(null);
    let shrunkCount = 0;
    // The signatures of one run go to the same worker: their shrinking meets the same scenarios
    // (src/harness/explore.ts judgeMemo).
    await shareOut(workers, failed, sorted.length, (mine) => ({ type: 'shrink', items: mine.map((index) => [index, ...sorted[index]]) }), (m) => {
      if (m.type !== 'shrunk') return;
      shrunk[m.index] = m.shrunk;
      onProgress?.({ runs: merged.runs, signatures: sorted.length, shrinking: { what: 'signatures', done: ++shrunkCount, of: sorted.length } });
    }, (index) => sorted[index][1].run);
    // What the shrunk scenarios show on every step, judged by the workers that shrank them, added in
    // signature order (src/harness/explore.ts addShrunkSignatures).
    const o = exploreOptions(job, stages);
    const approved = o.approved;
    const done = addShrunkSignatures(o, sorted, shrunk);
    // The declared changes' scenarios shrunk as bases for neighbours, shared out the same way, within
    // the neighbours' time; those not shrunk by then are left out.
    const until = neighbourDeadline(o);
    const changeItems = sortedChanges(merged.changes);
    const changeDocs: (Record<string, unknown> | null)[] = new Array(changeItems.length).fill(null);
    let changeCount = 0;
    await shareOut(workers, failed, changeItems.length, (mine) => ({ type: 'shrink-changes', items: mine.map((index) => [index, ...changeItems[index]]), until }), (m) => {
      if (m.type !== 'change-shrunk') return;
      changeDocs[m.index] = m.doc;
      onProgress?.({ runs: merged.runs, signatures: done.sorted.length, shrinking: { what: 'declared changes', done: ++changeCount, of: changeItems.length } });
    });
    const changes = changeItems.flatMap(([key], i): [string, Record<string, unknown>][] => (changeDocs[i] ? [[key, changeDocs[i]]] : []));
    // Their neighbours, shared out as the shrinking was (src/harness/explore.ts neighbourCandidates).
    const cands = neighbourCandidates(o, done.sorted, done.shrunk, changes);
    const { found, judged } = await judgeInWorkers(workers, failed, cands, until, (n) => onProgress?.({ runs: merged.runs, signatures: done.sorted.length, neighbours: { done: n, of: cands.length } }));
    const near = addNeighbourSignatures(done, cands, found, merged.runs, Date.now() - t0);
    shrinkNeighbourFindings(o, near);
    return { runs: merged.runs, ms: Date.now() - t0, runMs, neighbourRuns: judged, declaredChanges: changes.length, findings: assembleFindings(approved, near.sorted, near.shrunk, near.origins), coverage: merged.coverage };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Worker threads for a job, and a promise that rejects when one fails (never resolves). */
function startWorkers(job: ExploreJob, jobs: number, t0: number): { workers: Worker[]; failed: Promise<never> } {
  const workers = Array.from({ length: jobs }, (_, shard) => new Worker(WORKER, { workerData: { ...job, shard, shards: jobs, t0 } }));
  const failed = new Promise<never>((_, reject) => {
    for (const w of workers) {
      w.on('error', reject);
      w.on('exit', (code) => code !== 0 && reject(new Error(`explore worker exited with ${code}`)));
    }
  });
  // terminate() ends the workers with a non-zero code once their work is read: that late
  // rejection must not surface as an unhandled one.
  failed.catch(() => undefined);
  return { workers, failed };
}

/**
 * Work items 0..n-1 shared out over the workers (item i on worker key(i) mod workers, key(i) = i
 * unless given, so the outcome does not depend on the thread count): each gets the request for its
 * indices and answers with one message per item, given to onMessage, then 'idle'. Nothing is sent
 * when there are no items.
 */
async function shareOut(workers: readonly Worker[], failed: Promise<never>, n: number, request: (mine: number[]) => ToWorker, onMessage: (m: FromWorker) => void, key: (index: number) => number = (index) => index): Promise<void> {
  if (n === 0) return;
  await Promise.race([
    failed,
    Promise.all(
      workers.map((w, i) => {
        const mine = Array.from({ length: n }, (_, index) => index).filter((index) => key(index) % workers.length === i);
        return new Promise<void>((finish) => {
          w.removeAllListeners('message');
          w.on('message', (m: FromWorker) => (m.type === 'idle' ? finish() : onMessage(m)));
          w.postMessage(request(mine));
        });
      }),
    ),
  ]);
}

/**
 * Neighbours judged on the workers (candidate i on worker i mod workers), each result at its
 * candidate's index, so the outcome does not depend on the thread count; judged: how many were
 * (fewer than the candidates when `until` passed).
 */
async function judgeInWorkers(workers: readonly Worker[], failed: Promise<never>, cands: readonly NeighbourCandidate[], until: number, onJudged: (n: number) => void): Promise<{ found: NeighbourJudged[]; judged: number }> {
  const found: NeighbourJudged[] = new Array(cands.length).fill([]);
  let judged = 0;
  await shareOut(workers, failed, cands.length, (mine) => ({ type: 'neighbours', items: mine.map((index) => [index, cands[index].doc]), until }), (m) => {
    if (m.type !== 'neighbour') return;
    found[m.index] = m.found;
    onJudged(++judged);
  });
  return { found, judged };
}

/** explore --around on `jobs` worker threads: the neighbours shared out, found and shrunk as exploreAround does in one thread. */
async function exploreAroundInWorkers(job: ExploreJob, stages: readonly StageDescriptor[], jobs: number, given: readonly { name: string; doc: Record<string, unknown> }[], onProgress?: CoreOptions<Slab>['onProgress']): Promise<ExploreResult> {
  const t0 = Date.now();
  const o = exploreOptions(job, stages);
  const cands = aroundCandidates(o, given);
  const { workers, failed } = startWorkers(job, jobs, t0);
  try {
    const { found } = await judgeInWorkers(workers, failed, cands, Infinity, (n) => onProgress?.({ runs: 0, signatures: 0, neighbours: { done: n, of: cands.length } }));
    return aroundResult(o, cands, found, t0);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * The progress line of a run on a terminal: generating (runs, signatures, rate), shrinking (the
 * findings' scenarios, then the declared changes' as bases for neighbours), judging neighbours.
 */
export function progressLine(p: ExploreProgress, around: boolean, t0: number, now = Date.now()): string {
  if (around && p.neighbours) return `explore --around: neighbours ${p.neighbours.done}/${p.neighbours.of}`;
  if (p.neighbours) return `explore: ${p.runs} runs, ${p.signatures} signature(s) shrunk; neighbours ${p.neighbours.done}/${p.neighbours.of}`;
  if (p.shrinking) return `explore: ${p.runs} runs, ${p.signatures} signature(s); shrinking ${p.shrinking.what} ${p.shrinking.done}/${p.shrinking.of}`;
  return `explore: ${p.runs} runs, ${p.signatures} signature(s), ${((p.runs * 1000) / Math.max(1, now - t0)).toFixed(0)} scenarios/s`;
}

/** Executors when --jobs is not given: one per core (measured in npm run bench: explore pays for a second thread). */
export function defaultExploreJobs(): number {
  return Math.max(1, Math.min(availableParallelism(), 4));
}

export interface ExploreOptions {
  series?: string;
  seed: string;
  runs?: string;
  time?: string;
  stage?: string;
  json?: boolean;
  out?: string;
  jobs?: string;
  neighbours?: string;
  maxOps?: string;
  base?: string;
  /** false with --no-cache (--base: build the rebased stages without the build cache). */
  cache?: boolean;
  /** --around: scenario files, directories or shipped names whose neighbours are judged instead of generated runs. */
  around?: string[];
}

function parseTime(s: string): number {
  const m = /^(\d+)(ms|s|m)?$/.exec(s);
  if (!m) throw new UsageError(`--time must look like 60s, 2m or 500ms, not "${s}"`);
  const ms = Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000);
  // Zero is no limit to fast-check (and no run count is given with --time): it would never stop.
  if (ms < 1) throw new UsageError(`--time must be at least 1ms, not "${s}"`);
  return ms;
}

function positive(s: string, what: string): number {
  if (!/^\d+$/.test(s) || Number(s) < 1) throw new UsageError(`${what} must be a positive integer, not "${s}"`);
  return Number(s);
}

/** The file name of a finding's scenario: step, kind and a hash of the signature (stable per seed). */
export function findingFileName(stage: string, kind: string, signature: string): string {
  return `x-${stage.slice(0, 2)}-${kind}-${createHash('sha256').update(signature).digest('hex').slice(0, 10)}`;
}

/** One signature's shrunk scenario as written to --out (what --json lists): the finding, its file and size. */
export type WrittenFinding = Omit<ExploreFinding, 'scenario'> & { file: string; ops: number };

/**
 * The findings as the terminal shows them: the new signatures first (what needs a decision), then
 * the known ones under their approval, each reason once (a wide approval covers many signatures,
 * and its reason is long), groups in the order of their first signature.
 */
/**
 * What a run's coverage leaves out, as issue 10 asks it of a run (every op and every injection
 * point exercised): the op kinds of the table (src/slab/ops.ts) that never ran, and the injection
 * points where an injected operation never fired (an injection the point's context masked, e.g.
 * an NMI op under a trylock that fails, counts as not fired). decisions: distinct decision points
 * seen (the domain's decisionOf).
 */
export interface CoverageGaps {
  ops: { ran: number; of: number; never: string[] };
  points: { fired: string[]; never: string[] };
  decisions: number;
}
export function coverageGaps(cov: ExploreResult['coverage']): CoverageGaps {
  const names = OPS.map((o) => o.name as string);
  const fired = INJECTION_POINTS.filter((p) => (cov.decisions[`injection ${p}`] ?? 0) > 0);
  return {
    ops: { ran: names.filter((n) => (cov.ops[n] ?? 0) > 0).length, of: names.length, never: names.filter((n) => !cov.ops[n]).sort() },
    points: { fired: [...fired].sort(), never: INJECTION_POINTS.filter((p) => !fired.includes(p)).sort() },
    decisions: Object.keys(cov.decisions).length,
  };
}

/** The coverage lines of the text report. */
export function coverageLines(cov: ExploreResult['coverage']): string[] {
  const g = coverageGaps(cov);
  const none = (xs: readonly string[]) => (xs.length ? xs.join(' ') : 'none');
  return [
    `coverage: ${g.ops.ran} of ${g.ops.of} op kinds ran (never: ${none(g.ops.never)}); injection points fired: ${none(g.points.fired)} (never: ${none(g.points.never)}); ${g.decisions} distinct decision points seen (--json lists them); event kinds: ${Object.keys(cov.events).sort().join(' ')}`,
  ];
}

export function findingLines(files: readonly WrittenFinding[]): string[] {
  const where = (f: WrittenFinding) => `${f.file} (${f.ops} ops, ${f.around ? `neighbour of ${f.around.scenario}: ${f.around.change}` : f.neighbourOf ? `neighbour: ${f.neighbourOf.change}` : `first at run ${f.firstRun}, ${f.firstMs} ms`})`;
  const lines: string[] = [];
  for (const f of files) if (!f.known) lines.push(`>> new  ${f.signature}`, `         ${where(f)}`);
  const byReason = new Map<string, WrittenFinding[]>();
  for (const f of files) if (f.known) byReason.set(f.reason ?? '', [...(byReason.get(f.reason ?? '') ?? []), f]);
  for (const [reason, fs] of byReason) {
    lines.push(`  known (${fs.length}), approved: ${reason}`);
    for (const f of fs) lines.push(`    ${f.signature}`, `         ${where(f)}`);
  }
  return lines;
}

export async function cmdExplore(opts: ExploreOptions): Promise<number> {
  // Thousands of runs with TurboFan on, in this process and its workers (flags are per process).
  tuneForModelRuns();
  const series = pickSeries(opts.series);
  const seed = /^\d+$/.test(opts.seed) ? Number(opts.seed) : NaN;
  if (!Number.isSafeInteger(seed) || seed > 0xffffffff) throw new UsageError(`--seed must be an integer 0..4294967295, not "${opts.seed}"`);
  if (opts.runs !== undefined && opts.time !== undefined) throw new UsageError('use either --runs or --time');
  const around = opts.around;
  if (around && (opts.runs !== undefined || opts.time !== undefined)) throw new UsageError('--around judges the neighbours of the scenarios it names and generates nothing: it takes neither --runs nor --time (--neighbours N judges N of them)');
  const { generateMs: timeLimitMs, neighbourMs: neighbourTimeMs } = splitTime(opts.time !== undefined ? parseTime(opts.time) : undefined, opts.neighbours !== undefined);
  const split = neighbourTimeMs !== undefined;
  const runs = opts.runs !== undefined ? positive(opts.runs, '--runs') : timeLimitMs !== undefined ? 100_000_000 : 200;
  const jobs = opts.jobs !== undefined ? positive(opts.jobs, '--jobs') : defaultExploreJobs();
  if (opts.neighbours !== undefined && !/^\d+$/.test(opts.neighbours)) throw new UsageError(`--neighbours must be a non-negative integer, not "${opts.neighbours}"`);
  const neighbourRuns = opts.neighbours !== undefined ? Number(opts.neighbours) : split || around ? Number.MAX_SAFE_INTEGER : 0;
  if (!Number.isSafeInteger(neighbourRuns)) throw new UsageError(`--neighbours is too large: "${opts.neighbours}"`);
  const maxOps = opts.maxOps !== undefined ? positive(opts.maxOps, '--max-ops') : DEFAULT_MAX_OPS;
  if (maxOps > MAX_MAX_OPS) throw new UsageError(`--max-ops must be at most ${MAX_MAX_OPS}, not "${opts.maxOps}"`);
  // --stage 13, or a list (--stage 02,03,09,11,12: the no-functional-change steps at once).
  const only = opts.stage !== undefined ? [...new Set(opts.stage.split(',').map((nn) => resolveStage(series, nn.trim()).number))].sort((a, b) => a - b) : null;
  const baseName = opts.base ?? 'for-next';
  const onBase = baseName !== 'for-next';
  const baseCmd = onBase ? await import('./base-command.ts') : null;
  if (baseCmd) baseCmd.pickBase(baseName);
  const out = resolve(opts.out ?? (around ? `explore-around-${seed}` : `explore-${seed}`));
  // Checked before exploring, not when the findings are written (the directory is made then).
  checkNewOutputDir(out, relative(process.cwd(), out) || out, 'choose a new directory with --out');
  const tty = process.stderr.isTTY === true && !opts.json;
  const t0 = Date.now();
  // --base: the series rebased and built there first (as check --base does); the steps explored are
  // those whose two stages build and load on that base (RFC 15 does not build on mm-unstable).
  let stages: readonly StageDescriptor[] = series.stages;
  if (baseCmd) {
    stages = baseCmd.runningPrefix((await baseCmd.buildRebased(series.name, baseName, baseCmd.buildCache(opts))).stages);
    endProgress();
    if (stages.length < 2) throw new UsageError(`no step of ${series.name} runs on ${baseName} (its stage 01 does not build or load there; see slabseries check --base ${baseName})`);
    const late = only?.find((n) => n >= stages.length);
    if (late !== undefined) throw new UsageError(`step ${String(late).padStart(2, '0')} does not run on ${baseName} (steps 01..${String(stages.length - 1).padStart(2, '0')} do; see slabseries check --base ${baseName})`);
  }
  // --around: the scenarios named, read and checked by the loader as check reads them (on a base,
  // against its rebased stages), before anything runs.
  const given = around ? scenarioDocs(around, baseCmd ? namesOnBase(series.stages, stages) : stages).map((g) => ({ name: g.scenario.name, doc: g.doc })) : [];
  const job: ExploreJob = {
    series: series.name,
    seed,
    runs,
    timeLimitMs,
    only,
    neighbourRuns,
    ...(neighbourTimeMs !== undefined ? { neighbourTimeMs } : {}),
    // Around given scenarios, a later caller is added whatever their length unless --max-ops bounds it.
    ...(around && opts.maxOps === undefined ? {} : { maxOps }),
    ...(onBase ? { base: { name: baseName, stages: stages.length, cache: opts.cache !== false } } : {}),
    ...(around ? { around: true } : {}),
  };
  const onProgress = tty
    ? (p: ExploreProgress) =>
        progress(progressLine(p, around !== undefined, t0))
    : undefined;
  const r: ExploreResult = around
    ? jobs === 1
      ? exploreAround(exploreOptions(job, stages, onProgress), given)
      : await exploreAroundInWorkers(job, stages, jobs, given, onProgress)
    : jobs === 1
      ? explore(exploreOptions(job, stages, onProgress))
      : await exploreInWorkers(job, stages, jobs, onProgress);
  if (tty) endProgress();
  // Written all or nothing: into a temporary sibling, then renamed into place.
  const files: WrittenFinding[] = [];
  if (r.findings.length) {
    const tmp = `${out}.tmp-${process.pid}`;
    mkdirSync(tmp);
    try {
      for (const f of r.findings) {
        const name = findingFileName(f.stage, f.kind, f.signature);
        const how = f.around ? `a neighbour of the scenario "${f.around.scenario}": ${f.around.change}` : f.neighbourOf ? `a neighbour of the shrunk scenario for "${f.neighbourOf.signature}": ${f.neighbourOf.change}` : `run ${f.firstRun}`;
        const doc = { ...f.scenario, name, description: `Found by slabseries explore${around ? ' --around' : ''} (seed ${seed}${job.maxOps !== undefined && job.maxOps !== DEFAULT_MAX_OPS ? `, --max-ops ${maxOps}` : ''}${onBase ? `, on ${baseName}` : ''}, ${how}), shrunk: ${f.signature}` };
        writeFileSync(join(tmp, `${name}.json`), JSON.stringify(doc, null, 2) + '\n');
        files.push({ file: join(relative(process.cwd(), out) || out, `${name}.json`), signature: f.signature, kind: f.kind, stage: f.stage, known: f.known, reason: f.reason, firstRun: f.firstRun, firstMs: f.firstMs, ops: (f.scenario.ops as unknown[]).length, ...(f.neighbourOf ? { neighbourOf: f.neighbourOf } : {}), ...(f.around ? { around: f.around } : {}) });
      }
      if (existsSync(out)) rmSync(out, { recursive: true });
      renameSync(tmp, out);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  }
  const fresh = files.filter((f) => !f.known);
  if (opts.json) process.stdout.write(JSON.stringify({ series: series.name, base: baseName, seed, maxOps: job.maxOps ?? null, jobs, ...(around ? { around: given.map((g) => g.name), refusedNeighbours: r.refusedNeighbours ?? 0 } : {}), runs: r.runs, ms: r.ms, runMs: r.runMs, neighbourRuns: r.neighbourRuns, declaredChanges: r.declaredChanges ?? 0, rate: Number(((r.runs * 1000) / Math.max(1, r.runMs)).toFixed(1)), out: files.length ? out : null, findings: files, coverage: { ...r.coverage, gaps: coverageGaps(r.coverage) } }, null, 2) + '\n');
  else {
    const head = around
      ? `explore --around (series ${series.name}${onBase ? ` on ${baseName}` : ''}, seed ${seed}${job.maxOps !== undefined ? `, --max-ops ${maxOps}` : ''}): ${r.neighbourRuns} neighbour(s) of ${given.length} scenario(s) judged${r.refusedNeighbours ? ` (${r.refusedNeighbours} the loader refused, skipped)` : ''} and shrunk in ${(r.ms / 1000).toFixed(1)} s on ${jobs} thread(s)`
      : `explore (series ${series.name}${onBase ? ` on ${baseName}` : ''}, seed ${seed}${maxOps !== DEFAULT_MAX_OPS ? `, --max-ops ${maxOps}` : ''}): ${r.runs} scenarios judged in ${(r.runMs / 1000).toFixed(1)} s on ${jobs} thread(s) (${((r.runs * 1000) / Math.max(1, r.runMs)).toFixed(1)}/s), shrinking${r.declaredChanges ? `, ${r.declaredChanges} declared change(s)` : ''}${r.neighbourRuns ? ` and ${r.neighbourRuns} neighbour(s)` : ''} ${((r.ms - r.runMs) / 1000).toFixed(1)} s`;
    const lines = [`${head}; ${files.length} signature(s): ${fresh.length} new, ${files.length - fresh.length} known`];
    lines.push(...findingLines(files));
    // Coverage is of generated runs (--around generates none).
    if (!around) lines.push(...coverageLines(r.coverage));
    // bisect has no --base: on a base, check FILE --base NAME shows the step (and run FILE --base NAME --stage NN the runs).
    if (files.length) lines.push(onBase ? `replay: slabseries check --base ${baseName} ${files[0].file}; slabseries run ${files[0].file} --base ${baseName} --stage ${files[0].stage.slice(0, 2)}` : `replay: slabseries check ${files[0].file}; slabseries bisect --scenario ${files[0].file}`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  return fresh.length ? 1 : 0;
}
