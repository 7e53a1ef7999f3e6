// The check memo (src/cache/check-memo.ts): a whole `check` report stored by everything it depends
// on. It must never change what check prints, must notice a corrupted entry, and any changed input
// must be another key.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkMemoKey } from '../src/cache/check-memo.ts';

const ROOT = join(import.meta.dirname, '..');
const SCENARIO = join(ROOT, 'fixtures', 'scenarios', 'rfc06-weak-gfp-nested-sheaf-spins-later-caller-nests.json');

describe('the check memo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slabseries-memo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const check = (...args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'check', SCENARIO, '--stage', '06', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SLABSERIES_CACHE_DIR: dir, SLABSERIES_CACHE_STATS: '' } });
  const entries = (kind: string) => (existsSync(join(dir, kind)) ? readdirSync(join(dir, kind)).flatMap((d) => readdirSync(join(dir, kind, d)).map((f) => join(dir, kind, d, f))) : []);

  it('prints the stored report byte for byte, with the exit code, even with every run and judgement gone', () => {
    const cold = check('--json');
    expect(cold.status, cold.stderr).toBe(0);
    expect(entries('checks')).toHaveLength(1);
    // Without the memo this would have to run and judge again; with it nothing below is read.
    rmSync(join(dir, 'observations'), { recursive: true, force: true });
    rmSync(join(dir, 'judgements'), { recursive: true, force: true });
    const warm = check('--json');
    expect(warm.status).toBe(0);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.stderr).toBe('');
    expect(existsSync(join(dir, 'observations'))).toBe(false);
  });

  it('detects a corrupted report, checks again and stores it again', () => {
    const [entry] = entries('checks');
    const good = readFileSync(entry, 'utf8');
    const bad = good.replace('regressed', 'improved');
    expect(bad).not.toBe(good);
    writeFileSync(entry, bad);
    const again = check('--json');
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(check('--no-cache', '--json').stdout));
    expect(readFileSync(entry, 'utf8')).toBe(good);
    expect(existsSync(join(dir, 'observations'))).toBe(true);
  });

  it('is not used by --no-cache, --approve or with SLABSERIES_CACHE_STATS', () => {
    rmSync(join(dir, 'checks'), { recursive: true, force: true });
    check('--no-cache');
    const stats = spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'check', SCENARIO, '--stage', '06'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SLABSERIES_CACHE_DIR: dir, SLABSERIES_CACHE_STATS: '1' } });
    expect(stats.stderr).toMatch(/judgement cache: /);
    expect(entries('checks')).toHaveLength(0);
  });
});

describe('the check memo key', () => {
  // A small project: the key reads the source tree, the fixtures, the approvals and the build files.
  const root = mkdtempSync(join(tmpdir(), 'slabseries-memo-key-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const d of ['src/cli', 'bin', 'fixtures/scenarios', 'findings']) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'src', 'cli', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'fixtures', 'scenarios', 'x.json'), '{}\n');
  writeFileSync(join(root, 'findings', 'approved.json'), '[]\n');
  cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  const user = mkdtempSync(join(root, 'user-'));
  writeFileSync(join(user, 'mine.json'), '{"name":"mine"}\n');
  const key = (o: { argv?: string[]; args?: string[]; cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {}) => checkMemoKey(o.argv ?? ['check'], o.args ?? [], root, o.cwd ?? root, o.env ?? {}, o.tty ?? false);

  it('is the same for the same inputs', () => {
    expect(key()).toBe(key());
    expect(key({ args: ['user-x/mine.json'] })).toBe(key({ args: ['user-x/mine.json'] }));
  });

  it('changes with any source file, scenario, approval or build file', () => {
    const before = key();
    for (const [file, text] of [
      ['src/cli/a.ts', 'export const a = 2;\n'],
      ['src/cli/new.ts', '\n'],
      ['fixtures/scenarios/x.json', '{ }\n'],
      ['findings/approved.json', '[ ]\n'],
      ['tsconfig.build.json', '{}\n'],
    ]) {
      const p = join(root, file);
      const old = existsSync(p) ? readFileSync(p, 'utf8') : null;
      writeFileSync(p, text);
      expect(key(), file).not.toBe(before);
      if (old === null) rmSync(p);
      else writeFileSync(p, old);
      expect(key(), `${file} restored`).toBe(before);
    }
  });

  it("changes with the arguments, a scenario argument's content, the directory and what decides colour", () => {
    const rel = `${user.slice(root.length + 1)}/mine.json`;
    const base = key({ args: [rel] });
    expect(key({ argv: ['check', '--json'], args: [rel] })).not.toBe(base);
    expect(key({ args: [rel], cwd: user })).not.toBe(base);
    expect(key({ args: [rel], env: { NO_COLOR: '1' } })).not.toBe(base);
    expect(key({ args: [rel], tty: true })).not.toBe(base);
    writeFileSync(join(user, 'mine.json'), '{"name":"mine","x":1}\n');
    expect(key({ args: [rel] })).not.toBe(base);
    // A directory argument: its .json files' names and contents.
    const dirKey = key({ args: [user.slice(root.length + 1)] });
    writeFileSync(join(user, 'other.json'), '{}\n');
    expect(key({ args: [user.slice(root.length + 1)] })).not.toBe(dirKey);
  });

  it('does not read a FIFO or anything but a regular file (check itself refuses it)', () => {
    const fifo = join(user, 'pipe.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // Reading it would block this test until its timeout.
    expect(key({ args: [fifo] })).toMatch(/^[0-9a-f]{64}$/);
    expect(key({ args: [user] })).toMatch(/^[0-9a-f]{64}$/);
  });
});

// Stored reports are bounded (src/cache/check-memo.ts pruneCheckReports): the newest by modification
// time stay, and printing a report counts as using it.
describe('stored check reports', () => {
  it('keep the newest, and a report printed from the store is newer than one not asked for', async () => {
    const { pruneCheckReports, readCheckMemo, writeCheckMemo } = await import('../src/cache/check-memo.ts');
    const { utimesSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-memo-prune-'));
    try {
      const key = (i: number) => i.toString(16).padStart(64, '0');
      for (let i = 1; i <= 5; i++) writeCheckMemo(key(i), { code: 0, stdout: `report ${i}\n` }, dir);
      // Ages by hand (one minute apart, report 1 oldest), then report 2 printed from the store.
      for (let i = 1; i <= 5; i++) utimesSync(join(dir, 'checks', '00', `${key(i)}.json`), new Date(Date.now() - (10 - i) * 60_000), new Date(Date.now() - (10 - i) * 60_000));
      expect(readCheckMemo(key(2), dir)?.stdout).toBe('report 2\n');
      expect(pruneCheckReports(join(dir, 'checks'), 3)).toBe(2);
      expect(readdirSync(join(dir, 'checks', '00')).sort()).toEqual([key(2), key(4), key(5)].map((k) => `${k}.json`));
      expect(pruneCheckReports(join(dir, 'checks'), 3)).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
