// SLUB scenario files: the config, caches and operations, and a validating loader whose errors
// name file, operation and field.

import { basename } from 'node:path';
import { CONTEXT_LEVELS, defaultConfig, type ContextLevel, type KernelConfig } from '../kernel/config.ts';
import { ScenarioError, type ScenarioEnvelope } from '../harness/domain.ts';

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

export function parseScenario(json: unknown, file: string, vocab: ScenarioVocabulary): SlabScenario {
  const fail = (where: string, msg: string): never => {
    throw new ScenarioError(`${basename(file)}: ${where}: ${msg}`);
  };
  if (!isObj(json)) fail('top level', 'expected an object');
  const o = json as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['name', 'description', 'decisions', 'config', 'caches', 'ops', '$schema'].includes(k)) fail(`field "${k}"`, 'unknown field');
  if (typeof o.name !== 'string' || !o.name) fail('field "name"', 'expected a non-empty string');
  if (typeof o.description !== 'string') fail('field "description"', 'expected a string');
  const decisions = o.decisions === undefined ? [] : o.decisions;
  if (!Array.isArray(decisions) || decisions.some((d) => typeof d !== 'string')) fail('field "decisions"', 'expected an array of strings');
  const config = parseConfig(o.config, (f, m) => fail(`config.${f}`, m));
  const caches: CacheDecl[] = [];
  if (o.caches !== undefined && !Array.isArray(o.caches)) fail('field "caches"', 'expected an array');
  ((o.caches as unknown[]) ?? []).forEach((c, i) => {
    const w = (f: string, m: string) => fail(`caches[${i}].${f}`, m);
    if (!isObj(c)) fail(`caches[${i}]`, 'expected an object');
    const cc = c as Record<string, unknown>;
    for (const k of Object.keys(cc)) if (!['name', 'size', 'align', 'flags', 'ctor'].includes(k)) w(k, 'unknown field');
    if (typeof cc.name !== 'string' || !cc.name) w('name', 'expected a non-empty string');
    if (KMALLOC_NAME.test(cc.name as string)) w('name', 'kmalloc cache names are reserved');
    if (!isInt(cc.size) || (cc.size as number) < 1 || (cc.size as number) > 32768) w('size', 'expected an integer 1..32768');
    if (cc.align !== undefined && (!isInt(cc.align) || ![0, 8, 16, 32, 64, 128].includes(cc.align as number))) w('align', 'expected 0, 8, 16, 32, 64 or 128');
    const flags = cc.flags ?? [];
    if (!Array.isArray(flags)) w('flags', 'expected an array of SLAB_* names');
    for (const f of flags as unknown[]) if (typeof f !== 'string' || !vocab.slabFlags.has(f)) w('flags', `unknown cache flag ${JSON.stringify(f)}`);
    if (cc.ctor !== undefined && typeof cc.ctor !== 'boolean') w('ctor', 'expected true or false');
    caches.push({ name: cc.name as string, size: cc.size as number, align: (cc.align as number) ?? 0, flags: flags as string[], ctor: (cc.ctor as boolean) ?? false });
  });
  const cacheNames = new Set(caches.map((c) => c.name));
  if (cacheNames.size !== caches.length) fail('field "caches"', 'duplicate cache name');
  if (!Array.isArray(o.ops) || o.ops.length === 0) fail('field "ops"', 'expected a non-empty array');
  const handles = new Set<string>();
  const ops = (o.ops as unknown[]).map((op, i) => parseOp(op, `ops[${i}]`, { vocab, cacheNames, handles, config, fail }));
  return { name: o.name as string, description: o.description as string, decisions: decisions as string[], config, caches, ops, file };
}

interface OpCtx {
  vocab: ScenarioVocabulary;
  cacheNames: Set<string>;
  handles: Set<string>;
  config: KernelConfig;
  fail: (where: string, msg: string) => never;
}

function parseOp(raw: unknown, where: string, ctx: OpCtx): Op {
  const { fail } = ctx;
  if (!isObj(raw)) fail(where, 'expected an object');
  const o = raw as Record<string, unknown>;
  if (typeof o.op !== 'string') fail(`${where}.op`, 'missing operation name');
  const spec = OP_SPECS[o.op as string];
  if (!spec) fail(`${where}.op`, `unknown operation "${o.op}"`);
  const allowed = { ...COMMON_FIELDS, ...spec.req, ...(spec.opt ?? {}), inject: 'string' as FieldType };
  for (const k of Object.keys(o)) if (!(k in allowed)) fail(`${where}.${k}`, `unknown field for ${o.op}`);
  for (const [k, t] of Object.entries(spec.req)) {
    if (o[k] === undefined) fail(`${where}.${k}`, `required by ${o.op}`);
    checkField(o[k], t, `${where}.${k}`, ctx);
  }
  for (const [k, t] of Object.entries(spec.opt ?? {})) if (o[k] !== undefined) checkField(o[k], t, `${where}.${k}`, ctx);
  if (o.cpu !== undefined && (!isInt(o.cpu) || (o.cpu as number) < 0 || (o.cpu as number) >= ctx.config.cpus)) fail(`${where}.cpu`, `expected a CPU number below ${ctx.config.cpus}`);
  if (o.context !== undefined && !CONTEXT_LEVELS.includes(o.context as ContextLevel)) fail(`${where}.context`, `expected one of ${CONTEXT_LEVELS.join(', ')}`);
  if (o.site !== undefined && typeof o.site !== 'string') fail(`${where}.site`, 'expected a string');
  for (const k of ['node']) if (isInt(o[k]) && ((o[k] as number) < -1 || (o[k] as number) >= ctx.config.nodes)) fail(`${where}.${k}`, `no such node (the machine has ${ctx.config.nodes})`);
  if (o.as !== undefined) {
    if (typeof o.as !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(o.as)) fail(`${where}.as`, 'expected an identifier');
    if (!spec.allocates && o.op !== 'kmem_cache_prefill_sheaf') fail(`${where}.as`, `${o.op} returns no object`);
    ctx.handles.add(o.as as string);
  }
  const op: Op = { ...(o as Op) };
  if (o.inject !== undefined) {
    if (!Array.isArray(o.inject)) fail(`${where}.inject`, 'expected an array');
    op.inject = (o.inject as unknown[]).map((inj, j) => parseInjection(inj, `${where}.inject[${j}]`, ctx));
  }
  return op;
}

function parseInjection(raw: unknown, where: string, ctx: OpCtx): Injection {
  const { fail } = ctx;
  if (!isObj(raw)) fail(where, 'expected an object');
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!['at', 'cache', 'node', 'context', 'count', 'ops'].includes(k)) fail(`${where}.${k}`, 'unknown field');
  if (!INJECTION_POINTS.includes(o.at as InjectionPoint)) fail(`${where}.at`, `expected one of ${INJECTION_POINTS.join(', ')}`);
  if (o.cache !== undefined) checkField(o.cache, 'cache', `${where}.cache`, ctx);
  if (o.node !== undefined && (!isInt(o.node) || (o.node as number) < 0 || (o.node as number) >= ctx.config.nodes)) fail(`${where}.node`, 'no such node');
  if (!['softirq', 'hardirq', 'nmi'].includes(o.context as string)) fail(`${where}.context`, 'expected softirq, hardirq or nmi');
  if (o.count !== undefined && (!isInt(o.count) || (o.count as number) < 1)) fail(`${where}.count`, 'expected a positive integer');
  if (!Array.isArray(o.ops) || !o.ops.length) fail(`${where}.ops`, 'expected a non-empty array');
  const ops = (o.ops as unknown[]).map((op, i) => parseOp(op, `${where}.ops[${i}]`, ctx));
  return { at: o.at as InjectionPoint, cache: o.cache as string | undefined, node: o.node as number | undefined, context: o.context as Injection['context'], count: (o.count as number) ?? 1, ops };
}

function checkField(v: unknown, t: FieldType, where: string, ctx: OpCtx): void {
  const { fail } = ctx;
  switch (t) {
    case 'string':
      if (typeof v !== 'string') fail(where, 'expected a string');
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
      if (!ctx.handles.has(baseHandle(v as string))) fail(where, `unknown handle "${v}" (no earlier operation has "as": "${baseHandle(v as string)}")`);
      return;
    case 'cache':
      if (typeof v !== 'string') fail(where, 'expected a cache name');
      if (!ctx.cacheNames.has(v as string) && !KMALLOC_NAME.test(v as string)) fail(where, `unknown cache "${v}"`);
      return;
    case 'lockkind':
      if (!LOCK_KINDS.includes(v as (typeof LOCK_KINDS)[number])) fail(where, `expected one of ${LOCK_KINDS.join(', ')}`);
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
  for (const term of (v as string).split('|').map((t) => t.trim())) {
    if (term === '') fail(where, `empty term in "${v}"`);
    if (/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(term)) continue;
    if (!names.has(term)) fail(where, `unknown ${what} name "${term}"`);
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
  for (const k of Object.keys(o)) if (!(k in c)) fail(k, 'unknown config field');
  int('seed', 0, 0xffffffff);
  bool('smp');
  int('cpus', 1, 8);
  int('nodes', 1, 4);
  bool('preemptRt');
  bool('memcg');
  if (o.memcgLimit !== undefined) {
    if (o.memcgLimit !== null && !isInt(o.memcgLimit)) fail('memcgLimit', 'expected bytes or null');
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
    if (!['early', 'deferred', 'running'].includes(o.boot as string)) fail('boot', 'expected early, deferred or running');
    c.boot = o.boot as KernelConfig['boot'];
  }
  if (o.kfence !== undefined) {
    const k = o.kfence as Record<string, unknown>;
    if (!isObj(k)) fail('kfence', 'expected an object');
    for (const f of Object.keys(k)) if (!['enabled', 'sampleInterval', 'poolObjects'].includes(f)) fail(`kfence.${f}`, 'unknown field');
    if (k.enabled !== undefined && typeof k.enabled !== 'boolean') fail('kfence.enabled', 'expected true or false');
    if (k.sampleInterval !== undefined && (!isInt(k.sampleInterval) || (k.sampleInterval as number) < 0)) fail('kfence.sampleInterval', 'expected an integer >= 0');
    if (k.poolObjects !== undefined && (!isInt(k.poolObjects) || (k.poolObjects as number) < 1)) fail('kfence.poolObjects', 'expected a positive integer');
    c.kfence = { ...c.kfence, ...(k as object) } as KernelConfig['kfence'];
  }
  if (o.watermarks !== undefined) {
    const w = o.watermarks as Record<string, unknown>;
    if (!isObj(w)) fail('watermarks', 'expected an object');
    for (const f of Object.keys(w)) if (!['min', 'low', 'high'].includes(f) || !isInt(w[f])) fail(`watermarks.${f}`, 'expected min, low, high integers');
    c.watermarks = { ...c.watermarks, ...(w as object) } as KernelConfig['watermarks'];
  }
  if (o.slubDebug !== undefined) {
    const d = o.slubDebug as Record<string, unknown>;
    if (d !== null) {
      if (!isObj(d) || !Array.isArray(d.flags) || !Array.isArray(d.caches)) fail('slubDebug', 'expected {"flags": [...], "caches": [...]}');
      for (const f of d.flags as unknown[]) if (!['F', 'Z', 'P', 'U'].includes(f as string)) fail('slubDebug.flags', `unknown slub_debug flag ${JSON.stringify(f)} (F, Z, P, U)`);
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

function isInt(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v);
}
