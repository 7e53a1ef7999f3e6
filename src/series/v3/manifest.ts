// v3's manifest: what each stage is, in our own words. Subjects and message-ids are v3's (15 Jun
// 2026, what landed); messages are ours. Declared changes name the typed differences they explain
// (src/slab/evidence.ts). Numbers are v3's; the RFC patch each one corresponds to is named in the
// message's last paragraph (see docs/v3-base.md for the version map).

import type { SeriesEntry } from '../../harness/series.ts';
import type { Slab } from '../../slab/observation.ts';

export type V3Entry = Omit<SeriesEntry<Slab>, 'slug'>;

export const SERIES_SUBJECT = 'mm/slab: introduce alloc_flags and slab_alloc_context';
/** slab/for-next as sent in the first 7.2 slab pull request ("Merge branch 'slab/for-7.2/alloc_token'"). */
export const SERIES_BASE = 'dfdfd58cce1c3f5df8733b64595448996c08e424';
export const SERIES_DATE = 'Mon, 15 Jun 2026 13:54:34 +0200';
export const PATCH_FROM = 'slabseries <slabseries@example.invalid>';

export function loreLink(n: number): string {
  return `https://lore.kernel.org/all/20260615-slab_alloc_flags-v3-${n}-ce1146d140fb@kernel.org`;
}

/** TypeScript counterpart of a kernel file (tools/include/… has none). */
export function counterpartOf(kernelFile: string): string | null {
  if (kernelFile.startsWith('tools/')) return null;
  return kernelFile.replace(/\.[ch]$/, '.ts');
}

export const COVER_LETTER = `Slab infers "this caller cannot spin on locks" from a gfp that lacks both __GFP_RECLAIM
bits. That is meant for kmalloc_nolock(), but it also catches ordinary callers that pass a weak
gfp and, during early boot, everyone, because gfp_allowed_mask strips the reclaim bits; they get
the trylock-only treatment and fail more often than necessary. And __GFP_NO_OBJ_EXT spends a
gfp bit on nothing but stopping recursion when slab allocates its own obj_ext vectors and
sheaves.

v3 moves this context into slab-internal alloc_flags (SLAB_ALLOC_NOLOCK, SLAB_ALLOC_NEW_SLAB,
SLAB_ALLOC_NO_RECURSE) and bundles the pass-through parameters into a const struct
slab_alloc_context. Compared with the RFC it keeps zeroing the whole object (the red-zone fix
went into the base instead, and kfence objects are left to kfence), turns the removal of struct
partial_context into a pure refactor and moves the trynode gfp masking next to the first
alloc_flags-based spin decision so that no step upgrades a caller's gfp, lets kmalloc_nolock()
accept __GFP_NOWARN and __GFP_NOMEMALLOC, declares kmalloc_flags() in mm/slab.h, keeps
__GFP_NO_OBJ_EXT next to SLAB_ALLOC_NO_RECURSE for one step so that no stage lets obj_ext
vectors allocate sheaves, and no longer removes the gfp bit (memory allocation profiling in
mm-unstable uses it).

In this model every stage is a complete, runnable TypeScript implementation of SLUB's allocation
paths on the same simulated kernel; each patch below is the TypeScript counterpart of the v3 patch
with the same number, generated from the stages (src/stages-v3/).`;

const L = loreLink;

export const MANIFEST: readonly V3Entry[] = [
  {
    number: 1,
    subject: 'mm/slab: do not init any kfence objects on allocation',
    message: `kfence zeroes its objects itself, because its own red zone starts at the
requested size and slab's full-object memset would overwrite it. slab
kept out of the way only in slab_alloc_node(), by jumping over the
slab_want_init_on_alloc() call for a kfence object; kmem_cache_alloc_bulk()
and kmem_cache_alloc_from_sheaf() computed init regardless and zeroed
kfence objects a second time (harmless only because their requested size
is the object size).

Let slab_post_alloc_hook() ask slab_want_init_on_alloc() itself instead
of every caller passing init, and skip the memset for kfence addresses,
so that no caller zeroes a kfence object. While at it, state the KASAN
hand-off once: KASAN does the zeroing only when it has integrated init
and slab_debug is off; then slab does not. Memory contents do not change;
only the second memset of bulk and from-sheaf kfence objects goes away.

Corresponds to RFC 01 by position and by its signature change only: the
RFC's "always zero only the requested size" is withdrawn (it broke
krealloc()'s __GFP_ZERO guarantee); zeroing the whole object_size stays.`,
    link: L(1),
    move: 'Replace Parameter with Query (init); Consolidate Conditional (KASAN hand-off); Guard Clause for kfence objects',
    kind: 'behaviour',
    declared: [
      {
        id: 'zeroing.kfence-left-to-kfence',
        description: 'slab no longer memsets kfence objects handed out by kmem_cache_alloc_bulk() and kmem_cache_alloc_from_sheaf(); kfence has zeroed the same bytes already, so contents are unchanged (internal only).',
        evidence: [],
      },
    ],
    kernelFiles: ['mm/kfence/core.c', 'mm/slub.c'],
    functions: ['slab_post_alloc_hook', 'slab_alloc_node', 'kmem_cache_alloc_from_sheaf_noprof', '_kmalloc_nolock_noprof', 'kmem_cache_alloc_bulk_noprof', 'kfence_guarded_alloc'],
    signatures: [{ fn: 'slab_post_alloc_hook', params: ['s', 'lru', 'flags', 'size', 'p', 'orig_size'] }],
    goldenChanges: {},
  },
  {
    number: 2,
    subject: 'mm/slab: stop inlining __slab_alloc_node()',
    message: `With the per-CPU sheaves as the allocation fast path, __slab_alloc_node()
is only reached on the slow path; forcing it inline into every
slab_alloc_node() caller only grows the code. Let the compiler decide and
mark the slow-path call unlikely(). Inlining and a branch hint change,
nothing else.

Same diff as RFC 02.`,
    link: L(2),
    move: 'Compiler-hint tidying (the codegen-level opposite of Inline Function)',
    kind: 'refactor',
    declared: [],
    kernelFiles: ['mm/slub.c'],
    functions: ['__slab_alloc_node', 'slab_alloc_node'],
    signatures: [{ fn: '__slab_alloc_node', params: ['s', 'gfpflags', 'node', 'addr', 'orig_size'] }],
    goldenChanges: {},
  },
  {
    number: 3,
    subject: 'mm/slab: introduce slab_alloc_context',
    message: `The slow path threads the caller address and the requested size through
several layers as separate arguments, and more is to come. Introduce
struct slab_alloc_context (after the page allocator's struct
alloc_context) holding caller_addr and orig_size, and let
__slab_alloc_node(), ___slab_alloc() and alloc_single_from_new_slab()
take a const pointer to it. slab_alloc_node() builds one on its slow
path, the debug branch of bulk allocation one for its whole loop, and
kmalloc_nolock() one among its locals, before the per-CPU fast path, so
that it is initialised on every path. No functional change.

As RFC 03, but orig_size is size_t, the context is const everywhere, and
kmalloc_nolock()'s context sits at the top (the RFC declared it after the
fast path's jump to success:). The v3 03 mail is not in the index: this
stage is reconstructed from the context lines of v3 04-06 and 12 and the
stored v3 15 mm/slub.c (spec series-v3.md, v3 03).`,
    link: L(3),
    move: 'Introduce Parameter Object (expand)',
    kind: 'refactor',
    declared: [],
    kernelFiles: ['mm/slub.c'],
    functions: ['alloc_single_from_new_slab', '___slab_alloc', '__slab_alloc_node', 'slab_alloc_node', '_kmalloc_nolock_noprof', '__kmem_cache_alloc_bulk'],
    signatures: [
      { fn: 'alloc_single_from_new_slab', params: ['s', 'slab', 'ac', 'allow_spin'] },
      { fn: '___slab_alloc', params: ['s', 'gfpflags', 'node', 'ac'] },
      { fn: '__slab_alloc_node', params: ['s', 'gfpflags', 'node', 'ac'] },
    ],
    goldenChanges: {},
  },
  {
    number: 4,
    subject: 'mm/slab: introduce alloc_flags and SLAB_ALLOC_NOLOCK',
    message: `Slab infers "must not spin" from a gfp that lacks both reclaim bits. That
is right for kmalloc_nolock(), but it also catches ordinary callers with
a weak gfp and everything during early boot (gfp_allowed_mask), which
then get no sheaf refill and fail more than necessary. Add slab-internal
alloc_flags, like the page allocator's: SLAB_ALLOC_DEFAULT, and
SLAB_ALLOC_NOLOCK for kmalloc_nolock(), with alloc_flags_allow_spinning().
Pass them through alloc_from_pcs() into __pcs_replace_empty_main(), the
first decision to use them, and drop refill_objects()' gfp-based WARN and
bail-out, which would otherwise stop those callers from refilling.

As RFC 04, with the flag named NOLOCK instead of TRYLOCK (a trylock
suggests retrying on contention).`,
    link: L(4),
    move: 'Parallel Change (expand); Change Function Declaration (add parameter); migrate first consumer; Remove Assertion',
    kind: 'behaviour',
    declared: [
      {
        id: 'pcs.no-reclaim-refills',
        description: 'A non-nolock allocation whose gfp has no reclaim bits now swaps with the barn under a spinning lock, may take or allocate an empty sheaf and refills it, instead of falling to the slow path.',
        evidence: [],
      },
      {
        id: 'refill.no-spin-guard-removed',
        description: 'refill_objects() no longer WARNs and returns 0 for a no-reclaim gfp: bulk allocation, sheaf prefill/refill/return with such gfp now proceed (new slabs still come from the nolock page allocator until v3 07).',
        evidence: [],
      },
    ],
    kernelFiles: ['mm/slab.h', 'mm/slub.c'],
    functions: ['__pcs_replace_empty_main', 'alloc_from_pcs', 'slab_alloc_node', '_kmalloc_nolock_noprof', 'refill_objects', 'alloc_flags_allow_spinning'],
    signatures: [
      { fn: '__pcs_replace_empty_main', params: ['s', 'pcs', 'gfp', 'alloc_flags'] },
      { fn: 'alloc_from_pcs', params: ['s', 'gfp', 'alloc_flags', 'node'] },
    ],
    goldenChanges: {},
  },
];
