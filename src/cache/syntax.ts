// The metrics' parse cache: the plain-data syntax of one source file (src/metrics/model.ts
// FileSyntax) as the ts-morph adapter (src/metrics/syntax.ts) extracted it, stored under
// .slabseries-cache/syntax/ and keyed by the file's path and text and by the adapter's own code and
// ts-morph's version. A warm `metrics` neither loads ts-morph nor parses: loading and parsing were
// four fifths of its time. Entries carry a checksum like observations (src/cache/observations.ts):
// one that does not match or parse is ignored, recomputed and rewritten.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileSyntax, FileSyntaxStore } from '../metrics/model.ts';
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
  constructor(readonly dir: string = cacheDir()) {}

  /** The last key made: put() follows a get() that missed, for the same file (metrics/syntax.ts parsedOnce()). */
  private last?: { path: string; text: string; key: string };

  private key(path: string, text: string): string {
    if (this.last?.path === path && this.last.text === text) return this.last.key;
    const key = sha256(JSON.stringify([this.adapter, path, text]));
    this.last = { path, text, key };
    return key;
  }

  get(path: string, text: string): FileSyntax | undefined {
    const got = readEntry<FileSyntax>(entryPath(this.dir, this.key(path, text), 'syntax'), this.stats);
    if (got) this.stats.hits++;
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
