// Load a stage from a checked-out tree (an export-git commit): the tree is placed beside this
// installation's shared kernel and slab glue so its relative imports resolve, then imported.
//
// The tree's stage must use the very kernel modules this process runs (the kernel checks its locks
// with instanceof), so the kernel linked beside it is the running one: src/kernel when running
// from the TypeScript sources (tsx), dist/kernel when running compiled. In the compiled case the
// tree's .ts files are transpiled to .js first (the TypeScript that ts-morph ships, a runtime
// dependency already), so plain Node imports them and no TypeScript loader is needed at run time.

import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ts as TypeScript } from 'ts-morph';
import type { StageDescriptor } from '../slab/stage_api.ts';
import type { BuildCache } from '../cache/builds.ts';
import { requireTypeScript } from '../cache/code-cache.ts';

const COMPILED = !import.meta.url.endsWith('.ts');

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) tsFiles(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Transpile the tree's .ts files to .js. A file whose text is that of a shipped stage's file is
 * not transpiled again: the build's output for it is copied (same text, same compiler options, so
 * the same JavaScript; the build keeps dist/ no older than src/). Only the rest loads TypeScript.
 */
function transpileTree(dir: string, cache: BuildCache | null): void {
  const built = shippedBuild();
  let ts: typeof TypeScript | null = null;
  for (const p of tsFiles(dir)) {
    const text = readFileSync(p, 'utf8');
    const out = p.replace(/\.ts$/, '.js');
    const js = built.get(sha(text));
    if (js) {
      copyFileSync(js, out);
      continue;
    }
    const compile = () => {
      ts ??= requireTypeScript(import.meta.url, { write: !!cache });
      const options = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true, rewriteRelativeImportExtensions: true };
      return ts.transpileModule(text, { compilerOptions: options, fileName: p }).outputText;
    };
    // The options are those above; the file name only names the file in diagnostics (none are asked for).
    writeFileSync(out, cache ? cache.transpiled(text, TRANSPILE_OPTIONS_KEY, compile) : compile());
  }
}

/** What the options of transpileTree() are, for the build cache's key (change both together). */
const TRANSPILE_OPTIONS_KEY = 'target=ES2022 module=ESNext verbatimModuleSyntax rewriteRelativeImportExtensions';

/**
 * The first line of a stage's dist/ index.js that the build bundled (bin/bundle-stages.mjs writes it):
 * that file holds the whole stage, not its index.ts alone.
 */
export const STAGE_BUNDLE_BANNER = '// slabseries stage bundle';

let shipped: Map<string, string> | null = null;
/**
 * The shipped stages' built files by the digest of their source (read once per process: ~16 trees).
 * A bundled index.js is not index.ts's output: every stage's index.ts has the same text, so copying a
 * bundle would load another stage's code in place of the tree's (git bisect run judged an exported
 * stage 00 as the bundle of stage 15, whose gfp layout has no __GFP_NO_OBJ_EXT).
 */
function shippedBuild(): Map<string, string> {
  if (shipped) return shipped;
  const shippedSrc = fileURLToPath(new URL('../../src/stages', import.meta.url));
  const shippedDist = fileURLToPath(new URL('../stages', import.meta.url));
  shipped = new Map<string, string>();
  if (existsSync(shippedSrc)) {
    for (const f of tsFiles(shippedSrc)) {
      const js = join(shippedDist, relative(shippedSrc, f)).replace(/\.ts$/, '.js');
      if (!existsSync(js) || statSync(js).mtimeMs < statSync(f).mtimeMs) continue;
      if (f.endsWith(`${sep}index.ts`) && readFileSync(js, 'utf8').startsWith(STAGE_BUNDLE_BANNER)) continue;
      shipped.set(sha(readFileSync(f, 'utf8')), js);
    }
  }
  return shipped;
}

/** shared: the kernel and slab sources, linked when running from source; compiled, the running dist/ ones are linked. */
export async function loadTreeStage(tree: string, shared: { kernel: string; slab: string }, cache: BuildCache | null = null): Promise<StageDescriptor | null> {
  if (!existsSync(join(tree, 'index.ts')) || !existsSync(join(tree, 'mm', 'slub.ts'))) return null;
  const tmp = mkdtempSync(join(tmpdir(), 'slabseries-tree-'));
  mkdirSync(join(tmp, 'src', 'stages'), { recursive: true });
  // The stage's files are ES modules, as in the project.
  writeFileSync(join(tmp, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(COMPILED ? fileURLToPath(new URL('../kernel', import.meta.url)) : shared.kernel, join(tmp, 'src', 'kernel'), 'dir');
  symlinkSync(COMPILED ? fileURLToPath(new URL('../slab', import.meta.url)) : shared.slab, join(tmp, 'src', 'slab'), 'dir');
  const dest = join(tmp, 'src', 'stages', '99-tree');
  cpSync(tree, dest, { recursive: true, filter: (p) => !p.includes(`${join(tree, '.git')}`) });
  try {
    if (COMPILED) transpileTree(dest, cache);
    const mod = (await import(pathToFileURL(join(dest, COMPILED ? 'index.js' : 'index.ts')).href)) as { stage?: StageDescriptor };
    return mod.stage ?? null;
  } finally {
    // Imported modules stay loaded; the copy is no longer needed.
    rmSync(tmp, { recursive: true, force: true });
  }
}
