// `slabseries explore`: generated scenarios judged on every step, findings shrunk and written as
// ordinary scenario files.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { explore, type ExploreResult } from '../harness/explore.ts';
import { stageInfos } from '../harness/series.ts';
import { scenarioArbitrary } from '../slab/arbitrary.ts';
import { loadApproved } from './approvals.ts';
import { domain, endProgress, pickSeries, progress, resolveStage, seriesPaths, UsageError } from './context.ts';

export interface ExploreOptions {
  series?: string;
  seed: string;
  runs?: string;
  time?: string;
  stage?: string;
  json?: boolean;
  out?: string;
}

function parseTime(s: string): number {
  const m = /^(\d+)(ms|s|m)?$/.exec(s);
  if (!m) throw new UsageError(`--time must look like 60s, 2m or 500ms, not "${s}"`);
  return Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000);
}

function positive(s: string, what: string): number {
  if (!/^\d+$/.test(s) || Number(s) < 1) throw new UsageError(`${what} must be a positive integer, not "${s}"`);
  return Number(s);
}

/** The file name of a finding's scenario: step, kind and a hash of the signature (stable per seed). */
export function findingFileName(stage: string, kind: string, signature: string): string {
  return `x-${stage.slice(0, 2)}-${kind}-${createHash('sha256').update(signature).digest('hex').slice(0, 10)}`;
}

export function cmdExplore(opts: ExploreOptions): number {
  const series = pickSeries(opts.series);
  const seed = /^\d+$/.test(opts.seed) ? Number(opts.seed) : NaN;
  if (!Number.isSafeInteger(seed) || seed > 0xffffffff) throw new UsageError(`--seed must be an integer 0..4294967295, not "${opts.seed}"`);
  if (opts.runs !== undefined && opts.time !== undefined) throw new UsageError('use either --runs or --time');
  const timeLimitMs = opts.time !== undefined ? parseTime(opts.time) : undefined;
  const runs = opts.runs !== undefined ? positive(opts.runs, '--runs') : timeLimitMs !== undefined ? 1_000_000 : 200;
  const only = opts.stage !== undefined ? new Set([resolveStage(series, opts.stage).number]) : undefined;
  const out = resolve(opts.out ?? `explore-${seed}`);
  if (existsSync(out) && readdirSync(out).length) throw new UsageError(`${relative(process.cwd(), out) || out} is not empty; choose a new directory with --out`);
  const approved = loadApproved(seriesPaths(series).approved);
  const tty = process.stderr.isTTY === true && !opts.json;
  const t0 = Date.now();
  const r: ExploreResult = explore({
    domain,
    stages: series.stages,
    infos: stageInfos(series),
    arbitrary: scenarioArbitrary() as never,
    approved,
    seed,
    runs,
    timeLimitMs,
    onlySteps: only,
    onProgress: tty ? (p) => progress(`explore: ${p.runs} runs, ${p.signatures} signature(s), ${((p.runs * 1000) / Math.max(1, Date.now() - t0)).toFixed(0)} scenarios/s`) : undefined,
  });
  if (tty) endProgress();
  // Written all or nothing: into a temporary sibling, then renamed into place.
  const files: { file: string; signature: string; kind: string; stage: string; known: boolean; reason?: string; firstRun: number; firstMs: number; ops: number }[] = [];
  if (r.findings.length) {
    const tmp = `${out}.tmp-${process.pid}`;
    mkdirSync(tmp, { recursive: true });
    try {
      for (const f of r.findings) {
        const name = findingFileName(f.stage, f.kind, f.signature);
        const doc = { ...f.scenario, name, description: `Found by slabseries explore (seed ${seed}, run ${f.firstRun}), shrunk: ${f.signature}` };
        writeFileSync(join(tmp, `${name}.json`), JSON.stringify(doc, null, 2) + '\n');
        files.push({ file: join(relative(process.cwd(), out) || out, `${name}.json`), signature: f.signature, kind: f.kind, stage: f.stage, known: f.known, reason: f.reason, firstRun: f.firstRun, firstMs: f.firstMs, ops: (f.scenario.ops as unknown[]).length });
      }
      if (existsSync(out)) rmSync(out, { recursive: true });
      renameSync(tmp, out);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  }
  const fresh = files.filter((f) => !f.known);
  if (opts.json) process.stdout.write(JSON.stringify({ series: series.name, seed, runs: r.runs, ms: r.ms, out: files.length ? out : null, findings: files, coverage: r.coverage }, null, 2) + '\n');
  else {
    const lines = [`explore (series ${series.name}, seed ${seed}): ${r.runs} scenarios in ${(r.ms / 1000).toFixed(1)} s (${((r.runs * 1000) / Math.max(1, r.ms)).toFixed(1)}/s), ${files.length} signature(s): ${fresh.length} new, ${files.length - fresh.length} known`];
    for (const f of files) lines.push(`${f.known ? '  known' : '>> new  '} ${f.signature}`, `         ${f.file} (${f.ops} ops, first at run ${f.firstRun}, ${f.firstMs} ms)${f.known ? ` — approved: ${f.reason}` : ''}`);
    const ops = Object.keys(r.coverage.ops).sort();
    lines.push(`coverage: ${ops.length} op kinds ran (${ops.join(' ')}); event kinds seen: ${Object.keys(r.coverage.events).sort().join(' ')}`);
    if (files.length) lines.push(`replay: slabseries check ${files[0].file}; slabseries bisect --scenario ${files[0].file}`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  return fresh.length ? 1 : 0;
}
