// Benchmarks (npm run bench): fast-path kmalloc+kfree pairs per second on each stage, with event
// recording off and on, and the time to run every shipped scenario once on every stage.
import { join } from 'node:path';
import { Kernel } from '../src/kernel/kernel.ts';
import { defaultConfig } from '../src/kernel/config.ts';
import { GFP_KERNEL } from '../src/kernel/gfp.ts';
import type { KEvent } from '../src/kernel/events.ts';
import type { StageDescriptor } from '../src/slab/stage_api.ts';
import { STAGES } from '../src/series/rfc/stages.ts';
import { loadScenarios } from '../src/cli/scenarios.ts';
import { runScenario } from '../src/harness/runner.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const args = process.argv.slice(2);
const PAIRS = Number(args.find((a) => a.startsWith('--pairs='))?.slice(8) ?? 2_000_000);
const json = args.includes('--json');

function pairsPerSecond(stage: StageDescriptor, record: boolean): number {
  const k = new Kernel(defaultConfig(), stage.gfp);
  k.events = null;
  const { api } = stage.boot(k);
  const events: KEvent[] = [];
  k.events = record ? events : null;
  const burst = (n: number) => {
    for (let i = 0; i < n; i++) {
      api.kfree(api.kmalloc(64, GFP_KERNEL));
      if (record && events.length > 4096) events.length = 0;
    }
  };
  burst(50_000); // warm up the JIT and the sheaves
  const n = record ? Math.floor(PAIRS / 4) : PAIRS;
  const t0 = process.hrtime.bigint();
  burst(n);
  const dt = Number(process.hrtime.bigint() - t0) / 1e9;
  return n / dt;
}

const results: Record<string, unknown>[] = [];
for (const stage of STAGES) {
  const off = pairsPerSecond(stage, false);
  const on = pairsPerSecond(stage, true);
  results.push({ stage: stage.slug, pairsPerSecRecordingOff: Math.round(off), pairsPerSecRecordingOn: Math.round(on) });
  if (!json) process.stdout.write(`${stage.slug.padEnd(44)} kmalloc+kfree pairs/s: ${Math.round(off).toLocaleString('en-US').padStart(11)} (recording off)  ${Math.round(on).toLocaleString('en-US').padStart(11)} (recording on)\n`);
}

const scenarios = loadScenarios(join(import.meta.dirname, '..', 'fixtures', 'scenarios'), STAGES);
const t0 = process.hrtime.bigint();
for (const stage of STAGES) for (const sc of scenarios) runScenario(slabDomain, stage, sc);
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
/** Wall time of a whole CLI command, process start (and tsx) included. */
function wall(args: string[]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'slabseries.mjs'), ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`slabseries ${args.join(' ')} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}
const checkMs = wall(['check', '--json', '--no-cache']);
const expDir = mkdtempSync(join(tmpdir(), 'slabseries-bench-'));
const exportMs = wall(['export-git', join(expDir, 'repo')]);
rmSync(expDir, { recursive: true, force: true });

const summary = {
  fastPath: results,
  allScenarios: { stages: STAGES.length, scenarios: scenarios.length, ms: Math.round(ms) },
  checkWallMs: Math.round(checkMs),
  exportGitWallMs: Math.round(exportMs),
};
if (json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
else {
  process.stdout.write(`all scenarios once on every stage (in process): ${scenarios.length} scenarios x ${STAGES.length} stages in ${ms.toFixed(0)} ms\n`);
  process.stdout.write(`slabseries check --no-cache (full, wall, process start included; goal < 5 s): ${(checkMs / 1000).toFixed(2)} s\n`);
  process.stdout.write(`slabseries export-git (wall): ${(exportMs / 1000).toFixed(2)} s\n`);
}
