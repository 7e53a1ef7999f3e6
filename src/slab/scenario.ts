// SLUB scenario files: the config, caches and operations, and a validating loader whose errors
// name file, operation and field.

import { basename } from 'node:path';
import { CONTEXT_LEVELS, defaultConfig, type ContextLevel, type KernelConfig } from '../kernel/config.ts';
import { ScenarioError, type ScenarioEnvelope } from '../harness/domain.ts';
import { didYouMean, shown } from '../harness/text.ts';

export { ScenarioError };

import { OP_SPECS, type FieldType } from './ops.ts';

export { OP_SPECS };

const COMMON_FIELDS: Record<string, FieldType> = { op: 'string', as: 'string', cpu: 'int', context: 'string', site: 'string' };
export const INJECTION_POINTS = ['pcs_locked', 'barn_locked', 'list_lock_held', 'page_alloc'] as const;
export type InjectionPoint = (typeof INJECTION_POINTS)[number];
export const LOCK_KINDS = ['list_lock', 'barn', 'zone'] as const;

export interface Injection {
  at: InjectionPoint;
  cache?: string;
  node?: number;
  context: Exclude<ContextLevel, 'task'>;
  count: number;
  ops: Op[];
}

export interface Op {
  op: string;
  as?: string;
  cpu?: number;
  context?: ContextLevel;
  site?: string;
  inject?: Injection[];
  [field: string]: unknown;
}

export interface CacheDecl {
  name: string;
  size: number;
  align: number;
  flags: string[];
  ctor: boolean;
}

export interface SlabScenario extends ScenarioEnvelope {
  config: KernelConfig;
  caches: CacheDecl[];
  ops: Op[];
}

/** What the loader needs to know about the stages to validate names. */
export interface ScenarioVocabulary {
  gfpNames: ReadonlySet<string>;
  slabFlags: ReadonlySet<string>;
  allocFlags: ReadonlySet<string>;
}

const KMALLOC_NAME = /^kmalloc(-rcl|-cg)?-(8|16|32|64|96|128|192|256|512|1k|2k|4k|8k)$/;
/** The kmalloc caches every stage has, for "did you mean". */
const KMALLOC_CACHES = ['', '-rcl', '-cg'].flatMap((t) => ['8', '16', '32', '64', '96', '128', '192', '256', '512', '1k', '2k', '4k', '8k'].map((b) => `kmalloc${t}-${b}`));

/**
 * The bounds the model depends on (hardening): a scenario beyond them is bad input, exit 2. The
 * run itself is bounded by a budget (src/harness/domain.ts RunBudget).
 */
export const LIMITS = {
  /** Operations in a file, injected ones included. */
  ops: 10_000,
  /** Interrupts injected into interrupts (inject inside an injected op), levels. */
  injectDepth: 8,
  /** How many times one injection may fire. */
  injectCount: 64,
  /** Objects of one kmem_cache_alloc_bulk. */
  bulkCount: 4096,
  /** Pages a fail_page_allocs may fail. */
  failCount: 1 << 24,
  /** Bytes of a write op (offset + length). */
  writeEnd: 4 << 20,
  /** Length of a name, site, caller or lru string. */
  string: 200,
  /** Length of the description and of each decision. */
  text: 4000,
  /** Page counts and watermarks. */
  pages: 1 << 24,
  /** Scenario names: kebab-case, the file name without .json. */
  name: /^[a-z0-9]+(-[a-z0-9]+)*$/,
} as const;

/** Ops whose node must be a real node (not NUMA_NO_NODE): they name a node's lock or counters. */
const REAL_NODE_OPS: ReadonlySet<string> = new Set(['hold_lock', 'release_lock', 'set_watermarks', 'fail_page_allocs']);

const TOP_FIELDS = ['name', 'description', 'decisions', 'config', 'caches', 'ops', '$schema'];
const CACHE_FIELDS = ['name', 'size', 'align', 'flags', 'ctor'];
const INJECTION_FIELDS = ['at', 'cache', 'node', 'context', 'count', 'ops'];

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** " (did you mean …)" over a list. */
const dym = (w: string, c: Iterable<string>) => didYouMean(w, c);

/** A printable identifier-like string (cache names, sites, lru and caller labels). */
const PRINTABLE = /^[\x20-\x7e]*$/;

export function parseScenario(json: unknown, file: string, vocab: ScenarioVocabulary): SlabScenario {
  const fail = (where: string, msg: string): never => {
    throw new ScenarioError(`${basename(file)}: ${where}: ${msg}`);
  };
  if (!isObj(json)) fail('top level', 'expected an object');
  const o = json as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!TOP_FIELDS.includes(k)) fail(`field ${shown(k)}`, `unknown field${dym(k, TOP_FIELDS)}`);
  if (typeof o.name !== 'string' || !o.name) fail('field "name"', 'expected a non-empty string');
  if (!LIMITS.name.test(o.name as string) || (o.name as string).length > 100) fail('field "name"', `expected a kebab-case name such as "bulk-no-reclaim" (got ${shown(o.name)})`);
  if (typeof o.description !== 'string') fail('field "description"', 'expected a string');
  if ((o.description as string).length > LIMITS.text) fail('field "description"', `longer than ${LIMITS.text} characters`);
  if (o.$schema !== undefined && typeof o.$schema !== 'string') fail('field "$schema"', 'expected a string');
  const decisions = o.decisions === undefined ? [] : o.decisions;
  if (!Array.isArray(decisions) || decisions.some((d) => typeof d !== 'string' || d.length > LIMITS.text)) fail('field "decisions"', 'expected an array of strings');
  const config = parseConfig(o.config, (f, m) => fail(f ? `config.${f}` : 'field "config"', m));
  const caches: CacheDecl[] = [];
  if (o.caches !== undefined && !Array.isArray(o.caches)) fail('field "caches"', 'expected an array');
  ((o.caches as unknown[]) ?? []).forEach((c, i) => {
    const w = (f: string, m: string) => fail(`caches[${i}].${f}`, m);
    if (!isObj(c)) fail(`caches[${i}]`, 'expected an object');
    const cc = c as Record<string, unknown>;
    for (const k of Object.keys(cc)) if (!CACHE_FIELDS.includes(k)) w(shown(k).slice(1, -1), `unknown field${dym(k, CACHE_FIELDS)}`);
    if (typeof cc.name !== 'string' || !cc.name) w('name', 'expected a non-empty string');
    if (KMALLOC_NAME.test(cc.name as string) || (cc.name as string).startsWith('kmalloc')) w('name', 'kmalloc cache names are reserved');
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.:-]{0,63}$/.test(cc.name as string)) w('name', `expected letters, digits, "_", ".", ":" or "-", at most 64 (got ${shown(cc.name)})`);
    if (!isInt(cc.size) || (cc.size as number) < 1 || (cc.size as number) > 32768) w('size', 'expected an integer 1..32768');
    if (cc.align !== undefined && (!isInt(cc.align) || ![0, 8, 16, 32, 64, 128].includes(cc.align as number))) w('align', 'expected 0, 8, 16, 32, 64 or 128');
    const flags = cc.flags ?? [];
    if (!Array.isArray(flags)) w('flags', 'expected an array of SLAB_* names');
    for (const f of flags as unknown[]) if (typeof f !== 'string' || !vocab.slabFlags.has(f)) w('flags', `unknown cache flag ${shown(f)}${typeof f === 'string' ? dym(f, vocab.slabFlags) : ''}`);
    if (cc.ctor !== undefined && typeof cc.ctor !== 'boolean') w('ctor', 'expected true or false');
    caches.push({ name: cc.name as string, size: cc.size as number, align: (cc.align as number) ?? 0, flags: flags as string[], ctor: (cc.ctor as boolean) ?? false });
  });
  const cacheNames = new Set(caches.map((c) => c.name));
  if (cacheNames.size !== caches.length) fail('field "caches"', 'duplicate cache name');
  if (!Array.isArray(o.ops) || o.ops.length === 0) fail('field "ops"', 'expected a non-empty array');
  const handles = new Set<string>();
  const ctx: OpCtx = { vocab, cacheNames, handles, config, fail, count: 0, depth: 0 };
  const ops = (o.ops as unknown[]).map((op, i) => parseOp(op, `ops[${i}]`, ctx));
  return { name: o.name as string, description: o.description as string, decisions: decisions as string[], config, caches, ops, file };
}

interface OpCtx {
  vocab: ScenarioVocabulary;
  cacheNames: Set<string>;
  handles: Set<string>;
  config: KernelConfig;
  fail: (where: string, msg: string) => never;
  /** Operations so far (nested included) and the current injection depth. */
  count: number;
  depth: number;
}

function parseOp(raw: unknown, where: string, ctx: OpCtx): Op {
  const { fail } = ctx;
  if (!isObj(raw)) fail(where, 'expected an object');
  if (++ctx.count > LIMITS.ops) fail(where, `more than ${LIMITS.ops} operations (injected ones included)`);
  const o = raw as Record<string, unknown>;
  if (typeof o.op !== 'string') fail(`${where}.op`, 'missing operation name');
  const name = o.op as string;
  if (!own(OP_SPECS, name)) fail(`${where}.op`, `unknown operation ${shown(name)}${dym(name, Object.keys(OP_SPECS))}`);
  const spec = OP_SPECS[name];
  const allowed = new Set([...Object.keys(COMMON_FIELDS), ...Object.keys(spec.req), ...Object.keys(spec.opt ?? {}), 'inject']);
  for (const k of Object.keys(o)) if (!allowed.has(k)) fail(`${where}.${shown(k).slice(1, -1)}`, `unknown field for ${name}${dym(k, allowed)}`);
  for (const [k, t] of Object.entries(spec.req)) {
    if (o[k] === undefined) fail(`${where}.${k}`, `required by ${name}`);
    checkField(o[k], t, `${where}.${k}`, ctx);
  }
  for (const [k, t] of Object.entries(spec.opt ?? {})) if (o[k] !== undefined) checkField(o[k], t, `${where}.${k}`, ctx);
  if (o.cpu !== undefined && (!isInt(o.cpu) || (o.cpu as number) < 0 || (o.cpu as number) >= ctx.config.cpus)) fail(`${where}.cpu`, `expected a CPU number below ${ctx.config.cpus}`);
  if (o.context !== undefined && !CONTEXT_LEVELS.includes(o.context as ContextLevel)) fail(`${where}.context`, `expected one of ${CONTEXT_LEVELS.join(', ')}${typeof o.context === 'string' ? dym(o.context, CONTEXT_LEVELS) : ''}`);
  if (o.site !== undefined) checkLabel(o.site, `${where}.site`, ctx);
  checkRanges(o, name, where, ctx);
  if (o.as !== undefined) {
    if (typeof o.as !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(o.as)) fail(`${where}.as`, 'expected an identifier');
    if (!spec.allocates && o.op !== 'kmem_cache_prefill_sheaf') fail(`${where}.as`, `${o.op} returns no object`);
    ctx.handles.add(o.as as string);
  }
  const op: Op = { ...(o as Op) };
  if (o.inject !== undefined) {
    if (!Array.isArray(o.inject)) fail(`${where}.inject`, 'expected an array');
    // Bounded depth: the loader's and the runner's recursion never reach the native stack limit.
    if (ctx.depth >= LIMITS.injectDepth) fail(`${where}.inject`, `injections nested deeper than ${LIMITS.injectDepth} levels`);
    ctx.depth++;
    op.inject = (o.inject as unknown[]).map((inj, j) => parseInjection(inj, `${where}.inject[${j}]`, ctx));
    ctx.depth--;
  }
  return op;
}

/** The ranges the model depends on, per field (hardening). */
function checkRanges(o: Record<string, unknown>, name: string, where: string, ctx: OpCtx): void {
  const { fail } = ctx;
  const range = (k: string, lo: number, hi: number, what = `an integer ${lo}..${hi}`) => {
    if (o[k] === undefined || o[k] === null) return;
    if ((o[k] as number) < lo || (o[k] as number) > hi) fail(`${where}.${k}`, `expected ${what} (got ${shown(o[k])})`);
  };
  const nodes = ctx.config.nodes;
  if (REAL_NODE_OPS.has(name)) range('node', 0, nodes - 1, `a node number below ${nodes} (${name} needs a real node, not -1)`);
  else if (o.node !== undefined && ((o.node as number) < -1 || (o.node as number) >= nodes)) fail(`${where}.node`, `no such node (the machine has ${nodes})`);
  range('size', 0, Number.MAX_SAFE_INTEGER, 'a size >= 0');
  range('n', 0, Number.MAX_SAFE_INTEGER, 'a count >= 0');
  if (name === 'kmem_cache_alloc_bulk') range('count', 0, LIMITS.bulkCount);
  if (name === 'fail_page_allocs') range('count', 0, LIMITS.failCount);
  if (name === 'write') {
    range('offset', 0, LIMITS.writeEnd);
    range('length', 0, LIMITS.writeEnd);
    range('value', 0, 255, 'a byte value 0..255');
    if ((o.offset as number) + (o.length as number) > LIMITS.writeEnd) fail(`${where}.length`, `offset + length beyond ${LIMITS.writeEnd} bytes`);
  }
  for (const k of ['free', 'min', 'low', 'high', 'reclaimable']) range(k, 0, LIMITS.pages);
  if (name === 'hold_lock') range('cpu', 0, ctx.config.cpus - 1, `a CPU number below ${ctx.config.cpus}`);
  if (name === 'set_memcg_limit') range('bytes', 0, Number.MAX_SAFE_INTEGER, 'bytes >= 0 or null');
  for (const k of ['caller', 'lru']) if (o[k] !== undefined) checkLabel(o[k], `${where}.${k}`, ctx);
}

/** A label that ends up in the observation: printable, bounded. */
function checkLabel(v: unknown, where: string, ctx: OpCtx): void {
  if (typeof v !== 'string') ctx.fail(where, 'expected a string');
  if ((v as string).length > LIMITS.string || !PRINTABLE.test(v as string)) ctx.fail(where, `expected printable ASCII, at most ${LIMITS.string} characters`);
}

function parseInjection(raw: unknown, where: string, ctx: OpCtx): Injection {
  const { fail } = ctx;
  if (!isObj(raw)) fail(where, 'expected an object');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!INJECTION_FIELDS.includes(k)) fail(`${where}.${shown(k).slice(1, -1)}`, `unknown field${dym(k, INJECTION_FIELDS)}`);
  if (!INJECTION_POINTS.includes(o.at as InjectionPoint)) fail(`${where}.at`, `expected one of ${INJECTION_POINTS.join(', ')}${typeof o.at === 'string' ? dym(o.at, INJECTION_POINTS) : ''}`);
  if (o.cache !== undefined) checkField(o.cache, 'cache', `${where}.cache`, ctx);
  if (o.node !== undefined && (!isInt(o.node) || (o.node as number) < 0 || (o.node as number) >= ctx.config.nodes)) fail(`${where}.node`, 'no such node');
  if (!['softirq', 'hardirq', 'nmi'].includes(o.context as string)) fail(`${where}.context`, 'expected softirq, hardirq or nmi');
  if (o.count !== undefined && (!isInt(o.count) || (o.count as number) < 1 || (o.count as number) > LIMITS.injectCount)) fail(`${where}.count`, `expected an integer 1..${LIMITS.injectCount}`);
  if (!Array.isArray(o.ops) || !o.ops.length) fail(`${where}.ops`, 'expected a non-empty array');
  const ops = (o.ops as unknown[]).map((op, i) => parseOp(op, `${where}.ops[${i}]`, ctx));
  return { at: o.at as InjectionPoint, cache: o.cache as string | undefined, node: o.node as number | undefined, context: o.context as Injection['context'], count: (o.count as number) ?? 1, ops };
}

function checkField(v: unknown, t: FieldType, where: string, ctx: OpCtx): void {
  const { fail } = ctx;
  switch (t) {
    case 'string':
      if (typeof v !== 'string') fail(where, 'expected a string');
      if ((v as string).length > LIMITS.string || !PRINTABLE.test(v as string)) fail(where, `expected printable ASCII, at most ${LIMITS.string} characters`);
      return;
    case 'int':
      if (!isInt(v)) fail(where, 'expected an integer');
      if ((v as number) < -1) fail(where, 'expected a value >= -1');
      return;
    case 'intOrNull':
      if (v !== null && !isInt(v)) fail(where, 'expected an integer or null');
      return;
    case 'bool':
      if (typeof v !== 'boolean') fail(where, 'expected true or false');
      return;
    case 'handle':
      if (typeof v !== 'string') fail(where, 'expected a handle name');
      if (!ctx.handles.has(baseHandle(v as string))) fail(where, `unknown handle ${shown(v)} (no earlier operation has "as": ${shown(baseHandle(v as string))})${dym(baseHandle(v as string), ctx.handles)}`);
      return;
    case 'cache':
      if (typeof v !== 'string') fail(where, 'expected a cache name');
      if (!ctx.cacheNames.has(v as string) && !KMALLOC_NAME.test(v as string)) fail(where, `unknown cache ${shown(v)}${dym(v as string, [...ctx.cacheNames, ...KMALLOC_CACHES])}`);
      return;
    case 'lockkind':
      if (!LOCK_KINDS.includes(v as (typeof LOCK_KINDS)[number])) fail(where, `expected one of ${LOCK_KINDS.join(', ')}${typeof v === 'string' ? dym(v, LOCK_KINDS) : ''}`);
      return;
    case 'gfp':
      checkExpr(v, ctx.vocab.gfpNames, 'gfp', where, fail);
      return;
    case 'allocflags':
      checkExpr(v, ctx.vocab.allocFlags, 'alloc flag', where, fail);
      return;
  }
}

function checkExpr(v: unknown, names: ReadonlySet<string>, what: string, where: string, fail: (w: string, m: string) => never): void {
  if (typeof v !== 'string') fail(where, `expected a ${what} expression such as "GFP_KERNEL|__GFP_ZERO"`);
  if ((v as string).length > 1000) fail(where, `a ${what} expression longer than 1000 characters`);
  for (const term of (v as string).split('|').map((t) => t.trim())) {
    if (term === '') fail(where, `empty term in ${shown(v)}`);
    if (/^(0x[0-9a-fA-F]{1,8}|[0-9]{1,10})$/.test(term) && Number(term) <= 0xffffffff) continue;
    if (/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(term)) fail(where, `${shown(term)} is wider than 32 bits`);
    if (!names.has(term)) fail(where, `unknown ${what} name ${shown(term)}${dym(term, names)}`);
  }
}

/** "a[3]" refers to element 3 of the bulk allocation "a". */
export function baseHandle(h: string): string {
  const m = /^(.*)\[(\d+)\]$/.exec(h);
  return m ? m[1] : h;
}

function parseConfig(raw: unknown, fail: (field: string, msg: string) => never): KernelConfig {
  const c = defaultConfig();
  if (raw === undefined) return c;
  if (!isObj(raw)) fail('', 'expected an object');
  const o = raw as Record<string, unknown>;
  const bool = (k: keyof KernelConfig) => {
    if (o[k] === undefined) return;
    if (typeof o[k] !== 'boolean') fail(k, 'expected true or false');
    (c as unknown as Record<string, unknown>)[k] = o[k];
  };
  const int = (k: keyof KernelConfig, lo: number, hi: number) => {
    if (o[k] === undefined) return;
    if (!isInt(o[k]) || (o[k] as number) < lo || (o[k] as number) > hi) fail(k, `expected an integer ${lo}..${hi}`);
    (c as unknown as Record<string, unknown>)[k] = o[k];
  };
  for (const k of Object.keys(o)) if (!own(c, k)) fail(shown(k).slice(1, -1), `unknown config field${dym(k, Object.keys(c))}`);
  int('seed', 0, 0xffffffff);
  bool('smp');
  int('cpus', 1, 8);
  int('nodes', 1, 4);
  bool('preemptRt');
  bool('memcg');
  if (o.memcgLimit !== undefined) {
    if (o.memcgLimit !== null && (!isInt(o.memcgLimit) || (o.memcgLimit as number) < 0)) fail('memcgLimit', 'expected bytes (>= 0) or null');
    c.memcgLimit = o.memcgLimit as number | null;
  }
  bool('profiling');
  bool('profilingDebug');
  bool('initOnAlloc');
  bool('initOnFree');
  bool('kmemleak');
  bool('cmpxchg16b');
  bool('freelistRandom');
  int('pagesPerNode', 0, 1 << 24);
  int('reclaimablePerNode', 0, 1 << 24);
  int('remoteNodeDefragRatio', 0, 1000);
  if (o.boot !== undefined) {
    if (!['early', 'deferred', 'running'].includes(o.boot as string)) fail('boot', `expected early, deferred or running${typeof o.boot === 'string' ? dym(o.boot, ['early', 'deferred', 'running']) : ''}`);
    c.boot = o.boot as KernelConfig['boot'];
  }
  if (o.kfence !== undefined) {
    const k = o.kfence as Record<string, unknown>;
    if (!isObj(k)) fail('kfence', 'expected an object');
    for (const f of Object.keys(k)) if (!['enabled', 'sampleInterval', 'poolObjects'].includes(f)) fail(`kfence.${shown(f).slice(1, -1)}`, 'unknown field');
    if (k.enabled !== undefined && typeof k.enabled !== 'boolean') fail('kfence.enabled', 'expected true or false');
    if (k.sampleInterval !== undefined && (!isInt(k.sampleInterval) || (k.sampleInterval as number) < 0)) fail('kfence.sampleInterval', 'expected an integer >= 0');
    if (k.sampleInterval !== undefined && (k.sampleInterval as number) > 0xffffffff) fail('kfence.sampleInterval', 'expected an integer 0..4294967295');
    if (k.poolObjects !== undefined && (!isInt(k.poolObjects) || (k.poolObjects as number) < 1 || (k.poolObjects as number) > 4096)) fail('kfence.poolObjects', 'expected an integer 1..4096');
    c.kfence = { ...c.kfence, ...(k as object) } as KernelConfig['kfence'];
  }
  if (o.watermarks !== undefined) {
    const w = o.watermarks as Record<string, unknown>;
    if (!isObj(w)) fail('watermarks', 'expected an object');
    for (const f of Object.keys(w)) if (!['min', 'low', 'high'].includes(f) || !isInt(w[f]) || (w[f] as number) < 0 || (w[f] as number) > LIMITS.pages) fail(`watermarks.${shown(f).slice(1, -1)}`, `expected min, low, high integers 0..${LIMITS.pages}`);
    c.watermarks = { ...c.watermarks, ...(w as object) } as KernelConfig['watermarks'];
  }
  if (o.slubDebug !== undefined) {
    const d = o.slubDebug as Record<string, unknown>;
    if (d !== null) {
      if (!isObj(d) || !Array.isArray(d.flags) || !Array.isArray(d.caches)) fail('slubDebug', 'expected {"flags": [...], "caches": [...]}');
      for (const f of Object.keys(d)) if (f !== 'flags' && f !== 'caches') fail(`slubDebug.${shown(f).slice(1, -1)}`, 'unknown field');
      for (const f of d.flags as unknown[]) if (!['F', 'Z', 'P', 'U'].includes(f as string)) fail('slubDebug.flags', `unknown slub_debug flag ${shown(f)} (F, Z, P, U)`);
      for (const n of d.caches as unknown[]) if (typeof n !== 'string' || !/^[A-Za-z0-9_.:*-]{1,64}$/.test(n)) fail('slubDebug.caches', `expected cache names or globs such as "kmalloc-*" (got ${shown(n)})`);
      c.slubDebug = { flags: d.flags as string[], caches: d.caches as string[] };
    }
  }
  if (!c.smp) c.cpus = 1;
  if (o.cpuNode !== undefined) {
    if (!Array.isArray(o.cpuNode) || o.cpuNode.length !== c.cpus || o.cpuNode.some((n) => !isInt(n) || n < 0 || n >= c.nodes)) fail('cpuNode', 'expected one node number per CPU');
    c.cpuNode = o.cpuNode as number[];
  } else {
    c.cpuNode = Array.from({ length: c.cpus }, (_, i) => i % c.nodes);
  }
  return c;
}

function isObj(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A JSON integer the model can compute with exactly. */
function isInt(v: unknown): boolean {
  return typeof v === 'number' && Number.isSafeInteger(v);
}
