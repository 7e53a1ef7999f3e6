// Hardening (issue 9), commands that need their collaborators observed: `check --stage NN` runs
// only stages NN-1 and NN; `golden --update` with a crashing fixture writes nothing.

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => ({ observed: [] as number[][], runs: 0, crashAt: -1, golden: '' }));

// The test processes run several files without resetting their modules (vitest.config.ts, isolate
// false): the modules other files loaded are evaluated afresh here, with the mocks below, and the
// mocks are removed again when this file is done.
const MOCKED = ['../src/cli/observe.ts', '../src/harness/runner.ts', '../src/cli/context.ts'];
vi.resetModules();
afterAll(() => {
  for (const m of MOCKED) vi.doUnmock(m);
  vi.resetModules();
});

vi.doMock('../src/cli/observe.ts', async (importOriginal) => {
  const m = await importOriginal<typeof import('../src/cli/observe.ts')>();
  return {
    ...m,
    observeAll: (series: string, idx: readonly number[], ...rest: [never, never]) => {
      h.observed.push([...idx]);
      return m.observeAll(series, idx, ...rest);
    },
    observeMatrix: (series: string, idx: readonly number[], ...rest: [never, never]) => {
      h.observed.push([...idx]);
      return m.observeMatrix(series, idx, ...rest);
    },
  };
});
vi.doMock('../src/harness/runner.ts', async (importOriginal) => {
  const m = await importOriginal<typeof import('../src/harness/runner.ts')>();
  return {
    ...m,
    runScenario: (...a: Parameters<typeof m.runScenario>) => {
      if (++h.runs === h.crashAt) throw new Error('fixture crashed');
      return m.runScenario(...a);
    },
  };
});
vi.doMock('../src/cli/context.ts', async (importOriginal) => {
  const m = await importOriginal<typeof import('../src/cli/context.ts')>();
  // The golden folder of the series: the test's temporary copy.
  return { ...m, seriesPaths: (s: Parameters<typeof m.seriesPaths>[0]) => ({ ...m.seriesPaths(s), golden: h.golden }) };
});

const { cmdCheck } = await import('../src/cli/check-command.ts');
const { cmdGolden } = await import('../src/cli/golden-command.ts');
const { ROOT, loadSeries } = await import('../src/cli/context.ts');
// The CLI loads the series before a command runs; so does this test, which calls the commands.
await loadSeries();

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function quiet<T>(fn: () => T): T {
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return fn();
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('check --stage NN', () => {
  it('runs only stages NN-1 and NN', async () => {
    h.observed = [];
    await quiet(() => cmdCheck([], { stage: '05', json: true }));
    expect(h.observed).toEqual([[4, 5]]);
  }, 300_000);
  it('--stage 00 runs only stage 00', async () => {
    h.observed = [];
    await quiet(() => cmdCheck([], { stage: '00', json: true, scenario: 'bulk-basic' }));
    expect(h.observed).toEqual([[0]]);
  }, 300_000);
});

describe('golden --update', () => {
  it('with a fixture that crashes leaves the golden files as they were; then writes them all', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-golden-'));
    temps.push(dir);
    cpSync(join(ROOT, 'test', 'golden', '00-baseline'), join(dir, '00-baseline'), { recursive: true });
    h.golden = dir;
    const files = readdirSync(join(dir, '00-baseline')).sort();
    const first = join(dir, '00-baseline', files[0]);
    const second = join(dir, '00-baseline', files[1]);
    const real = [readFileSync(first, 'utf8'), readFileSync(second, 'utf8')];
    writeFileSync(first, 'stale\n');
    writeFileSync(second, 'stale\n');
    h.runs = 0;
    h.crashAt = 3;
    expect(() => quiet(() => cmdGolden([], { update: true, stage: '00' }))).toThrow(/fixture crashed/);
    expect([readFileSync(first, 'utf8'), readFileSync(second, 'utf8')]).toEqual(['stale\n', 'stale\n']);
    expect(readdirSync(join(dir, '00-baseline')).sort()).toEqual(files);
    h.crashAt = -1;
    expect(quiet(() => cmdGolden([], { update: true, stage: '00' }))).toBe(0);
    expect([readFileSync(first, 'utf8'), readFileSync(second, 'utf8')]).toEqual(real);
    expect(readdirSync(join(dir, '00-baseline')).sort()).toEqual(files);
  }, 300_000);
});
