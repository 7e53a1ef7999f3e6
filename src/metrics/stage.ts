// Per-stage structural facts, computed from the parsed files (pure).

import type { FileSyntax, FunctionSyntax, ParamInfo, StageSyntax } from './model.ts';
import { byCodeUnit } from '../harness/text.ts';

/** The files whose code is slab's own (where spin tests and alloc_flags tests are counted). */
export const SLAB_FILES = ['mm/slub.ts', 'mm/slab.ts', 'mm/memcontrol.ts', 'mm/kfence/core.ts'] as const;
export const PUBLIC_API_FILE = 'include/linux/slab.ts';
export const CONTEXT_TYPE = 'slab_alloc_context';
export const GFP_SPIN_TEST = 'gfpflags_allow_spinning';
export const ALLOC_FLAGS_SPIN_TEST = 'alloc_flags_allow_spinning';
export const NO_OBJ_EXT = '__GFP_NO_OBJ_EXT';
export const ALLOC_FLAG_PREFIX = 'SLAB_ALLOC_';

export interface FunctionFacts {
  name: string;
  file: string;
  line: number;
  exported: boolean;
  paramCount: number;
  params: ParamInfo[];
  takesContext: boolean;
}

export interface Site {
  file: string;
  /** Enclosing function, or null at module level. */
  fn: string | null;
  text: string;
}

export interface ApiEntry {
  name: string;
  kind: string;
  /** `name(p: T, …): R` for functions, `const NAME` / `interface NAME` otherwise. */
  signature: string;
}

export interface StageCounts {
  /** Calls of gfpflags_allow_spinning() in the slab files. */
  gfpSpinCalls: number;
  /** References to __GFP_NO_OBJ_EXT in every stage file (imports and re-exports not counted). */
  noObjExtRefs: number;
  /** alloc_flags tests: alloc_flags_allow_spinning() calls plus `… & SLAB_ALLOC_…` tests (the helper's own body excluded). */
  allocFlagsTests: number;
  /** Functions with a parameter of type slab_alloc_context. */
  contextFunctions: number;
  /** Exported names of include/linux/slab.ts. */
  publicApi: number;
}

export interface StageFacts {
  number: number;
  slug: string;
  functions: FunctionFacts[];
  counts: StageCounts;
  gfpSpinSites: Site[];
  allocFlagsTestSites: Site[];
  noObjExtSites: { file: string; fn: string | null; count: number }[];
  contextFunctions: string[];
  publicApi: ApiEntry[];
}

export function paramList(params: readonly { name: string }[]): string {
  return `(${params.map((p) => p.name).join(', ')})`;
}

export function signatureOf(f: Pick<FunctionSyntax, 'name' | 'params'> & { returnType?: string | null }): string {
  const ps = f.params.map((p) => `${p.name}${p.optional ? '?' : ''}${p.type ? ': ' + p.type : ''}${p.initializer ? ' = ' + p.initializer : ''}`);
  return `${f.name}(${ps.join(', ')})${f.returnType ? ': ' + f.returnType : ''}`;
}

function isContextType(type: string | null): boolean {
  return !!type && new RegExp(`\\b${CONTEXT_TYPE}\\b`).test(type);
}

/** An alloc_flags test: a call of the helper, or a `&` whose operands name a SLAB_ALLOC_ flag. */
export function allocFlagsTestsOf(f: Pick<FunctionSyntax, 'name' | 'calls' | 'bitTests'>): string[] {
  if (f.name === ALLOC_FLAGS_SPIN_TEST) return []; // the helper's definition is not a use
  const out: string[] = [];
  for (const c of f.calls) if (c.callee === ALLOC_FLAGS_SPIN_TEST) out.push(c.text);
  for (const b of f.bitTests) if (!b.negated && b.names.some((n) => n.startsWith(ALLOC_FLAG_PREFIX))) out.push(b.text);
  return out;
}

export function gfpSpinCallsOf(f: Pick<FunctionSyntax, 'calls'>): string[] {
  return f.calls.filter((c) => c.callee === GFP_SPIN_TEST).map((c) => c.text);
}

export function stageFacts(number: number, slug: string, files: StageSyntax): StageFacts {
  const functions: FunctionFacts[] = [];
  const gfpSpinSites: Site[] = [];
  const allocFlagsTestSites: Site[] = [];
  const noObjExtSites: StageFacts['noObjExtSites'] = [];
  for (const [path, f] of files) {
    const slabFile = (SLAB_FILES as readonly string[]).includes(path);
    for (const fn of f.functions) {
      functions.push({ name: fn.name, file: path, line: fn.line, exported: fn.exported, paramCount: fn.params.length, params: fn.params, takesContext: fn.params.some((p) => isContextType(p.type)) });
      if (!slabFile) continue;
      for (const t of gfpSpinCallsOf(fn)) gfpSpinSites.push({ file: path, fn: fn.name, text: t });
      for (const t of allocFlagsTestsOf(fn)) allocFlagsTestSites.push({ file: path, fn: fn.name, text: t });
    }
    if (slabFile) {
      for (const c of f.topLevelCalls) if (c.callee === GFP_SPIN_TEST) gfpSpinSites.push({ file: path, fn: null, text: c.text });
      for (const b of f.topLevelBitTests) if (!b.negated && b.names.some((n) => n.startsWith(ALLOC_FLAG_PREFIX))) allocFlagsTestSites.push({ file: path, fn: null, text: b.text });
    }
    const total = f.identifiers[NO_OBJ_EXT] ?? 0;
    if (total) {
      let inFns = 0;
      for (const fn of f.functions) {
        const n = fn.identifiers[NO_OBJ_EXT] ?? 0;
        if (n) noObjExtSites.push({ file: path, fn: fn.name, count: n });
        inFns += n;
      }
      if (total > inFns) noObjExtSites.push({ file: path, fn: null, count: total - inFns });
    }
  }
  const publicApi = publicApiOf(files.get(PUBLIC_API_FILE));
  const contextFunctions = functions.filter((f) => f.takesContext).map((f) => f.name);
  return {
    number,
    slug,
    functions,
    counts: {
      gfpSpinCalls: gfpSpinSites.length,
      noObjExtRefs: noObjExtSites.reduce((a, s) => a + s.count, 0),
      allocFlagsTests: allocFlagsTestSites.length,
      contextFunctions: contextFunctions.length,
      publicApi: publicApi.length,
    },
    gfpSpinSites,
    allocFlagsTestSites,
    noObjExtSites,
    contextFunctions,
    publicApi,
  };
}

export function publicApiOf(f: FileSyntax | undefined): ApiEntry[] {
  if (!f) return [];
  const out: ApiEntry[] = [];
  for (const fn of f.functions) if (fn.exported) out.push({ name: fn.name, kind: 'function', signature: signatureOf(fn) });
  for (const d of f.decls) if (d.exported) out.push({ name: d.name, kind: d.kind, signature: `${d.kind} ${d.name}` });
  return out.sort((a, b) => byCodeUnit(a.name, b.name));
}

/** Functions by name; a name defined in several files (stubs) keeps the first, in file order. */
export function functionIndex(files: StageSyntax): Map<string, FunctionSyntax> {
  const out = new Map<string, FunctionSyntax>();
  for (const f of files.values()) for (const fn of f.functions) if (!out.has(fn.name)) out.set(fn.name, fn);
  return out;
}
