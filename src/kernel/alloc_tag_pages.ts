// Allocation profiling of *pages* before and after page_ext exists (mm/page_alloc.c's
// pgalloc_tag_add()/pgalloc_tag_sub(), include/linux/pgalloc_tag.h, the debug checks of
// include/linux/alloc_tag.h), and the early-PFN record of the slab/for-next base (lib/alloc_tag.c,
// Hao Ge's "clear codetag for pages allocated before page_ext initialization": a fixed array).
//
// Inert unless a scenario sets config.pageExtLate together with config.profiling: the kernel then
// creates one PageTags and calls it from the page allocator (post_alloc_hook, outside zone->lock)
// and from free_pages(). A stage (a base overlay: src/bases/*) may install its own pgalloc_tag_add
// and page_ext-init code (PgallocTagHooks); without one, the for-next base's code below runs.
//
// Terms (spec base-mm-unstable.md): the *early path* is what the hook does while page_ext does not
// exist; a *tracking page* is a page the early path allocates to store PFNs; a *record* is a PFN.

import { DeadlockAbort, LocalLock } from './cpu.ts';
import type { gfp_t } from './gfp.ts';
import type { Kernel } from './kernel.ts';
import { PAGE_SIZE, type Page } from './memory.ts';

/** CODETAG_EMPTY (only with CONFIG_MEM_ALLOC_PROFILING_DEBUG; NULL otherwise). */
export const CODETAG_EMPTY = 'CODETAG_EMPTY';
/** A page's tag slot: NULL, CODETAG_EMPTY, or the call site's tag. */
export type CodetagRef = null | typeof CODETAG_EMPTY | string;

/** mm/internal.h ALLOC_* values the hook can see (the page allocator's internal alloc_flags). */
export const ALLOC_MIN_RESERVE = 0x20;
export const ALLOC_TRYLOCK = 0x400;

/** What post_alloc_hook() knows besides the page: the masked gfp and the allocator's alloc_flags. */
export interface AllocInfo {
  gfp: gfp_t;
  allocFlags: number;
  /** The allocation left the fast path (the slowpath recomputes alloc_flags from the gfp). */
  slowpath: boolean;
}

/** The stage-side code (a base or candidate overlay's mm/page_alloc.ts + lib/alloc_tag.ts). */
export interface PgallocTagHooks {
  /** post_alloc_hook()'s pgalloc_tag_add(page, current, 1 << order, gfp_flags). */
  pgalloc_tag_add(page: Page, nr: number, info: AllocInfo): void;
  /** page_ext_init() → .init of page_alloc_tagging_ops → init_page_alloc_tagging(). */
  init_page_alloc_tagging(): void;
}

/** The deepest the early path may nest on one CPU before the model calls it a stack overflow. */
export const EARLY_PATH_STACK_LIMIT = 12;

/** Unbounded recursion in the early path: the simulated kernel stack overflows. */
export class EarlyPathOverflow extends DeadlockAbort {
  constructor(depth: number) {
    super('early PFN path');
    this.message = `stack overflow: early PFN path nested ${depth} deep`;
  }
}

/** for-next's EARLY_ALLOC_PFN_MAX as the model sizes it (the stages' lib/alloc_tag.ts: 256). */
export const FOR_NEXT_EARLY_ALLOC_PFN_MAX = 256;

export class PageTags {
  /** page_ext exists (page_ext_init() ran): tag slots are reachable. */
  pageExtReady = false;
  private readonly refs = new WeakMap<Page, CodetagRef>();
  private readonly ids = new WeakMap<Page, number>();
  private nextId = 1;
  /** pfn → page, for pfn_valid()/pfn_to_page() at teardown. */
  private readonly byPfn = new Map<number, Page>();
  /** Early-path nesting per CPU (P1). */
  private readonly depth: number[];
  /** Early-path nesting per CPU and context depth (task 0, then each nested interrupt). */
  private readonly byLevel = new Map<string, number>();
  maxDepth = 0;
  /** The RCU read-side section of alloc_tag_add_early_pfn(), as a held "lock" (atomic context). */
  private readonly rcu: LocalLock[];
  /** Installed by the stage; null: the for-next base's code below. */
  hooks: PgallocTagHooks | null = null;
  /** Counters of the early path, for candidate tables: records lost, tracking pages made. */
  readonly stats = { recorded: 0, skipped: 0, trackingPages: 0, notSet: 0, overflows: 0 };

  /** Context each page was allocated in, and the pages of the early path's own tracking. */
  private readonly allocCtx = new WeakMap<Page, string>();
  private readonly tracking = new WeakSet<Page>();
  private readonly bootPages = new Set<Page>();

  // for-next: static unsigned long early_pfns[EARLY_ALLOC_PFN_MAX] __initdata;
  private readonly early_pfns: number[] = [];

  constructor(private readonly k: Kernel) {
    this.depth = k.cpus.map(() => 0);
    this.rcu = k.cpus.map((c) => new LocalLock(`rcu_read_lock(cpu${c.id})`));
  }

  get debug(): boolean {
    return this.k.config.profilingDebug;
  }

  /** A stable name for a page in events: allocation order, not address. */
  name(page: Page): string {
    let id = this.ids.get(page);
    if (id === undefined) this.ids.set(page, (id = this.nextId++));
    return `page#${id}`;
  }

  // ---- the page allocator's side ------------------------------------------------------------

  /** post_alloc_hook(): pgalloc_tag_add() if mem_alloc_profiling_enabled(). */
  postAlloc(page: Page, order: number, info: AllocInfo): void {
    // Pages are numbered from the scenario's first allocation (boot's differ between stages).
    if (!this.k.booting) this.name(page);
    this.byPfn.set(page.pfn, page);
    this.allocCtx.set(page, this.k.cpu.level);
    // The slab allocator's own boot (kmem_cache_init) happens before the scenario: its pages are
    // treated as recorded by an oracle (tag set CODETAG_EMPTY at page_ext init), so that scenarios
    // start with an empty early-PFN record and only their own allocations take the early path.
    if (this.k.booting) {
      this.bootPages.add(page);
      return;
    }
    if (this.pageExtReady) this.refs.set(page, null);
    const early = !this.pageExtReady && this.debug;
    // I2: a page allocated while this context is inside its own early path (its tracking page),
    // after the page allocator dropped zone->lock and before the page's own hook runs.
    if (early && this.levelDepth() > 0) this.point('early_pfn_I2');
    if (early) this.enterEarly(page);
    try {
      const h = this.hooks;
      if (h) h.pgalloc_tag_add(page, 1 << order, info);
      else this.forNextPgallocTagAdd(page, 1 << order);
    } finally {
      if (early) this.exitEarly();
    }
  }

  /** Entry of the early path: I0 for an outermost allocation, I3 for one nested in the early path
   *  on this CPU (the tracking page's own hook, or an interrupt's page). */
  pointEntry(): void {
    this.point(this.levelDepth() > 1 ? 'early_pfn_I3' : 'early_pfn_I0');
  }
  /** Early-path nesting of the current context level on this CPU. */
  private levelDepth(): number {
    return this.byLevel.get(`${this.k.cpu.id}/${this.k.cpu.depth}`) ?? 0;
  }
  /** Early-path nesting on this CPU (1 = an outermost allocation). */
  earlyDepth(): number {
    return this.depth[this.k.cpu.id];
  }

  /** __free_pages_prepare(): pgalloc_tag_sub(page, 1 << order). */
  free(page: Page): void {
    this.byPfn.delete(page.pfn);
    if (!this.get_page_tag_ref(page)) return;
    this.alloc_tag_sub(page, PAGE_SIZE << page.order);
    this.refs.delete(page);
  }

  /** page_ext_init(): slots appear (all NULL), then the .init callbacks run. */
  pageExtInit(): void {
    if (this.pageExtReady) return;
    this.pageExtReady = true;
    this.k.emit({ kind: 'early_pfn', op: 'page_ext_init' });
    for (const p of this.bootPages) if (this.byPfn.get(p.pfn) === p) this.refs.set(p, CODETAG_EMPTY);
    this.bootPages.clear();
    if (this.hooks) this.hooks.init_page_alloc_tagging();
    else this.forNextClearEarly();
  }

  // ---- include/linux/pgalloc_tag.h, include/linux/alloc_tag.h ------------------------------

  /** get_page_tag_ref(): false while page_ext does not exist. */
  get_page_tag_ref(_page: Page): boolean {
    return this.pageExtReady;
  }
  ref(page: Page): CodetagRef {
    return this.refs.get(page) ?? null;
  }
  /** clear_page_tag_ref(): CODETAG_EMPTY if the slot is reachable, nothing otherwise. */
  clear_page_tag_ref(page: Page): void {
    if (this.pageExtReady) this.refs.set(page, this.debug ? CODETAG_EMPTY : null);
  }
  /** Teardown's rule for one recorded PFN: an already tagged page is left alone. */
  set_empty_if_unset(pfn: number): void {
    const page = this.byPfn.get(pfn);
    if (!page || !this.pageExtReady) return;
    if (this.ref(page) === null) this.refs.set(page, CODETAG_EMPTY);
  }
  pfn_valid(pfn: number): boolean {
    return this.byPfn.has(pfn);
  }

  /** alloc_tag_add(&ref, task->alloc_tag, bytes) with alloc_tag_add_check(). */
  alloc_tag_add(page: Page, bytes: number): void {
    const tag = this.k.obs.currentTag;
    const prev = this.ref(page);
    if (this.debug && prev !== null && prev !== CODETAG_EMPTY) this.k.obs.warnOnce('alloc_tag_add_check', `alloc_tag was not cleared (got tag for ${prev})`);
    if (tag === null) {
      if (this.debug) this.k.obs.warnOnce('alloc_tag_add_check', 'current->alloc_tag not set');
      return;
    }
    this.refs.set(page, tag);
    this.k.emit({ kind: 'early_pfn', op: 'tag_add', page: this.name(page), detail: `${tag} ${bytes}` });
  }

  /** alloc_tag_sub(&ref, bytes) with alloc_tag_sub_check(): WARN_ONCE(ref && !ref->ct, "alloc_tag was not set"). */
  alloc_tag_sub(page: Page, bytes: number): void {
    const r = this.ref(page);
    if (r === null) {
      if (this.debug) {
        // WARN_ONCE prints once; the event shows every unrecorded page, so lost records are counted.
        this.stats.notSet++;
        this.k.emit({ kind: 'early_pfn', op: 'not_set', page: this.name(page), detail: this.tracking.has(page) ? 'tracking page' : `allocated in ${this.allocCtx.get(page) ?? 'task'}` });
        this.k.obs.warnOnce('alloc_tag_sub_check', 'alloc_tag was not set');
      }
      return;
    }
    this.refs.set(page, null);
    if (r === CODETAG_EMPTY) return;
    this.k.emit({ kind: 'early_pfn', op: 'tag_sub', page: this.name(page), detail: `${r} ${bytes}` });
  }

  /** alloc_tag_set_inaccurate(task->alloc_tag). */
  set_inaccurate(): void {
    const tag = this.k.obs.currentTag;
    if (tag !== null) this.k.obs.inaccurate.add(tag);
  }

  // ---- helpers the early path of every base and candidate uses -------------------------------

  /** Enter the early path on this CPU; past EARLY_PATH_STACK_LIMIT the stack overflows (P1). */
  enterEarly(page: Page): void {
    const c = this.k.cpu.id;
    const lk = `${c}/${this.k.cpu.depth}`;
    this.byLevel.set(lk, (this.byLevel.get(lk) ?? 0) + 1);
    const d = ++this.depth[c];
    if (d > this.maxDepth) this.maxDepth = d;
    if (d > 1) this.k.emit({ kind: 'early_pfn', op: 'nested', page: this.name(page), depth: d });
    if (d > EARLY_PATH_STACK_LIMIT) {
      this.stats.overflows++;
      this.k.emit({ kind: 'early_pfn', op: 'overflow', page: this.name(page), depth: d });
      this.exitEarly(); // the caller's finally does not run for this frame
      throw new EarlyPathOverflow(d);
    }
  }
  exitEarly(): void {
    const c = this.k.cpu.id;
    const lk = `${c}/${this.k.cpu.depth}`;
    this.byLevel.set(lk, Math.max(0, (this.byLevel.get(lk) ?? 0) - 1));
    if (this.depth[c] > 0) this.depth[c]--;
  }
  /** rcu_read_lock()/rcu_read_unlock(): the section is atomic (might_sleep() reports). */
  rcu_read_lock(): void {
    this.k.cpu.held.push(this.rcu[this.k.cpu.id]);
  }
  rcu_read_unlock(): void {
    this.k.cpu.held.remove(this.rcu[this.k.cpu.id]);
  }
  /** An injection point of the early path (I0..I5 of the spec's §2.9). */
  point(at: EarlyPfnPoint): void {
    this.k.point(at, null, null);
  }
  recorded(page: Page | number): void {
    this.stats.recorded++;
    const p = typeof page === 'number' ? this.byPfn.get(page) : page;
    this.k.emit({ kind: 'early_pfn', op: 'record', page: p ? this.name(p) : `pfn?` });
  }
  skipped(page: Page, why: string): void {
    this.stats.skipped++;
    this.k.emit({ kind: 'early_pfn', op: 'skip', page: this.name(page), detail: why });
  }
  event(op: EarlyPfnOp, page?: Page, detail?: string): void {
    const e: { kind: 'early_pfn'; op: EarlyPfnOp; page?: string; detail?: string } = { kind: 'early_pfn', op };
    if (page) e.page = this.name(page);
    if (detail) e.detail = detail;
    if (op === 'pool_alloc' && page) {
      this.stats.trackingPages++;
      this.tracking.add(page);
    }
    this.k.emit(e);
  }
  pfnToPage(pfn: number): Page | undefined {
    return this.byPfn.get(pfn);
  }

  // ---- the slab/for-next base (no stage hook installed) -------------------------------------

  /** for-next __pgalloc_tag_add(): normal path, or alloc_tag_add_early_pfn(pfn) + inaccurate. */
  private forNextPgallocTagAdd(page: Page, nr: number): void {
    if (this.get_page_tag_ref(page)) return this.alloc_tag_add(page, PAGE_SIZE * nr);
    if (!this.debug) return;
    this.pointEntry();
    this.rcu_read_lock();
    this.point('early_pfn_I1');
    // __alloc_tag_add_early_pfn(): atomic_try_cmpxchg on early_pfn_count, no allocation.
    if (this.early_pfns.length >= FOR_NEXT_EARLY_ALLOC_PFN_MAX) {
      this.k.obs.warnOnce('early_pfn_max', `Early page allocations before page_ext init exceeded EARLY_ALLOC_PFN_MAX (${FOR_NEXT_EARLY_ALLOC_PFN_MAX})`);
    } else {
      this.early_pfns.push(page.pfn);
      this.recorded(page);
    }
    this.rcu_read_unlock();
    this.set_inaccurate();
  }

  private forNextClearEarly(): void {
    if (!this.debug) return;
    for (const pfn of this.early_pfns) if (this.pfn_valid(pfn)) this.set_empty_if_unset(pfn);
    this.early_pfns.length = 0;
  }
}

export const EARLY_PFN_POINTS = ['early_pfn_I0', 'early_pfn_I1', 'early_pfn_I2', 'early_pfn_I3', 'early_pfn_I4', 'early_pfn_I5'] as const;
export type EarlyPfnPoint = (typeof EARLY_PFN_POINTS)[number];

export type EarlyPfnOp = 'record' | 'skip' | 'pool_alloc' | 'pool_alloc_fail' | 'pool_install' | 'pool_race_free' | 'pool_free' | 'not_set' | 'overflow' | 'nested' | 'tag_add' | 'tag_sub' | 'page_ext_init' | 'guard';
