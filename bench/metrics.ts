// Benchmark (called from npm run bench): the time of a full metrics run over every stage, ts-morph
// import included. The run happens in a child process so that nothing is preloaded: the child reports
// the time from its own process start to the end of the run, and the parent adds the wall time of the
// whole child (node + tsx startup included). Prints one line (or JSON with --json).

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(import.meta.dirname, '..');
const STAGES_DIR = join(ROOT, 'src', 'stages');

/** The registered stages, without importing the registry (that would load every stage's code). */
function registeredSlugs(): string[] {
  const registry = readFileSync(join(ROOT, 'src', 'series', 'rfc', 'stages.ts'), 'utf8');
  return readdirSync(STAGES_DIR)
    .filter((d) => /^\d\d-/.test(d) && registry.includes(`/${d}/index.ts`))
    .sort();
}

if (process.argv.includes('--child')) {
  const { computeMetrics } = await import('../src/metrics/run.ts');
  const { MANIFEST } = await import('../src/series/rfc/manifest.ts');
  const slugs = registeredSlugs();
  const r = computeMetrics(MANIFEST, STAGES_DIR, slugs);
  // performance.now() counts from the start of this process.
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ stages: r.stages.length, steps: r.steps.length, ms: Math.round(performance.now()), cpuMs: Math.round((cpu.user + cpu.system) / 1000) }) + '\n');
} else {
  const t0 = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child'], { cwd: ROOT, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    process.exit(1);
  }
  const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as { stages: number; steps: number; ms: number; cpuMs: number };
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify({ metrics: { ...r, wallMs: Math.round(wall) } }) + '\n');
  else process.stdout.write(`metrics over ${r.stages} stages (${r.steps} steps): ${wall.toFixed(0)} ms wall (node+tsx startup and ts-morph import included; goal <= 2000 ms), ${r.ms} ms from the child's process start, ${r.cpuMs} ms CPU\n`);
}
