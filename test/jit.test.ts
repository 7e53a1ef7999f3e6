// src/cli/jit.ts: a cold check below MAX_RUNS_WITHOUT_OPT runs optimises only functions named with
// HOT_PREFIX (V8's --turbo-filter). A rename of one of them, or a Node whose V8 reads the filter
// differently, would lose that silently (the check only gets slower), so both are tested here.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HOT_PREFIX, runPlan } from '../src/cli/jit.ts';
import { MODEL_RUN_FLAGS, V8_FLAGS } from '../src/cli/v8-flags.ts';
import { sameJson } from '../src/harness/compare.ts';
import { digest, isZero } from '../src/slab/observation.ts';

describe('the functions optimised in a cold check', () => {
  it('are named with HOT_PREFIX', () => {
    for (const f of [digest, isZero, sameJson]) expect(f.name.startsWith(HOT_PREFIX), f.name).toBe(true);
  });

  it(`are what V8 optimises under --turbo-filter=${HOT_PREFIX}*, and nothing else`, () => {
    // V8's %GetOptimizationStatus bit 4 (kOptimized); the loop is long enough for both to tier up
    // without the filter.
    const script = `
      const hot = function ${HOT_PREFIX}Sum(a) { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]; return s; };
      const other = function otherSum(a) { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]; return s; };
      const a = new Uint8Array(1000).fill(1);
      for (let i = 0; i < 20000; i++) { hot(a); other(a); }
      const optimised = (f) => (%GetOptimizationStatus(f) & 16) !== 0;
      console.log(JSON.stringify({ hot: optimised(hot), other: optimised(other) }));`;
    const run = (flags: string[]) => JSON.parse(spawnSync(process.execPath, ['--allow-natives-syntax', ...flags, '-e', script], { encoding: 'utf8' }).stdout);
    expect(run([`--turbo-filter=${HOT_PREFIX}*`])).toEqual({ hot: true, other: false });
    expect(run([])).toEqual({ hot: true, other: true });
  });
});

// The measured plan (the table in src/cli/jit.ts, 2-core machine, 2026-12-05).
describe('the plan for a cold batch', () => {
  it('runs small batches on two executors without TurboFan, but not when they span few stages or one core', () => {
    expect(runPlan(800, 16, 2)).toEqual({ executors: 2, optimise: false }); // 50 x 16
    expect(runPlan(1_600, 16, 2)).toEqual({ executors: 2, optimise: false });
    expect(runPlan(476, 2, 2)).toEqual({ executors: 1, optimise: false }); // --stage 06
    expect(runPlan(308, 16, 2)).toEqual({ executors: 1, optimise: false });
    expect(runPlan(800, 16, 1)).toEqual({ executors: 1, optimise: false });
  });

  it('optimises from about 2,400 runs on one executor, and on two only from about 10,000', () => {
    expect(runPlan(3_200, 16, 2)).toEqual({ executors: 1, optimise: true });
    expect(runPlan(3_952, 16, 2)).toEqual({ executors: 1, optimise: true }); // the 247 shipped
    expect(runPlan(6_400, 16, 2)).toEqual({ executors: 1, optimise: true });
    expect(runPlan(12_800, 16, 2)).toEqual({ executors: 2, optimise: true }); // 800 x 16
    expect(runPlan(12_800, 16, 1)).toEqual({ executors: 1, optimise: true });
  });
});

// setFlagsFromString() ignores a flag V8 does not know; node refuses it on its command line (exit 9,
// "bad option"), so a flag renamed by a later V8 is caught here instead of only slowing the CLI.
describe('the V8 flags the CLI sets', () => {
  it('are all known to this node', () => {
    for (const f of [...V8_FLAGS, ...MODEL_RUN_FLAGS]) {
      const r = spawnSync(process.execPath, [f, '-e', '0'], { encoding: 'utf8' });
      expect(r.status, `${f}: ${r.stderr}`).toBe(0);
    }
    expect(spawnSync(process.execPath, ['--no-such-v8-flag-here', '-e', '0']).status).not.toBe(0);
  });
});
