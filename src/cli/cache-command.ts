// The result cache on the command line: check's --jobs/--no-cache become observeAll options, and
// `slabseries cache clear` removes .slabseries-cache/. With SLABSERIES_CACHE_STATS set, check says
// on stderr how many observations came from the cache and how many were run.

import { relative } from 'node:path';
import { cacheDir, clearCache, ObservationCache } from '../cache/observations.ts';
import type { ObserveOptions } from './observe.ts';

export function observeOptions(opts: { jobs?: number; cache?: boolean }): ObserveOptions {
  const cache = opts.cache === false ? null : new ObservationCache();
  if (cache && process.env.SLABSERIES_CACHE_STATS) {
    process.on('exit', () => {
      const s = cache.stats;
      process.stderr.write(`slabseries: cache: ${s.hits} hit(s), ${s.writes} run and stored, ${s.corrupt} corrupt entr${s.corrupt === 1 ? 'y' : 'ies'} recomputed\n`);
    });
  }
  return { jobs: opts.jobs, cache };
}

/** `slabseries cache clear`. */
export function cmdCacheClear(): void {
  const dir = cacheDir();
  const n = clearCache(dir);
  process.stdout.write(`removed ${n} cached observation(s) from ${relative(process.cwd(), dir) || dir}\n`);
}
