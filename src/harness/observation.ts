// What a run of one scenario on one stage shows: per operation its result, the bytes it handed out
// and its events; at the end the state of the allocator and the observers. Stage-independent and
// free of addresses, so that two stages' observations can be compared line by line.

import type { CacheSnapshot } from '../kernel/stage_api.ts';

export interface BytesObservation {
  /** Requested bytes: all zero? and an FNV-1a digest. */
  requested: number;
  zero: boolean;
  digest: string;
  /** Bytes between the requested size and the usable size (slab objects only). */
  tail?: { length: number; zero: boolean; digest: string };
}

export interface ObjectObservation {
  handle: string;
  kind: string;
  cache: string | null;
  bytes?: BytesObservation;
}

export interface OpObservation {
  /** "3", or "3/inject0/1" for an operation run by an injected interrupt. */
  index: string;
  op: string;
  /** object, NULL, ZERO_SIZE_PTR, n/a (not at this stage), aborted (deadlock), or a value. */
  result: string;
  reason?: string;
  /** The caller's gfp and context, and whether zeroed memory was asked for (JSON only). */
  gfp?: number;
  context?: string;
  wantZero?: boolean;
  objects?: ObjectObservation[];
  events: string[];
}

export interface EndState {
  outstanding: string[];
  caches: CacheSnapshot[];
  memcgCharged: number;
  tags: Record<string, { bytes: number; calls: number }>;
  inaccurateTags: string[];
  kmemleakTracked: number;
  warnings: string[];
  maxNesting: number;
  invariants: string[];
}

export interface Observation {
  scenario: string;
  stage: string;
  ops: OpObservation[];
  end: EndState;
}

/** FNV-1a, 32 bit, as 8 hex digits. */
export function digest(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function isZero(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]) return false;
  return true;
}

function bytesLine(b: BytesObservation): string {
  let s = `bytes[${b.requested}] ${b.zero ? 'zero' : 'nonzero'} #${b.digest}`;
  if (b.tail) s += `; tail[${b.tail.length}] ${b.tail.zero ? 'zero' : 'nonzero'} #${b.tail.digest}`;
  return s;
}

export function opHeader(op: OpObservation): string {
  return `[${op.index}] ${op.op} -> ${op.result}${op.reason ? ` (${op.reason})` : ''}`;
}

export function objectLine(ob: ObjectObservation): string {
  return `${ob.handle}: ${ob.kind}${ob.cache ? ' ' + ob.cache : ''}${ob.bytes ? '; ' + bytesLine(ob.bytes) : ''}`;
}

/** The readable text form: golden files and the CLI's default output. */
export function renderObservation(o: Observation): string {
  const out: string[] = [`scenario ${o.scenario}`, ''];
  for (const op of o.ops) {
    out.push(opHeader(op));
    for (const ob of op.objects ?? []) out.push(`    ${objectLine(ob)}`);
    for (const e of op.events) out.push(`    | ${e}`);
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
