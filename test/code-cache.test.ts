// V8's code cache for the large packages a command require()s (src/cache/code-cache.ts): a second
// process compiles them from the stored code, gets the same module, and a damaged entry is compiled
// afresh and rewritten. Each case is a fresh `node` (a module is compiled once per process) loading
// the compiled module from dist/ (brought up to date by the global setup).
import { spawnSync } from 'node:child_process';
import Module from 'node:module';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { seedCodeCache } from '../bin/build.mjs';

const ROOT = join(import.meta.dirname, '..');
const MODULE = pathToFileURL(join(ROOT, 'dist', 'cache', 'code-cache.js')).href;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** In a fresh node: require ts-morph through the cache under `dir`, parse a line, report stats at exit. */
function load(dir: string, write = true): { stats: { hits: number; misses: number; writes: number }; version: string; kinds: string } {
  const script = `
    import { requireCached, codeCacheStats } from ${JSON.stringify(MODULE)};
    const { ts } = requireCached(${JSON.stringify(pathToFileURL(join(ROOT, 'package.json')).href)}, 'ts-morph', { dir: ${JSON.stringify(dir)}, write: ${write} });
    const sf = ts.createSourceFile('a.ts', 'const x: number = f(1) + 2;', ts.ScriptTarget.ES2022, true);
    const kinds = [];
    const walk = (n) => { kinds.push(ts.SyntaxKind[n.kind]); ts.forEachChild(n, walk); };
    walk(sf);
    process.on('exit', () => process.stdout.write(JSON.stringify({ stats: codeCacheStats, version: ts.version, kinds: kinds.join(' ') })));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

const entries = (dir: string) => readdirSync(join(dir, 'v8'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.bin'));

// Node 22.1+ has its own (module.enableCompileCache()), which requireCached() then uses instead.
describe.runIf(!('enableCompileCache' in Module))('code cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slabseries-code-cache-'));
  dirs.push(dir);
  let first: ReturnType<typeof load>;

  it('compiles from the text the first time and stores the code at exit', () => {
    first = load(dir);
    // typescript.js (9 MB) at least; every file compiled afresh is written.
    expect(first.stats.hits).toBe(0);
    expect(first.stats.misses).toBeGreaterThanOrEqual(1);
    expect(first.stats.writes).toBe(first.stats.misses);
    expect(entries(dir)).toHaveLength(first.stats.misses);
    // The parser works: the statement's syntax, as TypeScript names its node kinds.
    expect(first.kinds).toContain('VariableDeclaration');
    expect(first.kinds).toContain('BinaryExpression');
    expect(first.kinds).toContain('CallExpression');
  });

  it('without writing (a --no-cache command) nothing is stored', () => {
    const empty = mkdtempSync(join(tmpdir(), 'slabseries-code-cache-nowrite-'));
    dirs.push(empty);
    const r = load(join(empty, 'cache'), false);
    expect(r.stats.misses).toBeGreaterThanOrEqual(1);
    expect(r.stats.writes).toBe(0);
    expect(readdirSync(empty)).toEqual([]);
  });

  it('a second process compiles from the stored code and gets the same module', () => {
    const second = load(dir);
    expect(second.stats).toEqual({ hits: first.stats.misses, misses: 0, writes: 0 });
    expect(second.version).toBe(first.version);
    expect(second.kinds).toBe(first.kinds);
    // The same TypeScript as a plain require() of ts-morph gives.
    const plain = spawnSync(process.execPath, ['-p', "require('ts-morph').ts.version"], { cwd: ROOT, encoding: 'utf8' });
    expect(second.version).toBe(plain.stdout.trim());
  });

  it('a damaged entry is not given to V8: compiled afresh and rewritten', () => {
    const [name] = entries(dir).sort((a, b) => readFileSync(join(dir, 'v8', b)).length - readFileSync(join(dir, 'v8', a)).length);
    const file = join(dir, 'v8', name);
    const bytes = readFileSync(file);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(file, bytes);
    const third = load(dir);
    expect(third.stats.misses).toBe(1);
    expect(third.stats.writes).toBe(1);
    expect(third.kinds).toBe(first.kinds);
    expect(load(dir).stats.misses).toBe(0);
  });

  // Entries are keyed by the file's stat identity, not a hash of its 9 MB (entryKey()): an edit that
  // keeps the length and even the mtime (npm's tarballs fix mtimes) must still not be given the old
  // code, which V8 would accept, since it checks only the source's length.
  /** A package of one file, node_modules/big/index.js, in a fresh directory: its file and its loader. */
  function bigPackage(pkg: object = {}) {
    const root = mkdtempSync(join(tmpdir(), 'slabseries-code-cache-pkg-'));
    dirs.push(root);
    const file = join(root, 'node_modules', 'big', 'index.js');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(join(dirname(file), 'package.json'), JSON.stringify({ name: 'big', ...pkg }));
    /** In a fresh node: what requireCached() and a plain require() of it give (value, or the error's code). */
    const load = (): { stats: { hits: number; misses: number }; value?: string; error?: string; plain: { value?: string; error?: string } } => {
      const script = `
        import { createRequire } from 'node:module';
        import { requireCached, codeCacheStats } from ${JSON.stringify(MODULE)};
        const from = ${JSON.stringify(pathToFileURL(join(root, 'main.js')).href)};
        const get = (f) => { try { return { value: f() }; } catch (e) { return { error: e.code ?? String(e) }; } };
        // Plain first, and out of require's cache again, so that requireCached() loads the file itself.
        const plain = get(() => {
          const req = createRequire(from);
          const value = req('big');
          delete req.cache[req.resolve('big')];
          return value;
        });
        const cached = get(() => requireCached(from, 'big', { dir: ${JSON.stringify(join(root, 'cache'))} }));
        process.on('exit', () => process.stdout.write(JSON.stringify({ stats: codeCacheStats, ...cached, plain })));
      `;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout);
    };
    return { file, load };
  }
  // Over the 256 KiB below which requireCached() leaves a file to Node; exports its first characters.
  const bigText = (c: string) => `module.exports = ${JSON.stringify(c.repeat(300 * 1024))}.slice(0, 2);\n`;

  // Entries are keyed by the file's stat identity, not a hash of its 9 MB (entryKey()): an edit that
  // keeps the length and even the mtime (npm's tarballs fix mtimes) must still not be given the old
  // code, which V8 would accept, since it checks only the source's length.
  it('a file rewritten with other text of the same length and mtime is compiled from its new text', () => {
    const { file, load } = bigPackage();
    // As npm unpacks a package: every file's mtime 1985-10-26 08:15 UTC.
    const NPM_MTIME = 499162500;
    writeFileSync(file, bigText('a'));
    utimesSync(file, NPM_MTIME, NPM_MTIME);
    const before = statSync(file);
    expect(load()).toMatchObject({ stats: { hits: 0, misses: 1 }, value: 'aa' });
    expect(load()).toMatchObject({ stats: { hits: 1, misses: 0 }, value: 'aa' });
    writeFileSync(file, bigText('b'));
    utimesSync(file, NPM_MTIME, NPM_MTIME);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(file).size).toBe(before.size);
    expect(load()).toMatchObject({ stats: { hits: 0, misses: 1 }, value: 'bb' });
    expect(load()).toMatchObject({ stats: { hits: 1, misses: 0 }, value: 'bb' });
  });

  // An all-ASCII file is read as Latin-1 (asciiText(): the same text, several times faster on Node
  // 20); any other byte and Node reads it as it always does.
  it('a large file with UTF-8 text gives the text a plain require gives, from its code too', () => {
    const { file, load } = bigPackage();
    writeFileSync(file, `// é\n${bigText('€')}`);
    expect(load()).toMatchObject({ stats: { hits: 0, misses: 1 }, value: '€€', plain: { value: '€€' } });
    expect(load()).toMatchObject({ stats: { hits: 1, misses: 0 }, value: '€€', plain: { value: '€€' } });
  });

  // Node 20.19 and later require() an ES module (its namespace), earlier ones refuse it
  // (ERR_REQUIRE_ESM): either way requireCached() must not compile it as CommonJS.
  it('a large .js file of an ES-module package gives what a plain require gives', () => {
    const { file, load } = bigPackage({ type: 'module' });
    writeFileSync(file, `export default ${JSON.stringify('a'.repeat(300 * 1024))}.slice(0, 2);\n`);
    const r = load();
    expect([{ value: { __esModule: true, default: 'aa' } }, { error: 'ERR_REQUIRE_ESM' }]).toContainEqual(r.plain);
    expect({ value: r.value, error: r.error }).toEqual({ value: undefined, error: undefined, ...r.plain });
  });

  // The build stores the code a `metrics` run compiled (bin/build.mjs seedCodeCache()), under the
  // CLI's V8 flags, for a first run whose cache directory is still empty.
  describe("the build's stored code (dist/.code-cache)", () => {
    const SEED = join(ROOT, 'dist', '.code-cache');
    /** In a fresh node with no options of its own, as bin/slabseries.mjs runs (options are in the key). */
    function loadTs(dir: string, seed?: string): { hits: number; misses: number; writes: number } {
      const file = join(mkdtempSync(join(tmpdir(), 'slabseries-code-seed-')), 'load.mjs');
      dirs.push(dirname(file));
      writeFileSync(
        file,
        `import ${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'cli', 'v8-flags.js')).href)};
        import { requireTypeScript, codeCacheStats } from ${JSON.stringify(MODULE)};
        const ts = requireTypeScript(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'metrics', 'syntax.js')).href)}, { dir: ${JSON.stringify(dir)}${seed ? `, seed: ${JSON.stringify(seed)}` : ''} });
        ts.createSourceFile('a.ts', 'const x = 1;', ts.ScriptTarget.ES2022);
        process.on('exit', () => process.stdout.write(JSON.stringify(codeCacheStats)));`,
      );
      const r = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout);
    }

    it('is used by a first run with an empty cache directory, which then stores nothing', () => {
      // Made by the build (or the tests' global setup) and not made again while nothing it depends on changed.
      expect(seedCodeCache()).toBe(false);
      expect(readdirSync(join(SEED, 'v8'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
      const empty = mkdtempSync(join(tmpdir(), 'slabseries-code-seed-empty-'));
      dirs.push(empty);
      expect(loadTs(join(empty, 'cache'))).toEqual({ hits: 1, misses: 0, writes: 0 });
      expect(readdirSync(empty)).toEqual([]);
    });

    // ... and the parsed stage files of that run and of one for v3 (src/cache/syntax.ts): a first
    // `metrics` of either series in an empty cache directory parses nothing, so stores nothing.
    it("holds the parsed stage files: a first metrics of either series parses none (stores nothing)", () => {
      expect(readdirSync(join(SEED, 'syntax'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).length).toBeGreaterThan(0);
      for (const series of ['rfc', 'v3']) {
        const empty = mkdtempSync(join(tmpdir(), 'slabseries-syntax-seed-empty-'));
        dirs.push(empty);
        const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'metrics', '--series', series, '--json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SLABSERIES_CACHE_DIR: join(empty, 'cache') }, maxBuffer: 1 << 26 });
        expect(r.status, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout).stages.length).toBe(16);
        expect(existsSync(join(empty, 'cache', 'syntax')), series).toBe(false);
      }
    });

    it('a damaged stored entry is compiled afresh into the cache directory, the seed left as it is', () => {
      const copy = mkdtempSync(join(tmpdir(), 'slabseries-code-seed-copy-'));
      dirs.push(copy);
      cpSync(SEED, copy, { recursive: true });
      const [name] = readdirSync(join(copy, 'v8'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.bin'));
      const bytes = readFileSync(join(copy, 'v8', name));
      bytes[bytes.length >> 1] ^= 0xff;
      writeFileSync(join(copy, 'v8', name), bytes);
      const dir = join(copy, 'cache');
      expect(loadTs(dir, join(copy))).toEqual({ hits: 0, misses: 1, writes: 1 });
      expect(readFileSync(join(copy, 'v8', name)).equals(bytes)).toBe(true);
      // The next run finds the cache directory's own entry.
      expect(loadTs(dir, join(copy))).toEqual({ hits: 1, misses: 0, writes: 0 });
    });
  });

  it.runIf(process.getuid?.() !== 0)('an unwritable cache costs time only', () => {
    const ro = mkdtempSync(join(tmpdir(), 'slabseries-code-cache-ro-'));
    dirs.push(ro);
    chmodSync(ro, 0o500);
    const r = load(ro);
    expect(r.stats.writes).toBe(0);
    expect(r.kinds).toBe(first.kinds);
  });

  it('a cache directory that is a file costs time only', () => {
    const parent = mkdtempSync(join(tmpdir(), 'slabseries-code-cache-file-'));
    dirs.push(parent);
    const notDir = join(parent, 'cache');
    writeFileSync(notDir, 'not a directory');
    const r = load(notDir);
    expect(r.stats.misses).toBeGreaterThanOrEqual(1);
    expect(r.stats.writes).toBe(0);
    expect(r.kinds).toBe(first.kinds);
    expect(readFileSync(notDir, 'utf8')).toBe('not a directory');
  });
});
