// What the static review site is built from: plain data gathered at the CLI edge (observations,
// the check report, metrics, the TypeScript patches, the manifest), handed to the pure generator
// (build.ts). Same input ⇒ byte-identical files.

import type { ApprovedFinding, CheckReport } from '../harness/check.ts';
import type { Difference, DomainTypes, Observation, OpRecord } from '../harness/domain.ts';
import type { TrendRow } from '../metrics/trends.ts';
import type { DetectedMove, MoveComparison } from '../metrics/moves.ts';
import type { Fidelity } from '../metrics/fidelity.ts';

/** The text a domain renders (a subset of Domain.render, plus one operation's header line). */
export interface SiteRender<T extends DomainTypes> {
  observation(obs: Observation<T>): string;
  event(e: T['event']): string;
  difference(d: Difference<T>): { before: string[]; after: string[] };
  /** One operation's header line, e.g. "[3] kmalloc -> object". */
  op(op: OpRecord<T>): string;
}

export interface SitePatch {
  number: number;
  slug: string;
  subject: string;
  /** Our commit message. */
  message: string;
  kind: string;
  /** The declared refactoring move(s). */
  move: string;
  /** The original mail on lore, and its Message-ID. */
  link: string;
  messageId: string;
  /** Files and functions the real C patch touches. */
  kernelFiles: string[];
  functions: string[];
  /** Declared behaviour changes, with their typed evidence as display text. */
  declared: { id: string; description: string; evidence: string[] }[];
  /** The TypeScript patch: unified diff (git format) and diffstat. */
  tsDiff: string;
  diffstat: string;
  /** Structural metrics of the step (absent when metrics were not computed). */
  metrics?: { declaredMove: string; moves: DetectedMove[]; comparison: MoveComparison; assessment: string | null; fidelity: Fidelity };
}

export interface SiteScenario {
  name: string;
  description: string;
  decisions: string[];
  /** The scenario file, relative to the project (for reproduce commands). */
  file: string;
  /** One line per operation, as in the file. */
  ops: string[];
}

export interface SiteSeries<T extends DomainTypes> {
  /** The --series name ("rfc"); also the folder of its pages. */
  name: string;
  /** What a printed command adds to work on this series again ("" for the default, " --series v3"). */
  selectArgs: string;
  /** Which version of the series (display), e.g. "RFC v1". */
  version: string;
  subject: string;
  base: string;
  coverLetter: string;
  /** Every stage, base first. */
  stages: { number: number; slug: string; subject: string }[];
  patches: SitePatch[];
  scenarios: SiteScenario[];
  report: CheckReport<T>;
  approved: ApprovedFinding[];
  /** observations[stageIndex][scenarioIndex], in the order of stages and scenarios. */
  observations: Observation<T>[][];
  trends: TrendRow[];
}

export interface SiteFile {
  /** Path inside the site, '/'-separated. */
  path: string;
  content: string;
}

/** The Message-ID of a lore link (https://lore.kernel.org/all/<id>[/]). */
export function messageIdOf(link: string): string {
  const m = /^https?:\/\/lore\.kernel\.org\/(?:[^/]+\/)?([^/]+@[^/]+?)\/?$/.exec(link);
  return m ? decodeURIComponent(m[1]) : '';
}
