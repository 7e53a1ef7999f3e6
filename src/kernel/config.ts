// Configuration of one simulated machine, as a scenario's `config` block sets it.

export type BootPhase = 'early' | 'deferred' | 'running';
export type ContextLevel = 'task' | 'softirq' | 'hardirq' | 'nmi';
export const CONTEXT_LEVELS: readonly ContextLevel[] = ['task', 'softirq', 'hardirq', 'nmi'];

export interface Watermarks {
  min: number;
  low: number;
  high: number;
}

export interface KernelConfig {
  seed: number;
  /** CONFIG_SMP; with smp=false there is exactly one CPU and spin_trylock always succeeds. */
  smp: boolean;
  cpus: number;
  nodes: number;
  /** Node of each CPU; default: CPUs spread round-robin over nodes. */
  cpuNode: number[];
  preemptRt: boolean;
  /** memcg_kmem_online(), with a non-root objcg for task context. */
  memcg: boolean;
  /** Charge limit in bytes of the current objcg (null: unlimited). */
  memcgLimit: number | null;
  /** mem_alloc_profiling_enabled() and CONFIG_MEM_ALLOC_PROFILING_DEBUG. */
  profiling: boolean;
  profilingDebug: boolean;
  /** page_ext_init() has not run when the scenario starts (op page_ext_init runs it): with profiling,
   *  page allocations take the early path (src/kernel/alloc_tag_pages.ts). Off: pages are not tagged. */
  pageExtLate: boolean;
  kfence: { enabled: boolean; sampleInterval: number; poolObjects: number };
  initOnAlloc: boolean;
  initOnFree: boolean;
  kmemleak: boolean;
  boot: BootPhase;
  pagesPerNode: number;
  watermarks: Watermarks;
  /** Pages direct reclaim or kswapd can free per node. */
  reclaimablePerNode: number;
  /** system_has_cmpxchg128(): kmalloc_nolock needs it for non-debug caches. */
  cmpxchg16b: boolean;
  /** CONFIG_SLAB_FREELIST_RANDOM: new slabs start at a random object. */
  freelistRandom: boolean;
  remoteNodeDefragRatio: number;
  /** slub_debug= boot option: flags (F, Z, P, U) for the named caches ("kmalloc-*" globs). */
  slubDebug: { flags: string[]; caches: string[] } | null;
}

export function defaultConfig(): KernelConfig {
  return {
    seed: 1,
    smp: true,
    cpus: 2,
    nodes: 2,
    cpuNode: [0, 1],
    preemptRt: false,
    memcg: false,
    memcgLimit: null,
    profiling: false,
    profilingDebug: false,
    pageExtLate: false,
    kfence: { enabled: false, sampleInterval: 0, poolObjects: 16 },
    initOnAlloc: false,
    initOnFree: false,
    kmemleak: true,
    boot: 'running',
    pagesPerNode: 16384,
    watermarks: { min: 64, low: 128, high: 192 },
    reclaimablePerNode: 256,
    cmpxchg16b: true,
    freelistRandom: false,
    remoteNodeDefragRatio: 1000,
    slubDebug: null,
  };
}
