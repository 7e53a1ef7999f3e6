// The series manifest: what each stage is, in our own words. Read by the harness, the CLI and the
// patch generator. Subjects and message-ids are the RFC's; messages are ours.

export type PatchKind = 'refactor' | 'behaviour';

/** A behaviour change the patch declares, as a class the harness can verify. */
export interface DeclaredChange {
  /** Stable identifier, e.g. "zeroing.requested-size-only". */
  id: string;
  description: string;
  /**
   * Regular expressions over rendered observation lines (src/harness/observation.ts). A line that
   * differs between stage N-1 and N is explained by this change if it matches one of them.
   */
  evidence: string[];
}

export interface SignatureChange {
  /** The kernel function. */
  fn: string;
  /** Parameter names after the patch, in order (as in the spec's after-signature). */
  params: string[];
}

export interface SeriesEntry {
  number: number;
  slug: string;
  subject: string;
  /** Our commit message: what changes and why. */
  message: string;
  link: string;
  /** The refactoring move(s), in catalogue terms. */
  move: string;
  kind: PatchKind;
  declared: DeclaredChange[];
  /** Kernel files the real patch touches. */
  kernelFiles: string[];
  /** Kernel functions the real patch changes (bodies or signatures). */
  functions: string[];
  /** Functions whose signature the spec gives after the patch. */
  signatures: SignatureChange[];
  /**
   * Why golden observations of this stage differ from the previous stage's, scenario by scenario
   * (empty for a pure refactor).
   */
  goldenChanges: Record<string, string>;
}

export const SERIES_SUBJECT = 'mm/slab: introduce alloc_flags and slab_alloc_context';
export const SERIES_BASE = '500b2c9755301742bdbb61249511ac11a4665dae';
export const SERIES_DATE = 'Tue, 9 Jun 2026 11:17:45 +0200';
export const PATCH_FROM = 'slabseries <slabseries@example.invalid>';

export function loreLink(n: number): string {
  return `https://lore.kernel.org/all/20260609-slab_alloc_flags-v1-${n}-2bf4a4b9b526@kernel.org`;
}

/** TypeScript counterpart of a kernel file (tools/include/… has none). */
export function counterpartOf(kernelFile: string): string | null {
  if (kernelFile.startsWith('tools/')) return null;
  return kernelFile.replace(/\.[ch]$/, '.ts');
}

export const COVER_LETTER = `The slab allocator has been using gfp flags to carry two pieces of context that are not really
about the page allocator at all. First, "this caller cannot spin on locks" is inferred from the
absence of both __GFP_RECLAIM bits. That was meant for kmalloc_nolock(), but it also catches callers
that merely pass a weak gfp (__GFP_HIGH|__GFP_NOWARN, __GFP_NOWARN, 0) and, indirectly, every
allocation during early boot, when gfp_allowed_mask strips the reclaim bits. Such callers get the
trylock-only treatment — no sheaf refills, trylocked partial lists, the nolock page allocator that
fails before deferred page init — and fail more often than they need to. Second, __GFP_NO_OBJ_EXT
spends a scarce gfp bit on nothing but stopping recursion when slab allocates its own obj_ext
vectors and sheaves.

The series moves this context into slab-internal alloc_flags (SLAB_ALLOC_TRYLOCK,
SLAB_ALLOC_NEW_SLAB, SLAB_ALLOC_NO_RECURSE), copying the page allocator's ALLOC_TRYLOCK idea, and
bundles the growing list of pass-through parameters into struct slab_alloc_context. It proceeds in
small steps: introduce the context, introduce the flags, convert one spin decision at a time,
thread the context through the post-allocation hooks and kmalloc, add kmalloc_flags() so nested
allocations can say both "trylock" and "do not recurse", then retire __GFP_NO_OBJ_EXT.

In this model every stage is a complete, runnable TypeScript implementation of SLUB's allocation
paths on the same simulated kernel; each patch below is the TypeScript counterpart of the RFC patch
with the same number, generated from the stages.`;

const L = loreLink;

export const SERIES: readonly SeriesEntry[] = [
  {
    number: 1,
    slug: '01-zero-requested-size',
    subject: 'mm/slab: always zero only requested size on alloc',
    message: `Zeroing on allocation (__GFP_ZERO or init_on_alloc) used to cover the
whole object, except for kmalloc caches with red zoning, where it had to
stop at the requested size. Nothing may legitimately use the bucket slack
beyond the requested size any more, so zero only the requested size,
always. slab_post_alloc_hook() now asks slab_want_init_on_alloc() itself
instead of every caller passing an init flag, which also removes the
subtle skip for kfence objects: those are now zeroed by slab as well as
by kfence (harmlessly twice, kfence keeps doing it for KASAN's sake).`,
    link: L(1),
    move: 'Replace Parameter with Query (init); Remove Dead Code (zero_size special case)',
    kind: 'behaviour',
    declared: [
      {
        id: 'zeroing.requested-size-only',
        description: 'Zeroing on alloc covers only orig_size: the [orig_size, object_size) tail of kmalloc objects is no longer cleared (and krealloc copies that uncleared tail into a grown object).',
        evidence: ['^    \\S+: slab \\S+; bytes\\[\\d+\\] (zero|nonzero) #[0-9a-f]{8}; tail\\[\\d+\\] (zero|nonzero) #[0-9a-f]{8}$', '^    \\S+: large; bytes\\[\\d+\\] nonzero #[0-9a-f]{8}$'],
      },
      {
        id: 'zeroing.kfence-double-init',
        description: 'kfence objects obtained in slab_alloc_node() are now also zeroed by slab (same bytes as kfence already zeroed).',
        evidence: ['^    \\S+: kfence \\S+; bytes\\['],
      },
    ],
    kernelFiles: ['mm/kfence/core.c', 'mm/slub.c'],
    functions: ['slab_post_alloc_hook', 'slab_alloc_node', 'kmem_cache_alloc_from_sheaf_noprof', '_kmalloc_nolock_noprof', 'kmem_cache_alloc_bulk_noprof', 'kfence_guarded_alloc'],
    signatures: [{ fn: 'slab_post_alloc_hook', params: ['s', 'lru', 'flags', 'size', 'p', 'orig_size'] }],
    goldenChanges: {
      'kfence-kzalloc': 'non-kfence kzalloc objects keep a stale tail: only the requested size is zeroed',
      'kmalloc-fastpath': 'kzalloc(40) from kmalloc-64 no longer zeroes the 24-byte tail',
      'krealloc-shrink-grow': 'the kmalloc-512 tail is no longer zeroed, and krealloc copies the whole old bucket into the large objects',
      'kzalloc-tail-zeroing': 'kzalloc tails beyond the requested size are no longer zeroed',
      'nolock-gfp-and-memcg': 'kmalloc_nolock(__GFP_ZERO) zeroes only the requested size',
      'nolock-nmi-list-lock-held': 'kmalloc_nolock(__GFP_ZERO) zeroes only the requested size',
      'nolock-zone-lock-busy-largest-bucket': 'kmalloc_nolock(__GFP_ZERO) zeroes only the requested size',
    },
  },
  {
    number: 2,
    slug: '02-stop-inlining-slab-alloc-node',
    subject: 'mm/slab: stop inlining __slab_alloc_node()',
    message: '',
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
    slug: '03-introduce-slab-alloc-context',
    subject: 'mm/slab: introduce slab_alloc_context',
    message: '',
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
    slug: '04-introduce-alloc-flags-trylock',
    subject: 'mm/slab: introduce alloc_flags and SLAB_ALLOC_TRYLOCK',
    message: '',
    link: L(4),
    move: 'Parallel Change (expand); Change Function Declaration (add parameter); migrate first consumer; Remove Assertion',
    kind: 'behaviour',
    declared: [],
    kernelFiles: ['mm/slab.h', 'mm/slub.c'],
    functions: ['__pcs_replace_empty_main', 'alloc_from_pcs', 'slab_alloc_node', '_kmalloc_nolock_noprof', 'refill_objects', 'alloc_flags_allow_spinning'],
    signatures: [
      { fn: '__pcs_replace_empty_main', params: ['s', 'pcs', 'gfp', 'alloc_flags'] },
      { fn: 'alloc_from_pcs', params: ['s', 'gfp', 'alloc_flags', 'node'] },
    ],
    goldenChanges: {},
  },
  {
    number: 5,
    slug: '05-alloc-flags-in-context',
    subject: 'mm/slab: add alloc_flags to slab_alloc_context',
    message: '',
    link: L(5),
    move: 'Move Field into the Parameter Object; Replace Parameter with Query (allow_spin); Parallel Change (migrate)',
    kind: 'behaviour',
    declared: [],
    kernelFiles: ['mm/slub.c'],
    functions: ['alloc_single_from_new_slab', '___slab_alloc', 'slab_alloc_node', '_kmalloc_nolock_noprof', '__kmem_cache_alloc_bulk'],
    signatures: [{ fn: 'alloc_single_from_new_slab', params: ['s', 'slab', 'ac'] }],
    goldenChanges: {},
  },
  {
    number: 6,
    slug: '06-replace-partial-context',
    subject: 'mm/slab: replace struct partial_context with slab_alloc_context',
    message: '',
    link: L(6),
    move: 'Inline Class (partial_context); Preserve Whole Object; Parallel Change (migrate)',
    kind: 'behaviour',
    declared: [],
    kernelFiles: ['mm/slub.c'],
    functions: ['get_from_partial_node', 'get_from_any_partial', 'get_from_partial', '___slab_alloc'],
    signatures: [
      { fn: 'get_from_partial_node', params: ['s', 'n', 'gfp_flags', 'ac'] },
      { fn: 'get_from_any_partial', params: ['s', 'gfp_flags', 'ac'] },
      { fn: 'get_from_partial', params: ['s', 'node', 'flags', 'ac'] },
    ],
    goldenChanges: {},
  },
  {
    number: 7,
    slug: '07-alloc-flags-to-new-slab',
    subject: 'mm/slab: pass alloc_flags to new slab allocation',
    message: '',
    link: L(7),
    move: 'Change Function Declaration (add parameter); Parallel Change (migrate); Substitute Algorithm (trynode flags: branch → mask)',
    kind: 'behaviour',
    declared: [],
    kernelFiles: ['mm/slub.c'],
    functions: ['allocate_slab', 'new_slab', '___slab_alloc', 'refill_objects', 'early_kmem_cache_node_alloc'],
    signatures: [
      { fn: 'allocate_slab', params: ['s', 'flags', 'alloc_flags', 'node'] },
      { fn: 'new_slab', params: ['s', 'flags', 'alloc_flags', 'node'] },
    ],
    goldenChanges: {},
  },
  {
    number: 8,
    slug: '08-alloc-flags-through-post-alloc-hook',
    subject: 'mm/slab: pass alloc_flags through slab_post_alloc_hook() chain',
    message: '',
    link: L(8),
    move: 'Change Function Declaration along a call chain; Introduce Parameter Object (migrate); Preserve Whole Object; Replace Flag Argument (bool new_slab → flag bit); Parallel Change (migrate)',
    kind: 'behaviour',
    declared: [],
    kernelFiles: ['mm/memcontrol.c', 'mm/slab.h', 'mm/slub.c'],
    functions: ['alloc_slab_obj_exts', '__memcg_slab_post_alloc_hook', 'prepare_slab_obj_exts_hook', '__alloc_tagging_slab_alloc_hook', 'alloc_tagging_slab_alloc_hook', 'memcg_slab_post_alloc_hook', 'account_slab', 'slab_post_alloc_hook', 'allocate_slab', 'slab_alloc_node', 'kmem_cache_alloc_from_sheaf_noprof', 'kmem_cache_alloc_bulk_noprof', '_kmalloc_nolock_noprof', 'memcg_slab_post_charge'],
    signatures: [
      { fn: 'alloc_slab_obj_exts', params: ['slab', 's', 'gfp', 'alloc_flags'] },
      { fn: '__memcg_slab_post_alloc_hook', params: ['s', 'lru', 'flags', 'slab_alloc_flags', 'size', 'p'] },
      { fn: 'prepare_slab_obj_exts_hook', params: ['s', 'slab', 'flags', 'alloc_flags', 'p'] },
      { fn: '__alloc_tagging_slab_alloc_hook', params: ['s', 'object', 'flags', 'alloc_flags'] },
      { fn: 'alloc_tagging_slab_alloc_hook', params: ['s', 'object', 'flags', 'alloc_flags'] },
      { fn: 'memcg_slab_post_alloc_hook', params: ['s', 'flags', 'size', 'p', 'ac'] },
      { fn: 'account_slab', params: ['slab', 'order', 's', 'gfp', 'alloc_flags'] },
      { fn: 'slab_post_alloc_hook', params: ['s', 'flags', 'size', 'p', 'ac'] },
    ],
    goldenChanges: {},
  },
  {
    number: 9,
    slug: '09-slab-alloc-node-context',
    subject: 'mm/slab: replace slab_alloc_node() parameters with slab_alloc_context',
    message: '',
    link: L(9),
    move: 'Introduce Parameter Object (migrate); Move Statements to Callers',
    kind: 'refactor',
    declared: [],
    kernelFiles: ['mm/slub.c'],
    functions: ['slab_alloc_node', 'kmem_cache_alloc_noprof', 'kmem_cache_alloc_lru_noprof', 'kmem_cache_alloc_node_noprof', '__do_kmalloc_node', '__kmalloc_cache_noprof', '__kmalloc_cache_node_noprof'],
    signatures: [{ fn: 'slab_alloc_node', params: ['s', 'gfpflags', 'node', 'ac'] }],
    goldenChanges: {},
  },
  {
    number: 10,
    slug: '10-bulk-any-gfp',
    subject: 'mm/slab: allow kmem_cache_alloc_bulk() with any gfp flags',
    message: '',
    link: L(10),
    move: 'Replace derived argument with a constant (Inline Variable / Remove Dead Code); documentation',
    kind: 'behaviour',
    declared: [],
    kernelFiles: ['mm/slub.c'],
    functions: ['alloc_from_pcs_bulk', 'kmem_cache_alloc_bulk_noprof', 'alloc_slab_obj_exts'],
    signatures: [],
    goldenChanges: {},
  },
  {
    number: 11,
    slug: '11-context-to-do-kmalloc-node',
    subject: 'mm/slab: pass slab_alloc_context to __do_kmalloc_node()',
    message: '',
    link: L(11),
    move: 'Introduce Parameter Object (migrate); Move Statements to Callers',
    kind: 'refactor',
    declared: [],
    kernelFiles: ['mm/slub.c'],
    functions: ['__do_kmalloc_node', '__kmalloc_node_noprof', '__kmalloc_noprof', '__kvmalloc_node_noprof', '__kmalloc_node_track_caller_noprof'],
    signatures: [{ fn: '__do_kmalloc_node', params: ['size', 'b', 'flags', 'node', 'token', 'ac'] }],
    goldenChanges: {},
  },
  {
    number: 12,
    slug: '12-introduce-kmalloc-flags',
    subject: 'mm/slab: introduce kmalloc_flags()',
    message: '',
    link: L(12),
    move: 'Extract Function (__kmalloc_nolock_noprof); Parallel Change (expand: a new entry point); New Interface, Old Implementation',
    kind: 'refactor',
    declared: [],
    kernelFiles: ['include/linux/slab.h', 'mm/slub.c'],
    functions: ['__kmalloc_flags_noprof', '_kmalloc_flags_noprof', '__kmalloc_nolock_noprof', '_kmalloc_nolock_noprof'],
    signatures: [
      { fn: '__kmalloc_nolock_noprof', params: ['size', 'token', 'gfp_flags', 'node', 'ac'] },
      { fn: '__kmalloc_flags_noprof', params: ['size', 'token', 'flags', 'alloc_flags', 'node'] },
    ],
    goldenChanges: {},
  },
  {
    number: 13,
    slug: '13-no-recurse-for-obj-exts',
    subject: 'mm/slab: remove __GFP_NO_OBJ_EXT usage from alloc_slab_obj_exts()',
    message: '',
    link: L(13),
    move: 'Parallel Change (migrate: recursion guard for vectors); Consolidate Conditional / Substitute Algorithm',
    kind: 'behaviour',
    declared: [],
    kernelFiles: ['mm/slab.h', 'mm/slub.c'],
    functions: ['alloc_slab_obj_exts', '__alloc_tagging_slab_alloc_hook', 'free_slab_obj_exts'],
    signatures: [],
    goldenChanges: {},
  },
  {
    number: 14,
    slug: '14-no-recurse-for-sheaves',
    subject: 'mm/slab: replace __GFP_NO_OBJ_EXT with SLAB_ALLOC_NO_RECURSE for sheaves',
    message: '',
    link: L(14),
    move: 'Parallel Change (migrate: last users); Change Function Declaration (add parameter)',
    kind: 'behaviour',
    declared: [],
    kernelFiles: ['mm/slub.c'],
    functions: ['__alloc_empty_sheaf', 'alloc_empty_sheaf', 'free_empty_sheaf', '__kmalloc_nolock_noprof', '__pcs_replace_empty_main', 'kmem_cache_prefill_sheaf', '__pcs_replace_full_main', '__kfree_rcu_sheaf', 'init_percpu_sheaves', 'bootstrap_cache_sheaves'],
    signatures: [
      { fn: '__alloc_empty_sheaf', params: ['s', 'gfp', 'alloc_flags', 'capacity'] },
      { fn: 'alloc_empty_sheaf', params: ['s', 'gfp', 'alloc_flags'] },
    ],
    goldenChanges: {},
  },
  {
    number: 15,
    slug: '15-remove-gfp-no-obj-ext',
    subject: 'mm: remove the __GFP_NO_OBJ_EXT flag',
    message: '',
    link: L(15),
    move: 'Parallel Change (contract); Remove Dead Code',
    kind: 'behaviour',
    declared: [],
    kernelFiles: ['include/linux/gfp_types.h', 'include/linux/slab.h', 'include/trace/events/mmflags.h', 'lib/alloc_tag.c', 'tools/include/linux/gfp_types.h'],
    functions: [],
    signatures: [],
    goldenChanges: {},
  },
];

export function seriesEntry(n: number): SeriesEntry | undefined {
  return SERIES.find((e) => e.number === n);
}
