// Fuzzing the scenario input (hardening, issue 9): seeded malformed and hostile scenario files,
// each either refused with one clear line (a ScenarioError: exit 2) or run within the budget on
// a stage — never an internal error, never a hang. In-process for the bulk; a sample through the
// CLI process also checks the exit code, the single stderr line and that nothing is written
// outside a temporary directory.
//
// SLABSERIES_FUZZ_RUNS=100000 npx vitest run test/fuzz.test.ts   (default 1000 in `npm test`, a third of the seconds of the 3000 it used; package.json:
//   "fuzz": "SLABSERIES_FUZZ_RUNS=100000 vitest run test/fuzz.test.ts")
// SLABSERIES_FUZZ_SEED=N to start from another seed.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BudgetError, ScenarioError } from '../src/harness/domain.ts';
import { runScenario } from '../src/harness/runner.ts';
import { compareObservations } from '../src/harness/compare.ts';
import { parseScenarioText } from '../src/cli/scenarios.ts';
import { domain, ROOT } from '../src/cli/context.ts';
import { rfc } from '../src/series/rfc/index.ts';
import { genCase, rng } from './support/fuzz-scenarios.ts';

const RUNS = Number(process.env.SLABSERIES_FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.SLABSERIES_FUZZ_SEED ?? 9);
const stages = rfc.stages;
/** A small budget: the fuzz looks for crashes, not for long runs. */
const BUDGET = { ops: 20_000, bytes: 64 << 20, ms: 5_000, depth: 24 };

export interface Tally {
  cases: number;
  refused: number;
  budget: number;
  valid: number;
  internal: { i: number; mutation: string; error: string }[];
  byMutation: Record<string, number>;
}

function oneLineOk(msg: string): boolean {
  return !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(msg) && msg.length <= 400;
}

/** The in-process fuzz loop; exported so that `npm run fuzz` style runs can reuse it. */
export function fuzz(runs: number, seed: number): Tally {
  const t: Tally = { cases: 0, refused: 0, budget: 0, valid: 0, internal: [], byMutation: {} };
  const r = rng(seed);
  for (let i = 0; i < runs; i++) {
    const c = genCase(r, i);
    t.cases++;
    t.byMutation[c.mutation] = (t.byMutation[c.mutation] ?? 0) + 1;
    try {
      const sc = parseScenarioText(c.text, c.file, stages);
      const si = Math.floor(r() * stages.length);
      const after = runScenario(domain, stages[si], sc, { budget: BUDGET });
      domain.render.observation(after);
      domain.contracts(after);
      if (si > 0 && i % 4 === 0) compareObservations(domain, runScenario(domain, stages[si - 1], sc, { budget: BUDGET }), after);
      t.valid++;
    } catch (e) {
      if (e instanceof BudgetError) t.budget++;
      else if (e instanceof ScenarioError && oneLineOk(e.message)) t.refused++;
      else t.internal.push({ i, mutation: c.mutation, error: `${(e as Error)?.constructor?.name}: ${String((e as Error)?.message ?? e).slice(0, 300)}` });
    }
  }
  return t;
}

describe('fuzzed scenario files', () => {
  it(`${RUNS} seeded cases: refused with one line or run within budget, no internal error`, () => {
    const t = fuzz(RUNS, SEED);
    // The counts, for the record (npm run fuzz prints them).
    console.log(`fuzz seed ${SEED}: ${t.cases} cases, ${t.refused} refused (exit 2), ${t.budget} over budget (exit 2), ${t.valid} valid runs, ${t.internal.length} internal errors`);
    expect(t.internal.slice(0, 5)).toEqual([]);
    // The generator must exercise both outcomes.
    expect(t.valid).toBeGreaterThan(RUNS / 10);
    expect(t.refused).toBeGreaterThan(RUNS / 10);
  }, Math.max(600_000, RUNS * 60));

  it('a sample through the CLI: exit 0 or 2 (one stderr line), nothing written outside the temporary directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-fuzz-'));
    const status = () => spawnSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: ROOT, encoding: 'utf8' }).stdout;
    const before = status();
    try {
      const r = rng(SEED + 1);
      const cases = Array.from({ length: 4 }, (_, i) => genCase(r, i));
      // Two hostile names whose file names are path-like.
      cases.push({ file: 'fuzz-x.json', text: JSON.stringify({ name: '../../../outside/x', description: '', ops: [{ op: 'irq_work' }] }), mutation: 'path-name' });
      cases.push({ file: 'fuzz-y.json', text: JSON.stringify({ name: 'fuzz-y', description: '', ops: [{ op: 'kmalloc', size: 1073741825, gfp: 'GFP_KERNEL' }] }), mutation: 'huge' });
      for (const c of cases) writeFileSync(join(dir, c.file), c.text);
      const results = await Promise.all(
        cases.map(
          (c, i) =>
            new Promise<{ code: number | null; stderr: string; c: typeof c }>((resolve) => {
              const p = spawn(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'run', c.file, '--stage', String(i % 16)], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
              let stderr = '';
              p.stderr.on('data', (d) => (stderr += d));
              p.stdout.resume();
              const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
              p.on('close', (code) => {
                clearTimeout(timer);
                resolve({ code, stderr, c });
              });
            }),
        ),
      );
      for (const { code, stderr, c } of results) {
        expect([0, 2], `${c.file} (${c.mutation}): ${stderr}`).toContain(code);
        if (code === 2) {
          expect(stderr.split('\n').filter(Boolean), c.file).toHaveLength(1);
          expect(stderr).toMatch(/^slabseries: error: /);
          expect(stderr.length).toBeLessThan(260);
        }
      }
      expect(results.find((x) => x.c.file === 'fuzz-y.json')!.code).toBe(0);
      expect(results.find((x) => x.c.file === 'fuzz-x.json')!.code).toBe(2);
      expect(readdirSync(dir).sort()).toEqual(cases.map((c) => c.file).sort());
      expect(status()).toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
