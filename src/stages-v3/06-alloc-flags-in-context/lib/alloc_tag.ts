// lib/alloc_tag.c — only the part the series touches: the early-PFN array and its TODO comment.
// Allocation-tag accounting itself is the shared observer in src/kernel/observers.ts.

/*
 * TODO: the fixed-size array could be replaced with dynamic allocation using a GFP flag similar to
 * ___GFP_NO_OBJ_EXT to avoid recursion.
 */
export const EARLY_ALLOC_PFN_MAX = 256;
