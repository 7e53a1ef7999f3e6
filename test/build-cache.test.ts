// The build layer of the result cache (src/cache/builds.ts): type-check results of materialized
// build roots and transpiled stage files, keyed by content, never changing what a command prints.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildCache, rebasedStageKey } from '../src/cache/builds.ts';
import { typecheckAll } from '../src/bases/rebase.ts';

const ROOT = join(import.meta.dirname, '..');

/** Every entry file of the cache's build kind. */
const entryFiles = (dir: string): string[] => {
  const b = join(dir, 'builds');
  return existsSync(b) ? readdirSync(b).flatMap((d) => readdirSync(join(b, d)).map((f) => join(b, d, f))) : [];
};

/** A build root as materialize() lays one out: a tsconfig over src/stages, a shared folder linked in. */
function smallRoot(): { root: string; shared: string } {
  const root = mkdtempSync(join(tmpdir(), 'slabseries-build-cache-root-'));
  const shared = mkdtempSync(join(tmpdir(), 'slabseries-build-cache-shared-'));
  writeFileSync(join(shared, 'k.ts'), 'export const K: number = 1;\n');
  mkdirSync(join(root, 'src', 'stages', '01-x'), { recursive: true });
  symlinkSync(shared, join(root, 'src', 'kernel'), 'dir');
  // skipLibCheck as materialize() sets it, and only ES2022's lib: the compiler's start-up, not its
  // check of the DOM's declarations, is what each tsc run here costs (0.6 s instead of 1.9 s).
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [], lib: ['ES2022'], skipLibCheck: true, module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true }, include: ['src/stages'] }));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  // TS2322: a string is not assignable to number (a compile error every TypeScript reports).
  writeFileSync(join(root, 'src', 'stages', '01-x', 'a.ts'), "import { K } from '../../kernel/k.ts';\nexport const n: number = 'x';\nexport const m = K;\n");
  return { root, shared };
}

describe('build cache: type-check results', () => {
  it('are stored, read back instead of running tsc, and recomputed when a file (also behind a link) changes or an entry is corrupt', () => {
    const { root, shared } = smallRoot();
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-build-cache-'));
    try {
      const cold = new BuildCache(dir);
      const first = typecheckAll([root], cold);
      expect(first[0].get('01-x')?.[0]).toMatch(/^a\.ts\(2,14\): error TS2322/);
      expect(cold.stats).toMatchObject({ hits: 0, writes: 1 });
      // Without the cache: the same result.
      expect(typecheckAll([root])).toEqual(first);

      const warm = new BuildCache(dir);
      expect(typecheckAll([root], warm)).toEqual(first);
      expect(warm.stats).toMatchObject({ hits: 1, writes: 0 });

      // The shared folder is read through its link: fixing nothing there but changing it is another key.
      const before = warm.typecheckKey(root);
      writeFileSync(join(shared, 'k.ts'), 'export const K: string = "1";\n');
      expect(warm.typecheckKey(root)).not.toBe(before);
      writeFileSync(join(root, 'src', 'stages', '01-x', 'a.ts'), 'export const n: number = 1;\n');
      const edited = new BuildCache(dir);
      const fixed = typecheckAll([root], edited);
      expect(fixed[0].size).toBe(0);
      expect(edited.stats).toMatchObject({ hits: 0, writes: 1 });

      // A corrupt entry is not believed: it is type-checked again, with the same result, and rewritten.
      for (const f of entryFiles(dir)) writeFileSync(f, readFileSync(f, 'utf8').replace('"status":', '"status" :'));
      const again = new BuildCache(dir);
      expect(typecheckAll([root], again)).toEqual(fixed);
      expect(again.stats).toMatchObject({ hits: 0, corrupt: 1, writes: 1 });
    } finally {
      for (const d of [root, shared, dir]) rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('build cache: transpiled files', () => {
  it('compiles a text once per options, and again when the entry is corrupt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-build-cache-'));
    try {
      let compiled = 0;
      const compile = () => `// js ${++compiled}\n`;
      const c = new BuildCache(dir);
      expect(c.transpiled('const a = 1;', 'opts', compile)).toBe('// js 1\n');
      expect(new BuildCache(dir).transpiled('const a = 1;', 'opts', compile)).toBe('// js 1\n');
      expect(compiled).toBe(1);
      expect(c.transpiled('const a = 1;', 'other opts', compile)).toBe('// js 2\n');
      expect(c.transpiled('const a = 2;', 'opts', compile)).toBe('// js 3\n');
      for (const f of entryFiles(dir)) writeFileSync(f, readFileSync(f, 'utf8') + ' ');
      const d = new BuildCache(dir);
      expect(d.transpiled('const a = 1;', 'opts', compile)).toBe('// js 4\n');
      expect(d.stats).toMatchObject({ corrupt: 1, writes: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('run --base with the build cache', () => {
  it('prints the same observation cold, warm, with --no-cache and with an unwritable cache; warm transpiles nothing; --no-cache keeps nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-build-cache-cli-'));
    const none = join(dir, 'none');
    const run = (cacheDir: string, ...extra: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'run', join(ROOT, 'fixtures', 'mm-unstable', 'e1-first-early-allocation.json'), '--base', 'mm-unstable', '--stage', '14', '--json', ...extra], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, SLABSERIES_CACHE_DIR: cacheDir, SLABSERIES_CACHE_STATS: '1' },
      });
    try {
      const cold = run(dir);
      expect(cold.status).toBe(0);
      expect(cold.stderr).toMatch(/build cache: \d+ hit\(s\), [1-9]\d* built and stored/);
      const warm = run(dir);
      expect(warm.stderr).toMatch(/build cache: [1-9]\d* hit\(s\), 0 built and stored/);
      expect(warm.stdout).toBe(cold.stdout);
      const uncached = run(none, '--no-cache');
      expect(uncached.status).toBe(0);
      expect(uncached.stdout).toBe(cold.stdout);
      expect(uncached.stderr).not.toContain('build cache');
      expect(existsSync(none)).toBe(false);
      // A cache that cannot be written only costs time (it used to end in exit 2, "does not load").
      const unwritable = run('/proc/nonexistent/slabseries-cache');
      expect([unwritable.status, unwritable.stdout]).toEqual([0, cold.stdout]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rebasedStageKey (the observation cache key of a rebased stage)', () => {
  it('is the same for the same files and builds, and changes with any file, a file name or the builds loaded', () => {
    const tree = new Map([
      ['mm/slub.ts', 'export const a = 1;\n'],
      ['index.ts', 'export {};\n'],
    ]);
    const both = { debug: true, nodebug: true };
    const k = rebasedStageKey(tree, both);
    // Insertion order does not matter: the files are taken by name.
    expect(rebasedStageKey(new Map([...tree].reverse()), both)).toBe(k);
    expect(rebasedStageKey(new Map([...tree, ['mm/slub.ts', 'export const a = 2;\n']]), both)).not.toBe(k);
    expect(rebasedStageKey(new Map([['mm/slab.ts', 'export const a = 1;\n'], ['index.ts', 'export {};\n']]), both)).not.toBe(k);
    expect(rebasedStageKey(tree, { debug: true, nodebug: false })).not.toBe(k);
  });
});
