// The metrics' parse cache: the plain-data syntax of one source file (src/metrics/model.ts
// FileSyntax) as the ts-morph adapter (src/metrics/syntax.ts) extracted it, stored under
// .slabseries-cache/syntax/ and keyed by the file's path and text and by the adapter's own code and
// ts-morph's version. A warm `metrics` neither loads ts-morph nor parses: loading and parsing were
// four fifths of its time. Entries carry a checksum like observations (src/cache/observations.ts):
// one that does not match or parse is ignored, recomputed and rewritten.
//
// The build keeps the parsed files of the `metrics` run it makes for TypeScript's compiled code
// (bin/build.mjs seedCodeCache(), dist/.code-cache/syntax/): a read-only second place looked in
// after the cache directory, so that a user's first `metrics` after `npm install` parses only the
// files edited since the build. Its entries are keyed like the cache's own, so a stale one is
// never read: it just misses.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileSyntax, FileSyntaxStore } from '../metrics/model.ts';
import { SEED_DIR } from './code-cache.ts';
import { cacheDir, entryPath, readEntry, sha256, writeEntry, type CacheStats } from './observations.ts';

const FORMAT = 'slabseries-syntax-cache/1';

/** The adapter's code (as this process runs it: src/*.ts or dist/*.js) and ts-morph's version. */
function adapterKey(): string {
  const here = fileURLToPath(import.meta.url);
  const ext = here.endsWith('.ts') ? '.ts' : '.js';
  const metrics = join(dirname(here), '..', 'metrics');
  const files = ['syntax', 'model'].map((f) => readFileSync(join(metrics, f + ext), 'utf8'));
  const tsMorph = (createRequire(import.meta.url)('ts-morph/package.json') as { version: string }).version;
  return sha256(JSON.stringify([FORMAT, tsMorph, ...files]));
}

export class SyntaxCache implements FileSyntaxStore {
  readonly stats: CacheStats = { hits: 0, misses: 0, corrupt: 0, writes: 0 };
  private readonly adapter = adapterKey();
  constructor(
    readonly dir: string = cacheDir(),
    /** The build's parsed files (read only; null: none), looked in when `dir` has no entry. */
    readonly seed: string | null = SEED_DIR,
  ) {}

  /** The last key made: put() follows a get() that missed, for the same file (metrics/syntax.ts parsedOnce()). */
  private last?: { path: string; text: string; key: string };

  private key(path: string, text: string): string {
    if (this.last?.path === path && this.last.text === text) return this.last.key;
    const key = sha256(JSON.stringify([this.adapter, path, text]));
    this.last = { path, text, key };
    return key;
  }

  get(path: string, text: string): FileSyntax | undefined {
    const key = this.key(path, text);
    const own = { misses: 0, corrupt: 0 };
    let got = readEntry<FileSyntax>(entryPath(this.dir, key, 'syntax'), own);
    // A damaged entry of the cache directory is counted as such even when the seed has the file.
    this.stats.corrupt += own.corrupt;
    if (!got && this.seed) got = readEntry<FileSyntax>(entryPath(this.seed, key, 'syntax'), { misses: 0, corrupt: 0 });
    if (got) this.stats.hits++;
    else this.stats.misses++;
    return got?.value;
  }

  put(path: string, text: string, f: FileSyntax): void {
    try {
      writeEntry(entryPath(this.dir, this.key(path, text), 'syntax'), f);
      this.stats.writes++;
    } catch {
      // An unwritable cache (a read-only checkout): metrics just parse again next time.
    }
  }
}
