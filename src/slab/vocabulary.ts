// The names a SLUB scenario may use: those valid at some stage of the series (a scenario may use
// a name a later stage removes; it is n/a there).

import type { StageDescriptor } from './stage_api.ts';
import type { ScenarioVocabulary } from './scenario.ts';

export function vocabularyOf(stages: readonly StageDescriptor[]): ScenarioVocabulary {
  const gfpNames = new Set<string>();
  const slabFlags = new Set<string>();
  const allocFlags = new Set<string>();
  for (const s of stages) {
    for (const n of s.gfpNames.keys()) gfpNames.add(n);
    for (const n of s.slabFlags.keys()) slabFlags.add(n);
    for (const n of s.allocFlags.keys()) allocFlags.add(n);
  }
  return { gfpNames, slabFlags, allocFlags };
}
