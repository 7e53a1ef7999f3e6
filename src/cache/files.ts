// Primitives the cache's stores share (src/cache/observations.ts, src/cache/packs.ts).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

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
