import { describe, expect, it } from 'vitest';
import * as gfp from '../src/kernel/gfp.ts';
import { STAGES } from '../src/series/rfc/stages.ts';

const base = STAGES[0];

describe('gfp bits and combinations (spec §8)', () => {
  it('has the kernel values', () => {
    expect(gfp.__GFP_RECLAIM).toBe(0xc00);
    expect(gfp.GFP_ATOMIC).toBe(0x820);
    expect(gfp.GFP_KERNEL).toBe(0xcc0);
    expect(gfp.GFP_KERNEL_ACCOUNT).toBe(0x400cc0);
    expect(gfp.GFP_NOWAIT).toBe(0x2800);
    expect(gfp.__GFP_THISNODE).toBe(0x200000);
    expect(gfp.__GFP_ZEROTAGS).toBe(0x800000);
  });
  it('places __GFP_NO_OBJ_EXT at bit 24 in the baseline, and derives GFP_BOOT_MASK from the mask', () => {
    expect(base.gfpNames.get('__GFP_NO_OBJ_EXT')).toBe(0x1000000);
    expect(base.gfp.bitsMask).toBe(0x1ffffff);
    expect(gfp.gfpBootMask(base.gfp.bitsMask) & gfp.__GFP_RECLAIM).toBe(0);
    expect(gfp.gfpBootMask(base.gfp.bitsMask) & gfp.__GFP_ZERO).toBe(gfp.__GFP_ZERO);
  });
  it('derives spinning from either reclaim bit', () => {
    expect(gfp.gfpflags_allow_spinning(gfp.GFP_ATOMIC)).toBe(true);
    expect(gfp.gfpflags_allow_spinning(gfp.GFP_NOWAIT)).toBe(true);
    expect(gfp.gfpflags_allow_spinning(gfp.__GFP_DIRECT_RECLAIM)).toBe(true);
    expect(gfp.gfpflags_allow_spinning(gfp.__GFP_HIGH | gfp.__GFP_NOWARN)).toBe(false);
    expect(gfp.gfpflags_allow_spinning(0)).toBe(false);
  });
});

describe('parse and print with the trace rule', () => {
  const names = base.gfp.traceNames;
  const parse = (s: string) => gfp.parseGfp(s, base.gfpNames);
  it('prints the spec examples', () => {
    expect(gfp.formatGfp(parse('GFP_ATOMIC|__GFP_NOWARN'), names)).toBe('GFP_ATOMIC|__GFP_NOWARN');
    expect(gfp.formatGfp(parse('GFP_KERNEL|__GFP_ZERO'), names)).toBe('GFP_KERNEL|__GFP_ZERO');
    expect(gfp.formatGfp(gfp.__GFP_DMA, names)).toBe('GFP_DMA');
    expect(gfp.formatGfp(0, names)).toBe('none');
  });
  it('prints bits it has no name for in hex', () => {
    expect(gfp.formatGfp(0x200 | gfp.__GFP_ZERO, names)).toBe('__GFP_ZERO|0x200');
  });
  it('prints __GFP_NO_OBJ_EXT by name in the baseline', () => {
    expect(gfp.formatGfp(parse('GFP_KERNEL|__GFP_NO_OBJ_EXT'), names)).toBe('GFP_KERNEL|__GFP_NO_OBJ_EXT');
  });
  it('rejects unknown names naming them', () => {
    expect(() => parse('GFP_KERNEL|__GFP_BOGUS')).toThrow(/__GFP_BOGUS/);
    expect(() => parse('GFP_KERNEL|')).toThrow(/empty term/);
  });
  it('round-trips every single bit through print and parse', () => {
    for (const e of names) expect(parse(gfp.formatGfp(e.mask, names))).toBe(e.mask);
  });
});
