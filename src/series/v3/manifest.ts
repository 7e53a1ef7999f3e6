// v3's manifest: what each stage is, in our own words. Subjects and message-ids are v3's (15 Jun
// 2026, what landed); messages are ours. Declared changes name the typed differences they explain
// (src/slab/evidence.ts). Numbers are v3's; the RFC patch each one corresponds to is named in the
// message's last paragraph (see docs/v3-base.md for the version map).

import type { SeriesEntry } from '../../harness/series.ts';
import type { Slab } from '../../slab/observation.ts';
import { DEFAULT_PATH_OPS, depth, end, END_BALANCES, ev, lock, obj, records, result } from '../../slab/evidence.ts';

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
        description: 'A non-nolock allocation whose gfp has no reclaim bits now swaps with the barn under a spinning lock, may take or allocate an empty sheaf and refills it, instead of falling to the slow path; kmalloc_nolock() called with an (invalid) reclaiming gfp no longer refills.',
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
          // A failure that now succeeds (or back) is traced, tagged, registered and charged (as RFC 04).
          ...records(),
          ...obj({ kind: ['slab', 'NULL'] }),
          ...end(...END_BALANCES),
          ...depth(),
        ],
      },
      {
        id: 'refill.no-spin-guard-removed',
        description: 'refill_objects() no longer WARNs and returns 0 for a no-reclaim gfp: bulk allocation, sheaf prefill/refill/return with such gfp now proceed (new slabs still come from the nolock page allocator until v3 07).',
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
      'rfc05-trynode-upgrade-slab-feeds-later-accounted-own-cache-vector-charge-refused': "the weak-gfp kmalloc_node()'s sheaf is refilled under the nolock flag, which nests a sheaf allocation (approved) (declared)",
      'rfc04-weak-gfp-sheaf-struct-takes-kfence-reused-slot-atomic-kmalloc-krealloc-init-on-alloc-stale': "v3 04's weak-gfp sheaf refills: the weak-gfp kmalloc(8) allocates a kmalloc-8 sheaf before failing and KFENCE samples its struct, so kmalloc(193) reuses kmalloc(194)'s slot; v3 zeroes whole objects, so no stale byte (declared)",
      'rfc04-weak-gfp-sheaf-moves-kfence-reused-slot-kzalloc-krealloc-growth-init-on-alloc-stale': "v3 04's weak-gfp sheaf refills: the weak-gfp kmalloc(8) allocates a sheaf struct before failing, so KFENCE's pick moves onto krealloc(NULL, 8) and kmalloc(129) reuses kmalloc(130)'s slot; v3 zeroes whole objects, so no stale byte (declared)",
      'rfc04-weak-gfp-sheaf-moves-kfence-reused-slot-kmalloc-krealloc-init-on-alloc-stale': "v3 04's weak-gfp sheaf refills: the weak-gfp kmalloc(8) allocates a sheaf struct before failing, so KFENCE's pick moves onto krealloc(NULL, 8) and kmalloc(17) succeeds in kmalloc(18)'s slot; v3 zeroes whole objects, so no stale byte (declared)",
      'rfc08-vector-kfence-pick-moves-reused-slot-kmalloc-krealloc-init-on-alloc-stale': "v3 04's weak-gfp sheaf refills: the no-reclaim kmalloc(2000) refills kmalloc-2k's sheaf through the nolock page allocator (fails before deferred init) with nested sheaf allocations, so allocations and KFENCE's count-based pick move (declared)",
      'v3-14-thisnode-kfence-krealloc-skips-direct-reclaim-later-no-reclaim-kmalloc-fails': "v3 04's weak-gfp sheaf refills: the gfp-0 kmalloc(8) refills a kmalloc-8 sheaf under the nolock flag (nested sheaf allocation, spin on the list lock) instead of the slow path (declared)",
      'rfc13-vector-sheaf-kfence-pick-moves-reused-slot-krealloc-growth-init-on-alloc-stale': "v3 04's weak-gfp sheaf refills: the no-reclaim kmalloc() and kzalloc() refill sheaves (trylock, nested sheaf allocations, the nolock page allocator) instead of the slow path, so allocations and KFENCE's pick move (declared)",
      'rfc08-vector-kfence-pick-moves-reused-slot-krealloc-growth-init-on-alloc-stale': "v3 04's weak-gfp sheaf refills: the no-reclaim kmalloc(2000) refills kmalloc-2k's sheaf through the nolock page allocator (fails before deferred init) with nested sheaf allocations, so allocations and KFENCE's count-based pick move (declared)",
      'rfc13-boot-stock-takes-bucket-nolock-next-bucket-krealloc-growth-init-on-alloc-stale': "the no-reclaim krealloc()'s kmalloc-8k allocation now allocates a sheaf (its struct from kmalloc-64, one level nested) and tries to refill it, which fails like its slab (deferred page init)",
      'rfc06-contended-sheaf-struct-later-softirq-cache-alloc-nests': "the no-reclaim krealloc()'s kmalloc-8k allocation now allocates a sheaf, whose struct's trylock on the contended kmalloc-64 list_lock fails (sheaf alloc_fail, one level nested)",
      'rfc05-trynode-slab-later-softirq-nowait-kmalloc-vector-fails-tag-inaccurate': "the __GFP_NOWARN kmalloc_node() lacks both reclaim bits: it now allocates a kmalloc-32 sheaf (a nested kmalloc-512) and tries to refill it, which fails like its slab (deferred page init)",
      'rfc06-contended-list-lock-later-prefilled-sheaf-object-nests': "v3 04: SLAB_ALLOC_NOLOCK by missing reclaim bits: the gfp-0 kmem_cache_alloc() now allocates a kmalloc-64 sheaf (nested kmalloc-512), whose nolock refill fails below the watermark (the call still fails)",
      'v3-07-weak-gfp-slab-takes-pages-later-atomic-own-cache-charge-lost': "v3 04: SLAB_ALLOC_NOLOCK by missing reclaim bits: the weak-gfp kcalloc() now allocates a kmalloc-2k sheaf (nested kmalloc-128), whose nolock refill fails below the watermark (the call still fails)",
      'rfc08-vector-kfence-pick-moves-nolock-charge-abort-spins': "v3 04: SLAB_ALLOC_NOLOCK by missing reclaim bits: the weak-gfp kmem_cache_alloc() now allocates a kmalloc-64 sheaf (nested kmalloc-512), whose nolock refill fails below the watermark, before its object comes from the slow path",
      'rfc08-weak-gfp-vector-kfence-pick-moves-kzalloc-krealloc-growth-stale': "v3 04's weak-gfp sheaf refills: the no-reclaim kmem_cache_alloc() callers refill sheaves instead of the slow path, so allocations and KFENCE's count-based pick move (declared)",
      'v3-06-weak-gfp-krealloc-waits-for-list-lock-vector-failure-goes': "v3 04: the gfp-0 krealloc()'s kmalloc-8k allocation now allocates a sheaf, whose struct's nested kmalloc-64 fails (n->list_lock held by the other CPU, no pages in deferred init: slab_out_of_memory)",
      'rfc07-weak-gfp-irq-slab-moves-nolock-object-krealloc-init-on-alloc-stale': "v3 04's weak-gfp softirq kmalloc(3000) allocates a kmalloc-4k sheaf (its kzalloc takes a kmalloc-64 object; the refill fails in deferred init), so the interrupted kmalloc_nolock() gets another kmalloc-64 object",
      'rfc06-contended-spin-krealloc-in-place-later-irq-kmalloc-fails': "SLAB_ALLOC_NOLOCK by missing reclaim bits: the weak-gfp kmalloc(40) now allocates a kmalloc-64 sheaf, whose nolock refill fails before deferred page init",
      'v3-15-no-obj-ext-caller-sheaves-use-failures-later-kcalloc-charge-refused': "SLAB_ALLOC_NOLOCK by missing reclaim bits: the gfp-0 kmem_cache_alloc() now allocates a kmalloc-64 sheaf whose nolock refill fails",
      'rfc05-trynode-upgrade-krealloc-in-place-later-bulk-vector-fails': "SLAB_ALLOC_NOLOCK by missing reclaim bits: the weak-gfp kmalloc_node() now allocates a kmalloc-8k sheaf (its nolock refill fails before deferred page init), and the gfp-0 bulk allocation passes refill_objects() (no WARN) and gets its object, its slab's vector from kmalloc_nolock() out of the kmalloc-1k slab the krealloc() stocked",
      'rfc05-trynode-upgrade-krealloc-in-place-accounted-charge-lost': "SLAB_ALLOC_NOLOCK by missing reclaim bits: the gfp-0 kmalloc_node() now allocates a kmalloc-4k sheaf, whose nolock refill fails before deferred page init (the call still fails)",
      'rfc05-trynode-upgrade-slab-oversize-prefill-sheaf-free-warns': "SLAB_ALLOC_NOLOCK by missing reclaim bits: the weak-gfp kmalloc_node() now allocates a kmalloc-1k sheaf, whose nolock refill fails before deferred page init (the call still fails)",
      'v3-07-weak-gfp-slab-takes-pages-later-kernel-account-vector-fails-charge-skipped': "SLAB_ALLOC_NOLOCK by missing reclaim bits: the weak-gfp kmem_cache_alloc()'s sheaf refill goes the nolock way and fails before deferred page init; the KFENCE sample count moves, so the GFP_KERNEL|__GFP_ZERO kmem_cache_alloc() is now KFENCE-served",
      'rfc04-weak-bulk-no-sheaf-struct-to-reuse-krealloc-growth-stale': "refill_objects() no longer WARNs and fails for a no-reclaim gfp: the gfp-0 bulk allocation succeeds, so the later GFP_ATOMIC kmalloc() allocates no sheaf struct (v3 zeroes the whole object_size, RFC 01's idea being withdrawn, so the krealloc() growth stays zeroed either way)",
      'rfc06-contended-sheaf-struct-later-cache-alloc-nests': "v3 04 decides by alloc_flags: the no-reclaim kmalloc(3000)'s sheaf-struct kmalloc now tries kmalloc-64's contended list_lock and the nolock pages and fails (slab_out_of_memory), so its kmalloc-4k sheaf is not allocated",
      'v3-07-weak-gfp-slab-takes-pages-later-atomic-bulk-vector-fails-charge-skipped': "v3 04 decides by alloc_flags: the weak-gfp kmalloc(3000)'s sheaf-struct kmalloc and kmalloc-4k sheaf refill now go the nolock way and fail in deferred init; the kmalloc still returns NULL",
      'v3-07-weak-gfp-slab-takes-pages-later-atomic-vector-fails-charge-skipped': "v3 04 decides by alloc_flags: the weak-gfp kmalloc(5000)'s sheaf-struct kmalloc and kmalloc-8k refill now go the nolock way and fail below the watermark, so no kmalloc-64 slab is stocked there; the later GFP_ATOMIC cache allocation's sheaf refill then takes no new slab",
    'v3-14-thisnode-sheaf-struct-off-node-alloc-then-freed': "refill_objects() no longer WARNs for the gfp-0 prefill: it takes 58 objects from kmalloc-64's partial slabs, its new-slab attempts fail in the nolock page allocator before deferred init is done, and the prefill still fails (the WARN goes)",
    'rfc05-weak-gfp-slab-vector-moves-kmalloc-krealloc-growth-stale': "the gfp-0 kmem_cache_alloc_node() now allocates a sheaf in __pcs_replace_empty_main() (a nested kmalloc-512) whose refill fails in early boot in the nolock page allocator and frees it; results unchanged",
    'v3-07-weak-gfp-object-later-accounted-krealloc-stays-uncharged': "DEFAULT-path callers whose gfp lacks both reclaim bits now allocate a sheaf (nested kmalloc-64) and try to refill it from the nolock page allocator, which cannot serve before deferred page init is done; results unchanged",
    'v3-07-weak-gfp-refill-slab-vector-fails-charge-skipped': "DEFAULT-path callers whose gfp lacks both reclaim bits now allocate a sheaf (nested kmalloc-256) and try to refill it from the nolock page allocator: the refill's two attempts use up two of the three failing pages, so ___slab_alloc()'s order-0 attempt now succeeds and the kmem_cache_alloc() gets an object (vector in the slab, charged) instead of NULL",
    'rfc05-no-reclaim-upgrade-kswapd-later-kzalloc-krealloc-growth-stale': "DEFAULT-path callers whose gfp lacks both reclaim bits (the __GFP_NOWARN kmem_cache_alloc_node(), the gfp-0 softirq kzalloc()) now allocate a sheaf in __pcs_replace_empty_main(), nested one level, whose refill fails in the nolock page allocator below the watermark; results unchanged",
    'rfc06-contended-sheaf-struct-later-kernel-kmalloc-nests': "the weak-gfp sheaf attempt (as RFC 04): the gfp-0 kmalloc(3000) now allocates an empty kmalloc-4k sheaf, whose struct (a nested kzalloc from kmalloc-64) fails on the contended n->list_lock (trylock by gfp) and in the nolock page allocator during early boot (slab_out_of_memory)",
    'rfc07-weak-gfp-krealloc-moves-init-on-alloc-tail-stale': "as RFC 04: krealloc()'s kmalloc(192, __GFP_HIGH|__GFP_NOWARN) allocates an empty kmalloc-192 sheaf (nested kzalloc(512)) whose refill fails in early boot; the extra allocation moves KFENCE's sample onto the kvmalloc(8)",
    'v3-07-kswapd-only-oversize-prefill-sheaf-return-warns': "as RFC 04: kmalloc(2000, __GFP_HIGH|__GFP_NOWARN) and the gfp-0 krealloc() now allocate empty kmalloc-2k sheaves (nested kzalloc(128), one level deeper) whose refills fail in early boot; both still fail",
    'rfc05-weak-gfp-slab-without-vector-takes-later-nolock-tag': "as RFC 04: kmalloc_node(24, __GFP_HIGH|__GFP_NOWARN) now allocates an empty kmalloc-32 sheaf (nested kzalloc(512), one level deeper) whose refill fails in deferred init, then fails as before",
    'rfc06-contended-list-lock-kzalloc-krealloc-growth-stale': "as RFC 04: the kzalloc(40) and the last kmalloc(8) allocate empty sheaves (nested kzalloc(512)) whose refills fail in deferred init; the extra allocations move KFENCE's sample onto krealloc()'s kmalloc(3000), now a KFENCE object",
    'v3-07-new-slab-by-alloc-flags-vector-by-gfp-fails-accounted-alloc-skips-charge': "v3 04's weak-gfp sheaf refills: the gfp-0 kmem_cache_alloc(c0) refills a c0 sheaf under the nolock flag, nesting a sheaf allocation (approved), before it fails at the memcg limit (declared)",
    'rfc06-contended-list-lock-later-atomic-bulk-nests': "v3 04's weak-gfp sheaf refills: the softirq weak-gfp kmalloc(3000) refills its sheaf under the nolock flag (trylock of the contended list lock, nested sheaf allocation) instead of the slow path (declared)",
    'rfc13-kfence-pick-moves-reused-slot-accounted-kmalloc-krealloc-init-on-alloc-stale': "v3 04's weak-gfp sheaf refills: the gfp-0 kmalloc(8) refills a sheaf under the nolock flag, nesting a sheaf allocation (approved), so KFENCE's count-based pick moves onto kmalloc(194) and kmalloc(193) gets another kmalloc-cg-256 slot (v3 zeroes whole objects either way: no stale byte) (declared)",
    'rfc05-no-reclaim-upgrade-reaches-memcg-limit': "as RFC 04: the gfp-0 kmem_cache_alloc_node() now allocates an empty sheaf (nested kzalloc(), one level deeper) whose refill fails below the watermark and frees it; the allocation still fails",
    'rfc07-weak-gfp-kzalloc-krealloc-copies-stale-tail': "the weak-gfp kzalloc(24) now allocates a kmalloc-32 sheaf (alloc_flags NOLOCK) whose refill fails before deferred page init; its nested allocation takes a KFENCE sample count, so KFENCE serves krealloc()'s new object (ksize 1000) and the bulk allocation's slab comes from the page allocator",
      'v3-14-thisnode-kfence-pick-moves-krealloc-in-place': "the weak-gfp (__GFP_HIGH) kmem_cache_alloc() now allocates and refills a sheaf (DEFAULT path), nested allocations that KFENCE counts, so KFENCE's sample moves onto the 500-byte softirq kmalloc(), which then never reaches the per-CPU sheaves (the kmalloc_nolock() injected at pcs_locked does not run), and the krealloc() moving that KFENCE object allocates a sheaf (nesting 1)",
      'rfc14-untagged-sheaf-vectors-use-failure-budget-nolock-charge-spins': "the weak-gfp bulk allocation now refills a sheaf (no WARN); its slabs' vector allocations fail under the injected failures (warning, inaccurate tags) and use part of them up, so the kmalloc_nolock() gets its page, fails its memcg charge and spins in __slab_free() (approved)",
      'rfc05-kswapd-wake-moves-nolock-charge-fail-spin-to-node0': "the weak-gfp (__GFP_HIGH) softirq kmem_cache_alloc_node() now allocates and refills a sheaf (DEFAULT path), a nested, accounted allocation: the object it gets and the slabs left on the lists change",
      'v3-07-deferred-init-weak-gfp-slab-then-charge-fails': "as RFC 04: the gfp-0 kmem_cache_alloc() on the default path now allocates an empty sheaf (a nested kzalloc from kmalloc-512) and tries to refill it; the refill's nolock page allocations fail before deferred page init is done, and the sheaf is freed",
      'rfc06-weak-gfp-nested-sheaf-spins-later-caller-nests': "as RFC 04: the weak-gfp kmallocs (gfp 0, and __GFP_HIGH|__GFP_NOWARN in softirq) on the default path now allocate an empty sheaf and try to refill it instead of taking the slow path: kmalloc-8's refill fails below the watermark, and kmalloc-4k's sheaf struct (a nested kmalloc-64) fails on the contended n->list_lock (trylock by gfp)",
      'v3-04-weak-gfp-refill-uses-failure-budget-vector-served': "the weak-gfp softirq kmalloc(64) now allocates and tries to refill a sheaf first (alloc_flags NOLOCK); the refill's failed page allocations use up part of the injected failures, so its slab's vector page (kmalloc_nolock()), which failed at 03, is served: the vector warning and the inaccurate tag go (approved finding)",
      'rfc04-kfence-pick-moves-krealloc-copy-stale-tail': "the weak-gfp kcalloc() now allocates and tries to refill a sheaf (alloc_flags NOLOCK: alloc_frozen_pages_nolock(), failing before deferred init), which takes a KFENCE sample count: KFENCE now serves the krealloc(1000, __GFP_ZERO) that failed at 03 for want of pages, which copies the whole old object (ks = 64) (wholly zeroed: v3 has no RFC 01); the injected GFP_ATOMIC kmalloc(8) KFENCE served at 03 fails",
      'rfc04-weak-gfp-sheaf-moves-kfence-krealloc-grows-in-place-stale': "the injected weak-gfp kmalloc(5000) now allocates a kmalloc-8k sheaf (alloc_flags NOLOCK), whose nested kmalloc takes a KFENCE sample count: KFENCE serves h2 instead of h3, so h3 and h4 are kmalloc-128 slab objects; zeroed whole here (v3 has no RFC 01), krealloc(h3, 128, __GFP_ZERO)'s growth in place keeps its promise",
      'v3-14-thisnode-vector-kfence-served-no-kswapd-wake': "the gfp-0 kmalloc(8) now allocates a sheaf and refills it by alloc_flags (NOLOCK: alloc_frozen_pages_nolock(), served from node 1)",
      'rfc14-kfence-pick-moves-krealloc-copy-stale-tail': "the gfp-0 kzalloc(1000) now allocates an empty sheaf and tries to refill it (alloc_flags NOLOCK: alloc_frozen_pages_nolock(), failing before deferred init); the sheaf is freed and the allocation still fails",
      'v3-04-weak-gfp-sheaf-moves-kfence-pick-lru-charge-fails': "the gfp-0 kmalloc(8) now allocates an empty sheaf and tries to refill it (alloc_flags NOLOCK: alloc_frozen_pages_nolock(), failing before deferred init); its nested kzalloc takes a KFENCE sample count, so KFENCE now picks the GFP_KERNEL_ACCOUNT kmem_cache_alloc_lru()'s object instead of its nested sheaf: with its obj_ext it is charged, refused at the zero limit, and fails (approved finding)",
      'v3-14-thisnode-vector-from-other-node-sheaf-tag-released': "the gfp-0 kmalloc(256) (no reclaim bits) now allocates an empty sheaf and tries to refill it by alloc_flags (NOLOCK: alloc_frozen_pages_nolock()), which fails before deferred page init is done; the sheaf is freed",
      'v3-06-trynode-no-kswapd-later-caller-nests': "the __GFP_NOWARN kmem_cache_alloc() (no reclaim bits) now allocates an empty sheaf and refills it by alloc_flags (NOLOCK: a new slab from alloc_frozen_pages_nolock(), its vector from kmalloc_nolock()), so the __GFP_DIRECT_RECLAIM caller after it is served from that sheaf instead of refilling one itself",
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
      'rfc07-weak-gfp-interrupt-slab-later-nolock-trylock-path': "as RFC 04: the interrupting weak-gfp (__GFP_HIGH) kmalloc() now allocates an empty sheaf and tries to refill it (failing in deferred init)",
      'rfc07-weak-gfp-slab-takes-pages-later-atomic-charge-lost': "as RFC 04: the weak-gfp kmalloc(2000) now allocates an empty sheaf and tries to refill it (below the watermark, failing)",
      'rfc07-weak-gfp-slab-krealloc-grows-in-place-stale': "as RFC 04: the weak-gfp callers now allocate and try to refill sheaves (nested kzalloc()s), which moves objects and KFENCE's pick",
      'rfc07-weak-gfp-interrupt-uses-failure-budget-no-reclaim': "as RFC 04: the interrupting weak-gfp (__GFP_HIGH) kmalloc() now allocates an empty sheaf and tries to refill it (failing in deferred init)",
      'rfc04-kfence-pick-moves-bulk-vector-trynode-wakes-kswapd': "as RFC 04: the weak-gfp kmalloc() now allocates an empty sheaf, which moves KFENCE's pick: the direct-reclaim-only bulk's vector now comes from kmalloc-1k, whose GFP_NOWAIT|__GFP_THISNODE attempt wakes kswapd",
      'rfc04-failure-budget-vector-warning-goes': "as RFC 04: the weak-gfp kmem_cache_alloc() now tries to allocate and refill a sheaf first; those failed page allocations use up injected failures, so its slab's vector gets a page: the vector warning and the inaccurate tag go",
      'rfc04-failure-budget-moves-to-memcg-charge-fail': "as RFC 04: the gfp-0 cache allocation now tries to allocate and refill a sheaf, whose failed page allocations use up injected failures: a later kmalloc_nolock(__GFP_ACCOUNT) gets its page and vector and fails at the memcg limit instead",
      'rfc13-stocked-vector-enables-memcg-charge-fail': "as RFC 04: the gfp-0 bulk now passes refill_objects() (its WARN removed) and gets an object, whose slab's vector (kmalloc_nolock() by gfp) fails: an inaccurate tag",
      'rfc04-weak-gfp-sheaf-moves-page-pressure-later-vector-fails': "as RFC 04: the gfp-0 kmalloc() now allocates an empty sheaf (a nested kmalloc-64 kzalloc, freed again), which changes kmalloc-64's slabs: the later GFP_KERNEL kmalloc(40) needs a new slab whose vector cannot get a page",
      'rfc04-weak-gfp-refill-uses-failure-budget-later-vector-served': "as RFC 04: the gfp-0 caller now allocates and tries to refill a sheaf first; the refill's failed page allocations use up injected failures, so the vector's order-3 page allocation succeeds and the tag is accurate",
      'rfc13-page-pressure-large-kmalloc-charge-lost': "as RFC 04: the gfp-0 cache allocation now allocates an empty sheaf (a nested, accounted allocation) and its object lands elsewhere",
      'rfc08-vector-takes-kfence-later-accounted-atomic-fails': "as RFC 04: the weak-gfp cache allocation now allocates an empty sheaf (nested), which takes the KFENCE sample from the GFP_ATOMIC accounted kmalloc; that one now succeeds from its own slab",
      'rfc08-weak-gfp-vector-kmalloc-fails-where-nolock-was-served': "as RFC 04: the weak-gfp kmalloc(2000) now allocates an empty sheaf (a nested allocation) before its refill fails",
      'rfc05-trynode-kswapd-earlier-later-bulk-nests-vector': "as RFC 04: the weak-gfp kmalloc_node() now allocates an empty sheaf (a nested allocation) before its refill fails",
      'rfc13-boot-kfence-pick-moves-bulk': 'as RFC 04: the gfp-0 bulk passes refill_objects() (no WARN) and tries the nolock page allocator, which fails under the zero watermark',
      'rfc04-weak-gfp-sheaf-moves-kfence-pick': 'as RFC 04: the gfp-0 kmalloc now allocates an empty sheaf before failing, which moves the KFENCE sample from the GFP_ATOMIC cache allocation (now failing) to the weak-gfp accounted kmalloc (__GFP_HIGH: its KFENCE object is charged, forced over the memcg limit)',
      'rfc06-weak-gfp-contended-partial-vector-fails': 'as RFC 04: the no-reclaim kmem_cache_alloc now allocates and refills an empty sheaf, spinning on the contended list_lock; the refill fails and the sheaf is freed',
      'rfc07-trynode-mask-no-kswapd-later-nolock-fails': 'the __GFP_NOWARN kmalloc_node() now allocates and refills a kmalloc-8 sheaf (one more nested allocation) instead of taking the slow path',
      'rfc07-trynode-mask-no-kswapd-later-vector-fails': 'the gfp-0 kmem_cache_alloc_node() now allocates and refills a sheaf (one more nested allocation) instead of taking the slow path',
      'rfc07-weak-gfp-bulk-takes-pages-later-atomic-fails': "the __GFP_HIGH|__GFP_NOWARN bulk allocation no longer hits refill_objects()'s WARN; it still fails in the nolock page allocator",
      'rfc07-weak-gfp-refill-fresh-slab-vector-succeeds': 'the gfp-0 kmem_cache_alloc() in softirq now allocates a sheaf and tries to refill it (from the nolock page allocator, which fails in early boot)',
      'rfc08-boot-vector-kmalloc-fails-later-krealloc-untagged': 'the weak-gfp krealloc() now allocates and refills a sheaf (one level of nesting) instead of taking the slow path',
      'rfc08-boot-vector-moves-outer-object': 'the weak-gfp kmalloc() interrupting at pcs_locked now allocates and refills a sheaf (one level of nesting), and the later kmem_cache_alloc() meets that',
      'rfc08-kfence-pick-moves-free-injection-untagged': 'the gfp-0 kmalloc(3000) now allocates and refills a sheaf, which moves the KFENCE pick: the GFP_KERNEL kmalloc(8) becomes a KFENCE object and its kfree() no longer reaches the pcs_locked interruption',
      'rfc08-vector-kfence-pick-later-atomic-fails': 'the __GFP_NOWARN kmem_cache_alloc() in softirq now allocates a sheaf and tries to refill it (the refill fails in early boot), which moves the KFENCE pick: the GFP_ATOMIC kzalloc() becomes a KFENCE object and succeeds without warn_alloc',
      'rfc07-weak-gfp-vector-without-cmpxchg16b': 'the gfp-0 caller now allocates an empty sheaf and tries to refill it (still from the nolock page allocator, which fails during deferred init)',
      'bulk-no-reclaim': 'kmem_cache_alloc_bulk with a no-reclaim gfp passes refill_objects() (no WARN) and succeeds from new slabs',
      'bulk-no-reclaim-barn-contended': 'the __GFP_NOWARN bulk no longer hits the refill_objects WARN: it succeeds from slabs (still trylocking the barn, still the nolock page allocator)',
      'kmalloc-no-reclaim-empty-sheaves': 'no-reclaim kmalloc now allocates and refills empty sheaves (spinning barn lock) instead of taking the slow path',
      'kmem-cache-no-reclaim-debugobjects': 'no-reclaim kmem_cache_alloc now tries to allocate and refill a sheaf; during deferred page init the nolock page allocator makes the refill fail and the sheaf is freed',
      'nolock-gfp-and-memcg': 'kmalloc_nolock(GFP_KERNEL) is NOLOCK now, so it no longer refills the kmalloc-64 sheaf; its object comes from the slab shared with the __GFP_NO_OBJ_EXT object, whose free then warns about a missing tag',
      'nolock-preempt-rt': 'a no-reclaim allocation in hardirq tries a sheaf refill, which the nolock page allocator fails under PREEMPT_RT',
      'nolock-trylock-contention': 'the no-reclaim seed kmalloc refills the kmalloc-64 sheaf, so later allocations are served from it instead of contending for list_lock',
      'prefill-sheaf-no-reclaim': 'prefill and return of sheaves with a no-reclaim gfp now refill through refill_objects() instead of WARNing and failing',
      'sheaf-spare-barn-flow': 'a no-reclaim allocation swaps with the barn under a spinning lock and refills an empty sheaf instead of taking the slow path',
      'rfc04-weak-gfp-bulk-vector-fails-in-deferred-init': 'the __GFP_HIGH|__GFP_NOWARN bulk passes refill_objects() (no WARN) and takes an object from a boot slab; its vector, still requested by gfp through kmalloc_nolock(), fails during deferred init: WARN and an inaccurate tag (as at RFC 04)',
      'rfc08-kfence-pick-moves-sheaf-size': 'the weak-gfp kmem_cache_alloc allocates and refills a c0 sheaf, so the later prefill takes that sheaf instead of allocating one',
      'rfc13-stocked-slab-serves-nolock-krealloc-in-place': 'the no-reclaim krealloc allocation allocates an empty kmalloc-8 sheaf and tries to refill it (the nolock page allocator still fails during deferred init)',
      'rfc05-weak-gfp-trynode-slab-vector-fails': 'the gfp-0 kmem_cache_alloc_node allocates an empty c0 sheaf and tries to refill it (nesting 2), still from the nolock page allocator, which fails during deferred init',
      'rfc07-weak-gfp-slab-failure-now-warns': 'the gfp-0 prefill passes refill_objects() (no WARN) and its refill now fails in the nolock page allocator instead (as at RFC 04)',
      'rfc13-boot-stock-serves-allocation-without-memory': 'the gfp-0 kmalloc allocates an empty kmalloc-1k sheaf and tries to refill it (nesting 1); the nolock page allocator finds no pages and the sheaf is freed',
      'rfc04-weak-gfp-refill-flush-leaves-vectorless-slab': 'as RFC 04: the weak-gfp caller now allocates and refills sheaves (refill_objects() without its WARN); new slabs and vectors still by gfp',
      'rfc04-weak-gfp-sheaf-alloc-failure-reported': 'as RFC 04: the weak-gfp caller now allocates and refills sheaves (refill_objects() without its WARN); new slabs and vectors still by gfp',
      'rfc07-weak-gfp-kzalloc-krealloc-growth-not-zeroed': 'as RFC 04: the weak-gfp caller now allocates and refills sheaves (refill_objects() without its WARN); new slabs and vectors still by gfp',
      'rfc07-weak-gfp-object-krealloc-in-place': 'as RFC 04: the weak-gfp caller now allocates and refills sheaves (refill_objects() without its WARN); new slabs and vectors still by gfp',
      'rfc08-vector-stock-nests-later-nolock': 'as RFC 04: the weak-gfp caller now allocates and refills sheaves (refill_objects() without its WARN); new slabs and vectors still by gfp',
      'rfc08-weak-gfp-vector-failure-reported': 'as RFC 04: the weak-gfp caller now allocates and refills sheaves (refill_objects() without its WARN); new slabs and vectors still by gfp',
    },
  },
  {
    number: 5,
    subject: 'mm/slab: replace struct partial_context with slab_alloc_context',
    message: `struct partial_context has shrunk to a gfp and the requested size since
the sheaves conversion. Remove it: get_from_partial(),
get_from_partial_node() and get_from_any_partial() take the gfp as an
explicit parameter and the const slab_alloc_context, which together are
a superset of it (and the context is about to carry alloc_flags).
___slab_alloc() keeps its trynode gfp in a local trynode_flags. The spin
tests stay on the gfp they were given. No functional change.

The refactoring half of RFC 06 (v3 swaps RFC 05 and 06 so that this one
is a pure refactor; the spin-test half moved into the next patch).`,
    link: L(5),
    move: 'Inline Class (partial_context into a gfp parameter plus the context); Preserve Whole Object',
    kind: 'refactor',
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
    number: 6,
    subject: 'mm/slab: add alloc_flags to slab_alloc_context',
    message: `Add alloc_flags to struct slab_alloc_context so that it reaches the slow
path without another parameter: slab_alloc_node() and the debug bulk
branch pass SLAB_ALLOC_DEFAULT (kmalloc_nolock() never gets there),
kmalloc_nolock() its SLAB_ALLOC_NOLOCK. ___slab_alloc(),
alloc_single_from_new_slab() (which loses its allow_spin parameter),
get_from_partial_node() and get_from_any_partial() now decide whether
they may spin from alloc_flags, so a non-nolock caller without reclaim
bits spin-locks the partial lists, keeps a new slab and retries.

Because allow_spin no longer follows the gfp, the trynode gfp can no
longer be chosen by testing it, or a kmalloc() without
__GFP_KSWAPD_RECLAIM would be upgraded to GFP_NOWAIT and wake kswapd.
Build it by masking instead: keep at most GFP_NOWAIT plus the caller's
__GFP_NOMEMALLOC and __GFP_ACCOUNT (the old hard-coded GFP_NOWAIT
dropped those), add __GFP_NOWARN | __GFP_THISNODE.

RFC 05 plus the spin-test half of RFC 06 plus the trynode masking RFC 07
had (widened by __GFP_NOMEMALLOC | __GFP_ACCOUNT), moved here so that no
step upgrades a caller's gfp.`,
    link: L(6),
    move: 'Move Field into the Parameter Object; Replace Parameter with Query (allow_spin); Parallel Change (migrate); Substitute Algorithm (trynode branch → mask)',
    kind: 'behaviour',
    declared: [
      {
        id: 'trynode.masked',
        description: 'The trynode gfp is (gfpflags & (GFP_NOWAIT | __GFP_NOMEMALLOC | __GFP_ACCOUNT)) | __GFP_NOWARN | __GFP_THISNODE: a DIRECT-only caller no longer gets __GFP_KSWAPD_RECLAIM there (and, until v3 07, its trynode slab page comes from the nolock page allocator); a caller\'s __GFP_NOMEMALLOC now reaches the trynode attempt; other caller bits (__GFP_MEMALLOC, __GFP_HIGH, …) leave it.',
        evidence: [
          // A DIRECT-only caller's trynode page: no __GFP_KSWAPD_RECLAIM, and from the nolock page
          // allocator while allocate_slab() still asks the gfp (until v3 07).
          ...ev(
            { kind: 'kswapd_wake' },
            { kind: 'page_alloc', node: { min: 0 }, gfp: { has: ['__GFP_THISNODE'] } },
            { kind: 'page_alloc', node: { min: 0 }, nolock: true },
            lock(['spin', 'trylock'], 'zone->lock('),
          ),
        ],
      },
      {
        id: 'slowpath.no-reclaim-spins',
        description: 'A non-nolock allocation whose gfp has no reclaim bits now spin-locks n->list_lock on every partial-list visit, reads the cpuset seqcount in the remote search, keeps a new slab instead of discarding it on contention and retries instead of failing; conversely kmalloc_nolock() called with an (invalid) reclaiming gfp now trylocks where it spun.',
        evidence: [
          ...ev(
            lock(['spin', 'trylock'], 'n->list_lock(', 'zone->lock', 'mems_allowed_seq'),
            { kind: 'page_alloc', node: { min: 0 } },
            { kind: 'slab', op: ['new', 'discard'] },
          ),
          // A failure that now succeeds is traced, tagged, registered and charged, and allocates its
          // slab's obj_exts vector (nested), as at RFC 05 and RFC 06.
          ...result(),
          ...records(),
          ...depth(),
          ...obj({ kind: 'slab' }),
        ],
      },
    ],
    kernelFiles: ['mm/slub.c'],
    functions: ['alloc_single_from_new_slab', 'get_from_partial_node', 'get_from_any_partial', '___slab_alloc', 'slab_alloc_node', '_kmalloc_nolock_noprof', '__kmem_cache_alloc_bulk'],
    signatures: [{ fn: 'alloc_single_from_new_slab', params: ['s', 'slab', 'ac'] }],
    goldenChanges: {
      'rfc05-trynode-upgrade-slab-feeds-later-accounted-own-cache-vector-charge-refused': "v3 06's slow path follows alloc_flags: the partial-list lock is taken by spinning instead of trylock (declared)",
      'rfc13-kfence-pick-moves-reused-slot-accounted-kmalloc-krealloc-init-on-alloc-stale': "v3 06: the weak-gfp caller spins on n->list_lock where it used to trylock (declared)",
      'rfc14-kfence-pick-moves-back-reused-slot-atomic-kmalloc-krealloc-kernel-init-on-alloc-stale': "v3 06: the weak-gfp caller spins on n->list_lock where it used to trylock (declared)",
      'rfc04-weak-gfp-sheaf-struct-takes-kfence-reused-slot-atomic-kmalloc-krealloc-init-on-alloc-stale': "v3 06: the weak-gfp caller spins on n->list_lock where it used to trylock (declared)",
      'rfc04-weak-gfp-sheaf-moves-kfence-reused-slot-kzalloc-krealloc-growth-init-on-alloc-stale': "v3 06: the weak-gfp callers spin on n->list_lock where they used to trylock (declared)",
      'rfc04-weak-gfp-sheaf-moves-kfence-reused-slot-kmalloc-krealloc-init-on-alloc-stale': "v3 06: the weak-gfp callers spin on n->list_lock where they used to trylock (declared)",
      'rfc05-trynode-upgrade-krealloc-in-place-later-weak-lru-alloc-vector-fails-tag-lost': "v3 06: the weak-gfp caller spins on n->list_lock where it used to trylock (declared)",
      'rfc08-vector-kfence-pick-moves-reused-slot-kmalloc-krealloc-init-on-alloc-stale': "v3 06: the weak-gfp callers spin on n->list_lock where they used to trylock (declared)",
      'rfc13-vector-sheaf-kfence-pick-moves-reused-slot-krealloc-growth-init-on-alloc-stale': "v3 06: the weak-gfp callers spin on n->list_lock where they used to trylock (declared)",
      'rfc08-vector-kfence-pick-moves-reused-slot-krealloc-growth-init-on-alloc-stale': "v3 06: the weak-gfp callers spin on n->list_lock where they used to trylock (declared)",
      'rfc13-boot-stock-takes-bucket-nolock-next-bucket-krealloc-growth-init-on-alloc-stale': "the sheaf struct's kmalloc-64 allocation spins on n->list_lock instead of trying it (alloc_flags, not gfp)",
      'rfc06-contended-sheaf-struct-later-softirq-cache-alloc-nests': "get_from_partial_node() spins on the contended list_lock by alloc_flags: the sheaf struct takes a partial slab's object and is freed into kmalloc-64's main sheaf, so the GFP_ATOMIC kmem_cache_alloc() takes it and the later softirq GFP_NOWAIT one allocates a new sheaf and slab, nested one level deeper",
      'rfc05-trynode-slab-later-softirq-nowait-kmalloc-vector-fails-tag-inaccurate': "the sheaf struct's kmalloc-512 allocation spins on n->list_lock instead of trying it (alloc_flags, not gfp)",
      'rfc06-contended-list-lock-later-prefilled-sheaf-object-nests': "v3 06: the gfp-0 caller spins on the contended n->list_lock by alloc_flags: its new slab is added instead of discarded and the call succeeds",
      'v3-07-weak-gfp-slab-takes-pages-later-atomic-own-cache-charge-lost': "v3 06: the weak-gfp caller spins on n->list_lock where it used to trylock (declared)",
      'rfc08-vector-kfence-pick-moves-nolock-charge-abort-spins': "v3 06: the weak-gfp caller spins on n->list_lock where it used to trylock (declared)",
      'rfc05-weak-gfp-softirq-slab-later-nowait-kcalloc-vector-fails-tag-inaccurate': "v3 06: the weak-gfp softirq kmem_cache_alloc_node() reads mems_allowed_seq before its page allocation",
      'rfc08-weak-gfp-vector-kfence-pick-moves-kzalloc-krealloc-growth-stale': "v3 06: the weak-gfp caller spins on n->list_lock where it used to trylock (declared)",
      'v3-06-weak-gfp-krealloc-waits-for-list-lock-vector-failure-goes': "v3 06: get_from_partial_node() spins on the held kmalloc-64 n->list_lock by alloc_flags, so the sheaf struct is allocated and the kmalloc-8k slab's vector no longer fails (warning and inaccurate tag gone; approved)",
      'v3-14-thisnode-kfence-pick-skips-reclaim-later-atomic-bulk-fails': "v3 06: the task-context allocation reads mems_allowed_seq (lock traffic only)",
      'rfc07-weak-gfp-irq-slab-moves-nolock-object-krealloc-init-on-alloc-stale': "v3 06: the softirq caller spins on n->list_lock instead of trying it (lock traffic only)",
      'rfc06-contended-spin-krealloc-in-place-later-irq-kmalloc-fails': "the weak-gfp kmalloc(40) spins on the contended n->list_lock by alloc_flags and takes a partial slab's object (its vector fails); krealloc(8) keeps it in place, so no kmalloc-8 slab is stocked and the softirq kmalloc(8) fails (approved, as RFC 06)",
      'v3-07-weak-gfp-kmalloc-succeeds-poison-krealloc-copies-slack': "the weak-gfp kmalloc() reads the cpuset seqcount (mems_allowed_seq) by alloc_flags in its remote-node search",
      'v3-07-direct-only-slab-stays-on-node-later-accounted-vector-fails': "RFC 07's trynode mask: the direct-reclaim-only caller's target-node attempt goes the nolock way and fails before deferred page init, so its kmalloc-1k slab comes from the fallback on node 0, where the later accounted kmalloc()'s vector from kmalloc_nolock() finds it: the vector and the memcg charge succeed",
      'v3-15-no-obj-ext-caller-sheaves-use-failures-later-kcalloc-charge-refused': "the weak-gfp caller spin-locks n->list_lock by alloc_flags where it trylocked",
      'rfc05-trynode-upgrade-krealloc-in-place-later-bulk-vector-fails': "the weak-gfp caller spin-locks n->list_lock by alloc_flags where it trylocked",
      'rfc05-trynode-upgrade-krealloc-in-place-accounted-charge-lost': "the gfp-0 caller spin-locks n->list_lock by alloc_flags where it trylocked",
      'rfc05-trynode-upgrade-slab-oversize-prefill-sheaf-free-warns': "the weak-gfp and gfp-0 callers spin-lock n->list_lock by alloc_flags where they trylocked",
      'v3-07-weak-gfp-slab-takes-pages-later-kernel-account-vector-fails-charge-skipped': "the weak-gfp caller spin-locks n->list_lock by alloc_flags where it trylocked",
      'rfc06-contended-sheaf-struct-later-cache-alloc-nests': "alloc_flags in the context: get_from_partial_node() spins on the contended n->list_lock by alloc_flags, so the sheaf struct takes a partial slab's object, the GFP_NOWAIT kmalloc(40) then empties the main kmalloc-64 sheaf, and the later GFP_KERNEL kmem_cache_alloc() allocates a new sheaf and slab, nested one level deeper (as RFC 06)",
      'v3-07-weak-gfp-slab-takes-pages-later-atomic-bulk-vector-fails-charge-skipped': "alloc_flags in the context: get_from_partial_node() spins on n->list_lock and reads mems_allowed_seq by alloc_flags for the weak-gfp caller; results unchanged",
      'rfc05-trynode-upgrade-leaves-failures-later-thisnode-vector-fails': "alloc_flags in the context: get_from_partial_node() spins on n->list_lock and reads mems_allowed_seq by alloc_flags for the weak-gfp caller; results unchanged",
      'v3-07-weak-gfp-slab-takes-pages-later-atomic-vector-fails-charge-skipped': "alloc_flags in the context: get_from_partial_node() spins on n->list_lock and reads mems_allowed_seq by alloc_flags for the weak-gfp caller; results unchanged",
    'v3-14-thisnode-sheaf-struct-off-node-alloc-then-freed': "alloc_flags in the context: the list_lock of the krealloc()'s nested sheaf-struct allocation is taken by alloc_flags (spinning); results unchanged",
    'rfc05-weak-gfp-slab-vector-moves-kmalloc-krealloc-growth-stale': "alloc_flags in the context: the weak-gfp caller reads mems_allowed_seq by alloc_flags (spinning); results unchanged",
    'v3-06-trynode-nolock-attempt-fallback-skips-direct-reclaim': "v3 06 takes RFC 07's trynode branch while new_slab() still picks the page allocator by gfp: the direct-reclaim-only caller's masked target-node attempt uses alloc_frozen_pages_nolock() and fails below the watermark without waking kswapd (05's gfp.kswapd violation goes) or taking any injected failure, so the fallback meets the failures at another count and gets its page from node 1 without reclaiming directly (undeclared)",
    'v3-07-weak-gfp-object-later-accounted-krealloc-stays-uncharged': "alloc_flags in the context: the weak-gfp caller's lock and mems_allowed_seq handling follow alloc_flags (spinning); results unchanged",
    'v3-07-weak-gfp-refill-slab-vector-fails-charge-skipped': "alloc_flags in the context: get_from_partial_node() spins on n->list_lock and reads mems_allowed_seq by alloc_flags for the weak-gfp caller; results unchanged",
    'rfc05-no-reclaim-upgrade-kswapd-later-accounted-krealloc-charge-refused': "alloc_flags in the context: get_from_partial_node() reads mems_allowed_seq by alloc_flags (spinning) for the weak-gfp caller; v3 does not upgrade the target-node attempt, so kswapd is not woken and the accounted krealloc() still fails for want of pages",
    'rfc05-no-reclaim-upgrade-kswapd-later-kzalloc-krealloc-growth-stale': "alloc_flags in the context: get_from_partial_node() spins on n->list_lock (and reads mems_allowed_seq) by alloc_flags for the weak-gfp callers; v3 does not upgrade the target-node attempt, so kswapd is not woken and the kzalloc() and krealloc() still fail",
    'rfc06-contended-sheaf-struct-later-kernel-kmalloc-nests': "alloc_flags in the context: get_from_partial_node() spins on the contended kmalloc-64 n->list_lock, so the nested sheaf struct comes from the partial slab, the GFP_KERNEL|__GFP_THISNODE kmem_cache_alloc_lru() takes kmalloc-64's main sheaf without a new slab, and the later GFP_KERNEL kmalloc(64) finds it empty and refills a new sheaf from a new slab whose vector is allocated nested, one level deeper (approved finding)",
    'rfc05-no-reclaim-upgrade-kswapd-leaves-later-reclaim-short': "alloc_flags in the context: get_from_partial_node() reads mems_allowed_seq by alloc_flags (spinning) for the weak-gfp caller; v3 does not upgrade the target-node attempt, so no kswapd wake-up and the later GFP_KERNEL kmem_cache_alloc() still succeeds",
    'rfc07-weak-gfp-krealloc-moves-init-on-alloc-tail-stale': "alloc_flags in the context: the sheaf kzalloc()'s n->list_lock is taken with spin_lock where 05 used trylock (the lock is free)",
    'rfc05-trynode-upgrade-no-fallback-node-kmalloc-node-fails': "alloc_flags in the context: get_from_partial_node() takes kmalloc-8's n->list_lock with spin_lock where 05 used trylock (the lock is free); v3 does not upgrade the target-node attempt, so kmalloc_node() still gets its node-1 page",
    'v3-07-kswapd-only-oversize-prefill-sheaf-return-warns': "alloc_flags in the context: get_from_partial_node() takes n->list_lock with spin_lock where 05 used trylock (the lock is free)",
    'rfc05-weak-gfp-slab-without-vector-takes-later-nolock-tag': "alloc_flags in the context: get_from_partial_node() takes n->list_lock with spin_lock where 05 used trylock (the lock is free); unlike RFC 05 the target-node attempt is not upgraded, so kmalloc_node(24) still fails",
    'rfc06-contended-list-lock-kzalloc-krealloc-growth-stale': "get_from_partial_node() spins on the contended n->list_lock for the weak-gfp kzalloc(40) by alloc_flags, so it gets a partial-slab object (its vector by gfp fails: warning, inaccurate tag); krealloc(__GFP_ZERO) grows it into the KFENCE object; v3's base zeroes the whole bucket (no RFC 01), so the grown bytes stay zero",
    'v3-07-new-slab-by-alloc-flags-vector-by-gfp-fails-accounted-alloc-skips-charge': "v3 06's slow path by alloc_flags: the gfp-0 caller spins on the partial-list lock where it used to trylock (declared)",
    'rfc07-weak-gfp-krealloc-new-slab-redzone-kept-init-on-free-cache-alloc-reuses': "v3 06's slow path by alloc_flags: the gfp-0 krealloc() spins on the partial-list lock where it used to trylock (declared)",
    'rfc06-contended-list-lock-later-atomic-bulk-nests': "v3 06's slow path by alloc_flags: the weak-gfp caller is declared spinning and spins on the contended list lock where it used to trylock, with the masked trynode gfp (declared); unlike RFC 06, the later bulk nests no deeper here",
    'rfc05-no-reclaim-upgrade-reaches-memcg-limit': "alloc_flags in the context: get_from_partial_node() takes the sheaf kzalloc()'s n->list_lock with spin_lock where 05 used trylock (the lock is free); unlike RFC 05 the target-node attempt is not upgraded, so no kswapd wake-up and no charge failure",
    'rfc07-weak-gfp-kzalloc-krealloc-copies-stale-tail': "the weak-gfp kzalloc()'s slow path takes kmalloc-512's n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'v3-14-thisnode-kfence-pick-moves-krealloc-in-place': "the weak-gfp callers' slow paths now spin on the locks they only tried (slowpath.no-reclaim-spins)",
      'rfc05-kswapd-wake-moves-nolock-charge-fail-spin-to-node0': "the weak-gfp caller's slow path now spins on the locks it only tried (slowpath.no-reclaim-spins); unlike RFC 05 the target-node attempt wakes no kswapd, so the kmalloc_nolock()'s slab stays on node 1",
      'v3-07-deferred-init-weak-gfp-slab-then-charge-fails': "as RFC 06: the slow path takes its locks by alloc_flags: the gfp-0 caller spins on kmalloc-512's n->list_lock instead of trylocking it and reads mems_allowed_seq",
      'rfc06-weak-gfp-nested-sheaf-spins-later-caller-nests': "as RFC 06: get_from_partial_node() spins on the contended kmalloc-64 n->list_lock by alloc_flags: the nested sheaf struct for kmalloc-4k comes from the partial slab, so the GFP_ATOMIC kmalloc(40) takes kmalloc-64's main sheaf without a new slab, and the later weak-gfp kmem_cache_alloc() finds it empty and allocates a new sheaf, nested one level (approved finding)",
      'v3-04-weak-gfp-refill-uses-failure-budget-vector-served': "the weak-gfp caller takes kmalloc-64's n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc06-weak-gfp-waits-for-list-lock-vector-failure-goes': "the spin decisions follow alloc_flags: the weak-gfp caller spins on c0's n->list_lock and takes an object from the partial slab instead of discarding its new slab and failing",
      'rfc04-kfence-pick-moves-krealloc-copy-stale-tail': "the weak-gfp caller's slow path takes kmalloc-512's and kmalloc-64's n->list_lock by alloc_flags (spinning) instead of trylocking them",
      'rfc04-weak-gfp-sheaf-moves-kfence-krealloc-grows-in-place-stale': "the injected softirq kmalloc's slow path takes kmalloc-64's n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'v3-14-thisnode-vector-kfence-served-no-kswapd-wake': "the weak-gfp caller's nested sheaf kmalloc takes kmalloc-512's n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc14-kfence-pick-moves-krealloc-copy-stale-tail': "the weak-gfp caller's slow path takes its locks by alloc_flags: it spins on kmalloc-128's n->list_lock instead of trylocking it and reads mems_allowed_seq",
      'v3-04-weak-gfp-sheaf-moves-kfence-pick-lru-charge-fails': "the weak-gfp caller's slow path takes its locks by alloc_flags: it spins on kmalloc-512's n->list_lock instead of trylocking it and reads mems_allowed_seq",
      'v3-14-thisnode-vector-from-other-node-sheaf-tag-released': "the gfp-0 caller takes kmalloc-256's n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'v3-06-trynode-no-kswapd-later-caller-nests': "v3 06's trynode mask: the direct-reclaim-only bulk's target-node attempt no longer wakes kswapd (and comes from alloc_frozen_pages_nolock() while new_slab() chooses by gfp), so below the watermark the __GFP_NOWARN caller's refill fails; the __GFP_DIRECT_RECLAIM caller then refills from a new slab and allocates its vector, one level deeper (approved finding)",
      'v3-07-weak-gfp-interrupt-slab-later-atomic-vector-fails': "as RFC 05/06: the weak-gfp slow path now takes its locks by alloc_flags (spinning) instead of trylocking them",
      'v3-15-no-obj-ext-nolock-vector-oversize-sheaf-free-warns': "as RFC 05/06: the weak-gfp slow path now takes its locks by alloc_flags (spinning) instead of trylocking them",
      'v3-04-kfence-pick-moves-oversize-sheaf-return-warns': "as RFC 05/06: the weak-gfp slow path now takes its locks by alloc_flags (spinning) instead of trylocking them",
      'v3-06-weak-gfp-keeps-new-slab-vector-nests': "as RFC 05/06: the gfp-0 kmem_cache_alloc() keeps its new slab under a spinning n->list_lock instead of discarding it on contention: it succeeds, and its slab's vector is allocated nested (nesting 0 -> 1)",
      'rfc08-kfence-pick-moves-krealloc-growth-stale': "as RFC 05/06: the weak-gfp slow path now takes its locks by alloc_flags (spinning) instead of trylocking them",
      'rfc05-trynode-upgrade-stays-on-node-fallback-meets-failures': "as RFC 05/06: the weak-gfp slow path now takes its locks by alloc_flags (spinning) instead of trylocking them",
      'v3-08-vector-enables-memcg-charge-cache-alloc-fails': "as RFC 05/06: the weak-gfp slow path now takes its locks by alloc_flags (spinning) instead of trylocking them",
      'rfc06-weak-gfp-bulk-waits-for-list-lock-no-new-slab': "as RFC 05 and 06: the weak-gfp bulk's partial-list visit spins on the contended n->list_lock (alloc_flags) and takes the partial slab instead of failing its trylock and discarding a new slab: the bulk succeeds",
      'rfc07-weak-gfp-slab-oversize-prefill-sheaf-free-warns': "as RFC 05/06: the weak-gfp caller's partial-list visits now spin on n->list_lock (alloc_flags) instead of trylocking it",
      'v3-07-weak-gfp-slab-later-nolock-fails': "as RFC 05/06: the weak-gfp slow path takes its locks by alloc_flags; v3 06's trynode mask leaves the direct-reclaim-only krealloc's target-node attempt without reclaim bits, so (new_slab() choosing by gfp) its kmalloc-8k vector slab comes from alloc_frozen_pages_nolock(), which fails in deferred init, and the fallback allocates it",
      'v3-07-weak-gfp-interrupt-slab-later-no-kswapd': "as RFC 05/06: the weak-gfp slow path now takes its locks by alloc_flags (spinning) instead of trylocking them",
      'v3-07-weak-gfp-refill-stocks-sheaf-later-vector-oom': "as RFC 05/06: the weak-gfp slow path now takes its locks by alloc_flags (spinning) instead of trylocking them",
      'v3-06-trynode-no-kswapd-later-nolock-fails': "v3 06's trynode mask: the direct-reclaim-only bulk's target-node attempt no longer wakes kswapd (and comes from alloc_frozen_pages_nolock() while new_slab() chooses by gfp), so nothing reclaims before the kmalloc_nolock(), which fails below the watermark (no object, no memcg charge, no tag)",
      'v3-06-trynode-failure-budget-vector-fails': "v3 06's trynode mask: the direct-reclaim-only vector kmalloc's target-node attempt is __GFP_NOWARN|__GFP_THISNODE and, new_slab() still choosing by gfp, comes from alloc_frozen_pages_nolock(), which fails in deferred init without counting the injected failures; the fallback meets them and the vector fails (warn_alloc, slab_out_of_memory, vector warning, inaccurate tag)",
      'v3-14-thisnode-vector-attempt-wakes-kswapd': "as RFC 05/06: the weak-gfp sheaf kzalloc's partial-list visit now spins on n->list_lock (alloc_flags) instead of trylocking it",
      'v3-07-trynode-normal-allocator-uses-failure-budget': "the trynode branch masks the direct-reclaim-only kmalloc_node()'s target-node attempt and new_slab() still picks the page allocator by gfp: alloc_frozen_pages_nolock(), which does not count the injected failures, so the fallback meets them and fails",
      'rfc07-weak-gfp-interrupt-slab-later-nolock-trylock-path': "as RFC 05/06: the weak-gfp slow path now takes locks by alloc_flags (spinning) instead of trylocking them",
      'rfc05-trynode-upgrade-later-thisnode-alloc-fails': "as RFC 05/06: the weak-gfp slow path now reads mems_allowed_seq (spinning allowed by alloc_flags)",
      'rfc05-trynode-upgrade-later-kmalloc-nests-vector': "as RFC 05/06: the weak-gfp slow path now reads mems_allowed_seq (spinning allowed by alloc_flags)",
      'rfc07-weak-gfp-slab-takes-pages-later-atomic-charge-lost': "as RFC 05/06: the weak-gfp slow path now takes locks by alloc_flags (spinning) instead of trylocking them",
      'rfc07-weak-gfp-slab-krealloc-grows-in-place-stale': "as RFC 05/06: the weak-gfp slow path now takes locks by alloc_flags (spinning) instead of trylocking them",
      'rfc07-weak-gfp-interrupt-uses-failure-budget-no-reclaim': "as RFC 05/06: the weak-gfp slow path now takes locks by alloc_flags (spinning) instead of trylocking them",
      'rfc04-kfence-pick-moves-bulk-vector-trynode-wakes-kswapd': "as RFC 05/06: the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc04-failure-budget-vector-warning-goes': "as RFC 05/06: the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc04-failure-budget-moves-to-memcg-charge-fail': "as RFC 05/06: the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc07-weak-gfp-interrupt-slab-moves-direct-reclaim': "as RFC 05/06: the weak-gfp (__GFP_HIGH) interrupt's slow path now reads mems_allowed_seq (spinning allowed by alloc_flags)",
      'rfc08-interrupt-vector-kmalloc-spares-later-reclaim': "as RFC 05/06: the weak-gfp (__GFP_HIGH) interrupt's slow path now reads mems_allowed_seq (spinning allowed by alloc_flags)",
      'rfc04-weak-gfp-sheaf-moves-page-pressure-later-vector-fails': "as RFC 05/06: the weak-gfp slow path now spin-locks n->list_lock and reads mems_allowed_seq (spinning allowed by alloc_flags)",
      'rfc04-weak-gfp-refill-uses-failure-budget-later-vector-served': "as RFC 05/06: the weak-gfp slow path now takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc13-page-pressure-large-kmalloc-charge-lost': "as RFC 05/06: the gfp-0 slow path takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc08-vector-takes-kfence-later-accounted-atomic-fails': "as RFC 05/06: the weak-gfp slow path takes n->list_lock by alloc_flags (spinning) instead of trylocking it",
      'rfc08-weak-gfp-vector-kmalloc-fails-where-nolock-was-served': "as RFC 05/06: the weak-gfp slow path takes n->list_lock by alloc_flags (spinning) and reads mems_allowed_seq",
      'rfc05-trynode-kswapd-earlier-later-bulk-nests-vector': "as RFC 05/06: the weak-gfp slow path now reads mems_allowed_seq (spinning allowed by alloc_flags)",
      'rfc04-weak-gfp-sheaf-moves-kfence-pick': 'as RFC 05/06: the weak-gfp slow path now reads mems_allowed_seq (spinning allowed by alloc_flags)',
      'rfc05-weak-gfp-trynode-object-krealloc-in-place': 'as RFC 05/06: the weak-gfp slow path now reads mems_allowed_seq (spinning allowed by alloc_flags)',
      'rfc06-weak-gfp-contended-partial-vector-fails': 'as RFC 06: the weak-gfp partial search spin-locks the contended list_lock and gets an object from the partial slab whose kmalloc_nolock() vector fails in early boot (the trynode attempt is masked, not upgraded)',
      'rfc07-trynode-mask-no-kswapd-later-nolock-fails': "allow_spin comes from alloc_flags with the trynode mask in the same step: the weak-gfp caller's partial-list search spin-locks n->list_lock instead of trylocking it (and its target-node attempt is never upgraded to GFP_NOWAIT, so no kswapd wake-up as at RFC 05)",
      'rfc07-trynode-mask-no-kswapd-later-vector-fails': "allow_spin comes from alloc_flags with the trynode mask in the same step: the weak-gfp caller's partial-list search spin-locks n->list_lock instead of trylocking it (and its target-node attempt is never upgraded to GFP_NOWAIT, so no kswapd wake-up as at RFC 05)",
      'rfc07-trynode-mask-nolock-vector-drops-memcg-charge': "allow_spin comes from alloc_flags with the trynode mask in the same step: the weak-gfp caller's partial-list search spin-locks n->list_lock instead of trylocking it (and its target-node attempt is never upgraded to GFP_NOWAIT, so no kswapd wake-up as at RFC 05)",
      'rfc07-weak-gfp-refill-fresh-slab-vector-succeeds': "allow_spin comes from alloc_flags with the trynode mask in the same step: the weak-gfp caller's partial-list search spin-locks n->list_lock instead of trylocking it (and its target-node attempt is never upgraded to GFP_NOWAIT, so no kswapd wake-up as at RFC 05)",
      'rfc08-boot-vector-kmalloc-fails-later-krealloc-untagged': "allow_spin comes from alloc_flags with the trynode mask in the same step: the weak-gfp caller's partial-list search spin-locks n->list_lock instead of trylocking it (and its target-node attempt is never upgraded to GFP_NOWAIT, so no kswapd wake-up as at RFC 05)",
      'rfc08-boot-vector-moves-outer-object': "allow_spin comes from alloc_flags with the trynode mask in the same step: the weak-gfp caller's partial-list search spin-locks n->list_lock instead of trylocking it (and its target-node attempt is never upgraded to GFP_NOWAIT, so no kswapd wake-up as at RFC 05)",
      'rfc08-kfence-pick-moves-free-injection-untagged': "allow_spin comes from alloc_flags with the trynode mask in the same step: the weak-gfp caller's partial-list search spin-locks n->list_lock instead of trylocking it (and its target-node attempt is never upgraded to GFP_NOWAIT, so no kswapd wake-up as at RFC 05)",
      'rfc08-vector-kfence-pick-later-atomic-fails': "allow_spin comes from alloc_flags with the trynode mask in the same step: the weak-gfp caller's partial-list search spin-locks n->list_lock instead of trylocking it (and its target-node attempt is never upgraded to GFP_NOWAIT, so no kswapd wake-up as at RFC 05)",
      'rfc07-weak-gfp-vector-without-cmpxchg16b': "the slow path's remote partial search now reads mems_allowed_seq (DEFAULT callers may spin)",
      'atomic-in-irq-contexts': 'the trynode page allocation of the nested __GFP_NOMEMALLOC vector request keeps __GFP_NOMEMALLOC (the mask keeps it; GFP_NOWAIT used to drop it)',
      'bulk-debug-cache-no-reclaim': 'the debug-cache bulk slow path with a no-reclaim gfp spin-locks the partial list and reads the cpuset seqcount',
      'direct-reclaim-without-kswapd-trynode': 'the DIRECT-only trynode gfp is __GFP_NOWARN|__GFP_THISNODE, so (until v3 07) its slab page comes from the nolock page allocator; the no-reclaim kmalloc_node spin-locks n->list_lock',
      'kmalloc-no-reclaim-empty-sheaves': 'partial-list search of the nested no-reclaim sheaf kmalloc spin-locks n->list_lock',
      'kmem-cache-no-reclaim-debugobjects': 'remote partial search of no-reclaim allocations now runs inside the cpuset seqcount',
      'memcg-charge-and-failure': 'the trynode page allocation of the nested __GFP_NOMEMALLOC vector request keeps __GFP_NOMEMALLOC',
      'no-reclaim-trynode-kswapd': 'the __GFP_HIGH|__GFP_NOWARN caller spin-locks n->list_lock; its trynode gfp is __GFP_NOWARN|__GFP_THISNODE (no kswapd wake-up, unlike RFC 05)',
      'nolock-gfp-and-memcg': 'kmalloc_nolock(GFP_KERNEL) now trylocks the partial list: NOLOCK decides, not its (invalid) gfp',
      'nolock-preempt-rt': 'the no-reclaim allocation in hardirq reads the cpuset seqcount in the remote partial search',
      'nolock-trylock-contention': 'the nested no-reclaim sheaf kmalloc spin-locks n->list_lock',
      'prefill-sheaf-no-reclaim': 'the nested no-reclaim sheaf kmalloc spin-locks n->list_lock',
      'remote-partial-search': 'the no-reclaim remote partial search reads the cpuset seqcount and spin-locks the remote node list',
      'rfc07-weak-gfp-new-slab-nests-vector': "the slow path's remote partial search now reads mems_allowed_seq (DEFAULT callers may spin) before the allocation fails as before",
      'rfc13-stocked-slab-serves-nolock-krealloc-in-place': "the krealloc allocation's remote partial search now reads mems_allowed_seq (DEFAULT callers may spin) before failing as before",
      'baseline-direct-reclaim-trynode-wakes-kswapd': "the vector's target-node attempt masks the caller's gfp (no reclaim bits) instead of upgrading it to GFP_NOWAIT: no kswapd wake-up; that attempt's slab now comes from the nolock page allocator, which fails during deferred init, and the fallback attempt takes the normal one",
      'rfc05-weak-gfp-trynode-slab-vector-fails': "the slow path of the weak-gfp callers now spins (DEFAULT alloc_flags) and their target-node attempts mask the caller's gfp, before both allocations fail as before in the nolock page allocator",
      'rfc07-weak-gfp-slab-failure-now-warns': "the nested sheaf kzalloc's partial-list visit spin-locks n->list_lock (DEFAULT alloc_flags) instead of trylocking it",
      'rfc13-boot-stock-serves-allocation-without-memory': "the nested sheaf kzalloc's partial-list visit spin-locks n->list_lock and the remote search reads mems_allowed_seq (DEFAULT alloc_flags)",
      'rfc04-weak-gfp-refill-flush-leaves-vectorless-slab': 'as RFC 05/06: the weak-gfp callers\' slow path now spins on n->list_lock (inside the mems_allowed retry loop) instead of trying it',
      'rfc04-weak-gfp-sheaf-alloc-failure-reported': 'as RFC 05/06: the weak-gfp callers\' slow path now spins on n->list_lock (inside the mems_allowed retry loop) instead of trying it',
      'rfc07-weak-gfp-kzalloc-krealloc-growth-not-zeroed': 'as RFC 05/06: the weak-gfp callers\' slow path now spins on n->list_lock (inside the mems_allowed retry loop) instead of trying it',
      'rfc07-weak-gfp-object-krealloc-in-place': 'as RFC 05/06: the weak-gfp callers\' slow path now spins on n->list_lock (inside the mems_allowed retry loop) instead of trying it',
      'rfc08-vector-stock-nests-later-nolock': 'as RFC 05/06: the weak-gfp callers\' slow path now spins on n->list_lock (inside the mems_allowed retry loop) instead of trying it',
      'rfc08-weak-gfp-vector-failure-reported': 'as RFC 05/06: the weak-gfp callers\' slow path now spins on n->list_lock (inside the mems_allowed retry loop) instead of trying it',
      'rfc14-oversize-kmalloc-sheaf-return-untagged': 'as RFC 05/06: the weak-gfp callers\' slow path now spins on n->list_lock (inside the mems_allowed retry loop) instead of trying it',
    },
  },
  {
    number: 7,
    subject: 'mm/slab: pass alloc_flags to new slab allocation',
    message: `new_slab() and allocate_slab() still ask the gfp whether the page
allocator may spin, so a no-reclaim caller that is not kmalloc_nolock()
gets the trylock-only alloc_frozen_pages_nolock(), which fails e.g.
before deferred page init. Pass alloc_flags down and decide from them:
___slab_alloc() forwards its context's flags, refill_objects() and
early_kmem_cache_node_alloc() pass SLAB_ALLOC_DEFAULT (only reachable
where spinning is allowed).

As RFC 07 without its trynode change (already in the previous patch).`,
    link: L(7),
    move: 'Change Function Declaration (add parameter); Parallel Change (migrate the page-allocation spin predicate)',
    kind: 'behaviour',
    declared: [
      {
        id: 'newslab.page-allocator-by-alloc-flags',
        description: 'New slabs for non-nolock allocations come from the normal page allocator (with the gfp they have, possibly without reclaim bits) instead of alloc_frozen_pages_nolock(): the no-reclaim class, the DIRECT-only trynode round and every refill_objects() caller.',
        evidence: [
          // Every non-nolock allocation that may need a new slab, not only the first scenarios' three ops.
          ...result(...DEFAULT_PATH_OPS),
          // The records of that result (as RFC 07).
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
    ],
    kernelFiles: ['mm/slub.c'],
    functions: ['allocate_slab', 'new_slab', '___slab_alloc', 'refill_objects', 'early_kmem_cache_node_alloc'],
    signatures: [
      { fn: 'allocate_slab', params: ['s', 'flags', 'alloc_flags', 'node'] },
      { fn: 'new_slab', params: ['s', 'flags', 'alloc_flags', 'node'] },
    ],
    goldenChanges: {
      'rfc05-trynode-upgrade-slab-feeds-later-accounted-own-cache-vector-charge-refused': "v3 07's new-slab page allocation by alloc_flags: the weak-gfp kmalloc_node(2000) gets a page and a kmalloc-2k slab, whose object a later accounted own-cache allocation's kmalloc_nolock() vector takes, so that allocation reaches its memcg charge and is refused at the limit (approved finding, RFC 05's at v3)",
      'rfc13-kfence-pick-moves-reused-slot-accounted-kmalloc-krealloc-init-on-alloc-stale': "v3 07's new-slab page allocation by alloc_flags: the weak-gfp caller's new-slab page comes from the other page allocator (declared)",
      'rfc14-kfence-pick-moves-back-reused-slot-atomic-kmalloc-krealloc-kernel-init-on-alloc-stale': "v3 07's new-slab page allocation by alloc_flags: the weak-gfp kmem_cache_alloc(c0) gets its slab from the normal page allocator and succeeds (declared)",
      'rfc04-weak-gfp-sheaf-struct-takes-kfence-reused-slot-atomic-kmalloc-krealloc-init-on-alloc-stale': "v3 07's new-slab page allocation by alloc_flags: the weak-gfp kmalloc(8) gets a slab from the normal page allocator and succeeds (approved)",
      'rfc04-weak-gfp-sheaf-moves-kfence-reused-slot-kzalloc-krealloc-growth-init-on-alloc-stale': "v3 07's new-slab page allocation by alloc_flags: the weak-gfp kmalloc(8) gets a slab from the normal page allocator and succeeds, so KFENCE serves kmalloc(130) again (approved)",
      'rfc04-weak-gfp-sheaf-moves-kfence-reused-slot-kmalloc-krealloc-init-on-alloc-stale': "v3 07's new-slab page allocation by alloc_flags: the weak-gfp kmalloc(8) gets a slab from the normal page allocator and succeeds, so KFENCE serves kmalloc(18) again (approved)",
      'rfc05-trynode-upgrade-krealloc-in-place-later-weak-lru-alloc-vector-fails-tag-lost': "v3 07's new-slab page allocation by alloc_flags: the gfp-0 kmalloc_node() gets its slab from the normal page allocator in deferred init, so krealloc() shrinks in place and the weak-gfp kmem_cache_alloc_lru()'s slab vector, still chosen by gfp, fails (approved: the v3 form of RFC 05's upgrade)",
      'rfc08-vector-kfence-pick-moves-reused-slot-kmalloc-krealloc-init-on-alloc-stale': "v3 07's new-slab page allocation by alloc_flags: kmalloc(2000)'s new kmalloc-2k slab comes from the normal page allocator instead of failing in the nolock one (declared)",
      'v3-14-thisnode-kfence-krealloc-skips-direct-reclaim-later-no-reclaim-kmalloc-fails': "v3 07's new-slab page allocation by alloc_flags: the gfp-0 kmalloc(8)'s new-slab page comes from the normal page allocator instead of the nolock one (declared)",
      'rfc13-vector-sheaf-kfence-pick-moves-reused-slot-krealloc-growth-init-on-alloc-stale': "v3 07's new-slab page allocation by alloc_flags: the weak-gfp callers' new-slab pages are asked of the other page allocator, so slabs and sheaves move (declared)",
      'rfc08-vector-kfence-pick-moves-reused-slot-krealloc-growth-init-on-alloc-stale': "v3 07's new-slab page allocation by alloc_flags: kmalloc(2000)'s new kmalloc-2k slab comes from the normal page allocator instead of failing in the nolock one (declared)",
      'rfc13-boot-stock-takes-bucket-nolock-next-bucket-krealloc-growth-init-on-alloc-stale': "the no-reclaim krealloc()'s new kmalloc-8k slab comes from the normal page allocator by alloc_flags: krealloc() succeeds in deferred init",
      'rfc06-contended-sheaf-struct-later-softirq-cache-alloc-nests': "the no-reclaim krealloc()'s new kmalloc-8k slab comes from the normal page allocator by alloc_flags: it succeeds, and the kmalloc-64 sheaf struct stays in use, so the GFP_ATOMIC kmem_cache_alloc() allocates the new sheaf and slab again",
      'rfc05-trynode-slab-later-softirq-nowait-kmalloc-vector-fails-tag-inaccurate': "the weak-gfp kmalloc_node()'s new slab comes from the normal page allocator by alloc_flags: it succeeds during deferred init, its nolock vector fails (inaccurate tag), and the later softirq kmalloc() takes an object of it and fails its kmalloc() vector below the watermark (inaccurate tag)",
      'rfc06-contended-list-lock-later-prefilled-sheaf-object-nests': "v3 07's new-slab page allocation by alloc_flags: the gfp-0 caller's sheaf refill gets a slab from the normal page allocator and succeeds, so the later prefill's object is another",
      'v3-07-weak-gfp-slab-takes-pages-later-atomic-own-cache-charge-lost': "v3 07's new-slab page allocation by alloc_flags: the weak-gfp kcalloc() gets an order-3 kmalloc-2k slab from the normal page allocator and succeeds; the later GFP_ATOMIC|__GFP_ACCOUNT kmem_cache_alloc() of c0 finds no page and fails (its tag and memcg charge are gone)",
      'rfc08-vector-kfence-pick-moves-nolock-charge-abort-spins': "v3 07's new-slab page allocation by alloc_flags: the weak-gfp sheaf refill tries the normal page allocator (failing below the watermark) in place of the nolock one",
      'rfc05-weak-gfp-softirq-slab-later-nowait-kcalloc-vector-fails-tag-inaccurate': "v3 07's new-slab page allocation by alloc_flags: the weak-gfp softirq kmem_cache_alloc_node() gets a kmalloc-64 slab from the normal page allocator, whose nolock vector fails (inaccurate tag); the later GFP_NOWAIT kcalloc() takes an object of it and fails its kmalloc() vector below the watermark (inaccurate tag)",
      'rfc08-weak-gfp-vector-kfence-pick-moves-kzalloc-krealloc-growth-stale': "v3 07's new-slab page allocation by alloc_flags: the weak-gfp caller's new slab comes from the normal page allocator (spin) instead of the nolock one (declared)",
      'v3-06-weak-gfp-krealloc-waits-for-list-lock-vector-failure-goes': "v3 07: the kmalloc-8k sheaf's refill gets a slab from the normal page allocator by alloc_flags in deferred init",
      'v3-14-thisnode-kfence-pick-skips-reclaim-later-atomic-bulk-fails': "v3 07: the weak-gfp kmem_cache_alloc() of c0 in deferred init tries the normal page allocator (by alloc_flags) instead of the nolock one and uses up two of node 0's injected failures, so the later GFP_KERNEL kmem_cache_alloc_lru()'s sheaf refill succeeds after one direct reclaim where it failed after three",
      'rfc07-weak-gfp-irq-slab-moves-nolock-object-krealloc-init-on-alloc-stale': "v3 07 gives the weak-gfp softirq kmalloc(3000) a new slab from the normal page allocator in deferred init (it succeeds); without RFC 01 the kmalloc_nolock() object is zeroed whole under init_on_alloc, so krealloc() copies zeroes: no promise broken (the RFC shows one at 07)",
      'rfc06-contended-spin-krealloc-in-place-later-irq-kmalloc-fails': "new slabs by alloc_flags from the normal page allocator: the kmalloc-64 sheaf refill and the softirq kmalloc(8)'s new kmalloc-8 slab get their pages, so that kmalloc() succeeds again (its slab's vector still fails by gfp: an inaccurate tag, approved)",
      'v3-07-weak-gfp-kmalloc-succeeds-poison-krealloc-copies-slack': "new slabs by alloc_flags from the normal page allocator: the weak-gfp kmalloc(1000) succeeds in early boot, and krealloc() copies its poisoned slack past the requested size into the zeroed new object (the base's slab_debug=P gap, approved)",
      'v3-07-direct-only-slab-stays-on-node-later-accounted-vector-fails': "new slabs by alloc_flags from the normal page allocator: the direct-reclaim-only caller's slab is on node 1 again (as at 05), and the accounted kmalloc()'s vector from kmalloc_nolock() fails on node 0, so its memcg charge is skipped (approved)",
      'v3-15-no-obj-ext-caller-sheaves-use-failures-later-kcalloc-charge-refused': "new slabs by alloc_flags: the gfp-0 caller's sheaf refill asks the normal page allocator, and fails under the injected failures",
      'rfc05-trynode-upgrade-krealloc-in-place-later-bulk-vector-fails': "new slabs by alloc_flags from the normal page allocator: the weak-gfp kmalloc_node() succeeds in early boot, krealloc() shrinks it in place, no kmalloc-1k slab is stocked, and the bulk object's vector from kmalloc_nolock() fails (approved; RFC 05's upgrade shows it at 05)",
      'rfc05-trynode-upgrade-krealloc-in-place-accounted-charge-lost': "new slabs by alloc_flags from the normal page allocator: the gfp-0 kmalloc_node() succeeds during deferred init, both krealloc() calls stay in place, and the accounted growth's new kmalloc-cg-4k object, its memcg charge and its tag are gone",
      'rfc05-trynode-upgrade-slab-oversize-prefill-sheaf-free-warns': "new slabs by alloc_flags from the normal page allocator: the weak-gfp kmalloc_node() succeeds during deferred init and the oversize prefill's refill too, so the prefill returns its sheaf",
      'v3-07-weak-gfp-slab-takes-pages-later-kernel-account-vector-fails-charge-skipped': "new slabs by alloc_flags from the normal page allocator: the weak-gfp caller's slab takes the pages below the watermark; its vector still fails via kmalloc_nolock() (no __CMPXCHG_DOUBLE), and the later GFP_KERNEL_ACCOUNT kmem_cache_alloc_lru()'s vector fails after reclaim, so its memcg charge is skipped (approved)",
      'rfc06-contended-sheaf-struct-later-cache-alloc-nests': "new_slab() by alloc_flags: the no-reclaim kmalloc(3000) gets an order-3 kmalloc-4k slab from the normal page allocator in deferred init and succeeds",
      'v3-07-weak-gfp-slab-takes-pages-later-atomic-bulk-vector-fails-charge-skipped': "new_slab() by alloc_flags: the weak-gfp kmalloc(3000) gets an order-3 slab from the normal page allocator below the watermark, so the later GFP_ATOMIC accounted kmem_cache_alloc_bulk()'s slab vector (kmalloc-1k, then kmalloc_nolock()) finds no page: the object is handed out uncharged, warn_alloc and slab_out_of_memory",
      'rfc05-trynode-upgrade-leaves-failures-later-thisnode-vector-fails': "new_slab() by alloc_flags: the weak-gfp kmalloc_node()'s masked target-node attempt (__GFP_NOWARN|__GFP_THISNODE) comes from the normal page allocator and succeeds on node 1, where at 06 the nolock attempts fell back to node 0 and used four of its injected failures; its vector (kmalloc_nolock(), no cmpxchg16b) fails, and the later kmem_cache_alloc()'s vector on node 0 meets the failures left and fails after direct reclaim: warn_alloc, slab_out_of_memory, an inaccurate tag",
      'v3-07-weak-gfp-slab-takes-pages-later-atomic-vector-fails-charge-skipped': "new_slab() by alloc_flags: the weak-gfp kmalloc(5000) gets an order-3 slab from the normal page allocator below the watermark, so the later GFP_ATOMIC accounted allocation's vector (kmalloc-1k) and the injected kmalloc find no page: the object is handed out uncharged, warn_alloc and slab_out_of_memory",
    'v3-14-thisnode-sheaf-struct-off-node-alloc-then-freed': "new slabs by alloc_flags come from the normal page allocator, which serves in deferred init: the gfp-0 prefill gets a kmalloc-64 slab on node 1 and succeeds, holding kmalloc-64's free objects, so the krealloc()'s nested __GFP_THISNODE sheaf-struct kmalloc() needs a node-0 slab and fails (sheaf alloc_fail) where it had been allocated and freed again",
    'rfc05-weak-gfp-slab-vector-moves-kmalloc-krealloc-growth-stale': "new slabs by alloc_flags come from the normal page allocator, which serves in early boot: the gfp-0 kmem_cache_alloc_node()'s refill gets slabs and it succeeds (its vector still by kmalloc_nolock() until 08) where it failed; v3 zeroes whole buckets, so the later krealloc() growth stays zero",
    'v3-06-trynode-nolock-attempt-fallback-skips-direct-reclaim': "new_slab() by alloc_flags: the masked attempt comes from the normal page allocator again and takes node 0's injected failures (no kswapd: __GFP_NOWARN|__GFP_THISNODE), and the fallback reclaims directly before its page comes from node 1, as at 05 (undeclared)",
    'v3-07-weak-gfp-object-later-accounted-krealloc-stays-uncharged': "new slabs by alloc_flags come from the normal page allocator, which serves in deferred init: the weak-gfp kmalloc(5000) now gets a kmalloc-8k object; krealloc(8) keeps it (at 06: krealloc(NULL), a new kmalloc-8 object), and krealloc(1000, GFP_KERNEL_ACCOUNT) fits in its 8 KiB bucket and stays in place instead of moving to a charged kmalloc-cg-1k object: the memcg charge is gone (new finding)",
    'v3-07-weak-gfp-refill-slab-vector-fails-charge-skipped': "new slabs by alloc_flags come from the normal page allocator: the weak-gfp refill now gets an order-0 slab (vector in the slab) and an order-2 one whose vector is still chosen by gfp as kmalloc_nolock() (until 08), which refuses a cache without __CMPXCHG_DOUBLE; the object handed out comes from the order-2 slab, has no vector, and __memcg_slab_post_alloc_hook() skips its charge (new finding)",
    'rfc05-no-reclaim-upgrade-kswapd-later-accounted-krealloc-charge-refused': "new slabs by alloc_flags come from the normal page allocator: the weak-gfp kmalloc_node()'s attempts fail below the watermark there instead of in the nolock page allocator, its last one with warn_alloc (no __GFP_NOWARN); the krealloc() fails as before",
    'rfc05-no-reclaim-upgrade-kswapd-later-kzalloc-krealloc-growth-stale': "new slabs by alloc_flags come from the normal page allocator: the weak-gfp callers' page attempts fail below the watermark there instead of in the nolock page allocator; results unchanged",
    'rfc06-contended-sheaf-struct-later-kernel-kmalloc-nests': "new slabs by alloc_flags come from the normal page allocator: the gfp-0 kmalloc(3000)'s sheaf refill gets its order-3 slab and succeeds, so the kmem_cache_alloc_lru() refills kmalloc-64's main sheaf from a new slab again and the later kmalloc(64) takes an object from it without nesting",
    'rfc05-no-reclaim-upgrade-kswapd-leaves-later-reclaim-short': "new slabs by alloc_flags come from the normal page allocator: the weak-gfp kmem_cache_alloc_node()'s masked target-node attempts and its fallback fail below the watermark (no kswapd wake-up) instead of failing in the nolock page allocator during deferred init",
    'rfc07-weak-gfp-krealloc-moves-init-on-alloc-tail-stale': "new slabs by alloc_flags: the weak-gfp krealloc() gets a kmalloc-192 slab from the normal page allocator and moves the object; v3 has no RFC 01, so the copied tail is zero and init_on_alloc holds",
    'rfc05-trynode-upgrade-no-fallback-node-kmalloc-node-fails': "new slabs by alloc_flags come from the normal page allocator: the masked target-node attempts fail on node 0 and the fallback gets a node-1 page; kmalloc_node() still succeeds",
    'v3-07-kswapd-only-oversize-prefill-sheaf-return-warns': "new slabs by alloc_flags: kmalloc(2000) gets a kmalloc-2k slab from the normal page allocator and succeeds; the kswapd-only prefill's oversize sheaf struct (kzalloc(1072), untagged) lands on that slab instead of failing, its bulk fill fails and the base kfree()s it: alloc_tag_sub_check warns 'alloc_tag was not set'",
    'rfc05-weak-gfp-slab-without-vector-takes-later-nolock-tag': "new slabs by alloc_flags: the weak-gfp kmalloc_node(24) gets a kmalloc-32 slab from the normal page allocator, whose vector (kmalloc_nolock() by gfp until 08) fails ('Failed to create slab extension vector!', inaccurate tag); the softirq kmalloc_nolock(24) then takes an object from that slab and fails its vector too: its tag is lost (RFC 05's finding, reached here at 07)",
    'rfc06-contended-list-lock-kzalloc-krealloc-growth-stale': "new slabs by alloc_flags come from the normal page allocator: the weak-gfp sheaf refills of the kzalloc(40) and the kmalloc(8) now succeed, so kmalloc(8) gets an object (its vector by gfp fails: inaccurate tag)",
    'v3-07-new-slab-by-alloc-flags-vector-by-gfp-fails-accounted-alloc-skips-charge': "v3 07's new-slab page by alloc_flags: the gfp-0 kmem_cache_alloc(c0) gets a slab from the normal page allocator, but its vector, still chosen by gfp, comes from kmalloc_nolock() and fails: WARN, inaccurate tag, no memcg charge, so the object is returned uncharged where 06 refused it at the limit (approved)",
    'rfc07-weak-gfp-krealloc-new-slab-redzone-kept-init-on-free-cache-alloc-reuses': "v3 07's new-slab page by alloc_flags: the gfp-0 krealloc(40, __GFP_ZERO) gets a kmalloc-64 slab from the normal page allocator (its vector, by gfp, fails) and succeeds; freed under init_on_free with its red zone kept, its slot goes to kmem_cache_alloc(kmalloc-64), which gets the red-zone bytes (approved, the base's init_on_free red zone)",
    'rfc06-contended-list-lock-later-atomic-bulk-nests': "v3 07's new-slab page allocation by alloc_flags: the weak-gfp caller's new-slab page comes from the other page allocator (declared)",
    'rfc05-no-reclaim-upgrade-reaches-memcg-limit': "new slabs by alloc_flags: the gfp-0 kmem_cache_alloc_node() gets its slab from the normal page allocator where the nolock one failed below the watermark, but the vector (kmalloc_nolock() by gfp until 08) fails: 'Failed to create slab extension vector!', an inaccurate tag, and __memcg_slab_post_alloc_hook() skips the charge, so h0 is returned uncharged",
    'rfc07-weak-gfp-kzalloc-krealloc-copies-stale-tail': "new_slab() takes alloc_flags: the weak-gfp kzalloc(24) gets a kmalloc-32 slab from the normal page allocator (node 1; vector warning) where alloc_frozen_pages_nolock() failed before deferred init; zeroed whole (v3 has no RFC 01), krealloc(h0, 1000, __GFP_ZERO) keeps its promise",
      'v3-14-thisnode-kfence-pick-moves-krealloc-in-place': "new slabs of the weak-gfp callers come from the normal page allocator by alloc_flags: the slabs left at the end change",
      'rfc05-kswapd-wake-moves-nolock-charge-fail-spin-to-node0': "the weak-gfp caller's new slabs come from the normal page allocator by alloc_flags instead of alloc_frozen_pages_nolock()",
      'v3-07-deferred-init-weak-gfp-slab-then-charge-fails': "as RFC 07: the new slabs come from the normal page allocator by alloc_flags, which serves them before deferred page init is done: the __GFP_HIGH kmalloc(5000) gets its order-3 slab, and the gfp-0 kmem_cache_alloc() refills its sheaf from a new slab; its object's memcg charge then fails (limit 0): NULL with charge_fail instead of slab_out_of_memory (approved finding)",
      'rfc06-weak-gfp-nested-sheaf-spins-later-caller-nests': "as RFC 07: the new slabs come from the normal page allocator by alloc_flags: the gfp-0 kmalloc's attempt fails with warn_alloc (no __GFP_NOWARN), the __GFP_HIGH kmalloc(3000) gets its order-3 slab, and the later weak-gfp kmem_cache_alloc() refills its new sheaf from a new slab",
      'v3-04-weak-gfp-refill-uses-failure-budget-vector-served': "new_slab() takes alloc_flags: the weak-gfp caller's page requests go to the normal page allocator instead of alloc_frozen_pages_nolock() (still meeting the injected failures)",
      'rfc04-kfence-pick-moves-krealloc-copy-stale-tail': "new_slab() takes alloc_flags: the weak-gfp kcalloc()'s sheaf refill asks the normal page allocator instead of alloc_frozen_pages_nolock() (still failing: the injected failures)",
      'rfc04-weak-gfp-sheaf-moves-kfence-krealloc-grows-in-place-stale': "new_slab() takes alloc_flags: the injected weak-gfp kmalloc-8k slab comes from the normal page allocator instead of alloc_frozen_pages_nolock()",
      'v3-14-thisnode-vector-kfence-served-no-kswapd-wake': "new_slab() takes alloc_flags: the gfp-0 kmalloc(8)'s sheaf refill gets its slab from the normal page allocator (node 1) instead of alloc_frozen_pages_nolock()",
      'rfc14-kfence-pick-moves-krealloc-copy-stale-tail': "new_slab() takes alloc_flags: the gfp-0 kzalloc(1000)'s sheaf refill gets a slab from the normal page allocator and the allocation succeeds (wholly zeroed: v3 has no RFC 01), and krealloc(9000, __GFP_ZERO) copies it",
      'v3-04-weak-gfp-sheaf-moves-kfence-pick-lru-charge-fails': "new_slab() takes alloc_flags: the gfp-0 kmalloc(8)'s sheaf refill gets a slab from the normal page allocator and the allocation succeeds (no slab_out_of_memory)",
      'v3-14-thisnode-vector-from-other-node-sheaf-tag-released': "new_slab() takes alloc_flags: the gfp-0 kmalloc()'s sheaf refill now gets slabs from the normal page allocator (node 1) and takes node 0's free kmalloc-256 objects with it, so the prefill's node-0-bound nested vector kmalloc finds none and fails: warn_alloc, slab_out_of_memory, the vector warning and an inaccurate tag",
      'v3-06-trynode-no-kswapd-later-caller-nests': "new_slab() takes alloc_flags: the masked target-node attempt asks the normal page allocator, and the __GFP_NOWARN refill gets its slab there again, as at 05: the __GFP_DIRECT_RECLAIM caller is served from that sheaf",
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
      'v3-06-trynode-no-kswapd-later-nolock-fails': "new_slab() takes alloc_flags: the masked target-node attempt asks the normal page allocator (still failing below the watermark)",
      'v3-06-trynode-failure-budget-vector-fails': "new_slab() takes alloc_flags: the masked target-node attempt gets its page from the normal page allocator, which serves it (order 2), and the vector succeeds again; the weak-gfp sheaf refill uses the normal page allocator too and meets the injected failures",
      'v3-14-thisnode-vector-attempt-wakes-kswapd': "the weak-gfp sheaf refill's new slab now comes from the normal page allocator (alloc_flags) instead of alloc_frozen_pages_nolock()",
      'v3-07-trynode-normal-allocator-uses-failure-budget': "new_slab() takes alloc_flags: the target-node attempt comes from the normal page allocator again and meets the injected failures, so the fallback succeeds as at v3 05",
      'rfc07-weak-gfp-interrupt-slab-later-nolock-trylock-path': "as RFC 07: the interrupt's new slab now comes from the normal page allocator in deferred init (its vector, kmalloc_nolock() by gfp, fails); the interrupted kmalloc_nolock() now trylocks kmalloc-512's n->list_lock for a partial slab",
      'rfc05-trynode-upgrade-later-thisnode-alloc-fails': "as RFC 07: the gfp-0 kmalloc_node()'s new slab now comes from the normal page allocator and succeeds in deferred init; the state it leaves makes the later GFP_NOWAIT|__GFP_THISNODE kmem_cache_alloc() need a new slab under injected page failures, and it fails",
      'rfc05-trynode-upgrade-later-kmalloc-nests-vector': "as RFC 07: the gfp-0 kmalloc_node()'s new slab now comes from the normal page allocator and succeeds in deferred init, its vector (kmalloc_nolock() by gfp) fails; the later direct-reclaim-only kmalloc() allocates that vector itself (nesting 1)",
      'rfc07-weak-gfp-slab-takes-pages-later-atomic-charge-lost': "as RFC 07: the weak-gfp kmalloc(2000)'s new slab now comes from the normal page allocator and takes pages below the low watermark, so the GFP_ATOMIC accounted kmalloc(8) that follows fails",
      'rfc07-weak-gfp-slab-krealloc-grows-in-place-stale': "as RFC 07: the weak-gfp callers' new slabs now come from the normal page allocator: objects land elsewhere (v3 has no RFC 01, so the in-place krealloc() growth is still zeroed)",
      'rfc07-weak-gfp-interrupt-uses-failure-budget-no-reclaim': "as RFC 07: the interrupt's new slab now comes from the normal page allocator, which meets the two injected page failures the task met at 06: the task's allocation needs no direct reclaim",
      'rfc04-kfence-pick-moves-bulk-vector-trynode-wakes-kswapd': "as RFC 07: the weak-gfp sheaf refill's new slab now comes from the normal page allocator (alloc_flags) instead of alloc_frozen_pages_nolock(), still failing",
      'rfc04-failure-budget-vector-warning-goes': "as RFC 07: the weak-gfp sheaf refill's new slab now comes from the normal page allocator (alloc_flags) instead of alloc_frozen_pages_nolock(), still failing",
      'rfc04-failure-budget-moves-to-memcg-charge-fail': "as RFC 07: the weak-gfp sheaf refill's new slab now comes from the normal page allocator, which counts the injected failures differently: which kmalloc_nolock() gets a page (and then fails its memcg charge) moves",
      'rfc07-weak-gfp-interrupt-slab-moves-direct-reclaim': "as RFC 07: the interrupting __GFP_HIGH kmalloc()'s new slab now comes from the normal page allocator and takes a page, so the interrupted kvmalloc()'s direct reclaim moves to another of its page allocations and frees another amount",
      'rfc08-interrupt-vector-kmalloc-spares-later-reclaim': "as RFC 07: the interrupting __GFP_HIGH kmalloc()'s new slab now comes from the normal page allocator (alloc_flags) and succeeds where the nolock one failed; its vector, still kmalloc_nolock() by gfp, fails; the task's own new slab (with its reclaim) comes after it",
      'rfc04-weak-gfp-sheaf-moves-page-pressure-later-vector-fails': "as RFC 07: the weak-gfp new slabs now come from the normal page allocator (alloc_flags) instead of alloc_frozen_pages_nolock(), still failing under the injected failures",
      'rfc04-weak-gfp-refill-uses-failure-budget-later-vector-served': "as RFC 07: the weak-gfp sheaf refill's new slab now comes from the normal page allocator (alloc_flags) instead of alloc_frozen_pages_nolock(), still failing",
      'rfc13-page-pressure-large-kmalloc-charge-lost': "as RFC 07: the gfp-0 new slab comes from the normal page allocator, which uses up the injected failures, so the large kmalloc at [2] succeeds (charged, kmemleak-registered)",
      'rfc08-vector-takes-kfence-later-accounted-atomic-fails': "as RFC 07: the weak-gfp new slabs come from the normal page allocator instead of alloc_frozen_pages_nolock()",
      'rfc08-weak-gfp-vector-kmalloc-fails-where-nolock-was-served': "as RFC 07: the weak-gfp new slab comes from the normal page allocator, so the allocation succeeds (its vector from kmalloc_nolock(), served by a stocked sheaf)",
      'rfc05-trynode-kswapd-earlier-later-bulk-nests-vector': "as RFC 07: the weak-gfp new slabs come from the normal page allocator (still failing under the zero watermark) instead of alloc_frozen_pages_nolock()",
      'rfc13-boot-kfence-pick-moves-bulk': "as RFC 07: the gfp-0 bulk's new slab comes from the normal page allocator, which fails under the zero watermark with a warn_alloc() report",
      'rfc04-weak-gfp-sheaf-moves-kfence-pick': 'as RFC 07: the weak-gfp new slabs come from the normal page allocator (still failing), whose failure is reported with warn_alloc',
      'rfc05-weak-gfp-trynode-object-krealloc-in-place': 'as RFC 07: the weak-gfp kmalloc_node() now gets its slab from the normal page allocator with its masked gfp and succeeds; krealloc() keeps that object in place',
      'rfc06-weak-gfp-contended-partial-vector-fails': 'as RFC 07: the new slab of the refill comes from the normal page allocator (still failing)',
      'rfc07-trynode-mask-no-kswapd-later-nolock-fails': "the weak-gfp caller's new slab comes from the normal page allocator instead of the nolock one (internal differences only)",
      'rfc07-trynode-mask-no-kswapd-later-vector-fails': "the gfp-0 kmem_cache_alloc_node()'s new slab comes from the normal page allocator, whose failure is reported by warn_alloc() (approved, as RFC 07)",
      'rfc07-trynode-mask-nolock-vector-drops-memcg-charge': "the weak-gfp caller's new slab comes from the normal page allocator instead of the nolock one (internal differences only)",
      'rfc07-weak-gfp-bulk-takes-pages-later-atomic-fails': 'the weak-gfp bulk allocation now fills from the normal page allocator (its vectors still fail as kmalloc_nolock()), and the GFP_ATOMIC kmalloc() that follows finds no pages (approved finding)',
      'rfc07-weak-gfp-refill-fresh-slab-vector-succeeds': 'refill_objects() uses the normal page allocator: the gfp-0 refill gets a fresh slab on node 1 whose kmalloc_nolock() vector succeeds; warning and inaccurate tag go away (approved finding)',
      'rfc08-boot-vector-kmalloc-fails-later-krealloc-untagged': "the weak-gfp allocations' new slabs come from the normal page allocator: the krealloc() succeeds in early boot where the nolock page allocator failed",
      'rfc08-boot-vector-moves-outer-object': 'the interrupting weak-gfp kmalloc() now gets a slab from the normal page allocator and succeeds, but its vector (kmalloc_nolock(), no nolock pages in early boot) fails: warning and inaccurate tag; memory moves for the outer and later objects',
      'rfc08-kfence-pick-moves-free-injection-untagged': 'the gfp-0 kmalloc(3000) now gets its slab from the normal page allocator during deferred init and succeeds (no failure report, a tag)',
      'rfc08-vector-kfence-pick-later-atomic-fails': "the weak-gfp caller's new slab comes from the normal page allocator instead of the nolock one (internal differences only)",
      'rfc07-weak-gfp-vector-without-cmpxchg16b': 'the new slab comes from the normal page allocator, so the object is allocated; its vector still comes from kmalloc_nolock() (chosen by gfp until v3 08), which refuses caches without __CMPXCHG_DOUBLE: WARN and an inaccurate tag',
      'bulk-debug-cache-no-reclaim': 'the debug-cache bulk with a no-reclaim gfp gets its new slabs from the normal page allocator, which works during deferred page init, so the bulk now succeeds',
      'bulk-no-reclaim': 'refill_objects() new slabs use the normal page allocator (spinning zone->lock) for no-reclaim gfp',
      'bulk-no-reclaim-barn-contended': 'the refill for the __GFP_NOWARN bulk gets its new slab from the normal page allocator (DEFAULT) instead of alloc_frozen_pages_nolock',
      'direct-reclaim-without-kswapd-trynode': 'the DIRECT-only trynode slab page comes from the normal page allocator again, now without reclaim bits',
      'kmalloc-no-reclaim-empty-sheaves': 'sheaf refills with no-reclaim gfp allocate slabs through the normal page allocator',
      'kmem-cache-no-reclaim-debugobjects': 'no-reclaim allocations during deferred page init get slabs from the normal page allocator and succeed',
      'no-reclaim-trynode-kswapd': 'the trynode slab of the __GFP_HIGH|__GFP_NOWARN caller comes from the normal page allocator on node 1 (the nolock one ignored the node)',
      'nolock-preempt-rt': 'the no-reclaim kmem_cache_alloc in hardirq gets its sheaf refilled via the normal page allocator (no PREEMPT_RT nolock failure), so it succeeds',
      'nolock-trylock-contention': 'the no-reclaim sheaf refill uses the normal page allocator',
      'prefill-sheaf-no-reclaim': 'no-reclaim sheaf prefill/refill allocates slabs through the normal page allocator',
      'sheaf-spare-barn-flow': 'the no-reclaim sheaf refill allocates its slab through the normal page allocator',
      'rfc07-weak-gfp-new-slab-nests-vector': 'the new slab comes from the normal page allocator, so the object is allocated; its vector is requested inside the allocation through gfp-chosen kmalloc_nolock() (nesting 1), which fails during deferred init: WARN and an inaccurate tag (as at RFC 07)',
      'rfc08-kfence-pick-moves-sheaf-size': 'a new slab for the weak-gfp kmem_cache_alloc comes from the normal page allocator (spinning zone->lock) instead of alloc_frozen_pages_nolock()',
      'rfc13-stocked-slab-serves-nolock-krealloc-in-place': 'the krealloc allocation gets its new slab from the normal page allocator and succeeds; its vector, still chosen by gfp (kmalloc_nolock()), fails during deferred init: WARN and an inaccurate tag',
      'baseline-direct-reclaim-trynode-wakes-kswapd': "the target-node attempt's slab comes from the normal page allocator (DEFAULT alloc_flags), so it succeeds at once",
      'rfc05-weak-gfp-trynode-slab-vector-fails': 'the new slabs come from the normal page allocator (DEFAULT alloc_flags): both allocations succeed, but their vectors still come from gfp-chosen kmalloc_nolock(), which cannot get pages yet: WARN and inaccurate tags',
      'rfc07-weak-gfp-slab-failure-now-warns': "the refill's new slab comes from the normal page allocator, whose minimum-order attempt has no __GFP_NOWARN: the failure is reported by warn_alloc() (as at RFC 07)",
      'rfc13-boot-stock-serves-allocation-without-memory': "the weak-gfp kmalloc's slab attempts go to the normal page allocator (which also fails without pages; the minimum-order attempt reports it through warn_alloc())",
      'rfc04-weak-gfp-refill-flush-leaves-vectorless-slab': 'as RFC 07: the weak-gfp callers\' new slabs now come from the normal page allocator',
      'rfc04-weak-gfp-sheaf-alloc-failure-reported': 'as RFC 07: the weak-gfp callers\' new slabs now come from the normal page allocator',
      'rfc07-weak-gfp-kzalloc-krealloc-growth-not-zeroed': 'as RFC 07: the weak-gfp callers\' new slabs now come from the normal page allocator',
      'rfc07-weak-gfp-object-krealloc-in-place': 'as RFC 07: the weak-gfp callers\' new slabs now come from the normal page allocator',
      'rfc08-vector-stock-nests-later-nolock': 'as RFC 07: the weak-gfp callers\' new slabs now come from the normal page allocator',
      'rfc08-weak-gfp-vector-failure-reported': 'as RFC 07: the weak-gfp callers\' new slabs now come from the normal page allocator',
      'rfc14-oversize-kmalloc-sheaf-return-untagged': 'as RFC 07: the weak-gfp callers\' new slabs now come from the normal page allocator',
    },
  },
  {
    number: 8,
    subject: 'mm/slab: pass alloc_flags through slab_post_alloc_hook() chain',
    message: `The post-allocation hooks still guess from the gfp whether they may spin:
kmemleak registration in slab_post_alloc_hook(), and whether
alloc_slab_obj_exts() allocates its vector with kmalloc_nolock() or
kmalloc_node(). Pass the context to slab_post_alloc_hook() and
memcg_slab_post_alloc_hook(), and alloc_flags down the tagging and memcg
hooks to alloc_slab_obj_exts(), and decide from them. Fold its bool
new_slab into a SLAB_ALLOC_NEW_SLAB flag, and move the list_lru, NULL for
most callers, into the context. Only alloc_from_pcs_bulk() still asks
the gfp.

As RFC 08, with const contexts, the unlikely() slow-path hint kept, and
the memset still of zero_size (object_size unless the requested size is
tracked).`,
    link: L(8),
    move: 'Change Function Declaration along a call chain; Introduce Parameter Object (migrate lru, orig_size); Preserve Whole Object; Replace Flag Argument (bool new_slab → SLAB_ALLOC_NEW_SLAB); Parallel Change (migrate two spin predicates)',
    kind: 'behaviour',
    declared: [
      {
        id: 'kmemleak.by-alloc-flags',
        description: 'Non-nolock allocations with a no-reclaim gfp (weak gfp callers, early boot) are now registered with kmemleak; kmalloc_nolock() is not, even when called with an (invalid) reclaiming gfp, which used to be registered.',
        evidence: [...ev({ kind: 'kmemleak', op: ['alloc', 'free'] }), ...end(...END_BALANCES)],
      },
      {
        id: 'objexts.vector-by-alloc-flags',
        description: 'The obj_exts vector of a non-nolock allocation is allocated with kmalloc_node() (and freed with kfree()) even when its gfp has no reclaim bits (early boot, weak gfp, reclaim-less trynode gfp); kmalloc_nolock() callers use kmalloc_nolock() even with an (invalid) reclaiming gfp.',
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
            // A vector that kmalloc_nolock() refused (no cmpxchg16b) now comes from kmalloc_node().
            { kind: 'warn', site: 'prepare_slab_obj_exts_hook' },
          ),
          ...end(...END_BALANCES),
          ...depth(),
        ],
      },
    ],
    kernelFiles: ['mm/memcontrol.c', 'mm/slab.h', 'mm/slub.c'],
    functions: ['alloc_slab_obj_exts', '__memcg_slab_post_alloc_hook', 'prepare_slab_obj_exts_hook', '__alloc_tagging_slab_alloc_hook', 'alloc_tagging_slab_alloc_hook', 'memcg_slab_post_alloc_hook', 'memcg_slab_post_charge', 'account_slab', 'allocate_slab', 'slab_post_alloc_hook', 'slab_alloc_node', 'kmem_cache_alloc_from_sheaf_noprof', '_kmalloc_nolock_noprof', 'kmem_cache_alloc_bulk_noprof'],
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
      'rfc05-trynode-upgrade-slab-feeds-later-accounted-own-cache-vector-charge-refused': "the vector and the kmemleak gate follow alloc_flags: the weak-gfp object is registered with kmemleak (declared)",
      'v3-14-thisnode-kfence-pick-moves-later-nowait-bulk-tag-inaccurate': "the kmemleak gate follows alloc_flags: the gfp-0 bulk object is registered with kmemleak (declared)",
      'v3-14-thisnode-kfence-pick-moves-later-no-reclaim-bulk-vector-fails': "the kmemleak gate follows alloc_flags: the gfp-0 bulk object is registered with kmemleak (declared)",
      'rfc13-kfence-pick-moves-reused-slot-accounted-kmalloc-krealloc-init-on-alloc-stale': "v3 08's vector and kmemleak gate by alloc_flags: the weak-gfp slab's vector comes from kmalloc(), registered with kmemleak (declared)",
      'rfc14-kfence-pick-moves-back-reused-slot-atomic-kmalloc-krealloc-kernel-init-on-alloc-stale': "v3 08's post-alloc hook by alloc_flags: kmemleak tracks the weak-gfp caller's nested allocation (declared)",
      'rfc04-weak-gfp-sheaf-struct-takes-kfence-reused-slot-atomic-kmalloc-krealloc-init-on-alloc-stale': "v3 08's vector allocator by alloc_flags: the weak-gfp slab's obj_exts vector comes from kmalloc() instead of kmalloc_nolock(), with kmemleak tracking (declared)",
      'rfc04-weak-gfp-sheaf-moves-kfence-reused-slot-kzalloc-krealloc-growth-init-on-alloc-stale': "v3 08's vector allocator by alloc_flags: the weak-gfp slabs' obj_exts vectors come from kmalloc() instead of kmalloc_nolock(), with kmemleak tracking (approved)",
      'rfc14-kfence-pick-moves-back-reused-slot-kmalloc-krealloc-nowait-init-on-alloc-stale': "v3 08's post-alloc hook by alloc_flags: kmemleak tracks the weak-gfp caller's nested allocation (declared); v3 zeroes whole objects, so no stale byte anywhere",
      'rfc04-weak-gfp-sheaf-moves-kfence-reused-slot-kmalloc-krealloc-init-on-alloc-stale': "v3 08's vector allocator by alloc_flags: the weak-gfp slabs' obj_exts vectors come from kmalloc() instead of kmalloc_nolock(), with kmemleak tracking (approved)",
      'rfc14-kfence-pick-moves-back-reused-slot-kzalloc-krealloc-growth-init-on-alloc-stale': "v3 08's post-alloc hook by alloc_flags: kmemleak tracks the weak-gfp caller's nested allocation (declared); v3 zeroes whole objects, so no stale byte anywhere",
      'rfc05-trynode-upgrade-krealloc-in-place-later-weak-lru-alloc-vector-fails-tag-lost': "v3 08's vector allocator by alloc_flags: the slab vectors come from kmalloc() instead of failing in kmalloc_nolock() (declared)",
      'rfc08-vector-kfence-pick-moves-reused-slot-kmalloc-krealloc-init-on-alloc-stale': "v3 08's vector allocator by alloc_flags: the weak-gfp kmalloc-2k slab's obj_exts vector comes from kmalloc() (KFENCE samples it) instead of kmalloc_nolock(), so KFENCE's pick moves; v3 zeroes the whole object under init_on_alloc, so the reused slot keeps no stale byte (declared)",
      'v3-14-thisnode-kfence-krealloc-skips-direct-reclaim-later-no-reclaim-kmalloc-fails': "v3 08's vector allocator by alloc_flags: the gfp-0 kmalloc-8 slab's vector comes from kmalloc() (kmalloc-8k slab, kmemleak tracked) instead of kmalloc_nolock() (declared)",
      'rfc13-vector-sheaf-kfence-pick-moves-reused-slot-krealloc-growth-init-on-alloc-stale': "v3 08's vector allocator by alloc_flags: the weak-gfp slabs' obj_exts vectors come from kmalloc() instead of kmalloc_nolock(), with kmemleak tracking (declared)",
      'rfc08-vector-kfence-pick-moves-reused-slot-krealloc-growth-init-on-alloc-stale': "v3 08's vector allocator by alloc_flags: the weak-gfp kmalloc-2k slab's obj_exts vector comes from kmalloc() (KFENCE samples it) instead of kmalloc_nolock(), so KFENCE's pick moves; v3 zeroes the whole object, so the reused slot keeps no stale byte (declared)",
      'rfc13-boot-stock-takes-bucket-nolock-next-bucket-krealloc-growth-init-on-alloc-stale': "kmemleak records the no-reclaim krealloc()'s object, and its vector's kmalloc-64 allocation spins on n->list_lock (alloc_flags, not gfp)",
      'rfc08-vector-by-alloc-flags-fails-accounted-alloc-escapes-memcg-limit': "__memcg_slab_post_alloc_hook()'s vector follows alloc_flags: kmalloc_node() fails where the gfp-chosen kmalloc_nolock() took a kmalloc-2k object, so the charge is skipped and the accounted kmem_cache_alloc_lru() succeeds uncharged above the memcg limit",
      'rfc06-contended-sheaf-struct-later-softirq-cache-alloc-nests': "kmemleak records the no-reclaim krealloc()'s object (alloc_flags, not gfp)",
      'rfc05-trynode-slab-later-softirq-nowait-kmalloc-vector-fails-tag-inaccurate': "the vector is chosen by alloc_flags: kmalloc_node()'s slab gets its vector from kmalloc() (a new kmalloc-2k slab), so both objects are tagged",
      'v3-14-thisnode-kfence-pick-moves-no-reclaim-krealloc-fails': "v3 08: the gfp-0 krealloc()'s KFENCE object is now registered with kmemleak",
      'rfc06-contended-list-lock-later-prefilled-sheaf-object-nests': "v3 08's vector allocator by alloc_flags: the gfp-0 caller's slab vector comes from kmalloc() by the normal page allocator, and kmemleak registers the sheaf struct and object",
      'v3-07-weak-gfp-slab-takes-pages-later-atomic-own-cache-charge-lost': "v3 08's vector allocator by alloc_flags: the kmalloc-2k slab's vector comes from kmalloc() (nested kmalloc-256) and kmemleak registers it",
      'rfc08-vector-kfence-pick-moves-nolock-charge-abort-spins': "v3 08's vector allocator by alloc_flags: the weak-gfp slab's vector comes from kmalloc() and KFENCE serves it: KFENCE's pick moves, the accounted c0 allocation gets a slab after direct reclaim, and the later kmalloc_nolock(__GFP_ACCOUNT) gets a page, fails its memcg charge and spins on n->list_lock in memcg_alloc_abort_single()",
      'rfc05-weak-gfp-softirq-slab-later-nowait-kcalloc-vector-fails-tag-inaccurate': "v3 08's vector allocator by alloc_flags: the weak-gfp slab's vector comes from kmalloc() (a new kmalloc-1k slab), so both objects are tagged",
      'rfc08-weak-gfp-vector-kfence-pick-moves-kzalloc-krealloc-growth-stale': "v3 08's vector allocator by alloc_flags: the weak-gfp slab's obj_exts vector comes from kmalloc_node() instead of failing in kmalloc_nolock(), and KFENCE's pick moves off the kzalloc(); v3 zeroes whole objects, so krealloc(__GFP_ZERO) growth stays zeroed (RFC 08 regresses here)",
      'v3-06-weak-gfp-krealloc-waits-for-list-lock-vector-failure-goes': "v3 08: the kmalloc-8k slab's vector is allocated by kmalloc() by alloc_flags instead of kmalloc_nolock(), which found the kmalloc-64 n->list_lock held and no pages",
      'rfc07-weak-gfp-irq-slab-moves-nolock-object-krealloc-init-on-alloc-stale': "v3 08: the new kmalloc-4k slab's vector is allocated by kmalloc() by alloc_flags (a kmalloc-128 vector, kmemleak registrations) instead of kmalloc_nolock()",
      'rfc06-contended-spin-krealloc-in-place-later-irq-kmalloc-fails': "the vector is chosen by alloc_flags: the weak-gfp slabs' vectors come from kmalloc() and succeed; kmemleak registers the weak-gfp objects",
      'v3-07-weak-gfp-kmalloc-succeeds-poison-krealloc-copies-slack': "kmemleak's gate follows alloc_flags: the weak-gfp object is registered with kmemleak (and unregistered by krealloc())",
      'v3-07-direct-only-slab-stays-on-node-later-accounted-vector-fails': "the vector is chosen by alloc_flags: the accounted GFP_ATOMIC kmalloc()'s vector comes from kmalloc() with a new kmalloc-1k slab on node 0 and succeeds, with the memcg charge; kmemleak registers it",
      'v3-15-no-obj-ext-caller-sheaves-use-failures-later-kcalloc-charge-refused': "the vector is chosen by alloc_flags: the gfp-0 caller's slab vector is asked of kmalloc() instead of kmalloc_nolock() and fails with warn_alloc and slab_out_of_memory; kmemleak registers the weak-gfp objects",
      'rfc05-trynode-upgrade-krealloc-in-place-later-bulk-vector-fails': "the vector is chosen by alloc_flags: the weak-gfp kmalloc-8k slab's and the bulk slab's vectors come from kmalloc() and succeed, so the bulk object's tag is accurate again; kmemleak registers the weak-gfp objects",
      'rfc05-trynode-upgrade-krealloc-in-place-accounted-charge-lost': "the vector is chosen by alloc_flags: the kmalloc-4k slab's vector comes from kmalloc() and kmemleak registers it",
      'rfc05-trynode-upgrade-slab-oversize-prefill-sheaf-free-warns': "the vector is chosen by alloc_flags: the kmalloc-1k slab's vector comes from kmalloc() and kmemleak registers it",
      'v3-07-weak-gfp-slab-takes-pages-later-kernel-account-vector-fails-charge-skipped': "the vector is chosen by alloc_flags: the weak-gfp slab's vector comes from kmalloc() and succeeds, kmemleak registers the weak-gfp objects, and the KFENCE pick moves back off the GFP_KERNEL|__GFP_ZERO object",
      'rfc04-weak-bulk-no-sheaf-struct-to-reuse-krealloc-growth-stale': "the kmemleak gate follows alloc_flags: the weak-gfp bulk object is registered with kmemleak",
      'rfc06-contended-sheaf-struct-later-cache-alloc-nests': "kmemleak registration by alloc_flags in slab_post_alloc_hook(): the no-reclaim objects are registered with kmemleak again",
      'v3-07-weak-gfp-slab-takes-pages-later-atomic-bulk-vector-fails-charge-skipped': "the vectors are chosen by alloc_flags: the weak-gfp kmalloc-4k slab's vector comes from kmalloc() (kmalloc-128) and both objects are registered with kmemleak; the bulk object's second vector attempt asks kmalloc_node() instead of kmalloc_nolock() and fails as well",
      'rfc05-trynode-upgrade-leaves-failures-later-thisnode-vector-fails': "the vector is chosen by alloc_flags: the weak-gfp kmalloc-8 slab's vector comes from kmalloc_node() (kmalloc-8k on node 1), so h0 is tagged and registered with kmemleak; the kmalloc-64 vector failure now prints the once-only warning",
      'v3-07-weak-gfp-slab-takes-pages-later-atomic-vector-fails-charge-skipped': "kmemleak registration by alloc_flags in slab_post_alloc_hook(): the weak-gfp objects are registered with kmemleak again",
    'v3-14-thisnode-sheaf-struct-off-node-alloc-then-freed': "slab_post_alloc_hook() by alloc_flags: the weak-gfp prefill's nested sheaf kmalloc() is registered with kmemleak",
    'rfc05-weak-gfp-slab-vector-moves-kmalloc-krealloc-growth-stale': "the vector follows alloc_flags: kmalloc() instead of kmalloc_nolock(), with the kmemleak records of the nested allocations",
    'v3-07-weak-gfp-object-later-accounted-krealloc-stays-uncharged': "slab_post_alloc_hook() by alloc_flags: the weak-gfp kmalloc() and its nested sheaf kmalloc() are registered with kmemleak",
    'v3-07-weak-gfp-refill-slab-vector-fails-charge-skipped': "the vector follows alloc_flags: kmalloc() (a nested kmalloc-512) instead of kmalloc_nolock(), so the order-2 slab gets its vector and the object is charged again, with the kmemleak records of the nested allocations",
    'rfc05-no-reclaim-upgrade-kswapd-later-kzalloc-krealloc-growth-stale': "slab_post_alloc_hook() by alloc_flags: the weak-gfp callers' nested sheaf kzalloc()s are now registered with kmemleak (and unregistered when the failed refill frees them)",
    'rfc06-contended-sheaf-struct-later-kernel-kmalloc-nests': "the vector and the kmemleak gate follow alloc_flags: kmalloc-4k's vector comes from kmalloc() (a nested kmalloc-128) and the weak-gfp callers' objects and their nested allocations are registered with kmemleak",
    'rfc07-weak-gfp-krealloc-moves-init-on-alloc-tail-stale': "the vectors follow alloc_flags (kmalloc_node()); one takes KFENCE's sample, so the kvmalloc(8) is a slab object again",
    'rfc05-trynode-upgrade-no-fallback-node-kmalloc-node-fails': "the vector follows alloc_flags: kmalloc-8's vector is a nested kmalloc(1024) whose node-1 slab comes from the normal page allocator under a spinning n->list_lock",
    'rfc08-early-boot-vector-at-new-slab-no-later-oom-report': "as RFC 08: kmalloc-cg-8k's vector comes from kmalloc_node() by alloc_flags when the slab is made, while a kmalloc-16 page is still there, instead of kmalloc_nolock() by the boot-masked gfp and then kmalloc() in __memcg_slab_post_alloc_hook() under the watermark: warn_alloc, slab_out_of_memory and the vector warning go",
    'v3-07-kswapd-only-oversize-prefill-sheaf-return-warns': "the vector follows alloc_flags (kmalloc_node(): a nested kmalloc-256) for kmalloc-2k's slab",
    'rfc05-weak-gfp-slab-without-vector-takes-later-nolock-tag': "the vector follows alloc_flags (kmalloc_node()): kmalloc-32's vector is allocated, so both allocations get their tags and the warning goes",
    'rfc06-contended-list-lock-kzalloc-krealloc-growth-stale': "the vectors follow alloc_flags (kmalloc_node()), one of them takes KFENCE's sample, so krealloc()'s object is a kmalloc-4k slab object; the warning and the inaccurate tags go away",
    'v3-07-new-slab-by-alloc-flags-vector-by-gfp-fails-accounted-alloc-skips-charge': "v3 08's vector by alloc_flags: the slab's vector comes from kmalloc() and succeeds, so kmem_cache_alloc(c0) reaches its memcg charge and is refused at the limit again, as at 06 (approved)",
    'rfc07-weak-gfp-krealloc-new-slab-redzone-kept-init-on-free-cache-alloc-reuses': "v3 08's vector by alloc_flags: the krealloc()'s new slab gets its vector from kmalloc(), with tag and kmemleak record, instead of a failing kmalloc_nolock() (declared)",
    'v3-14-thisnode-kfence-pick-moves-later-no-reclaim-cache-alloc-vector-fails': "v3 08's kmemleak gate by alloc_flags: the gfp-0 kmem_cache_alloc(kmalloc-64)'s object is registered with kmemleak (declared)",
    'rfc06-contended-list-lock-later-atomic-bulk-nests': "v3 08's vector and kmemleak gate by alloc_flags: the weak-gfp slabs' vectors come from kmalloc(), registered with kmemleak (declared)",
    'rfc05-no-reclaim-upgrade-reaches-memcg-limit': "the vector follows alloc_flags (kmalloc_node()), so h0's memcg charge is made and refused at the limit and kmem_cache_alloc_node() fails (as RFC 08)",
    'rfc07-weak-gfp-kzalloc-krealloc-copies-stale-tail': "the vector follows alloc_flags: kmalloc-32's vector comes from kmalloc() (KFENCE-served) instead of failing through kmalloc_nolock() (no vector warning), so KFENCE's pick moves off krealloc()'s new object, a kmalloc-1k slab object again",
    'rfc08-vector-charge-refused-accounted-krealloc-fails': "the vector follows alloc_flags: krealloc()'s new kmalloc-cg-8 object (early boot: no reclaim bits) gets its slab vector from kmalloc_node() where kmalloc_nolock() failed, so its memcg charge is attempted and refused (limit 0): krealloc() returns NULL (approved finding)",
      'v3-14-thisnode-kfence-pick-moves-krealloc-in-place': "the nested sheaf and vector allocations follow alloc_flags through the post-alloc hooks: kmemleak registers them",
      'rfc14-untagged-sheaf-vectors-use-failure-budget-nolock-charge-spins': "the vector allocations follow alloc_flags (kmalloc_node()): kmemleak registers the nested allocations",
      'rfc08-boot-vector-enables-kmalloc-charge-fail-trace-null': "during early boot the kmalloc()'s slab vector now comes from kmalloc_node() by alloc_flags where kmalloc_nolock() by gfp failed at 07, so the object is charged: the charge fails at the memcg limit and kmalloc() returns NULL (approved)",
      'rfc05-kswapd-wake-moves-nolock-charge-fail-spin-to-node0': "the sheaf's and the slab vector's allocations follow alloc_flags: kmemleak registers them and the vector comes from kmalloc_node(), marked kmemleak_not_leak",
      'v3-07-deferred-init-weak-gfp-slab-then-charge-fails': "as RFC 08: the vector follows alloc_flags: c0's vector comes from kmalloc_node() (a new kmalloc-4k slab) where kmalloc_nolock() could not get pages before deferred init; the kmemleak gate follows alloc_flags: the weak-gfp objects and the nested sheaf are registered with kmemleak",
      'rfc06-weak-gfp-nested-sheaf-spins-later-caller-nests': "as RFC 08: the kmemleak gate follows alloc_flags: the weak-gfp callers' objects and their nested sheaf structs are registered with kmemleak",
      'v3-04-weak-gfp-refill-uses-failure-budget-vector-served': "the vector follows alloc_flags: the slab vector comes from kmalloc_node() instead of kmalloc_nolock(), and the kmemleak gate follows alloc_flags (the nested sheaf and the object are registered)",
      'rfc06-weak-gfp-waits-for-list-lock-vector-failure-goes': "the kmemleak gate follows alloc_flags: the weak-gfp caller's object is registered with kmemleak",
      'rfc04-kfence-pick-moves-krealloc-copy-stale-tail': "the vector follows alloc_flags: the weak-gfp kcalloc()'s slab vector comes from kmalloc_node(), KFENCE-served, instead of failing through kmalloc_nolock() (no vector warning, accurate tag), so KFENCE's pick moves off the krealloc(), a slab object again; the kmemleak gate follows alloc_flags",
      'rfc04-weak-gfp-sheaf-moves-kfence-krealloc-grows-in-place-stale': "the vector follows alloc_flags: the kmalloc-8k slab's vector comes from kmalloc() (KFENCE-served) instead of kmalloc_nolock(), which moves KFENCE's pick from h2 to h1 (h3 and h4 stay slab objects); the kmemleak gate follows alloc_flags",
      'v3-14-thisnode-vector-kfence-served-no-kswapd-wake': "the vector follows alloc_flags: the gfp-0 caller's slab vector comes from kmalloc_node() instead of kmalloc_nolock(), its slab from the normal page allocator, and the kmemleak gate follows alloc_flags (the nested sheaf and the object are registered)",
      'rfc14-kfence-pick-moves-krealloc-copy-stale-tail': "the vector follows alloc_flags: the gfp-0 kzalloc()'s slab vector comes from kmalloc_node() instead of kmalloc_nolock() (KFENCE takes that sample), and the kmemleak gate follows alloc_flags (the nested sheaf and the object are registered)",
      'v3-04-weak-gfp-sheaf-moves-kfence-pick-lru-charge-fails': "the kmemleak gate follows alloc_flags: the gfp-0 caller's nested sheaf and its object are registered with kmemleak",
      'v3-14-thisnode-vector-from-other-node-sheaf-tag-released': "the vector follows alloc_flags: the gfp-0 kmalloc()'s slab vector comes from kmalloc_node() instead of kmalloc_nolock(), and the kmemleak gate follows alloc_flags (the nested sheaf and the object are registered)",
      'v3-06-trynode-no-kswapd-later-caller-nests': "the vector follows alloc_flags: the weak-gfp refill's slab vector comes from kmalloc_node() instead of kmalloc_nolock(), and the kmemleak gate follows alloc_flags (the nested sheaf and the object are registered)",
      'v3-07-weak-gfp-interrupt-slab-later-atomic-vector-fails': "the weak-gfp caller's objects and its slab's vector now follow alloc_flags: the vector comes from kmalloc_node() (normal page allocator, kmemleak-registered) instead of kmalloc_nolock(), and the objects and sheaf kzallocs are registered with kmemleak",
      'v3-15-no-obj-ext-nolock-vector-oversize-sheaf-free-warns': "the kmemleak gate follows alloc_flags: the weak-gfp prefill's sheaf kzalloc is registered with kmemleak (and unregistered when it is freed)",
      'v3-04-kfence-pick-moves-oversize-sheaf-return-warns': "the kmemleak gate follows alloc_flags: the weak-gfp caller's sheaf kzalloc is registered with kmemleak (and unregistered when the sheaf is freed)",
      'v3-06-weak-gfp-keeps-new-slab-vector-nests': "the weak-gfp caller's object and its slab's vector now follow alloc_flags: the vector comes from kmalloc_node() (normal page allocator, kmemleak-registered) instead of kmalloc_nolock(), and the object is registered with kmemleak",
      'rfc08-kfence-pick-moves-krealloc-growth-stale': "the kmalloc(1000)'s vector now comes from kmalloc_node() by alloc_flags, which KFENCE serves: its sample moves off the kzalloc(40), now a slab object (v3 zeroes its whole object, so the krealloc growth stays zero)",
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
      'rfc07-weak-gfp-interrupt-slab-later-nolock-trylock-path': "as RFC 08: the interrupt's vector now comes from kmalloc_node() by alloc_flags (normal page allocator, kmemleak-registered): no vector warning",
      'rfc05-trynode-upgrade-later-thisnode-alloc-fails': "as RFC 08: the kmemleak gate follows alloc_flags: the gfp-0 kmalloc_node() object is registered with kmemleak",
      'rfc05-trynode-upgrade-later-kmalloc-nests-vector': "as RFC 08: the weak-gfp caller's vector now comes from kmalloc_node() by alloc_flags (normal page allocator, kmemleak-registered) instead of kmalloc_nolock()",
      'rfc07-weak-gfp-slab-takes-pages-later-atomic-charge-lost': "as RFC 08: the weak-gfp caller's vector now comes from kmalloc_node() by alloc_flags instead of kmalloc_nolock(), and the kmemleak gate follows alloc_flags",
      'rfc07-weak-gfp-slab-krealloc-grows-in-place-stale': "as RFC 08: the weak-gfp vectors now come from kmalloc_node() by alloc_flags (KFENCE-eligible), which moves KFENCE's pick onto the kzalloc(500); the krealloc() moving it out needs a new slab with its vector (nesting 1)",
      'rfc07-weak-gfp-interrupt-uses-failure-budget-no-reclaim': "as RFC 08: the interrupt's vector now comes from kmalloc_node() by alloc_flags, and the kmemleak gate follows alloc_flags: its nested and own allocations are registered; objects land elsewhere",
      'rfc04-kfence-pick-moves-bulk-vector-trynode-wakes-kswapd': "as RFC 08: the kmemleak gate follows alloc_flags: the weak-gfp caller's nested sheaf kzalloc() is registered with kmemleak",
      'rfc04-failure-budget-vector-warning-goes': "as RFC 08: the weak-gfp caller's vector now comes from kmalloc_node() by alloc_flags (the normal page allocator, kmemleak-registered) instead of kmalloc_nolock()",
      'rfc04-failure-budget-moves-to-memcg-charge-fail': "as RFC 08: the kmemleak gate follows alloc_flags: the weak-gfp callers' nested sheaf and cache allocations are registered with kmemleak",
      'rfc01-sheaf-kzalloc-leftover-contents-reused': "as RFC 08: the kmemleak gate follows alloc_flags: the weak-gfp (__GFP_NOWARN) kmalloc() in softirq is registered with kmemleak",
      'rfc07-weak-gfp-interrupt-slab-moves-direct-reclaim': "as RFC 08: the interrupt's vector now comes from kmalloc_node() by alloc_flags (normal page allocator) and the task's slab no longer needs one allocated late: its kswapd wake-up and direct reclaim for it go",
      'rfc13-stocked-vector-enables-memcg-charge-fail': "as RFC 08: the early-boot and gfp-0 vectors now come from kmalloc_node() by alloc_flags (the normal page allocator), which fails with warn_alloc and slab_out_of_memory",
      'rfc08-interrupt-vector-kmalloc-spares-later-reclaim': "as RFC 08: the interrupt's vector now comes from kmalloc_node() by alloc_flags (served from the reserves __GFP_HIGH allows), so the task no longer allocates one late: no kswapd wake-up, no direct reclaim",
      'rfc04-weak-gfp-sheaf-moves-page-pressure-later-vector-fails': "as RFC 08: kmemleak now registers the nested sheaf allocation of the weak-gfp callers",
      'rfc04-weak-gfp-refill-uses-failure-budget-later-vector-served': "as RFC 08: the gfp-0 caller's vector now comes from kmalloc_node() by alloc_flags (the normal page allocator, kmemleak-registered) instead of kmalloc_nolock()",
      'rfc13-page-pressure-large-kmalloc-charge-lost': "as RFC 08: the gfp-0 cache allocation's vector now comes from kmalloc_node() and succeeds (no warning, accurate tag); kmemleak registers the nested allocations",
      'rfc08-vector-takes-kfence-later-accounted-atomic-fails': "as RFC 08: the weak-gfp cache allocation's vector now comes from kmalloc_node(), KFENCE-sampled, so the GFP_ATOMIC accounted kmalloc meets the exhausted pages and fails (tag, kmemleak record and memcg charge lost)",
      'rfc08-weak-gfp-vector-kmalloc-fails-where-nolock-was-served': "as RFC 08: the vector now comes from kmalloc_node(), which needs a new kmalloc-256 slab under the exhausted watermark and fails: vector-failure warning and an inaccurate tag; kmemleak registers the object",
      'rfc05-trynode-kswapd-earlier-later-bulk-nests-vector': "as RFC 08: kmemleak now registers (and releases) the nested sheaf allocation of the weak-gfp caller",
      'rfc13-stocked-nolock-object-krealloc-growth-stale': "as RFC 08: the vector of the krealloc's kmalloc-cg-1k slab now comes from kmalloc_node(), kmemleak-registered and marked not-leak",
      'rfc04-weak-gfp-sheaf-moves-kfence-pick': 'as RFC 08: kmemleak now registers the nested sheaf allocation of the weak-gfp callers',
      'rfc05-weak-gfp-trynode-object-krealloc-in-place': 'as RFC 08: the vector comes from kmalloc_node() and succeeds: the object is tagged and registered with kmemleak',
      'rfc06-weak-gfp-contended-partial-vector-fails': 'as RFC 08: the vector is requested with kmalloc_node() and still fails for lack of pages; kmemleak now tracks the object and the sheaf',
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
      'bulk-debug-cache-no-reclaim': 'no-reclaim bulk objects are now registered with kmemleak (DEFAULT alloc_flags)',
      'bulk-no-reclaim': 'no-reclaim bulk objects are now registered with kmemleak',
      'bulk-no-reclaim-barn-contended': 'the __GFP_NOWARN bulk objects are now registered with kmemleak (the gate follows alloc_flags)',
      'direct-reclaim-without-kswapd-trynode': 'the no-reclaim kmalloc_node object is now registered with kmemleak',
      'early-boot-memcg-vector': 'during early boot (GFP_BOOT_MASK) account_slab vectors come from kmalloc_node(), not kmalloc_nolock(), and are kmemleak-tracked',
      'early-boot-no-cmpxchg16b': 'early-boot vectors no longer need kmalloc_nolock() (which fails without cmpxchg16b): kmalloc_node() succeeds, so the objects get charged',
      'kmalloc-no-reclaim-empty-sheaves': 'no-reclaim kmalloc objects and their nested sheaves are now registered with kmemleak',
      'kmem-cache-no-reclaim-debugobjects': 'no-reclaim allocations are now registered with kmemleak',
      'kmemleak-no-reclaim': 'no-reclaim allocations are now registered with kmemleak',
      'memory-pressure-kswapd': 'a no-reclaim allocation is now registered with kmemleak',
      'no-reclaim-trynode-kswapd': 'the __GFP_HIGH|__GFP_NOWARN object is now registered with kmemleak (the gate follows alloc_flags)',
      'nolock-gfp-and-memcg': 'kmalloc_nolock(GFP_KERNEL) is no longer kmemleak-registered and its vector comes from kmalloc_nolock() (trylock) instead of kmalloc_node()',
      'nolock-preempt-rt': 'the no-reclaim allocation in hardirq is now registered with kmemleak',
      'nolock-trylock-contention': 'no-reclaim kmalloc objects and their nested sheaves are now registered with kmemleak',
      'objexts-install-race': 'the NMI kmem_cache_alloc (DEFAULT) allocates its vector with kmalloc_node(), spinning on n->list_lock in NMI, instead of kmalloc_nolock()',
      'prefill-sheaf-lifecycle': 'the nested no-reclaim sheaf kmalloc is now registered with kmemleak',
      'prefill-sheaf-no-reclaim': 'no-reclaim prefill objects and nested sheaves are now registered with kmemleak',
      'remote-partial-search': 'the no-reclaim remote allocation is now registered with kmemleak',
      'sheaf-spare-barn-flow': 'the no-reclaim allocation and its nested sheaf are now registered with kmemleak',
      'rfc04-weak-gfp-bulk-vector-fails-in-deferred-init': 'the vector is allocated with kmalloc_node() (DEFAULT alloc_flags): no warning, an accurate tag, and the object is registered with kmemleak',
      'rfc07-weak-gfp-new-slab-nests-vector': 'the vector comes from kmalloc_node() on a new kmalloc-4k slab: no warning, an accurate tag, kmemleak registration',
      'rfc08-kfence-pick-moves-sheaf-size': 'the weak-gfp caller is registered with kmemleak and its vector comes from kmalloc_node(), which takes the KFENCE sample: the later kmem_cache_alloc_from_sheaf() gets a sheaf object instead of a KFENCE one, so the sheaf refilled to size 1 reports 59 objects instead of 60',
      'rfc13-stocked-slab-serves-nolock-krealloc-in-place': "the krealloc allocation's vector comes from kmalloc_node(): no warning, tagged, registered with kmemleak",
      'rfc05-weak-gfp-trynode-slab-vector-fails': 'the vectors are allocated with kmalloc_node(): no warning, accurate tags, kmemleak registration',
      'rfc07-weak-gfp-slab-failure-now-warns': 'the nested sheaf kzalloc is now registered with kmemleak (and released with the sheaf)',
      'rfc13-boot-stock-serves-allocation-without-memory': 'the nested sheaf kzalloc is now registered with kmemleak (and released with the sheaf)',
      'rfc04-weak-gfp-refill-flush-leaves-vectorless-slab': 'as RFC 08: the weak-gfp callers\' vectors now come from kmalloc_node() and their objects are registered with kmemleak (alloc_flags gates)',
      'rfc04-weak-gfp-sheaf-alloc-failure-reported': 'as RFC 08: the weak-gfp callers\' vectors now come from kmalloc_node() and their objects are registered with kmemleak (alloc_flags gates)',
      'rfc07-weak-gfp-kzalloc-krealloc-growth-not-zeroed': 'as RFC 08: the weak-gfp callers\' vectors now come from kmalloc_node() and their objects are registered with kmemleak (alloc_flags gates)',
      'rfc07-weak-gfp-object-krealloc-in-place': 'as RFC 08: the weak-gfp callers\' vectors now come from kmalloc_node() and their objects are registered with kmemleak (alloc_flags gates)',
      'rfc08-vector-stock-nests-later-nolock': 'as RFC 08: the weak-gfp callers\' vectors now come from kmalloc_node() and their objects are registered with kmemleak (alloc_flags gates)',
      'rfc08-weak-gfp-vector-failure-reported': 'as RFC 08: the weak-gfp callers\' vectors now come from kmalloc_node() and their objects are registered with kmemleak (alloc_flags gates)',
      'rfc14-oversize-kmalloc-sheaf-return-untagged': 'as RFC 08: the weak-gfp callers\' vectors now come from kmalloc_node() and their objects are registered with kmemleak (alloc_flags gates)',
    },
  },
  {
    number: 9,
    subject: 'mm/slab: replace slab_alloc_node() parameters with slab_alloc_context',
    message: `slab_alloc_node() builds a context from four of its parameters only to
pass it on. Let its callers build the const context and pass it
instead: kmem_cache_alloc*(), __kmalloc_cache*() and
__do_kmalloc_node(). More verbose, but it makes clear where alloc_flags
come from, and prepares kmalloc_nolock() calling slab_alloc_node()
later. No functional change.

As RFC 09, with const contexts.`,
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
    message: `kmem_cache_alloc_bulk() is only called where spinning is allowed, yet its
per-CPU fast path still trylocks the barn when the gfp lacks reclaim
bits. Always spin there; the gfp parameter of alloc_from_pcs_bulk() is
then unused and goes, and the kernel-doc no longer asks for flags that
allow spinning. Nothing in slab connects gfp with spinning any more; the
stale alloc_slab_obj_exts() comment about early boot goes too.

As RFC 10, also dropping the now-unused gfp parameter.`,
    link: L(10),
    move: 'Replace a derived argument with a constant; Remove Parameter; documentation',
    kind: 'behaviour',
    declared: [
      {
        id: 'bulk.barn-spins',
        description: 'The bulk fast path swaps with the barn under a spinning barn->lock for every gfp (before: a trylock for gfp without reclaim bits).',
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
    signatures: [{ fn: 'alloc_from_pcs_bulk', params: ['s', 'size', 'p'] }],
    goldenChanges: {
      'bulk-no-reclaim-barn-contended': 'the bulk barn swap spins (contended) instead of trylocking, so the __GFP_NOWARN bulk takes the full barn sheaf rather than slabs',
    },
  },
  {
    number: 11,
    subject: 'mm/slab: pass slab_alloc_context to __do_kmalloc_node()',
    message: `Let __do_kmalloc_node()'s callers build the const context and pass it
instead of the size and caller parameters; the size is read back from
orig_size. This prepares a kmalloc variant that takes alloc_flags. No
functional change.

As RFC 11, also dropping the size parameter.`,
    link: L(11),
    move: 'Introduce Parameter Object (migrate); Move Statements to Callers; Remove Parameter (size)',
    kind: 'refactor',
    declared: [],
    kernelFiles: ['mm/slub.c'],
    functions: ['__do_kmalloc_node', '__kmalloc_node_noprof', '__kmalloc_noprof', '__kmalloc_node_track_caller_noprof', '__kvmalloc_node_noprof'],
    signatures: [{ fn: '__do_kmalloc_node', params: ['b', 'flags', 'node', 'token', 'ac'] }],
    goldenChanges: {},
  },
  {
    number: 12,
    subject: 'mm/slab: allow __GFP_NOMEMALLOC and __GFP_NOWARN for kmalloc_nolock()',
    message: `kmalloc_nolock() adds __GFP_NOWARN | __GFP_NOMEMALLOC to every request
itself, so warning when a caller passes them as well is pointless; it
would only get in the way once nested obj_ext vector allocations forward
a nolock caller's gfp. Accept both in the debug check, and widen
gfp_flags in place instead of keeping a separate alloc_gfp copy: the
caller's gfp was only used for the check. The kernel-doc says so.

New in v2; no RFC counterpart.`,
    link: L(12),
    move: 'Inline Variable (alloc_gfp); widen a debug precondition',
    kind: 'behaviour',
    declared: [
      {
        id: 'nolock.accepts-nowarn-nomemalloc',
        description: 'kmalloc_nolock() no longer VM_WARNs when its gfp contains __GFP_NOWARN or __GFP_NOMEMALLOC (debug builds only); the gfp used downstream is bit for bit the old alloc_gfp.',
        evidence: [
          ...ev({
            kind: 'warn',
            site: 'kmalloc_nolock:gfp',
            msg: ['VM_WARN_ON_ONCE(gfp_flags & ~(__GFP_ACCOUNT | __GFP_ZERO | __GFP_NO_OBJ_EXT))', 'VM_WARN_ON_ONCE(gfp_flags & ~(__GFP_ACCOUNT | __GFP_ZERO | __GFP_NO_OBJ_EXT | __GFP_NOWARN | __GFP_NOMEMALLOC))'],
          }),
        ],
      },
    ],
    kernelFiles: ['include/linux/slab.h', 'mm/slub.c'],
    functions: ['_kmalloc_nolock_noprof'],
    signatures: [],
    goldenChanges: {
      'nolock-gfp-and-memcg': 'kmalloc_nolock(GFP_KERNEL) trips the same VM_WARN, whose condition text now names __GFP_NOWARN | __GFP_NOMEMALLOC',
    },
  },
  {
    number: 13,
    subject: 'mm/slab: introduce kmalloc_flags()',
    message: `Replacing __GFP_NO_OBJ_EXT by an alloc flag needs a kmalloc() that takes
alloc_flags, for the nested allocations of sheaves and obj_ext vectors.
Add kmalloc_flags(size, gfp, alloc_flags, node), declared in mm/slab.h
since the flags are slab-internal, without the constant-size fast paths
of kmalloc(). It must serve kmalloc_nolock() callers too, so split the
body of _kmalloc_nolock_noprof() into __kmalloc_nolock_noprof() taking a
const context (and warning if its alloc_flags allow spinning), keep
_kmalloc_nolock_noprof() as a wrapper passing SLAB_ALLOC_NOLOCK, and let
kmalloc_flags() pick __kmalloc_nolock_noprof() or __do_kmalloc_node()
from the alloc_flags. No callers yet; kmalloc_nolock() is unchanged.

As RFC 12, but declared in mm/slab.h, with const contexts and the
NOLOCK name, on top of v3 12's gfp handling.`,
    link: L(13),
    move: 'Extract Function (__kmalloc_nolock_noprof); Parallel Change (expand: a new entry point)',
    kind: 'refactor',
    declared: [],
    kernelFiles: ['mm/slab.h', 'mm/slub.c'],
    functions: ['__kmalloc_nolock_noprof', '_kmalloc_nolock_noprof', '__kmalloc_flags_noprof', '_kmalloc_flags_noprof'],
    signatures: [
      { fn: '__kmalloc_nolock_noprof', params: ['size', 'token', 'gfp_flags', 'node', 'ac'] },
      { fn: '__kmalloc_flags_noprof', params: ['size', 'token', 'flags', 'alloc_flags', 'node'] },
      { fn: '_kmalloc_flags_noprof', params: ['size', 'flags', 'alloc_flags', 'node', 'token'] },
    ],
    goldenChanges: {},
  },
  {
    number: 14,
    subject: 'mm/slab: remove __GFP_NO_OBJ_EXT usage from alloc_slab_obj_exts()',
    message: `Add SLAB_ALLOC_NO_RECURSE, the intent of __GFP_NO_OBJ_EXT without the
gfp bit: a kmalloc() that must not recurse into another kmalloc() for
obj_ext vectors or sheaves. alloc_slab_obj_exts() now allocates the
vector with kmalloc_flags(), passing its alloc_flags plus NO_RECURSE, so
SLAB_ALLOC_NOLOCK picks kmalloc_nolock() by itself and the nolock request
forwards the incoming gfp (plus __GFP_ZERO) instead of a fixed one. That
gfp may carry __GFP_THISNODE from the trynode attempt and __GFP_COMP
from allocate_slab(), which kmalloc_nolock() would warn about and which
make no sense for slab-internal objects anyway: add both to
OBJCGS_CLEAR_MASK (which also applies to new sheaves). Until sheaves are
converted too, keep __GFP_NO_OBJ_EXT on the vector request as well, and
let the tagging hook skip on either marker, so no stage lets a vector
allocation allocate a sheaf.

As RFC 13, keeping the gfp bit next to the new flag for one patch and
widening OBJCGS_CLEAR_MASK.`,
    link: L(14),
    move: 'Parallel Change (the new marker added while the old one stays); Substitute Algorithm (one dispatching call instead of a branch)',
    kind: 'behaviour',
    declared: [
      {
        id: 'objcgs-clear-mask.thisnode-comp',
        description: 'Nested vector requests and new sheaves no longer inherit __GFP_THISNODE (or __GFP_COMP): a vector for a trynode slab, or for a caller that passed __GFP_THISNODE, and a sheaf allocated for such a caller, may now come from another node.',
        evidence: [
          // The nested kmalloc of a vector or sheaf no longer shows the stripped bits …
          { diff: 'event', change: 'disappeared', event: { kind: 'trace', event: 'kmalloc', nested: true, gfp: { has: ['__GFP_COMP'] } } },
          { diff: 'event', change: 'disappeared', event: { kind: 'trace', event: 'kmalloc', nested: true, gfp: { has: ['__GFP_THISNODE'] } } },
          { diff: 'event', change: 'appeared', event: { kind: 'trace', event: 'kmalloc', nested: true } },
          // … and, without __GFP_THISNODE, kfence may now serve it (kfence skips __GFP_THISNODE requests).
          ...ev({ kind: 'kfence', op: 'alloc' }),
        ],
      },
    ],
    kernelFiles: ['mm/slab.h', 'mm/slub.c'],
    functions: ['alloc_slab_obj_exts', '__alloc_tagging_slab_alloc_hook', 'free_slab_obj_exts'],
    signatures: [],
    goldenChanges: {
      'v3-14-thisnode-kfence-pick-moves-later-nowait-bulk-tag-inaccurate': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE: the __GFP_THISNODE kmalloc(8)'s nested kmallocs become KFENCE-eligible and KFENCE's sample moves off the gfp-0 bulk, which then makes a kmalloc-64 slab at the zero watermark whose vector kmalloc(1k) fails, as does the later GFP_NOWAIT bulk's: inaccurate tags (approved finding)",
      'v3-14-thisnode-kfence-pick-moves-later-no-reclaim-bulk-vector-fails': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE: the __GFP_THISNODE kmalloc(3000)'s nested kmallocs become KFENCE-eligible and KFENCE's sample moves onto the GFP_ATOMIC kmem_cache_alloc(kmalloc-64), so the gfp-0 bulk at the zero watermark makes the kmalloc-64 slab and its vector kmalloc(1k) fails: warn_alloc, slab_out_of_memory, 'Failed to create slab extension vector!', an inaccurate tag (approved finding)",
      'v3-14-thisnode-kfence-pick-moves-accounted-own-cache-alloc-fails-charge-lost': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP: the GFP_KERNEL|__GFP_THISNODE caller's nested kmallocs no longer carry __GFP_THISNODE, so KFENCE counts them and its sample moves onto a nested kmalloc-64 of the kmalloc(5000), off the accounted kmem_cache_alloc(c0), which now needs a page and fails (warn_alloc, slab_out_of_memory, no memcg charge)",
      'v3-14-thisnode-kfence-pick-moves-no-reclaim-krealloc-fails': "v3 14's objcgs clear mask: the __GFP_THISNODE kmalloc's nested sheaf struct becomes KFENCE-eligible and takes KFENCE's sample, so the gfp-0 krealloc() that KFENCE served needs a slab page and fails (warn_alloc, slab_out_of_memory)",
      'rfc06-contended-list-lock-later-prefilled-sheaf-object-nests': "v3 14's objcgs clear mask: the vector's nested kmalloc() no longer carries __GFP_THISNODE",
      'rfc08-weak-gfp-vector-kfence-pick-moves-kzalloc-krealloc-growth-stale': "v3 14's objcgs clear mask: the slab-internal allocations' accounting moves (declared)",
      'v3-14-thisnode-kfence-pick-skips-reclaim-later-atomic-bulk-fails': "v3 14: OBJCGS_CLEAR_MASK drops __GFP_THISNODE from the softirq kmalloc()'s nested sheaf-struct kmalloc, which KFENCE now counts: its sample moves onto kmem_cache_alloc_lru(), which no longer refills kmalloc-64's sheaf nor reclaims on node 0, so the later GFP_ATOMIC kmem_cache_alloc_bulk() fails (warn_alloc; approved)",
      'v3-07-direct-only-slab-stays-on-node-later-accounted-vector-fails': "OBJCGS_CLEAR_MASK gains __GFP_COMP: the vector kmalloc's trace gfp loses it",
      'v3-14-thisnode-kfence-pick-moves-own-cache-alloc-fails': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP: the GFP_KERNEL|__GFP_THISNODE caller's nested sheaf-struct kmalloc no longer carries __GFP_THISNODE, so KFENCE counts it and its sample moves onto it; the later kmem_cache_alloc() of c0 that KFENCE served at 13 now needs a page and fails (warn_alloc, slab_out_of_memory; approved)",
      'v3-14-thisnode-kfence-pick-moves-accounted-nolock-fails': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP: the kvmalloc()'s nested vector kmalloc no longer carries them (its trace gfp), so KFENCE counts it and its sample moves onto the GFP_KERNEL_ACCOUNT kmalloc(8); no kmalloc-cg-8 slab is made, and the accounted kmalloc_nolock() finds none and fails before deferred page init, without its memcg charge (approved)",
      'rfc05-trynode-upgrade-leaves-failures-later-thisnode-vector-fails': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE: the kmem_cache_alloc()'s vector kmalloc is no longer bound to node 0, and KFENCE serves it, so the vector, the object's tag and its kmemleak registration come back without the failure reports",
      'v3-14-thisnode-kfence-pick-moves-atomic-krealloc-fails': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE: the __GFP_THISNODE kmalloc(8)'s nested sheaf-struct kmalloc becomes KFENCE-eligible and takes KFENCE's sample, so the GFP_ATOMIC krealloc() that KFENCE served at 13 needs a kmalloc-8 slab page below the watermark in early boot and fails (warn_alloc, slab_out_of_memory), as does the injected kmalloc",
    'v3-14-thisnode-sheaf-struct-off-node-alloc-then-freed': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE: the krealloc()'s nested sheaf-struct kmalloc-64 allocation is no longer bound to node 0 and gets a slab on node 1, so the kmalloc-4k sheaf is allocated, its node-0 refill fails and it is freed again (an undeclared kmemleak registration and removal)",
    'v3-07-weak-gfp-refill-slab-vector-fails-charge-skipped': "OBJCGS_CLEAR_MASK gains __GFP_COMP: the nested vector kmalloc() no longer carries it (its trace gfp)",
    'v3-14-thisnode-kfence-pick-moves-sheaf-alloc-empties-prefill': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE: the GFP_KERNEL|__GFP_THISNODE kmalloc()'s nested sheaf kmalloc() loses it, so KFENCE (which skips __GFP_THISNODE requests) counts it and its sample moves onto the prefill's nested sheaf kmalloc(); the first kmem_cache_alloc_from_sheaf(), served by KFENCE at 13, now takes the prefilled sheaf's one object, and the second finds the sheaf empty and returns NULL (its kmemleak record goes)",
    'rfc06-contended-sheaf-struct-later-kernel-kmalloc-nests': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE: the nested sheaf and vector kmallocs of the __GFP_THISNODE callers no longer carry it (their trace gfp)",
    'v3-14-thisnode-vector-off-node-leaves-failures-later-nowait-fails': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE: the GFP_KERNEL|__GFP_THISNODE bulk's nested vector kmalloc() gets a node-1 page at its first attempt instead of failing on node 0 after direct reclaim (its reports go), so the injected node-0 failures it used up are left for the later GFP_NOWAIT|__GFP_THISNODE kmalloc(8) in softirq, which fails (approved finding)",
    'rfc05-no-reclaim-upgrade-kswapd-leaves-later-reclaim-short': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE and the vector's gfp is rebuilt: the nested vector kmalloc() of the GFP_KERNEL|__GFP_THISNODE kmem_cache_alloc() no longer carries __GFP_THISNODE, so its kmalloc-1k slab's page attempt is the ordinary one (GFP_NOWAIT|__GFP_THISNODE first, still succeeding) instead of the node-bound one",
    'v3-14-thisnode-kfence-krealloc-skips-direct-reclaim-later-kswapd-only-kmalloc-fails': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE: the __GFP_THISNODE kmalloc(8)'s nested vector kmalloc is counted by KFENCE, so the sample moves onto krealloc(8), which succeeds without the direct reclaim it ran at 13; the later kmalloc(8, __GFP_KSWAPD_RECLAIM) finds no reclaimed page and fails with warn_alloc and slab_out_of_memory (approved)",
    'v3-14-thisnode-kfence-krealloc-skips-direct-reclaim-later-no-reclaim-kmalloc-fails': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE: the __GFP_THISNODE kmalloc(8)'s nested vector kmalloc is counted by KFENCE, so the sample moves onto krealloc(8), which succeeds without the direct reclaim it ran at 13; the later gfp-0 kmalloc(8) finds no reclaimed page and fails with warn_alloc and slab_out_of_memory (approved)",
    'v3-14-thisnode-kfence-pick-moves-accounted-krealloc-fails': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE: the __GFP_THISNODE kmalloc(40)'s nested kmallocs become KFENCE-eligible and KFENCE's sample moves onto the GFP_ATOMIC kmem_cache_alloc(), which needs no vector (its failure reports go); the krealloc(GFP_KERNEL_ACCOUNT) KFENCE served at 13 now needs a page below the watermark and fails: warn_alloc, slab_out_of_memory, no charge (approved finding)",
    'v3-14-thisnode-kfence-pick-moves-later-nolock-vector-fails': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE: the __GFP_THISNODE kmem_cache_alloc()'s nested vector kmalloc(1024) becomes KFENCE-eligible and KFENCE serves it instead of a new kmalloc-1k slab, so the later kmalloc_nolock(64)'s own vector finds no kmalloc-1k slab and no nolock pages in deferred init: 'Failed to create slab extension vector!', an inaccurate tag (approved finding)",
    'rfc08-early-boot-vector-at-new-slab-no-later-oom-report': "v3 14's wider OBJCGS_CLEAR_MASK: the nested vector kmalloc loses __GFP_COMP (its trace gfp)",
    'rfc06-contended-list-lock-kzalloc-krealloc-growth-stale': "v3 14's wider OBJCGS_CLEAR_MASK: the __GFP_THISNODE caller's nested vector kmallocs lose __GFP_THISNODE (their trace gfp)",
    'v3-07-new-slab-by-alloc-flags-vector-by-gfp-fails-accounted-alloc-skips-charge': "v3 14's wider OBJCGS_CLEAR_MASK: the nested vector and sheaf kmallocs' gfp changes (their trace gfp) (declared)",
    'v3-14-thisnode-kfence-pick-moves-later-no-reclaim-cache-alloc-vector-fails': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE: KFENCE counts the GFP_KERNEL|__GFP_THISNODE kmalloc(256)'s nested vector kmalloc, so its sample moves onto kmem_cache_alloc(kmalloc-64), which makes no slab; the later gfp-0 kmem_cache_alloc(kmalloc-64) must make it at the zero watermark and its vector kmalloc() fails: warn_alloc, slab_out_of_memory, WARN, inaccurate tag (approved)",
    'rfc05-no-reclaim-upgrade-reaches-memcg-limit': "v3 14's wider OBJCGS_CLEAR_MASK: the nested vector kmalloc loses __GFP_COMP (its trace gfp)",
    'rfc13-stocked-vector-moves-failure-nolock-charge-abort-spins': "v3 14's wider OBJCGS_CLEAR_MASK: the __GFP_THISNODE caller's nested vector kmallocs lose __GFP_THISNODE (their trace gfp), and the vector's kmalloc-1k slab is asked of the page allocator with the trynode mask first",
    'rfc08-vector-charge-refused-accounted-krealloc-fails': "the vector's kmalloc-8k allocation is made with kmalloc_flags() and a fixed gfp, not the incoming one: its trace gfp loses __GFP_COMP",
      'v3-14-thisnode-kfence-pick-moves-krealloc-in-place': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE: the GFP_KERNEL|__GFP_THISNODE kmalloc()'s nested allocations are KFENCE-eligible, KFENCE's sample moves off the 500-byte kmalloc(), and the krealloc() to 512 bytes resizes that slab object in place: no new allocation, no kmemleak registration (approved)",
      'rfc08-boot-vector-enables-kmalloc-charge-fail-trace-null': "the nested vector request no longer inherits __GFP_THISNODE or __GFP_COMP (objcgs-clear-mask.thisnode-comp): its gfp, and with it the nested accounting, changes",
      'v3-07-deferred-init-weak-gfp-slab-then-charge-fails': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP: the nested vector kmalloc no longer carries __GFP_COMP (its trace gfp)",
      'v3-14-thisnode-vector-kfence-served-no-kswapd-wake': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP: the bulk's nested vector kmalloc is no longer bound to node 0, KFENCE counts it and serves it: the vector is allocated, no page is asked of node 0, no kswapd wake-up, no vector warning or inaccurate tag (approved finding)",
      'v3-14-thisnode-kfence-pick-moves-early-page-tag-inaccurate': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP: the prefill's nested sheaf kmalloc no longer carries __GFP_THISNODE (its trace gfp), so KFENCE counts it and its sample moves onto the later kmalloc(24)'s nested sheaf; that caller's vector kmalloc(2048), KFENCE-served at 13, takes a new kmalloc-2k slab page recorded on the early path, whose tag (alloc_slab_obj_exts) is inaccurate at the end (approved finding)",
      'v3-14-thisnode-vector-from-other-node-sheaf-tag-released': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP: the prefill's nested vector kmalloc is no longer bound to node 0 and comes from node 1 instead of failing: no warn_alloc, slab_out_of_memory or vector warning; the sheaf struct is tagged, and its tag released when the failed prefill frees it",
      'v3-14-thisnode-kfence-pick-moves-nmi-nolock-fails': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP: the GFP_KERNEL|__GFP_THISNODE kmalloc()'s nested vector kmalloc no longer carries __GFP_THISNODE (its trace gfp and its slab's page request), so KFENCE counts it and its sample moves onto the GFP_ATOMIC kmalloc(192) injected into krealloc(): no kmalloc-192 slab is made, and the NMI kmalloc_nolock(100) injected later (zone lock busy) finds none and fails (approved finding)",
      'v3-08-vector-enables-memcg-charge-cache-alloc-fails': "OBJCGS_CLEAR_MASK gains __GFP_COMP: the nested vector kmalloc no longer inherits __GFP_COMP from allocate_slab() (its trace gfp)",
      'v3-14-kfence-serves-oversize-sheaf-return-warns': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP: the __GFP_THISNODE bulk's nested vector kmalloc no longer carries __GFP_THISNODE, so KFENCE counts it and its sample moves onto the oversize prefill's sheaf struct; kmem_cache_return_sheaf() kfree()s that KFENCE object without mark_obj_codetag_empty(): 'alloc_tag was not set'",
      'rfc08-vector-lets-oversize-sheaf-land-return-warns': "OBJCGS_CLEAR_MASK gains __GFP_COMP: the nested vector kmalloc no longer inherits __GFP_COMP from allocate_slab() (its trace gfp)",
      'v3-08-vector-lets-bulk-charge-later-charge-finds-it': "OBJCGS_CLEAR_MASK gains __GFP_COMP: the nested vector kmalloc no longer inherits __GFP_COMP from allocate_slab() (its trace gfp)",
      'v3-07-weak-gfp-interrupt-slab-later-no-kswapd': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP: the nested vector kmalloc's page attempts are the ordinary ones (GFP_NOWAIT|__GFP_THISNODE first) instead of the node-bound one (still failing)",
      'v3-14-thisnode-vector-attempt-wakes-kswapd': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP: the __GFP_THISNODE cache allocation's nested vector kmalloc takes the ordinary page path (GFP_NOWAIT|__GFP_THISNODE first) instead of the node-bound one, and that attempt wakes kswapd on node 1, below its low watermark",
      'v3-14-thisnode-kfence-pick-moves-vector-later': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP: the GFP_KERNEL|__GFP_THISNODE kmalloc()'s nested sheaf and vector kmallocs no longer carry __GFP_THISNODE, so KFENCE (which skips __GFP_THISNODE requests) counts them and its sample moves to the next kmalloc; the kmalloc-2k vector KFENCE used to serve is allocated later, by the krealloc(__GFP_KSWAPD_RECLAIM) (nesting 0 -> 1 there)",
      'v3-15-no-obj-ext-reclaim-caller-sheaf-vector-fail': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP: the __GFP_THISNODE cache allocation's nested sheaf and vector kmallocs no longer inherit __GFP_THISNODE, so the vector's page attempts are the ordinary ones (GFP_NOWAIT|__GFP_THISNODE first; still failing)",
      'v3-14-thisnode-vector-attempt-no-longer-reclaims': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP: the __GFP_THISNODE cache allocation's nested vector kmalloc takes the ordinary page path (GFP_NOWAIT|__GFP_THISNODE first) instead of the node-bound GFP_KERNEL one, so its direct reclaim goes",
      'v3-14-thisnode-vector-from-other-node': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP, so the __GFP_THISNODE kmalloc's nested vector kmalloc is no longer bound to node 0 and comes from node 1 instead of failing: no warn_alloc, no slab_out_of_memory, no vector warning, the tag is accurate",
      'rfc13-kfence-pick-moves-failing-bulk': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP, so the sheaf kzalloc of the __GFP_THISNODE kmalloc() no longer inherits __GFP_THISNODE (its trace gfp)",
      'rfc07-weak-gfp-interrupt-slab-later-nolock-trylock-path': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP, so the nested sheaf and vector kmallocs of the __GFP_THISNODE caller no longer inherit __GFP_THISNODE (their trace gfp; the vector's page attempt is the ordinary GFP_NOWAIT|__GFP_THISNODE one)",
      'rfc08-interrupt-vector-kmalloc-spares-later-reclaim': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP, so the sheaf kzalloc of the __GFP_THISNODE kmalloc() no longer inherits __GFP_THISNODE (its trace gfp)",
      'rfc04-weak-gfp-refill-uses-failure-budget-later-vector-served': "OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP, so the sheaf and vector kmallocs of the __GFP_THISNODE caller no longer inherit __GFP_THISNODE (the vector's page attempt is no longer node-bound; still failing)",
      'rfc13-page-pressure-kvmalloc-falls-back-to-vmalloc': "the nested vector kmalloc is traced without __GFP_NO_OBJ_EXT (v3 has no recursion gap: kvmalloc() is served by kmalloc as before)",
      'rfc13-stocked-nolock-object-krealloc-growth-stale': 'the nested vector kmalloc no longer inherits __GFP_COMP from allocate_slab() (OBJCGS_CLEAR_MASK)',
      'rfc14-kfence-pick-moves-krealloc-growth-stale': 'OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP, so the sheaf kzalloc of the __GFP_THISNODE krealloc no longer inherits __GFP_THISNODE (its trace gfp)',
      'rfc07-trynode-mask-nolock-vector-drops-memcg-charge': 'the wider OBJCGS_CLEAR_MASK drops __GFP_COMP|__GFP_THISNODE from the nested vector request: only its trace gfp changes',
      'atomic-in-irq-contexts': 'the nested vector kmalloc no longer inherits __GFP_COMP from allocate_slab() (OBJCGS_CLEAR_MASK)',
      'early-boot-memcg-vector': 'the nested vector kmalloc no longer inherits __GFP_COMP from allocate_slab() (OBJCGS_CLEAR_MASK)',
      'early-boot-no-cmpxchg16b': 'the nested vector kmalloc no longer inherits __GFP_COMP from allocate_slab() (OBJCGS_CLEAR_MASK)',
      'kfence-kzalloc': 'the sheaf allocated for a __GFP_THISNODE kzalloc no longer inherits __GFP_THISNODE, so kfence (which skips __GFP_THISNODE requests) serves it',
      'memcg-charge-and-failure': 'the nested vector kmallocs no longer inherit __GFP_COMP from allocate_slab() (OBJCGS_CLEAR_MASK)',
      'prefill-sheaf-lifecycle': 'the nested vector kmalloc no longer inherits __GFP_COMP from allocate_slab() (OBJCGS_CLEAR_MASK)',
      'rfc08-kfence-pick-moves-sheaf-size': 'the nested sheaf and vector kmallocs of the __GFP_THISNODE caller no longer inherit __GFP_THISNODE (OBJCGS_CLEAR_MASK)',
      'rfc14-boot-kfence-pick-moves': 'OBJCGS_CLEAR_MASK gains __GFP_THISNODE | __GFP_COMP, so alloc_empty_sheaf() strips the prefill caller\'s __GFP_THISNODE from the sheaf kzalloc (its trace gfp)',
    },
  },
  {
    number: 15,
    subject: 'mm/slab: replace __GFP_NO_OBJ_EXT with SLAB_ALLOC_NO_RECURSE for sheaves',
    message: `Finish the switch: pass alloc_flags to alloc_empty_sheaf() and
__alloc_empty_sheaf(), mark sheaf allocations of kmalloc caches with
SLAB_ALLOC_NO_RECURSE and allocate them with kmalloc_flags() instead of
kzalloc(), and refuse a new empty sheaf to a request carrying the flag.
__pcs_replace_empty_main() forwards its caller's flags; every other
caller cannot be part of a recursive kmalloc() chain and passes
SLAB_ALLOC_DEFAULT. Then drop the gfp half kept by the previous patch
from vector allocations and the tagging hook. Slab no longer tests
__GFP_NO_OBJ_EXT, so kmalloc_nolock() stops accepting it; the gfp bit
itself stays defined.

RFC 14 plus the kmalloc_nolock() kernel-doc part of RFC 15 and the
removal of v3 14's gfp half; RFC 15 (removing the gfp bit) was dropped
because memory allocation profiling in mm-unstable uses it.`,
    link: L(15),
    move: 'Parallel Change (migrate the last users of the old marker; the gfp bit itself stays defined); Change Function Declaration (add parameter)',
    kind: 'behaviour',
    declared: [
      {
        id: 'sheaf.marker-by-alloc-flags',
        description: 'Nested kmallocs of kmalloc-cache sheaves and of obj_ext vectors carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT: their trace no longer shows the gfp bit; what they may do (no sheaf, no tag) is unchanged.',
        evidence: [
          { diff: 'event', change: 'disappeared', event: { kind: 'trace', event: 'kmalloc', nested: true, gfp: { has: ['__GFP_NO_OBJ_EXT'] } } },
          { diff: 'event', change: 'appeared', event: { kind: 'trace', event: 'kmalloc', nested: true } },
        ],
      },
      {
        id: 'no-obj-ext-gfp.untested',
        description: 'A caller\'s own __GFP_NO_OBJ_EXT no longer stops slab from allocating an empty sheaf or from tagging the object, and kmalloc_nolock() VM_WARNs on it (debug builds); vectors and kmalloc-cache sheaves behave as before via SLAB_ALLOC_NO_RECURSE.',
        evidence: [
          ...ev(
            // The once-only gfp VM_WARN now fires on __GFP_NO_OBJ_EXT (and so no longer later on another bit).
            {
              kind: 'warn',
              site: 'kmalloc_nolock:gfp',
              msg: ['VM_WARN_ON_ONCE(gfp_flags & ~(__GFP_ACCOUNT | __GFP_ZERO | __GFP_NOWARN | __GFP_NOMEMALLOC))', 'VM_WARN_ON_ONCE(gfp_flags & ~(__GFP_ACCOUNT | __GFP_ZERO | __GFP_NO_OBJ_EXT | __GFP_NOWARN | __GFP_NOMEMALLOC))'],
            },
            // The caller's object is tagged now, so its slab gets an obj_exts vector, and its free
            // no longer finds a missing tag.
            { kind: 'alloc_tag', op: ['add', 'sub'] },
            { kind: 'warn', site: { prefix: ['alloc_tag_sub_check'] } },
            { kind: 'obj_exts' },
            { kind: 'nest', chain: { prefix: ['obj_exts(', 'sheaf('] } },
            { kind: 'trace', event: 'kmalloc', nested: true },
            { kind: 'sheaf', op: ['alloc', 'refill', 'free'] },
            // Allocating and refilling that sheaf: the sheaf struct's kmemleak registration, new
            // slabs and their pages with the caller's gfp (reclaim, kswapd), under the caller's locks
            // (as RFC 14's sheaf change).
            { kind: 'kmemleak' },
            { kind: 'slab', op: 'new' },
            { kind: 'page_alloc' },
            { kind: 'direct_reclaim' },
            { kind: 'kswapd_wake' },
            lock(['spin', 'trylock', 'local_trylock']),
          ),
          // Served from the sheaf or not, the caller's result and its records may change with it.
          ...result(),
          ...records(),
          ...obj({ kind: ['slab', 'NULL'] }),
          ...end(...END_BALANCES),
          ...depth(),
        ],
      },
    ],
    kernelFiles: ['include/linux/slab.h', 'mm/slub.c'],
    functions: ['__alloc_empty_sheaf', 'alloc_empty_sheaf', 'free_empty_sheaf', 'alloc_slab_obj_exts', '__alloc_tagging_slab_alloc_hook', '__pcs_replace_empty_main', 'kmem_cache_prefill_sheaf', '__pcs_replace_full_main', '__kfree_rcu_sheaf', 'init_percpu_sheaves', 'bootstrap_cache_sheaves', '__kmalloc_nolock_noprof'],
    signatures: [
      { fn: '__alloc_empty_sheaf', params: ['s', 'gfp', 'alloc_flags', 'capacity'] },
      { fn: 'alloc_empty_sheaf', params: ['s', 'gfp', 'alloc_flags'] },
    ],
    goldenChanges: {
      'rfc05-trynode-upgrade-slab-feeds-later-accounted-own-cache-vector-charge-refused': "v3 15's sheaf marker by alloc_flags: the nested sheaf and vector allocations are accounted differently (declared)",
      'v3-14-thisnode-kfence-pick-moves-later-nowait-bulk-tag-inaccurate': "v3 15's sheaf marker by alloc_flags: the nested sheaf and vector allocations are accounted differently, and slab_out_of_memory prints the vector's gfp without __GFP_NO_OBJ_EXT (declared)",
      'v3-14-thisnode-kfence-pick-moves-later-no-reclaim-bulk-vector-fails': "v3 15's sheaf marker by alloc_flags: the nested sheaf and vector allocations are accounted differently, and slab_out_of_memory prints the vector's gfp without __GFP_NO_OBJ_EXT (declared)",
      'rfc13-kfence-pick-moves-reused-slot-accounted-kmalloc-krealloc-init-on-alloc-stale': "v3 15's sheaf marker by alloc_flags: the nested sheaf and vector allocations carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp) (declared)",
      'rfc14-kfence-pick-moves-back-reused-slot-atomic-kmalloc-krealloc-kernel-init-on-alloc-stale': "v3 15's sheaf marker by alloc_flags: the nested sheaf and vector allocations are accounted differently (declared)",
      'rfc04-weak-gfp-sheaf-struct-takes-kfence-reused-slot-atomic-kmalloc-krealloc-init-on-alloc-stale': "v3 15's sheaf marker by alloc_flags: the nested sheaf and vector allocations are accounted differently (declared)",
      'baseline-init-on-free-sheaf-struct-redzone-kept-nmi-nolock-reuses': "v3 15's sheaf marker by alloc_flags: the sheaf struct and vector allocations are accounted differently (declared)",
      'rfc04-weak-gfp-sheaf-moves-kfence-reused-slot-kzalloc-krealloc-growth-init-on-alloc-stale': "v3 15's sheaf marker by alloc_flags: the nested sheaf and vector allocations are accounted differently (declared)",
      'rfc04-weak-gfp-sheaf-moves-kfence-reused-slot-kmalloc-krealloc-init-on-alloc-stale': "v3 15's sheaf marker by alloc_flags: the nested sheaf and vector allocations are accounted differently (declared)",
      'rfc05-trynode-upgrade-krealloc-in-place-later-weak-lru-alloc-vector-fails-tag-lost': "v3 15's sheaf marker by alloc_flags: the nested sheaf and vector allocations are accounted differently (declared)",
      'rfc08-vector-kfence-pick-moves-reused-slot-kmalloc-krealloc-init-on-alloc-stale': "v3 15's sheaf marker by alloc_flags: the nested sheaf and vector allocations are accounted differently (declared)",
      'v3-15-no-obj-ext-caller-sheaf-moves-kfence-accounted-kmalloc-fails-charge-lost': "v3 15: __GFP_NO_OBJ_EXT no longer keeps the failing kmalloc(8) off sheaves, so its kmalloc-8 sheaf struct takes KFENCE's sample and the next GFP_KERNEL_ACCOUNT kmalloc(8), served by KFENCE at 14, fails without a page and loses its memcg charge (approved)",
      'rfc13-kfence-pick-moves-reused-slot-atomic-kmalloc-krealloc-no-reclaim-init-on-alloc-stale': "v3 15's sheaf marker by alloc_flags: the nested sheaf and vector allocations carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp) (declared)",
      'rfc13-nested-allocations-dirty-reused-slot-reclaim-krealloc-init-on-alloc-stale': "v3 15's sheaf marker by alloc_flags: the nested sheaf and vector allocations carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp) (declared)",
      'v3-14-thisnode-kfence-krealloc-skips-direct-reclaim-later-kswapd-only-kmalloc-fails': "v3 15's sheaf marker by alloc_flags: the nested sheaf allocations carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp) (declared)",
      'v3-14-thisnode-kfence-krealloc-skips-direct-reclaim-later-no-reclaim-kmalloc-fails': "v3 15's sheaf marker by alloc_flags: the nested sheaf allocations carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp) (declared)",
      'rfc13-vector-sheaf-kfence-pick-moves-reused-slot-krealloc-growth-init-on-alloc-stale': "v3 15's sheaf marker by alloc_flags: the nested sheaf and vector allocations are accounted differently (declared)",
      'rfc08-vector-kfence-pick-moves-reused-slot-krealloc-growth-init-on-alloc-stale': "v3 15's sheaf marker by alloc_flags: the nested sheaf and vector allocations are accounted differently (declared)",
      'rfc13-boot-stock-takes-bucket-nolock-next-bucket-krealloc-growth-init-on-alloc-stale': "__GFP_NO_OBJ_EXT is gone from the nested allocations' gfp (trace lines)",
      'rfc08-vector-by-alloc-flags-fails-accounted-alloc-escapes-memcg-limit': "__GFP_NO_OBJ_EXT is gone from the nested allocations' gfp (trace lines and slab_out_of_memory reports)",
      'rfc06-contended-sheaf-struct-later-softirq-cache-alloc-nests': "__GFP_NO_OBJ_EXT is gone from the nested sheaf-struct allocations' gfp (trace lines)",
      'v3-14-thisnode-kfence-pick-moves-accounted-own-cache-alloc-fails-charge-lost': "the nested sheaf-struct and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc05-trynode-slab-later-softirq-nowait-kmalloc-vector-fails-tag-inaccurate': "__GFP_NO_OBJ_EXT is gone from the nested sheaf and vector allocations' gfp (trace lines)",
      'v3-14-thisnode-kfence-pick-moves-no-reclaim-krealloc-fails': "v3 15: nested sheaf allocations no longer carry __GFP_NO_OBJ_EXT in their trace lines (recursion stopped by alloc_flags)",
      'rfc06-contended-list-lock-later-prefilled-sheaf-object-nests': "v3 15: nested sheaf and vector allocations no longer carry __GFP_NO_OBJ_EXT in their trace lines (recursion stopped by alloc_flags)",
      'rfc14-kfence-pick-moves-back-reused-slot-krealloc-init-on-alloc-stale': "v3 15: nested sheaf and vector allocations no longer carry __GFP_NO_OBJ_EXT in their trace lines (recursion stopped by alloc_flags)",
      'v3-07-weak-gfp-slab-takes-pages-later-atomic-own-cache-charge-lost': "v3 15: nested sheaf and vector allocations no longer carry __GFP_NO_OBJ_EXT in their trace lines (recursion stopped by alloc_flags)",
      'rfc08-vector-kfence-pick-moves-nolock-charge-abort-spins': "v3 15: nested sheaf and vector allocations no longer carry __GFP_NO_OBJ_EXT in their trace lines (recursion stopped by alloc_flags)",
      'rfc05-weak-gfp-softirq-slab-later-nowait-kcalloc-vector-fails-tag-inaccurate': "v3 15: nested vector allocations no longer carry __GFP_NO_OBJ_EXT in their trace lines",
      'rfc08-weak-gfp-vector-kfence-pick-moves-kzalloc-krealloc-growth-stale': "v3 15's sheaf marker by alloc_flags: the sheaf allocations' accounting moves (declared)",
      'v3-06-weak-gfp-krealloc-waits-for-list-lock-vector-failure-goes': "v3 15: nested sheaf and vector allocations no longer carry __GFP_NO_OBJ_EXT in their trace lines",
      'v3-14-thisnode-kfence-pick-skips-reclaim-later-atomic-bulk-fails': "v3 15: nested sheaf allocations no longer carry __GFP_NO_OBJ_EXT in their trace lines (recursion stopped by alloc_flags)",
      'rfc07-weak-gfp-irq-slab-moves-nolock-object-krealloc-init-on-alloc-stale': "v3 15: nested sheaf and vector allocations no longer carry __GFP_NO_OBJ_EXT in their trace lines (recursion stopped by alloc_flags)",
      'rfc06-contended-spin-krealloc-in-place-later-irq-kmalloc-fails': "__GFP_NO_OBJ_EXT is removed: the nested sheaf-struct and vector kmallocs trace without it",
      'v3-07-direct-only-slab-stays-on-node-later-accounted-vector-fails': "the nested vector kmalloc carries SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (its trace gfp)",
      'v3-14-thisnode-kfence-pick-moves-own-cache-alloc-fails': "the nested sheaf-struct kmalloc carries SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (its trace gfp)",
      'v3-15-no-obj-ext-caller-sheaves-use-failures-later-kcalloc-charge-refused': "slab no longer tests __GFP_NO_OBJ_EXT for sheaves: the kmalloc(8, GFP_KERNEL|__GFP_NO_OBJ_EXT) allocates an empty sheaf whose refill fails, using up injected page failures, so the kcalloc(GFP_KERNEL_ACCOUNT) gets a page and a slab, reaches its memcg charge and is refused at the limit (approved); the nested kmallocs trace without __GFP_NO_OBJ_EXT",
      'v3-14-thisnode-kfence-pick-moves-accounted-nolock-fails': "the nested vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc05-trynode-upgrade-krealloc-in-place-later-bulk-vector-fails': "__GFP_NO_OBJ_EXT is removed: the nested sheaf-struct and vector kmallocs trace without it",
      'rfc05-trynode-upgrade-krealloc-in-place-accounted-charge-lost': "__GFP_NO_OBJ_EXT is removed: the nested sheaf-struct and vector kmallocs trace without it",
      'rfc05-trynode-upgrade-slab-oversize-prefill-sheaf-free-warns': "__GFP_NO_OBJ_EXT is removed: the nested sheaf-struct and vector kmallocs trace without it",
      'v3-07-weak-gfp-slab-takes-pages-later-kernel-account-vector-fails-charge-skipped': "__GFP_NO_OBJ_EXT is removed: the nested sheaf-struct and vector kmallocs trace without it",
      'rfc06-contended-sheaf-struct-later-cache-alloc-nests': "__GFP_NO_OBJ_EXT removed: nested sheaf kmallocs are traced without it",
      'rfc14-boot-stock-gone-nolock-object-krealloc-init-on-alloc-tail-stale': "__GFP_NO_OBJ_EXT removed: nested sheaf and vector kmallocs are traced without it",
      'v3-07-weak-gfp-slab-takes-pages-later-atomic-bulk-vector-fails-charge-skipped': "__GFP_NO_OBJ_EXT removed: nested sheaf and vector kmallocs are traced and reported without it",
      'rfc13-stocked-slab-kmalloc-zero-krealloc-growth-stale': "__GFP_NO_OBJ_EXT removed: nested sheaf and vector kmallocs are traced without it",
      'rfc05-trynode-upgrade-leaves-failures-later-thisnode-vector-fails': "__GFP_NO_OBJ_EXT removed: nested sheaf and vector kmallocs are traced without it",
      'v3-14-thisnode-kfence-pick-moves-atomic-krealloc-fails': "the nested sheaf kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-07-weak-gfp-slab-takes-pages-later-atomic-vector-fails-charge-skipped': "__GFP_NO_OBJ_EXT removed: nested sheaf and vector kmallocs are traced and reported without it",
    'v3-14-thisnode-sheaf-struct-off-node-alloc-then-freed': "the nested sheaf kmalloc()s carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'rfc05-weak-gfp-slab-vector-moves-kmalloc-krealloc-growth-stale': "the nested sheaf and vector kmalloc()s carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'v3-07-weak-gfp-object-later-accounted-krealloc-stays-uncharged': "the nested sheaf kmalloc() carries SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (its trace gfp)",
    'v3-07-weak-gfp-refill-slab-vector-fails-charge-skipped': "the nested vector kmalloc() carries SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (its trace gfp)",
    'rfc14-boot-kfence-pick-moves-within-bulk-free-order': "the nested sheaf kmalloc()s carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'rfc05-no-reclaim-upgrade-kswapd-later-accounted-krealloc-charge-refused': "the nested sheaf kmalloc() carries SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (its trace gfp)",
    'v3-14-thisnode-kfence-pick-moves-sheaf-alloc-empties-prefill': "the nested sheaf kmalloc()s carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'rfc14-sheaf-slab-vector-moves-kcalloc-krealloc-growth-stale': "the nested sheaf and vector kmalloc()s carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'rfc05-no-reclaim-upgrade-kswapd-later-kzalloc-krealloc-growth-stale': "the nested sheaf kmalloc()s carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'v3-15-no-obj-ext-caller-sheaves-use-failures-later-charge-refused': "slab no longer tests __GFP_NO_OBJ_EXT for sheaves: both kmalloc(8, GFP_KERNEL|__GFP_NO_OBJ_EXT) allocate an empty sheaf whose refill fails, using up injected page failures, so the GFP_NOWAIT kmem_cache_alloc() of c0 gets a page and a slab with its vector, reaches its memcg charge and is refused at the limit (approved finding)",
    'rfc13-kfence-pick-moves-krealloc-init-on-alloc-tail-stale': "the nested sheaf kmalloc carries SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (its trace gfp)",
    'rfc06-contended-sheaf-struct-later-kernel-kmalloc-nests': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'v3-15-no-obj-ext-caller-sheaf-moves-kfence-injected-kmalloc-fails': "slab no longer tests __GFP_NO_OBJ_EXT for sheaves: the kmalloc(8, GFP_KERNEL|__GFP_NO_OBJ_EXT) allocates an empty sheaf (nested kzalloc, refill failing in early boot), which moves KFENCE's sample onto the accounted kcalloc(); the injected softirq GFP_NOWAIT kmalloc(8) KFENCE served at 14 then fails in the page allocator (approved finding)",
    'v3-14-thisnode-vector-off-node-leaves-failures-later-nowait-fails': "the nested vector kmalloc() carries SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (its trace gfp)",
    'rfc05-no-reclaim-upgrade-kswapd-leaves-later-reclaim-short': "the nested vector kmalloc() carries SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (its trace gfp)",
    'baseline-init-on-free-kmalloc-redzone-kept-reused-larger': "the oversize sheaf struct's kzalloc() carries SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (its trace gfp)",
    'rfc07-weak-gfp-krealloc-moves-init-on-alloc-tail-stale': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'rfc05-trynode-upgrade-no-fallback-node-kmalloc-node-fails': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'v3-14-thisnode-kfence-pick-moves-accounted-krealloc-fails': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'v3-14-thisnode-kfence-pick-moves-later-nolock-vector-fails': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'rfc08-early-boot-vector-at-new-slab-no-later-oom-report': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'v3-15-no-obj-ext-caller-reclaims-nolock-charge-abort-spins': "slab no longer tests __GFP_NO_OBJ_EXT: kmalloc(256, GFP_KERNEL|__GFP_NO_OBJ_EXT) gets a sheaf whose refill reclaims pages directly, and is tagged with a vector (nesting 1); the kmalloc_nolock(8, __GFP_ACCOUNT) after it now gets a kmalloc-cg-8 page, its charge fails at the limit and memcg_alloc_abort_single()'s __slab_free() spins on n->list_lock (approved finding)",
    'v3-07-kswapd-only-oversize-prefill-sheaf-return-warns': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'rfc05-weak-gfp-slab-without-vector-takes-later-nolock-tag': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'rfc06-contended-list-lock-kzalloc-krealloc-growth-stale': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'v3-07-new-slab-by-alloc-flags-vector-by-gfp-fails-accounted-alloc-skips-charge': "v3 15: __GFP_NO_OBJ_EXT callers get sheaves and a vector, so kmalloc_nolock(__GFP_NO_OBJ_EXT)'s path changes and it warns (approved), and the nested allocations carry SLAB_ALLOC_NO_RECURSE (declared)",
    'rfc07-weak-gfp-krealloc-new-slab-redzone-kept-init-on-free-cache-alloc-reuses': "v3 15's sheaf marker by alloc_flags: the nested allocations carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp) (declared)",
    'v3-14-thisnode-kfence-pick-moves-later-no-reclaim-cache-alloc-vector-fails': "v3 15: the nested allocations carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp), and the failing vector's report prints its gfp without it (declared)",
    'rfc06-contended-list-lock-later-atomic-bulk-nests': "v3 15's sheaf marker by alloc_flags: the nested sheaf and vector allocations carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp) (declared)",
    'rfc05-no-reclaim-upgrade-reaches-memcg-limit': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'rfc13-stocked-vector-moves-failure-nolock-charge-abort-spins': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'rfc07-weak-gfp-kzalloc-krealloc-copies-stale-tail': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
    'rfc14-reclaim-gives-no-recurse-kmalloc-flags-its-page-charge-abort-warns': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp and the failure report's)",
    'rfc08-vector-charge-refused-accounted-krealloc-fails': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp and the failure report's)",
      'v3-14-thisnode-kfence-pick-moves-krealloc-in-place': "the nested kmallocs of sheaves and vectors carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (sheaf.marker-by-alloc-flags): their trace and nested accounting change",
      'rfc14-untagged-sheaf-vectors-use-failure-budget-nolock-charge-spins': "the nested kmallocs of sheaves and vectors carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (sheaf.marker-by-alloc-flags): their trace and nested accounting change",
      'rfc08-boot-vector-enables-kmalloc-charge-fail-trace-null': "the nested kmallocs of sheaves and vectors carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (sheaf.marker-by-alloc-flags): their trace and nested accounting change",
      'rfc05-kswapd-wake-moves-nolock-charge-fail-spin-to-node0': "the nested kmallocs of sheaves and vectors carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (sheaf.marker-by-alloc-flags): their trace and nested accounting change",
      'v3-07-deferred-init-weak-gfp-slab-then-charge-fails': "the nested vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc06-weak-gfp-nested-sheaf-spins-later-caller-nests': "the nested sheaf kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-04-weak-gfp-refill-uses-failure-budget-vector-served': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc06-weak-gfp-waits-for-list-lock-vector-failure-goes': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc04-kfence-pick-moves-krealloc-copy-stale-tail': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc04-weak-gfp-sheaf-moves-kfence-krealloc-grows-in-place-stale': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-14-thisnode-vector-kfence-served-no-kswapd-wake': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc14-kfence-pick-moves-krealloc-copy-stale-tail': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-14-thisnode-kfence-pick-moves-early-page-tag-inaccurate': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-04-weak-gfp-sheaf-moves-kfence-pick-lru-charge-fails': "the nested sheaf kmalloc carries SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (its trace gfp)",
      'rfc13-kfence-pick-moves-krealloc-copy-stale-tail': "the nested vector kmalloc carries SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (its trace gfp)",
      'v3-14-thisnode-vector-from-other-node-sheaf-tag-released': "the nested sheaf and vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'v3-14-thisnode-kfence-pick-moves-nmi-nolock-fails': "the nested vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-06-trynode-no-kswapd-later-caller-nests': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-07-weak-gfp-interrupt-slab-later-atomic-vector-fails': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-15-no-obj-ext-nolock-vector-oversize-sheaf-free-warns': "slab no longer tests __GFP_NO_OBJ_EXT: the kmalloc_nolock(__GFP_NO_OBJ_EXT) object is tagged (and trips the gfp VM_WARN), its kmalloc-1k slab gets a vector, and the oversize prefill's untagged sheaf struct that lands on that slab warns 'alloc_tag was not set' when kmem_cache_return_sheaf() kfree()s it",
      'v3-15-no-obj-ext-caller-sheaf-later-nmi-nolock-untagged': "slab no longer tests __GFP_NO_OBJ_EXT: the caller allocates and refills an empty kmalloc-128 sheaf, which takes the objects the later NMI kmalloc_nolock() found at 14: it fails in early boot, its tag goes",
      'v3-15-no-obj-ext-caller-sheaf-takes-nmi-object': "slab no longer tests __GFP_NO_OBJ_EXT: the caller allocates and refills an empty sheaf; its kzalloc takes the kmalloc-256 object the NMI kmalloc_nolock(192) got at 14, which now fails in early boot",
      'v3-04-kfence-pick-moves-oversize-sheaf-return-warns': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-06-weak-gfp-keeps-new-slab-vector-nests': "the nested vector kmalloc carries SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (its trace gfp)",
      'rfc08-kfence-pick-moves-krealloc-growth-stale': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc05-trynode-upgrade-stays-on-node-fallback-meets-failures': "the nested vector kmalloc carries SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (its trace gfp)",
      'v3-08-vector-enables-memcg-charge-cache-alloc-fails': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-14-kfence-serves-oversize-sheaf-return-warns': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc06-weak-gfp-bulk-waits-for-list-lock-no-new-slab': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc08-vector-lets-oversize-sheaf-land-return-warns': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'rfc07-weak-gfp-slab-oversize-prefill-sheaf-free-warns': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-08-vector-lets-bulk-charge-later-charge-finds-it': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-07-weak-gfp-interrupt-slab-later-no-kswapd': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-07-weak-gfp-slab-later-nolock-fails': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-07-weak-gfp-refill-stocks-sheaf-later-vector-oom': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-06-trynode-no-kswapd-later-nolock-fails': "the nested vector kmalloc carries SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (its trace gfp)",
      'v3-06-trynode-failure-budget-vector-fails': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-14-thisnode-vector-attempt-wakes-kswapd': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-14-thisnode-kfence-pick-moves-vector-later': "the nested sheaf and vector kmallocs carry SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their trace gfp)",
      'v3-15-no-obj-ext-reclaim-caller-sheaf-vector-fail': "slab no longer tests __GFP_NO_OBJ_EXT: the GFP_KERNEL|__GFP_NO_OBJ_EXT kmalloc() allocates an empty sheaf (its refill fails after direct reclaim) and is tagged, so its slab needs an obj_exts vector, whose kmalloc fails under the failing page allocations (warn_alloc, slab_out_of_memory, vector warning, inaccurate tag)",
      'v3-14-thisnode-vector-attempt-no-longer-reclaims': "the nested sheaf and vector kmallocs are traced (and reported) without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'v3-07-trynode-normal-allocator-uses-failure-budget': "the nested vector kmalloc is traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks it instead)",
      'v3-14-thisnode-vector-from-other-node': "the nested sheaf and vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'v3-15-no-obj-ext-caller-vector-fails-early-boot': "__GFP_NO_OBJ_EXT is gone: the kmalloc_nolock() caller passing it trips the gfp VM_WARN and is tagged, so its slab needs a vector that cannot get a page in early boot (warning, inaccurate tag)",
      'rfc13-kfence-pick-moves-failing-bulk': "the nested sheaf kmalloc is traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks it instead)",
      'rfc07-weak-gfp-interrupt-slab-later-nolock-trylock-path': "the nested sheaf and vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'rfc05-trynode-upgrade-later-kmalloc-nests-vector': "the nested vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'rfc01-init-on-alloc-krealloc-growth-both-promises': "the nested sheaf and vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'rfc07-weak-gfp-slab-takes-pages-later-atomic-charge-lost': "the nested sheaf and vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'rfc07-weak-gfp-slab-krealloc-grows-in-place-stale': "the nested sheaf and vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'rfc07-weak-gfp-interrupt-uses-failure-budget-no-reclaim': "the nested sheaf and vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'rfc04-kfence-pick-moves-bulk-vector-trynode-wakes-kswapd': "the nested sheaf and vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'rfc04-failure-budget-vector-warning-goes': "the nested sheaf and vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'rfc04-failure-budget-moves-to-memcg-charge-fail': "the nested sheaf and vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'rfc01-sheaf-kzalloc-leftover-contents-reused': "the nested sheaf kmalloc is traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks it instead)",
      'rfc07-weak-gfp-interrupt-slab-moves-direct-reclaim': "the nested sheaf and vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'rfc13-stocked-vector-enables-memcg-charge-fail': "the nested sheaf and vector kmallocs are traced (and their slab_out_of_memory reports printed) without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'rfc08-interrupt-vector-kmalloc-spares-later-reclaim': "the nested sheaf and vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'rfc04-weak-gfp-sheaf-moves-page-pressure-later-vector-fails': "the nested sheaf and vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'rfc04-weak-gfp-refill-uses-failure-budget-later-vector-served': "the nested sheaf and vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'baseline-nolock-memcg-charge-fail-spins-on-list-lock': "the prefill's nested sheaf allocation is marked by SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (its accounting record changes)",
      'rfc13-page-pressure-large-kmalloc-charge-lost': "the nested sheaf and vector allocations are marked by SLAB_ALLOC_NO_RECURSE instead of __GFP_NO_OBJ_EXT (their accounting records change)",
      'rfc13-page-pressure-kvmalloc-falls-back-to-vmalloc': "the failing nested vector kmalloc's slab_out_of_memory() report and trace print its gfp without __GFP_NO_OBJ_EXT",
      'rfc08-vector-takes-kfence-later-accounted-atomic-fails': "the nested sheaf and vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'rfc08-weak-gfp-vector-kmalloc-fails-where-nolock-was-served': "the nested sheaf and vector kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)",
      'rfc05-trynode-kswapd-earlier-later-bulk-nests-vector': "the nested sheaf kmalloc is traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks it instead)",
      'rfc13-boot-kfence-pick-moves-bulk': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now), and kmalloc_nolock(__GFP_NO_OBJ_EXT) trips the gfp VM_WARN',
      'rfc13-page-pressure-moves-to-later-allocation': "the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now) (the failing vector's slab_out_of_memory() report prints the new gfp)",
      'rfc13-stocked-nolock-object-krealloc-growth-stale': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'rfc14-kfence-pick-moves-krealloc-growth-stale': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'rfc14-vector-needed-again-charge-dropped': "the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now) (the failing vector's slab_out_of_memory() report prints the new gfp), and kmalloc_nolock(__GFP_NO_OBJ_EXT) trips the gfp VM_WARN",
      'rfc04-weak-gfp-sheaf-moves-kfence-pick': 'the nested sheaf kmalloc is traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks it instead)',
      'rfc05-weak-gfp-trynode-object-krealloc-in-place': 'the nested sheaf kmalloc is traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks it instead)',
      'rfc06-weak-gfp-contended-partial-vector-fails': 'the nested sheaf kmallocs are traced without __GFP_NO_OBJ_EXT (SLAB_ALLOC_NO_RECURSE marks them instead)',
      'rfc07-trynode-mask-no-kswapd-later-nolock-fails': '__GFP_NO_OBJ_EXT is no longer passed on the nested sheaf and vector requests (SLAB_ALLOC_NO_RECURSE instead): only their trace gfp changes',
      'rfc07-trynode-mask-no-kswapd-later-vector-fails': '__GFP_NO_OBJ_EXT is no longer passed on the nested sheaf and vector requests (SLAB_ALLOC_NO_RECURSE instead): only their trace gfp changes',
      'rfc07-trynode-mask-nolock-vector-drops-memcg-charge': '__GFP_NO_OBJ_EXT is no longer passed on the nested sheaf and vector requests (SLAB_ALLOC_NO_RECURSE instead): only their trace gfp changes',
      'rfc07-weak-gfp-bulk-takes-pages-later-atomic-fails': '__GFP_NO_OBJ_EXT is no longer passed on the nested sheaf and vector requests (SLAB_ALLOC_NO_RECURSE instead): only their trace gfp changes',
      'rfc07-weak-gfp-refill-fresh-slab-vector-succeeds': '__GFP_NO_OBJ_EXT is no longer passed on the nested sheaf and vector requests (SLAB_ALLOC_NO_RECURSE instead): only their trace gfp changes',
      'rfc08-boot-vector-enables-memcg-charge-bulk-fails': '__GFP_NO_OBJ_EXT is no longer passed on the nested sheaf and vector requests (SLAB_ALLOC_NO_RECURSE instead): only their trace gfp changes',
      'rfc08-boot-vector-enables-memcg-charge-cache-alloc-fails': '__GFP_NO_OBJ_EXT is no longer passed on the nested sheaf and vector requests (SLAB_ALLOC_NO_RECURSE instead): only their trace gfp changes',
      'rfc08-boot-vector-kmalloc-fails-later-krealloc-untagged': '__GFP_NO_OBJ_EXT is no longer passed on the nested sheaf and vector requests (SLAB_ALLOC_NO_RECURSE instead): only their trace gfp changes',
      'rfc08-boot-vector-moves-outer-object': '__GFP_NO_OBJ_EXT is no longer passed on the nested sheaf and vector requests (SLAB_ALLOC_NO_RECURSE instead): only their trace gfp changes',
      'rfc08-kfence-pick-moves-free-injection-untagged': '__GFP_NO_OBJ_EXT is no longer passed on the nested sheaf and vector requests (SLAB_ALLOC_NO_RECURSE instead): only their trace gfp changes',
      'rfc08-vector-kfence-pick-later-atomic-fails': '__GFP_NO_OBJ_EXT is no longer passed on the nested sheaf and vector requests (SLAB_ALLOC_NO_RECURSE instead): only their trace gfp changes',
      'rfc07-weak-gfp-vector-without-cmpxchg16b': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'atomic-in-irq-contexts': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'early-boot-memcg-vector': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'early-boot-no-cmpxchg16b': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'init-on-alloc-ctor-rcu': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'kfence-kzalloc': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'kmalloc-const-size': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'kmalloc-fastpath': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'kmalloc-no-reclaim-empty-sheaves': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'kmem-cache-no-reclaim-debugobjects': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'kmemleak-no-reclaim': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'krealloc-init-on-alloc': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'krealloc-shrink-grow': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'kvmalloc-and-large-kmalloc': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'kzalloc-tail-zeroing': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'memcg-charge-and-failure': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'memcg-late-charge': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'memory-pressure-kswapd': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'nmi-kmalloc-zone-lock-deadlock': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'no-obj-ext-gfp-caller': 'a caller passing __GFP_NO_OBJ_EXT now gets sheaves and an allocation tag (with an obj_exts vector), and its free no longer warns about a missing tag',
      'nolock-gfp-and-memcg': 'kmalloc_nolock(__GFP_NO_OBJ_EXT) trips the gfp VM_WARN (once, so not later for GFP_KERNEL), and its object is tagged (nolock vector)',
      'nolock-nmi-in-page-alloc': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'nolock-nmi-pcs-locked': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'nolock-no-cmpxchg16b': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'nolock-preempt-rt': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'nolock-trylock-contention': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'nolock-up-nmi': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'nolock-zone-lock-busy-largest-bucket': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'objexts-install-race': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'prefill-sheaf-lifecycle': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'prefill-sheaf-no-reclaim': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'profiling-kmalloc-sheaf-lifecycle': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'profiling-vector-recursion-guard': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'rfc04-weak-gfp-bulk-vector-fails-in-deferred-init': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'rfc07-weak-gfp-new-slab-nests-vector': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'rfc08-kfence-pick-moves-sheaf-size': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'rfc13-boot-vectors-serve-early-nolock': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'rfc13-stocked-slab-serves-nolock-krealloc-in-place': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'baseline-direct-reclaim-trynode-wakes-kswapd': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'rfc01-kzalloc-krealloc-growth-not-zeroed': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'rfc05-weak-gfp-trynode-slab-vector-fails': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'rfc07-weak-gfp-slab-failure-now-warns': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'rfc13-boot-stock-serves-allocation-without-memory': 'the nested kmalloc of a kmalloc-cache sheaf or obj_exts vector no longer shows __GFP_NO_OBJ_EXT in its gfp (the marker is SLAB_ALLOC_NO_RECURSE now)',
      'rfc04-weak-gfp-refill-flush-leaves-vectorless-slab': 'kmalloc-cache sheaves are allocated with kmalloc_flags(SLAB_ALLOC_NO_RECURSE) instead of __GFP_NO_OBJ_EXT (the nested trace gfp changes)',
      'rfc04-weak-gfp-sheaf-alloc-failure-reported': 'kmalloc-cache sheaves are allocated with kmalloc_flags(SLAB_ALLOC_NO_RECURSE) instead of __GFP_NO_OBJ_EXT (the nested trace gfp changes)',
      'rfc07-weak-gfp-kzalloc-krealloc-growth-not-zeroed': 'kmalloc-cache sheaves are allocated with kmalloc_flags(SLAB_ALLOC_NO_RECURSE) instead of __GFP_NO_OBJ_EXT (the nested trace gfp changes)',
      'rfc07-weak-gfp-object-krealloc-in-place': 'kmalloc-cache sheaves are allocated with kmalloc_flags(SLAB_ALLOC_NO_RECURSE) instead of __GFP_NO_OBJ_EXT (the nested trace gfp changes)',
      'rfc08-vector-stock-nests-later-nolock': 'kmalloc-cache sheaves are allocated with kmalloc_flags(SLAB_ALLOC_NO_RECURSE) instead of __GFP_NO_OBJ_EXT (the nested trace gfp changes)',
      'rfc08-weak-gfp-vector-failure-reported': 'kmalloc-cache sheaves are allocated with kmalloc_flags(SLAB_ALLOC_NO_RECURSE) instead of __GFP_NO_OBJ_EXT (the nested trace gfp changes)',
      'rfc14-oversize-kmalloc-sheaf-return-untagged': 'kmalloc-cache sheaves are allocated with kmalloc_flags(SLAB_ALLOC_NO_RECURSE) instead of __GFP_NO_OBJ_EXT (the nested trace gfp changes)',
      'rfc14-boot-kfence-pick-moves': 'kmalloc-cache sheaves are allocated with kmalloc_flags(SLAB_ALLOC_NO_RECURSE) instead of __GFP_NO_OBJ_EXT (the nested trace gfp changes)',
    },
  },
];
