// V8's compiled code for the large CommonJS files a command require()s: TypeScript's compiler (9 MB,
// through ts-morph) for `metrics` and `export-git`. Node 20 has no module.enableCompileCache() (Node
// 22.1 added it), so a cold `metrics` spent about 0.4 s compiling typescript.js and more warming its
// parser. This does for those files what Node 22's cache does: compile them through vm.Script with
// the code V8 serialised on an earlier run (after that run, so the functions it compiled lazily are
// in it), stored under .slabseries-cache/v8/.
//
// The cache can never change a result: it is compiled code for the same text. An entry is keyed by
// the file's path, length and stat identity (entryKey()) and by Node's version, architecture and V8
// flags; it carries a checksum of its bytes, checked before V8 sees them; V8 checks again and rejects
// data of another build or of a source of another length, and a rejected or damaged entry is compiled
// afresh and rewritten.

import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { constants, Script } from 'node:vm';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ts } from 'ts-morph';
import { mkdirLevels } from './files.ts';
import { cacheDir } from './observations.ts';

/** Only files this large are worth it (typescript.js is 9 MB, ts-morph.js 0.9 MB; most others are small). */
const MIN_BYTES = 256 * 1024;
const FORMAT = 'slabseries-v8-code/1';
const MAGIC = Buffer.from('SLBV8\n');

export interface CodeCacheStats {
  /** Files compiled from stored code. */
  hits: number;
  /** Files compiled from their text (no entry, or one V8 or the checksum rejected). */
  misses: number;
  /** Entries written (when the process exits). */
  writes: number;
}

type ModuleInternals = Module & { _compile(content: string, filename: string, ...rest: unknown[]): unknown };
const proto = Module.prototype as unknown as { _compile(this: ModuleInternals, content: string, filename: string, ...rest: unknown[]): unknown };
type Loader = (this: unknown, module: ModuleInternals, filename: string) => unknown;
const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;

/** Whether the package a file belongs to (its nearest package.json, as Node looks) declares ES modules. */
function inEsmPackage(filename: string): boolean {
  for (let dir = dirname(filename); ; dir = dirname(dir)) {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { type?: unknown }).type === 'module';
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(dir) === dir) return false;
    }
  }
}

/**
 * The text of a large CommonJS file of node_modules when it is all ASCII, read as Latin-1, else
 * undefined (Node reads it then). Node 20 decodes a file as UTF-8 at about 100 MB/s: typescript.js
 * (9 MB, all ASCII) took 80-96 ms to read that way and 2-12 ms as Latin-1, which for ASCII is the same
 * text (and has no byte-order mark to strip).
 */
function asciiText(filename: string): string | undefined {
  if (!filename.endsWith('.js') || !filename.includes(`${sep}node_modules${sep}`)) return undefined;
  try {
    if (statSync(filename).size < MIN_BYTES || inEsmPackage(filename)) return undefined;
    const bytes = readFileSync(filename);
    return isAscii(bytes) ? bytes.toString('latin1') : undefined;
  } catch {
    return undefined;
  }
}

const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest();

/**
 * The key of one source file: its path and length, Node's version and architecture, the process's
 * V8 options, and the file's identity as the kernel keeps it (device, inode, size, mtime, ctime).
 * Hashing the 9 MB of typescript.js instead cost a second read and 23 ms of SHA-256 on every
 * `metrics`, a fiftieth of the run. Any write to the file moves its ctime, which no one can set back
 * (npm's tarballs fix mtime, not ctime), and a reinstall makes a new inode: a changed file is a new
 * key, as git's index trusts stat data to tell it a file changed. Where stat fails, the text itself.
 */
function entryKey(filename: string, content: string): string {
  const h = createHash('sha256').update(JSON.stringify([FORMAT, process.version, process.arch, process.execArgv.filter((a) => a.startsWith('--') && !a.startsWith('--cpu-prof')), filename, content.length]));
  try {
    const st = statSync(filename, { bigint: true });
    h.update(JSON.stringify(['stat', st.dev, st.ino, st.size, st.mtimeNs, st.ctimeNs].map(String)));
  } catch {
    h.update(content);
  }
  return h.digest('hex');
}
/** Where the entry of a key is, under a cache directory (or the build's seed directory). */
const entryFile = (dir: string, key: string) => join(dir, 'v8', key.slice(0, 2), `${key}.bin`);

/**
 * The code the build stored (bin/build.mjs seedCodeCache(): one `metrics` run in a fresh process,
 * its v8/ entries kept under dist/.code-cache/), so that a first `metrics` after `npm install`, with
 * nothing in the project's cache yet, does not compile TypeScript's compiler from its text. Read
 * only; from src/ (the tests' transform) it is src/.code-cache/, which does not exist.
 */
export const SEED_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '.code-cache');

/** The stored code of an entry, or undefined when there is none or its checksum does not match. */
function readEntry(file: string): Buffer | undefined {
  let b: Buffer;
  try {
    b = readFileSync(file);
  } catch {
    return undefined;
  }
  const head = MAGIC.length + 32;
  if (b.length <= head || !b.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = b.subarray(head);
  return sha256(data).equals(b.subarray(MAGIC.length, head)) ? data : undefined;
}

function writeEntry(file: string, data: Buffer): void {
  mkdirLevels(dirname(file));
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat([MAGIC, sha256(data), data]));
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** What this process did with the code cache (tests; SLABSERIES_CACHE_STATS is not needed for it). */
export const codeCacheStats: CodeCacheStats = { hits: 0, misses: 0, writes: 0 };

/** Scripts compiled from their text, serialised when the process exits (so lazily compiled functions are in). */
const fresh: { script: Script; file: string }[] = [];
let exitHook = false;

/** Where the code cache is, and whether this call may add to it. */
export interface CodeCacheOptions {
  /** The cache directory (its v8/ holds the code); default the project's. */
  dir?: string;
  /**
   * Store what was compiled afresh (default true). False under a command's --no-cache, which keeps
   * nothing: stored code is still used, since it is compiled code and no result.
   */
  write?: boolean;
  /** A read-only directory of stored code to use where `dir` has none (requireTypeScript: SEED_DIR). */
  seed?: string;
}

/**
 * require() `id` as seen from `fromUrl` (an import.meta.url), compiling the large files of
 * node_modules it loads with V8's code cache. Only the files loaded during this call go through the
 * cache; anything required later is Node's business as usual. A cache that cannot be read or
 * written costs time, nothing else.
 */
export function requireCached<T>(fromUrl: string, id: string, opts: CodeCacheOptions = {}): T {
  const dir = opts.dir ?? cacheDir();
  const write = opts.write ?? true;
  // Node 22.1 and later have the same cache built in (for every module): use theirs.
  const builtIn = (Module as unknown as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (builtIn) {
    if (write) builtIn(join(dir, 'v8'));
    return createRequire(fromUrl)(id) as T;
  }
  const original = proto._compile;
  const originalJs = extensions['.js'];
  extensions['.js'] = function (module, filename) {
    const text = asciiText(filename);
    return text === undefined ? originalJs.call(this, module, filename) : module._compile(text, filename);
  };
  proto._compile = function (this: ModuleInternals, content: string, filename: string, ...rest: unknown[]) {
    // Node 20.19+ passes the format it loaded: an ES module (require(esm)) is Node's to compile.
    if (content.length < MIN_BYTES || !filename.includes(`${sep}node_modules${sep}`) || rest[0] === 'module') return original.call(this, content, filename, ...rest);
    const key = entryKey(filename, content);
    const file = entryFile(dir, key);
    const cachedData = readEntry(file) ?? (opts.seed ? readEntry(entryFile(opts.seed, key)) : undefined);
    // Module.wrap(): the function Node's own loader compiles, so the file sees exports, require,
    // module, __filename and __dirname as it would; import() inside it uses the main loader.
    const script = new Script(Module.wrap(content), { filename, cachedData, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
    if (cachedData && !script.cachedDataRejected) codeCacheStats.hits++;
    else {
      codeCacheStats.misses++;
      if (write) fresh.push({ script, file });
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...a: unknown[]) => unknown;
    const base = createRequire(filename);
    const require = Object.assign((req: string) => this.require(req), { resolve: base.resolve, cache: base.cache, extensions: base.extensions, main: base.main });
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
  try {
    return createRequire(fromUrl)(id) as T;
  } finally {
    proto._compile = original;
    extensions['.js'] = originalJs;
    if (fresh.length && !exitHook) {
      exitHook = true;
      process.once('exit', () => {
        for (const { script, file } of fresh.splice(0)) {
          try {
            writeEntry(file, script.createCachedData());
            codeCacheStats.writes++;
          } catch {
            // an unwritable cache: compiled again next time
          }
        }
      });
    }
  }
}

/**
 * The TypeScript compiler ts-morph ships (@ts-morph/common's bundled typescript.js: the `ts` that
 * ts-morph re-exports), through requireCached() and without ts-morph's own wrappers, which `metrics`
 * and `export-git` never use: in a fresh process that was 310 ms against 466 ms for require('ts-morph'),
 * and a first `metrics` with an empty cache directory 2.09 s against 2.33 s (medians of six).
 */
export function requireTypeScript(fromUrl: string, opts: CodeCacheOptions = {}): typeof ts {
  // Resolved from ts-morph's own folder: @ts-morph/common is its dependency, not ours.
  const tsMorph = pathToFileURL(createRequire(fromUrl).resolve('ts-morph')).href;
  return requireCached<typeof ts>(tsMorph, '@ts-morph/common/dist/typescript.js', { seed: SEED_DIR, ...opts });
}
