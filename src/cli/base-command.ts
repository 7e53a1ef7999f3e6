// `slabseries check --base NAME`, `run --base NAME [--candidate ID]` and `slabseries candidates`:
// the series rebased onto another base (src/bases), step by step — applies / conflicts / builds /
// runs, then the usual verdicts — and the "what if" candidate guards (src/candidates) judged on the
// scenarios of the open question (fixtures/mm-unstable).

import { join, relative, sep } from 'node:path';
import { checkSeries, type CheckReport } from '../harness/check.ts';
import type { Observation } from '../harness/domain.ts';
import { runScenario } from '../harness/runner.ts';
import { stageInfos, type Series } from '../harness/series.ts';
import { BASES, buildAll, loadStage, materializeAll, readOverlay, rebaseSeries, removeRoots, startBuildAll, type BuildRoots, type RebasedStep, type Tree } from '../bases/rebase.ts';
import { BUILD_CONFIGS } from '../bases/cpp.ts';
import { type BuildCache, rebasedStageKey } from '../cache/builds.ts';
import { CacheKeys, ObservationCache } from '../cache/observations.ts';
import { readTree } from '../patches/stagefs.ts';
import { CANDIDATES, candidateById, type Candidate } from '../candidates/index.ts';
import { COLUMNS, judgeCandidateRun, type CandidateCell } from '../candidates/judge.ts';
import { observationJson, type Slab, type SlabObservation } from '../slab/observation.ts';
import type { SlabScenario } from '../slab/scenario.ts';
import type { StageDescriptor } from '../slab/stage_api.ts';
import { approvalsOnBase, approve, checkReason } from './approvals.ts';
import { domain, endProgress, FIXTURES, nn, pickSeries, progress, resolveStage, ROOT, selfCommand, seriesOption, seriesPaths, UsageError } from './context.ts';
import { renderMatrix, renderSummaries } from './report.ts';
import { buildCache, observationStatsLine } from './cache-command.ts';
import { namesOnBase, scenarioArg, scenarioArgs } from './scenarios.ts';

export const MMU_FIXTURES = join(ROOT, 'fixtures', 'mm-unstable');

export function pickBase(name = 'for-next') {
  const b = BASES[name];
  if (!b) throw new UsageError(`unknown base "${name}" (known: ${Object.keys(BASES).join(', ')})`);
  return b;
}

export { buildCache };

/** The scenarios of `check --base`, read with the names of the series' own stages too (namesOnBase). */
export function baseCheckScenarios(files: readonly string[], series: Series<Slab>, rebasedStages: readonly StageDescriptor[]): SlabScenario[] {
  return scenarioArgs(files.length ? files : [FIXTURES, MMU_FIXTURES], namesOnBase(series.stages, rebasedStages));
}

function rebased(seriesName: string | undefined, baseName: string): RebasedStep[] {
  const series = pickSeries(seriesName);
  return rebaseSeries(series.stagesDir, series.stages.map((s) => s.slug), readOverlay(pickBase(baseName)));
}

/** A candidate's files: its rebased stage with the candidate's overlays on top. */
export function candidateTree(steps: readonly RebasedStep[], c: Candidate): { slug: string; tree: Tree } {
  const tree = new Map(steps[c.onStage].tree);
  for (const dir of c.overlays) for (const [f, t] of readTree(dir)) tree.set(f, t);
  return { slug: `${nn(c.onStage)}-whatif-${c.id}`, tree };
}

function buildLine(st: { build: { config: string; ok: boolean; errors: string[] }[] }): string {
  return st.build.map((b) => `${b.config.replace('CONFIG_MEM_ALLOC_PROFILING_DEBUG', 'DEBUG')}: ${b.ok ? 'builds' : `DOES NOT BUILD (${b.errors[0]})`}`).join('; ');
}

/** Whether a step builds with CONFIG_MEM_ALLOC_PROFILING_DEBUG set (=y) or not (=n). */
const buildsWith = (st: { build: { config: string; ok: boolean }[] }, debug: boolean) => st.build.every((b) => b.ok || b.config.endsWith('=y') !== debug);
const debugBuilds = (st: { build: { config: string; ok: boolean }[] }) => buildsWith(st, true);

export interface BaseCheckOptions {
  base: string;
  series?: string;
  json?: boolean;
  approve?: boolean;
  reason?: string;
  /** false with --no-cache: type-check and transpile every rebased stage afresh. */
  cache?: boolean;
}

/** A rebased step loaded for the builds it has: its stage (null: not built or not loaded, with the reason) and its key in the observation cache. */
interface LoadedStep {
  stage: StageDescriptor | null;
  err: string;
  key: string | null;
  builds: { debug: boolean; nodebug: boolean };
}

/** The builds a step has, once built: a stage runs only with its DEBUG build (buildRebased). */
const builtWith = (st: RebasedStep) => ({ debug: debugBuilds(st), nodebug: buildsWith(st, false) });
const sameBuilds = (a: LoadedStep['builds'], b: LoadedStep['builds']) => a.debug === b.debug && a.nodebug === b.nodebug;

/** Load a rebased step's stage with `builds`: none without the DEBUG build; a stage that does not load, with the first line of why. */
async function loadStep(st: RebasedStep, roots: BuildRoots, builds: LoadedStep['builds'], cache: BuildCache | null): Promise<LoadedStep> {
  if (!builds.debug) return { stage: null, err: 'not built', key: null, builds };
  try {
    return { stage: await loadStage(roots, st.slug, builds, cache), err: '', key: rebasedStageKey(st.tree, builds), builds };
  } catch (e) {
    return { stage: null, err: (e as Error).message.split('\n')[0], key: null, builds };
  }
}

/**
 * The series rebased onto a base, built in every configuration and loaded: per step its stage, or
 * null (with the reason) where the DEBUG build fails or the stage does not load; `keys`, per loaded
 * stage, its key in the observation cache (the loaded files and builds: rebasedStageKey).
 */
export async function buildRebased(seriesName: string, baseName: string, cache: BuildCache | null): Promise<{ steps: RebasedStep[]; stages: (StageDescriptor | null)[]; loadErr: string[]; keys: (string | null)[] }> {
  progress(`rebasing ${seriesName} onto ${baseName}`);
  const steps = rebased(seriesName, baseName);
  progress('building every rebased stage (tsc --noEmit, PROFILING_DEBUG=y and =n)');
  const roots = buildAll(steps, cache);
  try {
    const loaded: LoadedStep[] = [];
    for (const st of steps) loaded.push(await loadStep(st, roots, builtWith(st), cache));
    return { steps, stages: loaded.map((l) => l.stage), loadErr: loaded.map((l) => l.err), keys: loaded.map((l) => l.key) };
  } finally {
    removeRoots(roots);
  }
}

/** The longest prefix of steps whose stages run (a step is judged when both of its stages do). */
export function runningPrefix(stages: readonly (StageDescriptor | null)[]): StageDescriptor[] {
  const out: StageDescriptor[] = [];
  for (const s of stages) {
    if (!s) break;
    out.push(s);
  }
  return out;
}

/**
 * The first `count` rebased stages loaded without building them again (an explore worker thread:
 * the main thread built and loaded the same stages first, so they are known to build and load).
 */
export async function loadRebasedPrefix(seriesName: string, baseName: string, count: number, cache: BuildCache | null): Promise<StageDescriptor[]> {
  const steps = rebased(seriesName, baseName).slice(0, count);
  const roots = materializeAll(steps);
  try {
    const out: StageDescriptor[] = [];
    for (const st of steps) out.push(await loadStage(roots, st.slug, undefined, cache));
    return out;
  } finally {
    removeRoots(roots);
  }
}

/** The observation stored under `key`, or `run()`'s, then stored (an unwritable cache only costs time). */
function cachedRun(observations: ObservationCache | null, key: string | null, run: () => Observation<Slab>): Observation<Slab> {
  const hit = key ? observations!.get(key) : undefined;
  if (hit) {
    observations!.stats.hits++;
    return hit;
  }
  const o = run();
  try {
    if (key) observations!.put(key, o);
  } catch {
    // an unwritable cache (SLABSERIES_CACHE_DIR anywhere) only costs time
  }
  return o;
}

/**
 * The series rebased onto a base, built, loaded and run: the scenarios' observations on the longest
 * prefix of steps whose stages run (a step is judged when both of its stages do).
 *
 * The type-check (about 5 s for a series' two configurations, unless the build cache has it) runs in
 * a compiler process on the other core while this thread loads every step and runs the scenarios on
 * it as if it built in both configurations, as nearly every step does (a cold check --base 16.1-16.6 s
 * -> 14.5-15.6 s). A step whose builds turn out otherwise is loaded and run again, or not run at all
 * (RFC 15 on mm-unstable: its DEBUG build fails), and what was run for it is dropped: the result is
 * the one waiting for the compiler first gives.
 */
async function runRebased(series: Series<Slab>, baseName: string, files: readonly string[], cache: BuildCache | null, observations: ObservationCache | null) {
  progress(`rebasing ${series.name} onto ${baseName}`);
  const steps = rebased(series.name, baseName);
  // Runs on a rebased stage are kept in the result cache as check keeps its own, by the stage's
  // files and builds and the scenario: after a new or edited scenario only its runs are made again.
  const cacheKeys = new CacheKeys();
  let done = 0;
  const runStep = (l: LoadedStep, scenarios: readonly SlabScenario[], total: number) =>
    scenarios.map((sc) => {
      progress(`running ${++done}/${total} scenario runs`);
      return cachedRun(observations, observations && cacheKeys.keyOn(l.key!, sc), () => runScenario(domain, l.stage!, sc));
    });
  const loadedStages = (ls: readonly LoadedStep[]) => ls.flatMap((l) => (l.stage ? [l.stage] : []));
  /** How many steps from the first run (up to the first that does not). */
  const running = (ls: readonly LoadedStep[]) => {
    const stop = ls.findIndex((l) => !l.stage);
    return stop < 0 ? ls.length : stop;
  };
  const build = startBuildAll(steps, cache);
  try {
    if (build.pending) progress('type-checking every rebased stage (tsc --noEmit, PROFILING_DEBUG=y and =n) while running them');
    else await build.built;
    const guessed: LoadedStep[] = [];
    for (const st of steps) guessed.push(await loadStep(st, build.roots, build.pending ? { debug: true, nodebug: true } : builtWith(st), cache));
    let scenarios = baseCheckScenarios(files, series, loadedStages(guessed));
    const early: Observation<Slab>[][] = [];
    for (let i = 0; i < running(guessed); i++) {
      try {
        early.push(runStep(guessed[i], scenarios, running(guessed) * scenarios.length));
      } catch (e) {
        // A step that may not build may well throw: it is run again (and throws again) if it builds.
        if (!build.pending) throw e;
        break;
      }
    }
    await build.built;
    const loaded: LoadedStep[] = [];
    for (const [i, st] of steps.entries()) loaded.push(sameBuilds(guessed[i].builds, builtWith(st)) ? guessed[i] : await loadStep(st, build.roots, builtWith(st), cache));
    // The names a scenario may use come from the stages loaded: with fewer, the same scenarios or a
    // refusal, as reading them after the build would have given.
    if (loaded.some((l, i) => l.stage !== guessed[i].stage)) scenarios = baseCheckScenarios(files, series, loadedStages(loaded));
    const prefix = running(loaded);
    const kept = (i: number) => loaded[i] === guessed[i] && i < early.length;
    const again = Array.from({ length: prefix }, (_, i) => i).filter((i) => !kept(i)).length;
    done = 0;
    const obs = Array.from({ length: prefix }, (_, i) => (kept(i) ? early[i] : runStep(loaded[i], scenarios, again * scenarios.length)));
    return { steps, stages: loaded.map((l) => l.stage), loadErr: loaded.map((l) => l.err), scenarios, prefix, obs };
  } finally {
    build.cancel();
    removeRoots(build.roots);
  }
}

/** `check --base NAME`: the per-step rebase report, then the verdicts on the steps that run. */
export async function cmdBaseCheck(files: readonly string[], opts: BaseCheckOptions): Promise<number> {
  const series = pickSeries(opts.series);
  const base = pickBase(opts.base);
  // A bad --reason is refused before the rebase and the builds, not after them.
  if (opts.approve || opts.reason !== undefined) checkReason(opts.reason, !!opts.approve);
  const observations = opts.cache === false ? null : new ObservationCache();
  const { steps, stages, loadErr, scenarios, prefix, obs } = await runRebased(series, base.name, files, buildCache(opts), observations);
  endProgress();
  if (observations && process.env.SLABSERIES_CACHE_STATS) process.stderr.write(observationStatsLine(observations.stats));
  const ap = approvalsOnBase(series, base.name);
  const approved = ap.inForce;
  const infos = stageInfos(series).slice(0, prefix);
  const report: CheckReport<Slab> = checkSeries(domain, infos, scenarios.map((s) => s.name), obs, approved);
  // The series' approvals are kept by check without --base (a step that does not run here, a
  // scenario only for-next has, cannot show them); the base's own vanish when the whole shipped set
  // ran on the base and none shows them.
  const baseSigs = new Set(ap.base.map((a) => a.signature));
  report.vanished = files.length ? [] : report.vanished.filter((a) => baseSigs.has(a.signature));
  // The series' own approvals send readers to for-next; only the base's examples are run here.
  report.staleExamples = files.length ? [] : report.staleExamples.filter((a) => baseSigs.has(a.signature));
  if (opts.approve) {
    const r = approve(ap.path, report, ap.base, opts.reason, ap.series);
    process.stdout.write(`approved ${r.added} finding(s) on ${base.name}, dropped ${r.dropped} vanished approval(s), moved ${r.moved} stale example(s): ${relative(process.cwd(), ap.path)}\n`);
    return 0;
  }
  const rows = steps.map((st, i) => ({
    step: st.slug,
    applies: st.status === 'base' ? 'base' : st.status === 'clean' ? 'cleanly' : 'CONFLICT',
    conflicts: st.conflicts.map((c) => ({ file: c.file, line: c.line, base: c.ours, patch: c.theirs })),
    build: st.build,
    runs: stages[i] !== null,
    why: stages[i] ? undefined : loadErr[i],
    judged: i > 0 && i < prefix,
  }));
  // The thread: the step that removes __GFP_NO_OBJ_EXT (RFC 15) collides with mm-unstable's use of
  // the bit in lib/alloc_tag.c and, with that hunk dropped, breaks only the DEBUG build. A series
  // that keeps the bit (v3 dropped that patch) is expected to apply, build and run throughout.
  const removesBit = series.stages.findIndex((s, i) => i > 0 && series.stages[i - 1].gfpNames.has('__GFP_NO_OBJ_EXT') && !s.gfpNames.has('__GFP_NO_OBJ_EXT'));
  const expectedBreak = removesBit > 0 ? removesBit : -1;
  const label = series.name === 'rfc' ? 'RFC' : series.name;
  const agrees = steps.every((st, i) => (i === expectedBreak ? st.status === 'conflict' && !debugBuilds(st) && st.build.some((b) => b.ok) : st.status !== 'conflict' && st.build.every((b) => b.ok)));
  if (opts.json) {
    process.stdout.write(JSON.stringify({ series: series.name, base: base.name, summary: base.summary, steps: rows, agreesWithThread: agrees, newFindings: report.newFindings, vanished: report.vanished, staleExamples: report.staleExamples, findings: report.findings }, null, 2) + '\n');
  } else {
    const out: string[] = [`${series.name} rebased onto ${base.name}: ${base.summary}`, `(three-way merge per step; a conflicting hunk is dropped to go on; builds: ${BUILD_CONFIGS.map((c) => c.name).join(', ')})`, ''];
    for (const r of rows) {
      out.push(`${r.step.padEnd(40)} applies ${r.applies.padEnd(8)} ${buildLine(r)}; ${r.runs ? 'runs' : `does not run (${r.why})`}`);
      for (const c of r.conflicts) {
        out.push(`    conflict in ${c.file} at line ${c.line}:`);
        for (const l of c.base.slice(0, 3)) out.push(`      base:  ${l}`);
        for (const l of c.patch.slice(0, 3)) out.push(`      patch: ${l}`);
      }
    }
    out.push('', `verdicts on steps 01..${nn(prefix - 1)} (the steps whose two stages run), ${scenarios.length} scenarios:`, renderMatrix(report, false));
    const file = (name: string) => relative(process.cwd(), scenarios.find((s) => s.name === name)?.file ?? name);
    out.push(renderSummaries(report, approved, file, false, series.name).replace(/(reproduce: \S+ run \S+ --stage \d+)/g, `$1 --base ${base.name}`));
    out.push(`${report.findings.length} finding(s): ${report.newFindings.length} new, ${report.findings.length - report.newFindings.length} approved (${relative(process.cwd(), seriesPaths(series).approved)} and ${relative(process.cwd(), ap.path)}); ${report.vanished.length} approval(s) of ${base.name} vanished${report.staleExamples.length ? `; ${report.staleExamples.length} approval example(s) stale (check --base ${base.name} --approve moves them)` : ''}`);
    out.push(
      '',
      expectedBreak < 0
        ? agrees
          ? `agrees with the thread: ${label} keeps __GFP_NO_OBJ_EXT (no step removes it), so every step applies, builds and runs on ${base.name}`
          : `differs from the thread's expectation (${label} keeps __GFP_NO_OBJ_EXT, so every step should apply, build and run): see above`
        : agrees
          ? `agrees with the thread: ${label} ${nn(expectedBreak)} does not apply on ${base.name} (lib/alloc_tag.c conflict) and, with the hunk dropped, does not build with CONFIG_MEM_ALLOC_PROFILING_DEBUG=y (it builds without it); every earlier step applies, builds and runs`
          : `differs from the thread's expectation (${label} ${nn(expectedBreak)}, which removes __GFP_NO_OBJ_EXT, conflicting in lib/alloc_tag.c and breaking only the DEBUG build): see above`,
    );
    process.stdout.write(out.join('\n') + '\n');
  }
  return agrees && report.newFindings.length === 0 && report.vanished.length === 0 && report.staleExamples.length === 0 ? 0 : 1;
}

/** Load one rebased stage (or candidate) without building: the DEBUG configuration's files. */
async function loadOne(seriesName: string | undefined, baseName: string, stageArg: string, candidateId: string | undefined, cache: BuildCache | null): Promise<StageDescriptor> {
  const series = pickSeries(seriesName);
  const steps = rebased(seriesName, baseName);
  let item: { slug: string; tree: Tree };
  if (candidateId) {
    const c = candidateById(candidateId);
    if (!c) throw new UsageError(`unknown candidate "${candidateId}" (known: ${CANDIDATES.map((x) => x.id).join(', ')})`);
    item = candidateTree(steps, c);
  } else {
    const st = resolveStage(series, stageArg);
    item = steps[st.number];
  }
  const roots = materializeAll([item]);
  try {
    return await loadStage(roots, item.slug, undefined, cache);
  } catch (e) {
    throw new UsageError(`${item.slug} on ${baseName} does not load: ${(e as Error).message.split('\n')[0]}`);
  } finally {
    removeRoots(roots);
  }
}

/** `run FILE --base NAME [--stage NN] [--candidate ID]`. */
export async function cmdBaseRun(file: string, opts: { series?: string; base: string; stage: string; candidate?: string; json?: boolean; cache?: boolean }): Promise<void> {
  const series = pickSeries(opts.series);
  pickBase(opts.base);
  const stage = await loadOne(opts.series, opts.base, opts.stage, opts.candidate, buildCache(opts));
  const sc = scenarioArg(file, [...series.stages, stage]);
  const obs = runScenario(domain, stage, sc);
  process.stdout.write(opts.json ? JSON.stringify(observationJson(obs), null, 2) + '\n' : domain.render.observation(obs));
}

export interface CandidateTable {
  /** The series whose last step the candidates are built on (--series). */
  series: string;
  scenarios: { name: string; file: string; ops: number }[];
  rows: {
    candidate: Candidate;
    slug: string;
    build: { config: string; ok: boolean; errors: string[] }[];
    cells: Record<string, CandidateCell>;
    /** Per column: the scenarios that show the violation, shortest first. */
    violations: Record<string, string[]>;
    maxDepth: number;
    sound: boolean;
  }[];
}

export async function candidateTable(files: readonly string[], opts: { series?: string; build?: boolean; cache?: boolean }): Promise<CandidateTable> {
  const series = pickSeries(opts.series);
  const steps = rebased(opts.series, 'mm-unstable');
  const items = CANDIDATES.map((c) => ({ c, ...candidateTree(steps, c), build: [] as { config: string; ok: boolean; errors: string[] }[] }));
  const cache = buildCache(opts);
  const roots = opts.build ? buildAll(items, cache) : materializeAll(items);
  const stages: StageDescriptor[] = [];
  try {
    for (const it of items) stages.push(await loadStage(roots, it.slug, undefined, cache));
  } finally {
    removeRoots(roots);
  }
  const scenarios: SlabScenario[] = scenarioArgs(files.length ? files : [MMU_FIXTURES], namesOnBase(series.stages, stages));
  const table: CandidateTable = { series: series.name, scenarios: scenarios.map((s) => ({ name: s.name, file: relative(ROOT, s.file ?? s.name), ops: countOps(s) })), rows: [] };
  // Runs kept in the result cache as check --base keeps a rebased step's: by the candidate's files
  // after its overlays (both builds loaded) and the scenario.
  const observations = opts.cache === false ? null : new ObservationCache();
  const cacheKeys = new CacheKeys();
  items.forEach((it, i) => {
    const cells: Record<string, CandidateCell> = {};
    const stageKey = rebasedStageKey(it.tree, { debug: true, nodebug: true });
    for (const sc of scenarios) {
      progress(`${it.c.id}: ${sc.name}`);
      cells[sc.name] = judgeCandidateRun(cachedRun(observations, observations && cacheKeys.keyOn(stageKey, sc), () => runScenario(domain, stages[i], sc)) as SlabObservation);
    }
    const violations: Record<string, string[]> = {};
    for (const col of COLUMNS) violations[col.id] = table.scenarios.filter((s) => col.bad(cells[s.name])).sort((a, b) => a.ops - b.ops).map((s) => s.name);
    const maxDepth = Math.max(0, ...Object.values(cells).map((c) => c.maxDepth));
    const sound = it.c.gfpBitFree && COLUMNS.every((col) => col.allowed || violations[col.id].length === 0) && it.build.every((b) => b.ok);
    table.rows.push({ candidate: it.c, slug: it.slug, build: it.build, cells, violations, maxDepth, sound });
  });
  endProgress();
  if (observations && process.env.SLABSERIES_CACHE_STATS) process.stderr.write(observationStatsLine(observations.stats));
  return table;
}

function countOps(sc: SlabScenario): number {
  let n = 0;
  const walk = (ops: readonly { inject?: readonly { ops: readonly unknown[] }[] }[]) => {
    for (const op of ops) {
      n++;
      for (const inj of op.inject ?? []) walk(inj.ops as never);
    }
  };
  walk(sc.ops as never);
  return n;
}

export function renderCandidateTable(t: CandidateTable): string {
  const out: string[] = [
    'WHAT IF — candidate recursion guards for the early-PFN pool, NOT PART OF THE RFC (src/candidates/)',
    `each on RFC 15 rebased onto mm-unstable (M1: RFC 15 dropped), judged on ${t.scenarios.length} scenarios (fixtures/mm-unstable)`,
    '',
    `| candidate | mechanism | ${COLUMNS.map((c) => c.title).join(' | ')} | gfp bit free (P7) | max early depth | sound |`,
    `|---|---|${COLUMNS.map(() => '---').join('|')}|---|---|---|`,
  ];
  for (const r of t.rows) {
    const cell = (id: string) => (r.violations[id].length ? `**yes**: ${r.violations[id][0]}` : 'no');
    out.push(`| ${r.candidate.id} | ${r.candidate.mechanism} | ${COLUMNS.map((c) => cell(c.id)).join(' | ')} | ${r.candidate.gfpBitFree ? 'yes' : '**no**'} | ${r.maxDepth} | ${r.sound ? '**sound**' : 'no'} |`);
  }
  out.push('', 'A "yes" cell names the shortest scenario that shows it; replay it with', `  ${selfCommand()} run ${relative(process.cwd(), join(ROOT, 'fixtures', 'mm-unstable')).split(sep).join('/') || '.'}/<scenario>.json --base mm-unstable --candidate <candidate>${seriesOption(t.series)}`);
  const builds = t.rows.filter((r) => r.build.length);
  if (builds.length) {
    out.push('', 'builds:');
    for (const r of builds) out.push(`  ${r.candidate.id}: ${buildLine(r)}`);
  }
  const sound = t.rows.filter((r) => r.sound).map((r) => r.candidate.id);
  out.push('', sound.length ? `sound on every scenario: ${sound.join(', ')}` : 'no candidate is sound on every scenario');
  return out.join('\n') + '\n';
}

export async function cmdCandidates(files: readonly string[], opts: { series?: string; json?: boolean; build?: boolean; cache?: boolean }): Promise<number> {
  const t = await candidateTable(files, opts);
  if (opts.json) process.stdout.write(JSON.stringify({ ...t, rows: t.rows.map((r) => ({ ...r, candidate: r.candidate.id, mechanism: r.candidate.mechanism, title: r.candidate.title, gfpBitFree: r.candidate.gfpBitFree, onStage: r.candidate.onStage })) }, null, 2) + '\n');
  else process.stdout.write(renderCandidateTable(t));
  return 0;
}
