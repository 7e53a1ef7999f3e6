// Run one scenario on one stage and produce its observation. Knows the stage only through
// StageDescriptor / StageInstance.

import { Kernel } from '../kernel/kernel.ts';
import { formatEvent, type KEvent } from '../kernel/events.ts';
import { GfpParseError, parseGfp, __GFP_ZERO } from '../kernel/gfp.ts';
import { ZERO_SIZE_PTR } from '../kernel/memory.ts';
import type { CacheHandle, Ptr, SheafHandle, StageDescriptor, StageInstance } from '../kernel/stage_api.ts';
import { baseHandle, type Op, type Scenario } from './scenario.ts';
import { digest, isZero, type BytesObservation, type ObjectObservation, type Observation, type OpObservation } from './observation.ts';

export interface RunOptions {
  /** Record events (default true). Off only for benchmarks. */
  record?: boolean;
}

interface ObjHandle {
  ptr: Ptr;
  requested: number;
  live: boolean;
}

class NotApplicable extends Error {}

/** The CPU's default ctor: fills the object with a recognisable pattern. */
const CTOR_BYTE = 0x3c;

export function runScenario(stage: StageDescriptor, sc: Scenario, opts: RunOptions = {}): Observation {
  return new Run(stage, sc, opts.record ?? true).run();
}

class Run {
  private readonly k: Kernel;
  private readonly inst: StageInstance;
  private readonly caches = new Map<string, CacheHandle>();
  private readonly objs = new Map<string, ObjHandle>();
  private readonly order: string[] = [];
  private readonly bulks = new Map<string, string[]>();
  private readonly sheaves = new Map<string, { sheaf: SheafHandle | null }>();
  private readonly liveByPtr = new Map<Ptr, string>();
  private readonly violations: string[] = [];
  private readonly ops: OpObservation[] = [];

  constructor(
    private readonly stage: StageDescriptor,
    private readonly sc: Scenario,
    private readonly record: boolean,
  ) {
    this.k = new Kernel(sc.config, stage.gfp);
    this.k.events = null;
    this.inst = stage.boot(this.k);
    for (const c of sc.caches) {
      let flags = 0;
      for (const f of c.flags) flags |= stage.slabFlags.get(f) ?? 0;
      const k = this.k;
      const size = c.size;
      const ctor = c.ctor ? (p: Ptr) => k.mem.memset(p, CTOR_BYTE, size) : null;
      const r = this.k.runOn(0, 'task', () => this.inst.api.kmem_cache_create(c.name, c.size, c.align, flags, ctor));
      if (!r.value) throw new Error(`${sc.name}: kmem_cache_create("${c.name}") failed`);
      this.caches.set(c.name, r.value);
    }
  }

  run(): Observation {
    this.sc.ops.forEach((op, i) => this.top(op, String(i)));
    return { scenario: this.sc.name, stage: this.stage.slug, ops: this.ops, end: this.end() };
  }

  private top(op: Op, index: string): void {
    const events: KEvent[] = [];
    this.k.events = this.record ? events : null;
    const obs = this.exec(op, index);
    // Between operations: irq_work hands deferred frees to the slab, kswapd reclaims.
    this.inst.flushDeferred();
    this.k.runKswapd();
    this.k.events = null;
    obs.events = events.map(formatEvent);
  }

  private exec(op: Op, index: string): OpObservation {
    const obs: OpObservation = { index, op: op.op, result: 'ok', events: [] };
    obs.context = (op.injectedIn as string | undefined) ?? op.context ?? 'task';
    if (typeof op.gfp === 'string') {
      try {
        obs.gfp = parseGfp(op.gfp, this.stage.gfpNames);
        obs.wantZero = (obs.gfp & __GFP_ZERO) !== 0;
      } catch {
        // reported as n/a when the operation runs
      }
    }
    if (['kzalloc', 'kmem_cache_zalloc', 'kcalloc'].includes(op.op)) obs.wantZero = true;
    // krealloc keeps the old contents; __GFP_ZERO only concerns the memory beyond them.
    if (op.op === 'krealloc') obs.wantZero = false;
    this.ops.push(obs);
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
          const r = k.runOn(cpu, inj.context, () => this.exec({ ...nested, cpu, context: undefined, injectedIn: inj.context }, idx));
          k.events = outer;
          const o = this.ops.find((x) => x.index === idx);
          if (o) {
            o.events = mine.map(formatEvent);
            if (r.aborted) {
              o.result = 'aborted';
              o.reason = r.aborted;
            }
          }
        });
      },
    }));
    k.injections.push(...injections);
    const prevTag = k.obs.currentTag;
    k.obs.currentTag = op.site ?? `scenario:${this.sc.name}:${index}`;
    try {
      const r = k.runOn(cpu, op.context ?? 'task', () => this.dispatch(op, obs));
      if (r.aborted) {
        obs.result = 'aborted';
        obs.reason = r.aborted;
      }
    } catch (e) {
      if (!(e instanceof NotApplicable)) throw e;
      obs.result = 'n/a';
      obs.reason = e.message;
    } finally {
      k.obs.currentTag = prevTag;
      for (const inj of injections) k.injections.splice(k.injections.indexOf(inj), 1);
    }
    return obs;
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

  private objectObs(handle: string, ptr: Ptr, requested: number): ObjectObservation {
    if (!ptr) return { handle, kind: 'NULL', cache: null };
    if (ptr === ZERO_SIZE_PTR) return { handle, kind: 'ZERO_SIZE_PTR', cache: null };
    const info = this.inst.objectInfo(ptr);
    return { handle, kind: info?.kind ?? 'unknown', cache: info?.cache ?? null, bytes: this.bytesOf(ptr, requested) };
  }

  /** Record a newly allocated object under its handle; check it is not already live. */
  private adopt(handle: string, ptr: Ptr, requested: number): void {
    const prev = this.objs.get(handle);
    if (prev && prev.live && prev.ptr && prev.ptr !== ZERO_SIZE_PTR) this.liveByPtr.delete(prev.ptr);
    if (ptr && ptr !== ZERO_SIZE_PTR) {
      const other = this.liveByPtr.get(ptr);
      if (other !== undefined) this.violations.push(`object handed out twice: ${other} and ${handle}`);
      this.liveByPtr.set(ptr, handle);
    }
    if (!this.objs.has(handle)) this.order.push(handle);
    this.objs.set(handle, { ptr, requested, live: true });
  }

  private release(handle: string): Ptr {
    const o = this.obj(handle);
    if (!o.live) throw new NotApplicable(`handle "${handle}" was already freed`);
    o.live = false;
    if (o.ptr && o.ptr !== ZERO_SIZE_PTR) this.liveByPtr.delete(o.ptr);
    return o.ptr;
  }

  private allocated(op: Op, obs: OpObservation, ptr: Ptr, requested: number): void {
    const handle = op.as ?? `#${obs.index}`;
    obs.result = ptr === 0 ? 'NULL' : ptr === ZERO_SIZE_PTR ? 'ZERO_SIZE_PTR' : 'object';
    obs.objects = [this.objectObs(handle, ptr, requested)];
    this.adopt(handle, ptr, requested);
  }

  // ---- operations -------------------------------------------------------------------------

  private dispatch(op: Op, obs: OpObservation): void {
    const api = this.inst.api;
    const k = this.k;
    const size = op.size as number;
    switch (op.op) {
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
        const ptr = api.krealloc(old.ptr, size, gfp);
        // A successful krealloc frees the old object (or reuses it in place).
        if (ptr) {
          old.live = false;
          if (old.ptr && old.ptr !== ZERO_SIZE_PTR) this.liveByPtr.delete(old.ptr);
        }
        return this.allocated(op, obs, ptr, size);
      }
      case 'kvmalloc':
        return this.allocated(op, obs, api.kvmalloc_node(size, this.gfp(op), this.node(op)), size);
      case 'kmalloc_nolock':
        return this.allocated(op, obs, api.kmalloc_nolock(size, this.gfp(op), this.node(op)), size);
      case 'kmalloc_flags': {
        if (!api.kmalloc_flags) throw new NotApplicable('kmalloc_flags() does not exist at this stage');
        const af = this.allocFlags(op.alloc_flags as string);
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
        obs.result = String(ok);
        const name = op.as ?? `#${obs.index}`;
        const osz = this.inst.cacheInfo(s).object_size;
        const names = p.map((_, i) => `${name}[${i}]`);
        this.bulks.set(name, names);
        obs.objects = p.map((ptr, i) => this.objectObs(names[i], ptr, osz));
        p.forEach((ptr, i) => this.adopt(names[i], ptr, osz));
        if (ok && p.length !== op.count) this.violations.push(`bulk ${name}: returned ${p.length} objects for ${op.count}`);
        if (new Set(p).size !== p.length) this.violations.push(`bulk ${name}: duplicate objects`);
        return;
      }
      case 'kmem_cache_prefill_sheaf': {
        const s = this.cache(op.cache as string);
        const sheaf = api.kmem_cache_prefill_sheaf(s, this.gfp(op), size);
        obs.result = sheaf ? `sheaf(size ${api.kmem_cache_sheaf_size(sheaf)})` : 'NULL';
        if (op.as) this.sheaves.set(op.as, { sheaf });
        return;
      }
      case 'kmem_cache_refill_sheaf': {
        const s = this.cache(op.cache as string);
        const ref = this.sheafRef(op.sheaf as string);
        const r = api.kmem_cache_refill_sheaf(s, this.gfp(op), ref, size);
        obs.result = `${r}${ref.sheaf ? ` (size ${api.kmem_cache_sheaf_size(ref.sheaf)})` : ''}`;
        return;
      }
      case 'kmem_cache_return_sheaf': {
        const s = this.cache(op.cache as string);
        const ref = this.sheafRef(op.sheaf as string);
        if (!ref.sheaf) throw new NotApplicable(`sheaf "${op.sheaf}" is NULL`);
        api.kmem_cache_return_sheaf(s, this.gfp(op), ref.sheaf);
        ref.sheaf = null;
        return;
      }
      case 'kmem_cache_alloc_from_sheaf': {
        const s = this.cache(op.cache as string);
        const ref = this.sheafRef(op.sheaf as string);
        if (!ref.sheaf) throw new NotApplicable(`sheaf "${op.sheaf}" is NULL`);
        return this.allocated(op, obs, api.kmem_cache_alloc_from_sheaf(s, this.gfp(op), ref.sheaf), this.inst.cacheInfo(s).object_size);
      }
      case 'kfree':
        return api.kfree(this.release(op.obj as string));
      case 'kvfree':
        return api.kvfree(this.release(op.obj as string));
      case 'kfree_nolock':
        return api.kfree_nolock(this.release(op.obj as string));
      case 'kmem_cache_free':
        return api.kmem_cache_free(this.cache(op.cache as string), this.release(op.obj as string));
      case 'kmem_cache_free_bulk': {
        const names = this.bulks.get(op.obj as string) ?? [op.obj as string];
        const p = names.filter((h) => this.objs.get(h)?.live).map((h) => this.release(h));
        return api.kmem_cache_free_bulk(this.cache(op.cache as string), p.length, p);
      }
      case 'ksize':
        obs.result = String(api.ksize(this.obj(op.obj as string).ptr));
        return;
      case 'kmem_cache_charge':
        obs.result = String(api.kmem_cache_charge(this.obj(op.obj as string).ptr, this.gfp(op)));
        return;
      case 'kmem_cache_destroy':
        return api.kmem_cache_destroy(this.cache(op.cache as string));
      case 'write': {
        const o = this.obj(op.obj as string);
        if (!o.ptr || o.ptr === ZERO_SIZE_PTR) throw new NotApplicable(`handle "${op.obj}" holds no object`);
        k.mem.memset(o.ptr + (op.offset as number), (op.value as number) & 0xff, op.length as number);
        return;
      }
      case 'validate':
        obs.result = `${this.inst.validate(this.cache(op.cache as string))} errors`;
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
    }
    throw new NotApplicable(`operation ${op.op} is not supported`);
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

  private sheafRef(h: string): { sheaf: SheafHandle | null } {
    const r = this.sheaves.get(h);
    if (!r) throw new NotApplicable(`handle "${h}" holds no sheaf`);
    return r;
  }

  private allocFlags(expr: string): number {
    let v = 0;
    for (const t of expr.split('|').map((x) => x.trim())) {
      const f = this.stage.allocFlags.get(t);
      if (f === undefined) throw new NotApplicable(`alloc flag ${t} does not exist at this stage`);
      v |= f;
    }
    return v;
  }

  // ---- end state --------------------------------------------------------------------------

  private end() {
    const k = this.k;
    const outstanding = this.order.filter((h) => {
      const o = this.objs.get(h)!;
      return o.live && o.ptr !== 0 && o.ptr !== ZERO_SIZE_PTR;
    });
    const tags: Record<string, { bytes: number; calls: number }> = {};
    for (const [site, t] of [...k.obs.tags.entries()].sort(([a], [b]) => a.localeCompare(b))) if (t.calls || t.bytes) tags[site] = { ...t };
    const live = [...this.liveByPtr.keys()];
    return {
      outstanding,
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
}

export { baseHandle };
