// Checking a step's claim: a refactor must be equivalent; a behaviour change may only show the
// differences it declares, each matched by the typed evidence of a declared change.

import type { StepComparison } from './compare.ts';
import type { DiffDetail, Difference, DomainTypes } from './domain.ts';
import { matchShape, type Shape } from './match.ts';

export type PatchKind = 'refactor' | 'behaviour';

/** A behaviour change a patch declares, as a class of typed differences the harness can verify. */
export interface DeclaredChange<T extends DomainTypes> {
  /** Stable identifier, e.g. "zeroing.requested-size-only". */
  id: string;
  description: string;
  /** A difference is explained by this change when its detail has one of these shapes. */
  evidence: readonly Shape<DiffDetail<T>>[];
}

/** What the harness needs to know of a step's claim (manifest entries satisfy it). */
export interface StepClaim<T extends DomainTypes> {
  kind: PatchKind;
  declared: readonly DeclaredChange<T>[];
}

export interface ClaimCheck<T extends DomainTypes> {
  /** Differences explained by a declared change, with its id. */
  declared: { diff: Difference<T>; id: string }[];
  undeclared: Difference<T>[];
}

export function explains<T extends DomainTypes>(change: DeclaredChange<T>, diff: Difference<T>): boolean {
  return change.evidence.some((shape) => matchShape(shape, diff.detail));
}

export function checkClaim<T extends DomainTypes>(claim: StepClaim<T>, cmp: StepComparison<T>): ClaimCheck<T> {
  const out: ClaimCheck<T> = { declared: [], undeclared: [] };
  if (cmp.verdict === 'n/a') return out;
  if (claim.kind === 'refactor') {
    for (const d of cmp.differences) out.undeclared.push(d);
    return out;
  }
  const matched = cmp.differences.map((diff) => claim.declared.find((c) => explains(c, diff)) ?? null);
  // Once a declared change has taken a scenario down another path, internal differences from that
  // operation on (other locks, other objects, other sheaf states) are its consequences; so are the
  // outcomes of later operations that meet the state it left (other pages, sheaves, charges),
  // unless they are harms: a regression is undeclared wherever it shows (and a finding anyway).
  // "Later" is in time, not in record order: an operation's injected interrupts ("3/inject0/1") are
  // recorded after it but run inside it, so its outcome follows everything its interrupts did (a
  // kmalloc_nolock() interrupted by an allocation that now gets a new slab may find its object there).
  const first = matched.findIndex((m) => m !== null);
  const firstOp = first >= 0 ? cmp.differences[first].at : null;
  const declaredOps = new Set(cmp.differences.filter((_, i) => matched[i] !== null).map((d) => d.at));
  const interruptDeclared = (at: string) => [...declaredOps].some((o) => o.startsWith(`${at}/`));
  cmp.differences.forEach((diff, i) => {
    const m = matched[i];
    const after = first >= 0 && (interruptDeclared(diff.at) || i > first);
    if (m) out.declared.push({ diff, id: m.id });
    else if (first >= 0 && (after || diff.at === firstOp) && diff.kind === 'internal') out.declared.push({ diff, id: `${matched[first]!.id} (consequence)` });
    else if (after && (diff.at !== firstOp || interruptDeclared(diff.at)) && diff.effect !== 'regressed') out.declared.push({ diff, id: `${matched[first]!.id} (consequence, later operation)` });
    else out.undeclared.push(diff);
  });
  return out;
}
