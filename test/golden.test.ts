// Every stage's observation of every shipped scenario must match its golden file. Golden files
// are only ever written by `npm run golden:update` (slabseries golden --update), never by tests.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { STAGES } from '../src/series/rfc/stages.ts';
import { loadScenarios } from '../src/cli/scenarios.ts';
import { runScenario } from '../src/harness/runner.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { renderObservation } from '../src/slab/observation.ts';
import { compareGolden, firstDifference, goldenPath } from '../src/harness/golden.ts';

const ROOT = join(import.meta.dirname, '..');
const scenarios = loadScenarios(join(ROOT, 'fixtures', 'scenarios'), STAGES);
const GOLDEN = join(ROOT, 'test', 'golden');

describe.each(STAGES.map((s) => [s.slug, s] as const))('golden observations of stage %s', (_slug, stage) => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', (_name, sc) => {
    const text = renderObservation(runScenario(slabDomain, stage, sc));
    const path = goldenPath(GOLDEN, stage.slug, sc.name);
    const status = compareGolden(path, text);
    expect(status, status === 'missing' ? `no golden file ${path}` : firstDifference(path, text)).toBe('match');
  });
});

describe('the shipped scenarios', () => {
  it('are at least 30', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(30);
  });
  it('run on the baseline without invariant violations', () => {
    for (const sc of scenarios) expect(runScenario(slabDomain, STAGES[0], sc).end.invariants, sc.name).toEqual([]);
  });
});
