// Observations shared by the whole test run through the run-wide result cache: global-setup.ts gives
// every `vitest run` a fresh, empty SLABSERIES_CACHE_DIR, and the CLI processes the tests start
// (check, versions, report …) read and write the same directory. An observation is computed once
// per run, by whichever test needs it first, from the code of this checkout (the cache is keyed by
// the text of every source file the run executes, src/cache/observations.ts), and every other test
// and command reads it back.
//
// The golden tests always run the model themselves (`runAndStore`): they are what proves the
// observations are today's; they store what they ran so that everything after them reuses it.
// Tests whose subject is a comparison or a judgement of observations (refactor steps equivalent,
// bisect …) take them from the cache when they are there (`observe`). The cache's own tests use
// directories of their own.
import { CacheKeys, ObservationCache } from '../../src/cache/observations.ts';
import type { Observation } from '../../src/harness/domain.ts';
import type { Series } from '../../src/harness/series.ts';
import { runScenario } from '../../src/harness/runner.ts';
import { slabDomain } from '../../src/slab/domain.ts';
import type { Slab } from '../../src/slab/observation.ts';
import type { SlabScenario } from '../../src/slab/scenario.ts';

type Obs = Observation<Slab>;

// Only the run's own cache: outside `vitest run` (no global setup) nothing is shared.
const cache = process.env.SLABSERIES_CACHE_DIR ? new ObservationCache() : null;
const keysBySeries = new Map<string, CacheKeys>();

function keyOf(series: Series<Slab>, stageIdx: number, sc: SlabScenario): string | null {
  if (!cache) return null;
  let keys = keysBySeries.get(series.stagesDir);
  if (!keys) keysBySeries.set(series.stagesDir, (keys = new CacheKeys(undefined, series.stagesDir)));
  return keys.key(series.stages[stageIdx].slug, sc);
}

function store(key: string | null, obs: Obs): void {
  if (!key) return;
  try {
    cache!.put(key, obs);
  } catch {
    // an unwritable cache only costs time
  }
}

/** Run the scenario on the stage (always) and store the observation for the rest of the run. */
export function runAndStore(series: Series<Slab>, stageIdx: number, sc: SlabScenario): Obs {
  const obs = runScenario(slabDomain, series.stages[stageIdx], sc);
  store(keyOf(series, stageIdx, sc), obs);
  return obs;
}

/** The observation of the scenario on the stage: from the run's cache, or run (and stored). */
export function observe(series: Series<Slab>, stageIdx: number, sc: SlabScenario): Obs {
  const key = keyOf(series, stageIdx, sc);
  const hit = key ? cache!.get(key) : undefined;
  if (hit) return hit;
  const obs = runScenario(slabDomain, series.stages[stageIdx], sc);
  store(key, obs);
  return obs;
}
