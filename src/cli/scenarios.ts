// Reading scenario files (I/O lives here, in the CLI layer): the domain parses and validates.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ScenarioError } from '../harness/domain.ts';
import { JsonInputError, MAX_SCENARIO_BYTES, parseJsonStrict } from '../harness/json.ts';
import { shown } from '../harness/text.ts';
import type { SlabScenario } from '../slab/scenario.ts';
import type { StageDescriptor } from '../slab/stage_api.ts';
import { domain, FIXTURES, UsageError } from './context.ts';

export { MAX_SCENARIO_BYTES };

/**
 * The stages whose names a scenario may use on a base: the series' own and the rebased ones (as
 * `run --base` takes them). The rebased stages alone refuse the shipped scenario naming
 * SLAB_ALLOC_TRYLOCK on v3, which names it SLAB_ALLOC_NOLOCK and takes the old name only on its own
 * stages (check --base and explore --base each once ended with exit 2 on it).
 */
export function namesOnBase(own: readonly StageDescriptor[], rebased: readonly StageDescriptor[]): StageDescriptor[] {
  return [...own, ...rebased];
}

export function readScenarioFile(path: string, stages: readonly StageDescriptor[]): SlabScenario {
  return parseScenarioText(readScenarioText(path), path, stages);
}

/** A scenario file's text (bad input: ScenarioError naming the file). */
function readScenarioText(path: string): string {
  try {
    if (!statSync(path).isFile()) throw new ScenarioError(`${path}: not a file`);
    if (statSync(path).size > MAX_SCENARIO_BYTES) throw new ScenarioError(`${path}: larger than ${MAX_SCENARIO_BYTES >> 20} MiB`);
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw new ScenarioError(`${path}: cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Parse a scenario file's text: strict JSON, then the domain's loader; its name is the file name. */
export function parseScenarioText(text: string, path: string, stages: readonly StageDescriptor[], nameIsFile = true): SlabScenario {
  let json: unknown;
  try {
    json = parseJsonStrict(text);
  } catch (e) {
    if (e instanceof JsonInputError) throw new ScenarioError(`${basename(path)}: ${e.message}`);
    throw e;
  }
  const sc = domain.parseScenario(json, path, stages);
  const stem = basename(path).replace(/\.json$/, '');
  if (nameIsFile && sc.name !== stem) throw new ScenarioError(`${basename(path)}: field "name": ${shown(sc.name)} must be the file name without .json (${shown(stem)})`);
  return sc;
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
  if (name === undefined) return loadScenarios(FIXTURES, stages);
  return [readScenarioFile(shippedFile(name), stages)];
}

/** A shipped scenario's file. */
function shippedFile(name: string): string {
  // A scenario's name is its file's name (parseScenarioText), so the one named is read alone: a
  // `run NAME` or a bisect-run step for git bisect does not parse the other 300.
  const file = scenarioFiles(FIXTURES).find((f) => basename(f) === `${name}.json`);
  if (!file) throw new UsageError(`no scenario named "${name}"`);
  return file;
}

/** A scenario named on the command line: a file path (relative to the cwd), '-' for stdin, or a shipped name. */
export function scenarioArg(arg: string, stages: readonly StageDescriptor[]): SlabScenario {
  return readArg(arg, stages).scenario;
}

/** A scenario argument (not a directory) read and parsed, with its text. */
function readArg(arg: string, stages: readonly StageDescriptor[]): { scenario: SlabScenario; text: string } {
  if (arg === '-') {
    const text = readFileSync(0, 'utf8');
    return { scenario: parseText(text, '<stdin>', stages), text };
  }
  const path = arg.endsWith('.json') || arg.includes('/') || existsSync(arg) ? arg : shippedFile(arg);
  const text = readScenarioText(path);
  return { scenario: parseScenarioText(text, path, stages), text };
}

/**
 * How many scenarios scenarioArgs(args) would give, from the file system alone (nothing read or
 * parsed, nothing thrown: a bad argument is scenarioArgs' to report). For planning ahead only.
 */
export function countScenarioArgs(args: readonly string[]): number {
  try {
    if (!args.length) return scenarioFiles(FIXTURES).length;
    let n = 0;
    for (const a of args) n += existsSync(a) && statSync(a).isDirectory() ? scenarioFiles(a).length : 1;
    return n;
  } catch {
    return 0;
  }
}

/** Scenario files and directories named on the command line (none: the shipped ones). */
export function scenarioArgs(args: readonly string[], stages: readonly StageDescriptor[]): SlabScenario[] {
  if (!args.length) return loadScenarios(FIXTURES, stages);
  return scenarioSources(args, stages).map((s) => s.scenario);
}

/**
 * The scenarios named on the command line as their documents too (what a scenario file holds,
 * without its name and $schema), each validated by the loader first: for what is built from a
 * scenario's text rather than run as it is (explore --around's neighbours).
 */
export function scenarioDocs(args: readonly string[], stages: readonly StageDescriptor[]): { scenario: SlabScenario; doc: Record<string, unknown> }[] {
  return scenarioSources(args.length ? args : [FIXTURES], stages).map(({ scenario, text }) => {
    const { $schema: _, name: __, ...doc } = JSON.parse(text) as Record<string, unknown>;
    return { scenario, doc };
  });
}

/** Each scenario argument read (a directory: its files in name order) and parsed, with its text; two of one name refused. */
function scenarioSources(args: readonly string[], stages: readonly StageDescriptor[]): { scenario: SlabScenario; text: string }[] {
  const out: { scenario: SlabScenario; text: string }[] = [];
  for (const a of args) {
    if (existsSync(a) && statSync(a).isDirectory()) {
      const files = scenarioFiles(a);
      if (!files.length) throw new UsageError(`${a}: no .json scenario files in this directory`);
      for (const f of files) out.push(readArg(f, stages));
    } else out.push(readArg(a, stages));
  }
  const names = new Set<string>();
  for (const { scenario: s } of out) {
    if (names.has(s.name)) throw new UsageError(`two scenarios are named "${s.name}"`);
    names.add(s.name);
  }
  return out;
}

function parseText(text: string, where: string, stages: readonly StageDescriptor[]): SlabScenario {
  // Standard input has no file name for the scenario's name to match.
  return parseScenarioText(text, where, stages, false);
}
