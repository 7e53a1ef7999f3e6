// A series: its manifest (one entry per patch, in our words) and its stages, in order. Commands take
// a series and a domain as parameters; nothing below the CLI imports a particular series.

import type { DeclaredChange, PatchKind, StepClaim } from './claims.ts';
import type { DomainTypes } from './domain.ts';
import type { StageInfo } from './check.ts';

export interface SignatureChange {
  /** The upstream function. */
  fn: string;
  /** Parameter names after the patch, in order. */
  params: string[];
}

export interface SeriesEntry<T extends DomainTypes> {
  number: number;
  slug: string;
  subject: string;
  /** Our commit message: what changes and why. */
  message: string;
  link: string;
  /** The refactoring move(s), in catalogue terms. */
  move: string;
  kind: PatchKind;
  declared: DeclaredChange<T>[];
  /** Upstream files the real patch touches. */
  kernelFiles: string[];
  /** Upstream functions the real patch changes (bodies or signatures). */
  functions: string[];
  /** Functions whose signature the spec gives after the patch. */
  signatures: SignatureChange[];
  /** Why golden observations of this stage differ from the previous stage's, per scenario. */
  goldenChanges: Record<string, string>;
}

export interface Series<T extends DomainTypes> {
  /** Short name used on the command line ("rfc"). */
  name: string;
  subject: string;
  /** The upstream commit the series applies to. */
  base: string;
  date: string;
  from: string;
  coverLetter: string;
  /** Folder holding one sub-folder per stage (the slugs). */
  stagesDir: string;
  /** Every stage, base first. */
  stages: readonly T['stage'][];
  entries: readonly SeriesEntry<T>[];
  link(n: number): string;
  /** Counterpart of an upstream file in a stage (null: none). */
  counterpartOf(upstreamFile: string): string | null;
}

export function seriesEntry<T extends DomainTypes>(s: Series<T>, n: number): SeriesEntry<T> | undefined {
  return s.entries.find((e) => e.number === n);
}

export function stageInfos<T extends DomainTypes>(s: Series<T>): StageInfo<T>[] {
  return s.stages.map((st) => {
    const e = seriesEntry(s, st.number);
    const claim: StepClaim<T> | null = e ? { kind: e.kind, declared: e.declared } : null;
    return { number: st.number, slug: st.slug, subject: e?.subject ?? 'base', claim };
  });
}

/**
 * The stage indices that judging the steps at these stage indices needs, in series order: each
 * step's stage and the one before it (a step compares two stages; step 00 has none before it).
 * check --stage, explore --stage and the shrinking of one signature run just these.
 */
export function stagesForSteps(stageCount: number, steps: Iterable<number>): number[] {
  const need = new Set<number>();
  for (const i of steps) {
    if (i > 0) need.add(i - 1);
    need.add(i);
  }
  return [...Array(stageCount).keys()].filter((i) => need.has(i));
}
