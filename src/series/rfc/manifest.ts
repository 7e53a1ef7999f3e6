// The RFC's manifest: what each stage is, in our own words. Subjects and message-ids are the RFC's;
// messages are ours. Declared changes name the typed differences they explain (src/slab/evidence.ts).

import type { SeriesEntry } from '../../harness/series.ts';
import type { Slab } from '../../slab/observation.ts';
import { DEFAULT_PATH_OPS, depth, end, END_BALANCES, ev, lock, obj, records, result } from '../../slab/evidence.ts';

export type RfcEntry = Omit<SeriesEntry<Slab>, 'slug'>;

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

export const MANIFEST: readonly RfcEntry[] = [
  {
    number: 1,
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
        evidence: [
          ...obj({ kind: 'slab', bytes: { tail: {} } }, { kind: 'large', bytes: { zero: false } }),
          // krealloc()'s grown object, whatever its bucket: the copied or kept tail is not zeroed.
          ...obj.of('krealloc')({ kind: ['slab', 'large'] }),
        ],
      },
      {
        id: 'zeroing.kfence-double-init',
        description: 'kfence objects obtained in slab_alloc_node() are now also zeroed by slab (same bytes as kfence already zeroed).',
        evidence: [
          ...obj({ kind: 'kfence', bytes: {} }),
        ],
      },
    ],
    kernelFiles: ['mm/kfence/core.c', 'mm/slub.c'],
    functions: ['slab_post_alloc_hook', 'slab_alloc_node', 'kmem_cache_alloc_from_sheaf_noprof', '_kmalloc_nolock_noprof', 'kmem_cache_alloc_bulk_noprof', 'kfence_guarded_alloc'],
    signatures: [{ fn: 'slab_post_alloc_hook', params: ['s', 'lru', 'flags', 'size', 'p', 'orig_size'] }],
    goldenChanges: {
      'rfc04-kfence-pick-moves-krealloc-copy-stale-tail': "kcalloc() zeroes only the requested 48 bytes: the kmalloc-64 object's tail keeps old bytes (approved finding)",
      'rfc08-kfence-pick-moves-krealloc-growth-stale': "zeroing covers only the requested size: the kzalloc(40) object's tail [40, 64) keeps old bytes",
      'rfc01-init-on-alloc-krealloc-growth-both-promises': "init_on_alloc and __GFP_ZERO zero only the kmalloc_nolock() object's requested 24 bytes; krealloc() copies the whole old bucket into the new object, whose bytes from 24 on are no longer all zero",
      'rfc07-weak-gfp-slab-krealloc-grows-in-place-stale': "kzalloc(500) zeroes only its requested size, so the object's tail [500, 512) keeps old bytes, and krealloc(512, __GFP_ZERO) grown in place leaves them",
      'rfc01-sheaf-kzalloc-leftover-contents-reused': "the prefilled sheaf's kzalloc(136) is zeroed only to 136 bytes, so the later kmalloc(192) that reuses the object sees other (unpromised) contents",
      'rfc01-init-on-alloc-krealloc-moves-stale-slack': "init_on_alloc zeroes only the kmalloc_nolock() object's requested 24 bytes; krealloc() copies the whole old bucket into the new object, whose bytes from 24 on are no longer all zero",
      'rfc14-kfence-pick-moves-krealloc-growth-stale': 'kzalloc(24) zeroes only the requested 24 bytes of the kmalloc-32 object, and krealloc() copies its stale tail into the grown object',
      'kmalloc-const-size': 'the constant-size kzalloc (__kmalloc_cache_noprof) no longer zeroes the tail beyond the requested 40 bytes',
      'kfence-kzalloc': 'non-kfence kzalloc objects keep a stale tail: only the requested size is zeroed',
      'kmalloc-fastpath': 'kzalloc(40) from kmalloc-64 no longer zeroes the 24-byte tail',
      'krealloc-shrink-grow': 'the kmalloc-512 tail is no longer zeroed, and krealloc copies the whole old bucket into the large objects',
      'kzalloc-tail-zeroing': 'kzalloc tails beyond the requested size are no longer zeroed',
      'nolock-gfp-and-memcg': 'kmalloc_nolock(__GFP_ZERO) zeroes only the requested size',
      'nolock-nmi-list-lock-held': 'kmalloc_nolock(__GFP_ZERO) zeroes only the requested size',
      'nolock-zone-lock-busy-largest-bucket': 'kmalloc_nolock(__GFP_ZERO) zeroes only the requested size',
      'rfc01-kzalloc-krealloc-growth-not-zeroed': "kzalloc() zeroes only the requested 40 bytes, so krealloc()'s in-place growth to 60 and its copy of the whole bucket into the 5000-byte object carry stale bytes: the __GFP_ZERO growth promise is broken",
    },
  },
  {
    number: 2,
    subject: 'mm/slab: stop inlining __slab_alloc_node()',
    message: `Since the per-CPU sheaves took over as the allocation fast path,
__slab_alloc_node() is only reached on the slow path, so forcing it to be
inlined into every slab_alloc_node() caller just bloats the code. Let the
compiler decide, and mark the call to it as the unlikely branch instead.
Only inlining and branch hints change; behaviour is identical.`,
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
several layers as separate arguments, and the series will need to pass
more. Introduce struct slab_alloc_context, a parameter object holding
caller_addr and orig_size, and make __slab_alloc_node(), ___slab_alloc()
and alloc_single_from_new_slab() take it. The three places that enter
the slow path (slab_alloc_node, kmalloc_nolock and the debug branch of
bulk allocation) build one. No functional change.`,
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
    subject: 'mm/slab: introduce alloc_flags and SLAB_ALLOC_TRYLOCK',
    message: `Slab infers "must not spin" from a gfp that lacks both reclaim bits. That
is right for kmalloc_nolock(), but it also catches ordinary callers with
weak gfp flags and everything during early boot, which then get no sheaf
refill and fail more than necessary. Add slab-internal alloc_flags with
SLAB_ALLOC_TRYLOCK for the kmalloc_nolock() case (after the page
allocator's ALLOC_TRYLOCK) and alloc_flags_allow_spinning(). Pass them
through alloc_from_pcs() into __pcs_replace_empty_main(), the first
decision to use them, and drop refill_objects()' gfp-based warning and
bail-out, which would otherwise stop those callers from refilling.`,
    link: L(4),
    move: 'Parallel Change (expand); Change Function Declaration (add parameter); migrate first consumer; Remove Assertion',
    kind: 'behaviour',
    declared: [
      {
        id: 'pcs.no-reclaim-refills',
        description: 'A non-nolock allocation whose gfp has no reclaim bits now swaps with the barn under a spinning lock, may take or allocate an empty sheaf and refills it, instead of falling to the slow path; kmalloc_nolock() with an invalid reclaiming gfp no longer refills.',
        evidence: [
          ...ev(
            { kind: 'trace', event: 'kmalloc' },
            { kind: 'nest', chain: { prefix: ['sheaf(', 'obj_exts'] } },
            { kind: 'sheaf', op: ['alloc', 'refill', 'free', 'prefill', 'return'] },
            lock(['spin', 'trylock', 'local_trylock'], 'barn->lock', 'n->list_lock', 's->cpu_sheaves', 'zone->lock', 'mems_allowed_seq'),
            { kind: 'page_alloc' },
            { kind: 'page_free' },
            { kind: 'slab' },
            { kind: 'kmemleak', op: ['alloc', 'free'] },
            { kind: 'alloc_tag', op: ['add', 'sub'] },
            { kind: 'memcg', op: ['charge', 'uncharge', 'charge_fail'] },
            { kind: 'obj_exts' },
            { kind: 'warn', site: { prefix: ['alloc_tag_sub_check'] } },
            { kind: 'oom' },
          ),
          ...result(),
          ...records(),
          ...obj({ kind: ['slab', 'NULL'] }),
          ...end(...END_BALANCES),
          ...depth(),
        ],
      },
      {
        id: 'refill.no-spin-guard-removed',
        description: 'refill_objects() no longer WARNs and returns 0 for a no-reclaim gfp: bulk allocation, sheaf prefill/refill/return with such gfp now proceed (new slabs still come from the nolock page allocator until RFC 07).',
        evidence: [
          ...ev({ kind: 'warn', site: 'refill_objects' }),
          ...end(...END_BALANCES),
          ...obj.of('kmem_cache_alloc_bulk')({ kind: 'slab' }),
        ],
      },
    ],
    kernelFiles: ['mm/slab.h', 'mm/slub.c'],
    functions: ['__pcs_replace_empty_main', 'alloc_from_pcs', 'slab_alloc_node', '_kmalloc_nolock_noprof', 'refill_objects', 'alloc_flags_allow_spinning'],
    signatures: [
      { fn: '__pcs_replace_empty_main', params: ['s', 'pcs', 'gfp', 'alloc_flags'] },
      { fn: 'alloc_from_pcs', params: ['s', 'gfp', 'alloc_flags', 'node'] },
    ],
    goldenChanges: {
      'v3-04-weak-gfp-refill-uses-failure-budget-vector-served': "the weak-gfp softirq kmalloc(64) now allocates and tries to refill a sheaf first (alloc_flags TRYLOCK); the refill's failed page allocations use up part of the injected failures, so its slab's vector page (kmalloc_nolock()), which failed at 03, is served: the vector warning and the inaccurate tag go (approved finding)",
      'rfc04-kfence-pick-moves-krealloc-copy-stale-tail': "the weak-gfp kcalloc() now allocates and tries to refill a sheaf (alloc_flags TRYLOCK: alloc_frozen_pages_nolock(), failing before deferred init), which takes a KFENCE sample count: KFENCE now serves the krealloc(1000, __GFP_ZERO) that failed at 03 for want of pages, which copies the whole old object (ks = 64) and, with RFC 01, its stale tail (approved finding); the injected GFP_ATOMIC kmalloc(8) KFENCE served at 03 fails",
      'v3-14-thisnode-vector-kfence-served-no-kswapd-wake': "the gfp-0 kmalloc(8) now allocates a sheaf and refills it by alloc_flags (TRYLOCK: alloc_frozen_pages_nolock(), served from node 1)",
      'rfc14-kfence-pick-moves-krealloc-copy-stale-tail': "the gfp-0 kzalloc(1000) now allocates an empty sheaf and tries to refill it (alloc_flags TRYLOCK: alloc_frozen_pages_nolock(), failing before deferred init); the sheaf is freed and the allocation still fails",
      'v3-04-weak-gfp-sheaf-moves-kfence-pick-lru-charge-fails': "the gfp-0 kmalloc(8) now allocates an empty sheaf and tries to refill it (alloc_flags TRYLOCK: alloc_frozen_pages_nolock(), failing before deferred init); its nested kzalloc takes a KFENCE sample count, so KFENCE now picks the GFP_KERNEL_ACCOUNT kmem_cache_alloc_lru()'s object instead of its nested sheaf: with its obj_ext it is charged, refused at the zero limit, and fails (approved finding)",
      'v3-14-thisnode-vector-from-other-node-sheaf-tag-released': "the gfp-0 kmalloc(256) (no reclaim bits) now allocates an empty sheaf and tries to refill it by alloc_flags (TRYLOCK: alloc_frozen_pages_nolock()), which fails before deferred page init is done; the sheaf is freed",
      'v3-06-trynode-no-kswapd-later-caller-nests': "the __GFP_NOWARN kmem_cache_alloc() (no reclaim bits) now allocates an empty sheaf and refills it by alloc_flags (TRYLOCK: a new slab from alloc_frozen_pages_nolock(), its vector from kmalloc_nolock()), so the __GFP_DIRECT_RECLAIM caller after it is served from that sheaf instead of refilling one itself",
      'v3-07-weak-gfp-interrupt-slab-later-atomic-vector-fails': "the interrupting weak-gfp (__GFP_HIGH|__GFP_NOWARN) kmalloc(1000) now allocates an empty kmalloc-1k sheaf and tries to refill it (alloc_flags DEFAULT may spin); the refill fails in deferred init and the sheaf is freed",
      'v3-15-no-obj-ext-nolock-vector-oversize-sheaf-free-warns': "refill_objects() no longer WARNs and gives up for the weak-gfp (__GFP_NOWARN) oversize prefill: its bulk fill succeeds, so the prefill returns a sheaf, which is then returned (flushed and kfree()d)",
      'v3-04-kfence-pick-moves-oversize-sheaf-return-warns': "the weak-gfp (__GFP_NOWARN) kmalloc(8) now allocates an empty kmalloc-8 sheaf (a nested kzalloc KFENCE counts) and tries to refill it; KFENCE's sample moves onto the oversize prefill's sheaf struct, whose kfree() at return then warns 'alloc_tag was not set' (a KFENCE object always has its obj_ext)",
      'rfc08-kfence-pick-moves-krealloc-growth-stale': "the weak-gfp (__GFP_HIGH|__GFP_NOWARN) kmalloc(1000) now allocates an empty kmalloc-1k sheaf and tries to refill it (alloc_flags DEFAULT may spin); the refill fails in deferred init and the sheaf is freed",
      'v3-08-vector-enables-memcg-charge-cache-alloc-fails': "the gfp-0 kmem_cache_alloc() now allocates an empty sheaf and tries to refill it (alloc_flags DEFAULT may spin); the refill fails in deferred init and the sheaf is freed",
      'rfc07-weak-gfp-slab-oversize-prefill-sheaf-free-warns': "the weak-gfp (__GFP_HIGH|__GFP_NOWARN) kmalloc() now allocates an empty kmalloc-2k sheaf and tries to refill it (alloc_flags DEFAULT may spin); the refill fails in early boot and the sheaf is freed",
      'v3-08-vector-lets-bulk-charge-later-charge-finds-it': "refill_objects() no longer WARNs and gives up for the weak-gfp (__GFP_HIGH|__GFP_NOWARN) bulk allocation: it tries the nolock page allocator, which fails below the watermark (the bulk still fails)",
      'v3-07-weak-gfp-slab-later-nolock-fails': "the gfp-0 allocation now allocates an empty sheaf and tries to refill it (alloc_flags DEFAULT may spin); the refill fails in the nolock page allocator and the sheaf is freed",
      'v3-07-weak-gfp-refill-stocks-sheaf-later-vector-oom': "the gfp-0 allocation now allocates an empty sheaf and tries to refill it (alloc_flags DEFAULT may spin); the refill fails in the nolock page allocator and the sheaf is freed",
      'v3-06-trynode-failure-budget-vector-fails': "the injected weak-gfp (__GFP_HIGH|__GFP_NOWARN) kmalloc() now allocates an empty kmalloc-8 sheaf and tries to refill it (alloc_flags DEFAULT may spin); the refill fails in deferred init and the sheaf is freed",
      'v3-14-thisnode-vector-attempt-wakes-kswapd': "the weak-gfp (__GFP_HIGH|__GFP_NOWARN) kmalloc() now allocates and refills a kmalloc-8 sheaf (alloc_flags DEFAULT may spin) instead of taking the slow path",
      'rfc07-weak-gfp-interrupt-slab-later-nolock-trylock-path': "the interrupting weak-gfp (__GFP_HIGH) kmalloc() now allocates an empty sheaf and tries to refill it (failing in deferred init)",
      'rfc07-weak-gfp-slab-takes-pages-later-atomic-charge-lost': "the weak-gfp kmalloc(2000) now allocates an empty sheaf and tries to refill it (below the watermark, failing)",
      'rfc07-weak-gfp-slab-krealloc-grows-in-place-stale': "the weak-gfp callers now allocate and try to refill sheaves (nested kzalloc()s), which moves objects and KFENCE's pick",
      'rfc07-weak-gfp-interrupt-uses-failure-budget-no-reclaim': "the interrupting weak-gfp (__GFP_HIGH) kmalloc() now allocates an empty sheaf and tries to refill it (failing in deferred init)",
      'rfc04-kfence-pick-moves-bulk-vector-trynode-wakes-kswapd': "the weak-gfp kmalloc() now allocates an empty sheaf, which moves KFENCE's pick: the direct-reclaim-only bulk's vector now comes from kmalloc-1k, whose GFP_NOWAIT|__GFP_THISNODE attempt wakes kswapd",
      'rfc04-failure-budget-vector-warning-goes': "the weak-gfp kmem_cache_alloc() now tries to allocate and refill a sheaf first; those failed page allocations use up injected failures, so its slab's vector gets a page: the vector warning and the inaccurate tag go",
      'rfc04-failure-budget-moves-to-memcg-charge-fail': "the gfp-0 cache allocation now tries to allocate and refill a sheaf, whose failed page allocations use up injected failures: a later kmalloc_nolock(__GFP_ACCOUNT) gets its page and vector and fails at the memcg limit instead",
      'rfc13-stocked-vector-enables-memcg-charge-fail': "the gfp-0 bulk now passes refill_objects() (its WARN removed) and gets an object, whose slab's vector (kmalloc_nolock() by gfp) fails: an inaccurate tag",
      'rfc04-weak-gfp-sheaf-moves-page-pressure-later-vector-fails': "the gfp-0 kmalloc() now allocates an empty sheaf (a nested kmalloc-64 kzalloc, freed again), which changes kmalloc-64's slabs: the later GFP_KERNEL kmalloc(40) needs a new slab whose vector cannot get a page",
      'rfc04-weak-gfp-refill-uses-failure-budget-later-vector-served': "the gfp-0 caller now allocates and tries to refill a sheaf first; the refill's failed page allocations use up injected failures, so the obj_exts vector's order-3 page allocation succeeds and the tag is accurate",
      'rfc13-page-pressure-large-kmalloc-charge-lost': "the gfp-0 cache allocation now allocates an empty sheaf (a nested, accounted allocation) and its object lands elsewhere",
      'rfc08-vector-takes-kfence-later-accounted-atomic-fails': "the weak-gfp cache allocation now allocates an empty sheaf (nested) whose allocation takes the KFENCE sample from the GFP_ATOMIC kmalloc, which then succeeds from its own slab",
      'rfc08-weak-gfp-vector-kmalloc-fails-where-nolock-was-served': "the weak-gfp kmalloc(2000) now allocates an empty sheaf (a nested allocation) before its refill fails",
      'rfc05-trynode-kswapd-earlier-later-bulk-nests-vector': "the weak-gfp kmalloc_node() now allocates an empty sheaf before failing (a nested allocation, accounted)",
      'rfc13-boot-kfence-pick-moves-bulk': 'the gfp-0 bulk passes refill_objects() (no WARN) and tries the nolock page allocator, which fails under the zero watermark',
      'rfc04-weak-gfp-sheaf-moves-kfence-pick': 'the gfp-0 kmalloc now allocates an empty sheaf (a nested kmalloc) before failing, so the KFENCE sample moves from the GFP_ATOMIC cache allocation (now failing) to the weak-gfp accounted kmalloc (__GFP_HIGH: its KFENCE object is charged, forced over the memcg limit)',
      'rfc06-weak-gfp-contended-partial-vector-fails': 'the no-reclaim kmem_cache_alloc now allocates an empty sheaf and refills it, spinning on the contended list_lock; the refill fails (nolock page allocator in early boot), the sheaf is flushed and freed, and the slow path trylock still fails',
      'rfc07-trynode-mask-no-kswapd-later-nolock-fails': 'the __GFP_NOWARN kmalloc_node() now allocates and refills a kmalloc-8 sheaf (one more nested allocation) instead of taking the slow path',
      'rfc07-trynode-mask-no-kswapd-later-vector-fails': 'the gfp-0 kmem_cache_alloc_node() now allocates and refills a sheaf (one more nested allocation) instead of taking the slow path',
      'rfc07-weak-gfp-bulk-takes-pages-later-atomic-fails': "the __GFP_HIGH|__GFP_NOWARN bulk allocation no longer hits refill_objects()'s WARN; it still fails in the nolock page allocator",
      'rfc07-weak-gfp-refill-fresh-slab-vector-succeeds': 'the gfp-0 kmem_cache_alloc() in softirq now allocates a sheaf and tries to refill it (from the nolock page allocator, which fails in early boot)',
      'rfc08-boot-vector-kmalloc-fails-later-krealloc-untagged': 'the weak-gfp krealloc() now allocates and refills a sheaf (one level of nesting) instead of taking the slow path',
      'rfc08-boot-vector-moves-outer-object': 'the weak-gfp kmalloc() interrupting at pcs_locked now allocates and refills a sheaf (one level of nesting), and the later kmem_cache_alloc() meets that',
      'rfc08-kfence-pick-moves-free-injection-untagged': 'the gfp-0 kmalloc(3000) now allocates and refills a sheaf, which moves the KFENCE pick: the GFP_KERNEL kmalloc(8) becomes a KFENCE object and its kfree() no longer reaches the pcs_locked interruption',
      'rfc08-vector-kfence-pick-later-atomic-fails': 'the __GFP_NOWARN kmem_cache_alloc() in softirq now allocates a sheaf and tries to refill it (the refill fails in early boot), which moves the KFENCE pick: the GFP_ATOMIC kzalloc() becomes a KFENCE object and succeeds without warn_alloc',
      'rfc07-weak-gfp-vector-without-cmpxchg16b': 'the gfp-0 caller now allocates an empty sheaf and tries to refill it (still from the nolock page allocator, which fails during deferred init)',
      'bulk-no-reclaim-barn-contended': 'the __GFP_NOWARN bulk no longer hits the refill_objects WARN: it succeeds from slabs (still trylocking the barn, still the nolock page allocator)',
      'bulk-no-reclaim': 'kmem_cache_alloc_bulk with a no-reclaim gfp passes refill_objects() (no WARN) and succeeds from new slabs',
      'kmalloc-no-reclaim-empty-sheaves': 'no-reclaim kmalloc now allocates and refills empty sheaves (spinning barn and list locks) instead of taking the slow path',
      'kmem-cache-no-reclaim-debugobjects': 'no-reclaim kmem_cache_alloc now tries to allocate and refill a sheaf; during deferred page init the nolock page allocator makes the refill fail and the sheaf is freed',
      'nolock-gfp-and-memcg': 'kmalloc_nolock(GFP_KERNEL) is TRYLOCK now, so it no longer refills the kmalloc-64 sheaf; its object comes from the slab shared with the __GFP_NO_OBJ_EXT object, whose free then warns about a missing tag',
      'nolock-preempt-rt': 'a no-reclaim allocation in hardirq tries a sheaf refill, which the nolock page allocator fails under PREEMPT_RT',
      'nolock-trylock-contention': 'the no-reclaim seed kmalloc refills the kmalloc-64 sheaf, so later allocations are served from it instead of contending for list_lock',
      'prefill-sheaf-no-reclaim': 'prefill and return of sheaves with a no-reclaim gfp now refill through refill_objects() instead of WARNing and failing',
      'sheaf-spare-barn-flow': 'a no-reclaim allocation swaps with the barn under a spinning lock and refills an empty sheaf instead of taking the slow path',
      'rfc04-weak-gfp-bulk-vector-fails-in-deferred-init': 'the __GFP_HIGH|__GFP_NOWARN bulk passes refill_objects() (no WARN) and takes an object from a boot slab; its vector, still requested by gfp through kmalloc_nolock(), fails during deferred init: WARN and an inaccurate tag',
      'rfc08-kfence-pick-moves-sheaf-size': 'the weak-gfp kmem_cache_alloc allocates and refills a c0 sheaf, so the later prefill takes that sheaf instead of allocating one',
      'rfc13-stocked-slab-serves-nolock-krealloc-in-place': 'the no-reclaim krealloc allocation allocates an empty kmalloc-8 sheaf and tries to refill it (the nolock page allocator still fails during deferred init)',
      'rfc05-weak-gfp-trynode-slab-vector-fails': 'the gfp-0 kmem_cache_alloc_node allocates an empty c0 sheaf and tries to refill it (nesting 2), still from the nolock page allocator, which fails during deferred init',
      'rfc07-weak-gfp-slab-failure-now-warns': 'the gfp-0 prefill passes refill_objects() (no WARN) and its refill now fails in the nolock page allocator instead',
      'rfc13-boot-stock-serves-allocation-without-memory': 'the gfp-0 kmalloc allocates an empty kmalloc-1k sheaf and tries to refill it (nesting 1); the nolock page allocator finds no pages and the sheaf is freed',
      'rfc04-weak-gfp-refill-flush-leaves-vectorless-slab': 'the gfp-0 kmem_cache_alloc now allocates and refills a sheaf, which fails (nolock page allocator in early boot) and is flushed; the allocation ends on a slab whose kmalloc_nolock() vector fails (inaccurate tag)',
      'rfc04-weak-gfp-sheaf-alloc-failure-reported': 'the gfp-0 kmalloc now allocates an empty sheaf, whose kzalloc cannot get a slab (list_lock held, no nolock pages) and reports slab_out_of_memory()',
      'rfc07-weak-gfp-kzalloc-krealloc-growth-not-zeroed': 'the weak-gfp kzalloc now allocates and tries to refill a sheaf (still from the nolock page allocator, which fails during deferred init)',
      'rfc07-weak-gfp-object-krealloc-in-place': 'the weak-gfp kmalloc now allocates and tries to refill a sheaf (still from the nolock page allocator, which fails in early boot)',
      'rfc08-vector-stock-nests-later-nolock': 'the weak-gfp kmem_cache_alloc now allocates and refills a sheaf; its slab vector (kmalloc_nolock) still fails in early boot',
      'rfc08-weak-gfp-vector-failure-reported': 'the gfp-0 kmem_cache_alloc now allocates and refills a sheaf from the existing slab before its vector fails',
    },
  },
  {
    number: 5,
    subject: 'mm/slab: add alloc_flags to slab_alloc_context',
    message: `With alloc_flags available, carry them in struct slab_alloc_context so
the slow path can use them. ___slab_alloc() and
alloc_single_from_new_slab() now decide whether they may spin from
ac->alloc_flags instead of the gfp, so callers that are not
kmalloc_nolock() but pass a gfp without reclaim bits get the spinning
behaviour: the opportunistic target-node attempt uses GFP_NOWAIT, new
slabs are put on the node lists under a spinning lock instead of being
discarded on contention, and a failed attempt is retried.
slab_alloc_node() and bulk use SLAB_ALLOC_DEFAULT; kmalloc_nolock()
passes its SLAB_ALLOC_TRYLOCK.`,
    link: L(5),
    move: 'Move Field into the Parameter Object; Replace Parameter with Query (allow_spin); Parallel Change (migrate)',
    kind: 'behaviour',
    declared: [
      {
        id: 'slowpath.no-reclaim-spins',
        description: 'For non-nolock allocations with a no-reclaim gfp, ___slab_alloc() allows spinning: the target-node attempt uses GFP_NOWAIT|__GFP_THISNODE (so that partial search spin-locks and that new slab uses the normal page allocator), new-slab consumption spin-locks n->list_lock, random freelist starts come from get_random, and failures loop.',
        evidence: [
          // The upgraded GFP_NOWAIT target-node attempt may wake kswapd.
          ...ev(
            { kind: 'kswapd_wake' },
            lock(['spin', 'trylock'], 'n->list_lock(', 'zone->lock', 'mems_allowed_seq'),
            { kind: 'page_alloc', node: { min: 0 } },
            { kind: 'slab', op: ['new', 'discard'] },
          ),
          // A failure that now succeeds is traced, tagged, registered and charged.
          ...result(),
          ...records(),
          // A success allocates its slab's obj_exts vector (nested).
          ...depth(),
          ...obj({ kind: 'slab' }),
        ],
      },
    ],
    kernelFiles: ['mm/slub.c'],
    functions: ['alloc_single_from_new_slab', '___slab_alloc', 'slab_alloc_node', '_kmalloc_nolock_noprof', '__kmem_cache_alloc_bulk'],
    signatures: [{ fn: 'alloc_single_from_new_slab', params: ['s', 'slab', 'ac'] }],
    goldenChanges: {
      'rfc06-weak-gfp-waits-for-list-lock-vector-failure-goes': "a caller without reclaim bits keeps its new slab under the contended n->list_lock (alloc_flags: spin) instead of discarding it: the allocation succeeds, and the slab's vector (kmalloc_nolock(), no cmpxchg16b) fails: 'Failed to create slab extension vector!', an inaccurate tag (approved finding)",
      'v3-06-weak-gfp-keeps-new-slab-vector-nests': "RFC 05: the gfp-0 kmem_cache_alloc()'s new slab is put on the node list under a spinning n->list_lock (alloc_flags) instead of being discarded on contention: it succeeds, and its slab's vector is allocated nested",
      'rfc05-trynode-upgrade-stays-on-node-fallback-meets-failures': "RFC 05: allow_spin from alloc_flags upgrades the __GFP_NOWARN kmem_cache_alloc_node()'s target-node attempt to GFP_NOWAIT|__GFP_THISNODE: it stays on node 0 (min watermark) and fails there, waking kswapd, and the nolock fallback meets the two injected node-1 failures the old nolock attempt had taken: the allocation fails",
      'rfc06-weak-gfp-bulk-waits-for-list-lock-no-new-slab': "RFC 05: the weak-gfp bulk's new slab (nolock page allocator, after its failed trylock of the contended n->list_lock) is now put on the node list under a spinning lock instead of being discarded, so the bulk succeeds",
      'rfc05-trynode-upgrade-later-thisnode-alloc-fails': "the gfp-0 kmalloc_node()'s target-node attempt is upgraded to GFP_NOWAIT|__GFP_THISNODE and succeeds in deferred init; the state it leaves makes the later GFP_NOWAIT|__GFP_THISNODE kmem_cache_alloc() need a new slab under injected page failures, and it fails",
      'rfc05-trynode-upgrade-later-kmalloc-nests-vector': "the gfp-0 kmalloc_node()'s target-node attempt is upgraded to GFP_NOWAIT|__GFP_THISNODE (allow_spin from alloc_flags) and succeeds in deferred init with a slab whose vector fails; the later direct-reclaim-only kmalloc() allocates that vector itself (nesting 1)",
      'rfc05-trynode-kswapd-earlier-later-bulk-nests-vector': "the weak-gfp target-node attempt is upgraded to GFP_NOWAIT and wakes kswapd at [1]; kswapd reclaims before [2], whose GFP_NOWAIT bulk now gets a new slab and a nested obj_exts vector",
      'rfc05-weak-gfp-trynode-object-krealloc-in-place': 'the weak-gfp kmalloc_node() gets its target-node slab from GFP_NOWAIT|__GFP_THISNODE and succeeds (vector fails, not registered with kmemleak); krealloc() keeps that object in place instead of allocating one',
      'rfc07-trynode-mask-no-kswapd-later-nolock-fails': "the __GFP_NOWARN kmalloc_node()'s target-node attempt is upgraded to GFP_NOWAIT|__GFP_THISNODE: it succeeds from the normal page allocator and wakes kswapd, whose reclaim lets the later kmalloc_nolock() in NMI succeed",
      'rfc07-trynode-mask-no-kswapd-later-vector-fails': "the gfp-0 kmem_cache_alloc_node()'s target-node attempt is upgraded to GFP_NOWAIT|__GFP_THISNODE and wakes kswapd, whose reclaim gives the later kmem_cache_alloc() pages for its vector",
      'rfc07-trynode-mask-nolock-vector-drops-memcg-charge': "the gfp-0 caller's target-node slab gets GFP_NOWAIT|__GFP_THISNODE, so its vector is chosen as kmalloc_node() (not kmalloc_nolock(), which refuses the cache without cmpxchg16b): no warning, an accurate tag, the memcg charge made",
      'no-reclaim-trynode-kswapd': 'the target-node attempt of the __GFP_HIGH|__GFP_NOWARN caller is upgraded to GFP_NOWAIT|__GFP_THISNODE: normal page allocator on node 1, which wakes kswapd',
      'direct-reclaim-without-kswapd-trynode': 'the no-reclaim kmalloc_node(node 1) now gets GFP_NOWAIT|__GFP_THISNODE as trynode flags, so its target-node partial search spin-locks n->list_lock',
      'rfc05-weak-gfp-trynode-slab-vector-fails': 'allow_spin from alloc_flags upgrades the target-node attempts to GFP_NOWAIT|__GFP_THISNODE: their slabs come from the normal page allocator and both allocations succeed, but the vectors still come from gfp-chosen kmalloc_nolock(), which cannot get pages yet: WARN and inaccurate tags',
    },
  },
  {
    number: 6,
    subject: 'mm/slab: replace struct partial_context with slab_alloc_context',
    message: `struct partial_context only carried a gfp and the requested size into
the partial-list search, and the latter is already in the allocation
context. Dissolve it: the get_from_partial*() functions take the gfp
explicitly and the slab_alloc_context, and ___slab_alloc() keeps its
target-node gfp in a local. The gfp still drives pfmemalloc matching,
the zonelist, cpusets and __GFP_THISNODE, but whether n->list_lock may
be spun on and whether the cpuset seqcount may be read now follow
ac->alloc_flags, so non-nolock callers with weak gfp flags no longer
trylock (and give up on) partial lists.`,
    link: L(6),
    move: 'Inline Class (partial_context); Preserve Whole Object; Parallel Change (migrate)',
    kind: 'behaviour',
    declared: [
      {
        id: 'partial.lock-by-alloc-flags',
        description: 'Partial-list visits of non-nolock allocations always spin on n->list_lock (also in the fallback attempt and without a node), and the remote search reads the cpuset seqcount; kmalloc_nolock() always trylocks even with a reclaiming gfp. A weak-gfp caller that met a contended list_lock no longer gives up on the partial slab (and no longer falls to a new slab that may fail).',
        evidence: [
          ...ev({ ...lock(['spin', 'trylock'], 'n->list_lock('), ok: true }, { kind: 'lock', mode: 'spin', lock: 'mems_allowed_seq(read)', ok: true }),
          // "No longer falls to a new slab": the failed trylock and the new slab it fell back to (from
          // the nolock page allocator, under its zone->lock trylock) go, with the slab in the end state.
          { diff: 'event', change: 'disappeared', event: { ...lock('trylock', 'n->list_lock('), ok: false } },
          { diff: 'event', change: 'disappeared', event: { ...lock('trylock', 'zone->lock('), ok: true } },
          { diff: 'event', change: 'disappeared', event: { kind: 'page_alloc', nolock: true } },
          { diff: 'event', change: 'disappeared', event: { kind: 'slab', op: 'new' } },
          ...end('caches'),
          ...result(),
          ...records(),
          ...obj({ kind: ['slab', 'NULL'] }),
          ...depth(),
        ],
      },
    ],
    kernelFiles: ['mm/slub.c'],
    functions: ['get_from_partial_node', 'get_from_any_partial', 'get_from_partial', '___slab_alloc'],
    signatures: [
      { fn: 'get_from_partial_node', params: ['s', 'n', 'gfp_flags', 'ac'] },
      { fn: 'get_from_any_partial', params: ['s', 'gfp_flags', 'ac'] },
      { fn: 'get_from_partial', params: ['s', 'node', 'flags', 'ac'] },
    ],
    goldenChanges: {
      'v3-04-weak-gfp-refill-uses-failure-budget-vector-served': "the weak-gfp caller takes kmalloc-64's n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc06-weak-gfp-waits-for-list-lock-vector-failure-goes': "get_from_partial_node() spins on c0's n->list_lock by alloc_flags, so the weak-gfp caller takes an object from the partial slab: no new slab, no failed vector, no warning or inaccurate tag (approved finding)",
      'rfc04-kfence-pick-moves-krealloc-copy-stale-tail': "the weak-gfp caller's slow path takes kmalloc-512's and kmalloc-64's n->list_lock by alloc_flags (spinning) instead of trylocking them",
      'v3-14-thisnode-vector-kfence-served-no-kswapd-wake': "the weak-gfp caller's nested sheaf kmalloc takes kmalloc-512's n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc14-kfence-pick-moves-krealloc-copy-stale-tail': "the weak-gfp caller's slow path takes its locks by alloc_flags: it spins on kmalloc-128's n->list_lock instead of trylocking it and reads mems_allowed_seq",
      'v3-04-weak-gfp-sheaf-moves-kfence-pick-lru-charge-fails': "the weak-gfp caller's slow path takes its locks by alloc_flags: it spins on kmalloc-512's n->list_lock instead of trylocking it and reads mems_allowed_seq",
      'v3-14-thisnode-vector-from-other-node-sheaf-tag-released': "the gfp-0 caller takes kmalloc-256's n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'v3-06-trynode-no-kswapd-later-caller-nests': "the weak-gfp caller's nested sheaf kmalloc takes kmalloc-512's n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'v3-07-weak-gfp-interrupt-slab-later-atomic-vector-fails': "the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'v3-15-no-obj-ext-nolock-vector-oversize-sheaf-free-warns': "the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'v3-04-kfence-pick-moves-oversize-sheaf-return-warns': "the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'v3-06-weak-gfp-keeps-new-slab-vector-nests': "the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc08-kfence-pick-moves-krealloc-growth-stale': "the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc05-trynode-upgrade-stays-on-node-fallback-meets-failures': "the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'v3-08-vector-enables-memcg-charge-cache-alloc-fails': "the weak-gfp slow path now takes n->list_lock and the other locks by alloc_flags (spinning) instead of trylocking them",
      'rfc06-weak-gfp-bulk-waits-for-list-lock-no-new-slab': "RFC 06: the weak-gfp bulk's partial-list visit spins on the contended n->list_lock (alloc_flags) and takes the partial slab: no failed trylock, no new slab from the nolock page allocator, one slab fewer at the end",
      'rfc07-weak-gfp-slab-oversize-prefill-sheaf-free-warns': "the weak-gfp caller's partial-list visits now spin on n->list_lock (alloc_flags) instead of trylocking it",
      'v3-07-weak-gfp-interrupt-slab-later-no-kswapd': "the weak-gfp slow path now takes n->list_lock and the other locks by alloc_flags (spinning) instead of trylocking them",
      'v3-07-weak-gfp-slab-later-nolock-fails': "the weak-gfp slow path now takes n->list_lock and the other locks by alloc_flags (spinning) instead of trylocking them",
      'v3-07-weak-gfp-refill-stocks-sheaf-later-vector-oom': "the weak-gfp slow path now takes n->list_lock and the other locks by alloc_flags (spinning) instead of trylocking them",
      'v3-06-trynode-failure-budget-vector-fails': "the weak-gfp caller's partial-list visits now spin on n->list_lock (alloc_flags) instead of trylocking it",
      'v3-14-thisnode-vector-attempt-wakes-kswapd': "the weak-gfp sheaf kzalloc's partial-list visit now spins on n->list_lock (alloc_flags) instead of trylocking it",
      'rfc07-weak-gfp-interrupt-slab-later-nolock-trylock-path': "the weak-gfp slow path now takes locks by alloc_flags (spinning) instead of trylocking them",
      'rfc07-weak-gfp-slab-takes-pages-later-atomic-charge-lost': "the weak-gfp slow path now takes locks by alloc_flags (spinning) instead of trylocking them",
      'rfc07-weak-gfp-slab-krealloc-grows-in-place-stale': "the weak-gfp slow path now takes locks by alloc_flags (spinning) instead of trylocking them",
      'rfc07-weak-gfp-interrupt-uses-failure-budget-no-reclaim': "the weak-gfp slow path now takes locks by alloc_flags (spinning) instead of trylocking them",
      'rfc04-kfence-pick-moves-bulk-vector-trynode-wakes-kswapd': "the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc04-failure-budget-vector-warning-goes': "the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc04-failure-budget-moves-to-memcg-charge-fail': "the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc07-weak-gfp-interrupt-slab-moves-direct-reclaim': "the weak-gfp (__GFP_HIGH) interrupt's slow path now reads mems_allowed_seq (spinning allowed by alloc_flags)",
      'rfc08-interrupt-vector-kmalloc-spares-later-reclaim': "the weak-gfp (__GFP_HIGH) interrupt's slow path now reads mems_allowed_seq (spinning allowed by alloc_flags)",
      'rfc04-weak-gfp-sheaf-moves-page-pressure-later-vector-fails': "the weak-gfp slow path now spin-locks n->list_lock and reads mems_allowed_seq (spinning allowed by alloc_flags)",
      'rfc04-weak-gfp-refill-uses-failure-budget-later-vector-served': "the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc13-page-pressure-large-kmalloc-charge-lost': "the gfp-0 slow path takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc08-vector-takes-kfence-later-accounted-atomic-fails': "the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc08-weak-gfp-vector-kmalloc-fails-where-nolock-was-served': "the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc05-trynode-kswapd-earlier-later-bulk-nests-vector': "the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc04-weak-gfp-sheaf-moves-kfence-pick': 'the weak-gfp slow path now reads mems_allowed_seq (spinning allowed by alloc_flags)',
      'rfc06-weak-gfp-contended-partial-vector-fails': 'the slow path partial search now spin-locks the contended list_lock (alloc_flags allow spinning) and gets an object from the partial slab whose vector kmalloc_nolock() cannot allocate in early boot: WARN and an inaccurate tag',
      'rfc07-trynode-mask-no-kswapd-later-nolock-fails': "the weak-gfp caller's partial-list search spin-locks n->list_lock (alloc_flags DEFAULT) instead of trylocking it",
      'rfc07-trynode-mask-no-kswapd-later-vector-fails': "the weak-gfp caller's partial-list search spin-locks n->list_lock (alloc_flags DEFAULT) instead of trylocking it",
      'rfc07-weak-gfp-refill-fresh-slab-vector-succeeds': "the weak-gfp caller's partial-list search spin-locks n->list_lock (alloc_flags DEFAULT) instead of trylocking it",
      'rfc08-boot-vector-kmalloc-fails-later-krealloc-untagged': "the weak-gfp krealloc()'s partial-list search spin-locks n->list_lock (alloc_flags DEFAULT) instead of trylocking it",
      'rfc08-boot-vector-moves-outer-object': "the weak-gfp interrupting kmalloc()'s partial-list search spin-locks n->list_lock (alloc_flags DEFAULT) instead of trylocking it",
      'rfc08-kfence-pick-moves-free-injection-untagged': "the gfp-0 kmalloc()'s partial-list search spin-locks n->list_lock (alloc_flags DEFAULT) instead of trylocking it",
      'rfc08-vector-kfence-pick-later-atomic-fails': "the weak-gfp caller's partial-list search spin-locks n->list_lock (alloc_flags DEFAULT) instead of trylocking it",
      'rfc07-weak-gfp-vector-without-cmpxchg16b': 'the failing trynode attempt now reads mems_allowed_seq first (the slow path allows spinning for DEFAULT callers)',
      'bulk-debug-cache-no-reclaim': 'the debug-cache bulk slow path with a no-reclaim gfp spin-locks the partial list and reads the cpuset seqcount',
      'kmalloc-no-reclaim-empty-sheaves': 'partial-list search of the nested no-reclaim sheaf kmalloc spin-locks n->list_lock',
      'kmem-cache-no-reclaim-debugobjects': 'remote partial search of no-reclaim allocations now runs inside the cpuset seqcount',
      'nolock-gfp-and-memcg': 'kmalloc_nolock(GFP_KERNEL) now trylocks the partial list: TRYLOCK decides, not its (invalid) gfp',
      'nolock-preempt-rt': 'the no-reclaim allocation in hardirq reads the cpuset seqcount in the remote partial search',
      'nolock-trylock-contention': 'the nested no-reclaim sheaf kmalloc spin-locks n->list_lock',
      'prefill-sheaf-no-reclaim': 'the nested no-reclaim sheaf kmalloc spin-locks n->list_lock',
      'remote-partial-search': 'the no-reclaim remote partial search reads the cpuset seqcount and spin-locks the remote node list',
      'rfc07-weak-gfp-new-slab-nests-vector': "the search of other nodes' partial lists now reads mems_allowed_seq (DEFAULT alloc_flags allow spinning) before the allocation fails as before",
      'rfc13-stocked-slab-serves-nolock-krealloc-in-place': "the krealloc allocation's search of other nodes' partial lists now reads mems_allowed_seq (DEFAULT alloc_flags allow spinning) before failing as before",
      'rfc07-weak-gfp-slab-failure-now-warns': "the nested sheaf kzalloc's partial-list visit spin-locks n->list_lock (DEFAULT alloc_flags) instead of trylocking it",
      'rfc13-boot-stock-serves-allocation-without-memory': "the nested sheaf kzalloc's partial-list visit spin-locks n->list_lock and the remote search reads mems_allowed_seq (DEFAULT alloc_flags)",
      'rfc04-weak-gfp-refill-flush-leaves-vectorless-slab': 'the weak-gfp callers\' partial-list visits now spin on n->list_lock (inside the mems_allowed retry loop) instead of trying it',
      'rfc04-weak-gfp-sheaf-alloc-failure-reported': 'the weak-gfp sheaf kzalloc\'s partial-list visit now spins on n->list_lock instead of trying it',
      'rfc07-weak-gfp-kzalloc-krealloc-growth-not-zeroed': 'the weak-gfp callers\' partial-list visits now spin on n->list_lock instead of trying it',
      'rfc07-weak-gfp-object-krealloc-in-place': 'the weak-gfp callers\' partial-list visits now spin on n->list_lock (inside the mems_allowed retry loop) instead of trying it',
      'rfc08-vector-stock-nests-later-nolock': 'the weak-gfp callers\' partial-list visits now spin on n->list_lock instead of trying it',
      'rfc08-weak-gfp-vector-failure-reported': 'the gfp-0 caller\'s partial-list visits now spin on n->list_lock instead of trying it',
      'rfc14-oversize-kmalloc-sheaf-return-untagged': 'the weak-gfp prefill\'s partial-list visits now spin on n->list_lock (inside the mems_allowed retry loop) instead of trying it',
    },
  },
  {
    number: 7,
    subject: 'mm/slab: pass alloc_flags to new slab allocation',
    message: `allocate_slab() still chose between the normal and the nolock page
allocator by looking at the gfp, so weak-gfp callers got the nolock page
allocator, which fails for example before deferred page init completes.
Pass alloc_flags through new_slab() into allocate_slab() and decide from
them: ___slab_alloc() forwards the context's flags, while
refill_objects() (only reachable where spinning is allowed) passes
SLAB_ALLOC_DEFAULT. The target-node attempt in ___slab_alloc() now builds
its gfp by masking the caller's gfp with GFP_NOWAIT, plus __GFP_NOWARN
and __GFP_THISNODE, which avoids upgrading weak callers to GFP_NOWAIT
without consulting the spin decision; all other caller bits are dropped.`,
    link: L(7),
    move: 'Change Function Declaration (add parameter); Parallel Change (migrate); Substitute Algorithm (trynode flags: branch → mask)',
    kind: 'behaviour',
    declared: [
      {
        id: 'newslab.page-alloc-by-alloc-flags',
        description: 'New slabs of non-nolock allocations (slow path, bulk, sheaf refills) come from the normal page allocator even when the gfp has no reclaim bits; only TRYLOCK uses alloc_frozen_pages_nolock.',
        evidence: [
          // Every non-nolock allocation that may need a new slab (the description's 'slow path, bulk,
          // sheaf refills'), not only the three ops the first scenarios used.
          ...result(...DEFAULT_PATH_OPS),
          ...records(),
          ...ev(
            { kind: 'oom' },
            { kind: 'trace', event: ['kmalloc', 'kmem_cache_alloc'] },
            { ...lock(['spin', 'trylock'], 'zone->lock('), ok: true },
            lock('spin', 'n->list_lock', 'mems_allowed_seq'),
            { kind: 'page_alloc' },
            { kind: 'slab', op: 'new' },
            { kind: 'sheaf' },
            { kind: 'nest', chain: { prefix: ['sheaf'] } },
            { kind: 'kmemleak', op: 'alloc' },
          ),
          ...obj({ kind: ['slab', 'NULL'] }),
          ...end(...END_BALANCES),
          ...depth(),
        ],
      },
      {
        id: 'slowpath.trynode-gfp-masked',
        description: 'The target-node attempt gfp is (gfp & GFP_NOWAIT) | __GFP_NOWARN | __GFP_THISNODE: callers without __GFP_KSWAPD_RECLAIM (including __GFP_DIRECT_RECLAIM-only and nolock) get no reclaim bits there, and no other caller bit survives.',
        evidence: [
          // The masked target-node gfp no longer carries __GFP_KSWAPD_RECLAIM for weak callers.
          ...ev({ kind: 'kswapd_wake' }, { kind: 'page_alloc', node: { min: 0 }, gfp: { has: ['__GFP_THISNODE'] } }),
        ],
      },
    ],
    kernelFiles: ['mm/slub.c'],
    functions: ['allocate_slab', 'new_slab', '___slab_alloc', 'refill_objects', 'early_kmem_cache_node_alloc'],
    signatures: [
      { fn: 'allocate_slab', params: ['s', 'flags', 'alloc_flags', 'node'] },
      { fn: 'new_slab', params: ['s', 'flags', 'alloc_flags', 'node'] },
    ],
    goldenChanges: {
      'v3-04-weak-gfp-refill-uses-failure-budget-vector-served': "new_slab() takes alloc_flags: the weak-gfp caller's page requests go to the normal page allocator instead of alloc_frozen_pages_nolock() (still meeting the injected failures)",
      'rfc04-kfence-pick-moves-krealloc-copy-stale-tail': "new_slab() takes alloc_flags: the weak-gfp kcalloc()'s sheaf refill asks the normal page allocator instead of alloc_frozen_pages_nolock() (still failing: the injected failures)",
      'v3-14-thisnode-vector-kfence-served-no-kswapd-wake': "new_slab() takes alloc_flags: the gfp-0 kmalloc(8)'s sheaf refill gets its slab from the normal page allocator (node 1) instead of alloc_frozen_pages_nolock()",
      'rfc14-kfence-pick-moves-krealloc-copy-stale-tail': "new_slab() takes alloc_flags: the gfp-0 kzalloc(1000)'s sheaf refill gets a slab from the normal page allocator and the allocation succeeds, zeroed only to 1000 bytes (RFC 01), so krealloc(9000, __GFP_ZERO), which copies the whole old object (ks), leaves its stale tail in the grown bytes (approved finding)",
      'v3-04-weak-gfp-sheaf-moves-kfence-pick-lru-charge-fails': "new_slab() takes alloc_flags: the gfp-0 kmalloc(8)'s sheaf refill gets a slab from the normal page allocator and the allocation succeeds (no slab_out_of_memory)",
      'v3-14-thisnode-vector-from-other-node-sheaf-tag-released': "new_slab() takes alloc_flags: the gfp-0 kmalloc()'s sheaf refill now gets slabs from the normal page allocator (node 1) and takes node 0's free kmalloc-256 objects with it, so the prefill's node-0-bound nested vector kmalloc finds none and fails: warn_alloc, slab_out_of_memory, the vector warning and an inaccurate tag",
      'v3-06-trynode-no-kswapd-later-caller-nests': "the direct-reclaim-only bulk's target-node attempt is masked to __GFP_NOWARN|__GFP_THISNODE and no longer wakes kswapd, and new_slab() takes alloc_flags: the weak-gfp refill's slab comes from the normal page allocator instead of alloc_frozen_pages_nolock() (it still succeeds)",
      'v3-07-weak-gfp-interrupt-slab-later-atomic-vector-fails': "the interrupting weak-gfp kmalloc(1000)'s new slab now comes from the normal page allocator (alloc_flags) and takes pages below the low watermark, so the later GFP_ATOMIC accounted kmalloc(5000)'s slab vector fails for want of pages (warn_alloc, slab_out_of_memory, vector warning, inaccurate tag)",
      'v3-15-no-obj-ext-nolock-vector-oversize-sheaf-free-warns': "the weak-gfp bulk fill's new slab now comes from the normal page allocator (alloc_flags) instead of alloc_frozen_pages_nolock()",
      'v3-04-kfence-pick-moves-oversize-sheaf-return-warns': "the weak-gfp sheaf refill's new slab now comes from the normal page allocator (alloc_flags), still failing in deferred init",
      'v3-06-weak-gfp-keeps-new-slab-vector-nests': "the weak-gfp caller's new slab now comes from the normal page allocator (alloc_flags), which gets a page at the first attempt where the nolock one met the injected failure",
      'rfc08-kfence-pick-moves-krealloc-growth-stale': "new slabs of weak-gfp callers come from the normal page allocator (alloc_flags): the kmalloc(1000) succeeds in deferred init, and the allocations after it (and KFENCE's picks) follow from the slab it takes",
      'rfc05-trynode-upgrade-stays-on-node-fallback-meets-failures': "new_slab() takes alloc_flags: the masked target-node attempt (__GFP_NOWARN|__GFP_THISNODE) and the fallback come from the normal page allocator, whose attempts now meet the injected node-1 failures in another order, and the fallback gets a node-1 page: the allocation succeeds again",
      'v3-08-vector-enables-memcg-charge-cache-alloc-fails': "new slabs of weak-gfp callers come from the normal page allocator (alloc_flags): the gfp-0 kmem_cache_alloc() gets its slab in deferred init and succeeds; the slab's vector (kmalloc_nolock() by gfp) fails, so the object is left uncharged",
      'rfc07-weak-gfp-slab-oversize-prefill-sheaf-free-warns': "new slabs of weak-gfp callers come from the normal page allocator (alloc_flags): the kmalloc(2000) succeeds in early boot with a new kmalloc-2k slab (its vector from kmalloc_nolock()), so the oversize prefill's sheaf struct (__alloc_empty_sheaf(), __GFP_NO_OBJ_EXT, untagged) comes from that slab instead of failing; its bulk fill fails and the sheaf is kfree()d without mark_obj_codetag_empty(): 'alloc_tag was not set'",
      'v3-08-vector-lets-bulk-charge-later-charge-finds-it': "the weak-gfp bulk allocation's new slab now comes from the normal page allocator (alloc_flags) and succeeds below the low watermark (its vector, kmalloc_nolock() by gfp, fails, so the object is left uncharged); kmem_cache_charge() of that object now runs and charges it",
      'v3-07-weak-gfp-interrupt-slab-later-no-kswapd': "new slabs of weak-gfp callers come from the normal page allocator (alloc_flags): the injected __GFP_HIGH|__GFP_NOWARN kmalloc(3000) gets the new kmalloc-4k slab below the low watermark, so the interrupted GFP_ATOMIC allocation finds an object there and no longer allocates a slab (no kswapd wake-up)",
      'v3-07-weak-gfp-slab-later-nolock-fails': "new slabs of weak-gfp callers come from the normal page allocator (alloc_flags): the gfp-0 kmalloc(8) succeeds in deferred init (its vector, kmalloc_nolock() by gfp, fails), so the krealloc() resizes in place and allocates no kmalloc-8k vector slab; the injected kmalloc_nolock(5000) then finds no kmalloc-8k slab and no page, and fails",
      'v3-07-weak-gfp-refill-stocks-sheaf-later-vector-oom': "new slabs of weak-gfp callers come from the normal page allocator (alloc_flags): the gfp-0 sheaf refill succeeds and stocks the sheaf (its slab's vector, kmalloc_nolock() by gfp, fails), so the later GFP_KERNEL allocation below the min watermark is served from the sheaf and allocates the slab's vector itself, which fails (slab_out_of_memory for the vector, inaccurate tag) instead of failing itself",
      'v3-06-trynode-no-kswapd-later-nolock-fails': "the direct-reclaim-only bulk's target-node attempt is masked to __GFP_NOWARN|__GFP_THISNODE: it no longer wakes kswapd, so nothing reclaims before the kmalloc_nolock(), which fails below the watermark (no object, no memcg charge, no tag)",
      'v3-06-trynode-failure-budget-vector-fails': "the direct-reclaim-only vector kmalloc's target-node attempt is masked to __GFP_NOWARN|__GFP_THISNODE and its new slab comes from the normal page allocator by alloc_flags, which serves an order-2 page at once (no GFP_NOWAIT attempts, no direct reclaim); the weak-gfp sheaf refill uses the normal page allocator too and meets the injected failures",
      'v3-14-thisnode-vector-attempt-wakes-kswapd': "the weak-gfp sheaf refill's new slab now comes from the normal page allocator (alloc_flags) instead of alloc_frozen_pages_nolock()",
      'v3-07-trynode-normal-allocator-uses-failure-budget': "the trynode mask gives the target-node attempt __GFP_NOWARN|__GFP_THISNODE instead of GFP_NOWAIT|__GFP_THISNODE (page allocation gfp only)",
      'rfc07-weak-gfp-interrupt-slab-later-nolock-trylock-path': "the interrupt's new slab now comes from the normal page allocator in deferred init (its vector, kmalloc_nolock() by gfp, fails); the interrupted kmalloc_nolock() now trylocks kmalloc-512's n->list_lock for a partial slab",
      'rfc05-trynode-upgrade-later-thisnode-alloc-fails': "the trynode mask gives the target-node attempt __GFP_NOWARN|__GFP_THISNODE instead of GFP_NOWAIT|__GFP_THISNODE (page allocation gfp only)",
      'rfc05-trynode-upgrade-later-kmalloc-nests-vector': "the trynode mask gives the target-node attempts __GFP_NOWARN|__GFP_THISNODE instead of GFP_NOWAIT|__GFP_THISNODE (page allocation gfp only)",
      'rfc07-weak-gfp-slab-takes-pages-later-atomic-charge-lost': "the weak-gfp kmalloc(2000)'s new slab now comes from the normal page allocator and takes pages below the low watermark, so the GFP_ATOMIC accounted kmalloc(8) that follows fails",
      'rfc07-weak-gfp-slab-krealloc-grows-in-place-stale': "the gfp-0 kzalloc(500)'s slab now comes from the normal page allocator, whose object tail holds old bytes, so krealloc(512, __GFP_ZERO) grown in place is no longer zeroed there (RFC 01's growth bug reached)",
      'rfc07-weak-gfp-interrupt-uses-failure-budget-no-reclaim': "the interrupt's new slab now comes from the normal page allocator, which meets the two injected page failures the task met at 06: the task's allocation needs no direct reclaim",
      'rfc04-kfence-pick-moves-bulk-vector-trynode-wakes-kswapd': "the weak-gfp sheaf refill's new slab now comes from the normal page allocator (alloc_flags) instead of alloc_frozen_pages_nolock(), still failing",
      'rfc04-failure-budget-vector-warning-goes': "the weak-gfp sheaf refill's new slab now comes from the normal page allocator (alloc_flags) instead of alloc_frozen_pages_nolock(), still failing",
      'rfc04-failure-budget-moves-to-memcg-charge-fail': "the weak-gfp sheaf refill's new slab now comes from the normal page allocator, which counts the injected failures differently: which kmalloc_nolock() gets a page (and then fails its memcg charge) moves",
      'rfc07-weak-gfp-interrupt-slab-moves-direct-reclaim': "the interrupting __GFP_HIGH kmalloc()'s new slab now comes from the normal page allocator and takes a page, so the interrupted kvmalloc()'s direct reclaim moves to another of its page allocations and frees another amount",
      'rfc08-interrupt-vector-kmalloc-spares-later-reclaim': "the interrupting __GFP_HIGH kmalloc()'s new slab now comes from the normal page allocator (alloc_flags) and succeeds where the nolock one failed; its vector, still kmalloc_nolock() by gfp, fails; the task's own new slab (with its reclaim) comes after it",
      'rfc04-weak-gfp-sheaf-moves-page-pressure-later-vector-fails': "the weak-gfp new slabs now come from the normal page allocator (alloc_flags) instead of alloc_frozen_pages_nolock(), still failing under the injected failures",
      'rfc04-weak-gfp-refill-uses-failure-budget-later-vector-served': "the weak-gfp sheaf refill's new slab now comes from the normal page allocator (alloc_flags) instead of alloc_frozen_pages_nolock(), still failing",
      'rfc13-page-pressure-large-kmalloc-charge-lost': "the gfp-0 new slab now comes from the normal page allocator, which uses up the two injected failures (the nolock allocator failed for deferred init without counting them), so the large kmalloc at [2] succeeds",
      'rfc08-vector-takes-kfence-later-accounted-atomic-fails': "the weak-gfp new slabs come from the normal page allocator (alloc_flags) instead of alloc_frozen_pages_nolock()",
      'rfc08-weak-gfp-vector-kmalloc-fails-where-nolock-was-served': "the weak-gfp new slab now comes from the normal page allocator and the allocation succeeds (its vector still from kmalloc_nolock(), served by the stocked kmalloc-512 sheaf)",
      'rfc05-trynode-kswapd-earlier-later-bulk-nests-vector': "the trynode mask ends the kswapd wake-up at [1], so the GFP_NOWAIT bulk at [2] meets the exhausted pages again and fails (it wakes kswapd itself)",
      'rfc13-boot-kfence-pick-moves-bulk': "the gfp-0 bulk's new slab comes from the normal page allocator, which fails under the zero watermark with a warn_alloc() report",
      'rfc04-weak-gfp-sheaf-moves-kfence-pick': 'the weak-gfp new slabs now come from the normal page allocator (still failing), whose failure the gfp-0 caller reports with warn_alloc',
      'rfc05-weak-gfp-trynode-object-krealloc-in-place': 'the target-node slab comes from the masked caller gfp (__GFP_NOWARN|__GFP_THISNODE) instead of GFP_NOWAIT',
      'rfc06-weak-gfp-contended-partial-vector-fails': 'the new slab of the refill now comes from the normal page allocator (alloc_flags), which also fails under the zero watermark',
      'rfc07-trynode-mask-no-kswapd-later-nolock-fails': "the trynode mask ends the kmalloc_node()'s kswapd wake-up, so no reclaim happens before the kmalloc_nolock() in NMI, which now fails below the watermark (approved finding)",
      'rfc07-trynode-mask-no-kswapd-later-vector-fails': "the trynode mask ends the gfp-0 caller's kswapd wake-up (its attempt now fails with warn_alloc), so the next kmem_cache_alloc() finds no pages for its vector: warning and inaccurate tag (approved finding)",
      'rfc07-trynode-mask-nolock-vector-drops-memcg-charge': 'the trynode mask gives the target-node slab __GFP_NOWARN|__GFP_THISNODE, so the vector is kmalloc_nolock(), which refuses the cache without cmpxchg16b: warning, inaccurate tag, memcg charge skipped (approved finding)',
      'rfc07-weak-gfp-bulk-takes-pages-later-atomic-fails': 'the weak-gfp bulk allocation now fills from the normal page allocator (its vectors still fail as kmalloc_nolock()), and the GFP_ATOMIC kmalloc() that follows finds no pages (approved finding)',
      'rfc07-weak-gfp-refill-fresh-slab-vector-succeeds': 'refill_objects() uses the normal page allocator: the gfp-0 refill gets a fresh slab on node 1 whose kmalloc_nolock() vector succeeds; warning and inaccurate tag go away (approved finding)',
      'rfc08-boot-vector-kmalloc-fails-later-krealloc-untagged': "the weak-gfp allocations' new slabs come from the normal page allocator: the krealloc() succeeds in early boot where the nolock page allocator failed",
      'rfc08-boot-vector-moves-outer-object': 'the interrupting weak-gfp kmalloc() now gets a slab from the normal page allocator and succeeds, but its vector (kmalloc_nolock(), no nolock pages in early boot) fails: warning and inaccurate tag; memory moves for the outer and later objects',
      'rfc08-kfence-pick-moves-free-injection-untagged': 'the gfp-0 kmalloc(3000) now gets its slab from the normal page allocator during deferred init and succeeds (no failure report, a tag)',
      'rfc08-vector-kfence-pick-later-atomic-fails': "the weak-gfp caller's new slab comes from the normal page allocator (internal differences only)",
      'rfc07-weak-gfp-vector-without-cmpxchg16b': 'the new slab comes from the normal page allocator, so the object is allocated; its vector still comes from kmalloc_nolock(), which refuses caches without __CMPXCHG_DOUBLE: WARN and an inaccurate tag',
      'no-reclaim-trynode-kswapd': 'the masked target-node gfp (__GFP_NOWARN|__GFP_THISNODE) no longer wakes kswapd',
      'bulk-no-reclaim-barn-contended': 'the refill for the __GFP_NOWARN bulk gets its new slab from the normal page allocator (DEFAULT alloc_flags) instead of alloc_frozen_pages_nolock',
      'bulk-debug-cache-no-reclaim': 'the debug-cache bulk with a no-reclaim gfp gets its new slabs from the normal page allocator, which works during deferred page init, so the bulk now succeeds',
      'bulk-no-reclaim': 'refill_objects() new slabs use the normal page allocator (spinning zone->lock) for no-reclaim gfp',
      'direct-reclaim-without-kswapd-trynode': 'the trynode gfp of a __GFP_DIRECT_RECLAIM-only caller is now __GFP_NOWARN|__GFP_THISNODE (no reclaim bits)',
      'kmalloc-no-reclaim-empty-sheaves': 'sheaf refills with no-reclaim gfp allocate slabs through the normal page allocator',
      'kmem-cache-no-reclaim-debugobjects': 'no-reclaim allocations during deferred page init get slabs from the normal page allocator and succeed',
      'nolock-preempt-rt': 'the no-reclaim kmem_cache_alloc in hardirq gets its sheaf refilled via the normal page allocator (no PREEMPT_RT nolock failure), so it succeeds',
      'nolock-trylock-contention': 'the no-reclaim sheaf refill uses the normal page allocator',
      'prefill-sheaf-no-reclaim': 'no-reclaim sheaf prefill/refill allocates slabs through the normal page allocator',
      'sheaf-spare-barn-flow': 'the no-reclaim sheaf refill allocates its slab through the normal page allocator',
      'rfc07-weak-gfp-new-slab-nests-vector': 'the new slab comes from the normal page allocator, so the object is allocated; its vector is requested inside the allocation through gfp-chosen kmalloc_nolock() (nesting 1), which fails during deferred init: WARN and an inaccurate tag',
      'rfc08-kfence-pick-moves-sheaf-size': 'a new slab for the weak-gfp kmem_cache_alloc comes from the normal page allocator (spinning zone->lock) instead of alloc_frozen_pages_nolock()',
      'rfc13-stocked-slab-serves-nolock-krealloc-in-place': 'the krealloc allocation gets its new slab from the normal page allocator and succeeds; its vector, still chosen by gfp (kmalloc_nolock()), fails during deferred init: WARN and an inaccurate tag',
      'baseline-direct-reclaim-trynode-wakes-kswapd': "the vector's target-node attempt masks the caller's gfp (no reclaim bits) instead of upgrading it to GFP_NOWAIT: kswapd is no longer woken",
      'rfc05-weak-gfp-trynode-slab-vector-fails': "the target-node attempt masks the caller's gfp instead of upgrading it to GFP_NOWAIT (the slab still comes from the normal page allocator by alloc_flags); the sheaf refill's failures go away",
      'rfc07-weak-gfp-slab-failure-now-warns': "the refill's new slab comes from the normal page allocator, whose minimum-order attempt has no __GFP_NOWARN: the failure is reported by warn_alloc()",
      'rfc13-boot-stock-serves-allocation-without-memory': "the weak-gfp kmalloc's slab attempts go to the normal page allocator (which also fails without pages; the minimum-order attempt reports it through warn_alloc())",
      'rfc04-weak-gfp-refill-flush-leaves-vectorless-slab': 'the weak-gfp callers\' new slabs now come from the normal page allocator; the vector still fails (kmalloc_nolock)',
      'rfc04-weak-gfp-sheaf-alloc-failure-reported': 'the gfp-0 sheaf kzalloc and refill now get new slabs from the normal page allocator, so the sheaf allocation no longer fails',
      'rfc07-weak-gfp-kzalloc-krealloc-growth-not-zeroed': 'the weak-gfp kzalloc now gets a new slab from the normal page allocator and succeeds, so krealloc() grows its object (stale bytes beyond the requested 2000, RFC 01)',
      'rfc07-weak-gfp-object-krealloc-in-place': 'the weak-gfp kmalloc now gets a new slab from the normal page allocator and succeeds, so krealloc() keeps that object in place instead of allocating one',
      'rfc08-vector-stock-nests-later-nolock': 'the weak-gfp callers\' new slabs now come from the normal page allocator and their vectors are allocated inside them (kmalloc_nolock, failing in early boot)',
      'rfc08-weak-gfp-vector-failure-reported': 'the gfp-0 caller\'s new slab now comes from the normal page allocator (which fails for want of pages, silently under __GFP_NOWARN)',
      'rfc14-oversize-kmalloc-sheaf-return-untagged': 'the weak-gfp prefill\'s new slabs now come from the normal page allocator',
    },
  },
  {
    number: 8,
    subject: 'mm/slab: pass alloc_flags through slab_post_alloc_hook() chain',
    message: `Two more spin decisions were still read off the gfp: whether
slab_post_alloc_hook() may register the object with kmemleak, and
whether alloc_slab_obj_exts() may allocate its vector with kmalloc_node()
or has to use kmalloc_nolock() (and kfree_nolock() on a lost race).
Thread alloc_flags down the post-allocation hook chain: the hook takes
the allocation context (which now also carries the list_lru, so the
orig_size and lru parameters go away), and account_slab(), the memcg and
the alloc-tagging hooks pass alloc_flags on. The bool new_slab argument
of alloc_slab_obj_exts() becomes the SLAB_ALLOC_NEW_SLAB bit. Early boot
and weak-gfp callers now get kmemleak tracking and normal vectors.`,
    link: L(8),
    move: 'Change Function Declaration along a call chain; Introduce Parameter Object (migrate); Preserve Whole Object; Replace Flag Argument (bool new_slab → flag bit); Parallel Change (migrate)',
    kind: 'behaviour',
    declared: [
      {
        id: 'posthook.kmemleak-by-alloc-flags',
        description: 'Non-nolock allocations with a no-reclaim gfp (including boot-masked ones) are registered with kmemleak; kmalloc_nolock() with a reclaiming gfp no longer is.',
        evidence: [
          ...ev({ kind: 'kmemleak', op: ['alloc', 'free'] }),
          ...end(...END_BALANCES),
        ],
      },
      {
        id: 'objexts.vector-mode-by-alloc-flags',
        description: 'The obj_exts vector is allocated with kmalloc_node() (and freed with kfree(), marked not-leak) unless the caller is TRYLOCK, regardless of the gfp: early boot and no-reclaim allocations get normal vectors, kmalloc_nolock() with a reclaiming gfp gets a nolock vector.',
        evidence: [
          ...ev(
            { kind: 'memcg', op: ['charge', 'uncharge', 'charge_fail'] },
            { kind: 'obj_exts', path: ['kmalloc', 'kmalloc_nolock'] },
            { kind: 'kmemleak', op: 'not_leak', what: { prefix: ['obj_exts'] } },
            { kind: 'trace', event: 'kmalloc', cache: { prefix: ['kmalloc-'] }, gfp: { has: ['__GFP_NO_OBJ_EXT'] } },
            { kind: 'nest', chain: { prefix: ['obj_exts'] } },
            lock(['spin', 'trylock', 'local_trylock'], 'n->list_lock', 's->cpu_sheaves', 'zone->lock'),
            { kind: 'page_alloc' },
            { kind: 'slab', op: 'new' },
            { kind: 'alloc_tag' },
          ),
          ...end(...END_BALANCES),
          ...depth(),
        ],
      },
    ],
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
    goldenChanges: {
      'v3-04-weak-gfp-refill-uses-failure-budget-vector-served': "the vector follows alloc_flags: the slab vector comes from kmalloc_node() instead of kmalloc_nolock(), and the kmemleak gate follows alloc_flags (the nested sheaf and the object are registered)",
      'rfc06-weak-gfp-waits-for-list-lock-vector-failure-goes': "the kmemleak gate follows alloc_flags: the weak-gfp caller's object is registered with kmemleak",
      'rfc04-kfence-pick-moves-krealloc-copy-stale-tail': "the vector follows alloc_flags: the weak-gfp kcalloc()'s slab vector comes from kmalloc_node(), KFENCE-served, instead of failing through kmalloc_nolock() (no vector warning, accurate tag), so KFENCE's pick moves off the krealloc(), a slab object again; the kmemleak gate follows alloc_flags",
      'v3-14-thisnode-vector-kfence-served-no-kswapd-wake': "the vector follows alloc_flags: the gfp-0 caller's slab vector comes from kmalloc_node() instead of kmalloc_nolock(), its slab from the normal page allocator, and the kmemleak gate follows alloc_flags (the nested sheaf and the object are registered)",
      'rfc14-kfence-pick-moves-krealloc-copy-stale-tail': "the vector follows alloc_flags: the gfp-0 kzalloc()'s slab vector comes from kmalloc_node() instead of kmalloc_nolock() (KFENCE takes that sample), and the kmemleak gate follows alloc_flags (the nested sheaf and the object are registered)",
      'v3-04-weak-gfp-sheaf-moves-kfence-pick-lru-charge-fails': "the kmemleak gate follows alloc_flags: the gfp-0 caller's nested sheaf and its object are registered with kmemleak",
      'v3-14-thisnode-vector-from-other-node-sheaf-tag-released': "the vector follows alloc_flags: the gfp-0 kmalloc()'s slab vector comes from kmalloc_node() instead of kmalloc_nolock(), and the kmemleak gate follows alloc_flags (the nested sheaf and the object are registered)",
      'v3-06-trynode-no-kswapd-later-caller-nests': "the vector follows alloc_flags: the weak-gfp refill's slab vector comes from kmalloc_node() instead of kmalloc_nolock(), and the kmemleak gate follows alloc_flags (the nested sheaf and the object are registered)",
      'v3-07-weak-gfp-interrupt-slab-later-atomic-vector-fails': "the weak-gfp caller's objects and its slab's vector now follow alloc_flags: the vector comes from kmalloc_node() (normal page allocator, kmemleak-registered) instead of kmalloc_nolock(), and the objects and sheaf kzallocs are registered with kmemleak",
      'v3-15-no-obj-ext-nolock-vector-oversize-sheaf-free-warns': "the kmemleak gate follows alloc_flags: the weak-gfp prefill's sheaf kzalloc is registered with kmemleak (and unregistered when it is freed)",
      'v3-04-kfence-pick-moves-oversize-sheaf-return-warns': "the kmemleak gate follows alloc_flags: the weak-gfp caller's sheaf kzalloc is registered with kmemleak (and unregistered when the sheaf is freed)",
      'v3-06-weak-gfp-keeps-new-slab-vector-nests': "the weak-gfp caller's object and its slab's vector now follow alloc_flags: the vector comes from kmalloc_node() (normal page allocator, kmemleak-registered) instead of kmalloc_nolock(), and the object is registered with kmemleak",
      'rfc08-kfence-pick-moves-krealloc-growth-stale': "the kmalloc(1000)'s vector now comes from kmalloc_node() by alloc_flags, which KFENCE serves: its sample moves off the kzalloc(40), now a slab object with an old tail, and krealloc(__GFP_ZERO) to 5000 copies that tail into [40, 64) of the new object (RFC 01's krealloc growth bug)",
      'rfc05-trynode-upgrade-stays-on-node-fallback-meets-failures': "the weak-gfp caller's object and its slab's vector now follow alloc_flags: the vector comes from kmalloc_node() (normal page allocator, kmemleak-registered) instead of kmalloc_nolock(), and the object is registered with kmemleak",
      'v3-08-vector-enables-memcg-charge-cache-alloc-fails': "the vector now comes from kmalloc_node() by alloc_flags, so the accounted object's charge is attempted, refused by the zero memcg limit, and the allocation fails (its trace records NULL)",
      'rfc06-weak-gfp-bulk-waits-for-list-lock-no-new-slab': "the kmemleak gate follows alloc_flags: the weak-gfp bulk object is registered with kmemleak",
      'rfc08-vector-lets-oversize-sheaf-land-return-warns': "the oversize sheaf struct's kmalloc-cg-1k slab now gets its vector from kmalloc_node() by alloc_flags (kmalloc_nolock() by gfp failed without cmpxchg16b), so the struct is charged and sits on a slab with a vector; kmem_cache_return_sheaf() kfree()s it without mark_obj_codetag_empty(): 'alloc_tag was not set'",
      'rfc07-weak-gfp-slab-oversize-prefill-sheaf-free-warns': "the weak-gfp caller's objects and its slab's vector now follow alloc_flags: the vector comes from kmalloc_node() (normal page allocator, kmemleak-registered) instead of kmalloc_nolock(), the objects and sheaf kzallocs are registered with kmemleak, and the memory this moves changes where the oversize sheaf struct lands",
      'v3-08-vector-lets-bulk-charge-later-charge-finds-it': "the vector now comes from kmalloc_node() by alloc_flags and succeeds, so the SLAB_ACCOUNT object is charged at its allocation; kmem_cache_charge() finds it charged (the charge moved to the allocation; the end balance is the same)",
      'v3-07-weak-gfp-interrupt-slab-later-no-kswapd': "the weak-gfp caller's objects and its slab's vector now follow alloc_flags: the vector comes from kmalloc_node() (normal page allocator, kmemleak-registered) instead of kmalloc_nolock(), and the objects and sheaf kzallocs are registered with kmemleak",
      'v3-07-weak-gfp-slab-later-nolock-fails': "the weak-gfp caller's objects and its slab's vector now follow alloc_flags: the vector comes from kmalloc_node() (normal page allocator, kmemleak-registered) instead of kmalloc_nolock(), and the objects and sheaf kzallocs are registered with kmemleak",
      'v3-07-weak-gfp-refill-stocks-sheaf-later-vector-oom': "the weak-gfp caller's objects and its slab's vector now follow alloc_flags: the vector comes from kmalloc_node() (normal page allocator, kmemleak-registered) instead of kmalloc_nolock(), and the objects and sheaf kzallocs are registered with kmemleak",
      'v3-06-trynode-failure-budget-vector-fails': "the kmemleak gate follows alloc_flags: the weak-gfp caller's sheaf kzalloc is registered with kmemleak (and unregistered when the sheaf is freed)",
      'v3-14-thisnode-vector-attempt-wakes-kswapd': "the weak-gfp caller's objects and its slab's vector now follow alloc_flags: the vector comes from kmalloc_node() (normal page allocator, kmemleak-registered) instead of kmalloc_nolock(), and the objects are registered with kmemleak",
      'v3-14-thisnode-kfence-pick-moves-vector-later': "the kmemleak gate follows alloc_flags: the gfp-0 kmalloc() object is registered with kmemleak",
      'rfc07-weak-gfp-interrupt-slab-later-nolock-trylock-path': "the interrupt's vector now comes from kmalloc_node() by alloc_flags (normal page allocator, kmemleak-registered): no vector warning",
      'rfc05-trynode-upgrade-later-thisnode-alloc-fails': "the kmemleak gate follows alloc_flags: the gfp-0 kmalloc_node() object is registered with kmemleak",
      'rfc05-trynode-upgrade-later-kmalloc-nests-vector': "the weak-gfp caller's vector now comes from kmalloc_node() by alloc_flags (normal page allocator, kmemleak-registered) instead of kmalloc_nolock()",
      'rfc07-weak-gfp-slab-takes-pages-later-atomic-charge-lost': "the weak-gfp caller's vector now comes from kmalloc_node() by alloc_flags instead of kmalloc_nolock(), and the kmemleak gate follows alloc_flags",
      'rfc07-weak-gfp-slab-krealloc-grows-in-place-stale': "the weak-gfp vectors now come from kmalloc_node() by alloc_flags (normal page allocator, kmemleak-registered): the vector warning and inaccurate tag go, objects land elsewhere",
      'rfc07-weak-gfp-interrupt-uses-failure-budget-no-reclaim': "the interrupt's vector now comes from kmalloc_node() by alloc_flags, and the kmemleak gate follows alloc_flags: its nested and own allocations are registered; objects land elsewhere",
      'rfc04-kfence-pick-moves-bulk-vector-trynode-wakes-kswapd': "the kmemleak gate follows alloc_flags: the weak-gfp caller's nested sheaf kzalloc() is registered with kmemleak",
      'rfc04-failure-budget-vector-warning-goes': "the weak-gfp caller's vector now comes from kmalloc_node() by alloc_flags (the normal page allocator, kmemleak-registered) instead of kmalloc_nolock()",
      'rfc04-failure-budget-moves-to-memcg-charge-fail': "the kmemleak gate follows alloc_flags: the weak-gfp callers' nested sheaf and cache allocations are registered with kmemleak",
      'rfc13-stocked-vector-enables-memcg-charge-fail': "the gfp-0 bulk's vector now comes from kmalloc_node() by alloc_flags (the normal page allocator), which fails with warn_alloc and slab_out_of_memory",
      'rfc07-weak-gfp-interrupt-slab-moves-direct-reclaim': "the interrupt's vector now comes from kmalloc_node() by alloc_flags (normal page allocator) and the task's slab no longer needs one allocated late: its kswapd wake-up and direct reclaim for it go",
      'rfc01-sheaf-kzalloc-leftover-contents-reused': "the kmemleak gate follows alloc_flags: the weak-gfp (__GFP_NOWARN) kmalloc() in softirq is registered with kmemleak",
      'rfc08-interrupt-vector-kmalloc-spares-later-reclaim': "the interrupt's vector now comes from kmalloc_node() by alloc_flags (served from the reserves __GFP_HIGH allows), so the task no longer allocates one late: no kswapd wake-up, no direct reclaim",
      'rfc04-weak-gfp-sheaf-moves-page-pressure-later-vector-fails': "the kmemleak gate follows alloc_flags: the gfp-0 caller's nested sheaf kzalloc() is registered with kmemleak",
      'rfc04-weak-gfp-refill-uses-failure-budget-later-vector-served': "the gfp-0 caller's vector now comes from kmalloc_node() by alloc_flags (the normal page allocator, kmemleak-registered) instead of kmalloc_nolock()",
      'rfc13-page-pressure-large-kmalloc-charge-lost': "the gfp-0 cache allocation's vector now comes from kmalloc_node() and succeeds (no warning, accurate tag); kmemleak registers the nested allocations",
      'rfc08-vector-takes-kfence-later-accounted-atomic-fails': "the weak-gfp cache allocation's vector now comes from kmalloc_node(), KFENCE-sampled, so the GFP_ATOMIC accounted kmalloc that KFENCE served at 07 meets the exhausted pages and fails (tag, kmemleak record and memcg charge lost)",
      'rfc08-weak-gfp-vector-kmalloc-fails-where-nolock-was-served': "the vector now comes from kmalloc_node(), which needs a new kmalloc-256 slab under the exhausted watermark and fails: vector-failure warning and an inaccurate tag; kmemleak registers the object (gate by alloc_flags)",
      'rfc05-trynode-kswapd-earlier-later-bulk-nests-vector': "the nested sheaf allocation of the weak-gfp caller is now registered with kmemleak (gate by alloc_flags) and released with it",
      'rfc13-stocked-nolock-object-krealloc-growth-stale': "the vector of the krealloc's kmalloc-cg-1k slab now comes from kmalloc_node() (the caller's alloc_flags allow spinning), kmemleak-registered and marked not-leak",
      'rfc04-weak-gfp-sheaf-moves-kfence-pick': 'kmemleak now registers the nested sheaf allocation of the weak-gfp callers (gate by alloc_flags)',
      'rfc05-weak-gfp-trynode-object-krealloc-in-place': 'the vector comes from kmalloc_node() and succeeds: the object is tagged and registered with kmemleak',
      'rfc06-weak-gfp-contended-partial-vector-fails': 'the vector is requested with kmalloc_node() (DEFAULT alloc_flags) and still fails for lack of pages; kmemleak now tracks the object and the sheaf',
      'rfc07-trynode-mask-no-kswapd-later-nolock-fails': "the kmemleak gate follows alloc_flags: the weak-gfp kmalloc_node()'s nested allocations are registered with kmemleak",
      'rfc07-trynode-mask-no-kswapd-later-vector-fails': "the kmemleak gate follows alloc_flags: the weak-gfp caller's nested allocations are registered with kmemleak",
      'rfc07-trynode-mask-nolock-vector-drops-memcg-charge': 'the vector follows alloc_flags (kmalloc_node()): it succeeds, so no warning, an accurate tag and the memcg charge again',
      'rfc07-weak-gfp-bulk-takes-pages-later-atomic-fails': 'the kmemleak gate and the vector mode follow alloc_flags: the weak-gfp bulk objects are registered with kmemleak and their vectors are attempted with kmalloc_node() (still failing for want of pages)',
      'rfc07-weak-gfp-refill-fresh-slab-vector-succeeds': 'the vector follows alloc_flags (kmalloc_node()) and the kmemleak gate too: the gfp-0 object is registered, its vector marked not-leak',
      'rfc08-boot-vector-enables-memcg-charge-bulk-fails': "the early-boot GFP_KERNEL|__GFP_ACCOUNT bulk's vector follows alloc_flags (kmalloc_node(), succeeds), so its objects are charged and the charge is refused above the limit: the bulk fails (approved finding)",
      'rfc08-boot-vector-enables-memcg-charge-cache-alloc-fails': "the early-boot GFP_KERNEL_ACCOUNT kmem_cache_alloc()'s vector follows alloc_flags (kmalloc_node(), succeeds), so the object is charged and the charge is refused at the zero limit: the allocation fails, its trace records NULL (approved finding)",
      'rfc08-boot-vector-kmalloc-fails-later-krealloc-untagged': "weak-gfp vectors come from kmalloc_node(): the softirq kmalloc(64)'s succeeds, and the krealloc()'s new kmalloc-4k slab's finds no pages: its tag is inaccurate (approved finding)",
      'rfc08-boot-vector-moves-outer-object': "the interrupting weak-gfp kmalloc()'s vector comes from kmalloc_node() and succeeds; the memory it takes changes the outer kmalloc(2000)'s stale contents (approved finding)",
      'rfc08-kfence-pick-moves-free-injection-untagged': "the gfp-0 kmalloc's vector comes from kmalloc_node(), which moves the KFENCE pick: the GFP_KERNEL kmalloc(8) is a slab object, its kfree() reaches pcs_locked and the interrupting kmalloc_nolock()'s vector fails: an inaccurate tag at the end (approved finding)",
      'rfc08-vector-kfence-pick-later-atomic-fails': 'the weak-gfp vector comes from kmalloc_node() and takes the KFENCE sample, so the GFP_ATOMIC kzalloc() needs slab pages and fails (approved finding)',
      'rfc07-weak-gfp-vector-without-cmpxchg16b': 'the vector is allocated with kmalloc_node() (DEFAULT alloc_flags): no warning, the tag is accurate, kmemleak tracks the object',
      'no-reclaim-trynode-kswapd': 'the __GFP_HIGH|__GFP_NOWARN object is now registered with kmemleak (the gate follows alloc_flags)',
      'bulk-no-reclaim-barn-contended': 'the __GFP_NOWARN bulk objects are now registered with kmemleak (the gate follows alloc_flags)',
      'bulk-debug-cache-no-reclaim': 'no-reclaim bulk objects are now registered with kmemleak (DEFAULT alloc_flags)',
      'bulk-no-reclaim': 'no-reclaim bulk objects are now registered with kmemleak',
      'direct-reclaim-without-kswapd-trynode': 'the no-reclaim kmalloc_node object is now registered with kmemleak',
      'early-boot-memcg-vector': 'during early boot (GFP_BOOT_MASK) account_slab vectors come from kmalloc_node(), not kmalloc_nolock(), and are kmemleak-tracked',
      'early-boot-no-cmpxchg16b': 'early-boot vectors no longer need kmalloc_nolock() (which fails without cmpxchg16b): kmalloc_node() succeeds, so the objects get charged',
      'kmalloc-no-reclaim-empty-sheaves': 'no-reclaim kmalloc objects and their nested sheaves are now registered with kmemleak',
      'kmem-cache-no-reclaim-debugobjects': 'no-reclaim allocations are now registered with kmemleak',
      'kmemleak-no-reclaim': 'no-reclaim allocations are now registered with kmemleak',
      'memory-pressure-kswapd': 'a no-reclaim allocation is now registered with kmemleak',
      'nolock-gfp-and-memcg': 'kmalloc_nolock(GFP_KERNEL) is no longer kmemleak-registered and its vector comes from kmalloc_nolock() (trylock) instead of kmalloc_node()',
      'nolock-preempt-rt': 'no-reclaim allocations in hardirq are now registered with kmemleak',
      'nolock-trylock-contention': 'no-reclaim kmalloc objects are now registered with kmemleak',
      'objexts-install-race': 'the NMI kmem_cache_alloc with a no-reclaim gfp is DEFAULT: kmemleak-registered, and its vector comes from kmalloc_node() with a spinning list_lock instead of kmalloc_nolock()',
      'prefill-sheaf-lifecycle': 'a no-reclaim allocation is now registered with kmemleak',
      'prefill-sheaf-no-reclaim': 'no-reclaim sheaf objects and nested sheaves are now registered with kmemleak',
      'remote-partial-search': 'the no-reclaim remote allocation is now registered with kmemleak',
      'sheaf-spare-barn-flow': 'no-reclaim allocations are now registered with kmemleak',
      'rfc04-weak-gfp-bulk-vector-fails-in-deferred-init': 'the vector is allocated with kmalloc_node() (DEFAULT alloc_flags): no warning, an accurate tag, and the object is registered with kmemleak',
      'rfc07-weak-gfp-new-slab-nests-vector': 'the vector comes from kmalloc_node() on a new kmalloc-4k slab: no warning, an accurate tag, kmemleak registration',
      'rfc08-kfence-pick-moves-sheaf-size': 'the weak-gfp caller is registered with kmemleak and its vector comes from kmalloc_node(), which takes the KFENCE sample: the later kmem_cache_alloc_from_sheaf() gets a sheaf object instead of a KFENCE one, so the sheaf refilled to size 1 reports 59 objects instead of 60',
      'rfc13-stocked-slab-serves-nolock-krealloc-in-place': "the krealloc allocation's vector comes from kmalloc_node(): no warning, tagged, registered with kmemleak",
      'rfc05-weak-gfp-trynode-slab-vector-fails': 'the vectors are allocated with kmalloc_node(): no warning, accurate tags, kmemleak registration',
      'rfc07-weak-gfp-slab-failure-now-warns': 'the nested sheaf kzalloc is now registered with kmemleak (and released with the sheaf)',
      'rfc13-boot-stock-serves-allocation-without-memory': 'the nested sheaf kzalloc is now registered with kmemleak (and released with the sheaf)',
      'rfc04-weak-gfp-refill-flush-leaves-vectorless-slab': 'the weak-gfp callers\' vectors now come from kmalloc_node() and their objects are registered with kmemleak (alloc_flags gates)',
      'rfc04-weak-gfp-sheaf-alloc-failure-reported': 'weak-gfp allocations are now registered with kmemleak and their vectors come from kmalloc_node()',
      'rfc07-weak-gfp-kzalloc-krealloc-growth-not-zeroed': 'the weak-gfp kzalloc\'s object is now registered with kmemleak and its slab vector comes from kmalloc_node()',
      'rfc07-weak-gfp-object-krealloc-in-place': 'the weak-gfp kmalloc\'s object is now registered with kmemleak and its slab vector comes from kmalloc_node()',
      'rfc08-vector-stock-nests-later-nolock': 'the weak-gfp kmem_cache_alloc\'s vector now comes from kmalloc_node() and succeeds, stocking a kmalloc-1k slab that the later kmalloc_nolock() succeeds from (its own vector nested)',
      'rfc08-weak-gfp-vector-failure-reported': 'the gfp-0 caller\'s vector now comes from kmalloc_node(), whose failing page allocation reports warn_alloc() and slab_out_of_memory()',
      'rfc14-oversize-kmalloc-sheaf-return-untagged': 'the weak-gfp prefill\'s objects are now registered with kmemleak and its slab vectors come from kmalloc_node()',
    },
  },
  {
    number: 9,
    subject: 'mm/slab: replace slab_alloc_node() parameters with slab_alloc_context',
    message: `slab_alloc_node() built the allocation context itself from four of its
parameters. Let it take the context instead and have its callers
(kmem_cache_alloc*, __kmalloc_cache*, __do_kmalloc_node) fill it in with
their caller address, requested size, list_lru and SLAB_ALLOC_DEFAULT.
This is more verbose at the call sites but makes what each caller asks
for explicit, and prepares for callers with other alloc_flags, such as
kmalloc_nolock(). No functional change.`,
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
    subject: 'mm/slab: allow kmem_cache_alloc_bulk() with any gfp flags',
    message: `kmem_cache_alloc_bulk() is only meant to be called where spinning is
allowed, yet its fast path still trylocked the barn when the gfp had no
reclaim bits, and its kernel-doc demanded flags that allow spinning.
Always take the barn lock normally in alloc_from_pcs_bulk() and relax
the documentation to only require enabled interrupts. Drop the now
stale remark in alloc_slab_obj_exts() about early-boot gfp masking. With
this, no slab decision about spinning is derived from gfp flags any more.`,
    link: L(10),
    move: 'Replace derived argument with a constant (Inline Variable / Remove Dead Code); documentation',
    kind: 'behaviour',
    declared: [
      {
        id: 'bulk.barn-swap-always-spins',
        description: 'The bulk fast path swaps an empty main sheaf for a full barn sheaf under spin_lock_irqsave for every gfp, where no-reclaim gfp used a trylock that could fail and fall back to slabs.',
        evidence: [
          ...ev(lock(['spin', 'trylock'], 'barn->lock('), { ...lock('spin', 'n->list_lock('), ok: true }),
          // Which sheaves the swap leaves behind decides whether a later free must allocate one.
          ...depth(),
          ...obj.of('kmem_cache_alloc_bulk')({ kind: 'slab' }),
          ...end(...END_BALANCES),
        ],
      },
    ],
    kernelFiles: ['mm/slub.c'],
    functions: ['alloc_from_pcs_bulk', 'kmem_cache_alloc_bulk_noprof', 'alloc_slab_obj_exts'],
    signatures: [],
    goldenChanges: {
      'bulk-no-reclaim-barn-contended': 'the bulk barn swap spins (contended) instead of trylocking, so the __GFP_NOWARN bulk takes the full barn sheaf rather than slabs',},
  },
  {
    number: 11,
    subject: 'mm/slab: pass slab_alloc_context to __do_kmalloc_node()',
    message: `Pass the allocation context into __do_kmalloc_node() instead of a bare
caller address, and let its callers (__kmalloc_noprof,
__kmalloc_node_noprof, __kmalloc_node_track_caller_noprof and the
kmalloc part of kvmalloc) build it with their caller address, the
requested size and SLAB_ALLOC_DEFAULT. The size stays a separate
parameter since it also selects the bucket and goes to the traces. This
prepares a kmalloc variant that accepts alloc_flags, so a no-recursion
alloc flag can replace __GFP_NO_OBJ_EXT. No functional change.`,
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
    subject: 'mm/slab: introduce kmalloc_flags()',
    message: `Nested allocations made by slab itself (sheaves, obj_ext vectors) need
to pass both "do not spin" and, soon, "do not recurse", which gfp flags
cannot express without spending bits. Add kmalloc_flags(), a
kmalloc_node() that also takes alloc_flags and decides by itself between
the kmalloc_nolock() path (SLAB_ALLOC_TRYLOCK) and the normal one. To
share the nolock path, its body moves into __kmalloc_nolock_noprof(),
which takes an allocation context and warns if that context allows
spinning; kmalloc_nolock() becomes a wrapper passing SLAB_ALLOC_TRYLOCK.
There are no users yet, so nothing changes.`,
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
    subject: 'mm/slab: remove __GFP_NO_OBJ_EXT usage from alloc_slab_obj_exts()',
    message: `Introduce SLAB_ALLOC_NO_RECURSE, the alloc_flags counterpart of
__GFP_NO_OBJ_EXT, and use it for obj_ext vectors: alloc_slab_obj_exts()
adds it to the caller's alloc_flags and allocates the vector with
kmalloc_flags(), which also carries SLAB_ALLOC_TRYLOCK and so replaces the
explicit kmalloc_nolock()/kmalloc_node() branch. In the nolock case the
vector request now forwards the caller's gfp (plus __GFP_ZERO) instead of
a fixed one. The allocation-tagging hook skips objects by the new flag.
As posted this leaves a gap: sheaves of kmalloc caches are still marked
only with the gfp bit, so they now get allocation tags, and the sheaf
guard still tests the gfp bit, so nested vector allocations may allocate
sheaves until the next patch.`,
    link: L(13),
    move: 'Parallel Change (migrate: recursion guard for vectors); Consolidate Conditional / Substitute Algorithm',
    kind: 'behaviour',
    declared: [
      {
        id: 'objexts.vector-request-via-kmalloc-flags',
        description: 'Nested obj_ext vector allocations go through kmalloc_flags() with alloc_flags|SLAB_ALLOC_NO_RECURSE and no __GFP_NO_OBJ_EXT in their gfp; the nolock form forwards the caller gfp (so kmalloc_nolock()\'s gfp VM_WARN can fire on internal bits such as __GFP_NOWARN|__GFP_COMP).',
        evidence: [
          ...ev(
            { kind: 'trace', event: 'kmalloc', cache: { prefix: ['kmalloc-'] }, nested: true },
            { kind: 'warn', site: 'kmalloc_nolock:gfp' },
            { kind: 'nest', chain: { prefix: ['obj_exts'] } },
            { kind: 'obj_exts' },
            lock('trylock', 'zone->lock'),
            { kind: 'page_alloc', nolock: true },
            { kind: 'slab', op: 'new', cache: { prefix: ['kmalloc'] } },
          ),
          ...depth(),
        ],
      },
      {
        id: 'tagging.sheaves-and-gfp-callers-tagged',
        description: 'The alloc-tagging skip now keys on SLAB_ALLOC_NO_RECURSE only: kmalloc-cache sheaf objects (still allocated with __GFP_NO_OBJ_EXT and DEFAULT) and callers passing __GFP_NO_OBJ_EXT get allocation tags and obj_ext vectors.',
        evidence: [
          ...ev({ kind: 'alloc_tag', op: ['add', 'sub'] }, { kind: 'warn', site: { prefix: ['alloc_tag_sub_check', 'mark_obj_codetag_empty'] } }),
          ...end(...END_BALANCES),
        ],
      },
      {
        id: 'sheaf.nested-vector-may-allocate-sheaf',
        description: 'alloc_empty_sheaf() still tests only the gfp bit, which nested vector allocations no longer carry, so a vector kmalloc may allocate and refill a new empty sheaf (nesting depth 2).',
        evidence: [
          ...ev(
            // The nested allocations' page allocations reclaim or wake kswapd as the caller's gfp
            // allows (a wake-up the gfp does not allow is judged a regression all the same).
            { kind: 'direct_reclaim' },
            { kind: 'kswapd_wake' },
            { kind: 'warn', site: 'mark_obj_codetag_empty' },
            // A vector allocation that nests a sheaf allocation: obj_exts(…) > sheaf(…).
            { kind: 'nest', chain: { prefix: ['obj_exts('] }, depth: 2 },
            { kind: 'sheaf', op: ['alloc', 'refill', 'free'] },
            lock(['spin', 'trylock', 'local_trylock']),
            { kind: 'page_alloc' },
            { kind: 'slab', op: 'new' },
            { kind: 'kmemleak' },
            { kind: 'trace', event: 'kmalloc' },
            { kind: 'memcg' },
          ),
          ...result(),
          ...records(),
          ...obj({ kind: ['slab', 'NULL'] }),
          ...end(...END_BALANCES),
          ...depth(),
        ],
      },
    ],
    kernelFiles: ['mm/slab.h', 'mm/slub.c'],
    functions: ['alloc_slab_obj_exts', '__alloc_tagging_slab_alloc_hook', 'free_slab_obj_exts'],
    signatures: [],
    goldenChanges: {
      'v3-04-weak-gfp-refill-uses-failure-budget-vector-served': "RFC 13's recursion gap: boot-time nested allocations leave the kmalloc-64 slab its vector, so the GFP_KERNEL prefill's vector attempts are not needed; kmalloc sheaves are tagged",
      'rfc06-weak-gfp-waits-for-list-lock-vector-failure-goes': "RFC 13's recursion gap: boot-time nested allocations leave the kmalloc-64 slab its vector, so the GFP_KERNEL_ACCOUNT allocation needs none (no node-bound attempt, no reclaim); kmalloc sheaves are tagged",
      'rfc04-kfence-pick-moves-krealloc-copy-stale-tail': "RFC 13's recursion gap: boot-time nested allocations leave the kmalloc-64 slab its vector, so KFENCE's pick moves back onto the krealloc() (KFENCE-served); kmalloc sheaves are tagged and the nested kmallocs lose __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-14-thisnode-vector-kfence-served-no-kswapd-wake': "RFC 13's recursion gap: boot-time nested allocations leave the kmalloc-64 slab its vector, so the __GFP_THISNODE bulk needs none: no node-0-bound vector attempt, no kswapd wake-up, no vector failure; kmalloc sheaves are tagged and the nested kmallocs lose __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc14-kfence-pick-moves-krealloc-copy-stale-tail': "RFC 13's recursion gap: boot-time nested allocations move KFENCE's pick onto the kzalloc(1000), which is a wholly zeroed KFENCE object: krealloc(__GFP_ZERO) copies zeroes",
      'v3-14-thisnode-kfence-pick-moves-early-page-tag-inaccurate': "RFC 13's recursion gap: boot-time nested vector allocations allocate sheaves of their own (nesting 2), the kmalloc-cache sheaf kzallocs are tagged, and the nested vector kmallocs lose __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc13-kfence-pick-moves-krealloc-copy-stale-tail': "RFC 13's recursion gap: boot-time nested allocations stock the kmalloc-64 slab's vector and move KFENCE's pick, so the kmalloc(500, __GFP_ZERO) that KFENCE served whole-zeroed at 12 is a slab object zeroed only to 500 bytes, and krealloc(9000, __GFP_ZERO) copies its stale tail into the new object (approved finding)",
      'rfc13-boot-nesting-moves-early-pfn-record': "RFC 13's recursion gap: boot-time nested vector allocations allocate and refill sheaves (nesting up to 4), which take pages, so the alloc_pages() page recorded on the early path is another one; the boot state's caches, tags and kmemleak records grow",
      'v3-14-thisnode-vector-from-other-node-sheaf-tag-released': "RFC 13's recursion gap: boot-time nested allocations leave kmalloc-256 stocked and kmalloc sheaves tagged, so the gfp-0 kmalloc() needs no refill and the prefill's node-0 vector kmalloc is served: no failure reports; the sheaf struct is tagged and its tag released when the failed prefill frees it",
      'v3-14-thisnode-kfence-pick-moves-nmi-nolock-fails': "the nested vector kmallocs no longer carry __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-06-trynode-no-kswapd-later-caller-nests': "RFC 13's recursion gap: boot-time nested allocations leave the kmalloc-64 slab its vector and take the pages the __GFP_NOWARN refill got at 12, so that refill fails; the direct-reclaim caller refills after reclaim, and its vector kmalloc allocates a sheaf of its own (nesting 2); kmalloc sheaves are tagged",
      'v3-07-weak-gfp-interrupt-slab-later-atomic-vector-fails': "RFC 13's recursion gap: the nested vector kmallocs allocate sheaves of their own and the sheaf kzallocs are tagged, which moves pages",
      'v3-15-no-obj-ext-nolock-vector-oversize-sheaf-free-warns': "RFC 13's recursion gap: boot-time nested allocations move pages (object contents), and the kmalloc_nolock(__GFP_NO_OBJ_EXT) object is tagged, so its kmalloc-1k slab gets a vector",
      'v3-15-no-obj-ext-caller-sheaf-later-nmi-nolock-untagged': "the GFP_KERNEL|__GFP_NO_OBJ_EXT kmalloc() is tagged since RFC 13 (the tagging hook skips only SLAB_ALLOC_NO_RECURSE), and RFC 13's boot-time nested allocations left the kmalloc-128 slab its vector, so the later kmalloc_nolock() needs none of its own",
      'v3-04-kfence-pick-moves-oversize-sheaf-return-warns': "RFC 13's recursion gap: the sheaf kzallocs are tagged, so free_empty_sheaf()'s mark_obj_codetag_empty() meets a set tag (WARN_ON(ext->ref.ct))",
      'v3-06-weak-gfp-keeps-new-slab-vector-nests': "RFC 13's recursion gap: the nested vector kmalloc allocates and refills a sheaf of its own (nesting 2), and the sheaf kzallocs are tagged",
      'rfc08-kfence-pick-moves-krealloc-growth-stale': "RFC 13's recursion gap: boot-time nested allocations move pages (object contents) and the sheaf kzallocs are tagged",
      'rfc05-trynode-upgrade-stays-on-node-fallback-meets-failures': "RFC 13's recursion gap: boot-time nested vector allocations allocate sheaves and tags (more objects in kmalloc-256/512, a kmalloc-1k slab), and the nested vector kmalloc traces without __GFP_NO_OBJ_EXT",
      'v3-08-vector-enables-memcg-charge-cache-alloc-fails': "RFC 13's recursion gap: the nested vector kmalloc allocates and refills a sheaf of its own (nesting 2), and the sheaf kzallocs are tagged",
      'v3-14-kfence-serves-oversize-sheaf-return-warns': "RFC 13's recursion gap: the oversize sheaf struct is tagged (the tagging hook skips only SLAB_ALLOC_NO_RECURSE) and its slab's vector kmalloc (served by KFENCE) nests a sheaf check (nesting 2); the nested vector kmalloc traces without __GFP_NO_OBJ_EXT",
      'rfc06-weak-gfp-bulk-waits-for-list-lock-no-new-slab': "RFC 13's recursion gap: the nested vector kmalloc allocates and refills a sheaf of its own (nesting 2), and the sheaf kzallocs are tagged",
      'rfc08-vector-lets-oversize-sheaf-land-return-warns': "RFC 13's recursion gap: the nested vector kmalloc allocates and refills a sheaf of its own (nesting 3), and the sheaf kzallocs are tagged",
      'rfc07-weak-gfp-slab-oversize-prefill-sheaf-free-warns': "RFC 13's recursion gap: the nested vector kmalloc allocates and refills a sheaf of its own (nesting 2), and the sheaf kzallocs are tagged",
      'v3-08-vector-lets-bulk-charge-later-charge-finds-it': "RFC 13's recursion gap: the nested vector kmalloc allocates and refills a kmalloc-4k sheaf of its own (nesting 2); the sheaf kzallocs are tagged",
      'v3-07-weak-gfp-interrupt-slab-later-no-kswapd': "RFC 13's recursion gap: the nested obj_exts vector kmallocs now allocate sheaves of their own (nesting 2), also during boot, which moves pages and object contents; the sheaf kzallocs are tagged",
      'v3-07-weak-gfp-slab-later-nolock-fails': "RFC 13's recursion gap: the nested obj_exts vector kmallocs now allocate sheaves of their own (nesting 2), also during boot, which moves pages and object contents; the sheaf kzallocs are tagged",
      'v3-07-weak-gfp-refill-stocks-sheaf-later-vector-oom': "RFC 13's recursion gap: the nested obj_exts vector kmallocs now allocate sheaves of their own (nesting 2), also during boot, which moves pages and object contents; the sheaf kzallocs are tagged",
      'v3-06-trynode-no-kswapd-later-nolock-fails': "RFC 13's recursion gap: boot-time nested vector allocations left the kmalloc-64 slab its vector, so the bulk allocation needs none of its own",
      'v3-06-trynode-failure-budget-vector-fails': "RFC 13's recursion gap: boot-time nested vector allocations left the kmalloc-64 slab its vector, so the allocation needs none of its own; the sheaf kzallocs are tagged",
      'v3-14-thisnode-vector-attempt-wakes-kswapd': "RFC 13's recursion gap: boot-time nested vector allocations stocked sheaves and vectors, so the __GFP_THISNODE allocation's kmalloc-64 slab needs no vector of its own; the sheaf kzallocs are tagged",
      'v3-14-thisnode-kfence-pick-moves-vector-later': "RFC 13's recursion gap: the nested obj_exts vector kmallocs now allocate sheaves of their own (nesting 2) and the sheaf kzallocs are tagged",
      'v3-15-no-obj-ext-reclaim-caller-sheaf-vector-fail': "the GFP_KERNEL|__GFP_NO_OBJ_EXT kmalloc() is tagged since RFC 13 (the tagging hook skips only SLAB_ALLOC_NO_RECURSE) and the sheaf kzalloc is tagged; the kmalloc-64 slab has its vector from RFC 13's boot-time nested allocations, so the later __GFP_THISNODE cache allocation needs no vector of its own (no warn_alloc, no slab_out_of_memory, an accurate tag)",
      'v3-14-thisnode-vector-attempt-no-longer-reclaims': "kmalloc sheaves are tagged and the kmalloc-64 slab has its vector from the boot-time nested allocations, so the __GFP_THISNODE cache allocation's node-bound vector allocation (and its direct reclaim) at 12 is not needed",
      'v3-07-trynode-normal-allocator-uses-failure-budget': "the nested vector kmalloc is traced without __GFP_NO_OBJ_EXT",
      'v3-14-thisnode-vector-from-other-node': "kmalloc sheaves are tagged and the kmalloc-64 slab has its vector from the boot-time nested allocations, so the __GFP_THISNODE kmalloc's node-bound vector allocation (failing at 12) is not needed: no failure reports, an accurate tag",
      'v3-15-no-obj-ext-caller-vector-fails-early-boot': "the kmalloc_nolock(__GFP_NO_OBJ_EXT) object is tagged since RFC 13 (the tagging hook skips only SLAB_ALLOC_NO_RECURSE), and the kmalloc-64 slab it lands on has its vector from the boot-time nested allocations; the later cache allocation needs no vector of its own",
      'rfc13-kfence-pick-moves-failing-bulk': "boot-time nested allocations now allocate sheaves and tags, which moves KFENCE's pick: the failing bulk no longer takes (and frees) a KFENCE object, and the vector nesting is deeper",
      'rfc07-weak-gfp-interrupt-slab-later-nolock-trylock-path': "nested vector allocations may allocate (tagged) sheaves (nesting 2) and boot-time nested allocations move the slabs",
      'rfc05-trynode-upgrade-later-kmalloc-nests-vector': "nested vector kmallocs are traced without __GFP_NO_OBJ_EXT and boot-time nested allocations move the objects",
      'rfc01-init-on-alloc-krealloc-growth-both-promises': "the krealloc()'s new kmalloc-256 object's slab comes with its vector (kmalloc slabs stocked by boot-time nested allocations), so the nested vector allocation of kmalloc-64 that failed at 12 goes and the tag is accurate",
      'rfc07-weak-gfp-slab-takes-pages-later-atomic-charge-lost': "nested sheaf allocations are tagged and the vector's nested kmalloc may allocate a sheaf (nesting 2)",
      'rfc07-weak-gfp-slab-krealloc-grows-in-place-stale': "kmalloc sheaves are tagged and boot-time nested allocations move KFENCE's pick: the kzalloc(500) KFENCE served at 12 is a slab object whose tail the in-place krealloc() leaves stale (RFC 01's growth bug reached)",
      'rfc07-weak-gfp-interrupt-uses-failure-budget-no-reclaim': "nested vector allocations may now allocate (tagged) sheaves (nesting 2), and boot-time nested allocations move the objects",
      'rfc04-kfence-pick-moves-bulk-vector-trynode-wakes-kswapd': "kmalloc sheaves are tagged and boot-time nested allocations move KFENCE's pick and the objects: the bulk's slab has its vector",
      'rfc04-failure-budget-vector-warning-goes': "kmalloc sheaves are tagged and boot-time nested allocations use up pages and injected failures elsewhere: the GFP_KERNEL kzalloc's sheaf refill fails and so does the kzalloc",
      'rfc04-failure-budget-moves-to-memcg-charge-fail': "the nested obj_exts vector request trips kmalloc_nolock()'s gfp VM_WARN (RFC 13's nested kmalloc_nolock() warning)",
      'rfc13-stocked-vector-enables-memcg-charge-fail': "kmalloc slabs stocked by boot-time nested allocations give the accounted kmem_cache_alloc()'s slab a vector, so its memcg charge is attempted and fails under the zero limit: the allocation fails",
      'rfc07-weak-gfp-interrupt-slab-moves-direct-reclaim': "nested vector allocations may allocate (tagged) sheaves and boot-time nested allocations move KFENCE's pick and the objects",
      'rfc01-init-on-alloc-krealloc-moves-stale-slack': "the krealloc()'s new kmalloc-64 slab comes with its vector (kmalloc slabs stocked by boot-time nested allocations), so its nested vector allocation, which failed at 12, goes and the tag is accurate",
      'rfc08-interrupt-vector-kmalloc-spares-later-reclaim': "the nested vector allocation may now allocate a sheaf (nesting 2) and is tagged; boot-time nested allocations move objects",
      'rfc04-weak-gfp-sheaf-moves-page-pressure-later-vector-fails': "kmalloc sheaves are tagged (nested sheaf allocations recurse into obj_exts), nesting deeper, and boot-time nested allocations move objects",
      'rfc04-weak-gfp-refill-uses-failure-budget-later-vector-served': "kmalloc sheaves are tagged (nested sheaf allocations recurse into obj_exts) and boot-time nested allocations move the pages: the vector allocation changes",
      'baseline-nolock-memcg-charge-fail-spins-on-list-lock': "the nested obj_exts vector request trips kmalloc_nolock()'s gfp VM_WARN (RFC 13's nested kmalloc_nolock() warning)",
      'rfc13-page-pressure-large-kmalloc-charge-lost': "the kmalloc-64 slab already has its vector (kmalloc sheaves are tagged), so the cache allocation no longer uses up the injected page failures and the accounted large kmalloc meets them and fails (memcg charge and kmemleak record lost)",
      'rfc08-vector-takes-kfence-later-accounted-atomic-fails': "boot-time nested allocations move the KFENCE sample and the pages left: the vector no longer takes the sample and the accounted kmalloc succeeds again",
      'rfc08-weak-gfp-vector-kmalloc-fails-where-nolock-was-served': "boot-time nested allocations stock the kmalloc-256 slab, so the vector succeeds again and the object lands elsewhere",
      'rfc05-trynode-kswapd-earlier-later-bulk-nests-vector': "the nested sheaf kmalloc is tagged (kmalloc sheaves are tagged) and the boot-time nested allocations nest deeper",
      'rfc13-boot-kfence-pick-moves-bulk': "nested vector allocations during boot may now allocate sheaves, which moves the KFENCE sample onto the bulk's first object (freed again when the bulk fails)",
      'rfc13-page-pressure-moves-to-later-allocation': 'the kmalloc-64 slab already has its vector (kmalloc sheaves are tagged), so the bulk no longer uses up the injected page failures and the GFP_KERNEL kmalloc(8) meets them and fails',
      'rfc13-page-pressure-kvmalloc-falls-back-to-vmalloc': "the kmalloc-64 slab already has its vector (kmalloc sheaves are tagged), so the bulk no longer takes the page kvmalloc()'s kmalloc attempt needed: that attempt fails and kvmalloc() falls back to vmalloc (charge, kmemleak record and tag on the area)",
      'rfc13-stocked-nolock-object-krealloc-growth-stale': 'the early-boot kmalloc_nolock() is served by a slab the boot-time nested vector allocations stocked, so krealloc() grows it in place (stale bytes, no new charge)',
      'rfc14-kfence-pick-moves-krealloc-growth-stale': 'nested vector allocations during boot may now allocate sheaves, which moves the KFENCE sample onto the kzalloc(24) object',
      'rfc14-vector-needed-again-charge-dropped': 'the kmalloc-64 slab already has its vector (kmalloc sheaves are tagged), so the accounted bulk object is charged and tagged',
      'rfc04-weak-gfp-sheaf-moves-kfence-pick': 'boot-time nested sheaf allocations (the recursion gap of RFC 13) move the KFENCE sample: the gfp-0 kmalloc gets it and the cache allocation succeeds from KFENCE again',
      'rfc05-weak-gfp-trynode-object-krealloc-in-place': 'the vector is requested without __GFP_NO_OBJ_EXT in its traced gfp (kmalloc_flags)',
      'rfc06-weak-gfp-contended-partial-vector-fails': 'the nested sheaf kmalloc is tagged (the recursion gap of RFC 13) and the slab already has a vector when the object is allocated, so its tag is accurate',
      'rfc07-trynode-mask-no-kswapd-later-nolock-fails': 'the nested vector kmalloc loses __GFP_NO_OBJ_EXT and may allocate sheaves: one more level of nesting, tagged sheaves',
      'rfc07-trynode-mask-no-kswapd-later-vector-fails': "the nested vector kmalloc loses __GFP_NO_OBJ_EXT and may allocate sheaves (nesting up to 4): the later kmem_cache_alloc()'s vector is served from the stock this leaves, so no warning",
      'rfc07-trynode-mask-nolock-vector-drops-memcg-charge': 'the nested vector kmalloc loses __GFP_NO_OBJ_EXT and may allocate sheaves: one more level of nesting, memory moved',
      'rfc07-weak-gfp-bulk-takes-pages-later-atomic-fails': 'the nested vector kmalloc loses __GFP_NO_OBJ_EXT: internal differences only',
      'rfc07-weak-gfp-refill-fresh-slab-vector-succeeds': 'the nested vector kmalloc loses __GFP_NO_OBJ_EXT and may allocate sheaves: one more level of nesting, tagged sheaves',
      'rfc08-boot-vector-enables-memcg-charge-bulk-fails': 'the nested vector kmalloc loses __GFP_NO_OBJ_EXT and may allocate sheaves: one more level of nesting',
      'rfc08-boot-vector-enables-memcg-charge-cache-alloc-fails': 'the nested vector kmalloc loses __GFP_NO_OBJ_EXT and may allocate sheaves: one more level of nesting',
      'rfc08-boot-vector-kmalloc-fails-later-krealloc-untagged': 'the nested vector kmalloc loses __GFP_NO_OBJ_EXT and may allocate sheaves: nesting and memory move, the vector warning is no longer reached',
      'rfc08-boot-vector-moves-outer-object': 'the nested vector kmalloc loses __GFP_NO_OBJ_EXT and may allocate sheaves: one more level of nesting, objects placed elsewhere',
      'rfc08-kfence-pick-moves-free-injection-untagged': "the nested vector kmalloc loses __GFP_NO_OBJ_EXT and may allocate sheaves: nesting and placement change, the interrupting kmalloc_nolock()'s vector succeeds",
      'rfc08-vector-kfence-pick-later-atomic-fails': 'the nested vector kmalloc loses __GFP_NO_OBJ_EXT and may allocate sheaves: tagged sheaves, placement changes',
      'rfc07-weak-gfp-vector-without-cmpxchg16b': 'the nested vector kmalloc allocates a kmalloc-512 sheaf whose object is tagged, changing which objects are handed out',
      'atomic-in-irq-contexts': 'the nested vector kmalloc (no gfp marker any more) allocates and refills a kmalloc-1k sheaf',
      'early-boot-memcg-vector': 'vector requests lose __GFP_NO_OBJ_EXT in their gfp; a nested vector kmalloc allocates a sheaf whose object is tagged',
      'early-boot-no-cmpxchg16b': 'vector requests lose __GFP_NO_OBJ_EXT in their gfp',
      'memcg-charge-and-failure': 'the nested vector kmalloc allocates and refills a kmalloc-1k sheaf; vector gfp loses __GFP_NO_OBJ_EXT',
      'memcg-late-charge': 'the nested vector kmalloc allocates and refills a kmalloc-192 sheaf',
      'no-obj-ext-gfp-caller': 'a caller passing __GFP_NO_OBJ_EXT is now tagged (and its free balances instead of warning); kmalloc sheaves are tagged; a nested vector allocates a sheaf',
      'nolock-gfp-and-memcg': 'the nolock vector request forwards the caller gfp, so the kmalloc_nolock() gfp VM_WARN fires already for the first vector; __GFP_NO_OBJ_EXT objects and kmalloc sheaves are tagged',
      'objexts-install-race': 'the outer nested vector kmalloc allocates and refills a kmalloc-256 sheaf; vector gfp loses __GFP_NO_OBJ_EXT',
      'prefill-sheaf-lifecycle': 'vector requests lose __GFP_NO_OBJ_EXT in their gfp',
      'profiling-kmalloc-sheaf-lifecycle': 'kmalloc-cache sheaves get allocation tags; nested vector kmallocs allocate sheaves, changing later outcomes',
      'profiling-vector-recursion-guard': 'the nested vector kmalloc is no longer stopped by alloc_empty_sheaf() and allocates a sheaf (depth 2); kmalloc sheaves are tagged',
      'rfc04-weak-gfp-bulk-vector-fails-in-deferred-init': "boot-time nested vector allocations (no gfp marker any more) already stocked sheaves, so the bulk object's vector comes without a new kmalloc-1k slab",
      'rfc07-weak-gfp-new-slab-nests-vector': 'the nested vector kmalloc (no gfp marker) allocates and refills a kmalloc-4k sheaf inside the vector allocation (nesting 2)',
      'rfc08-kfence-pick-moves-sheaf-size': 'nested vector kmallocs (no gfp marker) allocate and refill sheaves: the prefill and the from-sheaf allocation nest one level deeper, and the KFENCE pick moves to the first object',
      'rfc13-boot-recursion-moves-memory': 'boot-time nested vector allocations allocate and refill sheaves (the recursion gap), so the run starts on another memory layout: both large objects get other pages (other garbage)',
      'rfc13-boot-vectors-serve-early-nolock': "the sheaves that boot-time nested vector allocations stocked serve the kmalloc_nolock() object's vector: tagged, no WARN; the later kmem_cache_alloc's vector kmalloc allocates sheaves (nesting 2)",
      'rfc13-stocked-slab-serves-nolock-krealloc-in-place': 'the kmalloc-256 slab stocked by boot-time nested vector allocations serves the kmalloc_nolock(), so the krealloc() shrinks it in place: no new allocation (no tag, no kmemleak registration), and the injected kmalloc_nolock() is not reached',
      'baseline-direct-reclaim-trynode-wakes-kswapd': 'the nested vector kmalloc (no gfp marker) allocates and refills a kmalloc-128 sheaf (nesting 2)',
      'rfc05-weak-gfp-trynode-slab-vector-fails': 'boot-time and nested vector allocations (no gfp marker) allocate sheaves, moving the objects',
      'rfc13-boot-stock-serves-allocation-without-memory': "a kmalloc-1k slab stocked by boot-time nested vector allocations serves the kmalloc, but its vector cannot be allocated without pages: WARN, an inaccurate tag and the vector kmalloc's failure report",
      'rfc04-weak-gfp-refill-flush-leaves-vectorless-slab': 'nested vector allocations may now allocate (tagged) sheaves, which moves KFENCE samples and memory',
      'rfc07-weak-gfp-object-krealloc-in-place': 'nested vector allocations may now allocate (tagged) sheaves',
      'rfc08-vector-stock-nests-later-nolock': 'nested vector allocations may now allocate (tagged) sheaves',
      'rfc08-weak-gfp-vector-failure-reported': 'nested vector allocations may now allocate sheaves during boot; the stock they leave serves the vector, so its failure reports go',
      'rfc14-boot-kfence-pick-moves': 'nested vector allocations during boot may now allocate sheaves, which moves the KFENCE sample onto the bulk\'s fourth object',
      'rfc14-oversize-kmalloc-sheaf-return-untagged': 'the kmalloc-cache sheaf is now tagged (recursion gap), so its kfree() subtracts the tag instead of warning \'alloc_tag was not set\'',
    },
  },
  {
    number: 14,
    subject: 'mm/slab: replace __GFP_NO_OBJ_EXT with SLAB_ALLOC_NO_RECURSE for sheaves',
    message: `Finish moving the recursion guard to alloc_flags. Sheaves of kmalloc
caches are now allocated with kmalloc_flags() and SLAB_ALLOC_NO_RECURSE
instead of kzalloc() with __GFP_NO_OBJ_EXT, and alloc_empty_sheaf()
refuses to allocate a sheaf when the flag is set, taking alloc_flags as
a new parameter. __pcs_replace_empty_main() forwards the allocation's
own flags; every other sheaf allocation site cannot be part of a nested
kmalloc chain and passes SLAB_ALLOC_DEFAULT. kmalloc_nolock() no longer
accepts __GFP_NO_OBJ_EXT, which is now unused by slab.`,
    link: L(14),
    move: 'Parallel Change (migrate: last users); Change Function Declaration (add parameter)',
    kind: 'behaviour',
    declared: [
      {
        id: 'sheaf.no-recurse-by-alloc-flags',
        description: 'kmalloc-cache sheaves carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their kmalloc gfp no longer shows the bit), so they are untagged again, and alloc_empty_sheaf() blocks nested vector/sheaf allocations by the alloc flag: stage 12 behaviour is restored.',
        evidence: [
          ...ev(
            { kind: 'trace', event: 'kmalloc' },
            { kind: 'warn', site: ['alloc_tag_sub_check', 'mark_obj_codetag_empty'] },
            { kind: 'direct_reclaim' },
            { kind: 'kswapd_wake' },
            { kind: 'sheaf', op: ['alloc', 'refill', 'free'] },
            lock(['spin', 'trylock', 'local_trylock']),
            { kind: 'page_alloc' },
            { kind: 'slab', op: 'new' },
            { kind: 'kmemleak' },
            { kind: 'alloc_tag', op: ['add', 'sub'] },
            { kind: 'memcg' },
            { kind: 'obj_exts' },
            { kind: 'nest' },
          ),
          ...result(),
          ...records(),
          ...obj({ kind: ['slab', 'NULL'] }),
          ...end(...END_BALANCES),
          ...depth(),
        ],
      },
      {
        id: 'gfp.no-obj-ext-ignored',
        description: '__GFP_NO_OBJ_EXT passed by a caller no longer prevents sheaf allocation, and kmalloc_nolock() with it now hits the gfp VM_WARN (allow-mask __GFP_ACCOUNT|__GFP_ZERO).',
        evidence: [
          ...ev({ kind: 'warn', site: 'kmalloc_nolock:gfp', msg: ['VM_WARN_ON_ONCE(gfp_flags & ~(__GFP_ACCOUNT | __GFP_ZERO))', 'VM_WARN_ON_ONCE(gfp_flags & ~(__GFP_ACCOUNT | __GFP_ZERO | __GFP_NO_OBJ_EXT))'] }),
        ],
      },
    ],
    kernelFiles: ['mm/slub.c'],
    functions: ['__alloc_empty_sheaf', 'alloc_empty_sheaf', 'free_empty_sheaf', '__kmalloc_nolock_noprof', '__pcs_replace_empty_main', 'kmem_cache_prefill_sheaf', '__pcs_replace_full_main', '__kfree_rcu_sheaf', 'init_percpu_sheaves', 'bootstrap_cache_sheaves'],
    signatures: [
      { fn: '__alloc_empty_sheaf', params: ['s', 'gfp', 'alloc_flags', 'capacity'] },
      { fn: 'alloc_empty_sheaf', params: ['s', 'gfp', 'alloc_flags'] },
    ],
    goldenChanges: {
      'v3-04-weak-gfp-refill-uses-failure-budget-vector-served': "closing RFC 13's recursion gap: as at 12, with the nested kmallocs carrying SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc06-weak-gfp-waits-for-list-lock-vector-failure-goes': "closing RFC 13's recursion gap: as at 12, with the nested kmallocs carrying SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc04-kfence-pick-moves-krealloc-copy-stale-tail': "closing RFC 13's recursion gap: as at 12, with the nested kmallocs carrying SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-14-thisnode-vector-kfence-served-no-kswapd-wake': "closing RFC 13's recursion gap: as at 12 (the bulk's node-0-bound vector attempt wakes kswapd and fails), with the nested kmallocs carrying SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc14-kfence-pick-moves-krealloc-copy-stale-tail': "closing RFC 13's recursion gap changes the boot-time allocations, so KFENCE's sample moves off the kzalloc(1000), a slab object zeroed only to 1000 bytes again: krealloc(9000, __GFP_ZERO) copies its stale tail into the grown bytes (approved finding)",
      'v3-14-thisnode-kfence-pick-moves-early-page-tag-inaccurate': "closing RFC 13's recursion gap: as at 12, with the nested kmallocs carrying SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-04-weak-gfp-sheaf-moves-kfence-pick-lru-charge-fails': "the nested sheaf kmalloc carries SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (its trace gfp)",
      'rfc13-kfence-pick-moves-krealloc-copy-stale-tail': "closing RFC 13's recursion gap: the boot state and KFENCE's pick are 12's again (the kmalloc(500) is KFENCE-served and wholly zeroed), with the nested kmallocs carrying SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc13-boot-nesting-moves-early-pfn-record': "closing RFC 13's recursion gap: the boot state and the recorded page are 12's again",
      'v3-14-thisnode-vector-from-other-node-sheaf-tag-released': "closing RFC 13's recursion gap: as at 12 (the node-0-bound vector kmalloc fails again), with the nested kmallocs carrying SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp and the reported gfp)",
      'v3-06-trynode-no-kswapd-later-caller-nests': "closing RFC 13's recursion gap: as at 12, with the nested sheaf and vector kmallocs carrying SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-07-weak-gfp-interrupt-slab-later-atomic-vector-fails': "closing RFC 13's recursion gap: the nested vector kmallocs no longer allocate sheaves (as at 12), and the kmalloc-cache sheaf kzallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-15-no-obj-ext-nolock-vector-oversize-sheaf-free-warns': "RFC 14: kmalloc_nolock() no longer accepts __GFP_NO_OBJ_EXT (gfp VM_WARN) and closing RFC 13's recursion gap moves pages back; the object is tagged and its slab's vector allocated, so the oversize sheaf struct that lands on that slab warns 'alloc_tag was not set' when kfree()d",
      'v3-15-no-obj-ext-caller-sheaf-later-nmi-nolock-untagged': "RFC 14: __GFP_NO_OBJ_EXT no longer blocks sheaf allocation, so the caller allocates and refills an empty kmalloc-128 sheaf, which takes the objects the later NMI kmalloc_nolock() found at 13: it fails in early boot, its tag goes",
      'v3-15-no-obj-ext-caller-sheaf-takes-nmi-object': "RFC 14: __GFP_NO_OBJ_EXT no longer blocks sheaf allocation, so the caller allocates and refills an empty sheaf; its kzalloc takes the kmalloc-256 object the NMI kmalloc_nolock(192) got at 13, which now fails in early boot",
      'v3-04-kfence-pick-moves-oversize-sheaf-return-warns': "closing RFC 13's recursion gap: the sheaf kzallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (untagged again; their trace gfp), so that WARN goes",
      'v3-06-weak-gfp-keeps-new-slab-vector-nests': "closing RFC 13's recursion gap: the nested vector kmalloc no longer allocates a sheaf (as at 12)",
      'rfc08-kfence-pick-moves-krealloc-growth-stale': "closing RFC 13's recursion gap: pages, object contents and sheaf tags as at 12",
      'rfc05-trynode-upgrade-stays-on-node-fallback-meets-failures': "closing RFC 13's recursion gap removes what its boot-time nested allocations left (cache counts and tags as at 12)",
      'v3-08-vector-enables-memcg-charge-cache-alloc-fails': "closing RFC 13's recursion gap: the nested vector kmalloc no longer allocates a sheaf (as at 12), and the kmalloc-cache sheaf kzallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-14-kfence-serves-oversize-sheaf-return-warns': "closing RFC 13's recursion gap: the sheaf struct carries SLAB_ALLOC_NO_RECURSE (untagged again, its trace gfp) and its slab needs no vector",
      'rfc06-weak-gfp-bulk-waits-for-list-lock-no-new-slab': "closing RFC 13's recursion gap: the nested vector kmalloc no longer allocates a sheaf (as at 12), and the kmalloc-cache sheaf kzallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (untagged; their trace gfp)",
      'rfc08-vector-lets-oversize-sheaf-land-return-warns': "closing RFC 13's recursion gap: the nested vector kmalloc no longer allocates a sheaf (as at 12)",
      'rfc07-weak-gfp-slab-oversize-prefill-sheaf-free-warns': "closing RFC 13's recursion gap: the nested vector kmalloc no longer allocates a sheaf (as at 12), and the kmalloc-cache sheaf kzallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (untagged; their trace gfp)",
      'v3-08-vector-lets-bulk-charge-later-charge-finds-it': "closing RFC 13's recursion gap: the nested vector kmalloc no longer allocates a sheaf (as at 12), and the kmalloc-cache sheaf kzallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-07-weak-gfp-interrupt-slab-later-no-kswapd': "closing RFC 13's recursion gap: the nested vector kmallocs no longer allocate sheaves (pages and object contents as at 12), and the kmalloc-cache sheaf kzallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (untagged; their trace gfp)",
      'v3-07-weak-gfp-slab-later-nolock-fails': "closing RFC 13's recursion gap: the nested vector kmallocs no longer allocate sheaves (pages and object contents as at 12), and the kmalloc-cache sheaf kzallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (untagged; their trace gfp)",
      'v3-07-weak-gfp-refill-stocks-sheaf-later-vector-oom': "closing RFC 13's recursion gap: the nested vector kmallocs no longer allocate sheaves (pages and object contents as at 12), and the kmalloc-cache sheaf kzallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (untagged; their trace gfp)",
      'v3-06-trynode-no-kswapd-later-nolock-fails': "closing RFC 13's recursion gap removes the vectors its boot-time nested allocations left: the kmalloc-64 slab allocates its vector again, as at 12",
      'v3-06-trynode-failure-budget-vector-fails': "closing RFC 13's recursion gap removes the vectors its boot-time nested allocations left: the kmalloc-64 slab allocates its vector again (as at 12); the sheaf kzallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (untagged; their trace gfp)",
      'v3-14-thisnode-vector-attempt-wakes-kswapd': "closing RFC 13's recursion gap removes the vectors its boot-time nested allocations left, so the __GFP_THISNODE allocation's new kmalloc-64 slab allocates its vector again (node-bound, as at 12); the sheaf kzallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (untagged; their trace gfp)",
      'v3-14-thisnode-kfence-pick-moves-vector-later': "closing RFC 13's recursion gap: the nested vector kmallocs no longer allocate sheaves, and the kmalloc-cache sheaf kzallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (untagged again; their trace gfp)",
      'v3-15-no-obj-ext-reclaim-caller-sheaf-vector-fail': "RFC 14: __GFP_NO_OBJ_EXT no longer blocks sheaf allocation, so the caller allocates an empty sheaf whose refill fails after direct reclaim; and closing RFC 13's recursion gap removes the vector its boot-time nested allocations left, so the caller's slab needs a vector, whose GFP_KERNEL kmalloc fails (warn_alloc, slab_out_of_memory, vector warning, inaccurate tag)",
      'v3-14-thisnode-vector-attempt-no-longer-reclaims': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE): the vector is needed as at 12, its node-bound attempts reclaim and fail under the injected failures",
      'v3-14-thisnode-vector-from-other-node': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE): the vector is needed as at 12 and, still bound to node 0, fails with warn_alloc and slab_out_of_memory",
      'v3-15-no-obj-ext-caller-vector-fails-early-boot': "the caller's __GFP_NO_OBJ_EXT trips kmalloc_nolock()'s gfp VM_WARN (the mask no longer allows it) and, kmalloc sheaves untagged again, its slab needs a vector that cannot get a page in early boot: warning, inaccurate tag",
      'rfc13-kfence-pick-moves-failing-bulk': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE) and boot nests as at 12: KFENCE's pick as at 12",
      'rfc07-weak-gfp-interrupt-slab-later-nolock-trylock-path': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE) and boot nests as at 12",
      'rfc05-trynode-upgrade-later-kmalloc-nests-vector': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE) and boot nests as at 12: objects as at 12",
      'rfc01-init-on-alloc-krealloc-growth-both-promises': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE): the vector is needed as at 12, its nested kmalloc_nolock() request trips the gfp VM_WARN (RFC 13's warning) and fails",
      'rfc07-weak-gfp-slab-takes-pages-later-atomic-charge-lost': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE): nesting as at 12",
      'rfc07-weak-gfp-slab-krealloc-grows-in-place-stale': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE) and boot nests as at 12: KFENCE's pick as at 12",
      'rfc07-weak-gfp-interrupt-uses-failure-budget-no-reclaim': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE) and boot nests as at 12: objects as at 12",
      'rfc04-kfence-pick-moves-bulk-vector-trynode-wakes-kswapd': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE) and boot nests as at 12: KFENCE's pick and the objects as at 12",
      'rfc04-failure-budget-vector-warning-goes': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE): the kzalloc succeeds as at 12",
      'rfc04-failure-budget-moves-to-memcg-charge-fail': "the kmalloc_nolock() gfp VM_WARN now prints an allowed mask without __GFP_NO_OBJ_EXT (the same once-per-boot report); the nested sheaf kmalloc is traced without __GFP_NO_OBJ_EXT",
      'rfc13-stocked-vector-enables-memcg-charge-fail': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE): no vector, no charge, the allocation succeeds as at 12",
      'rfc07-weak-gfp-interrupt-slab-moves-direct-reclaim': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE) and boot nests as at 12: KFENCE's pick and the objects as at 12",
      'rfc01-sheaf-kzalloc-leftover-contents-reused': "the nested sheaf kmalloc is traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks it instead)",
      'rfc01-init-on-alloc-krealloc-moves-stale-slack': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE): the new slab needs its vector as at 12, whose nested kmalloc_nolock() request trips its gfp VM_WARN (RFC 13's nested kmalloc_nolock() warning) and fails",
      'rfc08-interrupt-vector-kmalloc-spares-later-reclaim': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE) and boot nests as at 12: objects land as at 12",
      'rfc04-weak-gfp-sheaf-moves-page-pressure-later-vector-fails': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE) and boot nests as at 12: objects land as at 12",
      'rfc04-weak-gfp-refill-uses-failure-budget-later-vector-served': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE): the vector allocation as at 12",
      'baseline-nolock-memcg-charge-fail-spins-on-list-lock': "the kmalloc_nolock() gfp VM_WARN now prints an allowed mask without __GFP_NO_OBJ_EXT (the same once-per-boot report); the prefill's nested sheaf allocation is marked by SLAB_ALLOC_NO_RECURSE",
      'rfc13-page-pressure-large-kmalloc-charge-lost': "kmalloc sheaves are untagged again: the cache allocation's vector uses up the injected failures as at 12 and the large kmalloc succeeds again",
      'rfc08-vector-takes-kfence-later-accounted-atomic-fails': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE): boot allocations as at 12, the vector takes the sample again",
      'rfc08-weak-gfp-vector-kmalloc-fails-where-nolock-was-served': "kmalloc sheaves are untagged again: the vector's slab is not stocked and the vector fails as at 12; the object lands elsewhere",
      'rfc05-trynode-kswapd-earlier-later-bulk-nests-vector': "kmalloc sheaves are untagged again (SLAB_ALLOC_NO_RECURSE) and boot nests as at 12",
      'rfc13-boot-kfence-pick-moves-bulk': "the recursion gap is closed, so boot allocates as at 12 and the KFENCE sample leaves the bulk's first object",
      'rfc13-page-pressure-moves-to-later-allocation': 'kmalloc sheaves are untagged again: the bulk allocates the kmalloc-64 vector and uses up the injected page failures, as at 12',
      'rfc13-page-pressure-kvmalloc-falls-back-to-vmalloc': "kmalloc sheaves are untagged again: the bulk's kmalloc-64 vector is requested again and fails, leaving kvmalloc()'s kmalloc attempt its page, as at 12",
      'rfc13-stocked-nolock-object-krealloc-growth-stale': 'the boot-time stock is gone: the early kmalloc_nolock() fails again and krealloc() allocates a zeroed, charged object, as at 12',
      'rfc14-kfence-pick-moves-krealloc-growth-stale': 'the recursion gap is closed, so the KFENCE sample leaves the kzalloc(24) object and krealloc() copies its stale bucket tail, as at 12',
      'rfc14-vector-needed-again-charge-dropped': 'kmalloc sheaves are untagged again: the kmalloc-64 vector allocation fails under the injected page failures and the object is neither charged nor tagged, as at 12',
      'rfc04-weak-gfp-sheaf-moves-kfence-pick': 'the boot-time recursion is closed again and the KFENCE sample returns to the weak-gfp accounted kmalloc as at stage 12',
      'rfc06-weak-gfp-contended-partial-vector-fails': 'sheaves are untagged again; the vector of the object is attempted and fails as at stage 12',
      'rfc07-trynode-mask-no-kswapd-later-nolock-fails': "SLAB_ALLOC_NO_RECURSE closes RFC 13's recursion gap: the nesting of 12 comes back",
      'rfc07-trynode-mask-no-kswapd-later-vector-fails': "SLAB_ALLOC_NO_RECURSE closes RFC 13's recursion gap: the nesting of 12 and the vector failure (warning, inaccurate tag) come back",
      'rfc07-trynode-mask-nolock-vector-drops-memcg-charge': "SLAB_ALLOC_NO_RECURSE closes RFC 13's recursion gap: the nesting of 12 comes back",
      'rfc07-weak-gfp-refill-fresh-slab-vector-succeeds': "SLAB_ALLOC_NO_RECURSE closes RFC 13's recursion gap: the nesting of 12 comes back",
      'rfc08-boot-vector-enables-memcg-charge-bulk-fails': "SLAB_ALLOC_NO_RECURSE closes RFC 13's recursion gap: the nesting of 12 comes back",
      'rfc08-boot-vector-enables-memcg-charge-cache-alloc-fails': "SLAB_ALLOC_NO_RECURSE closes RFC 13's recursion gap: the nesting of 12 comes back",
      'rfc08-boot-vector-kmalloc-fails-later-krealloc-untagged': "SLAB_ALLOC_NO_RECURSE closes RFC 13's recursion gap: the nesting and the vector warning of 12 come back",
      'rfc08-boot-vector-moves-outer-object': "SLAB_ALLOC_NO_RECURSE closes RFC 13's recursion gap: the nesting and placement of 12 come back",
      'rfc08-kfence-pick-moves-free-injection-untagged': "SLAB_ALLOC_NO_RECURSE closes RFC 13's recursion gap: the nesting, placement and vector warning of 12 come back",
      'rfc08-vector-kfence-pick-later-atomic-fails': "SLAB_ALLOC_NO_RECURSE closes RFC 13's recursion gap: the sheaves are untagged again, placement as at 12",
      'rfc07-weak-gfp-vector-without-cmpxchg16b': 'sheaves are untagged again and nested vectors cannot allocate sheaves: stage 12 behaviour returns',
      'kmalloc-const-size': 'the kmalloc-64 sheaf kzalloc is traced without __GFP_NO_OBJ_EXT (the marker moved to alloc_flags)',
      'atomic-in-irq-contexts': 'kmalloc sheaf traces lose __GFP_NO_OBJ_EXT; the nested vector kmalloc can no longer allocate a sheaf (stage 12 behaviour)',
      'early-boot-memcg-vector': 'kmalloc sheaves are untagged again and nested vector allocations no longer allocate sheaves (stage 12 behaviour)',
      'init-on-alloc-ctor-rcu': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'kfence-kzalloc': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'kmalloc-fastpath': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'kmalloc-no-reclaim-empty-sheaves': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'kmem-cache-no-reclaim-debugobjects': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'kmemleak-no-reclaim': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'krealloc-init-on-alloc': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'krealloc-shrink-grow': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'kvmalloc-and-large-kmalloc': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'kzalloc-tail-zeroing': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'memcg-charge-and-failure': 'the nested vector kmalloc no longer allocates a kmalloc-1k sheaf (stage 12 behaviour); sheaf traces lose __GFP_NO_OBJ_EXT',
      'memcg-late-charge': 'the nested vector kmalloc no longer allocates a kmalloc-192 sheaf (stage 12 behaviour)',
      'memory-pressure-kswapd': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'nmi-kmalloc-zone-lock-deadlock': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'no-obj-ext-gfp-caller': '__GFP_NO_OBJ_EXT from a caller no longer blocks sheaf allocation, so its kmalloc is served from a freshly refilled sheaf; kmalloc sheaves are untagged again',
      'nolock-gfp-and-memcg': 'the VM_WARN allow-mask no longer lists __GFP_NO_OBJ_EXT; kmalloc sheaves are untagged again, and without their obj_ext vectors the nolock objects get their own (stage 12 layout)',
      'nolock-nmi-in-page-alloc': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'nolock-nmi-pcs-locked': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'nolock-no-cmpxchg16b': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'nolock-preempt-rt': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'nolock-trylock-contention': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'nolock-up-nmi': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'nolock-zone-lock-busy-largest-bucket': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'objexts-install-race': 'the nested vector kmalloc no longer allocates a sheaf (stage 12 behaviour)',
      'prefill-sheaf-lifecycle': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'prefill-sheaf-no-reclaim': 'the nested kmalloc of a kmalloc-cache sheaf no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'profiling-kmalloc-sheaf-lifecycle': 'kmalloc sheaves are untagged again and nested vector kmallocs no longer allocate sheaves (stage 12 behaviour)',
      'profiling-vector-recursion-guard': 'nested vector kmallocs no longer allocate sheaves and kmalloc sheaves are untagged again (stage 12 behaviour)',
      'rfc04-weak-gfp-bulk-vector-fails-in-deferred-init': 'with the recursion gap closed the boot-time stock is gone: the vector needs its own kmalloc-1k slab again, as at stage 12',
      'rfc07-weak-gfp-new-slab-nests-vector': 'alloc_empty_sheaf() stops the nested vector kmalloc again: no sheaf allocation inside it (nesting back to 1)',
      'rfc08-kfence-pick-moves-sheaf-size': "alloc_empty_sheaf() stops nested vector kmallocs again: stage 12's nesting returns and the KFENCE pick moves back",
      'rfc13-boot-recursion-moves-memory': "the boot-time sheaf allocations are gone again: stage 12's memory layout and pages",
      'rfc13-boot-vectors-serve-early-nolock': "without the boot-time stock the vector request is made again and fails in early boot (WARN, inaccurate tag, as at stage 12); since RFC 13 it forwards the caller gfp, so kmalloc_nolock()'s gfp VM_WARN fires too",
      'rfc13-stocked-slab-serves-nolock-krealloc-in-place': 'the boot-time stock is gone: the kmalloc_nolock() fails again and the krealloc() allocates a new object, as at stage 12',
      'baseline-direct-reclaim-trynode-wakes-kswapd': 'alloc_empty_sheaf() stops the nested vector kmalloc again (nesting back to 1)',
      'rfc01-kzalloc-krealloc-growth-not-zeroed': "the kmalloc-cache sheaf's kmalloc no longer shows __GFP_NO_OBJ_EXT in its gfp (SLAB_ALLOC_NO_RECURSE instead)",
      'rfc05-weak-gfp-trynode-slab-vector-fails': "the boot-time sheaf allocations of RFC 13's recursion gap are gone again: stage 12's objects and nesting",
      'rfc07-weak-gfp-slab-failure-now-warns': "the kmalloc-cache sheaf's kmalloc no longer shows __GFP_NO_OBJ_EXT in its gfp (SLAB_ALLOC_NO_RECURSE instead)",
      'rfc13-boot-stock-serves-allocation-without-memory': 'the boot-time stock is gone: the kmalloc fails again without pages, with its failure report, as at stage 12',
      'rfc04-weak-gfp-refill-flush-leaves-vectorless-slab': 'the recursion gap is closed: no sheaves from nested vector allocations, kmalloc-cache sheaves untagged again',
      'rfc04-weak-gfp-sheaf-alloc-failure-reported': 'kmalloc-cache sheaves are allocated with kmalloc_flags(SLAB_ALLOC_NO_RECURSE) instead of __GFP_NO_OBJ_EXT (trace gfp)',
      'rfc07-weak-gfp-kzalloc-krealloc-growth-not-zeroed': 'kmalloc-cache sheaves are allocated with kmalloc_flags(SLAB_ALLOC_NO_RECURSE) instead of __GFP_NO_OBJ_EXT (trace gfp)',
      'rfc07-weak-gfp-object-krealloc-in-place': 'the recursion gap is closed: no sheaves from nested vector allocations, kmalloc-cache sheaves untagged again',
      'rfc08-vector-stock-nests-later-nolock': 'the recursion gap is closed: no sheaves from nested vector allocations, kmalloc-cache sheaves untagged again',
      'rfc08-weak-gfp-vector-failure-reported': 'the recursion gap is closed, so the boot stock is gone and the gfp-0 caller\'s vector fails again with warn_alloc() and slab_out_of_memory(), as at 12',
      'rfc14-boot-kfence-pick-moves': 'the recursion gap is closed, so boot allocates as at 12 and the KFENCE sample falls on the nested vector of the prefill again',
      'rfc14-oversize-kmalloc-sheaf-return-untagged': 'the oversize kmalloc-cache sheaf is untagged again (SLAB_ALLOC_NO_RECURSE), and kmem_cache_return_sheaf() kfree()s it without mark_obj_codetag_empty(): \'alloc_tag was not set\' as at 12',
    },
  },
  {
    number: 15,
    subject: 'mm: remove the __GFP_NO_OBJ_EXT flag',
    message: `Nothing tests __GFP_NO_OBJ_EXT any more: the recursion guards for
obj_ext vectors and sheaves use SLAB_ALLOC_NO_RECURSE. Remove the flag
and its bit from gfp_types.h (and the tools copy), which makes the gfp
bit space one bit narrower, drop its trace-name group from mmflags.h,
and update the kmalloc_nolock() documentation and the alloc_tag TODO
that referred to it.`,
    link: L(15),
    move: 'Parallel Change (contract); Remove Dead Code',
    kind: 'behaviour',
    declared: [
      {
        id: 'gfp.no-obj-ext-removed',
        description: '__GFP_NO_OBJ_EXT no longer exists: __GFP_BITS_MASK is one bit narrower, the name is gone from the gfp name tables, and operations naming it are not applicable at this stage.',
        evidence: [
          ...ev(
            { kind: 'trace', gfp: { has: ['__GFP_NO_OBJ_EXT'] } },
            { kind: 'page_alloc', gfp: { has: ['__GFP_NO_OBJ_EXT'] } },
            { kind: 'oom', gfp: { has: ['__GFP_NO_OBJ_EXT'] } },
            { kind: 'warn', site: 'kmalloc_nolock:gfp', msg: 'VM_WARN_ON_ONCE(gfp_flags & ~(__GFP_ACCOUNT | __GFP_ZERO | __GFP_NO_OBJ_EXT))' },
            { kind: 'alloc_tag', op: ['add', 'sub'] },
            lock(['local_trylock', 'trylock', 'spin']),
            { kind: 'trace', event: 'kmalloc' },
          ),
          ...result(),
          ...obj({ kind: 'slab' }),
          ...end(...END_BALANCES),
        ],
      },
    ],
    kernelFiles: ['include/linux/gfp_types.h', 'include/linux/slab.h', 'include/trace/events/mmflags.h', 'lib/alloc_tag.c', 'tools/include/linux/gfp_types.h'],
    functions: [],
    signatures: [],
    goldenChanges: {
      'v3-15-no-obj-ext-nolock-vector-oversize-sheaf-free-warns': "RFC 15 removes __GFP_NO_OBJ_EXT: the scenario's gfp cannot be parsed there, so it cannot run (n/a)",
      'v3-15-no-obj-ext-caller-sheaf-later-nmi-nolock-untagged': "RFC 15 removes __GFP_NO_OBJ_EXT: the scenario's gfp cannot be parsed there, so it cannot run (n/a)",
      'v3-15-no-obj-ext-caller-sheaf-takes-nmi-object': "RFC 15 removes __GFP_NO_OBJ_EXT: the scenario's gfp cannot be parsed there, so it cannot run (n/a)",
      'v3-15-no-obj-ext-reclaim-caller-sheaf-vector-fail': "RFC 15 removes __GFP_NO_OBJ_EXT: the scenario's gfp cannot be parsed there, so it cannot run (n/a)",
      'v3-15-no-obj-ext-caller-vector-fails-early-boot': "RFC 15 removes __GFP_NO_OBJ_EXT: the scenario's gfp cannot be parsed there, so it cannot run (n/a)",
      'rfc13-boot-kfence-pick-moves-bulk': 'kmalloc_nolock(__GFP_NO_OBJ_EXT) is n/a (the flag no longer exists)',
      'rfc14-vector-needed-again-charge-dropped': 'kmalloc_nolock(__GFP_NO_OBJ_EXT) is n/a (the flag no longer exists)',
      'no-obj-ext-gfp-caller': 'the operation passing __GFP_NO_OBJ_EXT is n/a (the flag no longer exists); the remaining ops shift accordingly',
      'nolock-gfp-and-memcg': 'kmalloc_nolock(__GFP_NO_OBJ_EXT) is n/a (the flag no longer exists); the remaining ops shift accordingly',
    },
  },
];

