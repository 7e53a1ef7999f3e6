// slabseries command line: command wiring only. The commands live in modules named for what they
// do (check-command, golden-command, run-commands, series-commands, metrics-command); I/O lives in
// the CLI layer, the harness below is pure.
// Exit codes: 0 success, 1 a check found problems, 2 bad input or usage.
//
// Each command's module is imported when that command runs, not before: `slabseries --help` or
// `list` must not load sixteen stages, ts-morph and the report's chart renderer (issue 14 asks
// --help within 0.25 s). Only commander and this file load up front.

import './v8-flags.ts';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError } from 'commander';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** --jobs N: a positive integer (commander reports anything else as a one-line usage error). */
function parseJobs(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('expected a positive integer');
  return Number(v);
}

/** Errors that mean bad input (exit 2 with one line), loaded only when something was thrown. */
async function isInputError(e: unknown): Promise<boolean> {
  const classes = await Promise.all([
    import('../harness/domain.ts').then((m) => m.ScenarioError),
    import('./context.ts').then((m) => m.UsageError),
    import('../patches/propagate.ts').then((m) => m.PropagateError),
    import('../export/git-export.ts').then((m) => m.ExportError),
    import('./metrics-command.ts').then((m) => m.MetricsUsageError),
  ]);
  return classes.some((c) => e instanceof c);
}

const SERIES_OPTION = ['--series <name>', 'which series (rfc, v3)', 'rfc'] as const;

function version(): string {
  try {
    return String((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version?: unknown }).version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

/**
 * `git bisect run` judges a commit bad on exit codes 1..127 (except 125): a usage error of
 * bisect-run must abort the bisection instead (exit >= 128).
 */
export const BISECT_RUN_USAGE_EXIT = 128;

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = new Command();
  program
    .name('slabseries')
    .description('Review, bisect and teach the "mm/slab: introduce alloc_flags and slab_alloc_context" RFC series on a behavioural model of SLUB')
    .version(version(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  // The series a command uses are loaded before it runs: the one --series names, or all of them
  // for a command without that option.
  // A `check` whose report is stored under the same key (src/cache/check-memo.ts) prints it and
  // loads nothing else.
  let memo: { key: string; hit: { code: number; stdout: string } | undefined } | null = null;
  program.hook('preAction', async (_program, action) => {
    // The cache's size limit (src/cache/packs.ts), refused before anything is run or stored.
    const limit = process.env.SLABSERIES_CACHE_MAX_MB;
    if (limit !== undefined) {
      const [{ cacheLimitProblem }, { UsageError }] = await Promise.all([import('../cache/packs.ts'), import('./context.ts')]);
      const problem = cacheLimitProblem(limit);
      if (problem) throw new UsageError(problem);
    }
    const opts = action.opts() as { series?: unknown; cache?: boolean; approve?: boolean; base?: string; jobs?: number; stage?: string; scenario?: string };
    if (action.name() === 'check' && opts.cache !== false && !opts.approve && !process.env.SLABSERIES_CACHE_STATS) {
      const m = await import('../cache/check-memo.ts');
      const key = m.checkMemoKey(argv, action.args);
      memo = { key, hit: m.readCheckMemo(key) };
      if (memo.hit) return;
    }
    const { series } = opts;
    // A check of every stage whose batch will want a worker thread (src/cli/jit.ts): started now,
    // the worker loads the series beside this thread instead of after it.
    if (action.name() === 'check' && opts.base === 'for-next' && opts.jobs !== 1 && !opts.stage && !opts.scenario && typeof series === 'string') {
      const [{ prestartObserveWorker }, { countScenarioArgs }, { SERIES_NAMES }] = await Promise.all([import('./observe.ts'), import('./scenarios.ts'), import('./context.ts')]);
      if (SERIES_NAMES.includes(series)) prestartObserveWorker(series, countScenarioArgs(action.args));
    }
    // metrics reads the stages' sources and loads no stage code (src/cli/metrics-command.ts): the
    // sixteen stages' modules were a sixth of a cold `metrics`.
    if (action.name() === 'metrics') return;
    // report loads only the series this thread builds; a worker thread loads its own
    // (src/cli/report-site-command.ts).
    if (action.name() === 'report') return;
    await (await import('./context.ts')).loadSeries(typeof series === 'string' ? [series] : undefined);
  });
  program
    .command('run')
    .option(...SERIES_OPTION)
    .description('run one scenario file on one stage and print its observation')
    .argument('<file>', "scenario JSON file, '-' for standard input, or a shipped scenario's name")
    .option('-s, --stage <NN>', 'stage number (00..15)', '00')
    .option('--json', 'print the observation as JSON')
    .option('--base <name>', 'base the series is rebased onto (for-next, mm-unstable)', 'for-next')
    .option('--candidate <id>', 'with --base mm-unstable: a "what if" candidate guard (slabseries candidates)')
    .option('--no-cache', 'with --base or --candidate: transpile the rebased stage afresh instead of reusing it from .slabseries-cache/')
    .action(async (file, opts) => {
      if (opts.base !== 'for-next' || opts.candidate) await (await import('./base-command.ts')).cmdBaseRun(file, { ...opts, base: opts.base === 'for-next' ? 'mm-unstable' : opts.base });
      else (await import('./run-commands.ts')).cmdRun(file, opts);
    });
  program
    .command('check')
    .option(...SERIES_OPTION)
    .description('judge every step of the series on every shipped scenario (equivalent / changed / improved / regressed / n/a), check each patch\'s claim, and compare the findings with findings/approved.json (exit 1 on a new or vanished finding, or an approval whose example no longer shows it)')
    .option('-s, --stage <NN>', 'report only this stage')
    .option('--scenario <name>', 'only this scenario')
    .option('--json', 'machine-readable report (docs/check-output.schema.json)')
    .option('--format <text|json|ktap>', 'output format: text (default), json (as --json) or ktap (KTAP version 1: one test per stage, one subtest per scenario)')
    .option('--approve', 'record the current new findings as approved (needs --reason), drop vanished ones and move each stale example to where its approval is shown now')
    .option('--reason <text>', 'one-line reason for the findings being approved')
    .option('-j, --jobs <N>', 'run on N threads: this one and N-1 workers (default: 2 for a cold batch of 600 to 2,400 or of 10,000 or more runs over 8 or more stages, else 1; measured, src/cli/jit.ts)', parseJobs)
    .option('--no-cache', 'run every scenario instead of reusing observations from .slabseries-cache/ (with --base: also type-check and transpile the rebased stages afresh)')
    .argument('[scenarios...]', 'scenario files or directories (default: the shipped fixtures)')
    .option('--base <name>', 'rebase the series onto this base first (for-next, mm-unstable): per step applies / conflicts / builds / runs, then the verdicts, with the base\'s own approvals too (findings/approved[-v3]-<base>.json, where --approve writes)', 'for-next')
    .action(async (files, opts) => {
      // On another base: rebase, build and run there (the memo below keeps its report as check's).
      const cmdCheck = async () =>
        opts.base !== 'for-next' ? (await import('./base-command.ts')).cmdBaseCheck(files, opts) : (await import('./check-command.ts')).cmdCheck(files, opts);
      if (!memo) {
        code = await cmdCheck();
        return;
      }
      if (memo.hit) {
        process.stdout.write(memo.hit.stdout);
        code = memo.hit.code;
        return;
      }
      const m = await import('../cache/check-memo.ts');
      const r = await m.recordingStdout(cmdCheck);
      code = r.code;
      if (r.stdout !== null && (code === 0 || code === 1)) m.writeCheckMemo(memo.key, { code, stdout: r.stdout });
    });
  program
    .command('candidates')
    .option(...SERIES_OPTION)
    .description('WHAT IF (not part of the RFC): candidate recursion guards replacing __GFP_NO_CODETAG, each on RFC 15 rebased onto mm-unstable, judged on fixtures/mm-unstable')
    .option('--json', 'machine-readable table')
    .option('--build', 'also build each candidate (tsc, PROFILING_DEBUG=y and =n)')
    .option('--no-cache', 'run, type-check and transpile every candidate afresh instead of reusing results from .slabseries-cache/')
    .argument('[scenarios...]', 'scenario files or directories (default: fixtures/mm-unstable)')
    .action(async (files, opts) => {
      code = await (await import('./base-command.ts')).cmdCandidates(files, opts);
    });
  program
    .command('bisect')
    .option(...SERIES_OPTION)
    .description('find the first stage at which part of a scenario\'s observation differs from stage 00 (exit 0 found, 1 never changes)')
    .argument('[scenario]', "a scenario file, '-' for standard input, or a shipped scenario's name (or --scenario)")
    .option('--scenario <name|file>', "a shipped scenario's name, or a scenario file")
    .option('--op <handle>', 'only this operation (handle, or index such as 3 or 3/inject0/0)')
    .option('--what <part>', `what to compare: ${'result|bytes|events|all'}`, 'all')
    .option('--json', 'machine-readable output')
    .action(async (scenario, opts) => {
      code = (await import('./run-commands.ts')).cmdBisect({ ...opts, positional: scenario });
    });
  program
    .command('export-git')
    .option(...SERIES_OPTION)
    .description('write the series as a new git repository (one commit and tag per stage, with a bisect-run script); refuses a non-empty directory')
    .argument('<dir>', 'a new or empty directory')
    .option('--json', 'machine-readable output')
    .option('--base <name>', 'rebase the series onto this base first (for-next, mm-unstable); a step that does not apply is marked', 'for-next')
    .action(async (dir, opts) => {
      code = opts.base !== 'for-next' ? await (await import('./base-series-commands.ts')).cmdBaseExportGit(dir, opts) : await (await import('./series-commands.ts')).cmdExportGit(dir, opts);
    });
  program
    .command('bisect-run')
    .option(...SERIES_OPTION)
    .description('judge a checked-out export-git commit for git bisect run: exit 0 same as stage 00, 1 changed, 125 skip')
    .requiredOption('--tree <dir>', 'the checked-out tree')
    .argument('[scenario]', "a scenario file or a shipped scenario's name (or --scenario)")
    .option('--scenario <name|file>', "a shipped scenario's name, or a scenario file")
    .option('--op <handle>', 'only this operation')
    .option('--what <part>', 'result|bytes|events|all', 'all')
    .option('--no-cache', "transpile the tree's files afresh instead of reusing them from .slabseries-cache/")
    .action(async (scenario, opts) => {
      code = await (await import('./run-commands.ts')).cmdBisectRun({ ...opts, positional: scenario });
    });
  program
    .command('golden')
    .option(...SERIES_OPTION)
    .description('compare (default) or --update the golden observation files under test/golden/')
    .option('--update', 'write the golden files from the current stages')
    .option('-s, --stage <NN>', 'only this stage')
    .option('--scenario <name|file>', 'only this scenario: a shipped name or a scenario file')
    .option('--json', 'machine-readable output')
    .argument('[scenarios...]', 'scenario files or directories to compare with the golden files of their names (default: the shipped fixtures; --update takes only shipped ones)')
    .action(async (files, opts) => {
      code = (await import('./golden-command.ts')).cmdGolden(files, opts);
    });
  program
    .command('list')
    .option(...SERIES_OPTION)
    .description('list the stages: subject, kind and refactoring move')
    .option('--json', 'machine-readable output')
    .action(async (opts) => (await import('./series-commands.ts')).cmdList(opts));
  program
    .command('patches')
    .option(...SERIES_OPTION)
    .description('check (default) or --write patches/ (format-patch files generated from the stages)')
    .option('--write', 'regenerate patches/ from the stages')
    .option('--check', 'fail naming the first patch that differs from the stages (the default)')
    .option('--json', 'machine-readable output')
    .option('--base <name>', 'the series rebased onto this base (for-next, mm-unstable): per-step apply status, or --write/--check patches-NAME/; a step that does not apply is marked', 'for-next')
    .action(async (opts) => {
      code = opts.base !== 'for-next' ? (await import('./base-series-commands.ts')).cmdBasePatches(opts) : (await import('./series-commands.ts')).cmdPatches(opts);
    });
  program
    .command('show')
    .option(...SERIES_OPTION)
    .description('one stage: subject, our message, refactoring move, declared changes, files touched and the patch')
    .argument('<NN>', 'stage number')
    .option('--json', 'machine-readable output')
    .action(async (nn, opts) => (await import('./series-commands.ts')).cmdShow(nn, opts));
  program
    .command('propagate')
    .option(...SERIES_OPTION)
    .description('carry the uncommitted edit of stage NN into every later stage (three-way); on any conflict nothing changes')
    .argument('<NN>', 'the stage you edited')
    .option('--dry-run', 'report what would change')
    .option('--json', 'machine-readable output')
    .action(async (nn, opts) => {
      code = (await import('./series-commands.ts')).cmdPropagate(nn, opts);
    });
  program
    .command('scenarios')
    .description('list the shipped scenarios')
    .option('--json', 'machine-readable output')
    .action(async (opts) => (await import('./run-commands.ts')).cmdScenarios(opts));
  program
    .command('explore')
    .option(...SERIES_OPTION)
    .description('generate scenarios (fast-check), or with --around take the neighbours of scenarios you have, judge every step of the series on each as check does, shrink one scenario per finding signature and write them to --out (exit 1 when a signature is not approved)')
    .option('--seed <S>', 'random seed (same seed, same runs: same findings and files)', '1')
    .option('--runs <N>', 'how many scenarios (default 200)')
    .option('--time <T>', 'explore for this long instead (e.g. 60s, 2m): three fifths generating, the last two fifths judging neighbours of the shrunk scenarios, unless --neighbours is given')
    .option('-s, --stage <NN[,NN...]>', 'judge only these steps, running only their stages (NN-1 and NN each; e.g. 13, or 02,03,09,11,12)')
    .option('--out <dir>', 'where the shrunk scenarios go (a new or empty directory; default explore-SEED)')
    .option('-j, --jobs <N>', 'threads to run on (default: one per core, at most 4); the result does not depend on it')
    .option('--neighbours <N>', 'after shrinking, judge N scenarios one change away from the shrunk ones (a later caller, a contended list_lock, another gfp, operation or configuration switch; default 0, or with --time as many as its last two fifths allow; with --time and --neighbours N, all of --time generates)')
    .option('--max-ops <N>', 'operations per generated scenario at most, 1..64 (default 8: what the rediscovery goal uses; longer scenarios reach rarer states, more slowly)')
    .option('--base <name>', 'explore the series rebased onto this base (for-next, mm-unstable), on the steps that build and run there, as check --base judges them', 'for-next')
    .option('--no-cache', 'with --base: type-check and transpile the rebased stages afresh instead of reusing results from .slabseries-cache/')
    .option('--around <scenarios...>', 'instead of generating, judge every scenario one change away from these (files, directories or shipped names; a later caller, a contended list_lock, another gfp, an operation swapped, a configuration switch), shrink each finding and write it to --out (default explore-around-SEED); --neighbours N judges N of them, in an order the seed shuffles')
    .option('--json', 'machine-readable output')
    .action(async (opts) => {
      code = await (await import('./explore-command.ts')).cmdExplore(opts);
    });
  program
    .command('add-scenario')
    .option(...SERIES_OPTION)
    .description('ship a scenario: copy it into fixtures/scenarios/, write its golden observations, judge it, and list what needs a person (approvals, manifest reasons for changed goldens); exit 1 while something does')
    .argument('<file>', 'the scenario file (its name must be new)')
    .option('--json', 'machine-readable output')
    .action(async (file, opts) => {
      code = (await import('./add-scenario-command.ts')).cmdAddScenario(file, opts);
    });
  program
    .command('schema')
    .description('check (default) or --write docs/scenario.schema.json and the operations table of docs/scenarios.md, generated from the op table')
    .option('--write', 'rewrite them')
    .option('--json', 'machine-readable output')
    .action(async (opts) => {
      code = (await import('./schema-command.ts')).cmdSchema(opts);
    });
  program
    .command('report')
    .option('--series <name>', 'only this series (default: every series)')
    .description('write the static review site (verdict grid, findings, trend charts, one page per patch and per scenario) to a new or empty directory; open index.html from file://')
    .argument('<dir>', 'a new or empty directory')
    .option('-j, --jobs <N>', 'build on N threads, one series each (default: one per core); the site does not depend on it', parseJobs)
    .option('--json', 'machine-readable output')
    .action(async (dir, opts) => {
      code = await (await import('./report-site-command.ts')).cmdReportSite(dir, opts);
    });
  program
    .command('diff')
    .option(...SERIES_OPTION)
    .description('one step: the observations of stage NN-1 and NN side by side, differences only, with the verdict and why (exit 0 nothing differs, 1 something does)')
    .argument('<NN>', 'stage number (01..)')
    .option('--scenario <name|file>', 'a shipped scenario name or a scenario file (default: every shipped scenario)')
    .option('--all', 'also list the scenarios without differences')
    .option('--json', 'machine-readable output')
    .action(async (nn, opts) => {
      code = (await import('./diff-command.ts')).cmdDiff(nn, opts);
    });
  program
    .command('b4-check')
    .option('--series <name>', 'only this series (default: every series)')
    .description("b4 review's per-patch check (b4.review-perpatch-check-cmd): reads one patch e-mail on stdin, identifies the step (Message-ID, patch-id, subject) and prints b4's JSON array of results; an unknown patch gives []")
    .option('--file <mail>', 'read the mail from this file instead of stdin')
    .action(async (opts) => {
      code = (await import('./b4-command.ts')).cmdB4Check(opts);
    });
  program
    .command('metrics')
    .description('structural metrics of the stages (syntax only): the trend table, then per step the detected refactoring moves with evidence, compared with the declared move, and the fidelity to the real patch')
    .option('--series <name>', 'which series (rfc, v3)', 'rfc')
    .option('-s, --stage <NN>', 'only step NN (stage NN-1 → NN) and the functions of stage NN')
    .option('--json', 'machine-readable report')
    .option('--no-cache', 'parse every file instead of reusing parsed files from .slabseries-cache/')
    .addHelpText(
      'after',
      `
Per stage: every function (parameters as written), calls of gfpflags_allow_spinning(), references to
__GFP_NO_OBJ_EXT, alloc_flags tests, functions taking slab_alloc_context, the public API of
include/linux/slab.ts. Per step: functions added/removed/renamed, parameter lists before → after,
detected moves (Introduce Parameter Object, Replace Flag Argument, Change Function Declaration,
Remove Flag, Inline/Extract Function, Parallel Change, …) with evidence, the verdict against the
manifest's move (agrees / partly / disagrees), fidelity (functions touched here vs by the real patch)
and public API changes (flagged when the manifest declares none).`,
    )
    .action(async (opts: { series?: string; stage?: string; json?: boolean; cache?: boolean }) => {
      code = (await import('./metrics-command.ts')).cmdMetrics(opts);
    });
  const cache = program
    .command('cache')
    .description('manage the result cache (.slabseries-cache/: observations keyed by the code they ran and the scenario)');
  cache
    .command('clear')
    .description('remove the result cache')
    .action(async () => {
      (await import('./cache-command.ts')).cmdCacheClear();
    });
  cache
    .command('stats')
    .description('what the result cache holds, by kind (entries, bytes on disk), and the limit past which observations and judgements are pruned (SLABSERIES_CACHE_MAX_MB)')
    .option('--json', 'machine-readable output')
    .action(async (opts) => {
      (await import('./cache-command.ts')).cmdCacheStats(opts);
    });
  program
    .command('range-diff')
    .description('compare two series patch by patch, as git range-diff does: pair the patches (code, subject, kernel files and functions), mark reordered, dropped, added and split patches, and show per pair the interdiff of the TypeScript patches and what the manifests declare differently')
    .argument('<old>', 'the older series (rfc, v3)')
    .argument('<new>', 'the newer series (rfc, v3)')
    .option('--stat', 'only the summary: one line per patch')
    .option('--pair <NN>', 'only this row: NN is a patch of the newer series, OLD:NN (e.g. rfc:15) one of the older')
    .option('--json', 'machine-readable output')
    .action(async (oldName, newName, opts) => {
      code = (await import('./range-diff-command.ts')).cmdRangeDiff(oldName, newName, opts);
    });
  program
    .command('versions')
    .description('run two series (default rfc v3) on the same scenarios as check does, and print per approved finding of the older its fate in the newer (gone: at which step it is now right; still present; moved), the findings only the newer has, and the last stages (and the bases) compared as check compares adjacent stages')
    .argument('[old]', 'the older series', 'rfc')
    .argument('[new]', 'the newer series', 'v3')
    .option('--add <files...>', 'also run these scenario files or directories (besides the shipped ones)')
    .option('--all', 'every difference of the end-to-end comparison (default: at most 4 per operation)')
    .option('--json', 'machine-readable output')
    .option('-j, --jobs <N>', 'run on N threads (as check)', parseJobs)
    .option('--no-cache', 'run every scenario instead of reusing observations from .slabseries-cache/')
    .action(async (oldName, newName, opts) => {
      code = await (await import('./versions-command.ts')).cmdVersions(oldName, newName, [], opts);
    });
  const usageExit = argv[0] === 'bisect-run' ? BISECT_RUN_USAGE_EXIT : 2;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : usageExit;
    const { oneLine } = await import('../harness/text.ts');
    if (await isInputError(e)) {
      process.stderr.write(`slabseries: error: ${oneLine((e as Error).message)}\n`);
      return usageExit;
    }
    process.stderr.write(`slabseries: internal error: ${oneLine(String((e as Error)?.message ?? e))}\n`);
    // Under git bisect run, an internal error must not be read as "changed".
    return argv[0] === 'bisect-run' ? BISECT_RUN_USAGE_EXIT : 3;
  }
  return code;
}

/** A closed pipe (`slabseries scenarios | head -1`) ends the command quietly. */
export function exitQuietlyOnEpipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

if (process.argv[1] && /(main\.ts|slabseries(\.mjs)?)$/.test(process.argv[1])) {
  exitQuietlyOnEpipe(process.stdout);
  exitQuietlyOnEpipe(process.stderr);
  // This process is the command's own: check may tune V8 for its batch (src/cli/jit.ts).
  (await import('./jit.ts')).claimProcess();
  process.exitCode = await main(process.argv.slice(2));
}
