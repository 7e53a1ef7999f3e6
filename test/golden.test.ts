// Every stage's observation of every shipped scenario must match its golden file. Golden files
// are only ever written by `npm run golden:update` (slabseries golden --update), never by tests.
// Each observation is run here (never read back) and stored in the run's result cache, where the
// checks of the other tests find it (test/support/observations.ts).
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { STAGES } from '../src/series/rfc/stages.ts';
import { loadScenarios } from '../src/cli/scenarios.ts';
import { rfc } from '../src/series/rfc/index.ts';
import { observe, runAndStore } from './support/observations.ts';
import { renderObservation } from '../src/slab/observation.ts';
import { compareGolden, firstDifference, goldenPath } from '../src/harness/golden.ts';

const ROOT = join(import.meta.dirname, '..');
const scenarios = loadScenarios(join(ROOT, 'fixtures', 'scenarios'), STAGES);
const GOLDEN = join(ROOT, 'test', 'golden');

describe.each(STAGES.map((s, i) => [s.slug, s, i] as const))('golden observations of stage %s', (_slug, stage, stageIdx) => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', (_name, sc) => {
    const text = renderObservation(runAndStore(rfc, stageIdx, sc));
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
    for (const sc of scenarios) expect(observe(rfc, 0, sc).end.invariants, sc.name).toEqual([]);
  });
});
