// How a check runs a cold batch of scenario runs, chosen by measurement on the 2-core reference
// machine (2026-12-03, `check --no-cache`, process start included; paired runs):
//
//   runs (scenarios x stages)   TurboFan, 1 thread   no TurboFan, 1 thread   no TurboFan, 2 threads
//   308 (--stage 06)            1.57-1.63 s          1.23 s                  1.43 s
//   800 (50 x 16)               4.18-4.47 s          2.69 s                  2.73-2.99 s
//   2,464 (154 x 16)            6.65-7.26 s          6.28-6.30 s             4.55-5.68 s
//   4,800 (300 x 16)            9.56 s               -                       7.80 s
//   6,400 (400 x 16)            10.85 s              -                       10.12 s
//   12,800 (800 x 16)           13.72 s              37.6 s (flag at start)  19.02 s
//
// Every stage is its own copy of the model's code, so a cold batch is mostly code running for the
// first time: V8's optimising compiler (TurboFan) spends more CPU compiling sixteen copies of the
// hot paths than a few thousand runs give back, and its background compiles take the second core.
// Below MAX_RUNS_WITHOUT_OPT runs it is switched off for the process, except for a few shared
// loops every run spends time in (set at run time: it only changes later optimisation; the model's
// results do not depend on it — the goldens are the check), and two executors pay once the batch
// spans many stages; above it the optimised code wins.
//
// The exception: V8's --turbo-filter takes one name pattern, so the shared hot functions are named
// with HOT_PREFIX (digest and isZero of an object's bytes, the observations' sameJson) and the
// filter is `hot*`. Optimising only those, 50 x 16 cold went from 2.65 s to 2.24 s (one thread,
// paired runs, 2026-12-04); optimising everything, 3.0-3.5 s.
// Only for a process of its own (the CLI): flags are process-wide.
//
// Re-measured on 2026-12-05 (idle 2-core machine, `check --no-cache`, no TurboFan, alternating
// pairs): at 800 runs over 16 stages (50 x 16) two executors won 5 of 8 pairs (one tie), medians
// 2.40 s against 2.59 s; at 560 runs over 16 stages (35 x 16) 1.94 against 2.23 s (six runs each);
// at 400 over 16 (25 x 16) they were even (1.71 against 1.86 s in one set of six, 1.72 against 1.64 s in the next),
// and at 476 runs over two stages (`--stage 06`, 238 x 2) they did not pay (1.94 against 1.89 s):
// each stage runs in one executor, so a second one only helps when the batch spans many stages.
// Hence the threshold on both.

// Re-measured on 2026-12-05 with TurboFan's inlining off for a batch it optimises
// (src/cli/v8-flags.ts, tuneForModelRuns), which cut TurboFan's compile time in an 800 x 16 check from
// 22 s to 8.5 s (--trace-opt). `check --no-cache`,
// alternating runs on the 2-core machine (wall seconds):
//
//   runs (scenarios x 16)   no TurboFan, 2 executors   TurboFan, 1 executor   TurboFan, 2 executors
//   1,600 (100 x 16)        3.53-3.81                  3.74-4.01              -
//   2,400 (150 x 16)        4.56-5.29                  4.77-4.95              -
//   3,200 (200 x 16)        5.81-6.02                  5.40-5.89              -
//   3,952 (the 247 shipped) 6.05-6.75                  5.03-5.58              5.87-6.09
//   6,400 (400 x 16)        -                          7.01-7.24              7.28-7.48
//   12,800 (800 x 16)       -                          11.12-11.34            10.70-10.77
//
// So TurboFan now pays from about 2,400 runs, and a second executor with it (whose isolate compiles
// everything again) only from about 10,000.

import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { tuneForModelRuns } from './v8-flags.ts';

const MAX_RUNS_WITHOUT_OPT = 2_400;
/** Functions named so are optimised even when TurboFan is off for the rest (test/jit.test.ts). */
export const HOT_PREFIX = 'hot';
const MIN_RUNS_FOR_TWO_EXECUTORS = 600;
const MIN_RUNS_FOR_TWO_OPTIMISING_EXECUTORS = 10_000;
const MIN_STAGES_FOR_TWO_EXECUTORS = 8;

let ownProcess = false;
let optimisingOff = false;

/** Called by the CLI entry point only (never by a test that runs a command in its own process). */
export function claimProcess(): void {
  ownProcess = true;
}

/** Whether the CLI entry point owns this process (claimProcess): only then may a command tune V8 or start threads ahead. */
export function isOwnProcess(): boolean {
  return ownProcess;
}

export interface RunPlan {
  /** Threads running the batch (this one included). */
  executors: number;
  /** TurboFan for every function, or only for HOT_PREFIX ones. */
  optimise: boolean;
}

/** What pays for a cold batch of `runs` runs over `stages` distinct stages on `cores` cores (the table above). */
export function runPlan(runs: number, stages: number, cores: number): RunPlan {
  const optimise = runs > MAX_RUNS_WITHOUT_OPT;
  const minRuns = optimise ? MIN_RUNS_FOR_TWO_OPTIMISING_EXECUTORS : MIN_RUNS_FOR_TWO_EXECUTORS;
  const executors = runs >= minRuns && stages >= MIN_STAGES_FOR_TWO_EXECUTORS && cores >= 2 ? 2 : 1;
  return { executors, optimise };
}

/**
 * The executors for a cold batch of `runs` runs over `stages` distinct stages; switches TurboFan off
 * (but for HOT_PREFIX functions) when that pays. In a process that is not the CLI's own, one
 * executor and the process's flags untouched.
 */
export function planRuns(runs: number, stages: number): number {
  if (!ownProcess || runs === 0) return 1;
  const plan = runPlan(runs, stages, availableParallelism());
  if (plan.optimise) tuneForModelRuns();
  else if (!optimisingOff) {
    setFlagsFromString(`--turbo-filter=${HOT_PREFIX}*`);
    optimisingOff = true;
  }
  return plan.executors;
}
