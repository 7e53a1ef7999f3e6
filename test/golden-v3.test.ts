// v3 of the series: every stage's observation of every shipped scenario must match its golden file
// in test/golden/v3/<slug>/ (written only by `slabseries golden --series v3 --update`), and the
// steps v3 calls "no functional change" must be equivalent on every scenario. The golden
// observations are run here and stored in the run's result cache; the equivalence checks read them
// back (test/support/observations.ts).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareGolden, firstDifference, goldenPath } from '../src/harness/golden.ts';
import { observe, runAndStore } from './support/observations.ts';
import { compareObservations } from '../src/harness/compare.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { readScenarioFile, scenarioFiles } from '../src/cli/scenarios.ts';
import { v3 } from '../src/series/v3/index.ts';

const ROOT = join(import.meta.dirname, '..');
const STAGES = v3.stages;
const scenarios = scenarioFiles(join(ROOT, 'fixtures', 'scenarios')).map((f) => readScenarioFile(f, STAGES));
const GOLDEN = join(ROOT, 'test', 'golden', 'v3');

describe.each(STAGES.map((s, i) => [s.slug, s, i] as const))('v3 golden observations of stage %s', (_slug, stage, stageIdx) => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', (_name, sc) => {
    const text = slabDomain.render.observation(runAndStore(v3, stageIdx, sc));
    const path = goldenPath(GOLDEN, stage.slug, sc.name);
    const status = compareGolden(path, text);
    expect(status, status === 'missing' ? `no golden file ${path}` : firstDifference(path, text)).toBe('match');
  });
});

describe('the v3 series', () => {
  it('has the base and 15 stages, each a folder of src/stages-v3 named by the registry', () => {
    expect(STAGES.map((s) => s.number)).toEqual([...Array(16).keys()]);
    expect(readdirSync(v3.stagesDir).sort()).toEqual(STAGES.map((s) => s.slug));
    expect(v3.entries.map((e) => e.number)).toEqual([...Array(15).keys()].map((i) => i + 1));
  });
  it('links every patch to its v3 mail', () => {
    for (const e of v3.entries) expect(e.link).toBe(`https://lore.kernel.org/all/20260615-slab_alloc_flags-v3-${e.number}-ce1146d140fb@kernel.org`);
  });
  it('runs the shipped scenarios on its base without invariant violations', () => {
    for (const sc of scenarios) expect(observe(v3, 0, sc).end.invariants, sc.name).toEqual([]);
  });
  it.each(v3.entries.map((e) => [e.number, e] as const))('step %i names exactly the scenarios whose golden changed', (n, e) => {
    const prev = STAGES[n - 1].slug;
    const changed = readdirSync(join(GOLDEN, e.slug))
      .filter((f) => readFileSync(join(GOLDEN, prev, f), 'utf8') !== readFileSync(join(GOLDEN, e.slug, f), 'utf8'))
      .map((f) => f.replace(/\.txt$/, ''))
      .sort();
    const missing = changed.filter((sc) => !(sc in e.goldenChanges));
    expect(missing, `the v3 golden observation of ${missing.join(', ')} changes at ${e.slug} but src/series/v3/manifest.ts gives no reason: for a new scenario run \`slabseries add-scenario FILE --series v3\` (it writes the goldens and lists every reason needed), otherwise \`slabseries golden --update --series v3\`; then add "${missing[0]}": "<why>" to goldenChanges of entry ${n}`).toEqual([]);
    const stale = Object.keys(e.goldenChanges).filter((sc) => !changed.includes(sc));
    expect(stale, `goldenChanges of v3 entry ${n} (${e.slug}) names ${stale.join(', ')}, whose golden observation does not change at this step: remove the reason, or run \`slabseries golden --update --series v3\` if the goldens are stale`).toEqual([]);
  });
  const refactors = v3.entries.filter((e) => e.kind === 'refactor');
  it('calls exactly v3 02, 03, 05, 09, 11 and 13 refactors', () => {
    expect(refactors.map((e) => e.number)).toEqual([2, 3, 5, 9, 11, 13]);
  });
  it.each(refactors.map((e) => [e.number, e] as const))('step %i is equivalent on every scenario', (n) => {
    for (const sc of scenarios) {
      const before = observe(v3, n - 1, sc);
      const after = observe(v3, n, sc);
      expect(compareObservations(slabDomain, before, after).verdict, `${sc.name} at step ${n}`).toBe('equivalent');
    }
  });
});
