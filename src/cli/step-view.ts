// One step made visible: the observations of stage N-1 and N side by side (differences only), the
// step's verdicts and findings (for `show NN`), and what changed at a stage `bisect` found.
// Shared by diff-command.ts, series-commands.ts (show) and run-commands.ts (bisect).

import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { diffArrays } from 'diff';
import { approvalsOf, checkSeries, isKnown, type Finding } from '../harness/check.ts';
import { checkClaim } from '../harness/claims.ts';
import { compareObservations, type StepComparison, type Verdict } from '../harness/compare.ts';
import type { Difference, Observation } from '../harness/domain.ts';
import { runScenario } from '../harness/runner.ts';
import { stageInfos, type Series } from '../harness/series.ts';
import { opHeader, type Slab, type SlabOp } from '../slab/observation.ts';
import type { SlabScenario } from '../slab/scenario.ts';
import { loadApproved } from './approvals.ts';
import { domain, nn, selfCommand, seriesOption, seriesPaths } from './context.ts';
import { readScenarioFile, shippedScenarios } from './scenarios.ts';

/** --scenario NAME (a shipped scenario) or FILE (a path to a scenario file); none: every shipped one. */
export function pickScenarios(series: Series<Slab>, arg: string | undefined): SlabScenario[] {
  if (arg !== undefined && (arg.endsWith('.json') || arg.includes('/')) && existsSync(arg)) return [readScenarioFile(arg, series.stages)];
  return shippedScenarios(series.stages, arg);
}

export interface StepDifference {
  at: string;
  kind: string;
  effect: string;
  what: string;
  /** The declared change that explains it, or null (undeclared). */
  declared: string | null;
  before: string[];
  after: string[];
}

export interface StepView {
  stage: string;
  scenario: string;
  verdict: Verdict;
  reason?: string;
  differences: StepDifference[];
  /** Per operation with a difference: its header and events at N-1 and N, aligned, equal runs collapsed. */
  ops: { at: string; rows: [string, string][] }[];
}

function opLines(op: SlabOp | undefined): string[] {
  return op ? [opHeader(op), ...op.events.map((e) => `| ${domain.render.event(e)}`), ...op.objects.map((o) => `  ${o.handle}: ${o.kind}${o.cache ? ' ' + o.cache : ''}${o.bytes ? ` bytes[${o.bytes.requested}] ${o.bytes.zero ? 'zero' : 'nonzero'} #${o.bytes.digest}` : ''}`)] : ['(did not run)'];
}

/** Align two line lists: differing runs side by side, equal runs collapsed to one "… N same" row. */
export function alignDifferences(a: string[], b: string[]): [string, string][] {
  const rows: [string, string][] = [];
  const parts = diffArrays(a, b);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (!p.added && !p.removed) {
      // keep the operation's header line for orientation
      const keep = rows.length === 0 && p.value.length ? [p.value[0]] : [];
      for (const l of keep) rows.push([l, l]);
      const rest = p.value.length - keep.length;
      if (rest > 0) rows.push([`  … ${rest} same`, `  … ${rest} same`]);
      continue;
    }
    const removed = p.removed ? p.value : [];
    const next = p.removed && parts[i + 1]?.added ? parts[++i].value : [];
    const added = p.added ? p.value : next;
    for (let k = 0; k < Math.max(removed.length, added.length); k++) rows.push([removed[k] ?? '', added[k] ?? '']);
  }
  return rows;
}

export function stepView(series: Series<Slab>, n: number, before: Observation<Slab>, after: Observation<Slab>): StepView {
  const cmp: StepComparison<Slab> = compareObservations(domain, before, after);
  const info = stageInfos(series).find((s) => s.number === n);
  const claim = info?.claim ? checkClaim(info.claim, cmp) : { declared: [], undeclared: cmp.differences };
  const declaredOf = (d: Difference<Slab>) => claim.declared.find((x) => x.diff === d)?.id ?? null;
  const differences = cmp.differences.map((d) => ({ at: d.at, kind: d.kind, effect: d.effect, what: d.what, declared: declaredOf(d), ...domain.render.difference(d) }));
  const ats = [...new Set(cmp.differences.map((d) => d.at))].filter((a) => a !== 'end');
  const ops = ats.map((at) => ({ at, rows: alignDifferences(opLines(before.ops.find((o) => o.index === at)), opLines(after.ops.find((o) => o.index === at))) }));
  return { stage: after.stage, scenario: after.scenario, verdict: cmp.verdict, ...(cmp.reason ? { reason: cmp.reason } : {}), differences, ops };
}

export function runStep(series: Series<Slab>, n: number, sc: SlabScenario): StepView {
  const i = series.stages.findIndex((s) => s.number === n);
  return stepView(series, n, runScenario(domain, series.stages[i - 1], sc), runScenario(domain, series.stages[i], sc));
}

function columns(rows: [string, string][], a: string, b: string, indent = '    '): string[] {
  const w = Math.min(70, Math.max(24, a.length, ...rows.map((r) => r[0].length)));
  const cut = (s: string) => (s.length > w ? s.slice(0, w - 1) + '…' : s);
  const mark = (l: string, r: string) => (l === r ? ' ' : '|');
  return [`${indent}  ${a.padEnd(w)}   ${b}`, ...rows.map(([l, r]) => `${indent}${mark(l, r)} ${cut(l).padEnd(w)} ${mark(l, r)} ${r}`)];
}

/**
 * An end-state difference "end.F: <json>" on both sides, narrowed to what differs: for arrays of
 * named records (caches) only the differing fields of the differing records, for records only the
 * differing keys; anything else as it is.
 */
export function compactEnd(before: string, after: string): [string, string][] {
  const m = /^(end\.[^:]+): (.*)$/;
  const ma = m.exec(before);
  const mb = m.exec(after);
  if (!ma || !mb || ma[1] !== mb[1]) return [[before, after]];
  let x: unknown, y: unknown;
  try {
    x = JSON.parse(ma[2]);
    y = JSON.parse(mb[2]);
  } catch {
    return [[before, after]];
  }
  const field = ma[1];
  const J = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));
  const rec = (o: unknown): o is Record<string, unknown> => !!o && typeof o === 'object' && !Array.isArray(o);
  if (Array.isArray(x) && Array.isArray(y) && [...x, ...y].every((e) => rec(e) && typeof e.name === 'string')) {
    const byName = (l: Record<string, unknown>[]) => new Map(l.map((e) => [e.name as string, e]));
    const A = byName(x as Record<string, unknown>[]);
    const B = byName(y as Record<string, unknown>[]);
    const rows: [string, string][] = [];
    for (const name of [...new Set([...A.keys(), ...B.keys()])]) {
      const ea = A.get(name);
      const eb = B.get(name);
      if (!ea || !eb) {
        rows.push([ea ? `${field}[${name}] present` : '', eb ? `${field}[${name}] present` : '']);
        continue;
      }
      for (const k of [...new Set([...Object.keys(ea), ...Object.keys(eb)])]) if (J(ea[k]) !== J(eb[k])) rows.push([`${field}[${name}].${k}: ${J(ea[k])}`, `${field}[${name}].${k}: ${J(eb[k])}`]);
    }
    return rows.length ? rows : [[before, after]];
  }
  if (rec(x) && rec(y)) {
    const rows: [string, string][] = [];
    for (const k of [...new Set([...Object.keys(x), ...Object.keys(y)])]) if (J(x[k]) !== J(y[k])) rows.push([`${field}.${k}: ${J(x[k])}`, `${field}.${k}: ${J(y[k])}`]);
    return rows.length ? rows : [[before, after]];
  }
  return [[before, after]];
}

/** The text of `diff NN` for one scenario. */
export function renderStepView(v: StepView, n: number, scenarioFile: string, series: string): string {
  const a = `stage ${nn(n - 1)}`;
  const b = `stage ${nn(n)}`;
  const out = [`${v.scenario}: ${v.verdict}${v.reason ? ` (${v.reason})` : ''}`];
  if (!v.differences.length) return out.concat(v.verdict === 'n/a' ? [] : ['    no differences'], '').join('\n') + '\n';
  for (const op of v.ops) {
    out.push(`  [${op.at}]`);
    out.push(...columns(op.rows, a, b));
    for (const d of v.differences.filter((x) => x.at === op.at)) out.push(`      ${d.effect === 'regressed' ? '!' : d.effect === 'improved' ? '+' : '~'} ${d.what} (${d.kind}, ${d.effect}; ${d.declared ? `declared: ${d.declared}` : 'undeclared'})`);
  }
  const end = v.differences.filter((d) => d.at === 'end');
  if (end.length) {
    out.push('  [end]');
    out.push(...columns(end.flatMap((d) => compactEnd(d.before.join(' '), d.after.join(' '))), a, b));
    for (const d of end) out.push(`      ${d.effect === 'regressed' ? '!' : d.effect === 'improved' ? '+' : '~'} ${d.what} (${d.kind}, ${d.effect}; ${d.declared ? `declared: ${d.declared}` : 'undeclared'})`);
  }
  const again = seriesOption(series);
  out.push(`  reproduce: ${selfCommand()} run ${scenarioFile} --stage ${nn(n - 1)}${again}; ${selfCommand()} run ${scenarioFile} --stage ${nn(n)}${again}`, '');
  return out.join('\n') + '\n';
}

// ---- show NN: the step's verdicts and findings -------------------------------------------------

export interface StepVerdicts {
  verdicts: { scenario: string; verdict: Verdict; reason?: string; differences: number; undeclared: number; declared: string[]; what: string[] }[];
  findings: (Finding & { approved: boolean; reason: string | null; what: string[] })[];
}

/** Regressions first, then improvements, then other observable differences, then internal ones (stable). */
function byWeight(ds: readonly Difference<Slab>[]): Difference<Slab>[] {
  const w = (d: Difference<Slab>) => (d.effect === 'regressed' ? 0 : d.effect === 'improved' ? 1 : d.kind === 'observable' ? 2 : 3);
  return ds.map((d, i) => ({ d, i })).sort((a, b) => w(a.d) - w(b.d) || a.i - b.i).map((x) => x.d);
}

export function stepVerdicts(series: Series<Slab>, n: number): StepVerdicts {
  const i = series.stages.findIndex((s) => s.number === n);
  const scenarios = shippedScenarios(series.stages);
  const infos = stageInfos(series).slice(i - 1, i + 1);
  const obs = [i - 1, i].map((si) => scenarios.map((sc) => runScenario(domain, series.stages[si], sc)));
  const approved = loadApproved(seriesPaths(series).approved);
  const r = checkSeries(domain, infos, scenarios.map((s) => s.name), obs, approved);
  const cells = r.cells[1];
  const what = (c: (typeof cells)[number], kind: string) =>
    kind === 'contract' ? c.contract.filter((x) => x.isNew).map((x) => `${x.message} (${x.contract})`) : byWeight(kind === 'undeclared' ? c.undeclared : c.differences.filter((d) => d.effect === 'regressed')).slice(0, 3).map((d) => `[${d.at}] ${d.what}`);
  return {
    verdicts: cells.map((c) => ({ scenario: c.scenario, verdict: c.verdict, ...(c.reason ? { reason: c.reason } : {}), differences: c.differences.length, undeclared: c.undeclared.length, declared: c.declaredIds, what: [...new Set(byWeight(c.differences).map((d) => d.what))].slice(0, 3) })),
    findings: r.findings
      .filter((f) => f.stage === series.stages[i].slug)
      .map((f) => ({ ...f, approved: isKnown(f, approved), reason: approvalsOf(f, approved)[0]?.reason ?? null, what: what(cells.find((c) => c.scenario === f.scenario)!, f.finding) })),
  };
}

export function renderStepVerdicts(v: StepVerdicts, n: number, series: string): string {
  const counts = new Map<string, number>();
  for (const x of v.verdicts) counts.set(x.verdict, (counts.get(x.verdict) ?? 0) + 1);
  const out = ['', `verdicts of this step (stage ${nn(n - 1)} -> ${nn(n)}, ${v.verdicts.length} scenarios): ${['regressed', 'improved', 'changed', 'equivalent', 'n/a'].filter((k) => counts.get(k)).map((k) => `${counts.get(k)} ${k}`).join(', ')}`];
  for (const x of v.verdicts.filter((y) => y.verdict !== 'equivalent')) out.push(`  ${x.verdict.padEnd(10)} ${x.scenario}${x.reason ? ` (${x.reason})` : ''}${x.what.length ? `: ${x.what.join('; ')}` : ''}${x.declared.length ? ` [declared: ${x.declared.join(', ')}]` : ''}`);
  out.push('', `findings of this step (${v.findings.length}):`);
  if (!v.findings.length) out.push('  none');
  for (const f of v.findings) {
    out.push(`${f.approved ? '  ' : '>>'} ${f.finding}: ${f.scenario}${f.approved ? ` (approved: ${f.reason})` : ' (new: not in findings/approved.json)'}`);
    for (const w of f.what) out.push(`     ${w}`);
  }
  out.push(`  see both stages side by side: ${selfCommand()} diff ${nn(n)} --scenario NAME${seriesOption(series)}`, '');
  return out.join('\n');
}

// ---- bisect: what changed at the stage it found --------------------------------------------------

/** The differences at stage `n` (vs n-1) for the scenario, narrowed to one operation if given. */
export function changeAt(series: Series<Slab>, n: number, sc: SlabScenario, op?: string): StepView {
  const v = runStep(series, n, sc);
  if (op === undefined) return v;
  const hit = (at: string) => at === op || at.startsWith(`${op}/`);
  const handleOps = new Set(v.differences.filter((d) => d.before.concat(d.after).some((l) => l.startsWith(`${op}:`) || l.startsWith(`${op}[`))).map((d) => d.at));
  const keep = (at: string) => hit(at) || handleOps.has(at);
  return { ...v, differences: v.differences.filter((d) => keep(d.at)), ops: v.ops.filter((o) => keep(o.at)) };
}

export function scenarioFileOf(sc: SlabScenario): string {
  return relative(process.cwd(), sc.file);
}
