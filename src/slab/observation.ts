// What a run of one scenario on one SLUB stage shows, typed: per operation its result, the objects
// it handed out with their bytes, and the kernel's events (src/kernel/events.ts); at the end the
// state of the allocator and the observers. Free of addresses, so that stages can be compared.
// Text is made here only for golden files, the terminal and --json display fields.

import { formatEvent, type KEvent } from '../kernel/events.ts';
import type { DomainTypes, Observation, OpRecord, ResultView } from '../harness/domain.ts';
import type { CacheSnapshot } from './stage_api.ts';
import type { Op, SlabScenario } from './scenario.ts';
import type { Machine } from './machine.ts';

/** A byte range of an object, and whether it is all zero (with an FNV-1a digest). */
export interface ByteRange {
  /** Offsets relative to the object, [from, to). */
  from: number;
  to: number;
  zero: boolean;
  digest: string;
}

export interface BytesObservation {
  /** Requested bytes: all zero? and an FNV-1a digest. */
  requested: number;
  zero: boolean;
  digest: string;
  /** Bytes between the requested size and the usable size (slab objects only). */
  tail?: { length: number; zero: boolean; digest: string };
}

/** What an API promises about an object's bytes (include/linux/slab.h, memory-allocation.rst). */
export interface BytePromise {
  /** Which promise: "__GFP_ZERO", "init_on_alloc", "krealloc __GFP_ZERO growth", "krealloc keeps contents". */
  promise: string;
  range: ByteRange;
  /** For "keeps contents": the digest the range had before. */
  expectDigest?: string;
  kept: boolean;
}

export type ObjectKind = 'slab' | 'kfence' | 'large' | 'vmalloc' | 'page' | 'unknown' | 'NULL' | 'ZERO_SIZE_PTR';

export interface SlabObject {
  handle: string;
  kind: ObjectKind;
  cache: string | null;
  /** The NUMA node of the object's memory (placement promises). */
  node?: number;
  bytes?: BytesObservation;
  /** Byte promises the API made for this object, each checked (JSON only; judged by contracts). */
  promises?: BytePromise[];
}

/** An operation's result when it ran. */
export type SlabResult =
  | { kind: 'ok' }
  | { kind: 'object' }
  | { kind: 'NULL' }
  | { kind: 'ZERO_SIZE_PTR' }
  | { kind: 'bool'; value: boolean }
  | { kind: 'sheaf'; size: number }
  | { kind: 'refill'; ret: number; size: number | null }
  | { kind: 'number'; value: number }
  | { kind: 'validate'; errors: number };

export interface SlabFacts {
  /** The caller's gfp (when the operation takes one and it parses at this stage). */
  gfp?: number;
  /** The context the operation ran in (task, softirq, hardirq, nmi). */
  context: string;
  /** Whether zeroed memory was asked for (__GFP_ZERO or a *zalloc/kcalloc API). */
  wantZero: boolean;
  /** The node a placement promise binds (__GFP_THISNODE with an explicit node). */
  thisNode?: number;
  /** The cache the operation names, if it names one. */
  cache?: string;
  /** The handle a krealloc() was given: freed when it succeeds, still the caller's when it fails. */
  consumes?: string;
  /** kmem_cache_charge(): the handle it charges (its charge may have been made at the allocation). */
  charges?: string;
  /** That handle held NULL (or ZERO_SIZE_PTR): an earlier allocation failed or asked for 0 bytes. */
  inputNull?: boolean;
  /** krealloc(): that handle held a KFENCE object (which KFENCE sampled is placement). */
  inputKfence?: boolean;
  /**
   * The request's size is one the API answers with NULL by design, not a failure: a
   * kmem_cache_prefill_sheaf() of 0 objects (baseline.md §2.16: "size == 0 → NULL").
   */
  refusedSize?: boolean;
}

export interface EndState {
  outstanding: string[];
  /** Handles of prefilled sheaves the scenario still holds (not returned). Not rendered: the end
   * state's sheaf-held objects show in the caches' in-sheaves counts. */
  heldSheaves: string[];
  caches: CacheSnapshot[];
  memcgCharged: number;
  tags: Record<string, { bytes: number; calls: number }>;
  inaccurateTags: string[];
  kmemleakTracked: number;
  warnings: string[];
  maxNesting: number;
  invariants: string[];
}

/** Domain-specific differences: an end-state field, or the nesting depth of one operation. */
export type SlabExtra = { kind: 'end'; field: EndField; before: unknown; after: unknown } | { kind: 'nesting'; before: number; after: number };

export const END_FIELDS = ['outstanding', 'invariants', 'memcg charged', 'alloc tags', 'inaccurate tags', 'kmemleak tracked', 'max nesting', 'caches'] as const;
export type EndField = (typeof END_FIELDS)[number];

export interface Slab extends DomainTypes {
  scenario: SlabScenario;
  stage: import('./stage_api.ts').StageDescriptor;
  event: KEvent;
  result: SlabResult;
  object: SlabObject;
  facts: SlabFacts;
  end: EndState;
  extra: SlabExtra;
  machine: Machine;
}

export type SlabOp = OpRecord<Slab>;
export type SlabObservation = Observation<Slab>;
export type { Op };

/**
 * FNV-1a, 32 bit, as 8 hex digits. Named hot*: V8 optimises it even in a check that switches
 * the optimising compiler off for the stage copies (src/cli/jit.ts); a per-byte loop is slow
 * unoptimised.
 */
export const digest = function hotDigest(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
};

/** Whether every byte is zero. Named hot*, as digest. */
export const isZero = function hotIsZero(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]) return false;
  return true;
};

// ---- rendering (the edge) ------------------------------------------------------------------

export function renderResult(r: ResultView<Slab>): string {
  if (r.status !== 'ran') return r.status;
  const x = r.result!;
  switch (x.kind) {
    case 'ok':
    case 'object':
    case 'NULL':
    case 'ZERO_SIZE_PTR':
      return x.kind;
    case 'bool':
      return String(x.value);
    case 'sheaf':
      return `sheaf(size ${x.size})`;
    case 'refill':
      return `${x.ret}${x.size === null ? '' : ` (size ${x.size})`}`;
    case 'number':
      return String(x.value);
    case 'validate':
      return `${x.errors} errors`;
  }
}

function bytesLine(b: BytesObservation): string {
  let s = `bytes[${b.requested}] ${b.zero ? 'zero' : 'nonzero'} #${b.digest}`;
  if (b.tail) s += `; tail[${b.tail.length}] ${b.tail.zero ? 'zero' : 'nonzero'} #${b.tail.digest}`;
  return s;
}

export function opHeader(op: { index: string; op: string } & ResultView<Slab>): string {
  return `[${op.index}] ${op.op} -> ${renderResult(op)}${op.reason ? ` (${op.reason})` : ''}`;
}

export function objectLine(ob: SlabObject): string {
  return `${ob.handle}: ${ob.kind}${ob.cache ? ' ' + ob.cache : ''}${ob.bytes ? '; ' + bytesLine(ob.bytes) : ''}`;
}

export { formatEvent };

/** The readable text form: golden files and the CLI's default output. */
export function renderObservation(o: SlabObservation): string {
  const out: string[] = [`scenario ${o.scenario}`, ''];
  for (const op of o.ops) {
    out.push(opHeader(op));
    for (const ob of op.objects) out.push(`    ${objectLine(ob)}`);
    for (const e of op.events) out.push(`    | ${formatEvent(e)}`);
  }
  const e = o.end;
  out.push('', 'end:');
  out.push(`  outstanding: ${e.outstanding.length ? e.outstanding.join(' ') : '(none)'}`);
  for (const c of e.caches) {
    out.push(`  cache ${c.name} (object ${c.object_size}, size ${c.size}): slabs ${c.slabs.join('/')} partial ${c.partial.join('/')} inuse ${c.inuse} in-sheaves ${c.sheafObjects} barn full ${c.barnFull.join('/')} empty ${c.barnEmpty.join('/')}`);
  }
  out.push(`  memcg charged: ${e.memcgCharged}`);
  const tags = Object.entries(e.tags);
  out.push(`  alloc tags: ${tags.length ? tags.map(([k, v]) => `${k}=${v.calls}/${v.bytes}B`).join(' ') : '(none)'}`);
  if (e.inaccurateTags.length) out.push(`  inaccurate tags: ${e.inaccurateTags.join(' ')}`);
  out.push(`  kmemleak tracked: ${e.kmemleakTracked}`);
  out.push(`  max nesting: ${e.maxNesting}`);
  out.push(`  warnings: ${e.warnings.length ? '' : '(none)'}`);
  for (const w of e.warnings) out.push(`    ${w}`);
  out.push(`  invariant violations: ${e.invariants.length ? '' : '(none)'}`);
  for (const v of e.invariants) out.push(`    ${v}`);
  return out.join('\n') + '\n';
}

/** The --json form: the typed observation, with each event's display text beside it. */
export function observationJson(o: SlabObservation): unknown {
  return { ...o, ops: o.ops.map((op) => ({ ...op, result: renderResult(op), typedResult: op.result, events: op.events.map((e) => ({ ...e, text: formatEvent(e) })) })) };
}
