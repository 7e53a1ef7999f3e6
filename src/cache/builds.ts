// The build layer of the result cache: what rebasing a series onto another base spends its time on
// besides running scenarios (check --base, explore --base, candidates --build, run --base).
//
//   * Type-check results: `tsc --noEmit` on a materialized build root (src/bases/rebase.ts), about
//     10 s for the two configurations of a series, keyed by the text of every file the compiler can
//     read there — the materialized stages, the shared kernel, slab glue and harness linked beside
//     them, the root's tsconfig — and by the installed packages (node_modules/.package-lock.json:
//     TypeScript's and @types/node's versions). One byte changed anywhere is another key.
//   * Transpiled JavaScript of a stage file loaded from a tree (src/export/tree-stage.ts), keyed by
//     the file's text, the compiler options and the installed packages: a rebased stage's files are
//     not the shipped ones, so without this every `run --base` loads TypeScript (about 1 s).
//
// Entries are a file each with their SHA-256 (readEntry/writeEntry): a corrupt entry is ignored and
// recomputed. --no-cache passes no BuildCache, and nothing is read or kept.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, entryPath, PROJECT_ROOT, readEntry, sha256, writeEntry, type CacheStats } from './observations.ts';
import { hashTree } from './files.ts';

const FORMAT = 'slabseries-build-cache/1';

/** What `tsc --noEmit -p ROOT` said: its exit status and its output. */
export interface TypecheckOutput {
  status: number;
  out: string;
}

/** The installed packages, as npm records them (missing: no packages installed, also a key). */
function installedPackages(): string {
  try {
    return readFileSync(join(PROJECT_ROOT, 'node_modules', '.package-lock.json'), 'utf8');
  } catch {
    return '';
  }
}

let shared: string | null = null;
/**
 * What every rebased stage runs with besides its own files, for rebasedStageKey(): the shared kernel,
 * slab glue and harness (the runner, the observation), the base machinery that preprocesses and
 * loads a rebased tree, and the Node version. Whole folders: coarse, so no import can escape it.
 */
function sharedRunDigest(): string {
  if (shared) return shared;
  const src = join(PROJECT_ROOT, 'src');
  const h = createHash('sha256').update(`${FORMAT}\0run\0${process.version}`);
  for (const d of ['kernel', 'slab', 'harness', 'bases']) hashTree(h, join(src, d), d);
  h.update('\0export/tree-stage.ts\0').update(readFileSync(join(src, 'export', 'tree-stage.ts')));
  return (shared = h.digest('hex'));
}

/**
 * The key of a rebased stage for the observation cache (src/cache/observations.ts keyOn()): the text
 * of its files after the rebase, which of its builds are loaded (a scenario runs the one its
 * configuration selects, and is refused without it), and sharedRunDigest().
 */
export function rebasedStageKey(tree: ReadonlyMap<string, string>, builds: { debug: boolean; nodebug: boolean }): string {
  const parts = [`${FORMAT}\0rebased-stage\0${sharedRunDigest()}\0debug=${builds.debug} nodebug=${builds.nodebug}`];
  for (const f of [...tree.keys()].sort()) parts.push(`\0${f}\0${sha256(tree.get(f)!)}`);
  return sha256(parts.join(''));
}

export class BuildCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, corrupt: 0, writes: 0 };
  private packages: string | null = null;
  constructor(readonly dir: string = cacheDir()) {}

  private installed(): string {
    return (this.packages ??= sha256(installedPackages()));
  }

  /** The key of a materialized build root: every file tsc can read there, and the packages. */
  typecheckKey(root: string): string {
    const h = createHash('sha256').update(`${FORMAT}\0typecheck-once\0${this.installed()}`);
    hashTree(h, root, '.');
    return h.digest('hex');
  }

  typecheck(key: string): TypecheckOutput | undefined {
    const got = readEntry<TypecheckOutput>(entryPath(this.dir, key, 'builds'), this.stats);
    if (got && typeof got.value?.status === 'number' && typeof got.value.out === 'string') {
      this.stats.hits++;
      return got.value;
    }
    return undefined;
  }

  putTypecheck(key: string, r: TypecheckOutput): void {
    this.store(key, r);
  }

  /** Keep an entry; a cache that cannot be written (SLABSERIES_CACHE_DIR anywhere) only costs time. */
  private store(key: string, value: unknown): void {
    try {
      writeEntry(entryPath(this.dir, key, 'builds'), value);
      this.stats.writes++;
    } catch {
      // not kept: the next run compiles again
    }
  }

  /** The JavaScript of one TypeScript file's text under `options` (the compiler's key), compiled by `compile` when not stored. */
  transpiled(text: string, options: string, compile: () => string): string {
    const key = sha256(`${FORMAT}\0transpile\0${this.installed()}\0${options}\0${text}`);
    const got = readEntry<{ js: string }>(entryPath(this.dir, key, 'builds'), this.stats);
    if (got && typeof got.value?.js === 'string') {
      this.stats.hits++;
      return got.value.js;
    }
    const js = compile();
    this.store(key, { js });
    return js;
  }
}
