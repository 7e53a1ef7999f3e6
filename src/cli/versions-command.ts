// `slabseries versions [OLD] [NEW]` (default rfc v3): both series judged on the same scenarios, as
// `check` judges them (same runs, same result cache), then per approved finding of OLD its fate in
// NEW (gone, still present, moved), the findings only NEW has, and OLD's last stage against NEW's
// (and base against base) compared as check compares adjacent stages. The comparison itself is
// src/harness/versions.ts; this file runs, reads approvals and renders.

import pc from 'picocolors';
import { checkSeries, type CheckReport } from '../harness/check.ts';
import { ScenarioError, type Observation } from '../harness/domain.ts';
import { stageInfos, type Series } from '../harness/series.ts';
import { compareVersions, type Comparison, type FindingFate, type VersionsReport } from '../harness/versions.ts';
import type { Slab } from '../slab/observation.ts';
import { loadApproved } from './approvals.ts';
import { observeOptions } from './cache-command.ts';
import { colorEnabled, domain, endProgress, FIXTURES, nn, pickSeries, progress, seriesPaths, UsageError } from './context.ts';
import { observeMatrix } from './observe.ts';
import { computeRangeDiff } from './range-diff-command.ts';
import { scenarioArgs } from './scenarios.ts';

export interface VersionsOptions {
  /** Scenario files or directories run besides the shipped ones. */
  add?: string[];
  json?: boolean;
  all?: boolean;
  jobs?: number;
  cache?: boolean;
}

/**
 * Signatures of one family: the same difference at the same entry point, whatever the caller's
 * context, gfp class and cache class (the trailing "[task no-reclaim kmalloc-cg]" of a SLUB
 * signature). A finding that left one caller class for another is then shown next to its kin.
 */
export const slabKin = (body: string) => body.replace(/ \[[^\]]*\]$/, '');

async function judged(series: Series<Slab>, files: readonly string[], opts: VersionsOptions): Promise<{ report: CheckReport<Slab>; observations: Observation<Slab>[][] }> {
  const scenarios = scenarioArgs(files, series.stages);
  const all = series.stages.map((_, i) => i);
  const oopts = observeOptions(opts);
  const { observations, judged } = await observeMatrix(series.name, all, scenarios, (d, t) => progress(`${series.name}: running ${d}/${t} scenario runs`), oopts).catch((e: unknown) => {
    if (/: scenario exceeds budget: /.test(String((e as Error)?.message))) throw new ScenarioError((e as Error).message);
    throw e;
  });
  endProgress();
  const infos = stageInfos(series);
  const names = scenarios.map((s) => s.name);
  const report = checkSeries(domain, infos, names, observations, loadApproved(seriesPaths(series).approved), judged);
  return { report, observations };
}

export async function computeVersions(oldName: string, newName: string, files: readonly string[], opts: VersionsOptions): Promise<VersionsReport<Slab>> {
  const older = pickSeries(oldName);
  const newer = pickSeries(newName);
  if (older === newer) throw new UsageError(`versions compares two different series (got ${oldName} twice)`);
  const rd = computeRangeDiff(older.name, newer.name);
  const pairs = rd.rows.flatMap((r) => (r.type === 'pair' ? [{ old: r.old.number, new: r.new.number }] : []));
  const o = await judged(older, files, opts);
  const n = await judged(newer, files, opts);
  return compareVersions(domain, {
    old: { name: older.name, report: o.report, approved: loadApproved(seriesPaths(older).approved), observations: o.observations },
    new: { name: newer.name, report: n.report, approved: loadApproved(seriesPaths(newer).approved), observations: n.observations },
    pairs,
    kin: slabKin,
  });
}

export async function cmdVersions(oldName: string | undefined, newName: string | undefined, files: readonly string[], opts: VersionsOptions): Promise<number> {
  const r = await computeVersions(oldName ?? 'rfc', newName ?? 'v3', [FIXTURES, ...files, ...(opts.add ?? [])], opts);
  if (opts.json) process.stdout.write(JSON.stringify(versionsJson(r), null, 2) + '\n');
  else process.stdout.write(renderVersions(r, pc.createColors(colorEnabled(process.stdout)), opts.all === true));
  return 0;
}

// ---- JSON: the report with every difference given its display lines --------------------------------

function comparisonJson(c: Comparison<Slab>) {
  return {
    ...c,
    scenarios: c.scenarios.map((s) => ({
      ...s,
      ops: s.ops.map((op) => ({
        ...op,
        differences: op.differences.map((d) => ({ at: d.at, kind: d.kind, effect: d.effect, what: d.what, ...domain.render.difference(d), detail: d.detail })),
      })),
    })),
  };
}

export function versionsJson(r: VersionsReport<Slab>) {
  const count = (f: string) => r.fates.filter((x) => x.fate === f).length;
  return {
    ...r,
    summary: { approved: r.fates.filter((f) => f.approved).length, unapproved: r.fates.filter((f) => !f.approved).length, gone: count('gone'), stillPresent: count('still-present'), moved: count('moved'), newFindings: r.newFindings.length, endToEnd: r.endToEnd.counts, bases: r.bases.counts },
    endToEnd: comparisonJson(r.endToEnd),
    bases: comparisonJson(r.bases),
  };
}

// ---- text -------------------------------------------------------------------------------------------

type Colors = ReturnType<typeof pc.createColors>;

const FATE_TEXT: Record<FindingFate['fate'], string> = { gone: 'gone', 'still-present': 'still present', moved: 'moved' };

function steps(ns: readonly number[]): string {
  return ns.map(nn).join(',');
}

export function renderFates(r: VersionsReport<Slab>, c: Colors): string[] {
  const approved = r.fates.filter((f) => f.approved).length;
  const title = `${r.old} findings: the ${approved} approved signatures${approved < r.fates.length ? ` and ${r.fates.length - approved} unapproved ones of this run` : ''}, and their fate in ${r.new}`;
  const out = [c.bold(title), `  ${'fate'.padEnd(13)} ${r.old.padEnd(4)} ${r.new.padEnd(6)} signature without its stage`];
  for (const f of r.fates) {
    const where = f.fate === 'gone' ? (f.pairedStep === null ? '--' : nn(f.pairedStep)) : f.fate === 'moved' ? `${f.pairedStep === null ? '--' : nn(f.pairedStep)}->${steps(f.newSteps)}` : nn(f.pairedStep!) + (f.newSteps.length > 1 ? `+${steps(f.newSteps.filter((s) => s !== f.pairedStep))}` : '');
    const paint = f.fate === 'gone' ? c.green : f.fate === 'moved' ? c.yellow : c.red;
    out.push(`  ${paint(FATE_TEXT[f.fate].padEnd(13))} ${nn(f.oldStep).padEnd(4)} ${where.padEnd(6)} ${f.body}`);
    if (f.fate === 'gone') {
      if (f.pairedStep === null) out.push(`${' '.repeat(27)}${r.old} ${nn(f.oldStep)} has no counterpart in ${r.new}`);
      // One line per outcome at the paired step, not per scenario (max nesting shows on seven).
      const groups = new Map<string, string[]>();
      for (const p of f.atPairedStep) {
        const k = `${p.sameDifference ? 'the same difference still happens there, declared by the manifest' : 'the difference no longer happens'}|${p.verdict}`;
        groups.set(k, [...(groups.get(k) ?? []), p.scenario]);
      }
      for (const [k, scs] of groups) {
        const [what, verdict] = k.split('|');
        out.push(`${' '.repeat(27)}at ${r.new} ${nn(f.pairedStep!)}: ${what} (step ${verdict} on ${scs.join(', ')})`);
      }
    }
    if (!f.approved) out.push(`${' '.repeat(27)}${c.red(`not approved in ${r.old}`)}: found on ${f.oldScenarios.join(', ')}`);
    if (!f.oldScenarios.length) out.push(`${' '.repeat(27)}(approved, but this run of ${r.old} does not show it)`);
    if (f.newApproval) out.push(`${' '.repeat(27)}${r.new} approval: ${f.newApproval}`);
    if (f.kin.length) out.push(`${' '.repeat(27)}kin in ${r.new}: ${f.kin.map((k) => `${nn(k.step)} ${k.signature.slice(k.signature.indexOf(' ') + 1)}`).join('; ')}`);
  }
  const n = (k: FindingFate['fate']) => r.fates.filter((f) => f.fate === k).length;
  out.push(`  ${n('gone')} gone, ${n('still-present')} still present, ${n('moved')} moved`);
  return out;
}

export function renderNewFindings(r: VersionsReport<Slab>, c: Colors): string[] {
  const out = [c.bold(`${r.new} findings ${r.old} did not have (${r.newFindings.length})`)];
  if (!r.newFindings.length) out.push('  none');
  for (const f of r.newFindings) {
    out.push(`  ${r.new} ${nn(f.step)} (${r.old} ${f.pairedOldStep === null ? '--' : nn(f.pairedOldStep)}) ${f.body}`);
    out.push(`      on ${f.scenarios.join(', ')}; ${f.approval ? `approved: ${f.approval}` : c.red(`not approved in ${r.new}`)}`);
    if (f.kin.length) out.push(`      kin in ${r.old}: ${f.kin.map((k) => `${nn(k.step)} ${k.signature.slice(k.signature.indexOf(' ') + 1)}`).join('; ')}`);
  }
  return out;
}

const VERDICTS = ['regressed', 'improved', 'changed', 'n/a', 'equivalent'] as const;

/** At most this many differences per operation in the text (all of them with --all or --json). */
const SHOWN_PER_OP = 4;

/** "rfc 01,14" or "rfc: no step" (the operation is the same at every stage of that series). */
function madeBy(series: string, ns: readonly number[]): string {
  return ns.length ? `${series} ${steps(ns)}` : `${series}: no step`;
}

export function renderComparison(r: VersionsReport<Slab>, cmp: Comparison<Slab>, title: string, c: Colors, all: boolean): string[] {
  const counts = VERDICTS.filter((v) => cmp.counts[v]).map((v) => `${cmp.counts[v]} ${v}`).join(', ');
  const out = [c.bold(`${title}: ${r.old} ${cmp.oldStage} vs ${r.new} ${cmp.newStage} on ${r.scenarios.length} scenarios: ${counts}`)];
  out.push(`  judged as check judges a step, ${r.old} before ${r.new} ("regressed" would mean worse in ${r.new}); ${cmp.observable ? c.red(`${cmp.observable} scenario(s) differ observably`) : 'no scenario differs observably'}${cmp.counts.changed ? `, ${cmp.counts.changed} only internally` : ''}`);
  const subject = subjectsOf(r);
  if (cmp.causes.length) {
    out.push('  why: the differing operations by cause (the judged differences, and the steps of each series at which those operations changed):');
    for (const k of cmp.causes) {
      const who = [madeBy(r.old, k.changedAtOld), madeBy(r.new, k.changedAtNew)].join(' / ');
      out.push(`    ${String(k.ops).padStart(3)} op(s) in ${k.scenarios.length} scenario(s): ${k.whats.join('; ')} — ${who}${!k.changedAtOld.length && !k.changedAtNew.length ? ' (so the bases differ)' : ''}`);
    }
    const named = [...new Set(cmp.causes.flatMap((k) => [...k.changedAtOld.map((n) => `${r.old} ${nn(n)}`), ...k.changedAtNew.map((n) => `${r.new} ${nn(n)}`)]))].sort();
    for (const x of named) out.push(`      ${x}: ${subject(x)}`);
  }
  for (const s of cmp.scenarios) {
    if (s.verdict === 'equivalent') continue;
    out.push(`  ${s.scenario}: ${s.verdict}${s.notApplicableIn ? ` in ${s.notApplicableIn === 'both' ? 'both' : s.notApplicableIn === 'old' ? r.old : r.new}` : ''}${s.reason ? ` (${s.reason})` : ''}`);
    for (const op of s.ops) {
      const name = op.differences[0].detail.op;
      out.push(`    [${op.at}] ${name}: made different by ${madeBy(r.old, op.changedAtOld)} / ${madeBy(r.new, op.changedAtNew)}`);
      const ds = all ? op.differences : op.differences.slice(0, SHOWN_PER_OP);
      for (const d of ds) {
        const mark = d.effect === 'regressed' ? c.red('!') : d.effect === 'improved' ? c.green('+') : '~';
        const lines = domain.render.difference(d);
        out.push(`      ${mark} ${d.what} (${d.kind}, ${d.effect})`);
        for (const l of lines.before) out.push(`          ${r.old}: ${l}`);
        for (const l of lines.after) out.push(`          ${r.new}: ${l}`);
      }
      if (ds.length < op.differences.length) out.push(`      … ${op.differences.length - ds.length} more (--all)`);
    }
  }
  return out;
}

/** "rfc 01" → that patch's subject. */
function subjectsOf(r: VersionsReport<Slab>): (ref: string) => string {
  const series = { [r.old]: pickSeries(r.old), [r.new]: pickSeries(r.new) };
  return (ref) => {
    const [name, n] = ref.split(' ');
    return series[name].entries.find((e) => e.number === Number(n))?.subject ?? '(base)';
  };
}

export function renderVersions(r: VersionsReport<Slab>, c: Colors, all: boolean): string {
  const out = [`versions ${r.old} -> ${r.new} on ${r.scenarios.length} scenarios; steps paired as in: slabseries range-diff ${r.old} ${r.new}`, `  pairing: ${r.pairing.map((p) => `${nn(p.old)}->${p.new === null ? '--' : nn(p.new)}`).join(' ')}`, ''];
  out.push(...renderFates(r, c), '', ...renderNewFindings(r, c), '');
  out.push(...renderComparison(r, r.endToEnd, 'end to end', c, all), '');
  out.push(...renderComparison(r, r.bases, 'bases', c, all), '');
  return out.join('\n');
}
