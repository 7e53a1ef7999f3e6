// The shared simulated kernel: CPUs and contexts, locks, interrupt injection, the page allocator,
// memory bytes and the observers (memcg, allocation profiling, kmemleak, kfence pool, trace, WARN
// registry, nesting of slab-internal allocations). The series never touches anything here.

import type { ContextLevel, KernelConfig } from './config.ts';
import { Cpu, DeadlockAbort, LocalLock, SpinLock, type HeldLock } from './cpu.ts';
import type { KEvent } from './events.ts';
import {
  __GFP_ACCOUNT,
  __GFP_DIRECT_RECLAIM,
  __GFP_HIGH,
  __GFP_KSWAPD_RECLAIM,
  __GFP_MEMALLOC,
  __GFP_NOFAIL,
  __GFP_NOMEMALLOC,
  __GFP_NORETRY,
  __GFP_NOWARN,
  __GFP_THISNODE,
  __GFP_ZERO,
  formatGfp,
  gfpBootMask,
  type gfp_t,
  type GfpName,
} from './gfp.ts';
import { Memory, PAGE_SIZE, type Page } from './memory.ts';
import { Rng } from './rng.ts';
import { Observers } from './observers.ts';
import { ALLOC_TRYLOCK, PageTags } from './alloc_tag_pages.ts';

export const NUMA_NO_NODE = -1;
/** PAGE_ALLOC_COSTLY_ORDER: the largest order kept on per-CPU lists (pcp_allowed_order). */
export const PAGE_ALLOC_COSTLY_ORDER = 3;
/** MAX_PAGE_ORDER (include/linux/mmzone.h, 4 KiB pages): the largest buddy order; KMALLOC_MAX_SIZE = PAGE_SIZE << MAX_PAGE_ORDER. */
export const MAX_PAGE_ORDER = 10;

/** What the stage tells the kernel about the gfp layout it defines (include/linux/gfp_types.h). */
export interface GfpLayout {
  readonly bitsMask: number;
  readonly traceNames: readonly GfpName[];
}

/** A pending interrupt: when `at` (and, if given, `key`) is reached on `cpu`, run `run` nested. */
export interface Injection {
  at: string;
  cache?: string;
  node?: number;
  cpu: number;
  context: ContextLevel;
  remaining: number;
  run: () => void;
}

interface NodeState {
  free: number;
  min: number;
  low: number;
  high: number;
  reclaimable: number;
  failNext: number;
  kswapdPending: boolean;
  readonly zoneLock: SpinLock;
}

/**
 * { ...e, ...extra } without object spread. In Node 20's V8 an object made by spreading another and
 * then adding properties outlives its scavenge: a forced minor GC after every 8 boots of a stage
 * promoted every one of the 8 simulated kernels (promotion rate 100 %), as long as their page
 * allocations had recorded `{ ...ev, ok: true, got }` events; with Object.assign() none was (the
 * kernels are garbage by then). Same properties, same order.
 */
function withFields<A extends object, B extends object>(e: A, extra: B): A & B {
  return Object.assign({}, e, extra);
}

export class Kernel {
  readonly mem: Memory;
  readonly rng: Rng;
  /** Separate stream for the per-CPU prandom (init_slab_obj_iter when !allow_spin). */
  readonly prandom: Rng;
  readonly cpus: Cpu[];
  readonly nodes: NodeState[];
  readonly obs: Observers;
  cpu: Cpu;
  gfp_allowed_mask: number;
  deferredInitDone: boolean;
  /** Events of the current operation; null when recording is off (benchmarks). */
  events: KEvent[] | null = [];
  injections: Injection[] = [];
  private cycles = 0;
  /** Page allocation tags and the early-PFN path: only with config.pageExtLate and profiling. */
  readonly pgtag: PageTags | null;
  /** The current allocation left the fast path (read by the pgtag hook). */
  private slowpath = false;

  constructor(
    readonly config: KernelConfig,
    readonly gfp: GfpLayout,
  ) {
    this.rng = new Rng(config.seed);
    this.prandom = new Rng(config.seed * 7919 + 17);
    this.mem = new Memory(this.rng);
    const ncpu = config.smp ? config.cpus : 1;
    this.cpus = [];
    for (let i = 0; i < ncpu; i++) this.cpus.push(new Cpu(i, config.cpuNode[i] ?? i % config.nodes));
    this.cpu = this.cpus[0];
    this.nodes = [];
    for (let n = 0; n < config.nodes; n++) {
      this.nodes.push({
        free: config.pagesPerNode,
        min: config.watermarks.min,
        low: config.watermarks.low,
        high: config.watermarks.high,
        reclaimable: config.reclaimablePerNode,
        failNext: 0,
        kswapdPending: false,
        zoneLock: new SpinLock(`zone->lock(node${n})`),
      });
    }
    this.obs = new Observers(this, config);
    this.pgtag = config.pageExtLate && config.profiling ? new PageTags(this) : null;
    this.gfp_allowed_mask = gfp.bitsMask;
    this.deferredInitDone = true;
  }

  /** True until the slab allocator is set up: KFENCE is not yet initialised then (kfence_init()). */
  booting = true;

  /** Apply the configured boot phase (after the slab allocator has been set up). */
  enterBootPhase(): void {
    this.booting = false;
    if (this.config.boot === 'early') this.gfp_allowed_mask = gfpBootMask(this.gfp.bitsMask);
    this.deferredInitDone = this.config.boot === 'running';
  }

  /** kernel_init_freeable(): "the scheduler is fully set up and can do blocking allocations". */
  finishEarlyBoot(): void {
    this.gfp_allowed_mask = this.gfp.bitsMask;
  }

  finishDeferredPageInit(): void {
    this.deferredInitDone = true;
  }

  // ---- events -------------------------------------------------------------------------------

  /** Set while the machine runs the work between two operations (KEvent.afterOp). */
  betweenOps = false;

  emit(e: KEvent): void {
    if (this.events === null) return;
    // Accounting and trace done for a slab-internal allocation (sheaf, obj_exts vector) is marked,
    // so that it is not mistaken for the caller's.
    if (this.obs.nest.length && (e.kind === 'kmemleak' || e.kind === 'memcg' || e.kind === 'alloc_tag' || e.kind === 'trace')) e = withFields(e, { nested: true });
    if (this.betweenOps) e = withFields(e, { afterOp: true });
    this.events.push(e);
  }

  printGfp(gfp: gfp_t): string {
    return formatGfp(gfp, this.gfp.traceNames);
  }

  /** WARN_ON_ONCE(cond): reports once per site, returns cond. */
  WARN_ON_ONCE(cond: boolean, site: string, msg: string): boolean {
    if (cond) this.obs.warnOnce(site, msg);
    return cond;
  }

  // ---- CPUs and contexts --------------------------------------------------------------------

  numa_mem_id(): number {
    return this.cpu.node;
  }
  num_online_nodes(): number {
    return this.nodes.length;
  }
  in_nmi(): boolean {
    return this.cpu.inNmi();
  }
  in_hardirq(): boolean {
    return this.cpu.inHardirq();
  }
  in_task(): boolean {
    return this.cpu.inTask();
  }

  /** get_cycles(): a deterministic counter (drives the remote-node defrag lottery). */
  get_cycles(): number {
    this.cycles = (this.cycles + 211) % 1024;
    return this.cycles;
  }

  /**
   * Run fn on `cpu` in `level` context, nested on top of whatever that CPU is doing. A deadlock
   * aborts fn: the locks it took are released and the context is popped, and the abort is returned.
   */
  runOn<T>(cpuId: number, level: ContextLevel, fn: () => T): { value?: T; aborted?: string } {
    const prev = this.cpu;
    const cpu = this.cpus[cpuId];
    this.cpu = cpu;
    const pushed = level !== 'task';
    if (pushed) cpu.ctx.push(level);
    const heldMark = cpu.held.length;
    const irqMark = cpu.irqsOff;
    try {
      return { value: fn() };
    } catch (e) {
      if (e instanceof DeadlockAbort) {
        while (cpu.held.length > heldMark) this.releaseHeld(cpu.held.pop()!);
        cpu.irqsOff = irqMark;
        return { aborted: e.message };
      }
      throw e;
    } finally {
      if (pushed) cpu.ctx.pop();
      this.cpu = prev;
    }
  }

  private releaseHeld(l: HeldLock): void {
    if (l instanceof SpinLock) l.owner = l.restore();
    else l.owner = -1;
  }

  // ---- locks --------------------------------------------------------------------------------

  spin_lock_irqsave(lock: SpinLock): void {
    const cpu = this.cpu;
    cpu.irqsOff++;
    if (!this.config.smp) {
      // UP: a spinlock is only preempt/irq disabling; nothing to spin on.
      this.emitLock('spin', lock.name, true);
      return;
    }
    const o = lock.owner;
    if (o !== null && o.cpu === cpu.id) {
      this.emit({ kind: 'deadlock', lock: lock.name, where: cpu.where() });
      cpu.irqsOff--;
      throw new DeadlockAbort(lock.name);
    }
    // Held by another CPU: we spin until it lets go (modelled as taking it over for our section).
    lock.save(o);
    lock.owner = cpu.ownerAt(cpu.depth);
    cpu.held.push(lock);
    this.emitLock('spin', lock.name, true, o !== null);
  }

  spin_trylock_irqsave(lock: SpinLock): boolean {
    const cpu = this.cpu;
    if (!this.config.smp) {
      // UP spin_trylock always "succeeds" — the reason kmalloc_nolock refuses NMI on UP.
      cpu.irqsOff++;
      this.emitLock('trylock', lock.name, true);
      return true;
    }
    if (lock.owner !== null) {
      this.emitLock('trylock', lock.name, false);
      return false;
    }
    cpu.irqsOff++;
    lock.save(null);
    lock.owner = cpu.ownerAt(cpu.depth);
    cpu.held.push(lock);
    this.emitLock('trylock', lock.name, true);
    return true;
  }

  spin_unlock_irqrestore(lock: SpinLock): void {
    const cpu = this.cpu;
    cpu.irqsOff--;
    if (!this.config.smp) return;
    cpu.held.remove(lock);
    lock.owner = lock.restore();
  }

  /**
   * local_trylock(): fails if this CPU's lock is already taken (we interrupted its holder). On
   * !PREEMPT_RT it only disables preemption, so hardirqs and softirqs can still come in.
   */
  local_trylock(lock: LocalLock): boolean {
    const cpu = this.cpu;
    if (lock.owner !== -1) {
      this.emitLock('local_trylock', lock.name, false);
      return false;
    }
    lock.owner = cpu.depth;
    cpu.held.push(lock);
    this.emitLock('local_trylock', lock.name, true);
    return true;
  }

  /** local_lock(): taking it while this CPU holds it is a deadlock. */
  local_lock(lock: LocalLock): void {
    const cpu = this.cpu;
    if (lock.owner !== -1) {
      this.emit({ kind: 'deadlock', lock: lock.name, where: cpu.where() });
      throw new DeadlockAbort(lock.name);
    }
    lock.owner = cpu.depth;
    cpu.held.push(lock);
    this.emitLock('local_lock', lock.name, true);
  }

  local_unlock(lock: LocalLock): void {
    const cpu = this.cpu;
    lock.owner = -1;
    cpu.held.remove(lock);
  }

  private emitLock(mode: 'spin' | 'trylock' | 'local_trylock' | 'local_lock', name: string, ok: boolean, contended = false): void {
    if (this.events === null) return;
    const e: KEvent = { kind: 'lock', mode, lock: name, ok, where: this.cpu.where() };
    if (contended) e.contended = true;
    this.emit(e);
  }

  /** A scenario's "another CPU holds this lock" (hold_lock). */
  holdLockOnCpu(lock: SpinLock, cpu: number): void {
    lock.save(lock.owner);
    lock.owner = { cpu, depth: 0 };
  }
  releaseLockFromCpu(lock: SpinLock): void {
    lock.owner = lock.restore();
  }

  /** might_sleep(): record a sleep-in-atomic bug if this context cannot sleep. */
  might_sleep(what: string): void {
    if (this.cpu.atomic()) this.emit({ kind: 'sleep_in_atomic', what, where: this.cpu.where() });
  }

  // ---- interrupt injection ------------------------------------------------------------------

  /** A named point inside an operation (of a cache, on a node): fire matching injections. */
  point(at: string, cache: string | null, node: number | null): void {
    if (this.injections.length === 0) return;
    for (const inj of this.injections) {
      if (inj.remaining <= 0 || inj.at !== at || inj.cpu !== this.cpu.id) continue;
      if (inj.cache !== undefined && inj.cache !== cache) continue;
      if (inj.node !== undefined && inj.node !== node) continue;
      // Hardirqs and softirqs cannot come in while interrupts are disabled; only an NMI can.
      if (inj.context !== 'nmi' && this.cpu.irqsOff > 0) {
        this.emit({ kind: 'injection', at, context: inj.context, fired: false, why: 'irqs disabled' });
        continue;
      }
      inj.remaining--;
      this.emit({ kind: 'injection', at, context: inj.context, fired: true });
      // The interrupt's operations are not slab-internal allocations of the code they interrupt:
      // they start a chain of their own (their records are theirs, their vectors and sheaves nest
      // from depth 1), as their gfp and alloc_flags carry nothing of the interrupted call.
      const interrupted = this.obs.nest.takeAll();
      try {
        inj.run();
      } finally {
        this.obs.nest.restore(interrupted);
      }
    }
  }

  // ---- page allocator -----------------------------------------------------------------------

  setWatermarks(node: number, w: { free?: number; min?: number; low?: number; high?: number; reclaimable?: number }): void {
    const n = this.nodes[node];
    if (w.free !== undefined) n.free = w.free;
    if (w.min !== undefined) n.min = w.min;
    if (w.low !== undefined) n.low = w.low;
    if (w.high !== undefined) n.high = w.high;
    if (w.reclaimable !== undefined) n.reclaimable = w.reclaimable;
  }

  failNextPageAllocs(node: number, count: number): void {
    this.nodes[node].failNext = count;
  }

  /** kswapd runs between operations: it reclaims towards the high watermark. */
  runKswapd(): void {
    for (const n of this.nodes) {
      if (!n.kswapdPending) continue;
      n.kswapdPending = false;
      const want = Math.max(0, n.high - n.free);
      const got = Math.min(want, n.reclaimable);
      n.reclaimable -= got;
      n.free += got;
    }
  }

  private candidateNodes(node: number, gfp: gfp_t): number[] {
    const pref = node === NUMA_NO_NODE ? this.numa_mem_id() : node;
    if (gfp & __GFP_THISNODE) return [pref];
    const out = [pref];
    for (let i = 0; i < this.nodes.length; i++) if (i !== pref) out.push(i);
    return out;
  }

  /** Take pages from node n if it passes `mark`; failure injection makes the node look empty. */
  private take(nid: number, order: number, mark: number): boolean {
    const n = this.nodes[nid];
    if (n.failNext > 0) {
      n.failNext--;
      return false;
    }
    const want = 1 << order;
    if (n.free - want < mark) return false;
    n.free -= want;
    return true;
  }

  private mapFor(nid: number, order: number, gfp: gfp_t, pfmemalloc: boolean): Page {
    const page = this.mem.map_pages(order, nid);
    page.pfmemalloc = pfmemalloc;
    // post_alloc_hook(): __GFP_ZERO or init_on_alloc zero the page. With init_on_free every free
    // page was zeroed when it was freed (free_pages_prepare(), boot memory included), which is why
    // post_alloc_hook() skips init when want_init_on_free(): fresh pages are zero.
    if (gfp & __GFP_ZERO || this.config.initOnAlloc || this.config.initOnFree) this.mem.zero_page(page);
    return page;
  }

  /**
   * alloc_pages / __alloc_frozen_pages: watermarks, kswapd, reserves, direct reclaim, NOFAIL.
   * The caller's gfp is masked with gfp_allowed_mask, as the page allocator does.
   */
  alloc_pages(gfpIn: gfp_t, order: number, node: number, allocFlags = 0, vmalloc = false): Page | null {
    // hardening: __alloc_pages_noprof(): WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER, gfp) and NULL,
    // before any lock. (The model's vmalloc maps one compound page; the kernel's uses order-0 pages.)
    if (order > MAX_PAGE_ORDER && !vmalloc) {
      if (!(gfpIn & __GFP_NOWARN)) this.obs.warnOnce('__alloc_pages', `WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER): order:${order}`);
      return null;
    }
    if (this.pgtag === null) return this.__alloc_pages(gfpIn, order, node);
    // post_alloc_hook() runs after zone->lock is dropped (prep_new_page()), interrupts enabled.
    this.slowpath = false;
    const page = this.__alloc_pages(gfpIn, order, node);
    if (page) this.pgtag.postAlloc(page, order, { gfp: gfpIn & this.gfp_allowed_mask, allocFlags, slowpath: this.slowpath });
    return page;
  }

  private __alloc_pages(gfpIn: gfp_t, order: number, node: number): Page | null {
    const gfp = gfpIn & this.gfp_allowed_mask;
    const nodes = this.candidateNodes(node, gfp);
    const ev = { kind: 'page_alloc' as const, gfp: this.events ? this.printGfp(gfpIn) : '', order, node, nolock: false };
    const first = nodes[0];
    const zl = this.nodes[first].zoneLock;
    this.spin_lock_irqsave(zl); // may abort the operation (deadlock)
    try {
      this.point('page_alloc', null, first);
      // Fast path: low watermark.
      for (const nid of nodes) if (this.take(nid, order, this.nodes[nid].low)) return this.done(ev, nid, order, gfp, false);
      this.slowpath = true;
      if (gfp & __GFP_KSWAPD_RECLAIM) {
        for (const nid of nodes) {
          const n = this.nodes[nid];
          if (n.free < n.low && !n.kswapdPending) {
            n.kswapdPending = true;
            this.emit({ kind: 'kswapd_wake', node: nid });
          }
        }
      }
      // Slow path: min watermark, lowered for __GFP_HIGH (atomic reserves).
      const minFor = (nid: number) => (gfp & __GFP_HIGH ? this.nodes[nid].min >> 1 : this.nodes[nid].min);
      for (const nid of nodes) if (this.take(nid, order, minFor(nid))) return this.done(ev, nid, order, gfp, false);
      // gfp_pfmemalloc_allowed(): __GFP_MEMALLOC without __GFP_NOMEMALLOC ignores watermarks.
      if (gfp & __GFP_MEMALLOC && !(gfp & __GFP_NOMEMALLOC)) {
        for (const nid of nodes) if (this.take(nid, order, 0)) return this.done(ev, nid, order, gfp, true);
      }
      if (gfp & __GFP_DIRECT_RECLAIM) {
        const rounds = gfp & __GFP_NORETRY ? 1 : 3;
        for (let r = 0; r < rounds; r++) {
          // __alloc_pages_direct_reclaim() runs without zone->lock held (it is only taken to
          // take pages off the free lists): drop it, so might_sleep() sees the caller's context.
          this.spin_unlock_irqrestore(zl);
          this.might_sleep('direct reclaim');
          const n = this.nodes[first];
          const freed = Math.min(n.reclaimable, 32 << order);
          n.reclaimable -= freed;
          n.free += freed;
          this.emit({ kind: 'direct_reclaim', node: first, freed });
          this.spin_lock_irqsave(zl);
          for (const nid of nodes) if (this.take(nid, order, minFor(nid))) return this.done(ev, nid, order, gfp, false);
        }
      }
      if (gfp & __GFP_NOFAIL) {
        // The OOM killer makes room; a __GFP_NOFAIL request does not return NULL.
        return this.done(ev, first, order, gfp, false, 'oom kill');
      }
      this.emit(withFields(ev, { ok: false }));
      if (!(gfp & __GFP_NOWARN)) this.obs.warn('warn_alloc', `page allocation failure: order:${order}, mode:${this.printGfp(gfpIn)}`);
      return null;
    } finally {
      this.spin_unlock_irqrestore(zl);
    }
  }

  private done(ev: { kind: 'page_alloc'; gfp: string; order: number; node: number; nolock: boolean }, nid: number, order: number, gfp: gfp_t, pfmemalloc: boolean, why?: string): Page {
    if (this.events) {
      const e: KEvent = withFields(ev, { ok: true, got: nid });
      if (pfmemalloc) e.pfmemalloc = true;
      if (why) e.why = why;
      this.emit(e);
    }
    return this.mapFor(nid, order, gfp, pfmemalloc);
  }

  /**
   * alloc_frozen_pages_nolock(): the trylock-only page allocator (ALLOC_TRYLOCK). Ignores gfp,
   * never reclaims, never wakes kswapd; its pages are always zeroed.
   */
  alloc_frozen_pages_nolock(gfp: gfp_t, node: number, order: number, allocFlags = 0): Page | null {
    const page = this.__alloc_frozen_pages_nolock(node, order);
    if (page && this.pgtag) this.pgtag.postAlloc(page, order, { gfp: gfp & this.gfp_allowed_mask, allocFlags: ALLOC_TRYLOCK | allocFlags, slowpath: false });
    return page;
  }

  private __alloc_frozen_pages_nolock(node: number, order: number): Page | null {
    const ev = { kind: 'page_alloc' as const, gfp: 'none', order, node, nolock: true };
    const fail = (why: string): null => {
      this.emit(withFields(ev, { ok: false, why }));
      return null;
    };
    if (!this.deferredInitDone) return fail('deferred page init not done');
    if (order > PAGE_ALLOC_COSTLY_ORDER) return fail('order above pcp limit');
    if (this.config.preemptRt && (this.in_nmi() || this.in_hardirq())) return fail('PREEMPT_RT in NMI/hardirq');
    const nodes = this.candidateNodes(node, 0);
    const zl = this.nodes[nodes[0]].zoneLock;
    if (!this.spin_trylock_irqsave(zl)) return fail('zone lock busy');
    try {
      // alloc_frozen_pages_nolock_noprof() allocates with __GFP_NOWARN | __GFP_ZERO |
      // __GFP_NOMEMALLOC | __GFP_COMP | gfp_flags ("zeroing the page is mandatory for BPF use
      // cases"): its pages are always zeroed, also the slab pages of a caller that cannot spin.
      for (const nid of nodes) if (this.take(nid, order, this.nodes[nid].low)) return this.done(ev, nid, order, __GFP_ZERO, false);
      return fail('below watermark');
    } finally {
      this.spin_unlock_irqrestore(zl);
    }
  }

  /** vmalloc (mm/vmalloc.c): may sleep; pages from any node; zeroed on __GFP_ZERO. */
  vmalloc(size: number, gfp: gfp_t, node: number): number {
    this.might_sleep('vmalloc');
    // hardening: __vmalloc_node_range_noprof() refuses more than the machine's memory.
    if (size > this.config.pagesPerNode * this.nodes.length * PAGE_SIZE) {
      if (!(gfp & __GFP_NOWARN)) this.obs.warn('warn_alloc', `vmalloc error: size ${size}, exceeds total pages`);
      return 0;
    }
    let order = 0;
    while (PAGE_SIZE * 2 ** order < size) order++;
    const page = this.alloc_pages(gfp & ~__GFP_ZERO, order, node, 0, true);
    if (!page) return 0;
    // __alloc_pages_noprof(): a __GFP_ACCOUNT page is charged to the current memcg
    // (__memcg_kmem_charge_page()); when the charge fails the page is freed and vmalloc fails.
    if (gfp & __GFP_ACCOUNT && this.obs.current_obj_cgroup()) {
      if (!this.obs.charge(PAGE_SIZE << order, gfp, 'vmalloc')) {
        this.free_pages(page);
        return 0;
      }
      (page as Page & { memcg?: number }).memcg = PAGE_SIZE << order;
    }
    page.owner = 'vmalloc';
    if (gfp & __GFP_ZERO) this.mem.zero_page(page);
    this.tag_caller_pages(page);
    const addr = this.mem.page_address(page);
    // __vmalloc_node_range_noprof(): kmemleak_vmalloc() registers the area.
    this.obs.kmemleakAlloc(addr, 'vmalloc');
    return addr;
  }

  vfree(addr: number): void {
    const page = this.mem.virt_to_page(addr) as (Page & { memcg?: number; tag?: string }) | undefined;
    if (!page || page.owner !== 'vmalloc') return;
    this.obs.kmemleakFree(addr);
    if (page.memcg) this.obs.uncharge(page.memcg, 'vmalloc');
    this.untag_caller_pages(page);
    this.free_pages(page);
  }

  /**
   * Allocation profiling of pages an allocation hands to its caller whole (a vmalloc area, a large
   * kmalloc): alloc_hooks() set current->alloc_tag and post_alloc_hook()'s pgalloc_tag_add()
   * accounts the pages to it, so a kvmalloc() keeps its tag whether kmalloc_large or vmalloc serves
   * it. (Until 2026-12-04 only vmalloc was tagged, on the belief that the large-kmalloc path is
   * chosen by size alone; kvmalloc() picks it or vmalloc by whether the kmalloc attempt succeeded,
   * which differs between stages: a modelling bug explore found with seed 17.)
   */
  tag_caller_pages(page: Page): void {
    if (this.config.profiling && this.obs.currentTag) {
      this.obs.tagAdd(this.obs.currentTag, PAGE_SIZE << page.order);
      (page as Page & { tag?: string }).tag = this.obs.currentTag;
    }
  }

  /** free_pages()' pgalloc_tag_sub() for tag_caller_pages(). */
  untag_caller_pages(page: Page): void {
    const tagged = page as Page & { tag?: string };
    if (tagged.tag) {
      this.obs.tagSub(tagged.tag, PAGE_SIZE << page.order);
      tagged.tag = undefined;
    }
  }

  free_pages(page: Page): void {
    if (this.pgtag) this.pgtag.free(page);
    this.nodes[page.node].free += 1 << page.order;
    this.emit({ kind: 'page_free', order: page.order, node: page.node });
    this.mem.unmap_pages(page);
  }
}

