// The judge's object comparison: byte promises are compared between two objects only; an
// allocation that failed at one stage is a result change (judged as such), not memory handed out
// unzeroed. (explore found RFC 14 "requested bytes not zero under __GFP_ZERO" for a kmalloc_nolock
// that simply returned NULL at stage 14.)
import { describe, expect, it } from 'vitest';
import { compareObject } from '../src/slab/judge.ts';
import type { SlabObject, SlabOp } from '../src/slab/observation.ts';

const op = { facts: { context: 'nmi', wantZero: true } } as unknown as SlabOp;
const zeroed: SlabObject = { handle: 'h0', kind: 'slab', cache: 'kmalloc-1k', bytes: { requested: 1000, zero: true, digest: 'a' } };
const dirty: SlabObject = { handle: 'h0', kind: 'slab', cache: 'kmalloc-1k', bytes: { requested: 1000, zero: false, digest: 'b' } };
const nul: SlabObject = { handle: 'h0', kind: 'NULL', cache: null };

describe('compareObject under __GFP_ZERO', () => {
  it('a success that became NULL is no zeroing regression (nor a NULL that became a zeroed object an improvement)', () => {
    expect(compareObject(zeroed, nul, op)?.what ?? '').not.toMatch(/__GFP_ZERO/);
    expect(compareObject(nul, zeroed, op)?.what ?? '').not.toMatch(/__GFP_ZERO/);
  });
  it('two objects whose requested bytes differ in zeroness are judged', () => {
    expect(compareObject(zeroed, dirty, op)).toMatchObject({ kind: 'observable', effect: 'regressed', what: 'requested bytes not zero under __GFP_ZERO' });
    expect(compareObject(dirty, zeroed, op)).toMatchObject({ kind: 'observable', effect: 'improved' });
  });
});
