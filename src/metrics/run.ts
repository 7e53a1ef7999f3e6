// A metrics run: read the stage trees (I/O at the edge), parse them through the syntax adapter, and
// compose the pure per-stage, per-step and trend computations.

import { join } from 'node:path';
import { readTree } from '../patches/stagefs.ts';
import type { SeriesEntry } from '../harness/series.ts';

/** What metrics read of a series' manifest (no stage code is loaded: metrics read the sources). */
export type ManifestEntry = Pick<SeriesEntry<never>, 'number' | 'subject' | 'move' | 'functions' | 'kernelFiles' | 'signatures'>;
import type { FileSyntaxStore, StageSyntax } from './model.ts';
import { parseStage } from './syntax.ts';
import { functionIndex, stageFacts, type ApiEntry, type StageFacts } from './stage.ts';
import { stepDiff, type ParamChange, type Rename } from './step.ts';
import { compareMoves, detectMoves, parseDeclaredMove, type DetectedMove, type MoveComparison } from './moves.ts';
import { fidelity, type Fidelity } from './fidelity.ts';
import { trendRow, type TrendRow } from './trends.ts';
import { assessmentOf } from './assessments.ts';

export interface SignatureCheck {
  fn: string;
  expected: string[];
  actual: string[] | null;
  ok: boolean;
}

export interface StepReport {
  number: number;
  slug: string;
  subject: string;
  declaredMove: string;
  added: string[];
  removed: string[];
  renamed: Rename[];
  paramChanges: ParamChange[];
  moves: DetectedMove[];
  comparison: MoveComparison;
  fidelity: Fidelity;
  api: { added: ApiEntry[]; removed: ApiEntry[]; changed: { before: ApiEntry; after: ApiEntry }[]; declared: boolean; flagged: boolean };
  signatures: SignatureCheck[];
  /** The reviewed closing note for a step whose detection and declaration do not fully agree. */
  assessment: string | null;
}

export interface MetricsReport {
  stages: StageFacts[];
  steps: StepReport[];
  trends: TrendRow[];
}

/** The internal allocation functions: every function whose signature the series changes. */
export function internalFunctions(entries: readonly ManifestEntry[]): string[] {
  return [...new Set(entries.flatMap((e) => e.signatures.map((s) => s.fn)))];
}

export function stepReport(entries: readonly ManifestEntry[], n: number, slug: string, prev: StageSyntax, cur: StageSyntax): StepReport {
  const e = entries.find((x) => x.number === n);
  const diff = stepDiff(n - 1, n, prev, cur);
  const moves = detectMoves({ prev, cur, diff });
  const declaredMove = e?.move ?? '';
  const comparison = compareMoves(parseDeclaredMove(declaredMove), moves);
  const C = functionIndex(cur);
  const P = functionIndex(prev);
  const fid = fidelity(diff, e?.functions ?? [], (fn) => C.has(fn) || P.has(fn));
  const apiDeclared = !!e?.kernelFiles.includes('include/linux/slab.h');
  const apiChanges = diff.apiAdded.length + diff.apiRemoved.length + diff.apiChanged.length;
  const signatures = (e?.signatures ?? []).map((s) => {
    const f = C.get(s.fn);
    const actual = f ? f.params.map((p) => p.name) : null;
    return { fn: s.fn, expected: s.params, actual, ok: !!actual && actual.join(',') === s.params.join(',') };
  });
  return {
    number: n,
    slug,
    subject: e?.subject ?? '',
    declaredMove,
    added: diff.added,
    removed: diff.removed,
    renamed: diff.renamed,
    paramChanges: diff.paramChanges,
    moves,
    comparison,
    fidelity: fid,
    api: { added: diff.apiAdded, removed: diff.apiRemoved, changed: diff.apiChanged, declared: apiDeclared, flagged: apiChanges > 0 && !apiDeclared },
    signatures,
    assessment: comparison.verdict === 'agrees' ? null : assessmentOf(n),
  };
}

export interface MetricsOptions {
  /** Only this stage's facts and the step that produces it (and the trend rows of N-1 and N). */
  stage?: number;
  /** Parsed files kept between runs (the CLI's .slabseries-cache/syntax). */
  store?: FileSyntaxStore;
}

/** Full metrics over the given stages (slugs in order, from the registry). */
export function computeMetrics(entries: readonly ManifestEntry[], stagesDir: string, slugs: readonly string[], opts: MetricsOptions = {}): MetricsReport {
  const wanted = opts.stage === undefined ? slugs : slugs.filter((s) => {
    const n = Number(s.slice(0, 2));
    return n === opts.stage || n === opts.stage! - 1;
  });
  const parsed = wanted.map((slug) => ({ n: Number(slug.slice(0, 2)), slug, syntax: parseStage(readTree(join(stagesDir, slug)), opts.store) }));
  const stages = parsed.map((p) => stageFacts(p.n, p.slug, p.syntax));
  const steps: StepReport[] = [];
  for (let i = 1; i < parsed.length; i++) {
    const cur = parsed[i];
    if (parsed[i - 1].n !== cur.n - 1) continue;
    if (opts.stage !== undefined && cur.n !== opts.stage) continue;
    steps.push(stepReport(entries, cur.n, cur.slug, parsed[i - 1].syntax, cur.syntax));
  }
  return { stages, steps, trends: stages.map((s) => trendRow(s, internalFunctions(entries))) };
}
