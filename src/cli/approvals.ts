// findings/approved.json: the known finding signatures, each with a one-line reason. Read for every
// check; written only by `check --approve --reason`.

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { unapproved, type Approval, type CheckReport } from '../harness/check.ts';
import type { DomainTypes } from '../harness/domain.ts';
import { UsageError } from './context.ts';

export function loadApproved(path: string): Approval[] {
  if (!existsSync(path)) return [];
  let j: unknown;
  try {
    j = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`findings/approved.json: not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(j)) throw new UsageError('findings/approved.json: expected an array of approvals');
  j.forEach((f, i) => {
    for (const k of ['signature', 'reason']) if (typeof f?.[k] !== 'string' || !f[k]) throw new UsageError(`findings/approved.json: [${i}].${k}: expected a non-empty string`);
  });
  return j as Approval[];
}

/** One non-blank line. */
export function checkReason(reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  const r = reason.trim();
  if (!r || /[\r\n]/.test(r)) throw new UsageError('--reason must be one non-blank line');
  return r;
}

/**
 * Record every unapproved signature of the report's new findings with the reason (and the first
 * place it was seen), and drop vanished approvals.
 */
export function approve<T extends DomainTypes>(path: string, report: CheckReport<T>, approved: readonly Approval[], reasonIn: string | undefined): { added: number; dropped: number } {
  const reason = checkReason(reasonIn);
  if (report.newFindings.length && !reason) throw new UsageError(`${report.newFindings.length} new finding(s) need a one-line --reason to be approved`);
  const vanished = new Set(report.vanished.map((v) => v.signature));
  const keep = approved.filter((a) => !vanished.has(a.signature));
  const known = new Set(keep.map((a) => a.signature));
  const added: Approval[] = [];
  for (const f of report.newFindings)
    for (const s of unapproved(f, known)) {
      known.add(s);
      added.push({ signature: s, reason: reason!, example: { stage: f.stage, scenario: f.scenario } });
    }
  const all = [...keep, ...added].sort((a, b) => (a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, JSON.stringify(all, null, 2) + '\n');
  renameSync(`${path}.tmp`, path);
  return { added: added.length, dropped: report.vanished.length };
}
