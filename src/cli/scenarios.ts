// Reading scenario files (I/O lives here, in the CLI layer): the domain parses and validates.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError } from '../harness/domain.ts';
import type { SlabScenario } from '../slab/scenario.ts';
import type { StageDescriptor } from '../slab/stage_api.ts';
import { domain, FIXTURES, UsageError } from './context.ts';

export function readScenarioFile(path: string, stages: readonly StageDescriptor[]): SlabScenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError(`${path}: cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError(`${path}: not valid JSON: ${(e as Error).message}`);
  }
  return domain.parseScenario(json, path, stages);
}

export function scenarioFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

export function loadScenarios(dir: string, stages: readonly StageDescriptor[]): SlabScenario[] {
  return scenarioFiles(dir).map((f) => readScenarioFile(f, stages));
}

/** The shipped scenarios, or only the one named. */
export function shippedScenarios(stages: readonly StageDescriptor[], name?: string): SlabScenario[] {
  const all = loadScenarios(FIXTURES, stages);
  if (name === undefined) return all;
  const one = all.filter((s) => s.name === name);
  if (!one.length) throw new UsageError(`no scenario named "${name}"`);
  return one;
}
