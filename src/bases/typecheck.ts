// Type-checking the materialized roots of a rebased series (src/bases/rebase.ts) in one compiler
// process, each distinct file once. The 16 stages of a series are copies that differ where the series
// touches them, and a build configuration changes only the files with `// #ifdef` lines. A file whose
// text and whose stage-relative imports (transitively) equal those of a file checked already gets the
// same diagnostics: it is linked to that file instead of being checked again, and that file's
// diagnostics are reported for it too. The shared kernel and slab glue are checked once for all roots.
// Measured on the 2-core machine (both configurations of a series on a base): one `tsc -p` per root,
// the two at once, 7.5–7.9 s; this, 4.9–5.4 s. Two processes of half the stages each: 6.7–8.5 s (each
// parses and binds what the other does), not kept.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';

/** What `tsc --noEmit -p ROOT` says of one root: its exit status and its output. */
export interface RootCheck {
  status: number | null;
  out: string;
}

/** The files under a root's `src/stages`, by stage slug: stage-relative path → text. */
function stageFiles(root: string): Map<string, Map<string, string>> {
  const stages = new Map<string, Map<string, string>>();
  const dir = join(root, 'src', 'stages');
  for (const slug of readdirSync(dir).sort()) {
    const files = new Map<string, string>();
    const walk = (rel: string) => {
      for (const name of readdirSync(join(dir, slug, rel)).sort()) {
        const r = rel ? `${rel}/${name}` : name;
        if (statSync(join(dir, slug, r)).isDirectory()) walk(r);
        else files.set(r, readFileSync(join(dir, slug, r), 'utf8'));
      }
    };
    walk('');
    stages.set(slug, files);
  }
  return stages;
}

// Every relative string literal counts as an import: a conservative reading (an import form the
// pattern missed would let two files with different imports share diagnostics).
const RELATIVE = /['"](\.\.?\/[^'"\n]*)['"]/g;

/**
 * Per file of one stage, a digest of the file and every stage file it reaches through relative
 * specifiers (paths and texts): equal digests, equal diagnostics.
 */
function closureDigests(files: ReadonlyMap<string, string>): Map<string, string> {
  const deps = new Map<string, string[]>();
  for (const [f, text] of files) {
    const out: string[] = [];
    for (const m of text.matchAll(RELATIVE)) {
      const p = posix.normalize(posix.join(posix.dirname(f), m[1]));
      for (const c of [p, p.replace(/\.js$/, '.ts'), `${p}.ts`, `${p}/index.ts`]) if (files.has(c)) out.push(c);
    }
    deps.set(f, out);
  }
  const digests = new Map<string, string>();
  for (const f of files.keys()) {
    const seen = new Set<string>([f]);
    const todo = [f];
    while (todo.length) for (const d of deps.get(todo.pop()!)!) if (!seen.has(d)) (seen.add(d), todo.push(d));
    const h = createHash('sha256');
    for (const g of [...seen].sort()) h.update(`${g}\0${files.get(g)}\0`);
    digests.set(f, h.digest('hex'));
  }
  return digests;
}

/** One diagnostic of tsc's plain output: its first line and the indented lines after it. */
function entries(text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    if (/^\s/.test(line) && out.length) out[out.length - 1].push(line);
    else out.push([line]);
  }
  return out;
}

/**
 * `node -e` body (argv: the typescript package, a tsconfig.json): what `tsc --noEmit -p` prints, but
 * every relative import resolved to its real path. tsc follows links to their real file only inside
 * node_modules, so a linked copy would be checked again; resolved here, it is the file it links to,
 * and the shared kernel and slab glue linked into each root are one set of files too.
 */
const CHECK_ONCE = `
const ts = require(process.argv[1]);
const { realpathSync } = require('node:fs');
const fail = (d) => { process.stdout.write(ts.formatDiagnostics([d], fmt)); process.exit(2); };
const fmt = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\\n' };
const parsed = ts.getParsedCommandLineOfConfigFile(process.argv[2], {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: fail });
const host = ts.createCompilerHost(parsed.options);
const cache = ts.createModuleResolutionCache(host.getCurrentDirectory(), host.getCanonicalFileName, parsed.options);
host.resolveModuleNameLiterals = (literals, containingFile, redirected, options, file) => literals.map((lit) => {
  const r = ts.resolveModuleName(lit.text, containingFile, options, host, cache, redirected, ts.getModeForUsageLocation(file, lit, options));
  const m = r.resolvedModule;
  if (m && !m.isExternalLibraryImport) {
    try { return { ...r, resolvedModule: { ...m, resolvedFileName: realpathSync(m.resolvedFileName) } }; } catch { /* as resolved */ }
  }
  return r;
});
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host, configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed) });
const diags = ts.sortAndDeduplicateDiagnostics(ts.getPreEmitDiagnostics(program));
process.stdout.write(ts.formatDiagnostics(diags, fmt));
process.exitCode = diags.length ? 2 : 0;
`;

/** A compiler run made ready: its directory (removed after the run), how to start it, and how to read what it says. */
interface Prepared {
  dir: string;
  argv: string[];
  /** Per root, what the compiler's output (stdout then stderr) says of it. */
  interpret(run: { error?: unknown; status: number | null; text: string }): RootCheck[];
}

/**
 * Write the one compiler directory for `roots`: each distinct stage file once (a copy whose text and
 * imports equal a file written already is a link to it), the shared folders linked, one tsconfig.json.
 */
function prepare(roots: readonly string[], typescript: string, nodeModules: string | null): Prepared {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'slabseries-check-')));
  try {
    // canonical "rI/src/stages/SLUG/FILE" → every (root, slug, file) it stands for
    const aliases = new Map<string, { root: number; slug: string; file: string }[]>();
    const byDigest = new Map<string, string>();
    const order: { root: number; slug: string; file: string; canonical: string }[] = [];
    const canonicalFiles: string[] = [];
    roots.forEach((root, i) => {
      const top = join(dir, `r${i}`);
      mkdirSync(join(top, 'src', 'stages'), { recursive: true });
      writeFileSync(join(top, 'package.json'), readFileSync(join(root, 'package.json')));
      for (const e of readdirSync(join(root, 'src'))) if (e !== 'stages') symlinkSync(realpathSync(join(root, 'src', e)), join(top, 'src', e), 'dir');
      for (const [slug, files] of stageFiles(root)) {
        const digests = closureDigests(files);
        for (const [file, text] of files) {
          const at = join(top, 'src', 'stages', slug, file);
          mkdirSync(dirname(at), { recursive: true });
          const key = `${file}\0${digests.get(file)}`;
          const known = byDigest.get(key);
          const canonical = known ?? `r${i}/src/stages/${slug}/${file}`;
          if (known) symlinkSync(join(dir, known), at);
          else {
            writeFileSync(at, text);
            byDigest.set(key, canonical);
            if (file.endsWith('.ts')) canonicalFiles.push(canonical);
          }
          aliases.set(canonical, [...(aliases.get(canonical) ?? []), { root: i, slug, file }]);
          order.push({ root: i, slug, file, canonical });
        }
      }
    });
    if (nodeModules) symlinkSync(nodeModules, join(dir, 'node_modules'), 'dir');
    const tsconfig = JSON.parse(readFileSync(join(roots[0], 'tsconfig.json'), 'utf8')) as { compilerOptions: unknown };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: tsconfig.compilerOptions, files: canonicalFiles }, null, 2));
    const interpret = ({ error, status, text }: { error?: unknown; status: number | null; text: string }): RootCheck[] => {
      if (error || status === null) return roots.map(() => ({ status: null, out: String(error ?? text) }));
      // A diagnostic of a stage file, for every copy it stands for; anything else, for every root.
      const byFile = new Map<string, string[][]>();
      const other: string[][] = [];
      for (const e of entries(text)) {
        const m = /^(r\d+\/src\/stages\/[^/]+\/[^(]+)(\(.*)$/.exec(e[0]);
        if (m && aliases.has(m[1])) byFile.set(m[1], [...(byFile.get(m[1]) ?? []), [m[2], ...e.slice(1)]]);
        else other.push(e);
      }
      return roots.map((_, i) => {
        const lines: string[] = [];
        // By path, compared as strings, as tsc sorts its diagnostics ("lib.ts" before "lib/x.ts").
        const mine = order.filter((o) => o.root === i).map((o) => ({ path: `src/stages/${o.slug}/${o.file}`, canonical: o.canonical }));
        mine.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
        for (const o of mine) for (const [head, ...rest] of byFile.get(o.canonical) ?? []) lines.push(`${o.path}${head}`, ...rest);
        for (const e of other) lines.push(...e);
        return lines.length ? { status: status || 2, out: `${lines.join('\n')}\n` } : { status: 0, out: '' };
      });
    };
    return { dir, argv: ['-e', CHECK_ONCE, typescript, join(dir, 'tsconfig.json')], interpret };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Type-check `roots` (materialized by src/bases/rebase.ts materialize(): `src/stages/SLUG/...`
 * beside links to the shared folders) with the `compilerOptions` of their tsconfig.json, each
 * distinct file once, in one compiler process. Per root, what a `tsc --noEmit -p ROOT` of its own
 * prints of its stages' files (the same diagnostics, by file in stage and file order), and its status.
 */
export function typecheckRoots(roots: readonly string[], typescript: string, nodeModules: string | null): RootCheck[] {
  const p = prepare(roots, typescript, nodeModules);
  try {
    const r = spawnSync(process.execPath, p.argv, { cwd: p.dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    return p.interpret({ error: r.error, status: r.status, text: r.error || r.status === null ? String(r.error ?? r.stderr) : `${r.stdout}${r.stderr}` });
  } finally {
    rmSync(p.dir, { recursive: true, force: true });
  }
}

/** A type-check running in a compiler process of its own: `done` settles once it has exited. */
export interface RunningTypecheck {
  done: Promise<RootCheck[]>;
  /** Stop it and remove its files (nothing is left behind when its caller gives up first). */
  cancel(): void;
}

/**
 * typecheckRoots() without waiting for the compiler: `check --base` runs its scenarios on this thread
 * meanwhile (the compiler takes the other core). The compiler writes to files, not pipes, so a
 * thread busy running scenarios never stalls it on a full pipe.
 */
export function startTypecheckRoots(roots: readonly string[], typescript: string, nodeModules: string | null): RunningTypecheck {
  const p = prepare(roots, typescript, nodeModules);
  let settled = false;
  const remove = () => rmSync(p.dir, { recursive: true, force: true });
  let child: ChildProcess;
  const [outFile, errFile] = [join(p.dir, '.stdout'), join(p.dir, '.stderr')];
  try {
    const [out, err] = [openSync(outFile, 'w'), openSync(errFile, 'w')];
    try {
      child = spawn(process.execPath, p.argv, { cwd: p.dir, stdio: ['ignore', out, err] });
    } finally {
      closeSync(out);
      closeSync(err);
    }
  } catch (e) {
    remove();
    throw e;
  }
  const done = new Promise<RootCheck[]>((resolve) => {
    const finish = (status: number | null, error?: unknown) => {
      if (settled) return;
      settled = true;
      try {
        const [stdout, stderr] = [readFileSync(outFile, 'utf8'), readFileSync(errFile, 'utf8')];
        resolve(p.interpret({ error, status, text: error || status === null ? String(error ?? stderr) : `${stdout}${stderr}` }));
      } catch (e) {
        resolve(roots.map(() => ({ status: null, out: String(e) })));
      } finally {
        remove();
      }
    };
    child.on('error', (e) => finish(null, e));
    child.on('exit', (code) => finish(code));
  });
  return {
    done,
    cancel: () => {
      if (settled) return;
      settled = true;
      child.kill('SIGKILL');
      remove();
    },
  };
}
