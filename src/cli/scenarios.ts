// Reading scenario files (I/O lives here, in the CLI layer): the domain parses and validates.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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
  return parseText(text, path, stages);
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

/** A scenario named on the command line: a file path (relative to the cwd), '-' for stdin, or a shipped name. */
export function scenarioArg(arg: string, stages: readonly StageDescriptor[]): SlabScenario {
  if (arg === '-') return parseText(readFileSync(0, 'utf8'), '<stdin>', stages);
  if (arg.endsWith('.json') || arg.includes('/') || existsSync(arg)) return readScenarioFile(arg, stages);
  return shippedScenarios(stages, arg)[0];
}

/** Scenario files and directories named on the command line (none: the shipped ones). */
export function scenarioArgs(args: readonly string[], stages: readonly StageDescriptor[]): SlabScenario[] {
  if (!args.length) return loadScenarios(FIXTURES, stages);
  const out: SlabScenario[] = [];
  for (const a of args) {
    if (existsSync(a) && statSync(a).isDirectory()) {
      const files = scenarioFiles(a);
      if (!files.length) throw new UsageError(`${a}: no .json scenario files in this directory`);
      out.push(...files.map((f) => readScenarioFile(f, stages)));
    } else out.push(scenarioArg(a, stages));
  }
  const names = new Set<string>();
  for (const s of out) {
    if (names.has(s.name)) throw new UsageError(`two scenarios are named "${s.name}"`);
    names.add(s.name);
  }
  return out;
}

function parseText(text: string, where: string, stages: readonly StageDescriptor[]): SlabScenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError(`${where}: not valid JSON: ${(e as Error).message}`);
  }
  return domain.parseScenario(json, where, stages);
}
