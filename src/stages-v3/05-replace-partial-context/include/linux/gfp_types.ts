// include/linux/gfp_types.h — the stage's gfp bit layout. Bits 0..23 are shared (src/kernel/gfp.ts);
// with CONFIG_KASAN_HW_TAGS=n and CONFIG_LOCKDEP=n the next enum entry is ___GFP_NO_OBJ_EXT_BIT.

export * from '../../../../kernel/gfp.ts';

export const ___GFP_NO_OBJ_EXT_BIT = 24;
export const ___GFP_LAST_BIT = 25;

export const ___GFP_NO_OBJ_EXT = 1 << ___GFP_NO_OBJ_EXT_BIT;

/**
 * %__GFP_NO_OBJ_EXT causes slab allocation to have no object extension.
 * mark_obj_codetag_empty() should be called upon freeing for objects allocated with this flag to
 * indicate that their NULL tags are expected and normal.
 */
export const __GFP_NO_OBJ_EXT = ___GFP_NO_OBJ_EXT;

export const __GFP_BITS_SHIFT = ___GFP_LAST_BIT;
export const __GFP_BITS_MASK = (1 << __GFP_BITS_SHIFT) - 1;
