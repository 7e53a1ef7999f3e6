// A base is a named set of files applied under the series: `for-next` is the series' own base (no
// files), `mm-unstable` adds Hao Ge's early-PFN patch (src/bases/mm-unstable/overlay). Rebasing the
// series onto a base replays each step as a three-way merge (git merge-file, the propagate
// machinery): ours = the rebased previous stage, base = stage N-1, theirs = stage N. A conflicting
// hunk is reported and, to go on, resolved by dropping the patch's side of it (what the spec's §3.1
// calls the natural resolution). Each rebased stage is then built (tsc --noEmit) in every
// configuration of BUILD_CONFIGS, and the ones that build in the DEBUG configuration are loaded, each
// run booting the build its scenario's configuration selects (loadStage).

import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadTreeStage } from '../export/tree-stage.ts';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { merge3 } from '../patches/propagate.ts';
import { readTree } from '../patches/stagefs.ts';
import type { StageDescriptor } from '../slab/stage_api.ts';
import { BUILD_CONFIGS, preprocess } from './cpp.ts';
import type { BuildCache, TypecheckOutput } from '../cache/builds.ts';
import { startTypecheckRoots, typecheckRoots } from './typecheck.ts';

export type Tree = Map<string, string>;

// The TypeScript sources, also when this module runs compiled from dist/bases/: stage trees,
// overlays and the shared folders are read and type-checked as TypeScript.
export const SRC_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
const HERE = join(SRC_DIR, 'bases');
export const ROOT_DIR = join(SRC_DIR, '..');

export interface BaseDef {
  name: string;
  summary: string;
  /** Folder of files at stage-relative paths (null: the series' own base). */
  overlay: string | null;
}

export const BASES: Readonly<Record<string, BaseDef>> = {
  'for-next': { name: 'for-next', summary: 'slab/for-next, the RFC\'s own base (500b2c975530)', overlay: null },
  'mm-unstable': {
    name: 'mm-unstable',
    summary: 'for-next + Hao Ge\'s "mm/alloc_tag: replace fixed-size early PFN array with dynamic linked list" v6, as mm-unstable carries it',
    overlay: join(HERE, 'mm-unstable', 'overlay'),
  },
};

export interface Conflict {
  file: string;
  /** Line of the conflict in the merged file. */
  line: number;
  /** The base's side of the hunk (first lines) and the patch's side. */
  ours: string[];
  theirs: string[];
}

export interface BuildResult {
  config: string;
  ok: boolean;
  errors: string[];
}

export interface RebasedStep {
  number: number;
  slug: string;
  status: 'base' | 'clean' | 'conflict';
  conflicts: Conflict[];
  /** The stage's files after the step (conflicting hunks resolved by dropping the patch's side). */
  tree: Tree;
  build: BuildResult[];
}

/** The base's files (the overlay) over stage 00. */
export function applyOverlay(stage: Tree, overlay: Tree): Tree {
  const out = new Map(stage);
  for (const [f, t] of overlay) out.set(f, t);
  return out;
}

function conflictsOf(file: string, merged: string): Conflict[] {
  const out: Conflict[] = [];
  const lines = merged.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('<<<<<<< ')) continue;
    const c: Conflict = { file, line: i + 1, ours: [], theirs: [] };
    let side: 'ours' | 'theirs' = 'ours';
    for (i++; i < lines.length && !lines[i].startsWith('>>>>>>> '); i++) {
      if (lines[i].startsWith('=======')) side = 'theirs';
      else c[side].push(lines[i]);
    }
    out.push(c);
  }
  return out;
}

/** Replay one step (prev → cur) onto `onto`. */
export function replayStep(onto: Tree, prev: Tree, cur: Tree, label: string): { tree: Tree; conflicts: Conflict[] } {
  const tree = new Map(onto);
  const conflicts: Conflict[] = [];
  const files = new Set([...prev.keys(), ...cur.keys()]);
  for (const f of [...files].sort()) {
    const p = prev.get(f);
    const c = cur.get(f);
    const r = onto.get(f);
    if (p === c) continue;
    if (r === p) {
      if (c === undefined) tree.delete(f);
      else tree.set(f, c);
      continue;
    }
    if (p === undefined || c === undefined || r === undefined) {
      conflicts.push({ file: f, line: 0, ours: [r === undefined ? '(file absent on the base)' : '(file differs on the base)'], theirs: [c === undefined ? '(patch deletes the file)' : '(patch creates/changes the file)'] });
      continue;
    }
    const m = merge3(r, p, c, ['base', `${label}^`, label]);
    if (m.conflicts > 0) {
      conflicts.push(...conflictsOf(f, m.text));
      tree.set(f, merge3(r, p, c, ['base', `${label}^`, label], 'ours').text);
    } else tree.set(f, m.text);
  }
  return { tree, conflicts };
}

export function rebaseSeries(stagesDir: string, slugs: readonly string[], overlay: Tree): RebasedStep[] {
  const trees = slugs.map((s) => readTree(join(stagesDir, s)));
  const steps: RebasedStep[] = [{ number: 0, slug: slugs[0], status: 'base', conflicts: [], tree: applyOverlay(trees[0], overlay), build: [] }];
  for (let i = 1; i < slugs.length; i++) {
    const rr = replayStep(steps[i - 1].tree, trees[i - 1], trees[i], slugs[i]);
    steps.push({ number: i, slug: slugs[i], status: rr.conflicts.length ? 'conflict' : 'clean', conflicts: rr.conflicts, tree: rr.tree, build: [] });
  }
  return steps;
}

/**
 * Write stage trees beside this installation's kernel and slab glue (symlinks) so that their
 * relative imports resolve, preprocessed for one configuration. Returns the root.
 */
export function materialize(stages: readonly { slug: string; tree: Tree }[], defines: ReadonlySet<string>): string {
  const root = mkdtempSync(join(tmpdir(), 'slabseries-base-'));
  mkdirSync(join(root, 'src', 'stages'), { recursive: true });
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(join(SRC_DIR, 'kernel'), join(root, 'src', 'kernel'), 'dir');
  symlinkSync(join(SRC_DIR, 'slab'), join(root, 'src', 'slab'), 'dir');
  symlinkSync(join(SRC_DIR, 'harness'), join(root, 'src', 'harness'), 'dir');
  if (existsSync(join(ROOT_DIR, 'node_modules'))) symlinkSync(join(ROOT_DIR, 'node_modules'), join(root, 'node_modules'), 'dir');
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noImplicitOverride: true, noFallthroughCasesInSwitch: true, noUnusedLocals: true,
      esModuleInterop: true, skipLibCheck: true, allowImportingTsExtensions: true, noEmit: true, isolatedModules: true, verbatimModuleSyntax: true, types: ['node'],
    },
    include: ['src/stages'],
  };
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  for (const st of stages) {
    for (const [f, text] of st.tree) {
      const p = join(root, 'src', 'stages', st.slug, f);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f.endsWith('.ts') ? preprocess(text, defines) : text);
    }
  }
  return root;
}

/**
 * `tsc --noEmit` on the materialized roots, in one compiler process that checks each distinct file
 * once (src/bases/typecheck.ts). A root whose every file the cache has seen type-checked before is
 * not checked again (src/cache/builds.ts). Per root: errors by stage slug ('*' for an error outside
 * the stages).
 */
export function typecheckAll(roots: readonly string[], cache: BuildCache | null = null): Map<string, string[]>[] {
  const known = cachedTypechecks(roots, cache);
  if (known.todo.length) known.record(typecheckRoots(known.todo.map((i) => roots[i]), TYPESCRIPT, nodeModules()));
  return known.results();
}

/** A type-check of roots whose results are known now (the cache had them all) or later. */
export interface StartedTypecheck {
  pending: boolean;
  done: Promise<Map<string, string[]>[]>;
  cancel(): void;
}

/** typecheckAll() with the compiler (when the cache does not answer) in a process not waited for. */
export function startTypecheckAll(roots: readonly string[], cache: BuildCache | null = null): StartedTypecheck {
  const known = cachedTypechecks(roots, cache);
  if (!known.todo.length) return { pending: false, done: Promise.resolve(known.results()), cancel: () => {} };
  const run = startTypecheckRoots(known.todo.map((i) => roots[i]), TYPESCRIPT, nodeModules());
  return {
    pending: true,
    done: run.done.then((ran) => {
      known.record(ran);
      return known.results();
    }),
    cancel: run.cancel,
  };
}

const TYPESCRIPT = join(ROOT_DIR, 'node_modules', 'typescript');
const nodeModules = () => (existsSync(join(ROOT_DIR, 'node_modules')) ? join(ROOT_DIR, 'node_modules') : null);

/** What the cache knows of each root's type-check, which roots it does not (todo), and how to complete them. */
function cachedTypechecks(roots: readonly string[], cache: BuildCache | null) {
  const keys = cache ? roots.map((r) => cache.typecheckKey(r)) : [];
  const found: (TypecheckOutput | undefined)[] = roots.map((_, i) => cache?.typecheck(keys[i]));
  const todo = roots.flatMap((r, i) => (found[i] ? [] : [i]));
  return {
    todo,
    /** The compiler's results for the todo roots, in their order; kept in the cache. */
    record(ran: readonly { status: number | null; out: string }[]): void {
      todo.forEach((i, j) => {
        const { status, out } = ran[j];
        // A compiler that did not run to its end (no status) is not a result to keep.
        found[i] = { status: status ?? -1, out };
        if (cache && status !== null) cache.putTypecheck(keys[i], { status, out });
      });
    },
    results: (): Map<string, string[]>[] => found.map((res) => errorsByStage(res!)),
  };
}

/** tsc's output of one root as errors by stage slug ('*': an error outside the stages). */
function errorsByStage({ status, out: text }: TypecheckOutput): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^src\/stages\/([^/]+)\/(.*)$/.exec(line.trim());
    if (!m) continue;
    const list = out.get(m[1]) ?? [];
    list.push(m[2]);
    out.set(m[1], list);
  }
  if (status !== 0 && out.size === 0) out.set('*', [text.trim().split('\n')[0] ?? `tsc exited ${status}`]);
  return out;
}

/**
 * The materialized roots of the build configurations, by whether CONFIG_MEM_ALLOC_PROFILING_DEBUG is
 * set: a scenario runs on the build its config.profilingDebug selects (loadStage). Removed with
 * removeRoots() once the stages are loaded.
 */
export interface BuildRoots {
  debug: string;
  nodebug: string;
}

const isDebug = (cfg: { defines: ReadonlySet<string> }) => cfg.defines.has('CONFIG_MEM_ALLOC_PROFILING_DEBUG');

function rootsOf(roots: readonly string[]): BuildRoots {
  return { debug: roots[BUILD_CONFIGS.findIndex(isDebug)], nodebug: roots[BUILD_CONFIGS.findIndex((c) => !isDebug(c))] };
}

/** Write the stages for every build configuration (no type-check: for stages known to build). */
export function materializeAll(stages: readonly { slug: string; tree: Tree }[]): BuildRoots {
  return rootsOf(BUILD_CONFIGS.map((cfg) => materialize(stages, cfg.defines)));
}

/**
 * Build every step in every configuration (tsc --noEmit on each root); returns the roots, for
 * loading. The caller removes them with removeRoots() once loaded.
 */
export function buildAll(steps: readonly { slug: string; tree: Tree; build: BuildResult[] }[], cache: BuildCache | null = null): BuildRoots {
  const roots = BUILD_CONFIGS.map((cfg) => materialize(steps, cfg.defines));
  try {
    recordBuilds(steps, typecheckAll(roots, cache));
  } catch (e) {
    for (const r of roots) removeRoot(r);
    throw e;
  }
  return rootsOf(roots);
}

/**
 * buildAll() without waiting for the compiler: the roots at once, each step's `build` filled in when
 * `built` settles (already, when `pending` is false: the cache knew every result). The caller removes
 * the roots (they may go before `built` settles: the compiler reads copies) and cancels a build it no
 * longer waits for.
 */
export function startBuildAll(steps: readonly { slug: string; tree: Tree; build: BuildResult[] }[], cache: BuildCache | null = null): { roots: BuildRoots; pending: boolean; built: Promise<void>; cancel(): void } {
  const roots = BUILD_CONFIGS.map((cfg) => materialize(steps, cfg.defines));
  let check: StartedTypecheck;
  try {
    check = startTypecheckAll(roots, cache);
  } catch (e) {
    for (const r of roots) removeRoot(r);
    throw e;
  }
  const built = check.done.then((errors) => recordBuilds(steps, errors));
  return { roots: rootsOf(roots), pending: check.pending, built, cancel: check.cancel };
}

/** Each step's build result per configuration, from the type-check's errors by stage. */
function recordBuilds(steps: readonly { slug: string; build: BuildResult[] }[], errors: Map<string, string[]>[]): void {
  BUILD_CONFIGS.forEach((cfg, i) => {
    const errs = errors[i];
    for (const st of steps) {
      const e = [...(errs.get(st.slug) ?? []), ...(errs.get('*') ?? [])];
      st.build.push({ config: cfg.name, ok: e.length === 0, errors: e });
    }
  });
}

/** Remove a materialized root (its stages are loaded by then: loadStage() imports copies). */
export function removeRoot(root: string): void {
  if (root) rmSync(root, { recursive: true, force: true });
}
export function removeRoots(roots: BuildRoots): void {
  removeRoot(roots.debug);
  removeRoot(roots.nodebug);
}

/**
 * Load a rebased stage as export-git's trees are loaded: beside the running kernel and slab glue
 * (compiled when this runs from dist/), so that its locks are the kernel's own classes. Both builds
 * are loaded and each run boots the one its configuration selects: CONFIG_MEM_ALLOC_PROFILING_DEBUG is
 * a build option, and a scenario with profilingDebug false must not run code built with it (the
 * early-PFN recording, alloc_tag_add_early_pfn(), exists only in the DEBUG build). Without a build
 * for the scenario's configuration (a step that builds with DEBUG=y only), its runs are refused.
 */
export async function loadStage(roots: BuildRoots, slug: string, builds: { debug: boolean; nodebug: boolean } = { debug: true, nodebug: true }, cache: BuildCache | null = null): Promise<StageDescriptor> {
  const load = async (root: string) => {
    const stage = await loadTreeStage(join(root, 'src', 'stages', slug), { kernel: join(SRC_DIR, 'kernel'), slab: join(SRC_DIR, 'slab') }, cache);
    if (!stage) throw new Error(`${slug}: the rebased tree holds no stage`);
    return stage;
  };
  const debug = builds.debug ? await load(roots.debug) : null;
  const nodebug = builds.nodebug ? await load(roots.nodebug) : null;
  const any = (debug ?? nodebug)!;
  return {
    ...any,
    boot: (k) => {
      const st = k.config.profilingDebug ? debug : nodebug;
      if (!st) throw new Error(`${slug} does not build with CONFIG_MEM_ALLOC_PROFILING_DEBUG=${k.config.profilingDebug ? 'y' : 'n'}: a scenario with profilingDebug ${k.config.profilingDebug} cannot run on it`);
      return st.boot(k);
    },
  };
}

export function readOverlay(base: BaseDef): Tree {
  return base.overlay ? readTree(base.overlay) : new Map();
}
