// What every command shares: the project's folders, the series it knows, the domain, stage
// arguments, usage errors and the progress line.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Series } from '../harness/series.ts';
import type { Slab } from '../slab/observation.ts';
import type { StageDescriptor } from '../slab/stage_api.ts';
import { slabDomain } from '../slab/domain.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'fixtures', 'scenarios');
export const GOLDEN = join(ROOT, 'test', 'golden');
export const PATCHES = join(ROOT, 'patches');
export const APPROVED = join(ROOT, 'findings', 'approved.json');
export const KERNEL_DIR = join(ROOT, 'src', 'kernel');
export const SLAB_DIR = join(ROOT, 'src', 'slab');

export const domain = slabDomain;

/**
 * The series the commands know, by the name --series takes, each loaded when a command needs it:
 * a series imports its sixteen stages, and compiling them is most of a warm check's start-up, so
 * `check` (rfc) does not load v3's. The CLI loads the series of `--series` (all of them for a
 * command without that option) before the command runs; worker threads load theirs.
 */
const SERIES_MODULES: Readonly<Record<string, () => Promise<Series<Slab>>>> = {
  rfc: () => import('../series/rfc/index.ts').then((m) => m.rfc),
  v3: () => import('../series/v3/index.ts').then((m) => m.v3),
};
export const SERIES_NAMES: readonly string[] = Object.keys(SERIES_MODULES);
const loaded = new Map<string, Series<Slab>>();

/** Load these series (default: all); an unknown name is a usage error. Returns them in order. */
export async function loadSeries(names: readonly string[] = SERIES_NAMES): Promise<Series<Slab>[]> {
  for (const n of names) if (!Object.hasOwn(SERIES_MODULES, n)) throw new UsageError(`unknown series "${n}" (known: ${SERIES_NAMES.join(', ')})`);
  return Promise.all(
    names.map(async (n) => {
      let s = loaded.get(n);
      if (!s) loaded.set(n, (s = await SERIES_MODULES[n]()));
      return s;
    }),
  );
}

/** Where a series keeps its goldens, patches and approvals (the RFC's at the top level). */
export interface SeriesPaths {
  golden: string;
  patches: string;
  approved: string;
}

export function seriesPaths(series: Series<Slab>): SeriesPaths {
  if (series.name === 'rfc') return { golden: GOLDEN, patches: PATCHES, approved: APPROVED };
  return {
    golden: join(GOLDEN, series.name),
    patches: join(PATCHES, series.name),
    approved: join(ROOT, 'findings', `approved-${series.name}.json`),
  };
}

/**
 * Approvals of findings only a base shows (its own file beside the series' one: approved.json →
 * approved-mm-unstable.json, approved-v3.json → approved-v3-mm-unstable.json). Read by check --base
 * and explore --base together with the series' approvals; written by check --base NAME --approve.
 */
export function baseApprovedPath(series: Series<Slab>, base: string): string {
  return seriesPaths(series).approved.replace(/\.json$/, `-${base}.json`);
}

/** Bad usage: one line on stderr, exit 2. */
export class UsageError extends Error {}

/**
 * An output directory a command makes (report, explore --out) must be new or empty, in a parent
 * that exists: checked before any work, so a refusal leaves nothing behind. `shown` is how the
 * user named it; `hint` what to do instead.
 */
export function checkNewOutputDir(target: string, shown: string, hint: string): void {
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new UsageError(`${shown} is not a directory; ${hint}`);
    if (readdirSync(target).length) throw new UsageError(`${shown} is not empty; ${hint}`);
    return;
  }
  const parent = dirname(target);
  if (!existsSync(parent) || !statSync(parent).isDirectory()) throw new UsageError(`${parent} does not exist or is not a directory; ${hint}`);
}

/** The series a command works on without --series. */
export const DEFAULT_SERIES = 'rfc';

/**
 * The --series option a command this tool prints (a reproduce line, a hint) needs to work on
 * `series` again: none for the default, so RFC lines stay as short as before.
 */
export function seriesOption(series: string): string {
  return series === DEFAULT_SERIES ? '' : ` --series ${series}`;
}

export function pickSeries(name = DEFAULT_SERIES): Series<Slab> {
  if (!Object.hasOwn(SERIES_MODULES, name)) throw new UsageError(`unknown series "${name}" (known: ${SERIES_NAMES.join(', ')})`);
  const s = loaded.get(name);
  // A bug, not bad input: whoever runs the command must load the series first (loadSeries).
  if (!s) throw new Error(`series "${name}" used before it was loaded (loadSeries)`);
  return s;
}

/** "7", "07" or "07-alloc-flags-to-new-slab" → the stage. */
export function resolveStage(series: Series<Slab>, arg: string): StageDescriptor {
  const m = /^(\d{1,2})(-.*)?$/.exec(arg);
  const n = m ? Number(m[1]) : NaN;
  const stages = series.stages;
  const last = stages.length - 1;
  const st = stages.find((s) => s.number === n);
  if (!m) throw new UsageError(notAStage(arg, last));
  if (!st) throw new UsageError(`stage "${arg}" is out of range (00..${nn(last)})`);
  if (m[2] && st.slug !== `${m[1].padStart(2, '0')}${m[2]}`) throw new UsageError(`stage "${arg}" does not match ${st.slug}`);
  return st;
}

export const nn = (n: number) => String(n).padStart(2, '0');

/** The error for a --stage that is not a number at all (a list, a range, a word). */
export function notAStage(arg: string, last: number): string {
  const list = /[,\s]/.test(arg) ? '; one stage here (explore --stage takes a list)' : '';
  return `stage "${arg}" is not a stage: expected its number, 00..${nn(last)}, or its slug (e.g. 05-alloc-flags-in-context)${list}`;
}

/**
 * How a command this tool prints (a reproduce line, a hint) calls the tool: its launcher,
 * bin/slabseries.mjs, relative to the current directory, which a shell runs directly. Not `npx
 * slabseries`, which resolves the package again on every call (about half a second).
 */
export function selfCommand(cwd: string = process.cwd()): string {
  const rel = relative(cwd, join(ROOT, 'bin', 'slabseries.mjs')).split(sep).join('/');
  const path = rel.includes('/') ? rel : `./${rel}`;
  return /^[A-Za-z0-9_./:=+-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/**
 * Colour on this stream? NO_COLOR (non-empty) turns it off, FORCE_COLOR (non-empty, not 0/false)
 * on; otherwise a terminal that is not TERM=dumb. (https://no-color.org, FORCE_COLOR as in
 * picocolors and Node.)
 */
export function colorEnabled(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** Progress on a terminal's stderr (one rewritten line); nothing when stderr is a file or pipe. */
export function progress(msg: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${msg}\x1b[K`);
}

export function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}
