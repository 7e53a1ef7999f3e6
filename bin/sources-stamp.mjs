// The launcher's quick answer to "is dist/ still what src/ compiles to?", so that a command does not
// walk both trees first. bin/build.mjs's staleSources() reads every folder of src/ and dist/ (about
// 700 readdirs and 840 stats); this reads one file and stats what it names (about 1,160 paths):
// `--help` 0.19-0.21 -> 0.17-0.18 s on the 2-core machine, eight alternating pairs.
//
// The stamp (dist/.sources-stamp.json) records, as one scan of src/ saw them, the modification time
// of every folder under src/ (a file added, removed or renamed changes its folder's) and of every
// source. It is written by the build after compiling (the scan taken before it compiled) and by the
// launcher when its full check found nothing out of date. dist/ is current while every recorded time
// is unchanged and every source's output exists: then nothing was edited, added or removed since a
// scan after which dist/ was current. Anything else, or no readable stamp, and the launcher does the
// full check, which decides (and rebuilds); the stamp never declares a tree current that the full
// check would call stale, since a source edited after its scan differs from the time recorded.

import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SRC = join(ROOT, 'src');
export const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.sources-stamp.json');
const VERSION = 1;

/** The dist/ file a source compiles to (a stage's index.ts: its bundle). */
export const outOf = (src) => join(DIST, relative(SRC, src)).replace(/\.ts$/, '.js');

/**
 * What a scan of src/ saw: folder → mtimeMs and source → mtimeMs, both keyed by the path relative
 * to src/.
 * @typedef {{ dirs: Record<string, number>, files: Record<string, number> }} SourceScan
 */

/** True when the stamp says dist/ is current; false when it cannot tell (the full check decides). */
export function matchesStamp() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return false;
  }
  if (stamp?.version !== VERSION || typeof stamp.dirs !== 'object' || typeof stamp.files !== 'object' || !stamp.dirs || !stamp.files) return false;
  try {
    for (const [dir, mtime] of Object.entries(stamp.dirs)) if (statSync(join(SRC, dir)).mtimeMs !== mtime) return false;
    for (const [file, mtime] of Object.entries(stamp.files)) {
      const src = join(SRC, file);
      if (statSync(src).mtimeMs !== mtime) return false;
      // An output removed by hand (statSync throws): the full check compiles it again.
      statSync(outOf(src));
    }
  } catch {
    return false;
  }
  return true;
}

/**
 * Record a scan after which dist/ was current. Written atomically (two processes may build at once);
 * an unwritable dist/ only leaves the next command to the full check.
 * @param {SourceScan} scan
 */
export function writeStamp(scan) {
  const tmp = `${STAMP}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify({ version: VERSION, dirs: scan.dirs, files: scan.files }));
    renameSync(tmp, STAMP);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing to clean up that we may remove
    }
  }
}
