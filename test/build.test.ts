// bin/build.mjs on a project of its own (a copy of the script and the tsconfigs beside a tiny src/,
// the installed packages linked): what it writes and removes in dist/. Not on this checkout's src/,
// which the other test files are loading meanwhile.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { STAGE_BUNDLE_BANNER } from '../src/export/tree-stage.ts';

const ROOT = join(import.meta.dirname, '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** packages: the installed ones (all), or only TypeScript's (no esbuild: the stages are not bundled). */
function project(files: Record<string, string>, packages: 'all' | 'typescript' = 'all'): { root: string; build: () => { status: number | null; stdout: string; stderr: string } } {
  const root = mkdtempSync(join(tmpdir(), 'slabseries-build-'));
  dirs.push(root);
  for (const f of ['build.mjs', 'bundle-stages.mjs', 'sources-stamp.mjs', 'slabseries.mjs']) cpSync(join(ROOT, 'bin', f), join(root, 'bin', f));
  for (const f of ['tsconfig.json', 'tsconfig.build.json', 'package.json']) cpSync(join(ROOT, f), join(root, f));
  if (packages === 'all') symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  else {
    mkdirSync(join(root, 'node_modules'));
    symlinkSync(join(ROOT, 'node_modules', 'typescript'), join(root, 'node_modules', 'typescript'), 'dir');
  }
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
    // Nothing of the stage is left, not even empty folders; dist/ and the other output stay (and
    // the launcher's stamp of the sources, bin/sources-stamp.mjs).
    expect(readdirSync(join(root, 'dist')).sort()).toEqual(['.sources-stamp.json', 'x.js']);
  });

  // A stage (src/stages/NN-slug/ with an index.ts) as the series load them: its files in one module,
  // the shared ones still imported (bin/bundle-stages.mjs).
  const STAGE = {
    'shared.ts': 'export const instances: string[] = [];\n',
    'stages/99-tmp/index.ts': "import { instances } from '../../shared.ts';\nimport { where, y } from './mm/slub.ts';\ninstances.push('stage');\nexport const stage = { y, where, own: import.meta.url, instances };\n",
    'stages/99-tmp/mm/slub.ts': "import { instances } from '../../../shared.ts';\ninstances.push('slub');\nexport const y: number = 2;\nexport const where = import.meta.url;\n",
  };

  it('bundles each stage into its index.js, keeping shared modules and every file\'s import.meta.url', async () => {
    const { root, build } = project(STAGE);
    const first = build();
    expect([first.status, first.stderr]).toEqual([0, '']);
    expect(first.stdout).toMatch(/^dist\/: 3 file\(s\) compiled, 0 removed, 1 stage\(s\) bundled/);
    const index = join(root, 'dist', 'stages', '99-tmp', 'index.js');
    const text = readFileSync(index, 'utf8');
    // The first line by which a tree load knows a bundle from index.ts's own output (tree-stage.ts).
    expect(text.startsWith(STAGE_BUNDLE_BANNER)).toBe(true);
    // The stage's own files are inside; the shared module is imported from its dist/ file.
    expect([...new Set([...text.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]))]).toEqual(['../../shared.js']);
    const shared = (await import(pathToFileURL(join(root, 'dist', 'shared.js')).href)) as { instances: string[] };
    const { stage } = (await import(pathToFileURL(index).href)) as { stage: { y: number; where: string; own: string; instances: string[] } };
    expect(stage.y).toBe(2);
    expect(stage.own).toBe(pathToFileURL(index).href);
    expect(stage.where).toBe(pathToFileURL(join(root, 'dist', 'stages', '99-tmp', 'mm', 'slub.js')).href);
    // One instance of the shared module, which both of the stage's files ran against, in order.
    expect(stage.instances).toBe(shared.instances);
    expect(shared.instances).toEqual(['slub', 'stage']);
    // Nothing to do again; an edited file of the stage makes it bundled anew.
    expect(build().stdout).toMatch(/^dist\/: 0 file\(s\) compiled, 0 removed \(/);
    const slub = join(root, 'src', 'stages', '99-tmp', 'mm', 'slub.ts');
    writeFileSync(slub, STAGE['stages/99-tmp/mm/slub.ts'].replace('= 2', '= 3'));
    const later = new Date(Date.now() + 5000);
    utimesSync(slub, later, later);
    const again = build();
    expect([again.status, again.stderr]).toEqual([0, '']);
    expect(again.stdout).toMatch(/^dist\/: 2 file\(s\) compiled, 0 removed, 1 stage\(s\) bundled/);
    expect(readFileSync(index, 'utf8')).toContain('y = 3');
  });

  // A stage's gfp_types.ts re-exports the shared kernel's bits with `export *`: bundled, each name
  // must be an import binding of the shared module, not a getter of an exports object, and a name
  // the file exports itself still wins over the shared module's (ES modules' rule for star exports).
  it('bundles a star export of a shared module as its names, the file\'s own exports first', async () => {
    const { root, build } = project({
      'bits.ts': 'export const A = 1;\nexport const B = 2;\nexport function f(x: number): number { return x + 1; }\n',
      'stages/99-tmp/index.ts': "import { A, B, f } from './include/bits.ts';\nexport const stage = { A, B, f1: f(1) };\n",
      'stages/99-tmp/include/bits.ts': "export * from '../../../bits.ts';\nexport const B = 20;\n",
    });
    const r = build();
    expect([r.status, r.stderr]).toEqual([0, '']);
    const index = join(root, 'dist', 'stages', '99-tmp', 'index.js');
    const text = readFileSync(index, 'utf8');
    expect(text).not.toMatch(/__reExport\(|__copyProps\(/);
    expect(text).toMatch(/^import \{ A, f \} from "\.\.\/\.\.\/bits\.js";$/m);
    const { stage } = (await import(pathToFileURL(index).href)) as { stage: { A: number; B: number; f1: number } };
    expect(stage).toEqual({ A: 1, B: 20, f1: 2 });
  });

  it('leaves the stages a module per file, and says so in one line, without esbuild', () => {
    const { root, build } = project(STAGE, 'typescript');
    const r = build();
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('slabseries build: stages not bundled (esbuild is not installed); each loads as a module per file\n');
    expect(r.stdout).toMatch(/^dist\/: 3 file\(s\) compiled, 0 removed \(/);
    expect(readFileSync(join(root, 'dist', 'stages', '99-tmp', 'index.js'), 'utf8')).toContain('from "./mm/slub.js"');
  });

  // bin/slabseries.mjs runs dist/cli/main.js; here a main that prints what it imports.
  it('the launcher recompiles what was edited, added or removed, trusts the stamp of its last scan otherwise, and checks in full when the stamp is gone or damaged', () => {
    const { root, build } = project({ 'cli/main.ts': "import { x } from '../x.ts';\nconsole.log(x);\n", 'x.ts': 'export const x: number = 1;\n', 'z.ts': 'export const z = 0;\n' });
    expect(build().status).toBe(0);
    const launch = () => spawnSync(process.execPath, [join(root, 'bin', 'slabseries.mjs')], { cwd: root, encoding: 'utf8' });
    const changed = (n: number) => `slabseries: ${n} source file(s) changed since the last build; recompiling dist/ (npm run build)\n`;
    expect(launch()).toMatchObject({ status: 0, stdout: '1\n', stderr: '' });
    // An edit (a later mtime) is compiled before running, once.
    const x = join(root, 'src', 'x.ts');
    writeFileSync(x, 'export const x: number = 2;\n');
    const later = new Date(Date.now() + 5000);
    utimesSync(x, later, later);
    expect(launch()).toMatchObject({ status: 0, stdout: '2\n', stderr: changed(1) });
    expect(launch()).toMatchObject({ status: 0, stdout: '2\n', stderr: '' });
    // A source edited with an earlier mtime differs from the stamp too: the full check decides (its
    // output is newer, so nothing to compile, as before the stamp).
    const earlier = new Date(Date.now() - 60_000);
    utimesSync(x, earlier, earlier);
    expect(launch()).toMatchObject({ status: 0, stdout: '2\n', stderr: '' });
    // A source added (its folder's mtime changes) is compiled.
    writeFileSync(join(root, 'src', 'y.ts'), 'export const y = 3;\n');
    expect(launch()).toMatchObject({ status: 0, stdout: '2\n', stderr: changed(1) });
    expect(existsSync(join(root, 'dist', 'y.js'))).toBe(true);
    // The stamp is trusted: a stray file in dist/ is not looked for while src/ is as scanned...
    const stray = join(root, 'dist', 'stray.js');
    writeFileSync(stray, '');
    expect(launch()).toMatchObject({ status: 0, stderr: '' });
    expect(existsSync(stray)).toBe(true);
    // ...and a source removed changes its folder's mtime: its output and the stray one go.
    rmSync(join(root, 'src', 'z.ts'));
    expect(launch()).toMatchObject({ status: 0, stdout: '2\n', stderr: changed(2) });
    expect([existsSync(join(root, 'dist', 'z.js')), existsSync(stray)]).toEqual([false, false]);
    // An output removed by hand is compiled again.
    rmSync(join(root, 'dist', 'x.js'));
    expect(launch()).toMatchObject({ status: 0, stdout: '2\n', stderr: changed(1) });
    // A damaged stamp: the full check, which finds nothing to do and writes a good stamp again.
    const stamp = join(root, 'dist', '.sources-stamp.json');
    writeFileSync(stamp, '{');
    expect(launch()).toMatchObject({ status: 0, stdout: '2\n', stderr: '' });
    expect(Object.keys((JSON.parse(readFileSync(stamp, 'utf8')) as { files: Record<string, number> }).files).sort()).toEqual([join('cli', 'main.ts'), 'x.ts', 'y.ts']);
  });

  it('bin/bundle-stages.mjs refuses a folder that holds no built stage, and no folder at all, with one line and exit 2', () => {
    const empty = mkdtempSync(join(tmpdir(), 'slabseries-bundle-'));
    dirs.push(empty);
    const script = join(ROOT, 'bin', 'bundle-stages.mjs');
    const r = spawnSync(process.execPath, [script, empty], { encoding: 'utf8' });
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', `${empty} holds no index.js: not a built stage folder\n`]);
    const none = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect([none.status, none.stderr.trim().split('\n').length]).toEqual([2, 1]);
    expect(readdirSync(empty)).toEqual([]);
  });
});

// defineStage() (src/slab/stage_glue.ts) copies a stage's namespace objects into plain objects, which
// is the same only while no stage file exports a binding it reassigns.
describe('stage sources', () => {
  it('export no mutable binding (export let / export var), in either series, a base overlay or a candidate', () => {
    const found: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts') && /^export (let|var)\b/m.test(readFileSync(p, 'utf8'))) found.push(p);
      }
    };
    for (const d of ['stages', 'stages-v3', 'bases', 'candidates']) walk(join(ROOT, 'src', d));
    expect(found).toEqual([]);
  });
});
