// include/linux/gfp_types.h — the stage's gfp bit layout. Bits 0..23 are shared (src/kernel/gfp.ts);
// with CONFIG_KASAN_HW_TAGS=n and CONFIG_LOCKDEP=n nothing follows them.

export * from '../../../../kernel/gfp.ts';

export const ___GFP_LAST_BIT = 24;

export const __GFP_BITS_SHIFT = ___GFP_LAST_BIT;
export const __GFP_BITS_MASK = (1 << __GFP_BITS_SHIFT) - 1;
