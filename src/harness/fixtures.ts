// Loading the shipped scenarios and the vocabulary they are validated against.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StageDescriptor } from '../kernel/stage_api.ts';
import { loadScenarioFile, type Scenario, type ScenarioVocabulary } from './scenario.ts';

/** Names valid at some stage: a scenario may use a name a later stage removes (it is n/a there). */
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

export function scenarioFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

export function loadScenarios(dir: string, stages: readonly StageDescriptor[]): Scenario[] {
  const vocab = vocabularyOf(stages);
  return scenarioFiles(dir).map((f) => loadScenarioFile(f, vocab));
}
