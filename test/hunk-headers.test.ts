// Hunk headers in patches/ name the enclosing function as git does with the TypeScript diff driver
// (xfuncname TS_FUNCNAME): checked against git itself on an export-git history, and the patches
// apply with `git am` onto the export's stage-00 (as the README says).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hunkFuncname, TS_FUNCNAME } from '../src/patches/funcname.ts';
import { exportClone } from './support/shared-export.ts';

const ROOT = join(import.meta.dirname, '..');
const PATCHES = join(ROOT, 'patches');
const git = (cwd: string, ...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });

describe('hunkFuncname', () => {
  const src = ['import { x } from "y";', '', 'export function alpha(a: number): void {', '  const b = 1;', '  if (a) {', '    b;', '  }', '}', '', 'const beta = (n: number) => {', '  return n;', '};', ''].join('\n');
  it('takes the nearest function line above the hunk in the old file', () => {
    expect(hunkFuncname('mm/x.ts', src, 6)).toBe('export function alpha(a: number): void {');
    expect(hunkFuncname('mm/x.ts', src, 11)).toBe('const beta = (n: number) => {');
    // the hunk's own first line is not searched: git starts at the line before it
    expect(hunkFuncname('mm/x.ts', src, 3)).toBe('');
    expect(hunkFuncname('mm/x.ts', src, 1)).toBe('');
    expect(hunkFuncname('mm/x.ts', null, 1)).toBe('');
  });
  it('cuts the line at 80 bytes and drops trailing blanks; non-TypeScript files use git\'s default rule', () => {
    const long = `function ${'a'.repeat(100)}() {\n  x;\n  y;\n`;
    expect(hunkFuncname('a.ts', long, 3)).toBe(`function ${'a'.repeat(71)}`);
    expect(hunkFuncname('a.ts', `function f(a,       \n  x;\n`, 3)).toBe('function f(a,');
    expect(hunkFuncname('README', 'Title line\n  indented\n', 3)).toBe('Title line');
    expect(hunkFuncname('a.ts', 'Title line\n  indented\n', 3)).toBe('');
  });
});

describe('patches/ and git', () => {
  let exp: string;
  beforeAll(async () => {
    // A clone of the run's export-git history (test/support/shared-export.ts): the tests below
    // change it (attributes, a branch, git am).
    exp = await exportClone();
  }, 300_000);

  it('every hunk header equals git format-patch with the TypeScript funcname pattern', () => {
    writeFileSync(join(exp, '.git', 'info', 'attributes'), '*.ts diff=typescript\n');
    const out = join(exp, '..', 'mails');
    const r = git(exp, '-c', `diff.typescript.xfuncname=${TS_FUNCNAME}`, 'format-patch', '-q', '-o', out, 'stage-00..stage-15');
    expect(r.status, r.stderr).toBe(0);
    const mails = readdirSync(out).sort();
    const ours = readdirSync(PATCHES).filter((f) => /^\d{4}-/.test(f) && !f.startsWith('0000-')).sort();
    expect(mails.length).toBe(ours.length);
    let named = 0;
    mails.forEach((m, i) => {
      const h = (t: string) => t.split('\n').filter((l) => l.startsWith('@@ '));
      const theirs = h(readFileSync(join(out, m), 'utf8'));
      const mine = h(readFileSync(join(PATCHES, ours[i]), 'utf8'));
      expect(mine, ours[i]).toEqual(theirs);
      named += mine.filter((l) => /@@ \S+.*$/.test(l.replace(/^@@ [^@]+ @@/, '@@'))).length;
    });
    expect(named).toBeGreaterThan(50); // the headers do name functions
  });

  it("git am applies patches/ (in the order of patches/series) onto the export's stage-00 and gives stage-15", () => {
    expect(git(exp, 'checkout', '-q', '-b', 'review', 'stage-00').status).toBe(0);
    const series = readFileSync(join(PATCHES, 'series'), 'utf8').split('\n').filter(Boolean).map((f) => join(PATCHES, f));
    const am = git(exp, 'am', '-q', ...series);
    expect(am.status, am.stderr).toBe(0);
    expect(git(exp, 'diff', '--stat', 'stage-15', 'HEAD').stdout).toBe('');
    expect(git(exp, 'rev-list', '--count', 'stage-00..HEAD').stdout.trim()).toBe(String(series.length));
  });
});
