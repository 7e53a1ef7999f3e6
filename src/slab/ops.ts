// The SLUB scenario operations, one entry each: the fields they take (required, optional) and what
// they do. The loader (scenario.ts), the JSON Schema (docs/scenario.schema.json, by
// `npm run schema`) and the table in docs/scenarios.md are generated from here; the machine
// (machine.ts) must handle every name (an exhaustive switch: a new op does not compile until it runs).

export type FieldType = 'string' | 'int' | 'gfp' | 'bool' | 'handle' | 'cache' | 'allocflags' | 'lockkind' | 'intOrNull';

export interface OpSpec {
  req: Readonly<Record<string, FieldType>>;
  opt?: Readonly<Record<string, FieldType>>;
  /** Returns an object (so it may name it with `as`). */
  allocates?: boolean;
}

export interface OpDef<N extends string = string> extends OpSpec {
  name: N;
  /** What it does, for docs/scenarios.md (empty: the name says it). */
  doc: string;
}

export function defineOp<const N extends string>(name: N, spec: OpSpec, doc: string): OpDef<N> {
  return { name, ...spec, doc };
}

export const OPS = [
  defineOp('kmalloc', { req: { size: 'int', gfp: 'gfp' }, opt: { const: 'bool' }, allocates: true }, "`kmalloc()` (non-constant size: `__kmalloc_noprof`)"),
  defineOp('kmalloc_node', { req: { size: 'int', gfp: 'gfp', node: 'int' }, opt: { const: 'bool' }, allocates: true }, "`kmalloc_node()`"),
  defineOp('kzalloc', { req: { size: 'int', gfp: 'gfp' }, allocates: true }, "`kmalloc(size, gfp|__GFP_ZERO)`"),
  defineOp('kcalloc', { req: { n: 'int', size: 'int', gfp: 'gfp' }, allocates: true }, "`kcalloc()`; the requested size is n*size"),
  defineOp('kmalloc_track_caller', { req: { size: 'int', gfp: 'gfp' }, opt: { caller: 'string' }, allocates: true }, "`__kmalloc_node_track_caller_noprof`"),
  defineOp('krealloc', { req: { obj: 'handle', size: 'int', gfp: 'gfp' }, allocates: true }, "`krealloc()`; on success the old handle is dead, the result is under `as`"),
  defineOp('kvmalloc', { req: { size: 'int', gfp: 'gfp' }, opt: { node: 'int' }, allocates: true }, "`__kvmalloc_node_noprof` (vmalloc fallback for blocking gfp)"),
  defineOp('kmalloc_nolock', { req: { size: 'int', gfp: 'gfp' }, opt: { node: 'int' }, allocates: true }, "`kmalloc_nolock()`"),
  defineOp('kmalloc_flags', { req: { size: 'int', gfp: 'gfp', alloc_flags: 'allocflags' }, opt: { node: 'int' }, allocates: true }, "`kmalloc_flags()` (RFC 12 on; `n/a` before)"),
  defineOp('kmem_cache_alloc', { req: { cache: 'cache', gfp: 'gfp' }, allocates: true }, ""),
  defineOp('kmem_cache_alloc_node', { req: { cache: 'cache', gfp: 'gfp', node: 'int' }, allocates: true }, ""),
  defineOp('kmem_cache_alloc_lru', { req: { cache: 'cache', gfp: 'gfp', lru: 'string' }, allocates: true }, "`lru` names the list_lru charged by memcg"),
  defineOp('kmem_cache_zalloc', { req: { cache: 'cache', gfp: 'gfp' }, allocates: true }, ""),
  defineOp('kmem_cache_alloc_bulk', { req: { cache: 'cache', gfp: 'gfp', count: 'int' }, allocates: true }, "result `true`/`false`; objects are `as[0]`, `as[1]`, ..."),
  defineOp('kmem_cache_prefill_sheaf', { req: { cache: 'cache', gfp: 'gfp', size: 'int' } }, "result `sheaf(size N)` or NULL; `as` names the sheaf"),
  defineOp('kmem_cache_refill_sheaf', { req: { cache: 'cache', gfp: 'gfp', sheaf: 'handle', size: 'int' } }, "result is the return code and the new size"),
  defineOp('kmem_cache_return_sheaf', { req: { cache: 'cache', gfp: 'gfp', sheaf: 'handle' } }, "the sheaf handle becomes NULL"),
  defineOp('kmem_cache_alloc_from_sheaf', { req: { cache: 'cache', gfp: 'gfp', sheaf: 'handle' }, allocates: true }, ""),
  defineOp('kfree', { req: { obj: 'handle' } }, ""),
  defineOp('kvfree', { req: { obj: 'handle' } }, ""),
  defineOp('kfree_nolock', { req: { obj: 'handle' } }, ""),
  defineOp('kmem_cache_free', { req: { cache: 'cache', obj: 'handle' } }, ""),
  defineOp('kmem_cache_free_bulk', { req: { cache: 'cache', obj: 'handle' } }, "obj is a bulk handle (all its live elements) or one object"),
  defineOp('ksize', { req: { obj: 'handle' } }, "result is the usable size"),
  defineOp('kmem_cache_charge', { req: { obj: 'handle', gfp: 'gfp' } }, "late memcg charge; result `true`/`false`"),
  defineOp('kmem_cache_destroy', { req: { cache: 'cache' } }, ""),
  defineOp('write', { req: { obj: 'handle', offset: 'int', length: 'int', value: 'int' } }, "memset bytes of an object (to corrupt red zones, or mark contents)"),
  defineOp('validate', { req: { cache: 'cache' } }, "`validate_slab_cache()`; result `N errors`"),
  defineOp('finish_early_boot', { req: {} }, "`kernel_init_freeable()`: `gfp_allowed_mask` opens"),
  defineOp('finish_deferred_page_init', { req: {} }, "deferred struct-page init completes"),
  defineOp('set_watermarks', { req: { node: 'int' }, opt: { free: 'int', min: 'int', low: 'int', high: 'int', reclaimable: 'int' } }, "change a node's page counts"),
  defineOp('fail_page_allocs', { req: { node: 'int', count: 'int' } }, "the next `count` page takes on that node fail (0 clears)"),
  defineOp('set_memcg_limit', { req: { bytes: 'intOrNull' } }, ""),
  defineOp('hold_lock', { req: { lock: 'lockkind', node: 'int', cpu: 'int' }, opt: { cache: 'cache' } }, "another CPU (`cpu`) holds the lock: `zone` (node's zone lock), `list_lock` or `barn` (of `cache` on `node`)"),
  defineOp('release_lock', { req: { lock: 'lockkind', node: 'int' }, opt: { cache: 'cache' } }, ""),
  defineOp('irq_work', { req: {} }, "run deferred frees now (they also run after every top-level op)"),
  defineOp('alloc_pages', { req: { order: 'int', gfp: 'gfp' }, opt: { node: 'int' }, allocates: true }, "`alloc_pages_node()`: the page allocator directly (result `object`/NULL; `as` names the page)"),
  defineOp('alloc_pages_nolock', { req: { order: 'int' }, opt: { node: 'int' }, allocates: true }, "`alloc_pages_nolock()` (ALLOC_TRYLOCK)"),
  defineOp('free_pages', { req: { obj: 'handle' } }, "`__free_pages()` of a page from `alloc_pages`/`alloc_pages_nolock`"),
  defineOp('page_ext_init', { req: {} }, "`page_ext_init()`: page_ext appears and `init_page_alloc_tagging()` runs (with `config.pageExtLate`)"),
  defineOp('run_kswapd', { req: {} }, "kswapd reclaims towards the high watermark (also runs after every top-level op if woken)"),
] as const;

export type OpName = (typeof OPS)[number]['name'];

export const OP_SPECS: Readonly<Record<string, OpDef>> = Object.fromEntries(OPS.map((o) => [o.name, o]));

/** Descriptions of the op fields, for the JSON Schema. */
export const FIELD_DOCS: Readonly<Record<string, string>> = {
  "size": "bytes requested",
  "gfp": "gfp expression",
  "const": "model a compile-time constant size (accepted, not yet used by the runner)",
  "as": "name the result (object, bulk array or sheaf) for later operations",
  "cpu": "CPU to run on (default 0); must be below config.cpus",
  "context": "execution context (default task)",
  "site": "allocation-profiling call site (current->alloc_tag); default scenario:<name>:<index>",
  "inject": "interrupts to run nested on the same CPU when a point is reached",
  "node": "NUMA node, -1 = NUMA_NO_NODE",
  "n": "element count",
  "caller": "label of the caller (kmalloc_track_caller)",
  "obj": "handle of an earlier allocation (\"b[3]\" = element 3 of bulk \"b\")",
  "alloc_flags": "SLAB_ALLOC_* expression (stages that have kmalloc_flags())",
  "cache": "cache name: a declared cache or a kmalloc cache (kmalloc-64, kmalloc-cg-1k, kmalloc-rcl-8k ...)",
  "lru": "name of the list_lru to charge",
  "count": "number of objects (bulk) or of page allocations to fail",
  "sheaf": "handle of a prefilled sheaf",
  "offset": "byte offset into the object",
  "length": "number of bytes",
  "value": "byte value (0..255)",
  "free": "free pages",
  "min": "min watermark",
  "low": "low watermark",
  "high": "high watermark",
  "reclaimable": "pages reclaim can free",
  "bytes": "memcg limit in bytes, null = unlimited",
  "lock": "which lock",
  "order": "page order"
};
