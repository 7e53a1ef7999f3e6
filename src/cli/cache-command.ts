// The result cache on the command line: check's --jobs/--no-cache become observeAll options, and
// `slabseries cache clear` removes .slabseries-cache/. With SLABSERIES_CACHE_STATS set, check says
// on stderr how many observations and judgements came from the cache and how many were computed.

import { existsSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { cacheContents, cacheDir, clearCache, ObservationCache, type CacheStats } from '../cache/observations.ts';
import { DEFAULT_PACK_LIMIT_MB, packLimitBytes } from '../cache/packs.ts';
import { JudgementCache } from '../cache/judgements.ts';
import { BuildCache } from '../cache/builds.ts';
import { UsageError } from './context.ts';
import type { ObserveOptions } from './observe.ts';

export function observeOptions(opts: { jobs?: number; cache?: boolean }): ObserveOptions {
  const cache = opts.cache === false ? null : new ObservationCache();
  const judgements = cache ? new JudgementCache(cache.dir) : null;
  if (cache && judgements && process.env.SLABSERIES_CACHE_STATS) {
    const entries = (n: number) => `entr${n === 1 ? 'y' : 'ies'}`;
    process.on('exit', () => {
      const s = cache.stats;
      const j = judgements.stats;
      process.stderr.write(observationStatsLine(s));
      process.stderr.write(`slabseries: judgement cache: ${j.hits} hit(s), ${j.writes} judged and stored, ${j.corrupt} corrupt ${entries(j.corrupt)} judged again\n`);
    });
  }
  return { jobs: opts.jobs, cache, judgements };
}

/** The build cache (src/cache/builds.ts), unless the command was given --no-cache. */
export function buildCache(opts: { cache?: boolean }): BuildCache | null {
  if (opts.cache === false) return null;
  const cache = new BuildCache();
  // As observeOptions() above says the observation and judgement caches' counts.
  if (process.env.SLABSERIES_CACHE_STATS) {
    process.on('exit', () => {
      const s = cache.stats;
      process.stderr.write(`slabseries: build cache: ${s.hits} hit(s), ${s.writes} built and stored, ${s.corrupt} corrupt entr${s.corrupt === 1 ? 'y' : 'ies'} built again\n`);
    });
  }
  return cache;
}

/** What SLABSERIES_CACHE_STATS prints for the observation cache (check, check --base). */
export function observationStatsLine(s: CacheStats): string {
  return `slabseries: cache: ${s.hits} hit(s), ${s.writes} run and stored, ${s.corrupt} corrupt entr${s.corrupt === 1 ? 'y' : 'ies'} recomputed\n`;
}

/** `slabseries cache clear`. */
export function cmdCacheClear(): void {
  const dir = cacheDir();
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`the cache directory ${relative(process.cwd(), dir) || dir} (SLABSERIES_CACHE_DIR) is not a directory; nothing removed`);
  const n = clearCache(dir);
  process.stdout.write(`removed ${n.observations} cached observation(s), ${n.judgements} judgement(s), ${n.syntax} parsed file(s), ${n.checks} check report(s), ${n.builds} build result(s) and ${n.code} compiled package file(s) from ${relative(process.cwd(), dir) || dir}\n`);
}

/** `slabseries cache stats`: what the cache holds, by kind, and the packed kinds' limits. */
export function cmdCacheStats(opts: { json?: boolean }): void {
  const dir = cacheDir();
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`the cache directory ${relative(process.cwd(), dir) || dir} (SLABSERIES_CACHE_DIR) is not a directory`);
  const { entries, bytes } = cacheContents(dir);
  const limitMB = process.env.SLABSERIES_CACHE_MAX_MB === undefined ? DEFAULT_PACK_LIMIT_MB : Number(process.env.SLABSERIES_CACHE_MAX_MB);
  const rows = (Object.keys(entries) as (keyof typeof entries)[]).map((kind) => ({
    kind,
    entries: entries[kind],
    bytes: bytes[kind],
    ...(kind === 'observations' || kind === 'judgements' ? { limitBytes: packLimitBytes(kind) } : {}),
  }));
  const where = relative(process.cwd(), dir) || dir;
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ dir: where, limitMB, kinds: rows }, null, 2)}\n`);
    return;
  }
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  const names: Record<(typeof rows)[number]['kind'], string> = { observations: 'observations', judgements: 'judgements', syntax: 'parsed files', checks: 'check reports', builds: 'build results', code: 'compiled code' };
  const out = [`${where} (SLABSERIES_CACHE_MAX_MB ${limitMB}: observations and judgements are pruned, oldest first, past their share)`];
  for (const r of rows) out.push(`  ${names[r.kind].padEnd(14)} ${String(r.entries).padStart(9)} entries ${mib(r.bytes).padStart(12)}${r.limitBytes !== undefined ? ` of ${mib(r.limitBytes)}` : ''}`);
  process.stdout.write(`${out.join('\n')}\n`);
}
