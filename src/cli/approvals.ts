// findings/approved.json: the known finding signatures, each with a one-line reason. Read for every
// check; written only by `check --approve --reason`.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeAllOrNothing } from '../harness/atomic-write.ts';
import { basename, dirname } from 'node:path';
import { approvalMatches, approvalPatternError, approvedSet, unapproved, type Approval, type CheckReport } from '../harness/check.ts';
import type { DomainTypes } from '../harness/domain.ts';
import type { Series } from '../harness/series.ts';
import type { Slab } from '../slab/observation.ts';
import { baseApprovedPath, seriesPaths, UsageError } from './context.ts';

export function loadApproved(path: string): Approval[] {
  if (!existsSync(path)) return [];
  // The file named in every error (approved.json, approved-v3.json, approved-mm-unstable.json, …).
  const name = `findings/${basename(path)}`;
  let j: unknown;
  try {
    j = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${name}: not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(j)) throw new UsageError(`${name}: expected an array of approvals`);
  // The file is keyed by signature (--approve drops, keeps and moves approvals by it): one each.
  const first = new Map<string, number>();
  j.forEach((f, i) => {
    for (const k of ['signature', 'reason']) if (typeof f?.[k] !== 'string' || !f[k]) throw new UsageError(`${name}: [${i}].${k}: expected a non-empty string`);
    const bad = approvalPatternError(f.signature);
    if (bad) throw new UsageError(`${name}: [${i}].signature: ${bad}`);
    if (first.has(f.signature)) throw new UsageError(`${name}: [${i}].signature: the same signature as [${first.get(f.signature)}] (one approval per signature)`);
    first.set(f.signature, i);
  });
  return j as Approval[];
}

/**
 * The approvals in force for a series on a base (check --base, explore --base): the series' own,
 * and the base's own file (baseApprovedPath) with its path, where --approve writes; `inForce`, both.
 */
export function approvalsOnBase(series: Series<Slab>, baseName: string): { series: Approval[]; base: Approval[]; inForce: Approval[]; path: string } {
  const path = baseApprovedPath(series, baseName);
  const own = loadApproved(seriesPaths(series).approved);
  const base = loadApproved(path);
  return { series: own, base, inForce: [...own, ...base], path };
}

/** An approval reason is one non-blank line of printable text (it is shown in every report). */
export function checkReason(reason: string | undefined, approve = true): string | undefined {
  if (reason === undefined) return undefined;
  // Without --approve nothing would record it: say so rather than drop it.
  if (!approve) throw new UsageError('--reason is the reason of an approval: use it with --approve');
  const r = reason.trim();
  if (!r) throw new UsageError('--reason must be one non-blank line');
  if (/[\r\n\u2028\u2029]/.test(r)) throw new UsageError('--reason must be one line (it has a line break)');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(r)) throw new UsageError('--reason must not contain control characters');
  if (r.length > 500) throw new UsageError('--reason is longer than 500 characters');
  return r;
}

/**
 * Record every unapproved signature of the report's new findings with the reason (and the first
 * place it was seen), and drop vanished approvals. `alsoApproved`: approvals of another file that
 * count as given (a base's file is written with the series' approvals in force).
 */
export function approve<T extends DomainTypes>(path: string, report: CheckReport<T>, approved: readonly Approval[], reasonIn: string | undefined, alsoApproved: readonly Approval[] = []): { added: number; dropped: number; moved: number } {
  const reason = checkReason(reasonIn);
  if (report.newFindings.length && !reason) throw new UsageError(`${report.newFindings.length} new finding(s) need a one-line --reason to be approved`);
  const vanished = new Set(report.vanished.map((v) => v.signature));
  // An approval whose example no longer shows it is sent to the first place that does now.
  const stale = new Set(report.staleExamples.map((a) => a.signature));
  let moved = 0;
  const keep = approved.filter((a) => !vanished.has(a.signature)).map((a) => {
    if (!stale.has(a.signature)) return a;
    const f = report.findings.find((x) => x.signatures.some((sig) => approvalMatches(a.signature, sig)));
    if (!f) return a;
    moved++;
    return { ...a, example: { stage: f.stage, scenario: f.scenario } };
  });
  // Exact signatures are recorded (an open approval, with `*` fields, is written by hand).
  const covered = approvedSet([...keep, ...alsoApproved]);
  const known = new Set<string>();
  const added: Approval[] = [];
  for (const f of report.newFindings)
    for (const s of unapproved(f, { has: (x) => covered.has(x) || known.has(x) })) {
      known.add(s);
      added.push({ signature: s, reason: reason!, example: { stage: f.stage, scenario: f.scenario } });
    }
  // The file keeps its order (a reviewer reads the diff of an approval, not of the whole file); each
  // new approval goes after the last one of its step, in signature order among those added.
  const all = [...keep];
  const step = (sig: string) => sig.split(' ')[0];
  for (const a of [...added].sort((x, y) => (x.signature < y.signature ? -1 : x.signature > y.signature ? 1 : 0))) {
    const last = all.map((x) => step(x.signature)).lastIndexOf(step(a.signature));
    all.splice(last < 0 ? all.length : last + 1, 0, a);
  }
  mkdirSync(dirname(path), { recursive: true });
  // Written beside it, then renamed: never half-written.
  writeAllOrNothing(dirname(path), [{ path, content: JSON.stringify(all, null, 2) + '\n' }]);
  return { added: added.length, dropped: report.vanished.length, moved };
}
