// bin/build.mjs on a project of its own (a copy of the script and the tsconfigs beside a tiny src/,
// the installed packages linked): what it writes and removes in dist/. Not on this checkout's src/,
// which the other test files are loading meanwhile.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(files: Record<string, string>): { root: string; build: () => { status: number | null; stdout: string; stderr: string } } {
  const root = mkdtempSync(join(tmpdir(), 'slabseries-build-'));
  dirs.push(root);
  cpSync(join(ROOT, 'bin', 'build.mjs'), join(root, 'bin', 'build.mjs'));
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'package.json']) cpSync(join(ROOT, f), join(root, f));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'src', f)), { recursive: true });
    writeFileSync(join(root, 'src', f), text);
  }
  const build = () => spawnSync(process.execPath, [join(root, 'bin', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  return { root, build };
}

describe('bin/build.mjs', () => {
  it('removes the output of a source that is gone, and the folders that leaves empty', () => {
    const { root, build } = project({ 'x.ts': 'export const x = 1;\n', 'stages/99-tmp/mm/slub.ts': 'export const y: number = 2;\n' });
    const first = build();
    expect([first.status, first.stderr]).toEqual([0, '']);
    expect(first.stdout).toMatch(/^dist\/: 2 file\(s\) compiled, 0 removed/);
    expect(existsSync(join(root, 'dist', 'stages', '99-tmp', 'mm', 'slub.js'))).toBe(true);
    rmSync(join(root, 'src', 'stages', '99-tmp'), { recursive: true });
    const second = build();
    expect([second.status, second.stderr]).toEqual([0, '']);
    expect(second.stdout).toMatch(/^dist\/: 0 file\(s\) compiled, 1 removed/);
    // Nothing of the stage is left, not even empty folders; dist/ and the other output stay.
    expect(readdirSync(join(root, 'dist'))).toEqual(['x.js']);
  });
});
