// The observers slab reports to: memcg charging, allocation profiling tags, kmemleak, the kfence
// pool, the WARN/pr_warn registry and the nesting of slab-internal allocations.

import type { KernelConfig } from './config.ts';
import type { KEvent } from './events.ts';
import { __GFP_HIGH, __GFP_NOFAIL, type gfp_t } from './gfp.ts';
import type { Kernel } from './kernel.ts';
import { PAGE_SIZE, type Page } from './memory.ts';
import { Stack } from './stack.ts';

export interface TagCounter {
  bytes: number;
  calls: number;
}

export interface KfenceObject {
  addr: number;
  size: number;
  cache: unknown;
  live: boolean;
}

export class Observers {
  // memcg
  memcgCharged = 0;
  memcgLimit: number | null;
  // allocation profiling: current->alloc_tag and the per-site counters
  currentTag: string | null = null;
  readonly tags = new Map<string, TagCounter>();
  readonly inaccurate = new Set<string>();
  // kmemleak
  readonly kmemleak = new Map<number, string>();
  readonly kmemleakNotLeak = new Set<number>();
  // WARN / pr_warn registry
  readonly warnedOnce = new Set<string>();
  readonly warnings: { site: string; msg: string }[] = [];
  // nesting of slab-internal allocations
  readonly nest = new NestChain();
  maxNest = 0;
  // kfence
  private kfenceCalls = 0;
  private readonly kfencePool: Page[] = [];
  readonly kfenceObjects = new Map<number, KfenceObject>();

  constructor(
    private readonly k: Kernel,
    private readonly config: KernelConfig,
  ) {
    this.memcgLimit = config.memcgLimit;
  }

  // ---- WARN ---------------------------------------------------------------------------------

  warn(site: string, msg: string, once?: true): void {
    this.warnings.push({ site, msg });
    const e: KEvent = once ? { kind: 'warn', site, msg, once } : { kind: 'warn', site, msg };
    if (this.nest.length && e.kind === 'warn') e.raisedIn = this.nest.chain();
    this.k.emit(e);
  }
  warnOnce(site: string, msg: string): void {
    if (this.warnedOnce.has(site)) return;
    this.warnedOnce.add(site);
    this.warn(site, msg, true);
  }

  // ---- memcg --------------------------------------------------------------------------------

  /** current_obj_cgroup(): a non-root objcg exists for task context only (no int_active_memcg). */
  current_obj_cgroup(): boolean {
    return this.config.memcg && this.k.in_task();
  }

  /**
   * obj_cgroup_charge(): fails above the limit unless the charge is forced. try_charge_memcg()
   * forces it for __GFP_NOFAIL and for __GFP_HIGH ("Memcg doesn't have a dedicated reserve for
   * atomic allocations ... let these go through as privileged allocations"): a GFP_ATOMIC charge
   * goes over the limit instead of failing.
   */
  charge(bytes: number, gfp: gfp_t, what: string): boolean {
    if (this.memcgLimit !== null && this.memcgCharged + bytes > this.memcgLimit && !(gfp & (__GFP_NOFAIL | __GFP_HIGH))) {
      this.k.emit({ kind: 'memcg', op: 'charge_fail', bytes, what });
      return false;
    }
    this.memcgCharged += bytes;
    this.k.emit({ kind: 'memcg', op: 'charge', bytes, what });
    return true;
  }
  uncharge(bytes: number, what: string): void {
    this.memcgCharged -= bytes;
    this.k.emit({ kind: 'memcg', op: 'uncharge', bytes, what });
  }

  // ---- allocation profiling -----------------------------------------------------------------

  tagAdd(site: string, bytes: number): void {
    let t = this.tags.get(site);
    if (!t) this.tags.set(site, (t = { bytes: 0, calls: 0 }));
    t.bytes += bytes;
    t.calls++;
    this.k.emit({ kind: 'alloc_tag', op: 'add', site, bytes });
  }
  tagSub(site: string, bytes: number): void {
    const t = this.tags.get(site);
    if (t) {
      t.bytes -= bytes;
      t.calls--;
    }
    this.k.emit({ kind: 'alloc_tag', op: 'sub', site, bytes });
  }
  tagSetInaccurate(site: string): void {
    this.inaccurate.add(site);
    this.k.emit({ kind: 'alloc_tag', op: 'inaccurate', site, bytes: 0 });
  }
  /** alloc_hooks(): run fn with current->alloc_tag set to the call site. */
  withTag<T>(site: string, fn: () => T): T {
    const prev = this.currentTag;
    this.currentTag = site;
    try {
      return fn();
    } finally {
      this.currentTag = prev;
    }
  }

  // ---- kmemleak -----------------------------------------------------------------------------

  kmemleakAlloc(addr: number, what: string): void {
    if (!this.config.kmemleak) return;
    this.kmemleak.set(addr, what);
    this.k.emit({ kind: 'kmemleak', op: 'alloc', what });
  }
  kmemleakFree(addr: number): void {
    if (!this.config.kmemleak) return;
    const what = this.kmemleak.get(addr);
    if (what === undefined) return;
    this.kmemleak.delete(addr);
    this.kmemleakNotLeak.delete(addr);
    this.k.emit({ kind: 'kmemleak', op: 'free', what });
  }
  kmemleakNotLeakMark(addr: number, what: string): void {
    if (!this.config.kmemleak) return;
    this.kmemleakNotLeak.add(addr);
    this.k.emit({ kind: 'kmemleak', op: 'not_leak', what });
  }

  // ---- nesting of slab-internal allocations -------------------------------------------------

  nestEnter(kind: string): void {
    this.nest.push(kind);
    if (this.nest.length > this.maxNest) this.maxNest = this.nest.length;
    if (this.k.events) this.k.emit({ kind: 'nest', chain: this.nest.chain(), depth: this.nest.length });
  }
  nestExit(): void {
    this.nest.pop();
  }

  // ---- kfence pool --------------------------------------------------------------------------

  kfenceEnabled(): boolean {
    return this.config.kfence.enabled;
  }

  /** The sampling gate: every sampleInterval-th eligible call, while the pool has room. */
  kfenceSample(): boolean {
    const { enabled, sampleInterval, poolObjects } = this.config.kfence;
    if (!enabled || sampleInterval <= 0 || this.k.booting) return false;
    this.kfenceCalls++;
    if (this.kfenceCalls % sampleInterval !== 0) return false;
    let live = 0;
    for (const o of this.kfenceObjects.values()) if (o.live) live++;
    return live < poolObjects;
  }

  /** One guarded object per page: the object sits at the page start, the rest is canary. */
  kfenceMap(size: number, cache: unknown): number {
    const page = this.k.mem.map_pages(0, this.k.numa_mem_id());
    page.owner = 'kfence';
    this.kfencePool.push(page);
    // Every object gets a slot of its own, whose garbage stands for what a reused slot's last
    // object left there; under init_on_free kfence_guarded_free() cleared that object
    // (mm/kfence/core.c: "Clear memory if init-on-free is set"), and a never-used slot is zeroed
    // memblock memory, so the slot is handed out zeroed. (Canary residue of a differently placed
    // earlier object is not modelled: objects always sit at the page start here.)
    if (this.config.initOnFree) this.k.mem.zero_page(page);
    page.bytes.fill(0xaa, size);
    const addr = this.k.mem.page_address(page);
    this.kfenceObjects.set(addr, { addr, size, cache, live: true });
    return addr;
  }

  is_kfence_address(addr: number): boolean {
    return this.kfenceObjects.has(addr);
  }

  kfenceFree(addr: number): void {
    const o = this.kfenceObjects.get(addr);
    if (!o) return;
    o.live = false;
    this.kfenceObjects.delete(addr);
    const page = this.k.mem.virt_to_page(addr);
    if (page) this.k.mem.unmap_pages(page);
  }

  static readonly PAGE_SIZE = PAGE_SIZE;
}

/** _RET_IP_: call sites are numbered so that caller_addr can be an unsigned long. */
const siteIds = new Map<string, number>();
const siteNames: string[] = [''];
export function siteId(name: string | null): number {
  if (name === null) return 0;
  let id = siteIds.get(name);
  if (id === undefined) {
    id = siteNames.length;
    siteNames.push(name);
    siteIds.set(name, id);
  }
  return id;
}
export function siteName(id: number): string {
  return siteNames[id] ?? `0x${id.toString(16)}`;
}

/** The chain of slab-internal allocations in progress ("sheaf(kmalloc-8) > vector(...)"), outermost first. */
export class NestChain extends Stack<string> {
  /** The chain as printed. */
  chain(): string {
    let s = '';
    for (let i = 0; i < this.length; i++) s += i ? ` > ${this.at(i)}` : this.at(i);
    return s;
  }
}
