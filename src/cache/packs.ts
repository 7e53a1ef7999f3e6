// Packed cache entries, for the two kinds a check makes thousands of: observations and judgements.
// Creating a file per entry cost 0.27-0.47 ms on the reference machine, against 0.012 ms for
// appending the same 9 KB to a file already open (2,000 entries, 2026-12-04); a cold check writes
// 2 x 2,656 entries, and with one file each it took 5.7 s instead of 4.2 s without the cache. So each
// writer (a process, or a worker thread) appends its entries to files of its own:
//
//   <cache>/<kind>/<writer>.pack   the entries' JSON, each followed by a newline
//   <cache>/<kind>/<writer>.idx    one line per entry: key, offset, length in bytes, SHA-256 of the JSON
//
// Writers never share a file, so processes and threads need no lock, and a reader never sees half
// an entry: the index line is written after the entry. A reader loads every index once, and again
// when it misses a key (another writer may have added it meanwhile), reading only what each index
// gained; a line not yet ended by a newline waits for the next time. The same key may be in several
// packs (an entry written again after it was found corrupt; two processes that computed the same
// thing): the copy of the newest writer is tried first (a writer's name starts with the time it
// started), and a copy whose bytes do not match its checksum or do not parse is dropped and the
// next tried. A pack removed meanwhile (`cache clear`) is a miss; a writer whose pack was removed
// starts new files.

import { closeSync, fstatSync, openSync, readdirSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { mkdirLevels, sha256 } from './files.ts';

export type PackedKind = 'observations' | 'judgements';

interface Location {
  /** The writer's name: its files are <name>.pack and <name>.idx. */
  writer: string;
  offset: number;
  length: number;
  sha: string;
}

// An index line: "<key: 64 hex> <offset> <length> <sha256: 64 hex>".
const LINE_LENGTH_MIN = 64 + 1 + 1 + 1 + 1 + 1 + 64;
const HEX = /^[0-9a-f]{64}$/;

/** The index line text[at, nl), or null when it does not have the format. */
function parseLine(text: string, at: number, nl: number, writer: string): Location | null {
  const a = text.indexOf(' ', at);
  const b = a < 0 ? -1 : text.indexOf(' ', a + 1);
  const c = b < 0 ? -1 : text.indexOf(' ', b + 1);
  if (a !== at + 64 || c < 0 || nl - c - 1 !== 64 || b - a < 2 || c - b < 2) return null;
  const offset = digits(text, a + 1, b);
  const length = digits(text, b + 1, c);
  const sha = text.slice(c + 1, nl);
  if (offset < 0 || length < 0 || !HEX.test(sha) || !HEX.test(text.slice(at, a))) return null;
  return { writer, offset, length, sha };
}

/** The decimal number text[from, to) or -1. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** What reading an entry found: counted by the caller's stats as readEntry does. */
export interface ReadStats {
  misses: number;
  corrupt: number;
}

/** How many packs a store keeps open for reading at most. */
const READERS = 32;

export class PackStore {
  /** key → its copies, oldest writer first. */
  private readonly index = new Map<string, Location[]>();
  /** Index file name → how many of its bytes have been read. */
  private readonly consumed = new Map<string, number>();
  private loaded = false;
  private out: { name: string; pack: number; idx: number; offset: number; idxBytes: number } | null = null;
  /** Writer name → a descriptor of its pack kept open for reading (reader()). */
  private readonly readers = new Map<string, number>();

  /** maxBytes: what this kind's packs may hold before a new writer removes the oldest (prunePacks). */
  constructor(
    readonly dir: string,
    readonly maxBytes: number = packLimitBytes(basename(dir) === 'judgements' ? 'judgements' : 'observations'),
  ) {}

  /** An entry is known (whether it is intact is found out when it is read). */
  has(key: string): boolean {
    this.load();
    return this.index.has(key);
  }

  /** The entry's value and the length of its JSON, or undefined (missing, corrupt: counted). */
  read<V>(key: string, stats: ReadStats): { value: V; size: number } | undefined {
    this.load();
    let copies = this.index.get(key);
    if (!copies) {
      this.refresh();
      copies = this.index.get(key);
    }
    let corrupt = false;
    while (copies?.length) {
      const loc = copies[copies.length - 1];
      const body = this.body(loc);
      if (body !== null) {
        if (sha256(body) === loc.sha) {
          try {
            return { value: JSON.parse(body) as V, size: body.length };
          } catch {
            // a checksum of unparseable text: written so, or both damaged alike
          }
        }
        corrupt = true;
      }
      copies.pop();
    }
    this.index.delete(key);
    if (corrupt) stats.corrupt++;
    stats.misses++;
    return undefined;
  }

  /** Append an entry; returns the length of its JSON. Throws when the cache cannot be written. */
  write(key: string, value: unknown): number {
    const body = JSON.stringify(value);
    const bytes = Buffer.from(`${body}\n`, 'utf8');
    const out = this.writer();
    writeAll(out.pack, bytes);
    const loc: Location = { writer: out.name, offset: out.offset, length: bytes.length - 1, sha: sha256(body) };
    const line = Buffer.from(`${key} ${loc.offset} ${loc.length} ${loc.sha}\n`, 'latin1');
    writeAll(out.idx, line);
    out.offset += bytes.length;
    out.idxBytes += line.length;
    if (this.loaded) {
      this.add(key, loc);
      this.consumed.set(`${out.name}.idx`, out.idxBytes);
    }
    return body.length;
  }

  /** The keys with at least one copy (cache clear's count). */
  keys(): string[] {
    this.load();
    return [...this.index.keys()];
  }

  /** Close this store's files, the packs kept open for reading too (a worker thread's end: its descriptors belong to the process). */
  close(): void {
    for (const fd of this.readers.values()) closeSync(fd);
    this.readers.clear();
    if (!this.out) return;
    closeSync(this.out.pack);
    closeSync(this.out.idx);
    this.out = null;
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    this.refresh();
  }

  /** Read what every index gained since the last time. */
  private refresh(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.endsWith('.idx')).sort();
    } catch {
      return;
    }
    for (const n of names) {
      const from = this.consumed.get(n) ?? 0;
      let fd: number;
      try {
        fd = openSync(join(this.dir, n), 'r');
      } catch {
        continue;
      }
      try {
        const size = fstatSync(fd).size;
        if (size <= from) continue;
        const buf = Buffer.alloc(size - from);
        const got = readSync(fd, buf, 0, buf.length, from);
        const text = buf.toString('latin1', 0, got);
        const end = text.lastIndexOf('\n') + 1;
        const writer = n.slice(0, -'.idx'.length);
        // By hand rather than LINE.exec() on each line of split(): an index of 130,000 lines took
        // 1.0 s so and 0.42-0.52 s this way; a line that does not have the format is skipped all the same.
        for (let at = 0; at < end; ) {
          const nl = text.indexOf('\n', at);
          const loc = nl - at >= LINE_LENGTH_MIN ? parseLine(text, at, nl, writer) : null;
          if (loc) this.add(text.slice(at, at + 64), loc);
          at = nl + 1;
        }
        this.consumed.set(n, from + end);
      } finally {
        closeSync(fd);
      }
    }
  }

  private add(key: string, loc: Location): void {
    const copies = this.index.get(key);
    if (!copies) this.index.set(key, [loc]);
    else {
      copies.push(loc);
      if (copies.length > 1 && copies[copies.length - 2].writer > loc.writer) copies.sort((a, b) => (a.writer < b.writer ? -1 : a.writer > b.writer ? 1 : 0));
    }
  }

  /** The copy's text, or null when its pack is gone; a short read comes back short (corrupt). */
  private body(loc: Location): string | null {
    const fd = this.reader(loc.writer);
    if (fd === null) return null;
    const buf = Buffer.alloc(loc.length);
    const got = readSync(fd, buf, 0, loc.length, loc.offset);
    return buf.toString('utf8', 0, got);
  }

  /**
   * A descriptor of a writer's pack, kept open for the reads after it: `report` reads some 10,000
   * observations, and opening and closing the pack for each was 6% of its time (2026-12-06). Packs are
   * appended to, never rewritten, so a kept descriptor reads what a fresh one would; one whose file was
   * removed meanwhile (a pruning writer, `cache clear`) still reads the bytes it had, whose checksums hold.
   * At most READERS are kept, the oldest opened closed first.
   */
  private reader(writer: string): number | null {
    const kept = this.readers.get(writer);
    if (kept !== undefined) return kept;
    let fd: number;
    try {
      fd = openSync(join(this.dir, `${writer}.pack`), 'r');
    } catch {
      return null;
    }
    if (this.readers.size >= READERS) {
      const [oldest, ofd] = this.readers.entries().next().value as [string, number];
      this.readers.delete(oldest);
      closeSync(ofd);
    }
    this.readers.set(writer, fd);
    return fd;
  }

  private writer(): NonNullable<PackStore['out']> {
    if (this.out && fstatSync(this.out.pack).nlink > 0) return this.out;
    this.close();
    mkdirLevels(this.dir);
    prunePacks(this.dir, this.maxBytes);
    const name = `${Date.now().toString(36).padStart(9, '0')}-${process.pid}-${threadId}-${Math.random().toString(36).slice(2, 8)}`;
    const pack = openSync(join(this.dir, `${name}.pack`), 'ax');
    let idx: number;
    try {
      idx = openSync(join(this.dir, `${name}.idx`), 'ax');
    } catch (e) {
      closeSync(pack);
      throw e;
    }
    this.out = { name, pack, idx, offset: 0, idxBytes: 0 };
    return this.out;
  }
}

/**
 * What the packed kinds may hold together by default, MiB: four fifths for the observations, a fifth
 * for the judgements (a full check of one series stores some 40 MB of the first, 12 MB of the second,
 * in entries a quarter the size). Nothing else bounds the cache: this checkout's had grown to 2.5 GB
 * of observations in 300,000 entries and 320 MB of judgements in 135,000 over a few days of work,
 * and loading their indexes took 2.2 s and 0.8 s of every command that missed the stored check report.
 */
export const DEFAULT_PACK_LIMIT_MB = 640;

/** This kind's share of SLABSERIES_CACHE_MAX_MB (checked by the CLI: cacheLimitProblem) or of the default, in bytes. */
export function packLimitBytes(kind: PackedKind): number {
  const v = process.env.SLABSERIES_CACHE_MAX_MB;
  const mb = v !== undefined && cacheLimitProblem(v) === null ? Number(v) : DEFAULT_PACK_LIMIT_MB;
  return Math.floor(mb * 1024 * 1024 * (kind === 'judgements' ? 0.2 : 0.8));
}

/** Why a SLABSERIES_CACHE_MAX_MB value is refused, or null. */
export function cacheLimitProblem(v: string): string | null {
  return /^[1-9]\d{0,6}$/.test(v.trim()) ? null : `SLABSERIES_CACHE_MAX_MB must be a whole number of MiB from 1 to 9999999, not ${JSON.stringify(v)}`;
}

/**
 * When a kind's packs hold more than `maxBytes`, remove the oldest writers' packs (a writer's name
 * starts with the time it started) until they hold at most three quarters of it, so that not every
 * run prunes. An entry removed so is a miss: run and stored again, by a newer writer. A reader that
 * still indexes a removed pack finds it gone (a miss); a writer whose pack was removed starts new
 * files. Returns how many writers' packs were removed.
 */
export function prunePacks(dir: string, maxBytes: number): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  const sizes = new Map<string, number>();
  let total = 0;
  for (const n of names) {
    const m = /^(.*)\.(pack|idx)$/.exec(n);
    if (!m) continue;
    let size = 0;
    try {
      size = statSync(join(dir, n)).size;
    } catch {
      continue;
    }
    sizes.set(m[1], (sizes.get(m[1]) ?? 0) + size);
    total += size;
  }
  if (total <= maxBytes) return 0;
  let removed = 0;
  for (const w of [...sizes.keys()].sort()) {
    if (total <= maxBytes * 0.75) break;
    for (const ext of ['idx', 'pack']) rmSync(join(dir, `${w}.${ext}`), { force: true });
    total -= sizes.get(w)!;
    removed++;
  }
  return removed;
}

function writeAll(fd: number, buf: Buffer): void {
  for (let at = 0; at < buf.length; ) at += writeSync(fd, buf, at, buf.length - at);
}

/** One store per cache directory and kind in each thread (its index, its writer). */
const stores = new Map<string, PackStore>();

export function packStore(cacheDir: string, kind: PackedKind): PackStore {
  const dir = join(resolve(cacheDir), kind);
  let s = stores.get(dir);
  if (!s) stores.set(dir, (s = new PackStore(dir)));
  return s;
}

/** Close every writer of this thread (a worker's last act). */
export function closePackWriters(): void {
  for (const s of stores.values()) s.close();
}
