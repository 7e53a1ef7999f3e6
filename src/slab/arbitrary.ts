// Generated SLUB scenarios for `slabseries explore`: a fast-check arbitrary of scenario files,
// model-based (a machine configuration, caches, then a sequence of operations whose handles refer
// to objects that exist at that point), weighted towards the paths the series changes: weak and
// no-reclaim gfp masks, early and deferred boot, kmalloc and own caches with SLAB_ACCOUNT and debug
// flags, obj_exts vectors (memcg, profiling), sheaves, remote nodes, krealloc, bulk, and
// kmalloc_nolock in every context, with interrupts injected at every point.
//
// Only valid uses of the API are generated, as the kernel documents them, so that a finding is a
// finding about the series and not about a caller breaking the rules:
// * atomic context (softirq, hardirq, injected interrupts) uses gfp without __GFP_DIRECT_RECLAIM
//   (might_alloc(): might_sleep_if(gfpflags_allow_blocking()); memory-allocation.rst: GFP_NOWAIT or
//   GFP_ATOMIC from interrupt handlers); NMI runs only kmalloc_nolock()/kfree_nolock(), and so does
//   hardirq context on PREEMPT_RT (spinlocks sleep there);
// * kmalloc_nolock(), and kmalloc_flags() with SLAB_ALLOC_TRYLOCK (which goes the same way), get
//   only the gfp bits its kernel-doc allows (__GFP_ACCOUNT, __GFP_ZERO, __GFP_NO_OBJ_EXT; anything
//   else trips its VM_WARN_ON_ONCE);
// * kfree_nolock() frees only objects of kmalloc_nolock() (its comment: "ONLY for objects allocated
//   by kmalloc_nolock()"); a kvmalloc() object is freed only with kvfree() and never passed to
//   krealloc() or kmem_cache_charge() (it may be vmalloc memory);
// * kvmalloc() runs in task context with a GFP_KERNEL-compatible mask, GFP_NOWAIT or GFP_ATOMIC
//   (its kernel-doc: "__GFP_NORETRY ... is not" supported);
// * no __GFP_ZERO (nor kmem_cache_zalloc) on a cache with a constructor (new_slab() WARNs on it);
// * ksize() only on kmalloc memory (its kernel-doc: "Report actual allocation size of a kmalloc'ed
//   object"), never on kvmalloc() memory, which may be vmalloc;
// * kmem_cache_destroy() only of a cache of the scenario's own with no object and no sheaf left
//   (slab_common.c warns "Objects remaining" otherwise: the caller's bug), after everything else;
// * pages of alloc_pages()/alloc_pages_nolock() are freed only with free_pages(), and in task
//   context; alloc_pages_nolock() may run in any context, alloc_pages() gets a sleeping mask only
//   in task context;
// * page_ext_init() only where page_ext comes up late (config.pageExtLate, with profiling), once;
// * an object allocated with __GFP_NO_OBJ_EXT or SLAB_ALLOC_NO_RECURSE is never freed: its
//   kernel-doc requires mark_obj_codetag_empty() before freeing it, which no caller API offers.
// Uses that the series itself changes stay, on purpose: gfp masks without reclaim bits for bulk
// allocation and sheaf prefill (the base's kmem_cache_alloc_bulk() kernel-doc says "must allow
// spinning" and refill_objects() WARNs; RFC 04 and RFC 10 lift both) and __GFP_NO_OBJ_EXT from a
// caller (RFC 14 stops honouring it, RFC 15 removes it).
//
// Templates shrink, not JSON: a free names "the k-th live object" (mod the number live), so every
// shrunk sequence still builds a valid scenario.

import fc from 'fast-check';
import { INJECTION_POINTS } from './scenario.ts';
import { GFP_COMBINATION_NAMES, GFP_EXTRA_PARSE_NAMES, TRACE_GFP_FLAGS_GENERAL, gfpflags_allow_spinning, gfpParseTable, parseGfp } from '../kernel/gfp.ts';
import { OPS } from './ops.ts';

/** gfp masks by weight: the reclaim classes the spin decisions key on, plus zeroing, placement, accounting. */
const GFPS: readonly (readonly [number, string])[] = [
  [6, 'GFP_KERNEL'],
  [3, 'GFP_KERNEL|__GFP_ZERO'],
  [2, 'GFP_KERNEL_ACCOUNT'],
  [3, 'GFP_NOWAIT'],
  [3, 'GFP_ATOMIC'],
  [3, '__GFP_HIGH|__GFP_NOWARN'],
  [2, '__GFP_NOWARN'],
  [3, '0'],
  [3, '__GFP_DIRECT_RECLAIM'],
  [1, '__GFP_KSWAPD_RECLAIM'],
  [2, 'GFP_KERNEL|__GFP_THISNODE'],
  [1, 'GFP_NOWAIT|__GFP_THISNODE|__GFP_ZERO'],
  [1, 'GFP_KERNEL|__GFP_NOFAIL'],
  [1, 'GFP_KERNEL|__GFP_NORETRY'],
  [1, 'GFP_ATOMIC|__GFP_ZERO|__GFP_ACCOUNT'],
];
/** Masks that never sleep (no __GFP_DIRECT_RECLAIM): what interrupt context may pass. */
const ATOMIC_GFPS: readonly (readonly [number, string])[] = [
  [4, 'GFP_ATOMIC'],
  [3, 'GFP_NOWAIT'],
  [2, '__GFP_HIGH|__GFP_NOWARN'],
  [1, '__GFP_NOWARN'],
  [1, '0'],
  [1, '__GFP_KSWAPD_RECLAIM'],
  [1, 'GFP_NOWAIT|__GFP_THISNODE|__GFP_ZERO'],
  [1, 'GFP_ATOMIC|__GFP_ZERO|__GFP_ACCOUNT'],
];
/** kvmalloc(): GFP_KERNEL-compatible, GFP_NOWAIT or GFP_ATOMIC (never __GFP_NORETRY). */
const KVMALLOC_GFPS = ['GFP_KERNEL', 'GFP_KERNEL|__GFP_ZERO', 'GFP_KERNEL_ACCOUNT', 'GFP_KERNEL|__GFP_NOFAIL', 'GFP_NOWAIT', 'GFP_ATOMIC'] as const;
/** kmalloc_nolock() takes only __GFP_ACCOUNT | __GFP_ZERO | __GFP_NO_OBJ_EXT (RFC 14 drops the last). */
const NOLOCK_GFPS: readonly (readonly [number, string])[] = [
  [3, '0'],
  [2, '__GFP_ZERO'],
  [2, '__GFP_ACCOUNT'],
  [1, '__GFP_ZERO|__GFP_ACCOUNT'],
  [1, '__GFP_NO_OBJ_EXT'],
];
/** A caller passing the slab-internal recursion guard (RFC 14 stops honouring it). */
const NO_OBJ_EXT_GFP = 'GFP_KERNEL|__GFP_NO_OBJ_EXT';
const SIZES = [8, 24, 40, 64, 100, 192, 256, 500, 1000, 2000, 3000, 5000, 9000] as const;
const CONTEXTS = ['task', 'softirq', 'hardirq', 'nmi'] as const;
const IRQ = ['softirq', 'hardirq', 'nmi'] as const;
const CACHE_FLAGS = ['SLAB_ACCOUNT', 'SLAB_RED_ZONE', 'SLAB_STORE_USER', 'SLAB_POISON', 'SLAB_TYPESAFE_BY_RCU', 'SLAB_HWCACHE_ALIGN', 'SLAB_NO_OBJ_EXT'] as const;

const weighted = (xs: readonly (readonly [number, string])[]) => fc.oneof(...xs.map(([weight, g]) => ({ weight, arbitrary: fc.constant(g) })));
const gfp = weighted(GFPS);
const atomicGfp = weighted(ATOMIC_GFPS);
const nolockGfp = weighted(NOLOCK_GFPS);
const size = fc.constantFrom(...SIZES);
const node = fc.constantFrom(-1, 0, 1);

/** The gfp without __GFP_ZERO (for a cache with a constructor). */
function withoutZero(g: string): string {
  const rest = g.split('|').filter((t) => t !== '__GFP_ZERO');
  return rest.length ? rest.join('|') : '0';
}
const hasTerm = (g: string, t: string) => g.split('|').includes(t);
/** Whether a mask charges memcg (__GFP_ACCOUNT, alone or in GFP_KERNEL_ACCOUNT): kmalloc_type() then picks the kmalloc-cg- caches. */
const accounted = (g: string) => hasTerm(g, '__GFP_ACCOUNT') || hasTerm(g, 'GFP_KERNEL_ACCOUNT');
/**
 * A dirty slot: kmalloc(size) from the kmalloc caches a later request with `gfp` uses (kmalloc-cg-
 * for an accounted one), written with `value` and freed, so that the next request of that bucket
 * reuses a slot holding old data (what zeroing only the requested size, RFC 01, leaves behind).
 */
function dirtiedSlot(size: number, gfp: string, value: number, handle: string): Record<string, unknown>[] {
  return [
    { op: 'kmalloc', size, gfp: accounted(gfp) ? 'GFP_KERNEL_ACCOUNT' : 'GFP_KERNEL', as: handle },
    { op: 'write', obj: handle, offset: 0, length: size, value },
    { op: 'kfree', obj: handle },
  ];
}

type Nested = { op: 'kmalloc_nolock'; size: number; gfp: string } | { op: 'kmalloc'; size: number; gfp: string };
const nested: fc.Arbitrary<Nested> = fc.oneof(
  fc.record({ op: fc.constant('kmalloc_nolock' as const), size, gfp: nolockGfp }),
  fc.record({ op: fc.constant('kmalloc' as const), size, gfp: fc.constantFrom('GFP_ATOMIC', 'GFP_NOWAIT', '__GFP_HIGH|__GFP_NOWARN') }),
);
const injection = fc.record({ at: fc.constantFrom(...INJECTION_POINTS), context: fc.constantFrom(...IRQ), ops: fc.array(nested, { minLength: 1, maxLength: 2 }), cache: fc.option(fc.constantFrom('kmalloc-64', 'kmalloc-256', 'c0'), { nil: undefined }) });

/**
 * How krealloc() resizes: to the same size, up to the end of the object's kmalloc bucket (growth in
 * place, where the bytes between the old and the new size must be zeroed under __GFP_ZERO), or to
 * any size of SIZES (shrink, or growth into a new object).
 */
type Resize = { how: 'same' | 'fill' } | { how: 'to'; size: number };
const resize: fc.Arbitrary<Resize> = fc.oneof(
  { weight: 3, arbitrary: size.map((sz): Resize => ({ how: 'to', size: sz })) },
  { weight: 2, arbitrary: fc.constant<Resize>({ how: 'fill' }) },
  { weight: 1, arbitrary: fc.constant<Resize>({ how: 'same' }) },
);
/** The kmalloc caches' object sizes (kmalloc-8 … kmalloc-8k). */
const KMALLOC_BUCKETS = [8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192] as const;
/** The kmalloc bucket of a request (kmalloc_size_roundup()): the kmalloc caches, then whole pages (power of two). */
function kmallocBucket(n: number): number {
  for (const b of KMALLOC_BUCKETS) if (n <= b) return b;
  let b = 8192;
  while (b < n) b *= 2;
  return b;
}
/**
 * krealloc()'s gfp, and whether it keeps __GFP_ZERO: its kernel-doc asks for __GFP_ZERO on every
 * allocation of memory that is to stay zeroed (kzalloc() then krealloc(__GFP_ZERO)), so `zero` adds it
 * when the object was allocated zeroed.
 */
const kreallocGfp = fc.record({ gfp, zero: fc.oneof({ weight: 1, arbitrary: fc.constant(false) }, { weight: 2, arbitrary: fc.constant(true) }) });
/**
 * A slot used and freed before the object that gets it: kmalloc(first) writes its requested bytes
 * and is kfree()d, then a kmalloc()/kzalloc() of `second` bytes from the same kmalloc cache (or
 * another API's allocation from that cache, `reuser` below) takes the slot (the CPU's sheaf is
 * LIFO), so the bytes past `second` hold the earlier caller's data
 * unless something zeroes them: the slack that init_on_alloc, init_on_free, __GFP_ZERO and
 * krealloc()'s growth promises are about (without it a slab's slack is fresh-page garbage only).
 */
// (previous bucket, bucket] for kmalloc-32 … kmalloc-4k: both sizes of a pair land in one cache.
const BUCKET_RANGES = KMALLOC_BUCKETS.slice(2, -1).map((hi, i) => [KMALLOC_BUCKETS[i + 1], hi] as const);
// The allocation that takes the slot: kmalloc()/kzalloc() mostly, and one in three another API that
// allocates from that kmalloc cache (kmalloc_nolock(), kmem_cache_alloc() or a bulk allocation of
// one naming it): the init_on_free red zone the base keeps (slab_free_hook()) is met by each.
const reuser = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('kmalloc' as const, 'kzalloc' as const) },
  { weight: 1, arbitrary: fc.constantFrom('kmalloc_nolock' as const, 'kmem_cache_alloc' as const, 'kmem_cache_alloc_bulk' as const) },
);
const reuse = fc.constantFrom(...BUCKET_RANGES).chain(([lo, hi]) =>
  fc.record({ t: fc.constant('reuse' as const), first: fc.integer({ min: lo + 1, max: hi }), second: fc.integer({ min: lo + 1, max: hi }), value: fc.integer({ min: 1, max: 255 }), op: reuser, gfp, nolockGfp }),
);
/** Prefilled sheaf sizes: mostly within the capacity, sometimes oversize (kmem_cache_prefill_sheaf() then allocates a sheaf of that size). */
const sheafSize = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 40 }) }, { weight: 2, arbitrary: fc.constantFrom(64, 100, 130) });
/** Page allocations that fail: a few (a transient failure) or many (out of memory for the rest of the scenario). */
const failCount = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 2, arbitrary: fc.constantFrom(16, 64, 1000) });
/**
 * The memory state a scenario starts in, before its first operation, each part independently: a node
 * at or below a watermark (kswapd wake-ups, reserves, direct reclaim, the failure reports of weak gfp
 * masks), a node whose page allocations fail, and (with memcg) a memcg limit already reached or
 * nearly (charges that fail: the charge_fail paths the series moves). Plenty of everything when all
 * three are absent; a combination of them is what several of the series' findings need, so it is
 * not left to the operations to set up.
 */
type Memory = { pressure: { node: number; free: number } | null; fail: { node: number; count: number } | null; memcgLimit: number | null };
/** Absent (null) `absent` times in `absent + 1`; shrinks to absent. */
const rarely = <T>(arb: fc.Arbitrary<T>, absent: number) => fc.oneof({ weight: absent, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });
const memory: fc.Arbitrary<Memory> = fc.record({
  pressure: rarely(fc.record({ node: fc.nat(1), free: fc.constantFrom(0, 40, 100) }), 2),
  fail: rarely(fc.record({ node: fc.nat(1), count: failCount }), 3),
  memcgLimit: rarely(fc.constantFrom(0, 50, 4096), 2),
});

type Ctx = (typeof CONTEXTS)[number];
/** One operation before handles are resolved. */
type Template =
  | { t: 'alloc'; op: 'kmalloc' | 'kzalloc' | 'kmalloc_node' | 'kmalloc_track_caller'; size: number; gfp: string; node: number; context: Ctx }
  | { t: 'kcalloc'; n: number; size: number; gfp: string; context: Ctx }
  | { t: 'kv'; size: number; gfp: string; node: number }
  | { t: 'lru'; cache: number; gfp: string; context: Ctx }
  | { t: 'ksize'; k: number }
  | { t: 'validate'; cache: number }
  | { t: 'pages'; nolock: boolean; order: number; gfp: string; node: number; context: Ctx }
  | { t: 'page-ext' }
  | { t: 'nolock'; size: number; gfp: string; node: number; context: Ctx }
  | { t: 'flags'; size: number; gfp: string; flags: string }
  | { t: 'cache'; op: 'kmem_cache_alloc' | 'kmem_cache_zalloc' | 'kmem_cache_alloc_node'; cache: number; gfp: string; node: number; context: Ctx }
  | { t: 'free'; op: 'kfree' | 'kfree_nolock' | 'kvfree'; k: number; context: Ctx }
  | { t: 'krealloc'; k: number; resize: Resize; gfp: { gfp: string; zero: boolean }; from: { size: number; gfp: string; zero: boolean } }
  | { t: 'bulk'; cache: number; count: number; gfp: string; free: boolean }
  | { t: 'sheaf'; cache: number; size: number; gfp: string; take: number }
  | { t: 'write'; k: number; value: number }
  | { t: 'reuse'; first: number; second: number; value: number; op: 'kmalloc' | 'kzalloc' | 'kmalloc_nolock' | 'kmem_cache_alloc' | 'kmem_cache_alloc_bulk'; gfp: string; nolockGfp: string }
  | { t: 'charge'; k: number; gfp: string }
  | { t: 'env'; op: 'finish_early_boot' | 'finish_deferred_page_init' | 'run_kswapd' | 'irq_work' }
  | { t: 'pressure'; node: number; free: number }
  | { t: 'fail'; node: number; count: number }
  | { t: 'memcg-limit'; bytes: number | null }
  | { t: 'hold'; lock: 'list_lock' | 'barn' | 'zone'; cache: number; node: number }
  | { t: 'barn'; cache: number; extra: number; rest: number; drain: number; gfp: string; inj: { context: (typeof IRQ)[number]; ops: Nested[] } };

/**
 * A cache's sheaf capacity as calculate_sheaf_capacity() (mm/slub.c) sets it: by the object's
 * size with its alignment and free pointer, rounded up so that the sheaf fills its kmalloc bucket;
 * none for a debug cache or one without obj_exts. An estimate for the generator only (slub_debug
 * on the command line is not looked at): a wrong one only means the interrupt does not fire.
 */
export function sheafCapacityOf(objectSize: number, flags: readonly string[], ctor: boolean): number {
  if (flags.some((f) => f === 'SLAB_RED_ZONE' || f === 'SLAB_STORE_USER' || f === 'SLAB_POISON' || f === 'SLAB_NO_OBJ_EXT')) return 0;
  let size = Math.ceil(objectSize / 8) * 8;
  if (flags.includes('SLAB_HWCACHE_ALIGN')) size = Math.ceil(size / 64) * 64;
  // The free pointer moves out of the object for SLAB_TYPESAFE_BY_RCU and constructors.
  if (flags.includes('SLAB_TYPESAFE_BY_RCU') || ctor) size += 8;
  const capacity = size < 256 ? 60 : size < 1024 ? 26 : size < 4096 ? 12 : 4;
  const bytes = 32 + capacity * 8; // SLAB_SHEAF_HEADER + capacity pointers
  return Math.floor((kmallocBucket(bytes) - 32) / 8);
}

/**
 * The counts that make a CPU's next allocation from a cache meet its barn holding a full sheaf,
 * so that barn_replace_empty_sheaf() takes the barn lock with a full sheaf to hand out: free
 * 2 + extra sheaves' worth and `rest` more (main and spare full, extra + 1 full sheaves in the
 * barn — or the rest in main), then allocate the rest and one or two sheaves' worth, leaving main
 * and spare empty and a full sheaf in the barn.
 */
export function barnCycle(capacity: number, extra: number, rest: number, drain: number): { free: number; drain: number } {
  const r = 1 + (rest % Math.max(1, capacity - 1));
  return { free: capacity * (2 + extra) + r, drain: r + capacity * (1 + Math.min(drain, extra)) };
}

/** A caller's context and a gfp it may pass there: any mask in task context, a non-sleeping one in an interrupt. */
const ctxGfp = (taskGfp: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ context: fc.constant('task' as Ctx), gfp: taskGfp }) },
    { weight: 1, arbitrary: fc.record({ context: fc.constantFrom<Ctx>(...IRQ), gfp: atomicGfp }) },
  );
const allocGfp = fc.oneof({ weight: 30, arbitrary: gfp }, { weight: 1, arbitrary: fc.constant(NO_OBJ_EXT_GFP) });
const ALLOC_FLAGS = ['SLAB_ALLOC_DEFAULT', 'SLAB_ALLOC_TRYLOCK', 'SLAB_ALLOC_NO_RECURSE', 'SLAB_ALLOC_TRYLOCK|SLAB_ALLOC_NO_RECURSE'] as const;

type Injected = typeof injection extends fc.Arbitrary<infer I> ? I : never;
// Weights: krealloc 4, injected page failures 2 and memcg limits 2 (were 3, 1, 1) because the approved
// findings a 120 s run missed used them two to three times as often as those it found (fail_page_allocs in
// 39 % against 16 %, krealloc 47 % against 26 %, set_memcg_limit 18 % against 11 %); at a fixed 20,000 runs
// the change found 160/152/149 approved signatures against 157/150/148 (seeds 7, 11, 29; README).
// The barn's sheaf exchange with an interrupt while its lock is held (injection point barn_locked):
// no other template gets there (a 30 s run never did), see barnCycle(). Rare, because its hundred or
// two bulk objects cost: at one template in 51 a 30 s run judged 18 % fewer scenarios (136 → 112/s),
// at one in 201 about 9 % fewer; at one in 401 the rate is within the noise (three alternating
// pairs of 30 s runs, seed 7) and the point still fires 80-112 times in 30 s.
const barnTemplate: fc.Arbitrary<Template> = fc.record({ t: fc.constant('barn' as const), cache: fc.nat(3), extra: fc.nat(1), rest: fc.nat(7), drain: fc.nat(1), gfp, inj: fc.record({ context: fc.constantFrom(...IRQ), ops: fc.array(nested, { minLength: 1, maxLength: 2 }) }) });
const template: fc.Arbitrary<{ tpl: Template; inject: Injected | null }> = fc.record({
  tpl: fc.oneof({ weight: 400, arbitrary: fc.oneof(
    { weight: 7, arbitrary: fc.tuple(fc.constantFrom('kmalloc', 'kzalloc', 'kmalloc_node', 'kmalloc_track_caller'), size, node, ctxGfp(allocGfp)).map(([op, sz, nd, c]): Template => ({ t: 'alloc', op, size: sz, node: nd, ...c })) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('kv' as const), size, gfp: fc.constantFrom(...KVMALLOC_GFPS), node }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(2, 3, 16), fc.constantFrom(8, 24, 64, 100), ctxGfp(gfp)).map(([n, sz, c]): Template => ({ t: 'kcalloc', n, size: sz, ...c })) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(3), ctxGfp(gfp)).map(([cache, c]): Template => ({ t: 'lru', cache, ...c })) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('ksize' as const), k: fc.nat(7) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('validate' as const), cache: fc.nat(3) }) },
    { weight: 1, arbitrary: fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 3 }), node, ctxGfp(gfp)).map(([nolock, order, nd, c]): Template => ({ t: 'pages', nolock, order, node: nd, gfp: c.gfp, context: nolock ? c.context : 'task' })) },
    { weight: 1, arbitrary: fc.constant<Template>({ t: 'page-ext' }) },
    { weight: 4, arbitrary: fc.record({ t: fc.constant('nolock' as const), size, gfp: nolockGfp, node, context: fc.constantFrom(...CONTEXTS) }) },
    { weight: 1, arbitrary: fc.constantFrom(...ALLOC_FLAGS).chain((flags) => fc.record({ t: fc.constant('flags' as const), size, gfp: flags.includes('TRYLOCK') ? nolockGfp : gfp, flags: fc.constant(flags) })) },
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom('kmem_cache_alloc', 'kmem_cache_zalloc', 'kmem_cache_alloc_node'), fc.nat(3), node, ctxGfp(gfp)).map(([op, cache, nd, c]): Template => ({ t: 'cache', op, cache, node: nd, ...c })) },
    { weight: 6, arbitrary: fc.record({ t: fc.constant('free' as const), op: fc.constantFrom('kfree', 'kfree', 'kfree_nolock', 'kvfree'), k: fc.nat(7), context: fc.oneof({ weight: 4, arbitrary: fc.constant('task' as Ctx) }, { weight: 1, arbitrary: fc.constantFrom<Ctx>(...IRQ) }) }) },
    { weight: 4, arbitrary: fc.record({ t: fc.constant('krealloc' as const), k: fc.nat(7), resize, gfp: kreallocGfp, from: fc.record({ size, gfp, zero: fc.boolean() }) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('bulk' as const), cache: fc.nat(3), count: fc.integer({ min: 1, max: 40 }), gfp, free: fc.boolean() }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('sheaf' as const), cache: fc.nat(3), size: sheafSize, gfp, take: fc.integer({ min: 0, max: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('write' as const), k: fc.nat(7), value: fc.integer({ min: 1, max: 255 }) }) },
    { weight: 1, arbitrary: reuse },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('charge' as const), k: fc.nat(7), gfp }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('env' as const), op: fc.constantFrom('finish_early_boot', 'finish_deferred_page_init', 'run_kswapd', 'irq_work') }) },
    { weight: 1, arbitrary: fc.record({ t: fc.constant('pressure' as const), node: fc.nat(1), free: fc.constantFrom(0, 40, 100, 150) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('fail' as const), node: fc.nat(1), count: failCount }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('memcg-limit' as const), bytes: fc.constantFrom(null, 0, 4096) }) },
    { weight: 2, arbitrary: fc.record({ t: fc.constant('hold' as const), lock: fc.constantFrom('list_lock', 'barn', 'zone'), cache: fc.nat(3), node: fc.nat(1) }) },
  ) }, { weight: 1, arbitrary: barnTemplate }),
  inject: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: injection }),
});

const cacheDecl = fc.record({ size: fc.constantFrom(16, 64, 200, 700), flags: fc.subarray([...CACHE_FLAGS], { maxLength: 2 }), ctor: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) });

const config = fc.record({
  nodes: fc.constantFrom(1, 2),
  boot: fc.oneof({ weight: 2, arbitrary: fc.constant('running') }, { weight: 1, arbitrary: fc.constant('early') }, { weight: 1, arbitrary: fc.constant('deferred') }),
  memcg: fc.boolean(),
  profiling: fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  // The debug mode is what makes a lost or doubled tag visible (alloc_tag_sub_check(), the empty codetag).
  profilingDebug: fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  pageExtLate: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  initOnAlloc: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  initOnFree: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  preemptRt: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  cmpxchg16b: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  // KFENCE picks by count: a step that adds or drops an allocation moves its pick (several findings).
  kfence: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  slubDebug: fc.oneof(
    { weight: 20, arbitrary: fc.constant(null) },
    { weight: 4, arbitrary: fc.record({ flags: fc.subarray(['F', 'Z', 'P', 'U'], { minLength: 1 }), caches: fc.constantFrom(['kmalloc-*'], ['c0'], []) }) },
    // kmalloc red zoning with orig_size tracking (slub_debug=ZU,kmalloc-*), without poisoning: what
    // keeps the red zone past orig_size through init_on_free (slab_free_hook()) and krealloc().
    // From the record above alone it was 1 configuration in about 160, and 1 in about 950 with
    // init_on_free too; now 1 in 22 and 1 in 110 (weights chosen by rediscovery, README).
    { weight: 1, arbitrary: fc.constant({ flags: ['Z', 'U'], caches: ['kmalloc-*'] }) },
  ),
});

export interface GeneratedScenario {
  name: string;
  description: string;
  decisions: string[];
  config: Record<string, unknown>;
  caches: { name: string; size: number; flags: string[]; ctor: boolean }[];
  ops: Record<string, unknown>[];
}

/** Build a valid scenario from templates: handles resolved against the objects live at that point. */
type Cfg = typeof config extends fc.Arbitrary<infer C> ? C : never;

/** The names a series gives what the generator needs: the RFC's SLAB_ALLOC_TRYLOCK is v3's SLAB_ALLOC_NOLOCK. */
export interface SeriesNames {
  nolock: string;
}

function build(name: string, cfg: Cfg, mem: Memory, caches: { size: number; flags: string[]; ctor: boolean }[], tpls: { tpl: Template; inject: Injected | null }[], names: SeriesNames, maxOps: number, destroy: boolean): GeneratedScenario {
  const cacheNames = ['kmalloc-64', ...caches.map((_, i) => `c${i}`)];
  const cacheOf = (i: number) => cacheNames[i % cacheNames.length];
  const ctorCaches = new Set(caches.flatMap((c, i) => (c.ctor ? [`c${i}`] : [])));
  /** The gfp a cache may be given: no __GFP_ZERO where there is a constructor. */
  const gfpFor = (cache: string, g: string) => (ctorCaches.has(cache) ? withoutZero(g) : g);
  /**
   * Live objects. kind says how the object may be freed: 'nolock' (kmalloc_nolock() or the TRYLOCK
   * kmalloc_flags(): kfree_nolock() too), 'kv' (kvmalloc(): kvfree() only, no krealloc or charge),
   * 'kept' (__GFP_NO_OBJ_EXT or SLAB_ALLOC_NO_RECURSE: never freed), 'page' (alloc_pages(): only
   * free_pages()), 'plain' otherwise.
   */
  const live: { handle: string; cache: string | null; requested: number; kind: 'plain' | 'nolock' | 'kv' | 'kept' | 'page'; zero: boolean }[] = [];
  const ops: Record<string, unknown>[] = [];
  const sheaves: string[] = [];
  /** Caches with a sheaf the caller still holds (kmem_cache_refill_sheaf() keeps it). */
  const heldSheaf = new Set<string>();
  let pageExt = false;
  let n = 0;
  const handle = () => `h${n++}`;
  /** The k-th (mod count) live object that passes ok, taken off the list; null when none does. */
  const pick = (k: number, ok: (o: (typeof live)[number]) => boolean) => {
    const idx = live.flatMap((o, i) => (ok(o) ? [i] : []));
    return idx.length ? live.splice(idx[k % idx.length], 1)[0] : null;
  };
  const peek = (k: number, ok: (o: (typeof live)[number]) => boolean) => {
    const xs = live.filter(ok);
    return xs.length ? xs[k % xs.length] : null;
  };
  let held = false;
  // Contexts a caller may use: only kmalloc_nolock()/kfree_nolock() may run in NMI, and on PREEMPT_RT
  // nothing but them may run in hardirq context (spinlocks sleep there).
  const okCtx = (c: Ctx) => (c === 'nmi' || (c === 'hardirq' && cfg.preemptRt) ? 'softirq' : c);
  // A node the machine has (the template may name node 1 on a one-node machine).
  const nd = (x: number) => (x < cfg.nodes ? x : -1);
  const kept = (g: string) => hasTerm(g, '__GFP_NO_OBJ_EXT');
  const zeroed = (g: string) => hasTerm(g, '__GFP_ZERO');
  // The memory state the scenario starts in (a node the machine has).
  if (mem.pressure) ops.push({ op: 'set_watermarks', node: mem.pressure.node < cfg.nodes ? mem.pressure.node : 0, free: mem.pressure.free });
  if (mem.fail) ops.push({ op: 'fail_page_allocs', node: mem.fail.node < cfg.nodes ? mem.fail.node : 0, count: mem.fail.count });
  if (mem.memcgLimit !== null && cfg.memcg) ops.push({ op: 'set_memcg_limit', bytes: mem.memcgLimit });
  // Top-level operations one template adds at most (a sheaf's prefill, takes and refill or return; a
  // bulk allocation and its free; a held lock and its release come with the next operation).
  // A krealloc() with no kmalloc object to resize allocates one first.
  const resizable = (x: (typeof live)[number]) => !x.cache && (x.kind === 'plain' || x.kind === 'nolock');
  const cost = (t: Template) => (t.t === 'sheaf' ? 2 + t.take : t.t === 'reuse' || t.t === 'barn' ? 4 : t.t === 'bulk' ? (t.free ? 2 : 1) : t.t === 'hold' ? 3 : t.t === 'krealloc' && !live.some(resizable) ? 2 : 1);
  for (const { tpl, inject } of tpls) {
    // At most maxOps top-level operations: a template that would not fit is left out.
    if (ops.length + cost(tpl) + (held ? 1 : 0) > maxOps) continue;
    let op: Record<string, unknown> | null = null;
    switch (tpl.t) {
      case 'alloc': {
        const h = handle();
        op = { op: tpl.op, size: tpl.size, gfp: tpl.gfp, as: h, ...(tpl.op === 'kmalloc_node' ? { node: nd(tpl.node) } : {}), ...(okCtx(tpl.context) !== 'task' ? { context: okCtx(tpl.context) } : {}) };
        live.push({ handle: h, cache: null, requested: tpl.size, kind: kept(tpl.gfp) ? 'kept' : 'plain', zero: tpl.op === 'kzalloc' || zeroed(tpl.gfp) });
        break;
      }
      case 'kv': {
        const h = handle();
        op = { op: 'kvmalloc', size: tpl.size, gfp: tpl.gfp, as: h, ...(nd(tpl.node) !== -1 ? { node: nd(tpl.node) } : {}) };
        live.push({ handle: h, cache: null, requested: tpl.size, kind: 'kv', zero: zeroed(tpl.gfp) });
        break;
      }
      case 'nolock': {
        const h = handle();
        op = { op: 'kmalloc_nolock', size: tpl.size, gfp: tpl.gfp, node: nd(tpl.node), as: h, ...(tpl.context !== 'task' ? { context: tpl.context } : {}) };
        live.push({ handle: h, cache: null, requested: tpl.size, kind: kept(tpl.gfp) ? 'kept' : 'nolock', zero: zeroed(tpl.gfp) });
        break;
      }
      case 'flags': {
        const h = handle();
        op = { op: 'kmalloc_flags', size: tpl.size, gfp: tpl.gfp, alloc_flags: tpl.flags.replace('SLAB_ALLOC_TRYLOCK', names.nolock), as: h };
        live.push({ handle: h, cache: null, requested: tpl.size, kind: kept(tpl.gfp) || tpl.flags.includes('NO_RECURSE') ? 'kept' : tpl.flags.includes('TRYLOCK') ? 'nolock' : 'plain', zero: zeroed(tpl.gfp) });
        break;
      }
      case 'cache': {
        const h = handle();
        const cache = cacheOf(tpl.cache);
        const opName = tpl.op === 'kmem_cache_zalloc' && ctorCaches.has(cache) ? 'kmem_cache_alloc' : tpl.op;
        op = { op: opName, cache, gfp: gfpFor(cache, tpl.gfp), as: h, ...(tpl.op === 'kmem_cache_alloc_node' ? { node: nd(tpl.node) } : {}), ...(okCtx(tpl.context) !== 'task' ? { context: okCtx(tpl.context) } : {}) };
        live.push({ handle: h, cache, requested: 0, kind: 'plain', zero: false });
        break;
      }
      case 'free': {
        // kfree_nolock() only for kmalloc_nolock() objects (any other is freed with kfree()).
        const o = tpl.op === 'kfree_nolock' ? (pick(tpl.k, (x) => x.kind === 'nolock') ?? pick(tpl.k, (x) => x.kind !== 'kept')) : pick(tpl.k, (x) => x.kind !== 'kept');
        if (!o) break;
        if (o.kind === 'page') {
          op = { op: 'free_pages', obj: o.handle };
          break;
        }
        const how = o.kind === 'kv' ? 'kvfree' : tpl.op === 'kfree_nolock' && o.kind !== 'nolock' ? 'kfree' : tpl.op;
        const c = how === 'kfree_nolock' ? tpl.context : okCtx(tpl.context);
        op = o.cache ? { op: 'kmem_cache_free', cache: o.cache, obj: o.handle, ...(c !== 'task' ? { context: c } : {}) } : { op: how, obj: o.handle, ...(c !== 'task' ? { context: c } : {}) };
        break;
      }
      case 'krealloc': {
        let o = pick(tpl.k, resizable);
        if (!o) {
          // Nothing to resize yet: kmalloc() (or kzalloc()) the object first, so that krealloc()'s
          // paths (growth in place, zeroing of the grown part, copies) are not left to whether an
          // earlier template happened to leave a kmalloc object live.
          const h0 = handle();
          ops.push({ op: tpl.from.zero ? 'kzalloc' : 'kmalloc', size: tpl.from.size, gfp: tpl.from.gfp, as: h0 });
          o = { handle: h0, cache: null, requested: tpl.from.size, kind: 'plain', zero: tpl.from.zero || zeroed(tpl.from.gfp) };
        }
        const h = handle();
        const sz = tpl.resize.how === 'to' ? tpl.resize.size : tpl.resize.how === 'fill' ? kmallocBucket(o.requested) : o.requested;
        const g = tpl.gfp.zero && o.zero && !zeroed(tpl.gfp.gfp) ? (tpl.gfp.gfp === '0' ? '__GFP_ZERO' : `${tpl.gfp.gfp}|__GFP_ZERO`) : tpl.gfp.gfp;
        op = { op: 'krealloc', obj: o.handle, size: sz, gfp: g, as: h };
        live.push({ handle: h, cache: null, requested: sz, kind: 'plain', zero: o.zero && zeroed(g) });
        break;
      }
      case 'bulk': {
        const h = handle();
        const cache = cacheOf(tpl.cache);
        ops.push({ op: 'kmem_cache_alloc_bulk', cache, gfp: gfpFor(cache, tpl.gfp), count: tpl.count, as: h });
        if (tpl.free) op = { op: 'kmem_cache_free_bulk', cache, obj: h };
        else for (let i = 0; i < tpl.count; i++) live.push({ handle: `${h}[${i}]`, cache, requested: 0, kind: 'plain', zero: false });
        break;
      }
      case 'sheaf': {
        const h = handle();
        const cache = cacheOf(tpl.cache);
        const g = gfpFor(cache, tpl.gfp);
        ops.push({ op: 'kmem_cache_prefill_sheaf', cache, gfp: g, size: tpl.size, as: h });
        sheaves.push(h);
        for (let i = 0; i < tpl.take; i++) {
          const o = handle();
          ops.push({ op: 'kmem_cache_alloc_from_sheaf', cache, gfp: g, sheaf: h, as: o });
          live.push({ handle: o, cache, requested: 0, kind: 'plain', zero: false });
        }
        op = tpl.take % 2 ? { op: 'kmem_cache_refill_sheaf', cache, gfp: g, sheaf: h, size: tpl.size } : { op: 'kmem_cache_return_sheaf', cache, gfp: g, sheaf: h };
        if (tpl.take % 2) heldSheaf.add(cache);
        break;
      }
      case 'kcalloc': {
        const h = handle();
        op = { op: 'kcalloc', n: tpl.n, size: tpl.size, gfp: tpl.gfp, as: h, ...(okCtx(tpl.context) !== 'task' ? { context: okCtx(tpl.context) } : {}) };
        live.push({ handle: h, cache: null, requested: tpl.n * tpl.size, kind: kept(tpl.gfp) ? 'kept' : 'plain', zero: true });
        break;
      }
      case 'lru': {
        const h = handle();
        const cache = cacheOf(tpl.cache);
        op = { op: 'kmem_cache_alloc_lru', cache, gfp: gfpFor(cache, tpl.gfp), lru: 'lru0', as: h, ...(okCtx(tpl.context) !== 'task' ? { context: okCtx(tpl.context) } : {}) };
        live.push({ handle: h, cache, requested: 0, kind: 'plain', zero: false });
        break;
      }
      case 'ksize': {
        const o = peek(tpl.k, (x) => !x.cache && x.kind !== 'kv' && x.kind !== 'page');
        if (!o) break;
        op = { op: 'ksize', obj: o.handle };
        break;
      }
      case 'validate':
        op = { op: 'validate', cache: cacheOf(tpl.cache) };
        break;
      case 'pages': {
        const h = handle();
        op = tpl.nolock
          ? { op: 'alloc_pages_nolock', order: tpl.order, as: h, ...(nd(tpl.node) !== -1 ? { node: nd(tpl.node) } : {}), ...(tpl.context !== 'task' ? { context: tpl.context } : {}) }
          : { op: 'alloc_pages', order: tpl.order, gfp: tpl.gfp, as: h, ...(nd(tpl.node) !== -1 ? { node: nd(tpl.node) } : {}) };
        live.push({ handle: h, cache: null, requested: 0, kind: 'page', zero: false });
        break;
      }
      case 'page-ext':
        if (pageExt || !cfg.pageExtLate || !cfg.profiling) break;
        pageExt = true;
        op = { op: 'page_ext_init' };
        break;
      case 'reuse': {
        // kmalloc_nolock() takes a mask from its own table (its kernel-doc allows only a few bits).
        const g = tpl.op === 'kmalloc_nolock' ? tpl.nolockGfp : tpl.gfp;
        // The same kmalloc caches as the allocation that follows: kmalloc-cg-* for an accounted one.
        ops.push(...dirtiedSlot(tpl.first, g, tpl.value, handle()));
        const h = handle();
        // kmalloc_type()'s cache for that mask: the one kmalloc(second) would use (second <= 4096).
        const cache = kmallocCacheOf(tpl.second, g) ?? 'kmalloc-64';
        if (tpl.op === 'kmem_cache_alloc' || tpl.op === 'kmem_cache_alloc_bulk') {
          op = { op: tpl.op, cache, gfp: g, as: h, ...(tpl.op === 'kmem_cache_alloc_bulk' ? { count: 1 } : {}) };
          live.push({ handle: tpl.op === 'kmem_cache_alloc_bulk' ? `${h}[0]` : h, cache, requested: 0, kind: 'plain', zero: false });
        } else if (tpl.op === 'kmalloc_nolock') {
          op = { op: tpl.op, size: tpl.second, gfp: g, node: -1, as: h };
          live.push({ handle: h, cache: null, requested: tpl.second, kind: kept(g) ? 'kept' : 'nolock', zero: zeroed(g) });
        } else {
          op = { op: tpl.op, size: tpl.second, gfp: g, as: h };
          live.push({ handle: h, cache: null, requested: tpl.second, kind: kept(g) ? 'kept' : 'plain', zero: tpl.op === 'kzalloc' || zeroed(g) });
        }
        break;
      }
      case 'write': {
        const o = peek(tpl.k, (x) => x.requested > 0);
        if (!o) break;
        op = { op: 'write', obj: o.handle, offset: 0, length: o.requested, value: tpl.value };
        break;
      }
      case 'charge': {
        const o = peek(tpl.k, (x) => x.kind !== 'kv' && x.kind !== 'page');
        if (!o) break;
        op = { op: 'kmem_cache_charge', obj: o.handle, gfp: tpl.gfp };
        break;
      }
      case 'env':
        op = { op: tpl.op };
        break;
      case 'pressure':
        if (tpl.node >= cfg.nodes) break;
        op = { op: 'set_watermarks', node: tpl.node, free: tpl.free };
        break;
      case 'fail':
        if (tpl.node >= cfg.nodes) break;
        op = { op: 'fail_page_allocs', node: tpl.node, count: tpl.count };
        break;
      case 'memcg-limit':
        op = { op: 'set_memcg_limit', bytes: tpl.bytes };
        break;
      case 'barn': {
        const cache = cacheOf(tpl.cache);
        const decl = cache === 'kmalloc-64' ? { size: 64, flags: [] as string[], ctor: false } : caches[cacheNames.indexOf(cache) - 1];
        const capacity = sheafCapacityOf(decl.size, decl.flags, decl.ctor);
        if (!capacity) break;
        const n = barnCycle(capacity, tpl.extra, tpl.rest, tpl.drain);
        const [a, b, h] = [handle(), handle(), handle()];
        ops.push({ op: 'kmem_cache_alloc_bulk', cache, gfp: 'GFP_KERNEL', count: n.free, as: a });
        ops.push({ op: 'kmem_cache_free_bulk', cache, obj: a });
        ops.push({ op: 'kmem_cache_alloc_bulk', cache, gfp: 'GFP_KERNEL', count: n.drain, as: b });
        for (let i = 0; i < n.drain; i++) live.push({ handle: `${b}[${i}]`, cache, requested: 0, kind: 'plain', zero: false });
        // This allocation finds main and spare empty: the barn's full sheaf, under its lock.
        op = { op: 'kmem_cache_alloc', cache, gfp: gfpFor(cache, tpl.gfp), as: h };
        live.push({ handle: h, cache, requested: 0, kind: 'plain', zero: false });
        break;
      }
      case 'hold': {
        if (held || tpl.node >= cfg.nodes) break;
        const cache = cacheOf(tpl.cache);
        held = true;
        ops.push({ op: 'hold_lock', lock: tpl.lock, node: tpl.node, cpu: 1, ...(tpl.lock === 'zone' ? {} : { cache }) });
        // Released after the operation after next (after the next template's, when it adds two or
        // more), so that one or two operations meet the held lock.
        op = null;
        break;
      }
    }
    if (!op) continue;
    const inj = tpl.t === 'barn' ? { at: 'barn_locked' as const, context: tpl.inj.context, ops: tpl.inj.ops, cache: String(op.cache) } : inject;
    if (inj && /alloc|free|krealloc|sheaf/.test(String(op.op))) {
      const strict = inj.context === 'nmi' || (inj.context === 'hardirq' && cfg.preemptRt);
      const nestedOps = strict ? inj.ops.map((x) => (x.op === 'kmalloc' ? { op: 'kmalloc_nolock' as const, size: x.size, gfp: '0' } : x)) : inj.ops;
      op.inject = [{ at: inj.at, context: inj.context, ops: nestedOps, ...(inj.cache && cacheNames.includes(inj.cache) ? { cache: inj.cache } : {}) }];
    }
    ops.push(op);
    if (held && ops[ops.length - 2]?.op !== 'hold_lock') {
      const h = [...ops].reverse().find((o) => o.op === 'hold_lock')!;
      ops.push({ op: 'release_lock', lock: h.lock, node: h.node, ...(h.cache ? { cache: h.cache } : {}) });
      held = false;
    }
  }
  if (held) {
    const h = [...ops].reverse().find((o) => o.op === 'hold_lock')!;
    ops.push({ op: 'release_lock', lock: h.lock, node: h.node, ...(h.cache ? { cache: h.cache } : {}) });
  }
  // A cache of the scenario's own that nothing is left in may be destroyed, last.
  if (destroy && ops.length < maxOps)
    for (const c of caches.map((_, i) => `c${i}`))
      if (ops.length < maxOps && !live.some((o) => o.cache === c) && !heldSheaf.has(c)) ops.push({ op: 'kmem_cache_destroy', cache: c });
  if (!ops.length) ops.push({ op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL' });
  const config: Record<string, unknown> = { ...cfg, cpus: 2, kfence: cfg.kfence ? { enabled: true, sampleInterval: 3, poolObjects: 1000 } : { enabled: false } };
  if (!config.slubDebug) delete config.slubDebug;
  return { name, description: '', decisions: ['explore'], config, caches: caches.map((c, i) => ({ name: `c${i}`, ...c })), ops };
}

/** Scenarios of at most maxOps top-level operations (and templates), named `${prefix}-N`. */
export function scenarioArbitrary(maxOps = 8, names: SeriesNames = { nolock: 'SLAB_ALLOC_TRYLOCK' }): fc.Arbitrary<GeneratedScenario> {
  return fc
    .tuple(config, memory, fc.array(cacheDecl, { maxLength: 2 }), fc.array(template, { minLength: 1, maxLength: maxOps }), fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }))
    .map(([cfg, mem, caches, tpls, destroy]) => build('explore', cfg, mem, caches, tpls, names, maxOps, destroy));
}

/** A scenario one change away from another, and that change in words (for the file's description). */
export interface Neighbour {
  doc: Record<string, unknown>;
  change: string;
  /** Judged before neighbours of a higher priority (0 when absent): see LATER_CALLERS. */
  priority?: number;
}

/** Whether an operation after the i-th names the object (or a bulk element h[k]) the i-th made. */
function handleUsedLater(ops: readonly Record<string, unknown>[], i: number): boolean {
  // Its own handle and those its injected operations define (a hand-written scenario may name the
  // object an interrupt allocated: nolock-nmi-pcs-locked frees "m" later).
  const hs = definedHandles(ops[i]);
  return hs.length > 0 && ops.slice(i + 1).some((x) => hs.some((h) => uses(x, h)));
}

/** The handles an operation defines: its own "as" and those of its injected operations, at any depth. */
function definedHandles(op: Record<string, unknown>): string[] {
  const out = typeof op.as === 'string' ? [op.as] : [];
  for (const inj of (op.inject as { ops?: Record<string, unknown>[] }[] | undefined) ?? []) for (const x of inj.ops ?? []) out.push(...definedHandles(x));
  return out;
}

/** Whether a value names handle h anywhere (a field, "h[2]" for a bulk element, or inside injected operations). */
function uses(v: unknown, h: string): boolean {
  if (typeof v === 'string') return v === h || v.startsWith(`${h}[`);
  if (Array.isArray(v)) return v.some((x) => uses(x, h));
  if (v !== null && typeof v === 'object') return Object.values(v).some((x) => uses(x, h));
  return false;
}

/**
 * The kmalloc cache a request of `n` bytes with `gfp` is served from (kmalloc_slab(): the size's
 * bucket, and kmalloc_type()'s kmalloc-cg- caches for __GFP_ACCOUNT), or null past kmalloc-8k (the
 * page allocator's).
 */
function kmallocCacheOf(n: number, gfp: string): string | null {
  const b = kmallocBucket(n);
  const type = accounted(gfp) ? 'cg-' : '';
  return b > 8192 ? null : `kmalloc-${type}${b >= 1024 ? `${b / 1024}k` : b}`;
}
/**
 * Allocation operations one may put in the place of another whose object nothing refers to later.
 * The kmem_cache_*() ones take kmalloc-64, and the replaced request's own kmalloc cache as well: the
 * slot a freed object left, or a slab the scenario stocked, is in the cache of its size, and an
 * operation on another cache never meets it (an init_on_free red zone reused by a
 * kmem_cache_alloc(), mm/slub.c slab_free_hook()).
 */
const SWAPS: readonly ((size: number, gfp: string, own: string | null) => Record<string, unknown>[])[] = [
  (size, gfp) => [{ op: 'kmalloc', size, gfp }],
  (size, gfp) => [{ op: 'kmalloc_node', size, gfp, node: 0 }],
  (size, gfp) => [{ op: 'kcalloc', n: 2, size: Math.max(8, size >> 1), gfp }],
  (_size, gfp, own) => cachesFor(own).map((cache) => ({ op: 'kmem_cache_alloc', cache, gfp })),
  (_size, gfp, own) => cachesFor(own).map((cache) => ({ op: 'kmem_cache_alloc_lru', cache, gfp, lru: 'lru0' })),
  (_size, gfp, own) => cachesFor(own).map((cache) => ({ op: 'kmem_cache_alloc_bulk', cache, gfp, count: 1 })),
  (size) => [{ op: 'kmalloc_nolock', size, gfp: '0', node: -1 }],
];
const cachesFor = (own: string | null): string[] => (own === null || own === 'kmalloc-64' ? ['kmalloc-64'] : ['kmalloc-64', own]);
/** Operations whose gfp is the caller's own mask (kmalloc_nolock(), kmalloc_flags() and kvmalloc() have tables of their own). */
const NOT_SWAPPED_GFP = new Set(['kmalloc_nolock', 'kmalloc_flags', 'kvmalloc', 'kmem_cache_alloc_from_sheaf', 'kmem_cache_refill_sheaf', 'kmem_cache_return_sheaf']);
const CONFIG_FLIPS = ['initOnAlloc', 'initOnFree', 'memcg', 'profilingDebug', 'cmpxchg16b'] as const;

/**
 * The scenarios one change away from a (shrunk) generated scenario, under the same caller rules as
 * the generator: a configuration switch flipped (init_on_alloc/free, memcg, the profiling debug
 * mode, cmpxchg16b, KFENCE, the boot phase), one operation's gfp replaced by another its caller may
 * pass there (an interrupt's by a non-sleeping mask, a cache with a constructor's without
 * __GFP_ZERO, a prefilled sheaf's on every operation of that sheaf, kmalloc_nolock()'s from its own
 * table), a task-context allocation whose object nothing refers to later replaced by another
 * allocation operation, a later caller appended (LATER_CALLERS; while the scenario stays within
 * maxOps top-level operations; priority 0, the others 1), or another CPU's n->list_lock held over a
 * caller without reclaim bits (heldListLocks()). A finding is rarely alone: the same
 * mechanism met by another operation, caller class or configuration is usually a signature of its
 * own, and these are one step from the scenario that showed the first. In a fixed order.
 */
export function scenarioNeighbours(doc: Record<string, unknown>, maxOps = 8): Neighbour[] {
  const out: Neighbour[] = [];
  const cfg = (doc.config ?? {}) as Record<string, unknown>;
  const ops = doc.ops as Record<string, unknown>[];
  const caches = (doc.caches ?? []) as { name: string; ctor?: boolean }[];
  const ctor = new Set(caches.filter((c) => c.ctor).map((c) => c.name));
  const withConfig = (patch: Record<string, unknown>, change: string) => out.push({ doc: { ...doc, config: { ...cfg, ...patch } }, change });
  const withOps = (next: Record<string, unknown>[], change: string) => out.push({ doc: { ...doc, ops: next }, change });
  for (const k of CONFIG_FLIPS) withConfig({ [k]: !cfg[k] }, `config.${k} ${String(!cfg[k])}`);
  const kfenceOn = (cfg.kfence as { enabled?: boolean } | undefined)?.enabled === true;
  withConfig({ kfence: kfenceOn ? { enabled: false } : { enabled: true, sampleInterval: 3, poolObjects: 1000 } }, `config.kfence ${kfenceOn ? 'off' : 'on'}`);
  for (const b of ['running', 'early', 'deferred']) if (cfg.boot !== b) withConfig({ boot: b }, `config.boot ${b}`);
  ops.forEach((op, i) => {
    const name = String(op.op);
    const gfp = typeof op.gfp === 'string' ? op.gfp : null;
    const task = op.context === undefined || op.context === 'task';
    if (gfp !== null && name === 'kmalloc_nolock') {
      // __GFP_NO_OBJ_EXT is left out: such an object may never be freed, and a later op may free it.
      for (const [, g] of NOLOCK_GFPS) if (g !== gfp && g !== '__GFP_NO_OBJ_EXT') withOps(ops.map((x, j) => (j === i ? { ...x, gfp: g } : x)), `op ${i} (${name}) gfp ${g}`);
    } else if (gfp !== null && !NOT_SWAPPED_GFP.has(name)) {
      const cache = typeof op.cache === 'string' ? op.cache : null;
      const seen = new Set([gfp]);
      for (const [, g0] of task ? GFPS : ATOMIC_GFPS) {
        const g = cache && ctor.has(cache) ? withoutZero(g0) : g0;
        if (seen.has(g)) continue;
        seen.add(g);
        // A prefilled sheaf's operations share the caller's mask, as the generator writes them.
        const sheaf = name === 'kmem_cache_prefill_sheaf' ? op.as : null;
        withOps(
          ops.map((x, j) => (j === i || (sheaf !== null && x.sheaf === sheaf && typeof x.gfp === 'string') ? { ...x, gfp: g } : x)),
          `op ${i} (${name}) gfp ${g}`,
        );
      }
    }
    const h = typeof op.as === 'string' ? op.as : null;
    const referenced = handleUsedLater(ops, i);
    const swappable = SWAPS.some((f) => f(8, 'GFP_KERNEL', null)[0].op === name) && name !== 'kmalloc_nolock';
    if (h !== null && !referenced && task && op.inject === undefined && (swappable || name === 'kmalloc_nolock')) {
      const size = typeof op.size === 'number' ? op.size : 64;
      // The caller's mask goes with it (the replacements use kmalloc caches: no constructor).
      const g = gfp !== null && name !== 'kmalloc_nolock' ? gfp : 'GFP_KERNEL';
      // The replaced request's own kmalloc cache, by its own mask (a kmalloc_nolock()'s too).
      const own = typeof op.cache === 'string' ? (op.cache.startsWith('kmalloc-') ? op.cache : null) : kmallocCacheOf(size, gfp ?? '');
      for (const f of SWAPS)
        for (const alt of f(size, g, own)) {
          if (alt.op === name) continue;
          withOps(ops.map((x, j) => (j === i ? { ...alt, as: h } : x)), `op ${i} ${name} replaced by ${String(alt.op)}${alt.cache && alt.cache !== 'kmalloc-64' ? `(${String(alt.cache)})` : ''}`);
        }
    }
  });
  heldListLocks(doc, ops, maxOps).forEach((n) => out.push(n));
  // A later caller, within the scenario's operation budget, judged before the other neighbours.
  const used = ops.flatMap((x) => (typeof x.as === 'string' && /^h\d+$/.test(x.as) ? [Number(x.as.slice(1))] : []));
  const next = used.length ? Math.max(...used) + 1 : 0;
  // Before the caches destroyed last (the generator's rule: nothing after a kmem_cache_destroy()).
  let end = ops.length;
  while (end > 0 && ops[end - 1].op === 'kmem_cache_destroy') end--;
  const seen = new Set<string>();
  for (const later of LATER_CALLERS) {
    const tail = later.ops((k) => `h${next + k}`);
    if (ops.length + tail.length > maxOps) continue;
    const made = { ...doc, ...(later.config ? { config: { ...cfg, ...later.config } } : {}), ops: [...ops.slice(0, end), ...tail, ...ops.slice(end)] };
    // One with its configuration already switched on is the same scenario as the one without.
    const key = JSON.stringify(made);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ doc: made, change: `later ${later.change}`, priority: 0 });
  }
  for (const n of out) n.priority ??= 1;
  return out;
}

/**
 * Later callers: operations appended to a scenario that read the state its operations leave. A
 * step that moves a page allocation's failure, a slab, a sheaf or KFENCE's count-based pick often
 * shows nothing by itself; the next caller is what meets the difference: a kzalloc()'d object that
 * krealloc() grows in place with stale bytes (RFC 01's zeroing, at whichever step moves the object),
 * the same under init_on_alloc, a kmalloc_nolock() whose memcg charge fails and whose abort spins on
 * n->list_lock (the base's memcg_alloc_abort_single()), an allocation without its tag or obj_exts
 * vector. Most of the approved findings a 120 s run misses are such knock-ons, one per step and
 * caller class. Some switch on what their check needs (init_on_alloc, memcg with its limit reached).
 *
 * Chosen by yield on a fixed corpus, the 506 distinct shrunk scenarios of `explore --seed 7 --time
 * 90s`, which showed 152 approved signatures (by approvalMatches): some 80 candidate callers were
 * tried in five batches, and these are the ones that found an approved signature the corpus had not
 * while the scenario stays within 8 operations (the count beside each: how many). Together, appended
 * to the corpus, they found 49 (10,738 scenarios judged, 69 s on one thread). Each
 * follows the generator's caller rules: interrupts pass non-sleeping masks, krealloc(__GFP_ZERO) only
 * of a zeroed object, kmalloc_nolock() with the bits its kernel-doc allows, bulk allocation with a
 * weak mask as the series allows it.
 */
interface LaterCaller {
  change: string;
  /** Configuration the check needs, switched on with the caller. */
  config?: Record<string, unknown>;
  ops: (h: (k: number) => string) => Record<string, unknown>[];
}
/** kzalloc() (or kmalloc()), then krealloc() of that object to `to` bytes. */
const allocThenGrow = (zero: boolean, size: number, gfp: string, context: Ctx, to: number, reallocGfp: string, config?: Record<string, unknown>): LaterCaller => ({
  change: `${zero ? 'kzalloc' : 'kmalloc'}(${size}, ${gfp})${context === 'task' ? '' : ` in ${context}`} then krealloc(${to}, ${reallocGfp})${config ? ` with ${Object.keys(config).join(', ')}` : ''}`,
  ...(config ? { config } : {}),
  ops: (h) => [
    { op: zero ? 'kzalloc' : 'kmalloc', size, gfp, as: h(0), ...(context === 'task' ? {} : { context }) },
    { op: 'krealloc', obj: h(0), size: to, gfp: reallocGfp, as: h(1) },
  ],
});
const INIT_ON_ALLOC = { initOnAlloc: true };
/** Node 0's free pages set to its zero watermark again, then `op` (its handle given here). */
const atZeroWatermark = (change: string, op: Record<string, unknown>): LaterCaller => ({
  change: `${change} at node 0's zero watermark`,
  ops: (h) => [{ op: 'set_watermarks', node: 0, free: 0 }, { ...op, as: h(0) }],
});
/**
 * A slot dirtied and freed, then a smaller request from the same kmalloc cache that reuses it, then
 * krealloc() of that object to `to` bytes, under init_on_alloc: what the object's bytes are after the
 * move (slab_post_alloc_hook() zeroes only what was requested; a step that moves KFENCE's pick or the
 * slot a request takes changes which bytes are stale).
 */
const reusedThenGrown = (first: number, second: number, gfp: string, to: number, reallocGfp: string): LaterCaller => ({
  change: `kmalloc(${first}) written and freed, kmalloc(${second}, ${gfp}) then krealloc(${to}, ${reallocGfp}) with initOnAlloc`,
  config: INIT_ON_ALLOC,
  ops: (h) => [
    ...dirtiedSlot(first, gfp, 1, h(0)),
    { op: 'kmalloc', size: second, gfp, as: h(1) },
    { op: 'krealloc', obj: h(1), size: to, gfp: reallocGfp, as: h(2) },
  ],
});
const LATER_CALLERS: readonly LaterCaller[] = [
  // Grown within the bucket, under __GFP_ZERO (9, 9, 9, 6, 6, 4, 3).
  allocThenGrow(true, 40, '__GFP_HIGH|__GFP_NOWARN', 'softirq', 64, 'GFP_KERNEL|__GFP_ZERO'),
  allocThenGrow(true, 500, 'GFP_KERNEL', 'task', 512, 'GFP_KERNEL|__GFP_ZERO'),
  allocThenGrow(true, 500, 'GFP_NOWAIT', 'task', 512, 'GFP_KERNEL|__GFP_ZERO'),
  allocThenGrow(true, 1025, 'GFP_ATOMIC', 'task', 2048, 'GFP_KERNEL|__GFP_ZERO'),
  allocThenGrow(true, 1025, 'GFP_ATOMIC', 'task', 2048, 'GFP_NOWAIT|__GFP_ZERO'),
  allocThenGrow(true, 100, 'GFP_KERNEL', 'task', 128, 'GFP_KERNEL|__GFP_ZERO'),
  allocThenGrow(true, 2000, '__GFP_HIGH|__GFP_NOWARN', 'softirq', 2048, 'GFP_KERNEL|__GFP_ZERO'),
  // The same under init_on_alloc, one per caller class of krealloc() (14, 12, 11, 14, 11, 7).
  allocThenGrow(false, 1025, 'GFP_ATOMIC', 'task', 2048, 'GFP_NOWAIT', INIT_ON_ALLOC),
  allocThenGrow(false, 1025, 'GFP_ATOMIC', 'task', 2048, 'GFP_KERNEL', INIT_ON_ALLOC),
  allocThenGrow(false, 1025, 'GFP_ATOMIC', 'task', 2048, '0', INIT_ON_ALLOC),
  allocThenGrow(true, 1025, 'GFP_ATOMIC', 'task', 2048, 'GFP_NOWAIT|__GFP_ZERO', INIT_ON_ALLOC),
  allocThenGrow(true, 1025, 'GFP_ATOMIC', 'task', 2048, 'GFP_KERNEL|__GFP_ZERO', INIT_ON_ALLOC),
  allocThenGrow(false, 1025, 'GFP_KERNEL', 'task', 2048, 'GFP_NOWAIT', INIT_ON_ALLOC),
  // An accounted kmalloc_nolock() at the memcg limit (8).
  {
    change: 'kmalloc_nolock(64, __GFP_ACCOUNT) at the memcg limit',
    config: { memcg: true },
    ops: (h) => [
      { op: 'set_memcg_limit', bytes: 0 },
      { op: 'kmalloc_nolock', size: 64, gfp: '__GFP_ACCOUNT', node: -1, as: h(0) },
    ],
  },
  // Later allocations of several caller classes (6, 6, 4, 4, 2).
  { change: 'kmem_cache_alloc_bulk(kmalloc-64, GFP_NOWAIT, 4)', ops: (h) => [{ op: 'kmem_cache_alloc_bulk', cache: 'kmalloc-64', gfp: 'GFP_NOWAIT', count: 4, as: h(0) }] },
  { change: 'kmem_cache_alloc_bulk(kmalloc-64, __GFP_KSWAPD_RECLAIM, 4)', ops: (h) => [{ op: 'kmem_cache_alloc_bulk', cache: 'kmalloc-64', gfp: '__GFP_KSWAPD_RECLAIM', count: 4, as: h(0) }] },
  { change: 'kmem_cache_alloc(kmalloc-64, 0)', ops: (h) => [{ op: 'kmem_cache_alloc', cache: 'kmalloc-64', gfp: '0', as: h(0) }] },
  { change: 'kmalloc(64, 0)', ops: (h) => [{ op: 'kmalloc', size: 64, gfp: '0', as: h(0) }] },
  { change: 'kmalloc(2000, 0)', ops: (h) => [{ op: 'kmalloc', size: 2000, gfp: '0', as: h(0) }] },
  // Node 0 at its zero watermark again, then a caller of another reclaim class: what kswapd, woken by
  // a step's upgraded target-node attempt (RFC 05's GFP_NOWAIT|__GFP_THISNODE), reclaimed is not
  // there for the later caller's direct reclaim, so its page allocation fails (oom, warn_alloc, its
  // tag and charge gone). Chosen on a fixed corpus (the 1,600 distinct scenarios among the 1,187
  // shrunk ones and the 677 declared changes' of explore --seed 7 --time 120s) from a generic grid
  // of 183 callers (six allocation calls by every reclaim class, in task context or a softirq, and
  // kmalloc_nolock(); each alone, at the zero watermark or at the memcg limit): these found approved
  // signatures no neighbour of the shipped kinds had (9, 7, 4, 3, 3, 3, 2, 2).
  atZeroWatermark('kmem_cache_alloc_bulk(kmalloc-64, GFP_KERNEL, 4)', { op: 'kmem_cache_alloc_bulk', cache: 'kmalloc-64', gfp: 'GFP_KERNEL', count: 4 }),
  atZeroWatermark('kmalloc_node(64, GFP_KERNEL|__GFP_THISNODE, 0)', { op: 'kmalloc_node', size: 64, gfp: 'GFP_KERNEL|__GFP_THISNODE', node: 0 }),
  atZeroWatermark('kmem_cache_alloc_bulk(kmalloc-64, GFP_ATOMIC, 4)', { op: 'kmem_cache_alloc_bulk', cache: 'kmalloc-64', gfp: 'GFP_ATOMIC', count: 4 }),
  atZeroWatermark('kmem_cache_alloc(kmalloc-64, GFP_KERNEL)', { op: 'kmem_cache_alloc', cache: 'kmalloc-64', gfp: 'GFP_KERNEL' }),
  atZeroWatermark('kmem_cache_alloc_bulk(kmalloc-64, __GFP_DIRECT_RECLAIM, 4)', { op: 'kmem_cache_alloc_bulk', cache: 'kmalloc-64', gfp: '__GFP_DIRECT_RECLAIM', count: 4 }),
  atZeroWatermark('kmalloc_node(64, __GFP_DIRECT_RECLAIM, 0)', { op: 'kmalloc_node', size: 64, gfp: '__GFP_DIRECT_RECLAIM', node: 0 }),
  atZeroWatermark('kmalloc(64, GFP_NOWAIT)', { op: 'kmalloc', size: 64, gfp: 'GFP_NOWAIT' }),
  atZeroWatermark('kmalloc(64, GFP_NOWAIT) in softirq', { op: 'kmalloc', size: 64, gfp: 'GFP_NOWAIT', context: 'softirq' }),
  // Grown past kmalloc-8k by krealloc() under init_on_alloc, and a reused, dirty slot grown by it:
  // RFC 13's and 14's moved KFENCE pick and nested allocations leave another object or slot there
  // (rfc13-kfence-pick-moves-reused-slot-*, rfc13-nested-allocations-dirty-slot-*). Chosen on a fixed
  // corpus (seed 7, 18,000 runs: the 1,077 shrunk scenarios and the 669 declared changes'), where all
  // 54,012 neighbours of the kinds above reach 270 of 425 approved signatures, from a grid of 18
  // allocate-then-grow callers (two sizes, three masks of kmalloc(), three of krealloc()) and one of
  // 48 reuse-then-grow ones (three sizes, four masks of the reusing kmalloc(), four of krealloc()):
  // these five reached 16 more (9, 2, 1; then 2, 2).
  allocThenGrow(false, 513, 'GFP_KERNEL', 'task', 9000, '__GFP_NOWARN', INIT_ON_ALLOC),
  allocThenGrow(false, 513, 'GFP_KERNEL', 'task', 9000, '__GFP_DIRECT_RECLAIM', INIT_ON_ALLOC),
  allocThenGrow(false, 513, '0', 'task', 9000, 'GFP_KERNEL', INIT_ON_ALLOC),
  reusedThenGrown(18, 17, 'GFP_KERNEL_ACCOUNT', 32, 'GFP_ATOMIC'),
  reusedThenGrown(194, 193, 'GFP_KERNEL', 9000, 'GFP_ATOMIC'),
];

/**
 * Allocations whose slab paths another CPU's held n->list_lock can meet with the caller's own mask:
 * every allocating op but the page allocator's and those with masks of their own (NOT_SWAPPED_GFP:
 * kmalloc_nolock(), kmalloc_flags(), kvmalloc(), a prefilled sheaf's).
 */
const LIST_LOCK_TAKERS: ReadonlySet<string> = new Set(OPS.filter((o) => o.allocates && !NOT_SWAPPED_GFP.has(o.name) && !o.name.startsWith('alloc_pages')).map((o) => o.name));
const GFP_TABLE = gfpParseTable(GFP_COMBINATION_NAMES, TRACE_GFP_FLAGS_GENERAL, GFP_EXTRA_PARSE_NAMES);
/**
 * A mask without either reclaim bit (0, __GFP_NOWARN, __GFP_HIGH|__GFP_NOWARN): the caller the base
 * takes for one that must not spin (gfpflags_allow_spinning()), where the series decides by
 * alloc_flags instead. A name the table does not know (a later stage's flag) counts as not weak.
 */
function weakGfp(g: unknown): boolean {
  if (typeof g !== 'string') return false;
  try {
    return !gfpflags_allow_spinning(parseGfp(g, GFP_TABLE));
  } catch {
    return false;
  }
}
/**
 * A contended n->list_lock: CPU 1 holds node 0's list_lock of kmalloc-64 (the generator's default
 * cache, where the large kmalloc caches' sheaf structs come from) or of the allocation's own cache
 * over a task-context allocation, or over it and the operation after it, as the generator's hold
 * template does, when a caller without reclaim bits is among them. Whether such a caller trylocks
 * and gives up there or spins is what RFC 06 changes (get_from_partial_node() by alloc_flags), and
 * what it then takes (a partial slab's object instead of a new slab) is what later callers meet; a
 * generated scenario holds the right lock over the right caller rarely. Only for a scenario without
 * a held lock, within maxOps. On a fixed corpus these found 8 approved RFC 06 signatures the corpus
 * had not and 6 no approval covered (three findings, now fixtures), every one with a weak-mask
 * caller under the lock. Priority 1, with the other one-change neighbours: judged before the later
 * callers (priority -1) or with them (0), they displaced more than they found in `explore --time
 * 120s` (README, "A contended list_lock"); `--around` judges them all.
 */
function heldListLocks(doc: Record<string, unknown>, ops: readonly Record<string, unknown>[], maxOps: number): Neighbour[] {
  if (ops.length + 2 > maxOps || ops.some((o) => o.op === 'hold_lock')) return [];
  const own = new Set(((doc.caches ?? []) as { name: string }[]).map((c) => c.name));
  const out: Neighbour[] = [];
  ops.forEach((op, i) => {
    const name = String(op.op);
    if (!LIST_LOCK_TAKERS.has(name) || (op.context !== undefined && op.context !== 'task')) return;
    const gfp = typeof op.gfp === 'string' ? op.gfp : '';
    const size = name === 'kcalloc' ? Number(op.n) * Number(op.size) : Number(op.size);
    const cache = typeof op.cache === 'string' ? op.cache : Number.isFinite(size) ? kmallocCacheOf(size, gfp) : null;
    const locks = ['kmalloc-64', ...(cache && cache !== 'kmalloc-64' && (cache.startsWith('kmalloc-') || own.has(cache)) ? [cache] : [])];
    for (const lockCache of locks)
      for (const span of [1, 2]) {
        const under = ops.slice(i, i + span);
        // Nothing destroys a cache under the lock (the generator destroys last, after the release).
        if (i + span > ops.length || under.some((x) => x.op === 'kmem_cache_destroy') || !under.some((x) => weakGfp(x.gfp))) continue;
        const hold = { op: 'hold_lock', lock: 'list_lock', node: 0, cpu: 1, cache: lockCache };
        const release = { op: 'release_lock', lock: 'list_lock', node: 0, cache: lockCache };
        out.push({
          doc: { ...doc, ops: [...ops.slice(0, i), hold, ...ops.slice(i, i + span), release, ...ops.slice(i + span)] },
          change: `${lockCache}'s n->list_lock held by CPU 1 over op ${i} (${name})${span === 2 ? ' and the next' : ''}`,
          priority: 1,
        });
      }
  });
  return out;
}

const FREES = new Set(['kfree', 'kfree_nolock', 'kvfree', 'kmem_cache_free', 'kmem_cache_free_bulk', 'free_pages', 'kmem_cache_return_sheaf']);

/**
 * Scenarios one step simpler than a (neighbour) scenario, for shrinking what fast-check cannot (a
 * neighbour is not on the generator's path): one top-level operation left out, or one operation's
 * injected interrupt. Under the same caller rules: an operation whose handle a later one uses stays,
 * a held lock goes with its release, and a free stays when a kmem_cache_destroy() follows (it must
 * find its cache empty). In a fixed order.
 */
export function scenarioSimpler(doc: Record<string, unknown>): Record<string, unknown>[] {
  const ops = doc.ops as Record<string, unknown>[];
  const out: Record<string, unknown>[] = [];
  const destroyLater = (i: number) => ops.slice(i + 1).some((x) => x.op === 'kmem_cache_destroy');
  ops.forEach((op, i) => {
    if (op.op === 'release_lock' || handleUsedLater(ops, i) || (FREES.has(String(op.op)) && destroyLater(i))) return;
    if (op.op === 'hold_lock') {
      const r = ops.findIndex((x, j) => j > i && x.op === 'release_lock' && x.lock === op.lock);
      const rest = ops.filter((_, j) => j !== i && j !== r);
      // A lock held over nothing is all a scenario may be: the loader refuses one without operations.
      if (rest.length) out.push({ ...doc, ops: rest });
      return;
    }
    if (ops.length > 1) out.push({ ...doc, ops: ops.filter((_, j) => j !== i) });
  });
  ops.forEach((op, i) => {
    if (op.inject === undefined) return;
    // Not an interrupt whose object a later operation names.
    if (definedHandles({ inject: op.inject }).some((h) => ops.slice(i + 1).some((x) => uses(x, h)))) return;
    const { inject: _, ...rest } = op;
    out.push({ ...doc, ops: ops.map((x, j) => (j === i ? rest : x)) });
  });
  return out;
}
