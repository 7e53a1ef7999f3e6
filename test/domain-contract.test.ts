// The plug-in contract of the generic harness (src/harness/domain.ts), tested from both sides:
// (i) the harness imports no domain code (kernel, slab, stages, series), so any domain can plug in;
// (ii) a toy domain written entirely here — a counter with a limit, two behaviours per stage — runs
// end to end through runScenario, compareObservations, checkSeries and bisect. Every expected value
// below follows from the toy's specification (the comment on `counter`), not from the harness output.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { bisect } from '../src/harness/bisect.ts';
import { checkSeries, type Approval } from '../src/harness/check.ts';
import { compareObservations } from '../src/harness/compare.ts';
import { ScenarioError, type ContractViolation, type Domain, type DomainTypes, type EventRules, type Observation, type OpRecord, type ScenarioEnvelope } from '../src/harness/domain.ts';
import { runScenario } from '../src/harness/runner.ts';
import { stageInfos, type Series, type SeriesEntry } from '../src/harness/series.ts';

const ROOT = join(import.meta.dirname, '..');
const HARNESS = join(ROOT, 'src', 'harness');

// ---- (i) the harness imports no domain code ---------------------------------------------------------

/** Every module specifier a TypeScript file names: import/export … from, import(), require(), import('…').T. */
function moduleSpecifiers(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) out.push(n.moduleSpecifier.text);
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteral(n.moduleReference.expression)) out.push(n.moduleReference.expression.text);
    else if (ts.isCallExpression(n) && (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.expression) && n.expression.text === 'require')) && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) out.push(n.arguments[0].text);
    else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) out.push(n.argument.literal.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const DOMAIN_DIRS = ['kernel', 'slab', 'stages', 'series'].map((d) => join(ROOT, 'src', d));
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: object; devDependencies?: object };
const PACKAGES = new Set(Object.keys({ ...PKG.dependencies, ...PKG.devDependencies }));

/** Why a specifier written in `file` is not allowed in the harness (null: allowed). */
function forbidden(file: string, spec: string): string | null {
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const target = resolve(dirname(file), spec);
    for (const d of DOMAIN_DIRS) if (target === d || target.startsWith(d + sep) || target === `${d}.ts`) return `${spec} resolves into ${relative(ROOT, d)}`;
    if (!target.startsWith(HARNESS + sep)) return `${spec} resolves outside src/harness (${relative(ROOT, target)})`;
    return null;
  }
  const bare = spec.replace(/^node:/, '');
  if (spec.startsWith('node:') || builtinModules.includes(bare)) return null;
  const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  return PACKAGES.has(pkg) ? null : `${spec} is neither relative, a Node built-in nor a dependency`;
}

function harnessFiles(): string[] {
  return (readdirSync(HARNESS, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(HARNESS, f));
}

describe('the harness is domain-free', () => {
  it('finds every kind of module reference (the scanner itself)', () => {
    const file = join(HARNESS, 'probe.ts');
    const text = [
      "import type { KEvent } from '../kernel/events.ts';",
      "export * from '../slab/domain.ts';",
      "export { x } from './domain.ts';",
      "const m = await import('../series/rfc/index.ts');",
      "type S = import('../stages/00-baseline/index.ts').Stage;",
      "import fs = require('node:fs');",
      "import { diffArrays } from 'diff';",
    ].join('\n');
    const specs = moduleSpecifiers(file, text);
    expect(specs).toEqual(['../kernel/events.ts', '../slab/domain.ts', './domain.ts', '../series/rfc/index.ts', '../stages/00-baseline/index.ts', 'node:fs', 'diff']);
    expect(specs.map((s) => forbidden(file, s) !== null)).toEqual([true, true, false, true, true, false, false]);
    expect(forbidden(file, '../series.ts')).toMatch(/src\/series/);
    expect(forbidden(file, '../cli/context.ts')).toMatch(/outside src\/harness/);
    expect(forbidden(file, 'left-pad')).toMatch(/neither/);
  });

  it('src/harness/*.ts import nothing from src/kernel, src/slab, src/stages or src/series', () => {
    const files = harnessFiles();
    // The files the redesign put there (the scan must not be vacuous).
    for (const f of ['bisect.ts', 'check.ts', 'claims.ts', 'compare.ts', 'domain.ts', 'golden.ts', 'match.ts', 'runner.ts', 'series.ts']) expect(files).toContain(join(HARNESS, f));
    const bad: string[] = [];
    let seen = 0;
    for (const f of files) {
      for (const spec of moduleSpecifiers(f, readFileSync(f, 'utf8'))) {
        seen++;
        const why = forbidden(f, spec);
        if (why) bad.push(`${relative(ROOT, f)}: ${why}`);
      }
    }
    expect(seen).toBeGreaterThan(10);
    expect(bad).toEqual([]);
  });
});

// ---- (ii) a toy domain -----------------------------------------------------------------------------------

/**
 * The counter: a value from 0 up to the scenario's limit.
 *   inc: value + 1; past the limit it wraps to 0. Every inc reports {tick, value: new value}.
 *        A stage with warnOnOverflow first reports {overflow, limit} when it wraps.
 *   dec: value - 1 with a tick. At 0 a plain stage saturates (result value 0, no event); a stage
 *        with failOnUnderflow returns {underflow} instead. A stage without dec: n/a.
 * Results: {value, value: the new value} or {underflow}. End: the value and the number of ticks.
 * Judging: tick is the path (internal); overflow is an observable warning (neutral); a value
 * result is a success, underflow a failure. Contract "dec.never-fails": dec never returns underflow.
 * Signatures (what approvals are keyed on): "<op>: <what>" for a difference, the contract id for a
 * violation — nothing of the scenario (no name, no index).
 */
type CounterOp = { op: 'inc' } | { op: 'dec' };
interface CounterStage {
  readonly number: number;
  readonly slug: string;
  readonly warnOnOverflow: boolean;
  readonly failOnUnderflow: boolean;
  readonly hasDec: boolean;
}
interface CounterMachine {
  stage: CounterStage;
  limit: number;
  value: number;
  ticks: number;
}
interface Counter extends DomainTypes {
  scenario: ScenarioEnvelope & { limit: number; ops: CounterOp[] };
  stage: CounterStage;
  event: { kind: 'tick'; value: number } | { kind: 'overflow'; limit: number };
  result: { kind: 'value'; value: number } | { kind: 'underflow' };
  object: { handle: string; value: number };
  facts: { before: number };
  end: { value: number; ticks: number };
  extra: { kind: 'final'; before: number; after: number };
  machine: CounterMachine;
}
type CounterOpRecord = OpRecord<Counter>;

const rules: EventRules<Counter> = {
  tick: { class: 'internal', reason: 'ticks are the path', what: 'tick' },
  overflow: { class: 'observable', reason: 'a warning the user sees', what: 'overflow warning' },
};

function execute(m: CounterMachine, op: CounterOp, index: string): CounterOpRecord[] {
  const rec: CounterOpRecord = { index, op: op.op, status: 'ran', result: null, facts: { before: m.value }, objects: [], events: [] };
  const tick = () => {
    m.ticks++;
    rec.events.push({ kind: 'tick', value: m.value });
  };
  if (op.op === 'inc') {
    m.value++;
    if (m.value > m.limit) {
      if (m.stage.warnOnOverflow) rec.events.push({ kind: 'overflow', limit: m.limit });
      m.value = 0;
    }
    tick();
    rec.result = { kind: 'value', value: m.value };
  } else if (!m.stage.hasDec) {
    rec.status = 'n/a';
    rec.reason = 'dec() does not exist at this stage';
  } else if (m.value === 0) {
    rec.result = m.stage.failOnUnderflow ? { kind: 'underflow' } : { kind: 'value', value: 0 };
  } else {
    m.value--;
    tick();
    rec.result = { kind: 'value', value: m.value };
  }
  return [rec];
}

const renderEvent = (e: Counter['event']) => (e.kind === 'tick' ? `tick ${e.value}` : `overflow past ${e.limit}`);
const renderResult = (r: { status: string; result: Counter['result'] | null }) => (r.status !== 'ran' ? r.status : r.result!.kind === 'value' ? String(r.result!.value) : 'underflow');

const counter: Domain<Counter> = {
  name: 'counter',
  parseScenario(json, file) {
    const o = json as Record<string, unknown>;
    if (typeof o?.name !== 'string') throw new ScenarioError(`${file}: field "name": expected a string`);
    if (typeof o.limit !== 'number') throw new ScenarioError(`${file}: field "limit": expected a number`);
    if (!Array.isArray(o.ops) || o.ops.some((x) => !['inc', 'dec'].includes((x as { op?: string })?.op ?? ''))) throw new ScenarioError(`${file}: field "ops": expected inc and dec operations`);
    return { name: o.name, description: String(o.description ?? ''), decisions: [], file, limit: o.limit, ops: o.ops as CounterOp[] };
  },
  boot: (stage, sc) => ({ stage, limit: sc.limit, value: 0, ticks: 0 }),
  execute: (m, op, index) => execute(m, op as CounterOp, index),
  end: (m) => ({ value: m.value, ticks: m.ticks }),
  eventKey: (e) => JSON.stringify(e),
  rules,
  outcome: (r) => (r.status === 'n/a' || !r.result ? null : r.result.kind === 'value'),
  compareObject: (a, b) => (a.value === b.value ? null : { kind: 'observable', effect: 'neutral', what: 'value changed' }),
  compareOp: () => [],
  compareEnd: (a, b) => (a.end.value === b.end.value ? [] : [{ kind: 'observable', effect: 'neutral', what: 'final value changed', detail: { kind: 'final', before: a.end.value, after: b.end.value } }]),
  contracts(obs) {
    const out: ContractViolation[] = [];
    for (const op of obs.ops) if (op.op === 'dec' && op.result?.kind === 'underflow') out.push({ contract: 'dec.never-fails', at: op.index, message: `[${op.index}] dec returned underflow` });
    return out;
  },
  signature: (d, op) => `${op?.op ?? d.detail.op}: ${d.what}`,
  contractSignature: (v) => v.contract,
  render: {
    observation: (obs) => obs.ops.map((o) => `[${o.index}] ${o.op} -> ${renderResult(o)}${o.events.map((e) => `\n    | ${renderEvent(e)}`).join('')}`).join('\n') + `\nend: ${obs.end.value}\n`,
    event: renderEvent,
    difference: (d) => {
      const x = d.detail;
      if (x.diff === 'result') return { before: [renderResult(x.before)], after: [renderResult(x.after)] };
      if (x.diff === 'event') return x.change === 'appeared' ? { before: [], after: [renderEvent(x.event)] } : { before: [renderEvent(x.event)], after: [] };
      return { before: [JSON.stringify(x)], after: [] };
    },
    part(obs, op, what) {
      const ops = obs.ops.filter((o) => op === undefined || o.index === op);
      if (ops.some((o) => o.status === 'n/a') || (op !== undefined && !ops.length)) return null;
      const lines: string[] = [];
      for (const o of ops) {
        if (what === 'result' || what === 'all') lines.push(`${o.index} ${renderResult(o)}`);
        if (what === 'events' || what === 'all') lines.push(...o.events.map(renderEvent));
      }
      if (what === 'all') lines.push(`end ${obs.end.value}`);
      return lines.join('\n');
    },
  },
};

const stage = (number: number, warnOnOverflow: boolean, failOnUnderflow: boolean, hasDec = true): CounterStage => ({ number, slug: `${String(number).padStart(2, '0')}-${warnOnOverflow ? 'warn' : 'base'}${failOnUnderflow ? '-fail' : ''}${hasDec ? '' : '-nodec'}`, warnOnOverflow, failOnUnderflow, hasDec });
const S0 = stage(0, false, false);
const S1 = stage(1, true, true);
const parse = (j: object) => counter.parseScenario({ description: 'toy', ...j }, `${(j as { name: string }).name}.json`, [S0, S1]);
const OVERFLOW = parse({ name: 'overflow', limit: 2, ops: [{ op: 'inc' }, { op: 'inc' }, { op: 'inc' }] });
const UNDERFLOW = parse({ name: 'underflow', limit: 2, ops: [{ op: 'dec' }] });
/** Another way to the same underflow: up, down, and down again. */
const UNDERFLOW2 = parse({ name: 'underflow-again', limit: 5, ops: [{ op: 'inc' }, { op: 'dec' }, { op: 'dec' }] });

const entry = (declared: SeriesEntry<Counter>['declared'], kind: SeriesEntry<Counter>['kind'] = 'behaviour'): SeriesEntry<Counter> => ({
  number: 1,
  slug: S1.slug,
  subject: 'counter: warn on overflow',
  message: 'Warn when the counter wraps.',
  link: 'https://example.invalid/1',
  move: 'Add warning',
  kind,
  declared,
  kernelFiles: [],
  functions: [],
  signatures: [],
  goldenChanges: {},
});
const series = (e: SeriesEntry<Counter>): Series<Counter> => ({
  name: 'toy',
  subject: 'counter',
  base: '0'.repeat(40),
  date: 'Thu, 1 Jan 2026 00:00:00 +0000',
  from: 'toy <toy@example.invalid>',
  coverLetter: '',
  stagesDir: '/nonexistent',
  stages: [S0, S1],
  entries: [e],
  link: (n) => `https://example.invalid/${n}`,
  counterpartOf: () => null,
});
const OVERFLOW_WARNING = { id: 'counter.overflow-warning', description: 'inc warns before it wraps', evidence: [{ diff: 'event', change: 'appeared', event: { kind: 'overflow' } }] } as const;

describe('a toy domain through the generic harness', () => {
  it('rejects a bad scenario with a ScenarioError', () => {
    expect(() => counter.parseScenario({ name: 'x', limit: 1, ops: [{ op: 'mul' }] }, 'x.json', [S0])).toThrow(ScenarioError);
  });

  it('runScenario boots the stage, executes every operation and collects the typed observation', () => {
    const expected: Observation<Counter> = {
      scenario: 'overflow',
      stage: S1.slug,
      ops: [
        { index: '0', op: 'inc', status: 'ran', result: { kind: 'value', value: 1 }, facts: { before: 0 }, objects: [], events: [{ kind: 'tick', value: 1 }] },
        { index: '1', op: 'inc', status: 'ran', result: { kind: 'value', value: 2 }, facts: { before: 1 }, objects: [], events: [{ kind: 'tick', value: 2 }] },
        { index: '2', op: 'inc', status: 'ran', result: { kind: 'value', value: 0 }, facts: { before: 2 }, objects: [], events: [{ kind: 'overflow', limit: 2 }, { kind: 'tick', value: 0 }] },
      ],
      end: { value: 0, ticks: 3 },
    };
    expect(runScenario(counter, S1, OVERFLOW)).toEqual(expected);
    // Stage 0 wraps silently.
    expect(runScenario(counter, S0, OVERFLOW).ops[2].events).toEqual([{ kind: 'tick', value: 0 }]);
  });

  it('compareObservations judges with the domain rules: an observable warning, a success that became a failure, n/a', () => {
    const o = compareObservations(counter, runScenario(counter, S0, OVERFLOW), runScenario(counter, S1, OVERFLOW));
    expect(o.verdict).toBe('changed');
    expect(o.differences).toEqual([{ at: '2', kind: 'observable', effect: 'neutral', what: 'overflow warning appeared', detail: { diff: 'event', op: 'inc', change: 'appeared', event: { kind: 'overflow', limit: 2 } } }]);
    const back = compareObservations(counter, runScenario(counter, S1, OVERFLOW), runScenario(counter, S0, OVERFLOW));
    expect(back.differences.map((d) => [d.at, d.detail.diff, d.detail.diff === 'event' && d.detail.change])).toEqual([['2', 'event', 'disappeared']]);

    const u = compareObservations(counter, runScenario(counter, S0, UNDERFLOW), runScenario(counter, S1, UNDERFLOW));
    expect(u.verdict).toBe('regressed');
    expect(u.differences).toHaveLength(1);
    expect(u.differences[0]).toMatchObject({ at: '0', kind: 'observable', effect: 'regressed', detail: { diff: 'result', op: 'dec', before: { status: 'ran', result: { kind: 'value', value: 0 } }, after: { status: 'ran', result: { kind: 'underflow' } } } });
    expect(counter.render.difference(u.differences[0])).toEqual({ before: ['0'], after: ['underflow'] });
    expect(compareObservations(counter, runScenario(counter, S1, UNDERFLOW), runScenario(counter, S0, UNDERFLOW)).verdict).toBe('improved');

    const noDec = stage(1, false, false, false);
    const na = compareObservations(counter, runScenario(counter, S0, UNDERFLOW), runScenario(counter, noDec, UNDERFLOW));
    expect(na.verdict).toBe('n/a');
    expect(na.reason).toMatch(/dec\(\) does not exist/);
    expect(compareObservations(counter, runScenario(counter, S0, OVERFLOW), runScenario(counter, S0, OVERFLOW))).toEqual({ verdict: 'equivalent', differences: [] });
  });

  const observations = () => [S0, S1].map((s) => [OVERFLOW, UNDERFLOW].map((sc) => runScenario(counter, s, sc)));

  it('checkSeries: the declared warning explains its difference; the undeclared failure and the broken contract are findings', () => {
    const r = checkSeries(counter, stageInfos(series(entry([OVERFLOW_WARNING]))), ['overflow', 'underflow'], observations(), []);
    expect(r.stages.map((s) => [s.slug, s.subject])).toEqual([
      [S0.slug, 'base'],
      [S1.slug, 'counter: warn on overflow'],
    ]);
    expect(r.cells[0].map((c) => [c.verdict, c.differences.length, c.contract.length])).toEqual([
      ['equivalent', 0, 0],
      ['equivalent', 0, 0],
    ]);
    const [over, under] = r.cells[1];
    expect(over).toMatchObject({ verdict: 'changed', declaredIds: ['counter.overflow-warning'], undeclared: [], contract: [] });
    expect(over.differences).toHaveLength(1);
    expect(under.verdict).toBe('regressed');
    expect(under.declaredIds).toEqual([]);
    expect(under.undeclared.map((d) => [d.at, d.detail.diff, d.effect])).toEqual([['0', 'result', 'regressed']]);
    expect(under.contract).toEqual([{ contract: 'dec.never-fails', at: '0', message: '[0] dec returned underflow', isNew: true }]);
    expect(r.findings.map((f) => [f.stage, f.scenario, f.finding])).toEqual([
      [S1.slug, 'underflow', 'contract'],
      [S1.slug, 'underflow', 'regressed'],
      [S1.slug, 'underflow', 'undeclared'],
    ]);
    // Each finding is signed with the domain's description of what happened, at its step.
    const sigs = Object.fromEntries(r.findings.map((f) => [f.finding, f.signatures]));
    expect(sigs.contract).toHaveLength(1);
    expect(sigs.contract[0]).toContain(S1.slug);
    expect(sigs.contract[0]).toContain('dec.never-fails');
    for (const k of ['regressed', 'undeclared']) {
      expect(sigs[k]).toHaveLength(1);
      expect(sigs[k][0]).toContain(S1.slug);
      expect(sigs[k][0]).toContain('dec: a success became a failure');
    }
    expect(r.newFindings).toEqual(r.findings);
    expect(r.vanished).toEqual([]);
  });

  it('checkSeries: approved signatures are not new, whichever scenario reaches them; an approval nothing carries has vanished', () => {
    const claim = stageInfos(series(entry([OVERFLOW_WARNING])));
    const first = checkSeries(counter, claim, ['overflow', 'underflow'], observations(), []);
    const contractSig = first.findings.find((f) => f.finding === 'contract')!.signatures[0];
    const approved: Approval[] = [
      { signature: contractSig, reason: 'known', example: { stage: S1.slug, scenario: 'underflow' } },
      { signature: `${S1.slug} regressed inc: nothing`, reason: 'fixed since' },
    ];
    const obs3 = [S0, S1].map((s) => [OVERFLOW, UNDERFLOW, UNDERFLOW2].map((sc) => runScenario(counter, s, sc)));
    const r = checkSeries(counter, claim, ['overflow', 'underflow', 'underflow-again'], obs3, approved);
    // The same underflow, reached by another scenario at another index, has the same signatures.
    const of = (sc: string) => r.findings.filter((f) => f.scenario === sc).map((f) => [f.finding, f.signatures]);
    expect(of('underflow-again')).toEqual(of('underflow'));
    expect(r.cells[1][2].contract.map((c) => c.at)).toEqual(['2']);
    expect(r.newFindings.map((f) => [f.scenario, f.finding])).toEqual([
      ['underflow', 'regressed'],
      ['underflow', 'undeclared'],
      ['underflow-again', 'regressed'],
      ['underflow-again', 'undeclared'],
    ]);
    expect(r.vanished).toEqual([approved[1]]);
  });

  it('checkSeries: an approval whose example (a judged stage and scenario) no longer shows it is a stale example; one outside the run is not judged', () => {
    const claim = stageInfos(series(entry([OVERFLOW_WARNING])));
    const obs = [S0, S1].map((s) => [OVERFLOW, UNDERFLOW].map((sc) => runScenario(counter, s, sc)));
    const first = checkSeries(counter, claim, ['overflow', 'underflow'], obs, []);
    const shownBy = (sc: string) => first.findings.filter((f) => f.scenario === sc && f.stage === S1.slug).flatMap((f) => f.signatures);
    const sig = shownBy('underflow')[0];
    expect(sig).toBeDefined();
    // The underflow's signature is not shown by the overflow scenario: that example would send a
    // reader to a place that shows nothing.
    expect(shownBy('overflow')).not.toContain(sig);
    const approved: Approval[] = [
      { signature: sig, reason: 'shown', example: { stage: S1.slug, scenario: 'underflow' } },
      { signature: sig, reason: 'sent to the wrong place', example: { stage: S1.slug, scenario: 'overflow' } },
      { signature: sig, reason: 'a scenario this run did not judge', example: { stage: S1.slug, scenario: 'elsewhere' } },
      { signature: sig, reason: 'a stage this run did not judge', example: { stage: '09-nowhere', scenario: 'overflow' } },
      { signature: sig, reason: 'no example' },
    ];
    const r = checkSeries(counter, claim, ['overflow', 'underflow'], obs, approved);
    expect(r.staleExamples).toEqual([approved[1]]);
    // The first row of a partial run (check --stage) carries only its contract findings: its
    // examples are not judged.
    const partial = checkSeries(counter, claim.slice(1), ['overflow', 'underflow'], obs.slice(1), [{ signature: sig, reason: 'x', example: { stage: S1.slug, scenario: 'overflow' } }]);
    expect(partial.staleExamples).toEqual([]);
  });

  it('checkSeries: the same difference is undeclared under a refactor claim or evidence of another shape', () => {
    const asRefactor = checkSeries(counter, stageInfos(series(entry([], 'refactor'))), ['overflow', 'underflow'], observations(), []);
    expect(asRefactor.cells[1][0].undeclared.map((d) => d.what)).toEqual(['overflow warning appeared']);
    expect(asRefactor.findings.map((f) => [f.stage, f.scenario, f.finding])).toContainEqual([S1.slug, 'overflow', 'undeclared']);
    const wrongShape = { ...OVERFLOW_WARNING, evidence: [{ diff: 'event', change: 'disappeared', event: { kind: 'overflow' } }] } as const;
    const wrongKind = { ...OVERFLOW_WARNING, evidence: [{ diff: 'event', event: { kind: 'tick' } }] } as const;
    for (const d of [wrongShape, wrongKind]) {
      const r = checkSeries(counter, stageInfos(series(entry([d]))), ['overflow'], observations().map((row) => [row[0]]), []);
      expect(r.cells[1][0].declaredIds).toEqual([]);
      expect(r.cells[1][0].undeclared).toHaveLength(1);
      expect(r.findings.map((f) => [f.stage, f.scenario, f.finding])).toEqual([[S1.slug, 'overflow', 'undeclared']]);
    }
  });

  it('bisect over the domain\'s parts finds the first stage that changes each, skipping stages where it is n/a', () => {
    // 00 plain, 01 plain without dec, 02 warns, 03 warns (a refactor), 04 warns and fails on underflow.
    const stages = [stage(0, false, false), stage(1, false, false, false), stage(2, true, false), stage(3, true, false), stage(4, true, true)];
    const partAt = (sc: Counter['scenario'], what: 'result' | 'events' | 'all', op?: string) => (i: number) => counter.render.part(runScenario(counter, stages[i], sc), op, what);
    const events = bisect(stages.length, partAt(OVERFLOW, 'events'));
    expect(events).toMatchObject({ first: 2, changePoints: [2], skipped: [], confirmed: true });
    expect(bisect(stages.length, partAt(OVERFLOW, 'result')).first).toBeNull();
    const results = bisect(stages.length, partAt(UNDERFLOW, 'result'));
    expect(results).toMatchObject({ first: 4, changePoints: [4], skipped: [1], confirmed: true });
    expect(bisect(stages.length, partAt(OVERFLOW, 'all', '2')).first).toBe(2);
    expect(bisect(stages.length, partAt(OVERFLOW, 'all', '1')).first).toBeNull();
  });
});
