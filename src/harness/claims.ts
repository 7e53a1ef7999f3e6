// Checking a step's claim: a refactor must be equivalent; a behaviour change may only show the
// differences it declares (matched by the evidence patterns of its declared classes).

import type { Difference, StepComparison } from './compare.ts';

/** What the harness needs to know of a step's claim (src/series.ts entries satisfy it). */
export interface StepClaim {
  kind: 'refactor' | 'behaviour';
  declared: readonly { id: string; evidence: readonly string[] }[];
}

export interface ClaimCheck {
  /** Differences explained by a declared change, with its id. */
  declared: { diff: Difference; id: string }[];
  undeclared: Difference[];
}

export function checkClaim(claim: StepClaim, cmp: StepComparison): ClaimCheck {
  const out: ClaimCheck = { declared: [], undeclared: [] };
  if (cmp.verdict === 'n/a') return out;
  if (claim.kind === 'refactor') {
    out.undeclared.push(...cmp.differences);
    return out;
  }
  const patterns = claim.declared.map((d) => ({ id: d.id, res: d.evidence.map((e) => new RegExp(e)) }));
  const matched = cmp.differences.map((diff) => {
    const lines = [...diff.before, ...diff.after];
    return patterns.find((p) => lines.length > 0 && lines.every((l) => p.res.some((r) => r.test(l)))) ?? null;
  });
  // Once a declared change has taken a scenario down another path, internal differences from that
  // operation on (other locks, other objects, other sheaf states) are its consequences.
  const first = matched.findIndex((m) => m !== null);
  const firstOp = first >= 0 ? cmp.differences[first].op : null;
  cmp.differences.forEach((diff, i) => {
    const m = matched[i];
    if (m) out.declared.push({ diff, id: m.id });
    else if (first >= 0 && (i > first || diff.op === firstOp) && diff.kind === 'internal') out.declared.push({ diff, id: `${matched[first]!.id} (consequence)` });
    else out.undeclared.push(diff);
  });
  return out;
}
