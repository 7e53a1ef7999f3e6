// The result cache, as git-test keeps results by tree: the observation of one scenario on one stage,
// stored under .slabseries-cache/ and keyed by everything that can change it:
//
//   * the text of every source file the run executes: the stage's files and, following relative
//     imports, the shared kernel, the stage glue and interface, the runner and what it imports
//     (found from src/stages/<slug>/index.ts and src/harness/runner.ts, so moving or splitting a
//     file changes the key rather than escaping it);
//   * the loaded scenario (its normalised JSON);
//   * the build's compiler options, the Node version and this cache's format version.
//
// Editing one stage changes only that stage's keys: the next check re-runs its scenarios, and the
// two steps that compare it are judged afresh (judgements are cached too, keyed by the two
// observations' keys, the step's claim and the judge's code: src/cache/judgements.ts). Each entry
// carries the SHA-256 of its body: an entry that does not match (or does not parse) is ignored,
// recomputed and rewritten. Observations and judgements are appended to packs (src/cache/packs.ts:
// thousands of small files cost more than the runs); the few other entries (parsed files, stored
// reports) are a file each, written to a temporary file renamed into place.

import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Observation as GenericObservation } from '../harness/domain.ts';
import type { Slab } from '../slab/observation.ts';
import type { SlabScenario as Scenario } from '../slab/scenario.ts';
import { mkdirLevels, sha256 } from './files.ts';
import { packStore, PackStore } from './packs.ts';

type Observation = GenericObservation<Slab>;

const FORMAT = 'slabseries-observation-cache/1';

/** The project root: two levels above this file (src/cache/ or dist/cache/). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the cache lives: $SLABSERIES_CACHE_DIR, or .slabseries-cache/ in the project root. */
export function cacheDir(root = PROJECT_ROOT): string {
  return process.env.SLABSERIES_CACHE_DIR ? resolve(process.env.SLABSERIES_CACHE_DIR) : join(root, '.slabseries-cache');
}

export { sha256 };

const IMPORT_RE = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every source file reachable from `entries` by relative imports (static, dynamic and type-only). */
export function sourceClosure(entries: readonly string[], read: (p: string) => string, exists: (p: string) => boolean = existsSync): string[] {
  const seen = new Set<string>();
  const todo = entries.map((e) => resolve(e));
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const m of read(f).matchAll(IMPORT_RE)) {
      const target = resolve(dirname(f), m[1]);
      if (exists(target)) todo.push(target);
    }
  }
  return [...seen].sort();
}

/** Computes keys: one per stage (its code closure), combined with the scenario's. */
export class CacheKeys {
  // The stages share most of their closure (the kernel, the glue, the runner): each file is read,
  // looked for and hashed once per process, and a stage's key hashes the files' digests.
  private readonly texts = new Map<string, string>();
  private readonly digests = new Map<string, string>();
  private readonly found = new Map<string, boolean>();
  private readonly stageKeys = new Map<string, string>();
  private readonly scenarioTexts = new WeakMap<Scenario, string>();
  private readonly read = (p: string): string => {
    let t = this.texts.get(p);
    if (t === undefined) {
      t = readFileSync(p, 'utf8');
      this.texts.set(p, t);
    }
    return t;
  };
  private readonly exists = (p: string): boolean => {
    let e = this.found.get(p);
    if (e === undefined) this.found.set(p, (e = existsSync(p)));
    return e;
  };
  private digest(p: string): string {
    let d = this.digests.get(p);
    if (d === undefined) this.digests.set(p, (d = sha256(this.read(p))));
    return d;
  }

  /** stagesDir: the folder of the series' stages (each series has its own). */
  constructor(
    private readonly root: string = PROJECT_ROOT,
    private readonly stagesDir: string = join(PROJECT_ROOT, 'src', 'stages'),
  ) {}

  /** The key of everything a run of this stage executes; null when its sources are not there. */
  stageKey(slug: string): string | null {
    let k = this.stageKeys.get(slug);
    if (k !== undefined) return k;
    const src = join(this.root, 'src');
    // The stage, and the domain that runs it (machine, observation, judge …), with what they import.
    const entries = [join(this.stagesDir, slug, 'index.ts'), join(src, 'harness', 'runner.ts'), join(src, 'slab', 'domain.ts')];
    if (!entries.every(this.exists)) return null;
    const h = createHash('sha256');
    h.update(`${FORMAT}\0${process.version}\0${relative(this.root, this.stagesDir).split(sep).join('/')}\0`);
    const tsconfig = join(this.root, 'tsconfig.build.json');
    h.update(this.exists(tsconfig) ? this.read(tsconfig) : '');
    for (const f of sourceClosure(entries, this.read, this.exists)) h.update(`\0${relative(this.root, f).split(sep).join('/')}\0${this.digest(f)}`);
    k = h.digest('hex');
    this.stageKeys.set(slug, k);
    return k;
  }

  key(slug: string, sc: Scenario): string | null {
    const s = this.stageKey(slug);
    return s === null ? null : this.keyOn(s, sc);
  }

  /** The key of a run of `sc` on the stage whose key is `stageKey` (stageKey(), or a rebased stage's: src/cache/builds.ts). */
  keyOn(stageKey: string, sc: Scenario): string {
    let text = this.scenarioTexts.get(sc);
    if (text === undefined) {
      const { file: _file, ...content } = sc;
      this.scenarioTexts.set(sc, (text = JSON.stringify(content)));
    }
    return sha256(`${stageKey}\0${text}`);
  }
}

export interface CacheStats {
  /** Observations taken from the cache instead of being run (counted by the caller). */
  hits: number;
  misses: number;
  /** Entries that were present but did not match their checksum or did not parse. */
  corrupt: number;
  writes: number;
}

export class ObservationCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, corrupt: 0, writes: 0 };
  private readonly store: PackStore;
  constructor(readonly dir: string = cacheDir()) {
    this.store = packStore(dir, 'observations');
  }

  /** An entry exists (whether it is intact is found out when it is read). */
  has(key: string): boolean {
    return this.store.has(key);
  }

  get(key: string): Observation | undefined {
    return this.read(key)?.obs;
  }

  /** The entry's observation and the length of its JSON, or undefined (missing, corrupt). */
  read(key: string): { obs: Observation; size: number } | undefined {
    const got = this.store.read<Observation>(key, this.stats);
    return got && { obs: got.value, size: got.size };
  }

  /** Store an observation; returns the length of its JSON. */
  put(key: string, obs: Observation): number {
    const n = this.store.write(key, obs);
    this.stats.writes++;
    return n;
  }
}

/**
 * Read one entry: its value and the length of its JSON, or undefined when it is missing, does not
 * match its checksum or does not parse (counted in `stats`).
 */
export function readEntry<V>(path: string, stats: { misses: number; corrupt: number }): { value: V; size: number } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    stats.misses++;
    return undefined;
  }
  // The checksum is of the body's bytes, hashed as read (no second UTF-8 encoding of the text).
  const nl = bytes.indexOf(10);
  if (nl !== 64 || bytes.toString('latin1', 0, 64) !== createHash('sha256').update(bytes.subarray(65)).digest('hex')) {
    stats.corrupt++;
    stats.misses++;
    return undefined;
  }
  const body = bytes.toString('utf8', 65);
  try {
    return { value: JSON.parse(body) as V, size: body.length };
  } catch {
    stats.corrupt++;
    stats.misses++;
    return undefined;
  }
}

/**
 * Directories this process has made (or found) already: one mkdir per directory rather than per
 * entry (metadata calls are slow on a loaded machine; writing off-thread measured slower still).
 */
const madeDirs = new Set<string>();
function ensureDir(dir: string): void {
  if (madeDirs.has(dir)) return;
  mkdirLevels(dir);
  madeDirs.add(dir);
}

/** A new file of these buffers in order, without joining them first. */
function writeBuffers(file: string, parts: Buffer[]): void {
  const fd = openSync(file, 'w');
  try {
    // writeSync() may write less than asked (as writeFileSync() loops).
    for (const b of parts) for (let at = 0; at < b.length; ) at += writeSync(fd, b, at);
  } finally {
    closeSync(fd);
  }
}

/** Write one entry atomically: checksum line, then the value's JSON (an observation, a judgement). */
export function writeEntry(path: string, value: unknown): number {
  const body = JSON.stringify(value);
  // Encoded once, hashed and written as bytes: the checksum is of the UTF-8 that readEntry() hashes
  // again (a parsed file's syntax is 180 KB; a first `metrics` writes 5.7 MB of them).
  const bytes = Buffer.from(body, 'utf8');
  const parts = [Buffer.from(`${createHash('sha256').update(bytes).digest('hex')}\n`), bytes];
  ensureDir(dirname(path));
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeBuffers(tmp, parts);
  } catch {
    // The directory may have gone since it was made (a cache clear meanwhile): make it again.
    madeDirs.delete(dirname(path));
    ensureDir(dirname(path));
    writeBuffers(tmp, parts);
  }
  renameSync(tmp, path);
  return body.length;
}

/** The file of a parsed-file, stored-report or build entry (observations and judgements are packed). */
export function entryPath(dir: string, key: string, kind: Exclude<CachePart, 'observations' | 'judgements' | 'v8'>): string {
  return join(dir, kind, key.slice(0, 2), `${key}.json`);
}

export type CacheCounts = { observations: number; judgements: number; syntax: number; checks: number; builds: number; code: number };

/** Where each kind of entry lives in the cache directory, and how its entry files end. */
const ENTRY_FILES = [['syntax', 'syntax', '.json'], ['checks', 'checks', '.json'], ['builds', 'builds', '.json'], ['code', 'v8', '.bin']] as const;

/** What the cache holds: entries and bytes on disk of each kind (slabseries cache stats, and clearCache's count). */
export function cacheContents(dir: string = cacheDir()): { entries: CacheCounts; bytes: CacheCounts } {
  const entries: CacheCounts = { observations: 0, judgements: 0, syntax: 0, checks: 0, builds: 0, code: 0 };
  const bytes: CacheCounts = { ...entries };
  if (!existsSync(dir)) return { entries, bytes };
  const size = (p: string) => {
    try {
      return statSync(p).size;
    } catch {
      return 0;
    }
  };
  // A fresh store, not this thread's: it counts what is on disk now.
  for (const kind of ['observations', 'judgements'] as const) {
    entries[kind] = new PackStore(join(dir, kind)).keys().length;
    if (existsSync(join(dir, kind))) for (const f of readdirSync(join(dir, kind))) bytes[kind] += size(join(dir, kind, f));
  }
  // Entry files in two-character fan-out folders; v8/ holds V8's compiled code (src/cache/code-cache.ts).
  for (const [kind, sub, ext] of ENTRY_FILES) {
    const at = join(dir, sub);
    if (!existsSync(at)) continue;
    for (const d of readdirSync(at, { withFileTypes: true })) {
      if (!d.isDirectory()) continue;
      for (const f of readdirSync(join(at, d.name))) {
        if (!f.endsWith(ext)) continue;
        entries[kind]++;
        bytes[kind] += size(join(at, d.name, f));
      }
    }
  }
  return { entries, bytes };
}

/** slabseries cache clear: remove the cache directory; returns how many entries of each kind it held. */
export function clearCache(dir: string = cacheDir()): CacheCounts {
  const n = cacheContents(dir).entries;
  if (!existsSync(dir)) return n;
  // Only what the cache writes: SLABSERIES_CACHE_DIR may name a directory that holds other things
  // too, and they are not the cache's to delete. The directory itself goes only once it is empty.
  for (const sub of CACHE_PARTS) rmSync(join(dir, sub), { recursive: true, force: true });
  if (!readdirSync(dir).length) rmSync(dir, { recursive: true, force: true });
  return n;
}

/** The cache's own parts of its directory (everything it writes lives in one of them). */
export const CACHE_PARTS = ['observations', 'judgements', 'syntax', 'checks', 'builds', 'v8'] as const;
export type CachePart = (typeof CACHE_PARTS)[number];
