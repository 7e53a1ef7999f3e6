// The result cache (src/cache/observations.ts): a warm check prints exactly what a cold one does
// without running anything, a corrupted entry is detected and recomputed, and the keys follow the
// code a run executes: editing one stage changes that stage's keys only.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CacheKeys, entryPath, readEntry, sourceClosure, writeEntry } from '../src/cache/observations.ts';
import { cellKey, judgeKey } from '../src/cache/judgements.ts';
import { stageInfos } from '../src/harness/series.ts';
import { rfc } from '../src/series/rfc/index.ts';
import { STAGES } from '../src/series/rfc/stages.ts';
import { loadScenarios } from '../src/cli/scenarios.ts';

const ROOT = join(import.meta.dirname, '..');
const check = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'check', '--json', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, SLABSERIES_CACHE_DIR: dir, SLABSERIES_CACHE_STATS: '1' } });
const entries = (dir: string, kind = 'observations') => readdirSync(join(dir, kind), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).map((f) => join(dir, kind, f));
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const runs = STAGES.length * loadScenarios(join(ROOT, 'fixtures', 'scenarios'), STAGES).length;

describe('slabseries check with the result cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'slabseries-cache-'));
  const cold = check(dir);

  it('stores every observation on a cold run', () => {
    expect([0, 1]).toContain(cold.status);
    expect(cold.stderr).toContain(`cache: 0 hit(s), ${runs} run and stored`);
    expect(cold.stderr).toContain(`judgement cache: 0 hit(s), ${runs} judged and stored`);
    expect(entries(dir)).toHaveLength(runs);
    expect(entries(dir, 'judgements')).toHaveLength(runs);
  });

  it('prints byte for byte the same report warm, without running anything', () => {
    const warm = check(dir);
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

  it('detects a corrupted judgement (a verdict changed, a truncated file), judges it again and rewrites it', () => {
    const files = entries(dir, 'judgements').filter((f) => readFileSync(f, 'utf8').includes('"verdict":"equivalent"'));
    const [a, b] = files;
    const textA = readFileSync(a, 'utf8');
    writeFileSync(a, textA.replace('"verdict":"equivalent"', '"verdict":"regressed"'));
    writeFileSync(b, readFileSync(b, 'utf8').slice(0, 100));
    const again = check(dir);
    expect(again.stderr).toContain(`judgement cache: ${runs - 2} hit(s), 2 judged and stored, 2 corrupt`);
    expect(again.stdout).toBe(cold.stdout);
    for (const f of [a, b]) {
      const t = readFileSync(f, 'utf8');
      expect(t.slice(0, 64)).toBe(sha256(t.slice(65)));
    }
    expect(readFileSync(a, 'utf8')).toBe(textA);
  });

  it('detects a corrupted observation (changed body, truncated file), recomputes and rewrites it', () => {
    // Entries whose observation has an object result: flipping it to NULL would change a verdict.
    const files = entries(dir).filter((f) => readFileSync(f, 'utf8').includes('"result":{"kind":"object"}'));
    const [a, b] = files;
    const textA = readFileSync(a, 'utf8');
    writeFileSync(a, textA.replace('"result":{"kind":"object"}', '"result":{"kind":"NULL"}'));
    writeFileSync(b, readFileSync(b, 'utf8').slice(0, 100));
    // Judged cells would answer without reading the observations: judge everything again.
    rmSync(join(dir, 'judgements'), { recursive: true });
    const again = check(dir);
    expect(again.stderr).toContain(`cache: ${runs - 2} hit(s), 2 run and stored, 2 corrupt`);
    expect(again.stderr).toContain(`judgement cache: 0 hit(s), ${runs} judged and stored`);
    expect(again.stdout).toBe(cold.stdout);
    for (const f of [a, b]) {
      const t = readFileSync(f, 'utf8');
      expect(t.slice(0, 64)).toBe(sha256(t.slice(65)));
    }
    expect(readFileSync(a, 'utf8')).toBe(textA);
  });

  it('cache clear removes it', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'cache', 'clear'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SLABSERIES_CACHE_DIR: dir } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`removed ${runs} cached observation\\(s\\), ${runs} judgement\\(s\\), \\d+ parsed file\\(s\\) and \\d+ check report\\(s\\)`));
    expect(existsSync(dir)).toBe(false);
  });
});

describe('cache entries', () => {
  it('are written again after their directory was removed meanwhile (a cache clear by another process)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-entries-'));
    try {
      const path = entryPath(dir, 'ab'.repeat(32));
      writeEntry(path, { n: 1 });
      rmSync(dir, { recursive: true, force: true });
      writeEntry(path, { n: 2 });
      expect(readEntry(path, { misses: 0, corrupt: 0 })?.value).toEqual({ n: 2 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
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
