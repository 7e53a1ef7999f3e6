#!/usr/bin/env node
// The build: src/**/*.ts → dist/**/*.js with the compiler options of tsconfig.build.json (relative
// `.ts` import specifiers rewritten to `.js`). Each file is transpiled on its own (the project sets
// isolatedModules, so this gives what `tsc -p tsconfig.build.json` emits); type checking is
// `npm run typecheck`. Only out-of-date files are rewritten, files whose source is gone are removed,
// and every output is written atomically (temp file + rename), so two processes may build at once.
//
//   node bin/build.mjs            build (npm run build; npm's prepare runs it on install)
//   node bin/build.mjs --check    exit 1 and list what is out of date, build nothing
//
// bin/slabseries.mjs imports staleSources() to notice an edited src/ and rebuild before running.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DIST, outOf, ROOT, SRC, writeStamp } from './sources-stamp.mjs';

export { DIST, ROOT };

/** Every file under dir; with dirs, each folder's mtimeMs too (keyed relative to src/, for the stamp). */
function walk(dir, out = [], dirs = null) {
  if (dirs) dirs[relative(SRC, dir)] = statSync(dir).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out, dirs);
    else out.push(p);
  }
  return out;
}

/**
 * The stage folders among the sources (src/stages/NN-slug/, src/stages-v3/NN-slug/: each with an
 * index.ts, which its series' stages.ts imports), named by that index.ts: the build bundles each
 * into its dist/ index.js (bin/bundle-stages.mjs).
 */
const stageOf = (src) => {
  const m = /^(stages[^/]*\/[^/]+)\//.exec(relative(SRC, src).split(sep).join('/'));
  return m ? join(SRC, m[1], 'index.ts') : null;
};

/**
 * Sources under src/ whose dist/ output is missing or older, and dist/ files whose source is gone.
 * A stage's index.ts is also stale when any file of its stage is newer than its output: that output
 * is the stage's bundle.
 */
export function staleSources() {
  const dirs = {};
  const sources = walk(SRC, [], dirs).filter((p) => p.endsWith('.ts') && !p.endsWith('.d.ts'));
  /** What this scan saw, for the launcher's stamp (bin/sources-stamp.mjs). */
  const scan = { dirs, files: {} };
  const stale = new Set();
  const mtime = (p) => {
    try {
      return statSync(p).mtimeMs;
    } catch {
      return -1;
    }
  };
  const indexes = new Map(sources.filter((s) => stageOf(s) === s).map((s) => [s, mtime(outOf(s))]));
  for (const s of sources) {
    const sm = statSync(s).mtimeMs;
    scan.files[relative(SRC, s)] = sm;
    if (sm > mtime(outOf(s))) stale.add(s);
    const idx = stageOf(s);
    if (idx && indexes.has(idx) && sm > indexes.get(idx)) stale.add(idx);
  }
  const want = new Set(sources.map(outOf));
  const orphans = existsSync(DIST) ? walk(DIST).filter((p) => p.endsWith('.js') && !want.has(p)) : [];
  return { sources, stale: [...stale], orphans, scan };
}

function compilerOptions(ts) {
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } };
  const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.build.json'), {}, host);
  if (!parsed || parsed.errors.length) throw new Error(`tsconfig.build.json: ${parsed?.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
  // transpileModule cannot see package.json's "type": "module", so NodeNext would emit CommonJS:
  // say ES modules outright (what tsc emits for this package).
  return { ...parsed.options, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
}

/** Remove dir and then its parents while they are empty, up to (not including) dist/ itself. */
function removeEmptyUpwards(dir) {
  for (let d = dir; d.startsWith(DIST + sep); d = dirname(d)) {
    try {
      rmdirSync(d);
    } catch (e) {
      // Not empty: nor are its parents. Gone already (another build): its parent may be empty now.
      if (e.code !== 'ENOENT') return;
    }
  }
}

/** Transpile the stale files (all of them with all = true); returns how many were written. */
export function build({ all = false } = {}) {
  const require = createRequire(import.meta.url);
  const ts = require('typescript');
  const options = compilerOptions(ts);
  const { sources, stale, orphans, scan } = staleSources();
  const todo = all ? sources : stale;
  for (const s of todo) {
    const r = ts.transpileModule(readFileSync(s, 'utf8'), { compilerOptions: options, fileName: s, reportDiagnostics: true });
    if (r.diagnostics?.length) throw new Error(`${relative(ROOT, s)}: ${r.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
    const o = outOf(s);
    mkdirSync(dirname(o), { recursive: true });
    const tmp = `${o}.${process.pid}.tmp`;
    writeFileSync(tmp, r.outputText);
    renameSync(tmp, o);
  }
  for (const o of orphans) rmSync(o, { force: true });
  // The folders the orphans leave empty go too (a stage removed from src/stages/ would otherwise
  // leave dist/stages/NN-name/ and its empty tree behind).
  for (const dir of new Set(orphans.map(dirname))) removeEmptyUpwards(dir);
  // Every stage with a file written or removed is bundled again (a stage that is gone is not).
  const touched = new Set([...todo, ...orphans.map((o) => join(SRC, relative(DIST, o)).replace(/\.js$/, '.ts'))].map(stageOf).filter((x) => x && existsSync(x)));
  const bundled = bundleStages([...touched].map((idx) => dirname(outOf(idx))));
  // dist/ is now what the scan's sources compile to: the launcher may trust the scan's times.
  writeStamp(scan);
  const seeded = seedCodeCache();
  return { written: todo.length, removed: orphans.length, bundled, seeded };
}

/**
 * Bundle these dist/ stage folders, each into its index.js (bin/bundle-stages.mjs, a process of its
 * own: esbuild's plugins are asynchronous and the build is not). An optimisation only: without
 * esbuild (an install without devDependencies) or when it fails, the stages stay a module per file
 * and the build says so in one line. Returns how many were bundled.
 */
function bundleStages(dirs) {
  if (!dirs.length) return 0;
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'bundle-stages.mjs'), ...dirs], { cwd: ROOT, encoding: 'utf8' });
  if (r.status === 0) return dirs.length;
  const why = r.status === 3 ? 'esbuild is not installed' : (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n')[0];
  process.stderr.write(`slabseries build: stages not bundled (${why}); each loads as a module per file\n`);
  return 0;
}

/**
 * V8's compiled code of TypeScript's compiler (9 MB) for a first `metrics`, stored with the build
 * (dist/.code-cache/, read by src/cache/code-cache.ts requireTypeScript()): without it the first
 * `metrics` after `npm install`, with nothing in the project's cache yet, compiled that file from
 * its text. Made by running `metrics` once in a fresh process with a cache directory of its own and
 * keeping the code it stored, so the code is what that command compiles, under the CLI's own V8
 * flags (V8 rejects code made under others). Only when Node, TypeScript's compiler, the CLI's V8
 * flags or the code cache's keys changed since (a stamp), so an ordinary rebuild costs nothing. An
 * optimisation only: when it cannot be made, the build says so in one line and goes on. Returns
 * whether it was made. The same run's parsed stage files are kept beside the code (syntax/, read by
 * src/cache/syntax.ts after the project's cache), and those of a `metrics --series v3` run: a first
 * `metrics` then neither compiles TypeScript's compiler nor parses a file not edited since.
 */
export function seedCodeCache() {
  // The metrics run below may rebuild dist/ itself (a source edited meanwhile): it seeds nothing.
  if (process.env.SLABSERIES_SEEDING_CODE) return false;
  const seed = join(DIST, '.code-cache');
  const flags = join(DIST, 'cli', 'v8-flags.js');
  let tsFile;
  try {
    tsFile = createRequire(createRequire(import.meta.url).resolve('ts-morph')).resolve('@ts-morph/common/dist/typescript.js');
  } catch {
    return false;
  }
  if (!existsSync(flags)) return false;
  const keyer = join(DIST, 'cache', 'code-cache.js');
  if (!existsSync(keyer)) return false;
  const st = statSync(tsFile, { bigint: true });
  const hashOf = (f) => createHash('sha256').update(readFileSync(f)).digest('hex');
  // What the entries' keys are made of (code-cache.ts entryKey(): typescript.js's stat identity),
  // and code-cache.js itself, whose keys they are.
  // `syntax`: the seed also holds that run's parsed files (src/cache/syntax.ts reads them), which
  // seeds made before it did not.
  const stamp = JSON.stringify({ node: process.version, arch: process.arch, typescript: [tsFile, ...[st.dev, st.ino, st.size, st.mtimeNs, st.ctimeNs].map(String)], flags: hashOf(flags), keys: hashOf(keyer), syntax: 1 });
  try {
    if (readFileSync(join(seed, 'stamp.json'), 'utf8') === stamp) return false;
  } catch {
    // no seed yet
  }
  // The old seed goes first: the run below would otherwise compile from it and store nothing.
  rmSync(seed, { recursive: true, force: true });
  const tmp = mkdtempSync(join(DIST, '.code-cache-'));
  try {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'metrics', '--json'], { cwd: ROOT, env: { ...process.env, SLABSERIES_CACHE_DIR: tmp, SLABSERIES_SEEDING_CODE: '1' }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0 || !existsSync(join(tmp, 'v8'))) {
      process.stderr.write(`slabseries build: no stored code for a first metrics run (metrics exited ${r.status}); it compiles TypeScript's compiler itself\n`);
      return false;
    }
    // v3's stages as well (a failure there only leaves them to be parsed by the first run).
    spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'metrics', '--series', 'v3', '--json'], { cwd: ROOT, env: { ...process.env, SLABSERIES_CACHE_DIR: tmp, SLABSERIES_SEEDING_CODE: '1' }, stdio: 'ignore' });
    mkdirSync(seed, { recursive: true });
    renameSync(join(tmp, 'v8'), join(seed, 'v8'));
    // Its parsed files too: a first `metrics` then parses only what was edited since.
    if (existsSync(join(tmp, 'syntax'))) renameSync(join(tmp, 'syntax'), join(seed, 'syntax'));
    writeFileSync(join(seed, 'stamp.json'), stamp);
    return true;
  } catch (e) {
    // another build seeding at the same time, or an unwritable dist/: the next build tries again
    process.stderr.write(`slabseries build: no stored code for a first metrics run (${e.message})\n`);
    return false;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--check')) {
    const { stale, orphans } = staleSources();
    for (const p of [...stale, ...orphans]) process.stdout.write(`out of date: ${relative(ROOT, p).split(sep).join('/')}\n`);
    process.exitCode = stale.length || orphans.length ? 1 : 0;
  } else {
    const t0 = performance.now();
    const r = build({ all: process.argv.includes('--all') });
    process.stdout.write(`dist/: ${r.written} file(s) compiled, ${r.removed} removed${r.bundled ? `, ${r.bundled} stage(s) bundled` : ''}${r.seeded ? ", TypeScript's compiled code stored for metrics" : ''} (${Math.round(performance.now() - t0)} ms)\n`);
  }
}
