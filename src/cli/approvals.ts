// findings/approved.json: the known findings, each with a one-line reason. Read for every check;
// written only by `check --approve --reason`.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeAllOrNothing } from '../harness/atomic-write.ts';
import { dirname } from 'node:path';
import { findingKey, type ApprovedFinding, type CheckReport } from '../harness/check.ts';
import type { DomainTypes } from '../harness/domain.ts';
import { UsageError } from './context.ts';

export function loadApproved(path: string): ApprovedFinding[] {
  if (!existsSync(path)) return [];
  let j: unknown;
  try {
    j = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`findings/approved.json: not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(j)) throw new UsageError('findings/approved.json: expected an array of findings');
  j.forEach((f, i) => {
    for (const k of ['stage', 'scenario', 'finding', 'reason']) if (typeof f?.[k] !== 'string' || !f[k]) throw new UsageError(`findings/approved.json: [${i}].${k}: expected a non-empty string`);
  });
  return j as ApprovedFinding[];
}

/** An approval reason is one non-blank line of printable text (it is shown in every report). */
export function checkReason(reason: string): string {
  const r = reason.trim();
  if (!r) throw new UsageError('--reason must be one non-blank line');
  if (/[\r\n\u2028\u2029]/.test(r)) throw new UsageError('--reason must be one line (it has a line break)');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(r)) throw new UsageError('--reason must not contain control characters');
  if (r.length > 300) throw new UsageError('--reason is longer than 300 characters');
  return r;
}

/** Record the report's new findings with the reason and drop vanished approvals. */
export function approve<T extends DomainTypes>(path: string, report: CheckReport<T>, approved: readonly ApprovedFinding[], reason: string | undefined): { added: number; dropped: number } {
  if (report.newFindings.length && !reason) throw new UsageError(`${report.newFindings.length} new finding(s) need a one-line --reason to be approved`);
  const keep = approved.filter((a) => !report.vanished.some((v) => findingKey(v) === findingKey(a)));
  const line = report.newFindings.length ? checkReason(reason!) : '';
  const added = report.newFindings.map((f) => ({ ...f, reason: line }));
  mkdirSync(dirname(path), { recursive: true });
  // Written beside it, then renamed: never half-written.
  writeAllOrNothing(dirname(path), [{ path, content: JSON.stringify([...keep, ...added], null, 2) + '\n' }]);
  return { added: added.length, dropped: report.vanished.length };
}
