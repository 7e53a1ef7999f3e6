// The result cache (src/cache/observations.ts): a warm check prints exactly what a cold one does
// without running anything, a corrupted entry is detected and recomputed, and the keys follow the
// code a run executes: editing one stage changes that stage's keys only.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, appendFileSync, openSync, writeSync, closeSync, statSync, truncateSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CacheKeys, sourceClosure } from '../src/cache/observations.ts';
import { PackStore, prunePacks } from '../src/cache/packs.ts';
import { cellKey, judgeKey } from '../src/cache/judgements.ts';
import { stageInfos } from '../src/harness/series.ts';
import { rfc } from '../src/series/rfc/index.ts';
import { STAGES } from '../src/series/rfc/stages.ts';
import { loadScenarios } from '../src/cli/scenarios.ts';

const ROOT = join(import.meta.dirname, '..');
const check = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'check', '--json', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, SLABSERIES_CACHE_DIR: dir, SLABSERIES_CACHE_STATS: '1' } });
/**
 * The entries of a packed kind, read from the files themselves (src/cache/packs.ts's format: each
 * <writer>.idx line is "key offset length sha256", the bytes are in <writer>.pack).
 */
interface PackedEntry {
  key: string;
  pack: string;
  offset: number;
  length: number;
  sha: string;
  body: string;
}
const entries = (dir: string, kind = 'observations'): PackedEntry[] =>
  readdirSync(join(dir, kind))
    .filter((f) => f.endsWith('.idx'))
    .flatMap((f) => {
      const pack = join(dir, kind, f.replace(/\.idx$/, '.pack'));
      const bytes = readFileSync(pack);
      return readFileSync(join(dir, kind, f), 'latin1')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [key, offset, length, sha] = line.split(' ');
          return { key, pack, offset: Number(offset), length: Number(length), sha, body: bytes.subarray(Number(offset), Number(offset) + Number(length)).toString('utf8') };
        });
    });
/** Overwrite an entry's bytes in its pack, in place (the same length: the entries after it stay where they are). */
function overwrite(e: PackedEntry, from: string, to: string): void {
  const body = e.body.replace(from, to.padEnd(from.length, ' '));
  expect(Buffer.byteLength(body)).toBe(e.length);
  const fd = openSync(e.pack, 'r+');
  writeSync(fd, Buffer.from(body), 0, e.length, e.offset);
  closeSync(fd);
}
/** Cut the pack short inside this entry, which must be its pack's last. */
function truncateInside(e: PackedEntry): void {
  expect(statSync(e.pack).size).toBe(e.offset + e.length + 1);
  truncateSync(e.pack, e.offset + 50);
}
/** The entry as the cache reads it now (the newest intact copy). */
const readBack = (dir: string, kind: 'observations' | 'judgements', key: string) => new PackStore(join(dir, kind)).read<unknown>(key, { misses: 0, corrupt: 0 });
const lastInPack = (all: PackedEntry[], e: PackedEntry) => !all.some((o) => o.pack === e.pack && o.offset > e.offset);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
// Every 7th shipped scenario and kmalloc-fastpath (the one-scenario checks below): the whole set is
// what the golden tests run; here every run of a cold check is counted, stored, read back and
// corrupted, which a sample shows as well.
const SAMPLE = mkdtempSync(join(tmpdir(), 'slabseries-cache-sample-'));
for (const [i, f] of readdirSync(join(ROOT, 'fixtures', 'scenarios')).filter((n) => n.endsWith('.json')).sort().entries())
  if (i % 7 === 0 || f === 'kmalloc-fastpath.json') cpSync(join(ROOT, 'fixtures', 'scenarios', f), join(SAMPLE, f));
const runs = STAGES.length * loadScenarios(SAMPLE, STAGES).length;

describe('slabseries check with the result cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slabseries-cache-'));
  const cold = check(dir, SAMPLE);

  it('stores every observation on a cold run', () => {
    expect([0, 1]).toContain(cold.status);
    expect(cold.stderr).toContain(`cache: 0 hit(s), ${runs} run and stored`);
    expect(cold.stderr).toContain(`judgement cache: 0 hit(s), ${runs} judged and stored`);
    expect(entries(dir)).toHaveLength(runs);
    expect(entries(dir, 'judgements')).toHaveLength(runs);
    // Packed: a few files per writer, not one per entry.
    expect(readdirSync(join(dir, 'observations')).length).toBeLessThanOrEqual(2 * 4);
    for (const e of entries(dir)) expect(e.sha).toBe(sha256(e.body));
  });

  it('cache stats counts what is on disk: the entries and bytes of each kind, and the packed kinds\' limits', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'cache', 'stats', '--json'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SLABSERIES_CACHE_DIR: dir, SLABSERIES_CACHE_MAX_MB: '10' } });
    expect([r.status, r.stderr]).toEqual([0, '']);
    const j = JSON.parse(r.stdout) as { limitMB: number; kinds: { kind: string; entries: number; bytes: number; limitBytes?: number }[] };
    const kind = (k: string) => j.kinds.find((x) => x.kind === k)!;
    const onDisk = (k: string) => readdirSync(join(dir, k)).reduce((n, f) => n + statSync(join(dir, k, f)).size, 0);
    expect(j.limitMB).toBe(10);
    expect(kind('observations')).toEqual({ kind: 'observations', entries: entries(dir).length, bytes: onDisk('observations'), limitBytes: 8 * 1024 * 1024 });
    expect(kind('judgements')).toEqual({ kind: 'judgements', entries: entries(dir, 'judgements').length, bytes: onDisk('judgements'), limitBytes: 2 * 1024 * 1024 });
    expect(kind('observations').entries).toBe(runs);
  });

  it('prints byte for byte the same report warm, without running anything', () => {
    const warm = check(dir, SAMPLE);
    expect(warm.stderr).toContain(`cache: ${runs} hit(s), 0 run and stored, 0 corrupt`);
    expect(warm.stderr).toContain(`judgement cache: ${runs} hit(s), 0 judged and stored, 0 corrupt`);
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.status).toBe(cold.status);
  });

  it('--no-cache runs everything and leaves the cache alone, with the same report', () => {
    const one = ['--scenario', 'kmalloc-fastpath'];
    const cached = check(dir, ...one);
    expect(cached.stderr).toContain(`cache: ${STAGES.length} hit(s), 0 run`);
    const none = check(join(dir, 'unused'), ...one, '--no-cache', '--jobs', '1');
    expect(none.stderr).not.toContain('cache:');
    expect(none.stdout).toBe(cached.stdout);
    expect(() => readdirSync(join(dir, 'unused'))).toThrow();
  });

  it('--jobs 2 (a worker thread that stores what it runs) gives the same report, cold and without the cache', () => {
    const one = ['--scenario', 'kmalloc-fastpath'];
    const reference = check(dir, ...one).stdout;
    const other = join(dir, 'jobs2');
    const cold2 = check(other, ...one, '--jobs', '2');
    expect(cold2.stderr).toContain(`cache: 0 hit(s), ${STAGES.length} run and stored`);
    expect(entries(other)).toHaveLength(STAGES.length);
    expect(cold2.stdout).toBe(reference);
    expect(check(other, ...one, '--jobs', '2', '--no-cache').stdout).toBe(reference);
  });

  it('rejects a bad --jobs with one line and exit 2', () => {
    const r = check(dir, '--jobs', '0');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--jobs <N>.*positive integer/);
  });

  it('detects a corrupted judgement (a verdict changed, a truncated pack), judges it again and rewrites it', () => {
    const all = entries(dir, 'judgements');
    const equivalent = all.filter((e) => e.body.includes('"verdict":"equivalent"'));
    const a = equivalent.find((e) => !lastInPack(all, e))!;
    // The last entry of a pack (whichever verdict it holds): cutting it short loses no other entry.
    const b = all.find((e) => lastInPack(all, e) && e.key !== a.key)!;
    expect(a && b).toBeTruthy();
    overwrite(a, '"verdict":"equivalent"', '"verdict":"regressed"');
    truncateInside(b);
    const again = check(dir, SAMPLE);
    expect(again.stderr).toContain(`judgement cache: ${runs - 2} hit(s), 2 judged and stored, 2 corrupt`);
    expect(again.stdout).toBe(cold.stdout);
    // Stored again, intact, and the same as before.
    for (const e of [a, b]) expect(JSON.stringify(readBack(dir, 'judgements', e.key)?.value)).toBe(e.body);
    expect(entries(dir, 'judgements').filter((e) => e.key === a.key).some((e) => e.sha === sha256(e.body) && e.body === a.body)).toBe(true);
  });

  it('detects a corrupted observation (changed body, truncated pack), recomputes and rewrites it', () => {
    // Entries whose observation has an object result: flipping it to NULL would change a verdict.
    const all = entries(dir);
    const withObject = all.filter((e) => e.body.includes('"result":{"kind":"object"}'));
    const a = withObject.find((e) => !lastInPack(all, e))!;
    // The last entry of a pack (whichever it holds): cutting it short loses no other entry.
    const b = all.find((e) => lastInPack(all, e) && e.key !== a.key)!;
    overwrite(a, '"result":{"kind":"object"}', '"result":{"kind":"NULL"}');
    truncateInside(b);
    // Judged cells would answer without reading the observations: judge everything again.
    rmSync(join(dir, 'judgements'), { recursive: true });
    const again = check(dir, SAMPLE);
    expect(again.stderr).toContain(`cache: ${runs - 2} hit(s), 2 run and stored, 2 corrupt`);
    expect(again.stderr).toContain(`judgement cache: 0 hit(s), ${runs} judged and stored`);
    expect(again.stdout).toBe(cold.stdout);
    for (const e of [a, b]) expect(JSON.stringify(readBack(dir, 'observations', e.key)?.value)).toBe(e.body);
  });

  it('cache clear removes it', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'cache', 'clear'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SLABSERIES_CACHE_DIR: dir } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`removed ${runs} cached observation\\(s\\), ${runs} judgement\\(s\\), \\d+ parsed file\\(s\\), \\d+ check report\\(s\\), \\d+ build result\\(s\\) and \\d+ compiled package file\\(s\\)`));
    // Only the cache's own folders go: jobs2/ is another cache an earlier test put inside this one,
    // not this cache's to delete (the directory itself goes once nothing else is in it, below).
    expect(readdirSync(dir)).toEqual(['jobs2']);
    rmSync(join(dir, 'jobs2'), { recursive: true });
    expect(spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'cache', 'clear'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SLABSERIES_CACHE_DIR: dir } }).status).toBe(0);
    expect(existsSync(dir)).toBe(false);
  });

  it('cache clear removes only what the cache wrote: SLABSERIES_CACHE_DIR naming a file or a directory with other things in it loses nothing', () => {
    // It once removed whatever SLABSERIES_CACHE_DIR named, recursively.
    const clear = (at: string) => spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'cache', 'clear'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SLABSERIES_CACHE_DIR: at } });
    const home = mkdtempSync(join(tmpdir(), 'slabseries-clear-'));
    try {
      const file = join(home, 'notes.txt');
      writeFileSync(file, 'mine');
      const f = clear(file);
      expect([f.status, f.stderr.trim().split('\n').length]).toEqual([2, 1]);
      expect(f.stderr).toMatch(/notes\.txt \(SLABSERIES_CACHE_DIR\) is not a directory; nothing removed/);
      expect(readFileSync(file, 'utf8')).toBe('mine');
      const shared = join(home, 'shared');
      mkdirSync(join(shared, 'observations'), { recursive: true });
      writeFileSync(join(shared, 'observations', 'x.pack'), 'cache');
      mkdirSync(join(shared, 'mine'));
      writeFileSync(join(shared, 'mine', 'data'), 'keep');
      writeFileSync(join(shared, 'top'), 'keep');
      const d = clear(shared);
      expect(d.status, d.stderr).toBe(0);
      expect(readdirSync(shared).sort()).toEqual(['mine', 'top']);
      expect(readFileSync(join(shared, 'mine', 'data'), 'utf8')).toBe('keep');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('cache entries', () => {
  it('are written again after their directory was removed meanwhile (a cache clear by another process)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-entries-'));
    try {
      const store = new PackStore(join(dir, 'observations'));
      const key = 'ab'.repeat(32);
      store.write(key, { n: 1 });
      expect(store.read(key, { misses: 0, corrupt: 0 })?.value).toEqual({ n: 1 });
      rmSync(dir, { recursive: true, force: true });
      store.write(key, { n: 2 });
      expect(store.read(key, { misses: 0, corrupt: 0 })?.value).toEqual({ n: 2 });
      expect(new PackStore(join(dir, 'observations')).read(key, { misses: 0, corrupt: 0 })?.value).toEqual({ n: 2 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are read from packs kept open, at most 32 at a time, and closed with their store', () => {
    // 40 writers (stores), one entry each: a reader of all of them keeps descriptors open for the
    // reads after (src/cache/packs.ts reader()), but not more than 32, and close() gives them back.
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-entries-'));
    const openFds = () => readdirSync('/proc/self/fd').length;
    try {
      const keys = Array.from({ length: 40 }, (_, i) => i.toString(16).padStart(2, '0').repeat(32));
      keys.forEach((k, i) => {
        const w = new PackStore(join(dir, 'observations'));
        w.write(k, { i });
        w.close();
      });
      expect(readdirSync(join(dir, 'observations')).filter((f) => f.endsWith('.pack'))).toHaveLength(40);
      const before = openFds();
      const reader = new PackStore(join(dir, 'observations'));
      const stats = { misses: 0, corrupt: 0 };
      for (let round = 0; round < 2; round++) keys.forEach((k, i) => expect(reader.read(k, stats)?.value).toEqual({ i }));
      expect(stats).toEqual({ misses: 0, corrupt: 0 });
      expect(openFds() - before).toBeLessThanOrEqual(32);
      expect(openFds() - before).toBeGreaterThan(0);
      reader.close();
      expect(openFds()).toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("are seen by a reader that loaded its index before another writer stored them, and a half-written index line waits", () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-entries-'));
    try {
      const reader = new PackStore(join(dir, 'judgements'));
      const writer = new PackStore(join(dir, 'judgements'));
      const [k1, k2] = ['01'.repeat(32), '02'.repeat(32)];
      writer.write(k1, 'one');
      expect(reader.has(k1)).toBe(true);
      writer.write(k2, 'two');
      expect(reader.has(k2)).toBe(false); // has() does not look again: a check asks it for every key
      const stats = { misses: 0, corrupt: 0 };
      expect(reader.read(k2, stats)?.value).toBe('two');
      // A line cut short (a writer stopped mid-line) is not read, nor is what follows it read wrongly.
      const idx = readdirSync(join(dir, 'judgements')).find((f) => f.endsWith('.idx'))!;
      appendFileSync(join(dir, 'judgements', idx), `${'03'.repeat(32)} 0 3`);
      expect(new PackStore(join(dir, 'judgements')).read('03'.repeat(32), stats)).toBeUndefined();
      expect(stats).toEqual({ misses: 1, corrupt: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cache index lines', () => {
  // "<key> <offset> <length> <sha256>", keys and checksums 64 lower-case hex digits: any other line
  // is skipped (src/cache/packs.ts parseLine), and the good lines around it are read.
  it('are read only when they have the format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-index-'));
    try {
      const body = JSON.stringify({ n: 7 });
      const sha = createHash('sha256').update(body).digest('hex');
      writeFileSync(join(dir, 'w.pack'), `${body}\n`);
      const k = (c: string) => c.repeat(64);
      const lines = [
        `${k('a')} 0 ${body.length} ${sha}`, // good
        `${k('b')} 0 ${body.length} ${sha.toUpperCase()}`, // upper-case checksum
        `${k('g')} 0 ${body.length} ${sha}`, // key not hex
        `${k('c')} x ${body.length} ${sha}`, // offset not a number
        `${k('d')}  0 ${body.length} ${sha}`, // two spaces
        `${k('e')} 0 ${body.length} ${sha} `, // trailing space
        `${k('f')} 0 ${body.length}`, // no checksum
        `${k('1')} 0 ${body.length} ${sha}`, // good
      ];
      writeFileSync(join(dir, 'w.idx'), `${lines.join('\n')}\n`);
      const store = new PackStore(dir);
      expect(store.keys().sort()).toEqual([k('1'), k('a')]);
      expect(store.read(k('1'), { misses: 0, corrupt: 0 })?.value).toEqual({ n: 7 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the cache\'s size limit', () => {
  // src/cache/packs.ts prunePacks(): oldest writers first (a writer's name starts with its start
  // time), down to three quarters of the limit; within the limit nothing is touched.
  it('removes the oldest writers\' packs once a kind holds more than the limit, down to three quarters of it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-prune-'));
    try {
      const kb = (n: number) => 'x'.repeat(n * 1024);
      for (const w of ['000000001-1-0-a', '000000002-1-0-b', '000000003-1-0-c', '000000004-1-0-d']) {
        writeFileSync(join(dir, `${w}.pack`), kb(9));
        writeFileSync(join(dir, `${w}.idx`), kb(1));
      }
      writeFileSync(join(dir, 'notes.txt'), kb(50));
      expect(prunePacks(dir, 40 * 1024)).toBe(0);
      expect(readdirSync(dir)).toHaveLength(9);
      // 40 KiB of packs over a limit of 39 KiB: the two oldest go (30 KiB would still be over 29.25).
      expect(prunePacks(dir, 39 * 1024)).toBe(2);
      expect(readdirSync(dir).sort()).toEqual(['000000003-1-0-c.idx', '000000003-1-0-c.pack', '000000004-1-0-d.idx', '000000004-1-0-d.pack', 'notes.txt']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is kept by check (SLABSERIES_CACHE_MAX_MB): an old pack goes, the report is the one --no-cache prints', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-prune-'));
    try {
      mkdirSync(join(dir, 'observations'), { recursive: true });
      const old = '000000001-1-0-old';
      writeFileSync(join(dir, 'observations', `${old}.pack`), Buffer.alloc(2 * 1024 * 1024, 0x20));
      writeFileSync(join(dir, 'observations', `${old}.idx`), '');
      const limited = (...args: string[]) =>
        spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'check', '--json', '--scenario', 'bulk-basic', '--stage', '06', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, SLABSERIES_CACHE_DIR: dir, SLABSERIES_CACHE_MAX_MB: '1' } });
      const r = limited();
      expect(existsSync(join(dir, 'observations', `${old}.pack`))).toBe(false);
      expect(entries(dir).length).toBeGreaterThan(0);
      const cold = limited('--no-cache');
      expect([r.status, r.stdout]).toEqual([cold.status, cold.stdout]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a SLABSERIES_CACHE_MAX_MB that is not a whole number of MiB with one line and exit 2, storing nothing', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'slabseries-prune-')), 'cache');
    try {
      for (const bad of ['0', '1.5', '']) {
        const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'check', '--scenario', 'bulk-basic'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SLABSERIES_CACHE_DIR: dir, SLABSERIES_CACHE_MAX_MB: bad } });
        expect([r.status, r.stdout, r.stderr]).toEqual([2, '', `slabseries: error: SLABSERIES_CACHE_MAX_MB must be a whole number of MiB from 1 to 9999999, not ${JSON.stringify(bad)}\n`]);
      }
      expect(existsSync(dir)).toBe(false);
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });
});

describe('cache keys', () => {
  const tree = () => {
    const root = mkdtempSync(join(tmpdir(), 'slabseries-keys-'));
    cpSync(join(ROOT, 'src'), join(root, 'src'), { recursive: true });
    cpSync(join(ROOT, 'tsconfig.build.json'), join(root, 'tsconfig.build.json'));
    return root;
  };
  const sc = loadScenarios(join(ROOT, 'fixtures', 'scenarios'), STAGES)[0];
  const keysOf = (root: string) => STAGES.map((s) => new CacheKeys(root, join(root, 'src', 'stages')).key(s.slug, sc));

  it("follow the code a run executes: a stage's files, the kernel, the runner, not the CLI", () => {
    const root = tree();
    const before = keysOf(root);
    expect(new Set(before).size).toBe(STAGES.length);
    const closure = sourceClosure([join(root, 'src', 'stages', STAGES[5].slug, 'index.ts'), join(root, 'src', 'harness', 'runner.ts'), join(root, 'src', 'slab', 'domain.ts')], (p) => readFileSync(p, 'utf8'));
    expect(closure).toContain(join(root, 'src', 'kernel', 'memory.ts'));
    expect(closure).toContain(join(root, 'src', 'stages', STAGES[5].slug, 'mm', 'slub.ts'));
    expect(closure.some((f) => f.includes(STAGES[4].slug))).toBe(false);

    appendFileSync(join(root, 'src', 'stages', STAGES[5].slug, 'mm', 'slub.ts'), '\n// edited\n');
    const afterStage = keysOf(root);
    expect(afterStage.map((k, i) => k !== before[i])).toEqual(STAGES.map((_, i) => i === 5));

    appendFileSync(join(root, 'src', 'cli', 'report.ts'), '\n// edited\n');
    expect(keysOf(root)).toEqual(afterStage);

    appendFileSync(join(root, 'src', 'kernel', 'memory.ts'), '\n// edited\n');
    const afterKernel = keysOf(root);
    expect(afterKernel.every((k, i) => k !== afterStage[i])).toBe(true);

    appendFileSync(join(root, 'src', 'harness', 'runner.ts'), '\n// edited\n');
    expect(keysOf(root).every((k, i) => k !== afterKernel[i])).toBe(true);
  });

  it('differ by scenario content, not by where the scenario file is', () => {
    const k = new CacheKeys(ROOT);
    const a = k.key(STAGES[0].slug, sc);
    expect(k.key(STAGES[0].slug, { ...sc, file: '/elsewhere.json' })).toBe(a);
    expect(k.key(STAGES[0].slug, { ...sc, ops: sc.ops.slice(1) })).not.toBe(a);
  });

  it("of a judged cell follow its two observations, its step's claim and the judge's code", () => {
    const root = tree();
    const infos = stageInfos(rfc);
    const cells = (r: string) => {
      const obs = keysOf(r);
      const judge = judgeKey(r)!;
      return infos.map((st, i) => cellKey(judge, st, sc.name, i > 0 ? obs[i - 1] : null, obs[i]!));
    };
    const before = cells(root);
    expect(new Set(before).size).toBe(STAGES.length);
    // Editing stage 05 re-judges exactly the steps that compare it: 05 (04→05) and 06 (05→06).
    appendFileSync(join(root, 'src', 'stages', STAGES[5].slug, 'mm', 'slub.ts'), '\n// edited\n');
    const afterStage = cells(root);
    expect(afterStage.map((k, i) => k !== before[i])).toEqual(STAGES.map((_, i) => i === 5 || i === 6));
    // The judge's code (how a step's claim is checked) re-judges everything; the observations stay.
    const obsBefore = keysOf(root);
    appendFileSync(join(root, 'src', 'harness', 'claims.ts'), '\n// edited\n');
    expect(keysOf(root)).toEqual(obsBefore);
    const afterJudge = cells(root);
    expect(afterJudge.every((k, i) => k !== afterStage[i])).toBe(true);
    // A step's claim: only that step.
    const judge = judgeKey(root)!;
    const st7 = { ...infos[7], claim: { ...infos[7].claim!, declared: infos[7].claim!.declared.slice(1) } };
    expect(cellKey(judge, st7, sc.name, obsBefore[6], obsBefore[7]!)).not.toBe(afterJudge[7]);
    expect(cellKey(judge, infos[7], sc.name, obsBefore[6], obsBefore[7]!)).toBe(afterJudge[7]);
  });
});
