import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { availableParallelism } from 'node:os';
import { MODEL_RUN_FLAGS, V8_FLAGS } from './src/cli/v8-flags.ts';

/**
 * The golden tests run first, one series on each core: they run every shipped scenario on every
 * stage and store the observations in the run's result cache (test/support/observations.ts), where
 * the checks of the tests after them find them. Then vitest's own order (slowest first, from the
 * previous run's durations; larger files first without them).
 */
const FIRST = ['test/golden.test.ts', 'test/golden-v3.test.ts'];

class Sequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = FIRST.findIndex((p) => f.moduleId.endsWith(`/${p}`));
      return i < 0 ? FIRST.length : i;
    };
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map((x) => x.f);
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The CLI's V8 tuning (src/cli/v8-flags.ts: allocation-site pretenuring off, and TurboFan's
    // inlining off as for a long batch) in the test processes too: they boot the simulated kernel
    // thousands of times.
    execArgv: [...V8_FLAGS, ...MODEL_RUN_FLAGS],
    // A test process runs file after file without evaluating the sources again for each: the model's
    // code is loaded and warmed by the JIT once per process. (The one file that mocks modules,
    // hardening-cli, resets them itself.)
    isolate: false,
    // Every core (two on the reference machine); vitest's default leaves one idle.
    maxWorkers: Math.max(1, availableParallelism()),
    globalSetup: ['test/support/global-setup.ts'],
    sequence: { sequencer: Sequencer },
  },
});
