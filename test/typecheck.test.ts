// src/bases/typecheck.ts type-checks the rebased stages' copies once each. What it reports per root
// must be what `tsc --noEmit -p ROOT` itself reports of that root's stage files: tsc is the reference.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startTypecheckRoots, typecheckRoots } from '../src/bases/typecheck.ts';

const ROOT = join(import.meta.dirname, '..');
const TYPESCRIPT = join(ROOT, 'node_modules', 'typescript');
const tmp: string[] = [];
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A root laid out as materialize() lays one out: stages beside a linked shared folder. */
function root(shared: string, stages: Record<string, Record<string, string>>): string {
  const r = mkdtempSync(join(tmpdir(), 'slabseries-typecheck-root-'));
  tmp.push(r);
  mkdirSync(join(r, 'src', 'stages'), { recursive: true });
  symlinkSync(shared, join(r, 'src', 'kernel'), 'dir');
  writeFileSync(join(r, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(r, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, noUnusedLocals: true, types: [], lib: ['ES2022'], skipLibCheck: true, module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true }, include: ['src/stages'] }));
  for (const [slug, files] of Object.entries(stages)) {
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(dirname(join(r, 'src', 'stages', slug, f)), { recursive: true });
      writeFileSync(join(r, 'src', 'stages', slug, f), text);
    }
  }
  return r;
}

const tsc = (r: string) => spawnSync(process.execPath, [join(TYPESCRIPT, 'bin', 'tsc'), '--noEmit', '-p', join(r, 'tsconfig.json')], { cwd: r, encoding: 'utf8' });

describe('type-checking each distinct file once', () => {
  it('reports for every root what tsc reports of it: a shared file\'s error for each copy, a copy whose import changed checked on its own', () => {
    const shared = mkdtempSync(join(tmpdir(), 'slabseries-typecheck-shared-'));
    tmp.push(shared);
    writeFileSync(join(shared, 'k.ts'), 'export const K: number = 1;\n');
    const v = "import { K } from '../../../kernel/k.ts';\nexport const v: number = K;\n";
    const user = "import { v } from './lib/v.ts';\nexport const w: number = v;\n";
    // TS2322 in a file every stage has the same, with the same imports.
    const bad = "export const e: string = 1;\n";
    const a = { 'lib/v.ts': v, 'user.ts': user, 'bad.ts': bad, 'lib.ts': 'export {};\n' };
    // Stage 03 changes lib/v.ts: user.ts has the same text there but now fails (TS2322 too).
    const changed = { ...a, 'lib/v.ts': "export const v: string = 'x';\n" };
    // A second root (as the other build configuration): 01 as in the first, 02 unused-local (TS6133),
    // 03 errors in lib.ts and lib/x.ts (tsc orders its output by path: "lib.ts" before "lib/x.ts").
    const r1 = root(shared, { '01-a': a, '02-a': a, '03-changed': changed });
    const r2 = root(shared, { '01-a': a, '02-unused': { ...a, 'user.ts': `${user}const unused = 1;\n` }, '03-order': { 'lib/x.ts': bad, 'lib.ts': bad } });
    const once = typecheckRoots([r1, r2], TYPESCRIPT, null);
    for (const [i, r] of [r1, r2].entries()) {
      const ref = tsc(r);
      expect(once[i].out).toBe(ref.stdout);
      expect(once[i].status).toBe(ref.status);
    }
    // What the reference said, so that the comparison above compares something.
    expect(once[0].out.match(/^src\/stages\/[^(]+/gm)).toEqual(['src/stages/01-a/bad.ts', 'src/stages/02-a/bad.ts', 'src/stages/03-changed/bad.ts', 'src/stages/03-changed/user.ts']);
    expect(once[1].out).toMatch(/^src\/stages\/02-unused\/user\.ts\(3,7\): error TS6133/m);
    expect(once[1].out.match(/^src\/stages\/03-order\/[^(]+/gm)).toEqual(['src/stages/03-order/lib.ts', 'src/stages/03-order/lib/x.ts']);
  });

  it('a clean root is status 0 with nothing printed, as tsc', () => {
    const shared = mkdtempSync(join(tmpdir(), 'slabseries-typecheck-shared-'));
    tmp.push(shared);
    writeFileSync(join(shared, 'k.ts'), 'export const K: number = 1;\n');
    const r = root(shared, { '01-ok': { 'a.ts': "import { K } from '../../kernel/k.ts';\nexport const n: number = K;\n" } });
    expect(typecheckRoots([r], TYPESCRIPT, null)).toEqual([{ status: 0, out: '' }]);
    const ref = tsc(r);
    expect([ref.status, ref.stdout]).toEqual([0, '']);
  });

  // check --base runs scenarios while the compiler works (src/cli/base-command.ts cmdBaseCheck).
  describe('without waiting for the compiler', () => {
    /** `f` with TMPDIR a new empty directory, returned with what f left in it. */
    async function inOwnTmp<T>(f: () => Promise<T>): Promise<{ value: T; left: string[] }> {
      const dir = mkdtempSync(join(tmpdir(), 'slabseries-typecheck-tmp-'));
      tmp.push(dir);
      const before = process.env.TMPDIR;
      process.env.TMPDIR = dir;
      try {
        const value = await f();
        return { value, left: readdirSync(dir) };
      } finally {
        // process.env turns undefined into the string "undefined".
        if (before === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = before;
      }
    }
    const roots = () => {
      const shared = mkdtempSync(join(tmpdir(), 'slabseries-typecheck-shared-'));
      tmp.push(shared);
      writeFileSync(join(shared, 'k.ts'), 'export const K: number = 1;\n');
      const ok = { 'a.ts': "import { K } from '../../kernel/k.ts';\nexport const n: number = K;\n" };
      return [root(shared, { '01-ok': ok, '02-bad': { ...ok, 'b.ts': 'export const e: string = 1;\n' } }), root(shared, { '01-ok': ok })];
    };

    it('reports what waiting reports, and leaves nothing behind once it has', async () => {
      const rs = roots();
      const { value, left } = await inOwnTmp(() => startTypecheckRoots(rs, TYPESCRIPT, null).done);
      expect(value).toEqual(typecheckRoots(rs, TYPESCRIPT, null));
      expect(value[0].out).toMatch(/^src\/stages\/02-bad\/b\.ts\(1,14\): error TS2322/m);
      expect(value[1]).toEqual({ status: 0, out: '' });
      expect(left).toEqual([]);
    });

    it('cancelled, leaves nothing behind at once (its caller may be about to exit)', async () => {
      const rs = roots();
      const { left } = await inOwnTmp(async () => {
        const run = startTypecheckRoots(rs, TYPESCRIPT, null);
        run.cancel();
        run.cancel();
      });
      expect(left).toEqual([]);
    });
  });
});

