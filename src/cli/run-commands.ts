// Commands on scenarios: run one, list them, bisect one over a series, judge a checked-out tree.

import { relative, resolve } from 'node:path';
import { bisect, PARTS, type Part } from '../harness/bisect.ts';
import { runScenario } from '../harness/runner.ts';
import { seriesEntry } from '../harness/series.ts';
import { loadTreeStage } from '../export/tree-stage.ts';
import { buildCache } from './cache-command.ts';
import type { Observation } from '../harness/domain.ts';
import { observationJson, type Slab } from '../slab/observation.ts';
import type { Op, SlabScenario } from '../slab/scenario.ts';
import { domain, KERNEL_DIR, nn, pickSeries, resolveStage, selfCommand, seriesOption, SLAB_DIR, UsageError } from './context.ts';
import { scenarioArg, shippedScenarios } from './scenarios.ts';
import { changeAt, renderStepView } from './step-view.ts';

export function cmdRun(file: string, opts: { series?: string; stage: string; json?: boolean }): void {
  const series = pickSeries(opts.series);
  const stage = resolveStage(series, opts.stage);
  const sc = scenarioArg(file, series.stages);
  const obs = runScenario(domain, stage, sc);
  process.stdout.write(opts.json ? JSON.stringify(observationJson(obs), null, 2) + '\n' : domain.render.observation(obs));
}

export function cmdScenarios(opts: { json?: boolean }): void {
  const scenarios = shippedScenarios(pickSeries().stages);
  if (opts.json) {
    process.stdout.write(JSON.stringify(scenarios.map((s) => ({ name: s.name, description: s.description, decisions: s.decisions })), null, 2) + '\n');
    return;
  }
  for (const s of scenarios) process.stdout.write(`${s.name}\n    ${s.description}\n`);
}

function checkPart(what: string): Part {
  if (!(PARTS as readonly string[]).includes(what)) throw new UsageError(`--what must be one of ${PARTS.join(', ')}`);
  return what as Part;
}

/** Every operation of the scenario with its index as observations name it ("3", "3/inject0/1"). */
function opsWithIndex(ops: readonly Op[], prefix = ''): { index: string; op: Op }[] {
  return ops.flatMap((op, i) => {
    const index = `${prefix}${i}`;
    return [{ index, op }, ...(op.inject ?? []).flatMap((inj, j) => opsWithIndex(inj.ops, `${index}/inject${j}/`))];
  });
}

/**
 * What bisect follows: --op as given when stage 00 shows it; a handle that holds no object at stage
 * 00 (its allocation did not run there, or recorded no object) by the operation that names it;
 * otherwise a usage error saying why.
 */
function bisectOp(sc: SlabScenario, at00: Observation<Slab>, op: string | undefined, what: Part): string | undefined {
  if (domain.render.part(at00, op, what) !== null) return op;
  const naOp = (index: string) => at00.ops.find((o) => o.index === index && o.status === 'n/a');
  if (op === undefined) {
    const na = at00.ops.find((o) => o.status === 'n/a');
    throw new UsageError(`the scenario cannot be judged at stage 00: [${na?.index}] ${na?.op} is n/a there${na?.reason ? ` (${na.reason})` : ''}`);
  }
  const all = opsWithIndex(sc.ops);
  const named = all.find((x) => x.op.as === op || x.index === op);
  if (!named) {
    const handles = all.flatMap((x) => (x.op.as ? [x.op.as] : []));
    throw new UsageError(`--op ${op}: scenario ${sc.name} has no operation or handle of that name (handles: ${handles.join(', ') || 'none'}; or an index such as 0 or 0/inject0/0)`);
  }
  const na = naOp(named.index);
  if (na) throw new UsageError(`--op ${op}: its operation [${named.index}] ${na.op} is n/a at stage 00${na.reason ? ` (${na.reason})` : ''}, so there is nothing to compare with`);
  if (named.index !== op && domain.render.part(at00, named.index, what) !== null) {
    process.stderr.write(`slabseries: ${op} holds no object at stage 00; following its operation [${named.index}] ${named.op.op} instead\n`);
    return named.index;
  }
  throw new UsageError(`--op ${op}: operation [${named.index}] ${named.op.op} did not run at stage 00 (an injection that never fired there?)`);
}

/** `bisect FILE|NAME` or `--scenario FILE|NAME`: one of them (or both naming the same scenario). */
function oneScenario(cmd: string, positional: string | undefined, option: string | undefined): string {
  if (positional !== undefined && option !== undefined && positional !== option)
    throw new UsageError(`${cmd}: two scenarios given ("${positional}" and --scenario "${option}"); give one`);
  const arg = positional ?? option;
  if (arg === undefined) throw new UsageError(`${cmd} needs a scenario: ${cmd} FILE|NAME (or --scenario FILE|NAME)`);
  return arg;
}

export function cmdBisect(opts: { series?: string; positional?: string; scenario?: string; op?: string; what: string; json?: boolean }): number {
  const arg = oneScenario('bisect', opts.positional, opts.scenario);
  const what = checkPart(opts.what);
  const series = pickSeries(opts.series);
  const stages = series.stages;
  const sc = scenarioArg(arg, stages);
  const op = bisectOp(sc, runScenario(domain, stages[0], sc), opts.op, what);
  const r = bisect(stages.length, (i) => domain.render.part(runScenario(domain, stages[i], sc), op, what));
  const name = (i: number) => `${nn(stages[i].number)} ${seriesEntry(series, stages[i].number)?.subject ?? 'base'}`;
  if (opts.json) {
    process.stdout.write(JSON.stringify({ series: series.name, scenario: sc.name, op: op ?? null, what, ...r, firstStage: r.first === null ? null : stages[r.first].slug, changes: r.first === null ? null : changeAt(series, stages[r.first].number, sc, op) }, null, 2) + '\n');
  } else if (r.first === null) {
    process.stdout.write(`${sc.name}${op ? ' ' + op : ''} (${what}): the same at every stage${r.skipped.length ? ` (skipped n/a: ${r.skipped.join(', ')})` : ''}\n`);
  } else {
    process.stdout.write(`first changed at stage ${name(r.first)}\n`);
    if (r.confirmed) process.stdout.write(`  confirmed: stage ${nn(r.first - 1)} is the same as stage 00, stage ${nn(r.first)} differs (probed ${r.probes.join(', ')})\n`);
    else process.stdout.write(`  the binary search landed on stage ${nn(r.searchedFirst!)} (probed ${r.probes.join(', ')}), but the observation changes more than once; the earliest change is shown (git bisect may land on another)\n`);
    const later = r.changePoints.filter((c) => c !== r.first);
    if (later.length) process.stdout.write(`  also changes at: ${later.map(name).join('; ')}\n`);
    if (r.skipped.length) process.stdout.write(`  skipped (n/a): ${r.skipped.join(', ')}\n`);
    const again = seriesOption(series.name);
    process.stdout.write(`  reproduce: ${selfCommand()} run ${relative(process.cwd(), sc.file)} --stage ${nn(r.first)}${again}\n`);
    process.stdout.write(`\nwhat changed at stage ${nn(stages[r.first].number)} (slabseries diff ${nn(stages[r.first].number)} --scenario ${sc.name}${again}):\n`);
    process.stdout.write(renderStepView(changeAt(series, stages[r.first].number, sc, op), stages[r.first].number, relative(process.cwd(), sc.file), series.name));
  }
  return r.first === null ? 1 : 0;
}

/** git bisect run's judge: 0 same as stage 00, 1 changed, 125 cannot run here. */
export async function cmdBisectRun(opts: { series?: string; tree: string; positional?: string; scenario?: string; op?: string; what: string; cache?: boolean }): Promise<number> {
  const arg = oneScenario('bisect-run', opts.positional, opts.scenario);
  const what = checkPart(opts.what);
  const series = pickSeries(opts.series);
  const sc = scenarioArg(arg, series.stages);
  let stage;
  try {
    // The build cache keeps what TypeScript made of a tree file no shipped stage's build has (every
    // stage's index.ts, whose dist/ output is its stage's bundle): git bisect run runs this once per
    // commit, and only the first then loads the compiler (src/export/tree-stage.ts transpileTree()).
    stage = await loadTreeStage(resolve(opts.tree), { kernel: KERNEL_DIR, slab: SLAB_DIR }, buildCache(opts));
  } catch (e) {
    // Exit codes above 127 make git bisect run stop instead of judging the commit.
    process.stderr.write(`slabseries: cannot load the stage in ${opts.tree}: ${(e as Error).message}\n`);
    return 128;
  }
  if (!stage) {
    process.stderr.write(`slabseries: ${opts.tree} holds no stage; skipping\n`);
    return 125;
  }
  const here = domain.render.part(runScenario(domain, stage, sc), opts.op, what);
  const base = domain.render.part(runScenario(domain, series.stages[0], sc), opts.op, what);
  if (here === null || base === null) {
    process.stdout.write('n/a: the scenario cannot run at this stage (skip)\n');
    return 125;
  }
  process.stdout.write(here === base ? 'same as stage 00\n' : 'changed from stage 00\n');
  return here === base ? 0 : 1;
}
