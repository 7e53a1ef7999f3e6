// Run one scenario on one SLUB stage: boot the simulated kernel, execute each operation through the
// stage's public API (StageInstance), and record typed results, objects with their byte promises,
// and the kernel's events. The generic runner loop (src/harness/runner.ts) drives it.

import { Kernel } from '../kernel/kernel.ts';
import type { KEvent } from '../kernel/events.ts';
import { GfpParseError, parseGfp, __GFP_THISNODE, __GFP_ZERO } from '../kernel/gfp.ts';
import { PAGE_SIZE, ZERO_SIZE_PTR, type MemoryMeter, type Page } from '../kernel/memory.ts';
import { BudgetError, DEFAULT_BUDGET, RunClock, ScenarioError, type RunBudget } from '../harness/domain.ts';
import type { CacheHandle, Ptr, SheafHandle, StageDescriptor, StageInstance } from './stage_api.ts';
import type { Op, SlabScenario } from './scenario.ts';
import type { OpName } from './ops.ts';
import { digest, isZero, type BytePromise, type BytesObservation, type SlabObject, type SlabOp, type EndState } from './observation.ts';

interface ObjHandle {
  ptr: Ptr;
  requested: number;
  live: boolean;
  /** Every allocation of this memory so far asked for zeroing (krealloc's __GFP_ZERO condition). */
  zeroChain: boolean;
  /** The cache the object came from has a constructor, SLAB_TYPESAFE_BY_RCU or poisoning. */
  noInit: boolean;
  /** The caller wrote beyond the requested size: no promise about the bytes beyond it holds. */
  scribbled?: boolean;
}

class NotApplicable extends Error {}

/**
 * Every page the model backs with bytes is counted while mapped: a scenario that would hold more
 * than the budget ends with BudgetError before the allocation (not "Array buffer allocation
 * failed"). The lazily backed memory itself is src/kernel/memory.ts's (performance branch).
 */
class MemoryBudget implements MemoryMeter {
  private backed = 0;
  constructor(
    private readonly scenario: string,
    private readonly bytes: number,
  ) {}

  mapping(order: number): void {
    const bytes = PAGE_SIZE * 2 ** order;
    if (this.backed + bytes > this.bytes) throw new BudgetError(this.scenario, `more than ${this.bytes} bytes of memory backed at once (an order-${order} page on top of ${this.backed})`);
    this.backed += bytes;
  }

  unmapped(order: number): void {
    this.backed -= PAGE_SIZE * 2 ** order;
  }
}

/** The CPU's default ctor: fills the object with a recognisable pattern. */
const CTOR_BYTE = 0x3c;

export function bootMachine(stage: StageDescriptor, sc: SlabScenario, opts: { record: boolean; budget?: RunBudget }): Machine {
  return new Machine(stage, sc, opts.record, opts.budget ?? DEFAULT_BUDGET);
}

export class Machine {
  readonly k: Kernel;
  private readonly inst: StageInstance;
  private readonly caches = new Map<string, CacheHandle>();
  private readonly objs = new Map<string, ObjHandle>();
  private readonly order: string[] = [];
  private readonly bulks = new Map<string, string[]>();
  private readonly sheaves = new Map<string, { sheaf: SheafHandle | null; cache: string }>();
  private readonly liveByPtr = new Map<Ptr, string>();
  /** Pages of alloc_pages/alloc_pages_nolock, by handle (null once freed). */
  private readonly pages = new Map<string, Page | null>();
  private readonly violations: string[] = [];
  /** Records of the current top-level operation and its injected ones. */
  private records: SlabOp[] = [];
  /** Caches whose objects get no init_on_alloc/init_on_free zeroing (ctor, TYPESAFE_BY_RCU, poison). */
  private readonly noInitCaches = new Set<string>();

  /** Budget accounting: operations executed, nesting of exec, time (memory: MemoryBudget). */
  private executed = 0;
  private depth = 0;
  private readonly clock: RunClock;

  constructor(
    private readonly stage: StageDescriptor,
    private readonly sc: SlabScenario,
    private readonly record: boolean,
    private readonly budget: RunBudget = DEFAULT_BUDGET,
  ) {
    this.clock = new RunClock(budget.ms);
    this.k = new Kernel(sc.config, stage.gfp);
    this.k.events = null;
    this.k.mem.meter = new MemoryBudget(sc.name, budget.bytes);
    this.inst = stage.boot(this.k);
    for (const c of sc.caches) {
      let flags = 0;
      for (const f of c.flags) flags |= stage.slabFlags.get(f) ?? 0;
      const k = this.k;
      const size = c.size;
      const ctor = c.ctor ? (p: Ptr) => k.mem.memset(p, CTOR_BYTE, size) : null;
      const r = this.k.runOn(0, 'task', () => this.inst.api.kmem_cache_create(c.name, c.size, c.align, flags, ctor));
      if (!r.value) throw new ScenarioError(`${sc.name}: caches: kmem_cache_create(${JSON.stringify(c.name)}, ${c.size}) failed at stage ${stage.slug}`);
      this.caches.set(c.name, r.value);
      // slab_want_init_on_alloc()/slab_want_init_on_free(): no init for these caches.
      if (c.ctor || c.flags.includes('SLAB_TYPESAFE_BY_RCU') || c.flags.includes('SLAB_POISON')) this.noInitCaches.add(c.name);
    }
  }

  private charge(index: string): void {
    if (++this.executed > this.budget.ops) throw new BudgetError(this.sc.name, `more than ${this.budget.ops} operations executed (injected ones included), at ops[${index}]`);
    if (this.depth > this.budget.depth) throw new BudgetError(this.sc.name, `interrupts nested more than ${this.budget.depth} deep at run time, at ops[${index}]`);
    if (this.clock.over()) throw new BudgetError(this.sc.name, `ran longer than ${this.budget.ms} ms of CPU time, at ops[${index}]`);
  }

  /** Execute one top-level operation; its record first, then those of injected operations. */
  execute(op: Op, index: string): SlabOp[] {
    this.records = [];
    const events: KEvent[] = [];
    this.k.events = this.record ? events : null;
    const rec = this.exec(op, index);
    // Between operations: irq_work hands deferred frees to the slab, kswapd reclaims. Their events
    // are recorded with this operation, marked as not done by it (a contract about what the
    // operation itself may do must not count them).
    this.k.betweenOps = true;
    try {
      this.inst.flushDeferred();
      this.k.runKswapd();
    } finally {
      this.k.betweenOps = false;
    }
    this.k.events = null;
    rec.events = events;
    return this.records;
  }

  private exec(op: Op, index: string): SlabOp {
    this.depth++;
    try {
      this.charge(index);
      return this.execOne(op, index);
    } finally {
      this.depth--;
    }
  }

  private execOne(op: Op, index: string): SlabOp {
    const facts: SlabOp['facts'] = { context: (op.injectedIn as string | undefined) ?? op.context ?? 'task', wantZero: false };
    if (typeof op.cache === 'string') facts.cache = op.cache;
    const rec: SlabOp = { index, op: op.op, status: 'ran', result: { kind: 'ok' }, facts, objects: [], events: [] };
    if (typeof op.gfp === 'string') {
      try {
        facts.gfp = parseGfp(op.gfp, this.stage.gfpNames);
        facts.wantZero = (facts.gfp & __GFP_ZERO) !== 0;
        if (facts.gfp & __GFP_THISNODE && typeof op.node === 'number' && op.node >= 0) facts.thisNode = op.node;
      } catch {
        // reported as n/a when the operation runs
      }
    }
    if (['kzalloc', 'kmem_cache_zalloc', 'kcalloc'].includes(op.op)) facts.wantZero = true;
    // kmem_cache_prefill_sheaf() returns NULL for 0 objects before it looks at the gfp.
    if (op.op === 'kmem_cache_prefill_sheaf' && op.size === 0) facts.refusedSize = true;
    // krealloc keeps the old contents; __GFP_ZERO only concerns the memory beyond them.
    if (op.op === 'krealloc') {
      facts.wantZero = false;
      // Freed when krealloc() succeeds, left alone when it fails (the judge needs to know which).
      if (typeof op.obj === 'string') facts.consumes = op.obj;
    }
    // The object whose charge it makes, unless the allocation made it (the judge: movedOccurrence).
    if (op.op === 'kmem_cache_charge' && typeof op.obj === 'string') facts.charges = op.obj;
    // krealloc(NULL) is kmalloc() and kmem_cache_charge(NULL) charges nothing and reports success:
    // which path they take depends on the earlier result (the judge: inputAtOneStage).
    if ((op.op === 'krealloc' || op.op === 'kmem_cache_charge') && typeof op.obj === 'string') {
      const h = this.objs.get(op.obj);
      if (h) {
        facts.inputNull = !h.ptr || h.ptr === ZERO_SIZE_PTR;
        // A KFENCE object is never resized in place: krealloc() moves it to a new object.
        if (op.op === 'krealloc') facts.inputKfence = !facts.inputNull && this.inst.objectInfo(h.ptr)?.kind === 'kfence';
      }
    }
    this.records.push(rec);
    const k = this.k;
    const cpu = op.cpu ?? 0;
    const injections = (op.inject ?? []).map((inj, j) => ({
      at: inj.at,
      cache: inj.cache,
      node: inj.node,
      cpu,
      context: inj.context,
      remaining: inj.count,
      run: () => {
        inj.ops.forEach((nested, n) => {
          // A nested operation keeps its own events; the parent shows where the interrupt came.
          const idx = `${index}/inject${j}/${n}`;
          const outer = k.events;
          const mine: KEvent[] = [];
          if (outer) k.events = mine;
          let o: SlabOp | undefined;
          // onCpu: another CPU acts at this moment (in its own context), not an interrupt here.
          const on = inj.onCpu ?? cpu;
          const r = k.runOn(on, inj.context, () => {
            o = this.exec({ ...nested, cpu: on, context: undefined, injectedIn: inj.context }, idx);
          });
          k.events = outer;
          if (o) {
            o.events = mine;
            if (r.aborted) {
              o.status = 'aborted';
              o.result = null;
              o.reason = r.aborted;
            }
          }
        });
      },
    }));
    for (const inj of injections) k.injections.push(inj);
    const prevTag = k.obs.currentTag;
    k.obs.currentTag = op.site ?? `scenario:${this.sc.name}:${index}`;
    try {
      const r = k.runOn(cpu, op.context ?? 'task', () => this.dispatch(op, rec));
      if (r.aborted) {
        rec.status = 'aborted';
        rec.result = null;
        rec.reason = r.aborted;
      }
    } catch (e) {
      if (!(e instanceof NotApplicable)) throw e;
      rec.status = 'n/a';
      rec.result = null;
      rec.reason = e.message;
    } finally {
      k.obs.currentTag = prevTag;
      for (const inj of injections) k.injections.splice(k.injections.indexOf(inj), 1);
    }
    return rec;
  }

  // ---- operands ---------------------------------------------------------------------------

  private gfp(op: Op): number {
    try {
      return parseGfp(op.gfp as string, this.stage.gfpNames);
    } catch (e) {
      if (e instanceof GfpParseError) throw new NotApplicable(`${e.message} at this stage`);
      throw e;
    }
  }

  private cache(name: string): CacheHandle {
    const c = this.caches.get(name) ?? this.inst.cacheByName(name);
    if (!c) throw new NotApplicable(`no cache "${name}"`);
    return c;
  }

  private obj(h: string): ObjHandle {
    const o = this.objs.get(h);
    if (!o) throw new NotApplicable(`handle "${h}" holds no object`);
    return o;
  }

  private node(op: Op): number {
    return (op.node as number | undefined) ?? -1;
  }

  // ---- results ----------------------------------------------------------------------------

  private range(ptr: Ptr, from: number, to: number) {
    const view = this.k.mem.view(ptr + from, Math.max(0, to - from));
    return { from, to, zero: isZero(view), digest: digest(view) };
  }

  private bytesOf(ptr: Ptr, requested: number): BytesObservation | undefined {
    const info = this.inst.objectInfo(ptr);
    if (!info) return undefined;
    const view = this.k.mem.view(ptr, Math.min(requested, info.usable));
    const b: BytesObservation = { requested, zero: isZero(view), digest: digest(view) };
    if (info.kind === 'slab' && info.usable > requested) {
      const tail = this.k.mem.view(ptr + requested, info.usable - requested);
      b.tail = { length: tail.length, zero: isZero(tail), digest: digest(tail) };
    }
    return b;
  }

  private objectObs(handle: string, ptr: Ptr, requested: number): SlabObject {
    if (!ptr) return { handle, kind: 'NULL', cache: null };
    if (ptr === ZERO_SIZE_PTR) return { handle, kind: 'ZERO_SIZE_PTR', cache: null };
    const info = this.inst.objectInfo(ptr);
    const ob: SlabObject = { handle, kind: info?.kind ?? 'unknown', cache: info?.cache ?? null, bytes: this.bytesOf(ptr, requested) };
    const page = this.k.mem.virt_to_page(ptr);
    if (page) ob.node = page.node;
    return ob;
  }

  /**
   * The byte promises of one allocation (include/linux/slab.h, Documentation/core-api/
   * memory-allocation.rst, init_on_alloc/init_on_free in kernel-parameters.txt), each checked.
   */
  private promisesOf(op: Op, rec: SlabOp, ptr: Ptr, requested: number, cache: string | null, prior?: { requested: number; digest: string; zeroChain: boolean; scribbled: boolean }): BytePromise[] {
    if (!ptr || ptr === ZERO_SIZE_PTR || !this.inst.objectInfo(ptr)) return [];
    const out: BytePromise[] = [];
    const zeroed = (promise: string, from: number, to: number) => {
      if (to <= from) return;
      const range = this.range(ptr, from, to);
      out.push({ promise, range, kept: range.zero });
    };
    const cfg = this.sc.config;
    const noInit = cache !== null && (this.noInitCaches.has(cache) || this.poisoned(cache));
    const start = prior ? prior.requested : 0;
    if (prior) {
      // krealloc: "The contents will remain unchanged" up to the smaller size.
      const keep = Math.min(prior.requested, requested);
      const range = this.range(ptr, 0, keep);
      out.push({ promise: 'krealloc keeps contents', range, expectDigest: prior.digest, kept: range.digest === prior.digest });
      // __GFP_ZERO is honoured for the grown part when every allocation of this memory asked for it.
      // A caller that wrote beyond its requested size voids every promise about the bytes beyond it.
      if (prior.scribbled) return out;
      if (rec.facts.gfp !== undefined && rec.facts.gfp & __GFP_ZERO && prior.zeroChain) zeroed('krealloc __GFP_ZERO growth', start, requested);
    } else if (rec.facts.wantZero) zeroed('__GFP_ZERO', 0, requested);
    // init_on_alloc zeroes what is newly allocated; init_on_free leaves all free memory zeroed.
    if (!noInit && cfg.initOnAlloc) zeroed('init_on_alloc', start, requested);
    else if (!noInit && cfg.initOnFree && !prior) zeroed('init_on_free', 0, requested);
    return out;
  }

  /** slub_debug=P on this cache (a trailing '*' in the list is a prefix glob): SLAB_POISON. */
  private poisoned(cache: string): boolean {
    const d = this.sc.config.slubDebug;
    if (!d || !d.flags.includes('P')) return false;
    return d.caches.length === 0 || d.caches.some((p) => (p.endsWith('*') ? cache.startsWith(p.slice(0, -1)) : p === cache));
  }

  /** Record a newly allocated object under its handle; check it is not already live. */
  private adopt(handle: string, ptr: Ptr, requested: number, zeroChain: boolean, noInit: boolean): void {
    const prev = this.objs.get(handle);
    if (prev && prev.live && prev.ptr && prev.ptr !== ZERO_SIZE_PTR) this.liveByPtr.delete(prev.ptr);
    if (ptr && ptr !== ZERO_SIZE_PTR) {
      const other = this.liveByPtr.get(ptr);
      if (other !== undefined) this.violations.push(`object handed out twice: ${other} and ${handle}`);
      this.liveByPtr.set(ptr, handle);
    }
    if (!this.objs.has(handle)) this.order.push(handle);
    this.objs.set(handle, { ptr, requested, live: true, zeroChain, noInit });
  }

  private release(handle: string): Ptr {
    const o = this.obj(handle);
    if (!o.live) throw new NotApplicable(`handle "${handle}" was already freed`);
    o.live = false;
    if (o.ptr && o.ptr !== ZERO_SIZE_PTR) this.liveByPtr.delete(o.ptr);
    return o.ptr;
  }

  private allocated(op: Op, rec: SlabOp, ptr: Ptr, requested: number, prior?: { requested: number; digest: string; zeroChain: boolean; scribbled: boolean }): void {
    const handle = op.as ?? `#${rec.index}`;
    rec.result = ptr === 0 ? { kind: 'NULL' } : ptr === ZERO_SIZE_PTR ? { kind: 'ZERO_SIZE_PTR' } : { kind: 'object' };
    const ob = this.objectObs(handle, ptr, requested);
    const promises = this.promisesOf(op, rec, ptr, requested, ob.cache, prior);
    if (promises.length) ob.promises = promises;
    rec.objects = [ob];
    const zeroChain = prior ? prior.zeroChain && rec.facts.gfp !== undefined && (rec.facts.gfp & __GFP_ZERO) !== 0 : rec.facts.wantZero;
    this.adopt(handle, ptr, requested, zeroChain, ob.cache !== null && this.noInitCaches.has(ob.cache));
  }

  // ---- operations -------------------------------------------------------------------------

  private dispatch(op: Op, obs: SlabOp): void {
    const api = this.inst.api;
    const k = this.k;
    const size = op.size as number;
    // The loader accepts only names of the op table.
    const name = op.op as OpName;
    switch (name) {
      case 'kmalloc':
        return this.allocated(op, obs, api.kmalloc(size, this.gfp(op), op.const === true), size);
      case 'kmalloc_node':
        return this.allocated(op, obs, api.kmalloc_node(size, this.gfp(op), this.node(op), op.const === true), size);
      case 'kzalloc':
        return this.allocated(op, obs, api.kzalloc(size, this.gfp(op)), size);
      case 'kcalloc': {
        const n = op.n as number;
        return this.allocated(op, obs, api.kcalloc(n, size, this.gfp(op)), n * size);
      }
      case 'kmalloc_track_caller':
        return this.allocated(op, obs, api.kmalloc_track_caller(size, this.gfp(op), 0x1000), size);
      case 'krealloc': {
        const old = this.obj(op.obj as string);
        if (!old.live) throw new NotApplicable(`handle "${op.obj}" was already freed`);
        const gfp = this.gfp(op);
        const info = old.ptr && old.ptr !== ZERO_SIZE_PTR ? this.inst.objectInfo(old.ptr) : null;
        const prior = info ? { requested: old.requested, digest: this.range(old.ptr, 0, Math.min(old.requested, size)).digest, zeroChain: old.zeroChain, scribbled: old.scribbled === true } : undefined;
        const ptr = api.krealloc(old.ptr, size, gfp);
        // A successful krealloc frees the old object (or reuses it in place).
        if (ptr) {
          old.live = false;
          if (old.ptr && old.ptr !== ZERO_SIZE_PTR) this.liveByPtr.delete(old.ptr);
        }
        return this.allocated(op, obs, ptr, size, prior);
      }
      case 'kvmalloc':
        return this.allocated(op, obs, api.kvmalloc_node(size, this.gfp(op), this.node(op)), size);
      case 'kmalloc_nolock':
        return this.allocated(op, obs, api.kmalloc_nolock(size, this.gfp(op), this.node(op)), size);
      case 'kmalloc_flags': {
        // One reason, whichever part is missing: the function (RFC 12) or a flag (RFC 04, RFC 13).
        // The call is n/a until all of it exists, and a step that adds one part without the other
        // (RFC 12, a no-functional-change step) must not read as a changed observation.
        const expr = op.alloc_flags as string;
        const af = this.allocFlags(expr);
        if (!api.kmalloc_flags || af === null) throw new NotApplicable(`kmalloc_flags() with ${expr} does not exist at this stage`);
        return this.allocated(op, obs, api.kmalloc_flags(size, this.gfp(op), af, this.node(op)), size);
      }
      case 'kmem_cache_alloc':
      case 'kmem_cache_zalloc':
      case 'kmem_cache_alloc_node':
      case 'kmem_cache_alloc_lru': {
        const s = this.cache(op.cache as string);
        const gfp = this.gfp(op);
        const ptr =
          op.op === 'kmem_cache_alloc'
            ? api.kmem_cache_alloc(s, gfp)
            : op.op === 'kmem_cache_zalloc'
              ? api.kmem_cache_zalloc(s, gfp)
              : op.op === 'kmem_cache_alloc_node'
                ? api.kmem_cache_alloc_node(s, gfp, this.node(op))
                : api.kmem_cache_alloc_lru(s, { name: op.lru as string }, gfp);
        return this.allocated(op, obs, ptr, this.inst.cacheInfo(s).object_size);
      }
      case 'kmem_cache_alloc_bulk': {
        const s = this.cache(op.cache as string);
        const p: Ptr[] = [];
        const ok = api.kmem_cache_alloc_bulk(s, this.gfp(op), op.count as number, p);
        obs.result = { kind: 'bool', value: ok };
        const name = op.as ?? `#${obs.index}`;
        const osz = this.inst.cacheInfo(s).object_size;
        const names = p.map((_, i) => `${name}[${i}]`);
        this.bulks.set(name, names);
        obs.objects = p.map((ptr, i) => this.objectObs(names[i], ptr, osz));
        const noInit = this.noInitCaches.has(this.inst.cacheInfo(s).name);
        obs.objects.forEach((ob, i) => {
          const promises = this.promisesOf(op, obs, p[i], osz, ob.cache);
          if (promises.length) ob.promises = promises;
        });
        p.forEach((ptr, i) => this.adopt(names[i], ptr, osz, obs.facts.wantZero, noInit));
        if (ok && p.length !== op.count) this.violations.push(`bulk ${name}: returned ${p.length} objects for ${op.count}`);
        if (new Set(p).size !== p.length) this.violations.push(`bulk ${name}: duplicate objects`);
        return;
      }
      case 'kmem_cache_prefill_sheaf': {
        const s = this.cache(op.cache as string);
        const sheaf = api.kmem_cache_prefill_sheaf(s, this.gfp(op), size);
        obs.result = sheaf ? { kind: 'sheaf', size: api.kmem_cache_sheaf_size(sheaf) } : { kind: 'NULL' };
        if (op.as) this.sheaves.set(op.as, { sheaf, cache: this.inst.cacheInfo(s).name });
        return;
      }
      case 'kmem_cache_refill_sheaf': {
        const s = this.cache(op.cache as string);
        const ref = this.sheafRef(op.sheaf as string, s);
        const r = api.kmem_cache_refill_sheaf(s, this.gfp(op), ref, size);
        obs.result = { kind: 'refill', ret: r, size: ref.sheaf ? api.kmem_cache_sheaf_size(ref.sheaf) : null };
        return;
      }
      case 'kmem_cache_return_sheaf': {
        const s = this.cache(op.cache as string);
        const ref = this.sheafRef(op.sheaf as string, s);
        if (!ref.sheaf) throw new NotApplicable(`sheaf "${op.sheaf}" is NULL`);
        api.kmem_cache_return_sheaf(s, this.gfp(op), ref.sheaf);
        ref.sheaf = null;
        return;
      }
      case 'kmem_cache_alloc_from_sheaf': {
        const s = this.cache(op.cache as string);
        const ref = this.sheafRef(op.sheaf as string, s);
        if (!ref.sheaf) throw new NotApplicable(`sheaf "${op.sheaf}" is NULL`);
        return this.allocated(op, obs, api.kmem_cache_alloc_from_sheaf(s, this.gfp(op), ref.sheaf), this.inst.cacheInfo(s).object_size);
      }
      case 'kfree':
        return api.kfree(this.release(op.obj as string));
      case 'kvfree':
        return api.kvfree(this.release(op.obj as string));
      case 'kfree_nolock':
        return api.kfree_nolock(this.release(op.obj as string));
      case 'kmem_cache_free': {
        const s = this.cache(op.cache as string);
        this.fromCache(s, [op.obj as string]);
        return api.kmem_cache_free(s, this.release(op.obj as string));
      }
      case 'kmem_cache_free_bulk': {
        const s = this.cache(op.cache as string);
        const names = (this.bulks.get(op.obj as string) ?? [op.obj as string]).filter((h) => this.objs.get(h)?.live);
        this.fromCache(s, names);
        const p = names.map((h) => this.release(h));
        return api.kmem_cache_free_bulk(s, p.length, p);
      }
      case 'ksize':
        obs.result = { kind: 'number', value: api.ksize(this.obj(op.obj as string).ptr) };
        return;
      case 'kmem_cache_charge':
        obs.result = { kind: 'bool', value: api.kmem_cache_charge(this.obj(op.obj as string).ptr, this.gfp(op)) };
        return;
      case 'kmem_cache_destroy':
        return api.kmem_cache_destroy(this.cache(op.cache as string));
      case 'write': {
        const o = this.obj(op.obj as string);
        if (!o.ptr || o.ptr === ZERO_SIZE_PTR) throw new NotApplicable(`handle "${op.obj}" holds no object`);
        const from = o.ptr + (op.offset as number);
        const len = op.length as number;
        // The write must stay in the memory of the object's page(s): beyond is not this object.
        const page = k.mem.virt_to_page(o.ptr);
        if (!page || (len > 0 && k.mem.virt_to_page(from + len - 1) !== page) || k.mem.virt_to_page(from) !== page) throw new NotApplicable(`write [${op.offset}, ${(op.offset as number) + len}) leaves the memory of "${op.obj}"`);
        if ((op.offset as number) + len > o.requested) o.scribbled = true;
        k.mem.memset(from, (op.value as number) & 0xff, len);
        return;
      }
      case 'validate':
        obs.result = { kind: 'validate', errors: this.inst.validate(this.cache(op.cache as string)) };
        return;
      case 'finish_early_boot':
        return k.finishEarlyBoot();
      case 'finish_deferred_page_init':
        return k.finishDeferredPageInit();
      case 'set_watermarks':
        return k.setWatermarks(op.node as number, op as Record<string, number>);
      case 'fail_page_allocs':
        return k.failNextPageAllocs(op.node as number, op.count as number);
      case 'set_memcg_limit':
        k.obs.memcgLimit = op.bytes as number | null;
        return;
      case 'hold_lock':
      case 'release_lock': {
        const lock = this.lockFor(op);
        if (op.op === 'hold_lock') k.holdLockOnCpu(lock, op.cpu as number);
        else k.releaseLockFromCpu(lock);
        return;
      }
      case 'irq_work':
        return this.inst.flushDeferred();
      case 'run_kswapd':
        return k.runKswapd();
      case 'alloc_pages':
      case 'alloc_pages_nolock': {
        const order = op.order as number;
        const page = op.op === 'alloc_pages' ? k.alloc_pages(this.gfp(op), order, this.node(op)) : k.alloc_frozen_pages_nolock(0, this.node(op), order);
        const handle = op.as ?? `#${obs.index}`;
        obs.result = page ? { kind: 'object' } : { kind: 'NULL' };
        obs.objects = [page ? { handle, kind: 'page', cache: null, node: page.node } : { handle, kind: 'NULL', cache: null }];
        this.pages.set(handle, page);
        return;
      }
      case 'free_pages': {
        const page = this.pages.get(op.obj as string);
        if (!page) throw new NotApplicable(`handle "${op.obj}" holds no page`);
        this.pages.set(op.obj as string, null);
        return k.free_pages(page);
      }
      case 'page_ext_init':
        if (!k.pgtag) throw new NotApplicable('page_ext_init needs config.pageExtLate and profiling');
        return k.pgtag.pageExtInit();
      default: {
        // Every op of the table (ops.ts) must be handled above: this does not compile otherwise.
        const unhandled: never = name;
        throw new NotApplicable(`operation ${unhandled} is not supported`);
      }
    }
  }

  /**
   * Freeing to another cache than the object's is a caller bug the kernel only catches with
   * debugging (cache_from_obj(): "Wrong slab cache"); the model cannot run it: n/a.
   */
  private fromCache(s: CacheHandle, handles: readonly string[]): void {
    const name = this.inst.cacheInfo(s).name;
    for (const h of handles) {
      const o = this.obj(h);
      if (!o.live || !o.ptr || o.ptr === ZERO_SIZE_PTR) continue;
      const info = this.inst.objectInfo(o.ptr);
      if (!info || (info.kind !== 'slab' && info.kind !== 'kfence') || info.cache !== name) throw new NotApplicable(`"${h}" is not an object of ${name} (Wrong slab cache)`);
    }
  }

  private lockFor(op: Op) {
    const node = op.node as number;
    if (op.lock === 'zone') return this.k.nodes[node].zoneLock;
    if (op.cache === undefined) throw new NotApplicable(`${op.lock} needs a cache`);
    const name = this.inst.cacheInfo(this.cache(op.cache as string)).name;
    const lock = this.inst.lockOf(name, op.lock as 'list_lock' | 'barn', node);
    if (!lock) throw new NotApplicable(`${name} has no ${op.lock} on node ${node}`);
    return lock;
  }

  /** A sheaf is used with the cache it was prefilled from; another cache is a caller bug: n/a. */
  private sheafRef(h: string, s: CacheHandle): { sheaf: SheafHandle | null } {
    const r = this.sheaves.get(h);
    if (!r) throw new NotApplicable(`handle "${h}" holds no sheaf`);
    const name = this.inst.cacheInfo(s).name;
    if (r.cache !== name) throw new NotApplicable(`sheaf "${h}" was prefilled from ${r.cache}, not ${name}`);
    return r;
  }

  /** The alloc_flags value of `expr` at this stage, or null when one of its names does not exist here. */
  private allocFlags(expr: string): number | null {
    let v = 0;
    for (const t of expr.split('|').map((x) => x.trim())) {
      const f = this.stage.allocFlags.get(t);
      if (f === undefined) return null;
      v |= f;
    }
    return v;
  }

  // ---- end state --------------------------------------------------------------------------

  end(): EndState {
    const k = this.k;
    const outstanding = this.order.filter((h) => {
      const o = this.objs.get(h)!;
      return o.live && o.ptr !== 0 && o.ptr !== ZERO_SIZE_PTR;
    });
    const tags: Record<string, { bytes: number; calls: number }> = {};
    for (const [site, t] of [...k.obs.tags.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (t.calls || t.bytes) tags[site] = { ...t };
    const live = [...this.liveByPtr.keys()];
    return {
      outstanding,
      heldSheaves: [...this.sheaves.entries()].filter(([, r]) => r.sheaf !== null).map(([h]) => h),
      caches: this.inst.snapshot(),
      memcgCharged: k.obs.memcgCharged,
      tags,
      inaccurateTags: [...k.obs.inaccurate].sort(),
      kmemleakTracked: k.obs.kmemleak.size,
      warnings: k.obs.warnings.map((w) => `${w.site}: ${w.msg}`),
      maxNesting: k.obs.maxNest,
      invariants: [...this.violations, ...this.inst.invariants(live)],
    };
  }

  /** The run is over (after end()): the stage lets go of this kernel. */
  detach(): void {
    this.inst.release();
  }
}

