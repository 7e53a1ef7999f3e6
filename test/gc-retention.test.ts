// A finished run's simulated kernel must be garbage the young-generation GC can drop. Two patterns
// kept every one alive through the scavenges after its run, in Node 20's V8, until a full
// collection: events made by spreading an object and adding properties (`{ ...ev, ok: true }`, the
// page allocator's), and Memory's map_pages/unmap_pages replaced by closures per run (the memory
// budget). Every boot was then copied and promoted (promotion rate 100 %): a cold check of the
// shipped scenarios took 5.0-6.1 s instead of 4.3-5.0 s. Measured here as old-generation growth
// per boot with a minor GC after every 8 boots: a kernel that dies young adds almost nothing;
// before the fix each added its whole size (about 145 KiB).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const dist = (p: string) => JSON.stringify(pathToFileURL(join(ROOT, 'dist', p)).href);

const script = `
  import v8 from 'node:v8';
  import { readFileSync, readdirSync } from 'node:fs';
  import { join } from 'node:path';
  await import(${dist('cli/v8-flags.js')});
  const ctx = await import(${dist('cli/context.js')});
  const [rfc] = await ctx.loadSeries(['rfc']);
  const files = readdirSync(ctx.FIXTURES).filter((f) => f.endsWith('.json')).sort();
  const scs = files.map((f) => ctx.domain.parseScenario(JSON.parse(readFileSync(join(ctx.FIXTURES, f), 'utf8')), f, rfc.stages));
  const stage = rfc.stages[3];
  const boot = (t) => ctx.domain.boot(stage, scs[t % scs.length], { record: true });
  for (let t = 0; t < 40; t++) boot(t);
  gc(); gc();
  const old = () => v8.getHeapSpaceStatistics().filter((s) => s.space_name !== 'new_space').reduce((a, s) => a + s.space_used_size, 0);
  const before = old();
  const N = 160;
  for (let t = 0; t < N; t++) { boot(t); if (t % 8 === 7) gc({ type: 'minor' }); }
  gc({ type: 'minor' }); gc({ type: 'minor' });
  const perBoot = (old() - before) / N;
  // A kernel's size, for scale: what the old generation grows by when every boot is kept.
  const kept = [];
  const before2 = old();
  for (let t = 0; t < 16; t++) kept.push(boot(t));
  gc({ type: 'minor' }); gc({ type: 'minor' });
  console.log(JSON.stringify({ perBoot, kernel: (old() - before2) / 16 }));`;

describe('a finished run', () => {
  it('leaves nothing the young-generation GC has to promote', () => {
    const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const { perBoot, kernel } = JSON.parse(r.stdout) as { perBoot: number; kernel: number };
    // The scale is real: a kept kernel is tens of KiB.
    expect(kernel).toBeGreaterThan(50 * 1024);
    // Everything kept would be a whole kernel per boot (the old code: 145 KiB against 146 KiB);
    // the last boot before each minor GC is still referenced then (the stage's globals), so a
    // little is expected (2-3 KiB).
    expect(perBoot).toBeLessThan(kernel / 4);
  });
});
