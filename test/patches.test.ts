// patches/ is generated from the stages, deterministic, applies with jsdiff and git, and each patch
// touches exactly the counterparts of the kernel files the real patch touches.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPatch, parsePatch } from 'diff';
import ts from 'typescript';
import { STAGES } from '../src/series/rfc/stages.ts';
import { counterpartOf } from '../src/series/rfc/manifest.ts';
import { rfc } from '../src/series/rfc/index.ts';
import { firstOutOfSync, generatePatches, readStageTrees, stageDiff } from '../src/patches/generate.ts';
import { patchFileName } from '../src/patches/format.ts';
import { propagate } from '../src/patches/propagate.ts';

const ROOT = join(import.meta.dirname, '..');
const STAGES_DIR = join(ROOT, 'src', 'stages');
const trees = readStageTrees(STAGES_DIR, STAGES.map((s) => s.slug));
const files = generatePatches(trees, rfc);
const patched = rfc.entries.filter((e) => STAGES.some((s) => s.number === e.number));

describe('patches/', () => {
  it('is in sync with the stages (slabseries patches --check)', () => {
    expect(firstOutOfSync(join(ROOT, 'patches'), files)).toBeNull();
  });
  it('is byte-identical when generated twice', () => {
    expect(generatePatches(readStageTrees(STAGES_DIR, STAGES.map((s) => s.slug)), rfc)).toEqual(files);
  });
  it('lists the patches in order in the quilt series file', () => {
    const series = files.find((f) => f.name === 'series')!.content.trim().split('\n');
    expect(series).toEqual(patched.map((e) => patchFileName(e.number, e.subject)));
  });
});

describe.each(patched.map((e) => [String(e.number).padStart(2, '0'), e] as const))('patch %s', (nn, e) => {
  const text = files.find((f) => f.name === patchFileName(e.number, e.subject))!.content;
  const prev = trees.find((t) => t.number === e.number - 1)!;
  const cur = trees.find((t) => t.number === e.number)!;

  it('has the git format-patch layout', () => {
    expect(text).toMatch(/^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001\nFrom: .+\nDate: .+\nSubject: \[PATCH \d\d\/15\] /);
    expect(text).toContain(`Subject: [PATCH ${nn}/15] ${e.subject}\n`);
    expect(text).toContain(`Link: ${e.link}\n---\n`);
    expect(text).toMatch(/\n \d+ files? changed/);
  });

  it('turns stage N-1 into stage N when applied with jsdiff', () => {
    const result = new Map(prev.files);
    // The "-- " signature line ends the mail, as for git am; jsdiff would read it as a hunk line.
    const diffPart = text.slice(0, text.lastIndexOf('\n-- \n') + 1);
    for (const fp of parsePatch(diffPart)) {
      const path = (fp.newFileName ?? fp.oldFileName ?? '').replace(/^[ab]\//, '');
      const old = fp.oldFileName === '/dev/null' ? '' : (result.get(path) ?? '');
      const out = applyPatch(old, fp);
      expect(out, path).not.toBe(false);
      if (fp.newFileName === '/dev/null') result.delete((fp.oldFileName ?? '').replace(/^a\//, ''));
      else result.set(path, out as string);
    }
    expect(new Map([...result].sort())).toEqual(new Map([...cur.files].sort()));
  });

  it('is accepted by git apply --check on a scratch copy of stage N-1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-apply-'));
    cpSync(join(STAGES_DIR, prev.slug), dir, { recursive: true });
    const p = join(dir, '..', `${nn}.patch`);
    writeFileSync(p, text);
    const r = spawnSync('git', ['apply', '--check', p], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('touches only the counterparts of the kernel files the real patch touches', () => {
    const allowed = new Set(e.kernelFiles.map(counterpartOf).filter((x): x is string => x !== null));
    const touched = stageDiff(trees, e.number).map((d) => d.path);
    for (const t of touched) expect(allowed.has(t), `${t} is not a counterpart of ${e.kernelFiles.join(', ')}`).toBe(true);
    expect(touched.length).toBeGreaterThan(0);
  });

  it('gives every function the spec names its after-signature', () => {
    const sources = [...cur.files].filter(([p]) => p.endsWith('.ts')).map(([p, t]) => ts.createSourceFile(p, t, ts.ScriptTarget.ES2022, true));
    for (const sig of e.signatures) {
      let found: string[] | null = null;
      for (const sf of sources)
        sf.forEachChild((n) => {
          if (ts.isFunctionDeclaration(n) && n.name?.text === sig.fn) found = n.parameters.map((p) => p.name.getText(sf));
        });
      expect(found, `${sig.fn} not found in stage ${cur.slug}`).not.toBeNull();
      expect(found, sig.fn).toEqual(sig.params);
    }
  });
});

describe('series end points', () => {
  const at = (n: number) => trees.find((t) => t.number === n);
  it.runIf(at(15))('stage 15 no longer defines __GFP_NO_OBJ_EXT nor prints its name', () => {
    const t = at(15)!;
    expect(t.files.get('include/linux/gfp_types.ts')).not.toMatch(/__GFP_NO_OBJ_EXT/);
    expect(t.files.get('include/trace/events/mmflags.ts')).not.toMatch(/NO_OBJ_EXT/);
  });
  it.runIf(at(10))('stage 10 no longer calls gfpflags_allow_spinning() from its slab files', () => {
    const t = at(10)!;
    for (const f of ['mm/slub.ts', 'mm/slab.ts']) expect(t.files.get(f), f).not.toMatch(/gfpflags_allow_spinning\(/);
  });
});

describe('propagate', () => {
  function repo(): string {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-prop-'));
    const git = (...a: string[]) => spawnSync('git', a, { cwd: dir, encoding: 'utf8' });
    mkdirSync(join(dir, 's', '00-a'), { recursive: true });
    mkdirSync(join(dir, 's', '01-b'), { recursive: true });
    writeFileSync(join(dir, 's', '00-a', 'x.ts'), 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n');
    writeFileSync(join(dir, 's', '01-b', 'x.ts'), 'one\ntwo\nthree\nfour\nfive\nsix\nSEVEN\n');
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'x');
    return dir;
  }
  it('carries an edit of stage NN into later stages with a three-way merge', () => {
    const dir = repo();
    writeFileSync(join(dir, 's', '00-a', 'x.ts'), 'ONE\ntwo\nthree\nfour\nfive\nsix\nseven\n');
    const r = propagate(dir, join(dir, 's'), ['00-a', '01-b'], '00-a');
    expect(r.conflicts).toEqual([]);
    expect(readFileSync(join(dir, 's', '01-b', 'x.ts'), 'utf8')).toBe('ONE\ntwo\nthree\nfour\nfive\nsix\nSEVEN\n');
  });
  it('changes nothing and names stage, file and hunk on a conflict', () => {
    const dir = repo();
    writeFileSync(join(dir, 's', '00-a', 'x.ts'), 'one\ntwo\nthree\nfour\nfive\nsix\nseven!\n');
    const r = propagate(dir, join(dir, 's'), ['00-a', '01-b'], '00-a');
    expect(r.conflicts).toEqual([{ stage: '01-b', file: 'x.ts', hunk: 'hunk at line 7' }]);
    expect(readFileSync(join(dir, 's', '01-b', 'x.ts'), 'utf8')).toBe('one\ntwo\nthree\nfour\nfive\nsix\nSEVEN\n');
  });
});
