// A check whose plan wants a worker thread starts it before loading the series (src/cli/observe.ts,
// prestartObserveWorker): the worker then gets its share by message instead of in workerData. The
// report must be the one a single thread gives, and the worker must really be the one started
// ahead (a broken early start would silently fall back to a fresh worker, only slower).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, loadSeries } from '../src/cli/context.ts';
import { runPlan } from '../src/cli/jit.ts';
import { STAGES_PER_SERIES } from '../src/cli/observe.ts';
import { countScenarioArgs, scenarioArgs } from '../src/cli/scenarios.ts';

const ROOT = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'slabseries-ahead-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const check = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'check', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, SLABSERIES_CACHE_STATS: '1' } });

describe('planning a check before its series is loaded', () => {
  it('knows how many stages every series has', async () => {
    for (const s of await loadSeries()) expect(s.stages.length, s.name).toBe(STAGES_PER_SERIES);
  });

  it('counts the scenarios the arguments name without reading them, and never throws', async () => {
    const [rfc] = await loadSeries(['rfc']);
    expect(countScenarioArgs([])).toBe(scenarioArgs([], rfc.stages).length);
    const dir = join(tmp, 'count');
    mkdirSync(dir);
    for (const f of readdirSync(FIXTURES).slice(0, 3)) writeFileSync(join(dir, f), '{}');
    writeFileSync(join(dir, 'notes.txt'), 'not a scenario');
    expect(countScenarioArgs([dir, join(FIXTURES, readdirSync(FIXTURES)[0])])).toBe(4);
    expect(countScenarioArgs([join(tmp, 'no-such-dir')])).toBe(1); // scenarioArgs reports it
  });
});

describe('a worker started ahead', () => {
  // 38 scenarios x 16 stages = 608 runs: the plan runs them on two executors (src/cli/jit.ts).
  const dir = join(tmp, 'batch');
  mkdirSync(dir);
  const names = readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort().slice(0, 38);
  for (const f of names) copyFileSync(join(FIXTURES, f), join(dir, f));

  it('is given the second share, and the report is the one thread alone gives', () => {
    const executors = runPlan(names.length * STAGES_PER_SERIES, STAGES_PER_SERIES, availableParallelism()).executors;
    const two = check(dir, '--no-cache', '--json');
    const one = check(dir, '--no-cache', '--json', '--jobs', '1');
    expect(two.status).toBe(one.status);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stderr).toMatch(/executors: 1 \(this thread and 0 worker thread\(s\)\) for 608 run\(s\)/);
    // Only on a machine with a second core does the plan want the worker.
    if (executors === 2) expect(two.stderr).toMatch(/executors: 2 \(this thread and 1 worker thread\(s\), one started ahead\) for 608 run\(s\)/);
    else expect(two.stderr).toMatch(/executors: 1 \(this thread and 0 worker thread\(s\)\) for 608 run\(s\)\n/);
  });

  it('is not started for a check of one step, which runs in one thread', () => {
    const r = check(dir, '--no-cache', '--stage', '05');
    expect(r.stderr).toMatch(/executors: 1 \(this thread and 0 worker thread\(s\)\) for 76 run\(s\)\n/);
  });
});
