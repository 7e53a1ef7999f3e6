// `slabseries b4-check`: a per-patch check command for `b4 review`
//   git config b4.review-perpatch-check-cmd "/path/to/slabseries/bin/slabseries.mjs b4-check"
// b4 pipes one patch e-mail to stdin and reads a JSON array of results from stdout:
//   [{"tool": "slabseries", "status": "pass|warn|fail", "summary": "…", "url": "…", "details": "…"}]
// The mail is identified as a step of a known series by its Message-ID (the series' own mails on
// lore), by the patch-id of its diff (the TypeScript patches of patches/ or of export-git's history,
// whatever their subject) or by its subject; an unknown patch gives an empty array. The status is the
// step's check state (b4's names; Patchwork's success/warning/fail): fail = a new finding, warn = an
// approved finding or a regression, pass = nothing to report. details is a JSON string listing the
// scenarios that are not "pass", like b4's own patchwork check.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { generatePatches, readStageTrees, stageDiff } from '../patches/generate.ts';
import { identify, parseMail, type StepCandidate } from '../b4/mail.ts';
import { messageIdOf } from '../site/model.ts';
import type { Series } from '../harness/series.ts';
import type { Slab } from '../slab/observation.ts';
import { nn, pickSeries, selfCommand, seriesOption, SERIES_NAMES } from './context.ts';
import { stepVerdicts } from './step-view.ts';

export type B4Status = 'pass' | 'warn' | 'fail';
export interface B4Result {
  tool: string;
  status: B4Status;
  summary: string;
  url: string;
  details: string;
}

/** git patch-id --stable of each patch in the text: patch-id by the commit id on its From line. */
function patchIds(text: string): { id: string; commit: string }[] {
  const r = spawnSync('git', ['patch-id', '--stable'], { input: text, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0 || r.error) return [];
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [id, commit] = l.split(' ');
      return { id, commit };
    });
}

export function candidates(series: Series<Slab>): StepCandidate[] {
  const trees = readStageTrees(series.stagesDir, series.stages.map((s) => s.slug));
  const files = generatePatches(trees, series).filter((f) => /^\d{4}-.*\.patch$/.test(f.name) && !f.name.startsWith('0000-'));
  const ids = patchIds(files.map((f) => f.content).join(''));
  const byCommit = new Map(ids.map((x) => [x.commit, x.id]));
  return series.entries.map((e) => {
    const f = files.find((x) => Number(x.name.slice(0, 4)) === e.number);
    const commit = f ? /^From ([0-9a-f]{40}) /.exec(f.content)?.[1] : undefined;
    const pid = commit ? byCommit.get(commit) : undefined;
    return { number: e.number, subject: e.subject, messageId: messageIdOf(e.link), patchIds: pid ? [pid] : [], kernelFiles: [...e.kernelFiles], tsFiles: stageDiff(trees, e.number).map((d) => d.path) };
  });
}

export function b4Check(raw: string, seriesNames: readonly string[]): B4Result[] {
  const mail = parseMail(raw);
  const mailPid = mail.diff ? (patchIds(raw)[0]?.id ?? null) : null;
  for (const name of seriesNames) {
    const series = pickSeries(name);
    const id = identify(mail, mailPid, candidates(series));
    if (!id) continue;
    const e = series.entries.find((x) => x.number === id.number)!;
    const v = stepVerdicts(series, id.number);
    const stateOf = (scenario: string): B4Status => {
      const f = v.findings.filter((x) => x.scenario === scenario);
      if (f.some((x) => !x.approved)) return 'fail';
      if (f.length || v.verdicts.find((x) => x.scenario === scenario)?.verdict === 'regressed') return 'warn';
      return 'pass';
    };
    const PATCHWORK = { pass: 'success', warn: 'warning', fail: 'fail' } as const;
    const rows = v.verdicts.map((x) => ({ scenario: x.scenario, status: stateOf(x.scenario), verdict: x.verdict, what: x.what, reason: x.reason }));
    const status: B4Status = rows.some((r) => r.status === 'fail') ? 'fail' : rows.some((r) => r.status === 'warn') ? 'warn' : 'pass';
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
    const fresh = v.findings.filter((f) => !f.approved).length;
    const verdicts = ['regressed', 'improved', 'changed', 'equivalent', 'n/a'].filter((k) => counts.get(k)).map((k) => `${counts.get(k)} ${k}`).join(', ');
    const summary = `${series.name} step ${nn(e.number)} (${e.kind}; identified by ${id.by.join(', ')}): ${verdicts}; ${v.findings.length} finding(s), ${fresh} new`;
    const details = rows
      .filter((r) => r.status !== 'pass' || r.verdict !== 'equivalent')
      .map((r) => {
        const fs = v.findings.filter((f) => f.scenario === r.scenario);
        const parts = [r.verdict, ...(r.reason ? [r.reason] : []), ...r.what, ...fs.map((f) => `${f.approved ? 'approved' : 'NEW'} ${f.finding}${f.reason ? `: ${f.reason}` : ''}`)];
        return { context: `slabseries/${e.slug}/${r.scenario}`, status: r.status, state: PATCHWORK[r.status], description: parts.join('; '), reproduce: `${selfCommand()} diff ${nn(e.number)} --scenario ${r.scenario}${seriesOption(series.name)}` };
      });
    const notes = [...(id.mismatch ? [{ context: 'slabseries/identification', status: 'warn', state: 'warning', description: id.mismatch }] : [])];
    return [{ tool: 'slabseries', status, summary, url: e.link, details: JSON.stringify([...notes, ...details]) }];
  }
  return [];
}

export function cmdB4Check(opts: { series?: string; file?: string }): number {
  const raw = opts.file ? readFileSync(opts.file, 'utf8') : readFileSync(0, 'utf8');
  const names = opts.series ? [pickSeries(opts.series).name] : SERIES_NAMES;
  process.stdout.write(JSON.stringify(b4Check(raw, names)) + '\n');
  return 0;
}
