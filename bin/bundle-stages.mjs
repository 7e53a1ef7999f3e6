#!/usr/bin/env node
// Part of the build (bin/build.mjs runs it): each stage folder given (dist/stages*/NN-slug/, its files
// just transpiled) becomes one module, written over its index.js. A stage is a copy of the model in
// some 9 files; a series is 16 of them, and Node's ES module loader spent 200-300 ms per thread
// resolving, linking and compiling those 144 files, in every process and worker thread that runs a
// series. As 16 modules: 110-145 ms (2026-12-06: `run` of one scenario 0.54 → 0.50 s, medians of eight
// alternating runs; `check` of 50 scenarios x 16 1.53 → 1.45 s in six alternating runs on a quiet
// machine, within the noise in a busier one).
//
// What the bundle keeps as the per-file modules had it:
//   * imports of anything outside the stage (the shared kernel, slab glue, harness) stay imports, of
//     the same dist/ files, so the stage shares their module instances with the rest of the program
//     (its locks are the kernel's own classes);
//   * each file keeps its own scope and its import.meta.url: the entry's is index.js's own, a nested
//     file's is computed from it (defineStage() finds its stage by the URL, src/slab/stage_glue.ts).
// The goldens prove the rest: `slabseries golden` runs the bundled stages.
//
//   node bin/bundle-stages.mjs DIR...   exit 0; 2 when a DIR holds no index.js (or none is given);
//                                       3 when esbuild is not installed; 1 when esbuild fails

import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

// Its first words are what src/export/tree-stage.ts STAGE_BUNDLE_BANNER looks for: a tree loaded for
// git bisect run or a rebase must not take a bundle for the output of its own index.ts.
const BANNER = '// slabseries stage bundle (bin/bundle-stages.mjs): this stage\'s files as one module';

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  process.stderr.write('esbuild is not installed\n');
  process.exit(3);
}

const posix = (p) => p.split(sep).join('/');

/**
 * `export * from` a module outside the stage (a stage's gfp_types re-exports the shared kernel's gfp
 * bits) as `export { each name } from` it. esbuild cannot see the names of an external module, so it
 * made the file's exports an object of getters, and every `__GFP_ZERO` in the stage's code a getter
 * call on it (with TurboFan's inlining off for model runs, src/cli/v8-flags.ts: 7% of a check's
 * CPU). Named, each is an import binding of that module. The names are the module's own (imported
 * here from dist/, built by then), less those the file exports itself, which a star export yields to.
 */
async function namedStarExports(text, file, dir) {
  const star = /^export \* from (["'])(\.\.?\/[^"']+)\1;?[ \t]*$/gm;
  if (!text.includes('export * from')) return text;
  const own = new Set();
  for (const m of text.matchAll(/^export (?:const|let|var|class|(?:async )?function\*?) *([\w$]+)/gm)) own.add(m[1]);
  for (const m of text.matchAll(/^export \{([^}]*)\}(?! from)/gm)) for (const n of m[1].split(',')) own.add(n.trim().split(/\s+as\s+/).pop());
  let out = text;
  for (const m of text.matchAll(star)) {
    const target = resolve(dirname(file), m[2]);
    if (target.startsWith(dir + sep)) continue;
    const names = Object.keys(await import(pathToFileURL(target).href)).filter((n) => n !== 'default' && !own.has(n));
    out = out.replace(m[0], `export { ${names.join(', ')} } from ${m[1]}${m[2]}${m[1]};`);
  }
  return out;
}

async function bundle(dir) {
  const entry = join(dir, 'index.js');
  const tmp = join(dir, `index.${process.pid}.bundle.tmp`);
  try {
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outfile: tmp,
      banner: { js: BANNER },
      logLevel: 'silent',
      plugins: [
        {
          name: 'stage',
          setup(b) {
            // An import leaving the stage folder stays an import, relative to index.js.
            b.onResolve({ filter: /^\.\.?\// }, (a) => {
              const abs = resolve(a.resolveDir, a.path);
              if (abs.startsWith(dir + sep)) return undefined;
              const rel = posix(relative(dir, abs));
              return { path: rel.startsWith('.') ? rel : `./${rel}`, external: true };
            });
            b.onLoad({ filter: /\.js$/ }, async (a) => {
              const text = await namedStarExports(readFileSync(a.path, 'utf8'), a.path, dir);
              if (a.path === entry) return { contents: text, loader: 'js' };
              const url = `new URL(${JSON.stringify(`./${posix(relative(dir, a.path))}`)}, import.meta.url).href`;
              return { contents: text.replaceAll('import.meta.url', url), loader: 'js' };
            });
          },
        },
      ],
    });
    renameSync(tmp, entry);
  } finally {
    rmSync(tmp, { force: true });
  }
}

const dirs = process.argv.slice(2).map((d) => resolve(d));
if (!dirs.length) {
  process.stderr.write('usage: node bin/bundle-stages.mjs DIR... (dist/ stage folders)\n');
  process.exit(2);
}
const bad = dirs.find((d) => !existsSync(join(d, 'index.js')));
if (bad) {
  process.stderr.write(`${bad} holds no index.js: not a built stage folder\n`);
  process.exit(2);
}
try {
  await Promise.all(dirs.map(bundle));
} catch (e) {
  // esbuild's own message says only how many errors there were; the first one says what.
  const first = e?.errors?.[0];
  const where = first?.location ? `${first.location.file}:${first.location.line}: ` : '';
  process.stderr.write(`${first ? `${where}${first.text}` : String(e?.message ?? e).split('\n')[0]}\n`);
  process.exit(1);
}
