// Seeded generator of malformed and hostile scenario files (hardening, issue 9): a plausible
// scenario from the op table, then mutations — types and ranges, deep nesting, huge counts and
// sizes, prototype-named and duplicate keys, control characters, path-like names, a BOM.

import { OPS, type FieldType } from '../../src/slab/ops.ts';

/** mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: R, p: number) => r() < p;

const GFPS = ['GFP_KERNEL', 'GFP_ATOMIC', 'GFP_NOWAIT', 'GFP_KERNEL|__GFP_ZERO', 'GFP_KERNEL|__GFP_NOFAIL', 'GFP_KERNEL_ACCOUNT', '__GFP_THISNODE|GFP_KERNEL', 'GFP_NOWAIT|__GFP_NOWARN', '0', 'GFP_KERNEL|__GFP_NORETRY', '__GFP_HIGH|__GFP_MEMALLOC', '__GFP_ACCOUNT'];
const SIZES = [0, 1, 8, 24, 64, 100, 192, 4096, 8192, 8193, 20000, 65536, (4 << 20) - 1, 4 << 20, (4 << 20) + 1, 1 << 30, (1 << 30) + 1, 2 ** 31 + 5, 2 ** 40, Number.MAX_SAFE_INTEGER];
const CACHES = ['kmalloc-8', 'kmalloc-64', 'kmalloc-cg-1k', 'kmalloc-rcl-8k', 'kmalloc-256', 'c1', 'c2'];
const HOSTILE_VALUES: unknown[] = [-1, -2, -(2 ** 53), 1.5, 1e308, 2 ** 53 + 2, '', 'x'.repeat(5000), '\u001b[31m\nforged line', null, [], {}, true, '__proto__', '../../../outside/x', 'a\u0000b', '\u202eevil', 0x7fffffff, 200000, 1073741825];
const PROTO_KEYS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
const HOSTILE_NAMES = ['../../x', 'a\u0000b', 'UPPER', 'has space', '-x', 'x-', 'a\nb', '..', 'x'.repeat(300), '\u001b[31mred'];

function fieldValue(r: R, t: FieldType, k: string, handles: string[], nodes: number, cpus: number, realNode: boolean): unknown {
  switch (t) {
    case 'int':
      if (k === 'node') return realNode && chance(r, 0.9) ? Math.floor(r() * nodes) : pick(r, [-1, 0, nodes - 1]);
      if (k === 'size') return chance(r, 0.85) ? pick(r, SIZES.slice(0, 9)) : pick(r, SIZES);
      if (k === 'count') return chance(r, 0.9) ? Math.floor(r() * 40) : pick(r, [4096, 4097, 200000]);
      if (k === 'value') return Math.floor(r() * 256);
      if (k === 'offset' || k === 'length') return chance(r, 0.8) ? Math.floor(r() * 64) : pick(r, [4096, 8192, 1 << 20, 4 << 20]);
      if (k === 'cpu') return Math.floor(r() * cpus);
      if (k === 'n') return pick(r, [0, 1, 3, 1 << 20, 2 ** 31]);
      return Math.floor(r() * 300);
    case 'gfp':
      return pick(r, GFPS);
    case 'bool':
      return chance(r, 0.5);
    case 'string':
      return pick(r, ['lru0', 'caller', 'site:x']);
    case 'handle':
      return handles.length && chance(r, 0.97) ? pick(r, handles) : 'nope';
    case 'cache':
      return pick(r, CACHES);
    case 'allocflags':
      return pick(r, ['SLAB_ALLOC_TRYLOCK', 'SLAB_ALLOC_NO_RECURSE', '0']);
    case 'lockkind':
      return pick(r, ['zone', 'list_lock', 'barn']);
    case 'intOrNull':
      return chance(r, 0.3) ? null : Math.floor(r() * 100000);
  }
}

const REAL_NODE = new Set(['hold_lock', 'release_lock', 'set_watermarks', 'fail_page_allocs']);
const ALLOCATING = OPS.filter((o) => o.allocates && !Object.values(o.req).includes('handle'));

function genOp(r: R, handles: string[], nodes: number, cpus: number, depth: number, maxDepth: number): Record<string, unknown> {
  let def = pick(r, OPS);
  if (!handles.length && Object.values(def.req).includes('handle') && chance(r, 0.95)) def = pick(r, ALLOCATING);
  const op: Record<string, unknown> = { op: def.name };
  for (const [k, t] of Object.entries(def.req)) op[k] = fieldValue(r, t, k, handles, nodes, cpus, REAL_NODE.has(def.name));
  for (const [k, t] of Object.entries(def.opt ?? {})) if (chance(r, 0.3)) op[k] = fieldValue(r, t, k, handles, nodes, cpus, REAL_NODE.has(def.name));
  if (chance(r, 0.15)) op.context = pick(r, ['task', 'softirq', 'hardirq', 'nmi']);
  if (chance(r, 0.1) && def.name !== 'hold_lock') op.cpu = Math.floor(r() * cpus);
  if ((def.allocates || def.name === 'kmem_cache_prefill_sheaf') && chance(r, 0.8)) {
    const h = `h${handles.length}`;
    op.as = h;
    handles.push(h);
  }
  if (depth < maxDepth && chance(r, depth === 0 ? 0.2 : 0.6)) {
    op.inject = [
      {
        at: pick(r, ['pcs_locked', 'barn_locked', 'list_lock_held', 'page_alloc']),
        context: pick(r, ['softirq', 'hardirq', 'nmi']),
        count: chance(r, 0.8) ? 1 + Math.floor(r() * 3) : pick(r, [64, 65, 1000000]),
        ops: Array.from({ length: 1 + Math.floor(r() * 2) }, () => genOp(r, handles, nodes, cpus, depth + 1, maxDepth)),
      },
    ];
  }
  return op;
}

/** A plausible scenario (often valid). */
export function genScenario(r: R, name: string): Record<string, unknown> {
  const nodes = pick(r, [1, 2, 4]);
  const smp = !chance(r, 0.1);
  const cpus = smp ? pick(r, [1, 2, 4]) : 1;
  const config: Record<string, unknown> = { nodes, cpus };
  if (!smp) config.smp = false;
  if (chance(r, 0.3)) config.memcg = true;
  if (chance(r, 0.3)) config.profiling = true;
  if (chance(r, 0.2)) config.initOnAlloc = true;
  if (chance(r, 0.2)) config.initOnFree = true;
  if (chance(r, 0.1)) config.boot = pick(r, ['early', 'deferred']);
  if (chance(r, 0.15)) config.kfence = { enabled: true, sampleInterval: pick(r, [0, 1, 3]) };
  if (chance(r, 0.15)) config.slubDebug = { flags: ['F', 'Z', 'P', 'U'].filter(() => chance(r, 0.5)), caches: pick(r, [[], ['kmalloc-*'], ['c1']]) };
  if (chance(r, 0.1)) config.pagesPerNode = pick(r, [64, 1 << 24]);
  if (chance(r, 0.1)) config.preemptRt = true;
  if (chance(r, 0.1)) config.cmpxchg16b = false;
  const caches = [
    { name: 'c1', size: pick(r, [8, 48, 200, 4096, 32768]), flags: chance(r, 0.3) ? ['SLAB_RED_ZONE'] : [] },
    { name: 'c2', size: 64, ctor: chance(r, 0.3), flags: chance(r, 0.3) ? ['SLAB_TYPESAFE_BY_RCU'] : [] },
  ];
  const handles: string[] = [];
  const maxDepth = chance(r, 0.05) ? 12 : 2;
  const ops = Array.from({ length: 1 + Math.floor(r() * 12) }, () => genOp(r, handles, nodes, cpus, 0, maxDepth));
  return { name, description: 'fuzz', config, caches, ops };
}

/** Every object/array node of a JSON value, for picking a mutation site. */
function nodesOf(v: unknown, out: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = []) {
  const stack: unknown[] = [v];
  while (stack.length) {
    const x = stack.pop();
    if (Array.isArray(x)) x.forEach((c, i) => (out.push({ parent: x, key: i }), stack.push(c)));
    else if (x && typeof x === 'object') for (const [k, c] of Object.entries(x)) out.push({ parent: x as Record<string, unknown>, key: k }), stack.push(c);
  }
  return out;
}

function deepInject(levels: number): Record<string, unknown> {
  let op: Record<string, unknown> = { op: 'kmalloc_nolock', size: 8, gfp: '0' };
  for (let i = 0; i < levels; i++) op = { op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL', inject: [{ at: 'pcs_locked', context: 'nmi', ops: [op] }] };
  return op;
}

export interface FuzzCase {
  /** The file name it is saved under. */
  file: string;
  text: string;
  mutation: string;
}

/** One case: a scenario, maybe mutated, as file text. */
export function genCase(r: R, i: number): FuzzCase {
  const name = `fuzz-${i}`;
  const sc = genScenario(r, name);
  let mutation = 'none';
  let text: string | null = null;
  if (chance(r, 0.5)) {
    const m = Math.floor(r() * 12);
    const sites = nodesOf(sc);
    const site = pick(r, sites);
    switch (m) {
      case 0:
      case 1:
      case 2:
        mutation = 'value';
        (site.parent as Record<string | number, unknown>)[site.key] = pick(r, HOSTILE_VALUES);
        break;
      case 3: {
        mutation = 'proto-key';
        const objs = sites.map((s) => (s.parent as Record<string | number, unknown>)[s.key]).filter((x): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x));
        const o = objs.length ? pick(r, objs) : sc;
        Object.defineProperty(o, pick(r, PROTO_KEYS), { value: pick(r, [1, 'x', {}]), enumerable: true, configurable: true, writable: true });
        break;
      }
      case 4:
        mutation = 'name';
        sc.name = pick(r, HOSTILE_NAMES);
        break;
      case 5:
        mutation = 'deep-inject';
        (sc.ops as unknown[]).push(deepInject(pick(r, [8, 9, 40, 900])));
        break;
      case 6:
        mutation = 'deep-json';
        sc.description = '@@DEEP@@';
        break;
      case 7:
        mutation = 'huge';
        (sc.ops as unknown[]).push(pick(r, [
          { op: 'kmalloc', size: pick(r, SIZES), gfp: pick(r, GFPS) },
          { op: 'kvmalloc', size: pick(r, SIZES), gfp: 'GFP_KERNEL|__GFP_NOFAIL' },
          { op: 'kmem_cache_alloc_bulk', cache: 'kmalloc-64', gfp: 'GFP_KERNEL', count: pick(r, [4096, 200000]) },
          { op: 'kmem_cache_prefill_sheaf', cache: 'kmalloc-64', gfp: 'GFP_KERNEL', size: pick(r, SIZES) },
          { op: 'kcalloc', n: pick(r, [2 ** 20, 2 ** 31]), size: pick(r, SIZES), gfp: 'GFP_KERNEL' },
        ]));
        break;
      case 8:
        mutation = 'control-chars';
        (sc.ops as Record<string, unknown>[])[0].gfp = 'GFP_KERNEL|\u001b[2J\n' + 'A'.repeat(pick(r, [10, 100000]));
        break;
      case 9:
        mutation = 'unknown-op';
        (sc.ops as Record<string, unknown>[])[0].op = pick(r, ['kmaloc', 'constructor', '__proto__', 'toString', 'KMALLOC', '']);
        break;
      case 10:
        mutation = 'many-ops';
        sc.ops = Array.from({ length: pick(r, [2000, 10001]) }, () => ({ op: 'kmalloc', size: 64, gfp: 'GFP_KERNEL' }));
        break;
      case 11:
        mutation = 'delete';
        if (!Array.isArray(site.parent)) delete (site.parent as Record<string, unknown>)[site.key as string];
        break;
    }
  }
  text = JSON.stringify(sc);
  if (mutation === 'deep-json') {
    const n = pick(r, [10, 70, 5000, 200000]);
    text = text.replace('"@@DEEP@@"', '['.repeat(n) + (chance(r, 0.8) ? ']'.repeat(n) : ''));
  }
  if (chance(r, 0.05)) {
    mutation += '+dup-key';
    text = text.replace('{"op":', '{"op":"kfree","op":');
  }
  if (chance(r, 0.02)) {
    mutation += '+bom';
    text = '\ufeff' + text;
  }
  if (chance(r, 0.02)) {
    mutation += '+truncated';
    text = text.slice(0, Math.floor(text.length * r()));
  }
  return { file: `${name}.json`, text, mutation };
}
