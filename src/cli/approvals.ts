// findings/approved.json: the known findings, each with a one-line reason. Read for every check;
// written only by `check --approve --reason`.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/** Record the report's new findings with the reason and drop vanished approvals. */
export function approve<T extends DomainTypes>(path: string, report: CheckReport<T>, approved: readonly ApprovedFinding[], reason: string | undefined): { added: number; dropped: number } {
  if (report.newFindings.length && !reason) throw new UsageError(`${report.newFindings.length} new finding(s) need a one-line --reason to be approved`);
  const keep = approved.filter((a) => !report.vanished.some((v) => findingKey(v) === findingKey(a)));
  const added = report.newFindings.map((f) => ({ ...f, reason: reason! }));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify([...keep, ...added], null, 2) + '\n');
  return { added: added.length, dropped: report.vanished.length };
}
