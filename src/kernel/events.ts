// Everything the simulated kernel can report while an operation runs. Events name objects and
// locks by stable identities (cache names, nodes, handles), never by address, so that two stages
// can be compared event by event.

import type { EarlyPfnOp } from './alloc_tag_pages.ts';

export type KEvent = KEventBody & {
  nested?: boolean;
  /**
   * Emitted by the work the machine runs between two operations (irq_work's deferred frees,
   * kswapd), recorded with the operation before it but not done by it (not rendered).
   */
  afterOp?: boolean;
};

type KEventBody =
  | { kind: 'lock'; mode: 'spin' | 'trylock' | 'local_trylock' | 'local_lock'; lock: string; ok: boolean; contended?: boolean; where: string }
  | { kind: 'deadlock'; lock: string; where: string }
  | { kind: 'sleep_in_atomic'; what: string; where: string }
  | { kind: 'page_alloc'; gfp: string; order: number; node: number; nolock: boolean; ok: boolean; got?: number; pfmemalloc?: boolean; why?: string }
  | { kind: 'page_free'; order: number; node: number }
  | { kind: 'kswapd_wake'; node: number }
  | { kind: 'direct_reclaim'; node: number; freed: number }
  // once: WARN_ON_ONCE()/pr_warn_once(): printed at most once per boot, by whichever call gets there first.
  // raisedIn: the chain of slab-internal allocations it was raised in (what its backtrace would
  // show: "obj_exts" for alloc_slab_obj_exts()'s vector allocation); absent at the caller's level.
  // Not part of what was reported (eventKey leaves it out, formatEvent does not print it): it only
  // tells two causes of one report apart (slabDomain.causeKey in src/slab/domain.ts, for versions).
  | { kind: 'warn'; site: string; msg: string; once?: true; raisedIn?: string }
  | { kind: 'kmemleak'; op: 'alloc' | 'free' | 'not_leak'; what: string }
  | { kind: 'memcg'; op: 'charge' | 'uncharge' | 'charge_fail' | 'lru'; bytes: number; what: string }
  | { kind: 'alloc_tag'; op: 'add' | 'sub' | 'inaccurate'; site: string; bytes: number }
  | { kind: 'obj_exts'; cache: string; path: 'in-slab' | 'kmalloc' | 'kmalloc_nolock' | 'kmalloc_flags'; install: 'store' | 'cmpxchg'; ok: boolean; lost?: boolean }
  | { kind: 'sheaf'; op: 'alloc' | 'alloc_fail' | 'refill' | 'free' | 'barn_get' | 'barn_put' | 'prefill' | 'return'; cache: string; n?: number; ok?: boolean }
  | { kind: 'nest'; chain: string; depth: number }
  | { kind: 'trace'; event: 'kmalloc' | 'kmem_cache_alloc' | 'kmalloc_node' | 'kmem_cache_alloc_node'; cache: string; gfp: string; bytes_req: number; bytes_alloc: number; node: number; ok: boolean }
  | { kind: 'kfence'; op: 'alloc' | 'free'; cache: string; size: number; zeroed: boolean }
  | { kind: 'slab'; op: 'new' | 'discard' | 'free'; cache: string; node: number; order: number; why?: string }
  | { kind: 'slab_error'; cache: string; msg: string }
  | { kind: 'failslab'; cache: string }
  | { kind: 'injection'; at: string; context: string; fired: boolean; why?: string }
  | { kind: 'defer_free'; cache: string }
  | { kind: 'oom'; cache: string; gfp: string; node: number }
  | { kind: 'early_pfn'; op: EarlyPfnOp; page?: string; detail?: string; depth?: number };

/** One-line rendering used by reports, golden files and comparisons. */
export function formatEvent(e: KEvent): string {
  const s = formatBody(e);
  return e.nested ? `${s} [nested]` : s;
}

function formatBody(e: KEventBody): string {
  switch (e.kind) {
    case 'lock':
      return `lock ${e.mode} ${e.lock} ${e.ok ? 'ok' : 'FAIL'}${e.contended ? ' (contended)' : ''} @${e.where}`;
    case 'deadlock':
      return `DEADLOCK on ${e.lock} @${e.where}`;
    case 'sleep_in_atomic':
      return `SLEEP-IN-ATOMIC ${e.what} @${e.where}`;
    case 'page_alloc':
      return `page_alloc${e.nolock ? '_nolock' : ''} order=${e.order} node=${e.node} gfp=${e.gfp} -> ${e.ok ? `ok(node ${e.got}${e.pfmemalloc ? ', pfmemalloc' : ''})` : `FAIL${e.why ? ' (' + e.why + ')' : ''}`}`;
    case 'page_free':
      return `page_free order=${e.order} node=${e.node}`;
    case 'kswapd_wake':
      return `kswapd wake node=${e.node}`;
    case 'direct_reclaim':
      return `direct reclaim node=${e.node} freed=${e.freed}`;
    case 'warn':
      return `WARN ${e.site}: ${e.msg}`;
    case 'kmemleak':
      return `kmemleak ${e.op} ${e.what}`;
    case 'memcg':
      return `memcg ${e.op} ${e.bytes} ${e.what}`;
    case 'alloc_tag':
      return `alloc_tag ${e.op} ${e.site}${e.op === 'inaccurate' ? '' : ' ' + e.bytes}`;
    case 'obj_exts':
      return `obj_exts ${e.cache} via ${e.path} (${e.install}) ${e.ok ? (e.lost ? 'lost race' : 'ok') : 'FAIL'}`;
    case 'sheaf':
      return `sheaf ${e.op} ${e.cache}${e.n !== undefined ? ' n=' + e.n : ''}${e.ok === undefined ? '' : e.ok ? ' ok' : ' FAIL'}`;
    case 'nest':
      return `nested ${e.chain} depth=${e.depth}`;
    case 'trace':
      return `trace ${e.event} ${e.cache} req=${e.bytes_req} alloc=${e.bytes_alloc} gfp=${e.gfp} node=${e.node}${e.ok ? '' : ' NULL'}`;
    case 'kfence':
      return `kfence ${e.op} ${e.cache} size=${e.size}${e.zeroed ? ' zeroed' : ''}`;
    case 'slab':
      return `slab ${e.op} ${e.cache} node=${e.node} order=${e.order}${e.why ? ' (' + e.why + ')' : ''}`;
    case 'slab_error':
      return `SLAB-ERROR ${e.cache}: ${e.msg}`;
    case 'failslab':
      return `failslab ${e.cache}`;
    case 'injection':
      return `injection at ${e.at} in ${e.context}${e.fired ? '' : ' masked' + (e.why ? ' (' + e.why + ')' : '')}`;
    case 'defer_free':
      return `defer_free ${e.cache}`;
    case 'oom':
      return `slab_out_of_memory ${e.cache} gfp=${e.gfp} node=${e.node}`;
    case 'early_pfn':
      return `early_pfn ${e.op}${e.page ? ' ' + e.page : ''}${e.depth !== undefined ? ' depth=' + e.depth : ''}${e.detail ? ' (' + e.detail + ')' : ''}`;
  }
}
