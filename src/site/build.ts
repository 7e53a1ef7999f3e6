// The static review site, as pure functions: one series' gathered data in, its pages out
// (buildSeriesPart), then the series' parts into the site, sorted by path (assembleSite). No clock,
// no randomness, no I/O: the CLI (src/cli/report-site-command.ts) gathers the input and writes the
// files. Layout:
//   index.html                       every series: status, verdict grid, findings, trend charts
//   <series>/index.html              the same for one series (one page per series / version)
//   <series>/patch-NN.html           one step: message, moves, real C patch, TS patch, verdicts, findings
//   <series>/scenario-NAME.html      one scenario across the stages, change points marked
//   assets/                          stylesheets (no scripts, no network)

import { diffLines } from 'diff';
import { html as diffHtml } from 'diff2html';
import { approvalsOf, cellState, isKnown, worstState, type CheckState, type Finding, type StepCell } from '../harness/check.ts';
import type { Verdict } from '../harness/compare.ts';
import type { Difference, DomainTypes, OpRecord } from '../harness/domain.ts';
import { paramsSpec, renderSvg, trendSpec, VERDICT_ORDER, verdictSpec } from './charts.ts';
import { anchor, esc, h, page, SITE_CSS } from './html.ts';

/** The tool's launcher as the pages' reproduce lines call it, from the project root (where the scenario paths they show start). */
const SELF = 'bin/slabseries.mjs';
import type { SiteFile, SitePatch, SiteRender, SiteScenario, SiteSeries } from './model.ts';

export const VERDICT_SYMBOL: Record<Verdict, string> = { equivalent: '=', changed: '~', improved: '+', regressed: '!', 'n/a': '.' };
export const STATE_SYMBOL: Record<CheckState, string> = { pass: '✓', warning: '!', fail: '✗' };

const nn = (n: number) => String(n).padStart(2, '0');
const vclass = (v: Verdict) => `v-${v === 'n/a' ? 'na' : v}`;
export const patchPage = (n: number) => `patch-${nn(n)}.html`;
export const scenarioPage = (name: string) => `scenario-${name.replace(/[^A-Za-z0-9_.-]+/g, '_')}.html`;
export const findingAnchor = (f: Finding) => `finding-${anchor(f.scenario, f.finding)}`;

function stateBadge(s: CheckState): string {
  return h('span', { class: `state state-${s}`, title: s }, `${STATE_SYMBOL[s]} ${s}`);
}

/**
 * The states computed during one buildSeriesPart: every patch page shows the series' stage
 * states, and each takes a cellState of every cell (16 x 62 per series). A new build starts afresh.
 */
let stateMemo = new WeakMap<object, { state: CheckState; stageStates: CheckState[] }>();

/** Series-level view of the check (the same rules as `check --json`). */
export function seriesState<T extends DomainTypes>(s: SiteSeries<T>): { state: CheckState; stageStates: CheckState[] } {
  const known = stateMemo.get(s);
  if (known) return known;
  const stageStates = s.report.cells.map((row) => worstState(row.map((c) => cellState(s.report, c, s.approved))));
  const state = s.report.newFindings.length || s.report.vanished.length ? 'fail' : worstState(stageStates);
  stateMemo.set(s, { state, stageStates });
  return { state, stageStates };
}

function cellSymbol<T extends DomainTypes>(si: number, c: StepCell<T>): { sym: string; cls: string } {
  if (si === 0) return { sym: c.contract.length ? 'c' : '·', cls: `v-base${c.contract.length ? ' contract' : ''}` };
  const mark = c.undeclared.length ? '*' : c.contract.some((x) => x.isNew) ? 'c' : '';
  return { sym: VERDICT_SYMBOL[c.verdict] + mark, cls: vclass(c.verdict) };
}

const LEGEND = h(
  'p',
  { class: 'legend' },
  ...(['equivalent', 'changed', 'improved', 'regressed', 'n/a'] as Verdict[]).map((v) => h('span', { class: vclass(v) }, `${VERDICT_SYMBOL[v]} ${esc(v)}`)),
  h('span', {}, '* undeclared change'),
  h('span', {}, 'c new contract violation'),
  h('span', {}, `status: ${STATE_SYMBOL.pass} pass · ${STATE_SYMBOL.warning} warning (approved finding) · ${STATE_SYMBOL.fail} fail (new finding); worst wins`),
);

/** The patch × scenario grid; `prefix` leads from the page to the series folder. */
function grid<T extends DomainTypes>(s: SiteSeries<T>, prefix: string): string {
  const { stageStates } = seriesState(s);
  const r = s.report;
  const head = h('tr', {}, h('th', {}, 'patch'), h('th', {}, 'status'), ...r.scenarios.map((sc) => h('th', { class: 'sc' }, h('a', { href: `${prefix}${scenarioPage(sc)}`, title: sc }, esc(sc)))));
  const rows = r.stages.map((st, si) => {
    const label = si === 0 ? `${nn(st.number)} base` : h('a', { href: `${prefix}${patchPage(st.number)}` }, `${nn(st.number)} ${esc(st.subject)}`);
    const cells = r.cells[si].map((c) => {
      const { sym, cls } = cellSymbol(si, c);
      const state = cellState(r, c, s.approved);
      const title = `${c.scenario} @ ${st.slug}: ${si === 0 ? (c.contract.length ? 'contract violations at the base' : 'base') : c.verdict}${c.reason ? ` (${c.reason})` : ''}; ${state}`;
      const href = si === 0 ? `${prefix}${scenarioPage(c.scenario)}` : `${prefix}${patchPage(st.number)}#${anchor('sc', c.scenario)}`;
      return h('td', { class: `v ${cls}`, title }, h('a', { href }, esc(sym)));
    });
    return h('tr', { id: `row-${nn(st.number)}` }, h('td', { class: 'patch' }, label), h('td', {}, stateBadge(stageStates[si])), ...cells);
  });
  return h('table', { class: 'grid' }, h('thead', {}, head), h('tbody', {}, ...rows)) + LEGEND;
}

function findingReason<T extends DomainTypes>(s: SiteSeries<T>, f: Finding): { approved: boolean; reason: string } {
  const a = approvalsOf(f, s.approved);
  if (isKnown(f, s.approved) && a.length) return { approved: true, reason: [...new Set(a.map((x) => x.reason))].join(' / ') };
  const si = s.report.stages.findIndex((x) => x.slug === f.stage);
  const cell = s.report.cells[si]?.find((c) => c.scenario === f.scenario);
  const first = cell ? pick(cell, f.finding)[0] : undefined;
  const c = cell?.contract.find((x) => x.isNew);
  const why = f.finding === 'contract' && c ? `${c.message} (${c.contract})` : first ? `[${first.at}] ${first.what}` : '';
  return { approved: false, reason: why };
}

function findingsList<T extends DomainTypes>(s: SiteSeries<T>, prefix: string): string {
  const r = s.report;
  if (!r.findings.length && !r.vanished.length) return h('p', {}, 'No findings.');
  const rows = r.findings.map((f) => {
    const st = r.stages.find((x) => x.slug === f.stage)!;
    const { approved, reason } = findingReason(s, f);
    return h(
      'tr',
      { class: 'finding' },
      // the base has no patch page: its findings (contract violations) are shown on the scenario's page
      h('td', {}, h('a', { href: s.patches.some((p) => p.number === st.number) ? `${prefix}${patchPage(st.number)}#${findingAnchor(f)}` : `${prefix}${scenarioPage(f.scenario)}#stage-${nn(st.number)}`, class: 'finding-link' }, esc(nn(st.number)))),
      h('td', {}, h('a', { href: `${prefix}${scenarioPage(f.scenario)}` }, esc(f.scenario))),
      h('td', {}, esc(f.finding)),
      h('td', {}, approved ? 'approved' : h('span', { class: 'new' }, 'NEW')),
      h('td', {}, esc(reason)),
    );
  });
  const vanished = r.vanished.map((v) => h('tr', {}, h('td', {}, esc(v.example?.stage ?? '')), h('td', {}, esc(v.example?.scenario ?? '')), h('td', {}, esc(v.signature)), h('td', {}, h('span', { class: 'new' }, 'VANISHED')), h('td', {}, esc(v.reason))));
  const summary = `${r.findings.length} finding(s): ${r.newFindings.length} new, ${r.findings.length - r.newFindings.length} approved; ${r.vanished.length} approved finding(s) vanished`;
  return h('p', {}, esc(summary)) + h('table', { class: 'list findings' }, h('thead', {}, h('tr', {}, ...['step', 'scenario', 'finding', 'status', 'reason'].map((x) => h('th', {}, x)))), h('tbody', {}, ...rows, ...vanished));
}

/** The index and the series page show the same charts: Vega renders each series' three once. */
let chartsMemo = new WeakMap<object, Promise<string>>();

function charts<T extends DomainTypes>(s: SiteSeries<T>): Promise<string> {
  let known = chartsMemo.get(s);
  if (!known) chartsMemo.set(s, (known = renderCharts(s)));
  return known;
}

async function renderCharts<T extends DomainTypes>(s: SiteSeries<T>): Promise<string> {
  const counts = s.report.stages.slice(1).flatMap((st, i) =>
    VERDICT_ORDER.map((v) => ({ stage: nn(st.number), verdict: v, count: s.report.cells[i + 1].filter((c) => c.verdict === v).length })),
  );
  const parts = [await renderSvg(trendSpec(s.trends)), await renderSvg(paramsSpec(s.trends)), await renderSvg(verdictSpec(counts))];
  return parts.map((svg) => h('div', { class: 'chart' }, svg)).join('\n');
}

async function seriesSections<T extends DomainTypes>(s: SiteSeries<T>, prefix: string, level: 'h2' | 'h3'): Promise<string> {
  const { state } = seriesState(s);
  return [
    h(level, { id: anchor('series', s.name) }, `${esc(s.version)}: ${esc(s.subject)} `, stateBadge(state)),
    h('p', {}, `Series <code>${esc(s.name)}</code>, ${s.patches.length} patches on <code>${esc(s.base)}</code>. `, h('a', { href: `${prefix}index.html` }, 'series page')),
    h(level === 'h2' ? 'h3' : 'h4', {}, 'Verdicts: patch × scenario'),
    grid(s, prefix),
    h(level === 'h2' ? 'h3' : 'h4', {}, 'Findings'),
    findingsList(s, prefix),
    h(level === 'h2' ? 'h3' : 'h4', {}, 'Trends (slabseries metrics)'),
    await charts(s),
  ].join('\n');
}

// ---- patch page ------------------------------------------------------------------------------

function pick<T extends DomainTypes>(cell: StepCell<T>, kind: string): Difference<T>[] {
  return kind === 'undeclared' ? cell.undeclared : kind === 'regressed' ? cell.differences.filter((d) => d.effect === 'regressed') : [];
}

/** Mark lines present on one side only (as a multiset). */
function markLines(mine: string[], other: string[], cls: string): string {
  const left = new Map<string, number>();
  for (const l of other) left.set(l, (left.get(l) ?? 0) + 1);
  return mine
    .map((l) => {
      const n = left.get(l) ?? 0;
      if (n > 0) {
        left.set(l, n - 1);
        return h('span', { class: 'line' }, esc(l));
      }
      return h('span', { class: `line ${cls}` }, esc(l));
    })
    .join('');
}

function opLines<T extends DomainTypes>(render: SiteRender<T>, op: OpRecord<T> | undefined): string[] {
  if (!op) return ['(operation did not run)'];
  return [render.op(op), ...op.events.map((e) => `| ${render.event(e)}`)];
}

/** Two stages' events side by side (class sbs): one table per operation. */
export function sideBySide(a: string, b: string, before: string[], after: string[]): string {
  return h('table', { class: 'sbs' }, h('thead', {}, h('tr', {}, h('th', {}, esc(a)), h('th', {}, esc(b)))), h('tbody', {}, h('tr', {}, h('td', { class: 'before' }, markLines(before, after, 'gone')), h('td', { class: 'after' }, markLines(after, before, 'came')))));
}

function findingSection<T extends DomainTypes>(render: SiteRender<T>, s: SiteSeries<T>, p: SitePatch, f: Finding, si: number, ci: number): string {
  const r = s.report;
  const cell = r.cells[si][ci];
  const sc = s.scenarios[ci];
  const { approved, reason } = findingReason(s, f);
  const before = s.observations[si - 1][ci];
  const after = s.observations[si][ci];
  const a = `stage ${nn(p.number - 1)}`;
  const b = `stage ${nn(p.number)}`;
  const diffs = pick(cell, f.finding);
  const ats = [...new Set([...diffs.map((d) => d.at), ...(f.finding === 'contract' ? cell.contract.filter((x) => x.isNew).map((x) => x.at) : [])])].filter((x) => x !== 'end').slice(0, 4);
  const out = [
    h('h3', { id: findingAnchor(f) }, `${esc(f.finding)}: `, h('a', { href: scenarioPage(f.scenario) }, esc(f.scenario)), ' ', approved ? h('span', { class: 'state state-warning' }, 'approved') : h('span', { class: 'new' }, 'NEW')),
    h('p', {}, esc(approved ? `approved: ${reason}` : `not in the approved list${reason ? `: ${reason}` : ''}`)),
  ];
  if (diffs.length) {
    out.push(h('ul', {}, ...diffs.slice(0, 8).map((d) => h('li', {}, h('code', {}, esc(`[${d.at}]`)), ` ${esc(d.what)} (${esc(d.kind)}, ${esc(d.effect)})`))));
    if (diffs.length > 8) out.push(h('p', {}, `… and ${diffs.length - 8} more`));
  }
  if (f.finding === 'contract') out.push(h('ul', {}, ...cell.contract.filter((x) => x.isNew).map((x) => h('li', {}, `${esc(x.message)} (${esc(x.contract)}, at ${esc(x.at)})`))));
  for (const at of ats) {
    const ob = before.ops.find((o) => o.index === at);
    const oa = after.ops.find((o) => o.index === at);
    out.push(h('h4', {}, `operation [${esc(at)}]: events`), sideBySide(a, b, opLines(render, ob), opLines(render, oa)));
  }
  if (ats.length === 0 && diffs.length) {
    const d = render.difference(diffs[0]);
    out.push(sideBySide(a, b, d.before, d.after));
  }
  const again = s.selectArgs;
  out.push(h('p', {}, 'reproduce: ', h('code', { class: 'reproduce' }, esc(`${SELF} run ${sc.file} --stage ${nn(p.number - 1)}${again}`)), ' ; ', h('code', { class: 'reproduce' }, esc(`${SELF} run ${sc.file} --stage ${nn(p.number)}${again}`)), ' ; ', h('code', {}, esc(`${SELF} diff ${nn(p.number)} --scenario ${sc.name}${again}`))));
  return h('section', { class: 'finding' }, ...out);
}

function patchPageHtml<T extends DomainTypes>(render: SiteRender<T>, s: SiteSeries<T>, p: SitePatch, path: string): string {
  const r = s.report;
  const si = r.stages.findIndex((x) => x.number === p.number);
  const { stageStates } = seriesState(s);
  const total = s.patches.length;
  const prev = s.patches.find((x) => x.number === p.number - 1);
  const next = s.patches.find((x) => x.number === p.number + 1);
  const nav = h('p', {}, prev ? h('a', { href: patchPage(prev.number) }, `← ${nn(prev.number)}`) + ' · ' : '', h('a', { href: 'index.html' }, esc(s.version)), next ? ' · ' + h('a', { href: patchPage(next.number) }, `${nn(next.number)} →`) : '');
  const body: string[] = [nav, h('h1', {}, esc(`[PATCH ${nn(p.number)}/${total}] ${p.subject}`)), h('p', {}, `kind: <b>${esc(p.kind)}</b> · status: `, si >= 0 ? stateBadge(stageStates[si]) : '')];
  body.push(h('h2', {}, 'Our message'), h('pre', { class: 'message' }, esc(p.message.trim() || '(no message yet)')));

  body.push(h('h2', {}, 'Refactoring move'), h('p', {}, `declared: <b>${esc(p.move)}</b>`));
  if (p.metrics) {
    const m = p.metrics;
    body.push(h('p', {}, `detected (slabseries metrics) — against the declaration: <b>${esc(m.comparison.verdict)}</b>`));
    body.push(h('ul', { class: 'moves' }, ...m.moves.map((mv) => h('li', {}, `<b>${esc(mv.move)}</b>${mv.phases?.length ? ` (${esc(mv.phases.join(', '))})` : ''}`, h('ul', {}, ...mv.evidence.map((e) => h('li', {}, h('code', {}, esc(e)))))))));
    if (m.comparison.components.length) body.push(h('table', { class: 'list' }, h('tr', {}, h('th', {}, 'declared component'), h('th', {}, 'status'), h('th', {}, 'note')), ...m.comparison.components.map((c) => h('tr', {}, h('td', {}, esc(c.declared.text)), h('td', {}, esc(c.status)), h('td', {}, esc(c.note))))));
    if (m.comparison.why.length) body.push(h('p', {}, esc(m.comparison.why.join(' '))));
    if (m.assessment) body.push(h('p', {}, `assessment: ${esc(m.assessment)}`));
  }
  body.push(h('h2', {}, 'Declared behaviour changes'));
  if (!p.declared.length) body.push(h('p', {}, 'none: no functional change intended'));
  else body.push(h('ul', {}, ...p.declared.map((d) => h('li', {}, `<code>${esc(d.id)}</code>: ${esc(d.description)}`, d.evidence.length ? h('ul', {}, ...d.evidence.map((e) => h('li', {}, h('code', {}, esc(e))))) : h('em', {}, ' (no typed evidence yet)')))));

  body.push(h('h2', {}, 'The real C patch'));
  body.push(h('p', {}, 'original mail: ', h('a', { href: p.link, class: 'lore' }, esc(p.link)), h('br', {}), `Message-ID: <code>&lt;${esc(p.messageId)}&gt;</code>`));
  body.push(h('p', {}, 'files it touches:'), h('ul', {}, ...p.kernelFiles.map((f) => h('li', {}, h('code', {}, esc(f))))));
  body.push(h('p', {}, 'functions it changes:'), h('ul', { class: 'functions' }, ...p.functions.map((f) => h('li', {}, h('code', {}, esc(f))))));
  if (p.metrics) {
    const fid = p.metrics.fidelity;
    body.push(h('p', {}, `fidelity: ${fid.overlap.length}/${fid.kernel.length} of those functions are touched by the TypeScript step${fid.missing.length ? `; not touched: ${esc(fid.missing.map((m) => m.fn + (m.absent ? ' (no counterpart)' : '')).join(', '))}` : ''}`));
  }

  body.push(h('h2', {}, 'The TypeScript patch'), h('pre', {}, esc(p.diffstat)));
  body.push(h('div', { class: 'ts-patch' }, diffHtml(p.tsDiff, { outputFormat: 'side-by-side', drawFileList: true, matching: 'lines' })));

  if (si >= 0) {
    body.push(h('h2', { id: 'verdicts' }, 'Verdicts of this step'));
    const rows = r.cells[si].map((c, ci) => {
      const state = cellState(r, c, s.approved);
      const notes: string[] = [];
      if (c.reason) notes.push(c.reason);
      if (c.differences.length) notes.push(`${c.differences.length} difference(s): ${c.differences[0].what}${c.differences.length > 1 ? ', …' : ''}`);
      if (c.declaredIds.length) notes.push(`declared: ${c.declaredIds.join(', ')}`);
      if (c.undeclared.length) notes.push(`${c.undeclared.length} undeclared`);
      const newC = c.contract.filter((x) => x.isNew);
      if (newC.length) notes.push(`new contract violation(s): ${newC.map((x) => x.contract).join(', ')}`);
      return h('tr', { id: anchor('sc', c.scenario) }, h('td', {}, h('a', { href: scenarioPage(c.scenario) }, esc(s.scenarios[ci].name))), h('td', { class: `v ${vclass(c.verdict)}` }, esc(`${VERDICT_SYMBOL[c.verdict]} ${c.verdict}`)), h('td', {}, stateBadge(state)), h('td', {}, esc(notes.join('; '))));
    });
    body.push(h('table', { class: 'list verdicts' }, h('thead', {}, h('tr', {}, ...['scenario', 'verdict', 'status', 'why'].map((x) => h('th', {}, x)))), h('tbody', {}, ...rows)));
    const mine = r.findings.filter((f) => f.stage === p.slug);
    body.push(h('h2', { id: 'findings' }, `Findings (${mine.length})`));
    if (!mine.length) body.push(h('p', {}, 'No findings at this step.'));
    for (const f of mine) body.push(findingSection(render, s, p, f, si, r.scenarios.indexOf(f.scenario)));
  }
  return page(path, `${nn(p.number)}/${total} ${p.subject}`, body.join('\n'), ['assets/diff2html.min.css']);
}

// ---- scenario page ---------------------------------------------------------------------------

function lineDiff(a: string, b: string): string {
  const out: string[] = [];
  for (const part of diffLines(a, b)) {
    const lines = part.value.replace(/\n$/, '').split('\n');
    if (part.added) out.push(...lines.map((l) => h('span', { class: 'came' }, esc(`+ ${l}`))));
    else if (part.removed) out.push(...lines.map((l) => h('span', { class: 'gone' }, esc(`- ${l}`))));
    else if (lines.length <= 4) out.push(...lines.map((l) => esc(`  ${l}`)));
    else out.push(esc(`  ${lines[0]}`), esc(`  ${lines[1]}`), esc(`  … ${lines.length - 4} unchanged line(s)`), esc(`  ${lines[lines.length - 2]}`), esc(`  ${lines[lines.length - 1]}`));
  }
  return h('pre', { class: 'obs-diff' }, out.join('\n'));
}

function scenarioPageHtml<T extends DomainTypes>(render: SiteRender<T>, s: SiteSeries<T>, sc: SiteScenario, ci: number, path: string): string {
  const r = s.report;
  const texts = s.observations.map((row) => render.observation(row[ci]));
  const changed = texts.map((t, i) => i > 0 && t !== texts[i - 1]);
  const body: string[] = [h('p', {}, h('a', { href: 'index.html' }, esc(s.version))), h('h1', {}, `scenario ${esc(sc.name)}`), h('p', {}, esc(sc.description))];
  if (sc.decisions.length) body.push(h('p', {}, 'exercises: ', esc(sc.decisions.join(', '))));
  body.push(h('p', {}, 'file: ', h('code', {}, esc(sc.file)), ' — reproduce: ', h('code', {}, esc(`${SELF} run ${sc.file} --stage NN${s.selectArgs}`))));
  body.push(h('h2', {}, 'Operations'), h('pre', { class: 'ops' }, sc.ops.map((o, i) => esc(`[${i}] ${o}`)).join('\n')));
  const cps = changed.map((c, i) => (c ? i : -1)).filter((i) => i >= 0);
  body.push(h('h2', {}, 'Across the stages'), h('p', {}, cps.length ? `change points (the observation differs from the stage before): ${cps.map((i) => h('a', { href: `#stage-${nn(r.stages[i].number)}`, class: 'cp-label' }, nn(r.stages[i].number))).join(', ')}` : 'the observation is the same at every stage'));
  body.push(
    h(
      'table',
      { class: 'timeline' },
      h('tr', {}, ...r.stages.map((st) => h('th', {}, nn(st.number)))),
      h(
        'tr',
        {},
        ...r.stages.map((st, si) => {
          const { sym, cls } = cellSymbol(si, r.cells[si][ci]);
          return h('td', { class: `v ${cls}${changed[si] ? ' cp' : ''}`, title: `${st.slug}: ${si ? r.cells[si][ci].verdict : 'base'}${changed[si] ? ' (change point)' : ''}` }, h('a', { href: `#stage-${nn(st.number)}` }, esc(sym)));
        }),
      ),
    ),
    LEGEND,
  );
  r.stages.forEach((st, si) => {
    const c = r.cells[si][ci];
    const head = h('h3', { id: `stage-${nn(st.number)}` }, `${nn(st.number)} ${esc(st.subject)} `, si ? h('span', { class: `v ${vclass(c.verdict)}` }, esc(` ${c.verdict} `)) : '', changed[si] ? h('span', { class: 'cp-label' }, ' ◆ change point') : '');
    body.push(head);
    if (si > 0) body.push(h('p', {}, h('a', { href: `${patchPage(st.number)}#${anchor('sc', sc.name)}` }, 'this step on its patch page'), c.reason ? ` — ${esc(c.reason)}` : ''));
    if (si === 0) body.push(h('pre', { class: 'observation' }, esc(texts[0])));
    else if (changed[si]) body.push(lineDiff(texts[si - 1], texts[si]), h('details', {}, h('summary', {}, `the whole observation at stage ${nn(st.number)}`), h('pre', { class: 'observation' }, esc(texts[si]))));
    else body.push(h('p', {}, `same observation as stage ${nn(r.stages[si - 1].number)}`));
  });
  return page(path, `scenario ${sc.name}`, body.join('\n'));
}

// ---- the site --------------------------------------------------------------------------------

/** One series' share of the site: its own files, and its row and section of the front page. */
export interface SeriesPart {
  files: SiteFile[];
  indexRow: string;
  indexSection: string;
}

/**
 * One series' pages (its index, a page per patch and per scenario) and what the front page shows of
 * it. A function of that series alone, so the CLI may build each series on a thread of its own.
 */
export async function buildSeriesPart<T extends DomainTypes>(render: SiteRender<T>, s: SiteSeries<T>): Promise<SeriesPart> {
  stateMemo = new WeakMap();
  chartsMemo = new WeakMap();
  const files: SiteFile[] = [];
  const indexRow = h('tr', {}, h('td', {}, h('a', { href: `${s.name}/index.html` }, esc(s.name))), h('td', {}, esc(s.version)), h('td', {}, esc(s.subject)), h('td', {}, stateBadge(seriesState(s).state)), h('td', {}, `${s.report.findings.length} (${s.report.newFindings.length} new)`));
  const indexSection = await seriesSections(s, `${s.name}/`, 'h2');
  const sp = `${s.name}/index.html`;
  const patches = h('ol', { class: 'patches' }, ...s.patches.map((p) => h('li', { value: String(p.number) }, h('a', { href: patchPage(p.number) }, esc(p.subject)), ` [${esc(p.kind)}]`)));
  const scen = h('ul', { class: 'scenarios' }, ...s.scenarios.map((sc) => h('li', {}, h('a', { href: scenarioPage(sc.name) }, esc(sc.name)), ` — ${esc(sc.description)}`)));
  files.push({ path: sp, content: page(sp, `${s.version}: ${s.subject}`, [h('h1', {}, `${esc(s.version)}: ${esc(s.subject)}`), h('pre', { class: 'cover' }, esc(s.coverLetter)), h('h2', {}, 'Patches'), patches, await seriesSections(s, '', 'h2'), h('h2', {}, 'Scenarios'), scen].join('\n')) });
  for (const p of s.patches) {
    const path = `${s.name}/${patchPage(p.number)}`;
    files.push({ path, content: patchPageHtml(render, s, p, path) });
  }
  s.scenarios.forEach((sc, ci) => {
    const path = `${s.name}/${scenarioPage(sc.name)}`;
    files.push({ path, content: scenarioPageHtml(render, s, sc, ci, path) });
  });
  return { files, indexRow, indexSection };
}

/** The whole site from its series' parts (in the order of the series): the front page, the assets, sorted by path. */
export function assembleSite(title: string, assets: Record<string, string>, parts: SeriesPart[]): SiteFile[] {
  const files: SiteFile[] = [{ path: 'assets/site.css', content: SITE_CSS }];
  for (const [path, content] of Object.entries(assets)) files.push({ path, content });
  const index: string[] = [h('h1', {}, esc(title))];
  index.push(h('table', { class: 'list series' }, h('tr', {}, ...['series', 'version', 'subject', 'status', 'findings'].map((x) => h('th', {}, x))), ...parts.map((p) => p.indexRow)));
  for (const p of parts) {
    index.push(p.indexSection);
    files.push(...p.files);
  }
  files.push({ path: 'index.html', content: page('index.html', title, index.join('\n')) });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
