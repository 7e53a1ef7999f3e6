// Primitives the cache's stores share (src/cache/observations.ts, src/cache/packs.ts).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * mkdir -p one level at a time: Node's recursive mkdirSync never returns under /proc (every level
 * answers ENOENT), and SLABSERIES_CACHE_DIR may point anywhere. Throws on the first level that
 * cannot be made.
 */
export function mkdirLevels(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    if (dirname(d) === d) break;
    missing.push(d);
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/**
 * Feed every file under `dir` to `h` by its path (`rel`, then the path below it) and its bytes, for
 * a cache key. Sorted by code unit, so the key does not depend on the file system's order; symbolic
 * links are followed (a build root links the shared folders in); node_modules is left out (keys
 * take the installed packages from npm's lock instead); a missing folder, a dangling link or
 * anything but a regular file is named as such, never read.
 */
export function hashTree(h: { update(data: string | Buffer): unknown }, dir: string, rel: string): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    h.update(`\0missing ${rel}\0`);
    return;
  }
  for (const name of names) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    const r = `${rel}/${name}`;
    let st;
    try {
      st = statSync(p);
    } catch {
      h.update(`\0dangling ${r}\0`);
      continue;
    }
    if (st.isDirectory()) hashTree(h, p, r);
    // Only regular files are read (a FIFO would block).
    else if (st.isFile()) h.update(`\0${r}\0`), h.update(readFileSync(p));
    else h.update(`\0not a file ${r}\0`);
  }
}
