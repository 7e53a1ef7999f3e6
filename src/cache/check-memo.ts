// The top layer of the result cache: a whole `check` report by everything it can depend on. With
// nothing changed, a second `check` prints the stored report without loading the series, reading
// the 2 × 16 × N observation and judgement entries below it, or judging anything (issue 14: warm
// check ≤ 0.4 s). Anything changed — one byte of any source file, a scenario, an approval, an
// installed package, an argument, the directory it runs in, colour — is another key: the check then
// runs as before on the per-run caches (observations.ts, judgements.ts) and stores its report.
//
// The key is coarse on purpose (the whole source tree, not the code a check executes): a memo is
// only worth having when nothing changed, and a coarse key cannot miss an input.
//
// Also for `check --base NAME` (about 10 s even with the build cache: rebasing, loading, running):
// the base's overlay is under src/, its scenarios under fixtures/mm-unstable, the compiler in the
// installed packages. Not used with --no-cache, --approve (it writes), or SLABSERIES_CACHE_STATS
// (whose counts describe the layers below). A report is stored only when the check ended with exit 0 or 1
// and wrote nothing to stderr but progress lines; each entry carries its SHA-256 (readEntry).

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MAX_SCENARIO_BYTES } from '../harness/json.ts';
import { cacheDir, entryPath, PROJECT_ROOT, readEntry, writeEntry } from './observations.ts';
import { hashTree } from './files.ts';

const FORMAT = 'slabseries-check-memo/1';

/** What decides the project's part of the key: the code, the data, the installed packages. */
const TREES = ['src', 'bin', 'fixtures/scenarios', 'fixtures/mm-unstable', 'findings'];
const FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'node_modules/.package-lock.json'];

export interface CheckMemo {
  code: number;
  stdout: string;
}

/** The largest file the key reads: the scenario loader refuses anything larger. */
const MAX_READ = MAX_SCENARIO_BYTES;

/**
 * A file as the key sees it: its bytes when it is a regular file check would read, else what it
 * is. Never blocks (a FIFO is not read) and never throws: check itself reports what is wrong.
 */
function hashFile(h: ReturnType<typeof createHash>, p: string): void {
  try {
    const st = statSync(p);
    if (!st.isFile()) h.update(`\0not a file\0`);
    else if (st.size > MAX_READ) h.update(`\0too large ${st.size} ${st.mtimeMs}\0`);
    else h.update(readFileSync(p));
  } catch (e) {
    h.update(`\0unreadable ${(e as NodeJS.ErrnoException).code ?? ''}\0`);
  }
}

/** A scenario argument as check reads it: a file's text, a directory's .json files, or a name. */
function hashArg(h: ReturnType<typeof createHash>, arg: string, cwd: string): void {
  const p = resolve(cwd, arg);
  h.update(`\0arg ${arg}\0`);
  if (!existsSync(p)) return; // a shipped scenario's name: the fixtures are in the key already
  let names: string[] | null = null;
  try {
    if (statSync(p).isDirectory()) names = readdirSync(p).filter((x) => x.endsWith('.json')).sort();
  } catch (e) {
    h.update(`\0unreadable ${(e as NodeJS.ErrnoException).code ?? ''}\0`);
    return;
  }
  if (names === null) return hashFile(h, p);
  for (const f of names) {
    h.update(`\0${f}\0`);
    hashFile(h, join(p, f));
  }
}

/**
 * The key of a check: its command line, where it runs, what decides its colours, and the project
 * (source tree, fixtures, approvals, build options, installed packages).
 */
export function checkMemoKey(argv: readonly string[], scenarioArgs: readonly string[], root = PROJECT_ROOT, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env, stdoutTty = process.stdout.isTTY === true): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([FORMAT, process.version, cwd, argv, env.NO_COLOR ?? null, env.FORCE_COLOR ?? null, env.TERM ?? null, stdoutTty]));
  for (const t of TREES) hashTree(h, join(root, t), t);
  for (const f of FILES) {
    const p = join(root, f);
    h.update(`\0${f}\0`);
    if (existsSync(p)) h.update(readFileSync(p));
  }
  for (const a of scenarioArgs) hashArg(h, a, cwd);
  return h.digest('hex');
}

export function readCheckMemo(key: string, dir = cacheDir()): CheckMemo | undefined {
  const path = entryPath(dir, key, 'checks');
  const got = readEntry<CheckMemo>(path, { misses: 0, corrupt: 0 });
  const v = got?.value;
  if (!(v && typeof v.code === 'number' && typeof v.stdout === 'string')) return undefined;
  // Used now: kept before reports not asked for since (pruneCheckReports keeps the newest).
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // a read-only cache still answers
  }
  return v;
}

/**
 * Stored reports kept: the newest by modification time (written or last printed). Each is a whole report (some 250 KB for the
 * shipped scenarios), one per command line and state of the tree, and nothing else bounded them:
 * this checkout's had grown to 754 of them, 190 MB, in a few days.
 */
export const MAX_CHECK_REPORTS = 100;

export function writeCheckMemo(key: string, memo: CheckMemo, dir = cacheDir()): void {
  try {
    writeEntry(entryPath(dir, key, 'checks'), memo);
    pruneCheckReports(join(dir, 'checks'), MAX_CHECK_REPORTS);
  } catch {
    // an unwritable cache only costs time
  }
}

/** Remove all but the `keep` newest report files under `dir` (its two-character fan-out folders). */
export function pruneCheckReports(dir: string, keep: number): number {
  const files: { path: string; mtime: number }[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (!d.isDirectory()) continue;
    for (const f of readdirSync(join(dir, d.name))) {
      if (!f.endsWith('.json')) continue;
      try {
        files.push({ path: join(dir, d.name, f), mtime: statSync(join(dir, d.name, f)).mtimeMs });
      } catch {
        // gone meanwhile
      }
    }
  }
  if (files.length <= keep) return 0;
  files.sort((a, b) => b.mtime - a.mtime || (a.path < b.path ? -1 : 1));
  for (const f of files.slice(keep)) rmSync(f.path, { force: true });
  return files.length - keep;
}

/**
 * Run `fn` with what it writes to stdout recorded (and still written): the report to store, or
 * null when it also wrote to stderr anything but a progress line (those start with a carriage return).
 */
export async function recordingStdout(fn: () => Promise<number>): Promise<{ code: number; stdout: string | null }> {
  const out = process.stdout;
  const err = process.stderr;
  const origOut = out.write;
  const origErr = err.write;
  const chunks: string[] = [];
  let clean = true;
  const text = (c: unknown) => (typeof c === 'string' ? c : Buffer.from(c as Uint8Array).toString('utf8'));
  out.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    chunks.push(text(chunk));
    return (origOut as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof out.write;
  err.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    if (!text(chunk).startsWith('\r')) clean = false;
    return (origErr as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof err.write;
  try {
    const code = await fn();
    return { code, stdout: clean ? chunks.join('') : null };
  } finally {
    out.write = origOut;
    err.write = origErr;
  }
}
