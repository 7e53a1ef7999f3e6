// The glue between a stage's files and the harness: every stage's index.ts hands its modules to
// defineStage(), which exposes them through the stage-independent interface (stage_api.ts). It
// lives once, here, because the series never touches it; it only relies on the public API names
// and the struct fields that stay the same through the whole series.

import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kernel } from '../kernel/kernel.ts';
import type { SpinLock } from '../kernel/cpu.ts';
import { GFP_EXTRA_PARSE_NAMES, gfpParseTable, type gfp_t, type GfpName } from '../kernel/gfp.ts';
import type { CacheHandle, CacheSnapshot, ListLru, ObjectInfo, Ptr, SheafHandle, SlabApi, StageDescriptor, StageInstance } from './stage_api.ts';

/** The parts of struct slab / slab_sheaf / kmem_cache_node / kmem_cache the glue reads. */
export interface GlueSlab {
  slab_cache: { name: string };
  freelist: Ptr[];
  inuse: number;
  objects: number;
}
export interface GlueSheaf {
  size: number;
  objects: Ptr[];
}
export interface GlueNode {
  nr_slabs: number;
  total_objects: number;
  nr_partial: number;
  partial: GlueSlab[];
  list_lock: SpinLock;
  barn: { lock: SpinLock; nr_full: number; nr_empty: number; sheaves_full: GlueSheaf[] } | null;
}
export interface GlueCache {
  name: string;
  flags: number;
  object_size: number;
  size: number;
  node: GlueNode[];
  cpu_sheaves: { main: GlueSheaf; spare: GlueSheaf | null }[];
}
/** The stage's globals (mm/slab.ts G) as far as the glue needs them. */
export interface GlueGlobals {
  k: Kernel;
  slab_caches: GlueCache[];
  sheaves: Map<Ptr, unknown>;
  deferred: Ptr[][];
}

/** What a stage's index.ts passes in: its modules (method syntax, so stage types fit). */
export interface StageModules {
  G: object;
  slub: {
    kmem_cache_init(): void;
    kmem_cache_create(name: string, size: number, align: number, flags: number, ctor: ((p: Ptr) => void) | null): object | null;
    kmem_cache_destroy(s: GlueCache): void;
    kmem_cache_alloc_node_noprof(s: GlueCache, gfp: gfp_t, node: number): Ptr;
    kmem_cache_alloc_lru_noprof(s: GlueCache, lru: ListLru, gfp: gfp_t): Ptr;
    kmem_cache_free(s: GlueCache, p: Ptr): void;
    kmem_cache_alloc_bulk_noprof(s: GlueCache, gfp: gfp_t, size: number, p: Ptr[]): boolean;
    kmem_cache_free_bulk(s: GlueCache | null, size: number, p: Ptr[]): void;
    kmem_cache_prefill_sheaf(s: GlueCache, gfp: gfp_t, size: number): object | null;
    kmem_cache_refill_sheaf(s: GlueCache, gfp: gfp_t, sheafp: { sheaf: SheafHandle | null }, size: number): number;
    kmem_cache_return_sheaf(s: GlueCache, gfp: gfp_t, sheaf: SheafHandle): void;
    kmem_cache_alloc_from_sheaf_noprof(s: GlueCache, gfp: gfp_t, sheaf: SheafHandle): Ptr;
    kmem_cache_sheaf_size(sheaf: SheafHandle): number;
    krealloc_noprof(p: Ptr, new_size: number, flags: gfp_t): Ptr;
    kfree(p: Ptr): void;
    ksize(p: Ptr): number;
    __kvmalloc_node_noprof(size: number, b: null, align: number, flags: gfp_t, node: number): Ptr;
    kfree_nolock(p: Ptr): void;
    kmem_cache_charge(p: Ptr, gfp: gfp_t): boolean;
    free_deferred_objects(cpu: number): void;
    validate_slab_cache(s: GlueCache): number;
  };
  slab_h: {
    kmem_cache_alloc(s: GlueCache, gfp: gfp_t): Ptr;
    kmem_cache_zalloc(s: GlueCache, gfp: gfp_t): Ptr;
    kmalloc(size: number, gfp: gfp_t, constSize?: boolean): Ptr;
    kmalloc_node(size: number, gfp: gfp_t, node: number, constSize?: boolean): Ptr;
    kzalloc(size: number, gfp: gfp_t): Ptr;
    kcalloc(n: number, size: number, gfp: gfp_t): Ptr;
    kmalloc_track_caller(size: number, gfp: gfp_t, caller: number): Ptr;
    kmalloc_nolock(size: number, gfp: gfp_t, node: number): Ptr;
    /** From RFC 12 on. */
    kmalloc_flags?(size: number, gfp: gfp_t, alloc_flags: number, node: number): Ptr;
    SLAB_FLAG_NAMES: ReadonlyMap<string, number>;
    SLAB_KMALLOC: number;
  };
  /** mm/slab.ts: its SLAB_ALLOC_* constants are discovered (none before RFC 04). */
  slab_mm: object;
  gfpBitsMask: number;
  gfpTraceNames: readonly GfpName[];
}

export function defineStage(indexUrl: string, modules: StageModules): StageDescriptor {
  // Plain copies of the namespace objects: a stage bundle (bin/bundle-stages.mjs) gives esbuild's
  // namespace objects, whose every property is a getter, and with TurboFan's inlining off for model
  // runs (src/cli/v8-flags.ts) each `slub.fn(...)` of this glue paid a getter call: 7% of a check's
  // CPU. A stage exports no mutable binding (no `export let`), so a copy is the same.
  const m: StageModules = { ...modules, slub: { ...modules.slub }, slab_h: { ...modules.slab_h }, slab_mm: { ...modules.slab_mm } };
  // The module globals as loaded, before any boot: what release() puts back.
  const pristine: Readonly<Record<string, unknown>> = { ...(m.G as Record<string, unknown>) };
  const slug = basename(dirname(fileURLToPath(indexUrl)));
  const allocFlags = new Map((Object.entries(m.slab_mm) as [string, unknown][]).filter((e): e is [string, number] => e[0].startsWith('SLAB_ALLOC_') && typeof e[1] === 'number'));
  return {
    number: Number(slug.slice(0, 2)),
    slug,
    gfp: { bitsMask: m.gfpBitsMask, traceNames: m.gfpTraceNames },
    gfpNames: gfpParseTable(m.gfpTraceNames, GFP_EXTRA_PARSE_NAMES),
    slabFlags: m.slab_h.SLAB_FLAG_NAMES,
    allocFlags,
    boot: (k) => boot(m, k, pristine),
  };
}

function boot(m: StageModules, k: Kernel, pristine: Readonly<Record<string, unknown>>): StageInstance {
  const { slub, slab_h } = m;
  const G = m.G as GlueGlobals;
  const st = { k } as GlueGlobals;
  st.slab_caches = [];
  st.sheaves = new Map();
  st.deferred = k.cpus.map(() => []);
  Object.assign(G, st);
  slub.kmem_cache_init();
  Object.assign(st, G);
  k.enterBootPhase();
  const enter = () => {
    if (G.k !== k) Object.assign(G, st);
  };
  const C = (h: CacheHandle) => h as GlueCache;
  const api: SlabApi = {
    kmem_cache_create: (name, size, align, flags, ctor) => (enter(), slub.kmem_cache_create(name, size, align, flags, ctor)),
    kmem_cache_destroy: (s) => (enter(), slub.kmem_cache_destroy(C(s))),
    kmem_cache_alloc: (s, gfp) => (enter(), slab_h.kmem_cache_alloc(C(s), gfp)),
    kmem_cache_alloc_node: (s, gfp, node) => (enter(), slub.kmem_cache_alloc_node_noprof(C(s), gfp, node)),
    kmem_cache_alloc_lru: (s, lru: ListLru, gfp) => (enter(), slub.kmem_cache_alloc_lru_noprof(C(s), lru, gfp)),
    kmem_cache_zalloc: (s, gfp) => (enter(), slab_h.kmem_cache_zalloc(C(s), gfp)),
    kmem_cache_free: (s, p) => (enter(), slub.kmem_cache_free(C(s), p)),
    kmem_cache_alloc_bulk: (s, gfp, size, p) => (enter(), slub.kmem_cache_alloc_bulk_noprof(C(s), gfp, size, p)),
    kmem_cache_free_bulk: (s, size, p) => (enter(), slub.kmem_cache_free_bulk(C(s), size, p)),
    kmem_cache_prefill_sheaf: (s, gfp, size) => (enter(), slub.kmem_cache_prefill_sheaf(C(s), gfp, size)),
    kmem_cache_refill_sheaf: (s, gfp, sheafp, size) => (enter(), slub.kmem_cache_refill_sheaf(C(s), gfp, sheafp, size)),
    kmem_cache_return_sheaf: (s, gfp, sheaf: SheafHandle) => (enter(), slub.kmem_cache_return_sheaf(C(s), gfp, sheaf)),
    kmem_cache_alloc_from_sheaf: (s, gfp, sheaf) => (enter(), slub.kmem_cache_alloc_from_sheaf_noprof(C(s), gfp, sheaf)),
    kmem_cache_sheaf_size: (sheaf) => slub.kmem_cache_sheaf_size(sheaf),
    kmalloc: (size, gfp, constSize) => (enter(), slab_h.kmalloc(size, gfp, constSize)),
    kmalloc_node: (size, gfp, node, constSize) => (enter(), slab_h.kmalloc_node(size, gfp, node, constSize)),
    kzalloc: (size, gfp) => (enter(), slab_h.kzalloc(size, gfp)),
    kcalloc: (n, size, gfp) => (enter(), slab_h.kcalloc(n, size, gfp)),
    kmalloc_track_caller: (size, gfp, caller) => (enter(), slab_h.kmalloc_track_caller(size, gfp, caller)),
    krealloc: (p, size, gfp) => (enter(), slub.krealloc_noprof(p, size, gfp)),
    kfree: (p) => (enter(), slub.kfree(p)),
    ksize: (p) => (enter(), slub.ksize(p)),
    kvmalloc: (size, gfp) => (enter(), slub.__kvmalloc_node_noprof(size, null, 1, gfp, -1)),
    kvmalloc_node: (size, gfp, node) => (enter(), slub.__kvmalloc_node_noprof(size, null, 1, gfp, node)),
    kvfree: (p) => {
      enter();
      const page = k.mem.virt_to_page(p);
      if (page && page.owner === 'vmalloc') k.vfree(p);
      else slub.kfree(p);
    },
    kmalloc_nolock: (size, gfp, node) => (enter(), slab_h.kmalloc_nolock(size, gfp, node)),
    kfree_nolock: (p) => (enter(), slub.kfree_nolock(p)),
    kmem_cache_charge: (p, gfp) => (enter(), slub.kmem_cache_charge(p, gfp)),
  };
  const kmalloc_flags = slab_h.kmalloc_flags;
  if (kmalloc_flags) api.kmalloc_flags = (size, gfp, alloc_flags, node) => (enter(), kmalloc_flags(size, gfp, alloc_flags, node));

  return {
    api,
    cacheByName: (name) => st.slab_caches.find((c) => c.name === name),
    cacheInfo: (s) => ({ name: C(s).name, object_size: C(s).object_size }),
    objectInfo(p: Ptr): ObjectInfo | null {
      enter();
      const page = k.mem.virt_to_page(p);
      if (!page) return null;
      if (page.owner === 'kfence') return { kind: 'kfence', cache: (page.slab as GlueSlab).slab_cache.name, usable: slub.ksize(p) };
      if (page.owner === 'large_kmalloc') return { kind: 'large', cache: null, usable: slub.ksize(p) };
      if (page.owner === 'vmalloc') return { kind: 'vmalloc', cache: null, usable: page.bytes.length };
      if (page.owner === 'slab') return { kind: 'slab', cache: (page.slab as GlueSlab).slab_cache.name, usable: slub.ksize(p) };
      return null;
    },
    flushDeferred() {
      enter();
      for (let cpu = 0; cpu < k.cpus.length; cpu++) if (st.deferred[cpu].length) k.runOn(cpu, 'task', () => slub.free_deferred_objects(cpu));
    },
    lockOf(name, kind, node) {
      const s = st.slab_caches.find((c) => c.name === name);
      const n = s?.node[node];
      if (!n) return null;
      return kind === 'list_lock' ? n.list_lock : (n.barn?.lock ?? null);
    },
    validate(s: CacheHandle): number {
      enter();
      return slub.validate_slab_cache(C(s));
    },
    snapshot(): CacheSnapshot[] {
      const out: CacheSnapshot[] = [];
      for (let i = 0; i < st.slab_caches.length; i++) {
        const s = st.slab_caches[i];
        // Indexed loops until the cache is known to be used (see forEachFreePlace()).
        let sheafObjects = 0;
        let anySlabs = false;
        for (let cpu = 0; cpu < s.cpu_sheaves.length; cpu++) sheafObjects += s.cpu_sheaves[cpu].main.size + (s.cpu_sheaves[cpu].spare?.size ?? 0);
        for (let nid = 0; nid < s.node.length; nid++) {
          const n = s.node[nid];
          if (n.nr_slabs) anySlabs = true;
          if (n.barn) for (let j = 0; j < n.barn.sheaves_full.length; j++) sheafObjects += n.barn.sheaves_full[j].size;
        }
        // An unused kmalloc cache is left out, before anything is built for it (most of the 39).
        if (!sheafObjects && s.flags & slab_h.SLAB_KMALLOC && !anySlabs) continue;
        const slabs = s.node.map((n) => n.nr_slabs);
        // Objects handed out of slabs (to callers or to sheaves): full slabs are on no list.
        let inuse = 0;
        for (const n of s.node) inuse += n.total_objects - n.partial.reduce((a, sl) => a + sl.freelist.length, 0);
        const barnFull = s.node.map((n) => n.barn?.nr_full ?? 0);
        const barnEmpty = s.node.map((n) => n.barn?.nr_empty ?? 0);
        out.push({ name: s.name, object_size: s.object_size, size: s.size, slabs, partial: s.node.map((n) => n.nr_partial), inuse, sheafObjects, barnFull, barnEmpty });
      }
      return out;
    },
    release() {
      if (G.k !== k) return;
      const g = G as unknown as Record<string, unknown>;
      for (const key of Object.keys(g)) if (!(key in pristine)) g[key] = undefined;
      Object.assign(g, pristine);
    },
    invariants(live: readonly Ptr[]): string[] {
      // The usual answer (nothing held twice, no live object free) without a map of every free
      // object: this runs at the end of every run, and that map was 7 % of what a run allocated.
      if (!freeObjectsClash(st.slab_caches, live)) return structuralProblems(st.slab_caches);
      // Something clashes: the walk below names it, in the order the places are visited.
      const problems: string[] = [];
      // Every free object → the index of the place holding it; the places' names are made once
      // per place, not per object (this runs at the end of every run).
      const free = new Map<Ptr, number>();
      const places: string[] = [];
      const noteAll = (ps: readonly Ptr[], n: number, where: string) => {
        if (!n) return;
        const w = places.push(where) - 1;
        for (let i = 0; i < n; i++) {
          const p = ps[i];
          const had = free.get(p);
          if (had !== undefined) problems.push(`object in two free places: ${places[had]} and ${where}`);
          free.set(p, w);
        }
      };
      for (const s of st.slab_caches) {
        s.cpu_sheaves.forEach((pcs, cpu) => {
          for (const sh of [pcs.main, pcs.spare]) if (sh) noteAll(sh.objects, sh.size, `${s.name} sheaf cpu${cpu}`);
        });
        s.node.forEach((n, nid) => {
          if (n.nr_partial !== n.partial.length) problems.push(`${s.name} node${nid}: nr_partial ${n.nr_partial} != ${n.partial.length}`);
          if (n.barn) {
            if (n.barn.nr_full !== n.barn.sheaves_full.length) problems.push(`${s.name} node${nid}: barn nr_full mismatch`);
            for (const sh of n.barn.sheaves_full) noteAll(sh.objects, sh.size, `${s.name} barn node${nid}`);
          }
          for (const sl of n.partial) {
            if (!sl.freelist.length) problems.push(`${s.name} node${nid}: full slab on the partial list`);
            if (sl.inuse + sl.freelist.length !== sl.objects) problems.push(`${s.name} node${nid}: slab inuse ${sl.inuse} + free ${sl.freelist.length} != ${sl.objects}`);
            noteAll(sl.freelist, sl.freelist.length, `${s.name} freelist node${nid}`);
          }
        });
      }
      for (const p of live) {
        const w = free.get(p);
        if (w !== undefined) problems.push(`live object is also free in ${places[w]}`);
      }
      return problems;
    },
  };
}

// The per-run walks below index their arrays instead of for...of: a cold check runs the model
// without the optimising compiler (src/cli/jit.ts), where each for...of step allocates an iterator
// result, and these walk every cache of every run.

/** The free places of every cache, in the order invariants() visits them. */
function forEachFreePlace(caches: readonly GlueCache[], visit: (objects: readonly Ptr[], n: number) => void): void {
  for (let i = 0; i < caches.length; i++) {
    const s = caches[i];
    for (let cpu = 0; cpu < s.cpu_sheaves.length; cpu++) {
      const pcs = s.cpu_sheaves[cpu];
      if (pcs.main) visit(pcs.main.objects, pcs.main.size);
      if (pcs.spare) visit(pcs.spare.objects, pcs.spare.size);
    }
    for (let nid = 0; nid < s.node.length; nid++) {
      const n = s.node[nid];
      if (n.barn) for (let j = 0; j < n.barn.sheaves_full.length; j++) visit(n.barn.sheaves_full[j].objects, n.barn.sheaves_full[j].size);
      for (let j = 0; j < n.partial.length; j++) visit(n.partial[j].freelist, n.partial[j].freelist.length);
    }
  }
}

/** invariants()' list-length checks alone, in its order (what it returns when no object clashes). */
function structuralProblems(caches: readonly GlueCache[]): string[] {
  const problems: string[] = [];
  for (let i = 0; i < caches.length; i++) {
    const s = caches[i];
    for (let nid = 0; nid < s.node.length; nid++) {
      const n = s.node[nid];
      if (n.nr_partial !== n.partial.length) problems.push(`${s.name} node${nid}: nr_partial ${n.nr_partial} != ${n.partial.length}`);
      if (n.barn && n.barn.nr_full !== n.barn.sheaves_full.length) problems.push(`${s.name} node${nid}: barn nr_full mismatch`);
      for (let j = 0; j < n.partial.length; j++) {
        const sl = n.partial[j];
        if (!sl.freelist.length) problems.push(`${s.name} node${nid}: full slab on the partial list`);
        if (sl.inuse + sl.freelist.length !== sl.objects) problems.push(`${s.name} node${nid}: slab inuse ${sl.inuse} + free ${sl.freelist.length} != ${sl.objects}`);
      }
    }
  }
  return problems;
}

/** Scratch for freeObjectsClash(), kept between runs (one run at a time per thread). */
let scratch = new Float64Array(1 << 12);

/** Some free object is in two free places, or is also live: sorted addresses, no map. */
function freeObjectsClash(caches: readonly GlueCache[], live: readonly Ptr[]): boolean {
  let n = 0;
  forEachFreePlace(caches, (objects, k) => {
    if (n + k > scratch.length) {
      const grown = new Float64Array(Math.max(scratch.length * 2, n + k));
      grown.set(scratch.subarray(0, n));
      scratch = grown;
    }
    for (let i = 0; i < k; i++) scratch[n++] = objects[i];
  });
  const free = scratch.subarray(0, n).sort();
  for (let i = 1; i < n; i++) if (free[i] === free[i - 1]) return true;
  for (const p of live) {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (free[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    if (lo < n && free[lo] === p) return true;
  }
  return false;
}
