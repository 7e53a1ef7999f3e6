// A step you can see: `diff NN`, the verdicts and findings in `show NN`, and what changed at the
// stage `bisect` found. Expected facts come from the README's account of the RFC (RFC 05 wakes
// kswapd for a caller without __GFP_KSWAPD_RECLAIM; 02, 03, 09, 11, 12 are equivalent everywhere).
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { alignDifferences, compactEnd } from '../src/cli/step-view.ts';
import { inProcess } from './support/cli.ts';

const ROOT = join(import.meta.dirname, '..');
// The commands run in this process (test/support/cli.ts): what they print is the subject here.
const cli = inProcess;
const SCENARIOS = readdirSync(join(ROOT, 'fixtures', 'scenarios')).filter((f) => f.endsWith('.json')).length;

/** Split a two-column row of `diff` output at the column marker of the right side. */
function rightColumns(out: string): { left: string; right: string }[] {
  return out
    .split('\n')
    .filter((l) => /^ {4}\| /.test(l))
    .map((l) => {
      const i = l.indexOf(' | ', 6);
      return { left: l.slice(6, i), right: l.slice(i + 3) };
    });
}

describe('alignDifferences', () => {
  it('puts removed and added runs side by side and collapses equal runs', () => {
    const rows = alignDifferences(['[1] op', 'a', 'b', 'c', 'd'], ['[1] op', 'a', 'B', 'c', 'd', 'e']);
    expect(rows).toEqual([
      ['[1] op', '[1] op'],
      ['  … 1 same', '  … 1 same'],
      ['b', 'B'],
      ['  … 2 same', '  … 2 same'],
      ['', 'e'],
    ]);
  });
});

describe('compactEnd', () => {
  it('narrows named records to their differing fields', () => {
    const a = 'end.caches: [{"name":"c","slabs":[1,0],"inuse":1},{"name":"d","slabs":[1]}]';
    const b = 'end.caches: [{"name":"c","slabs":[0,1],"inuse":1},{"name":"d","slabs":[1]}]';
    expect(compactEnd(a, b)).toEqual([['end.caches[c].slabs: [1,0]', 'end.caches[c].slabs: [0,1]']]);
  });
  it('leaves anything else as it is', () => {
    expect(compactEnd('depth 1', 'depth 2')).toEqual([['depth 1', 'depth 2']]);
  });
});

describe('slabseries diff NN', () => {
  it('shows stage 04 and 05 side by side, differences only, with the verdict and why', async () => {
    const r = await cli('diff', '05', '--scenario', 'no-reclaim-trynode-kswapd');
    expect(r.status).toBe(1); // like diff(1): something differs
    expect(r.stdout).toMatch(/^no-reclaim-trynode-kswapd: regressed$/m);
    expect(r.stdout).toMatch(/stage 04 +stage 05/);
    const rows = rightColumns(r.stdout);
    expect(rows.some((x) => /kswapd wake/.test(x.right) && !/kswapd/.test(x.left))).toBe(true);
    expect(r.stdout).toMatch(/! kswapd woken .*\(observable, regressed; (undeclared|declared: [^)]*)\)/);
    // differences only: operation [0] of the scenario is the same at both stages and not shown
    expect(r.stdout).not.toMatch(/^ {2}\[0\]$/m);
  });

  it('a "no functional change intended" step shows nothing and exits 0', async () => {
    const r = await cli('diff', '02');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`0 of ${SCENARIOS} scenario(s) differ`);
  });

  it('takes a scenario file, and --json', async () => {
    const r = await cli('diff', '5', '--scenario', 'fixtures/scenarios/no-reclaim-trynode-kswapd.json', '--json');
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.stage).toBe('05-alloc-flags-in-context');
    expect(j.previous).toMatch(/^04-/);
    expect(j.scenarios[0].verdict).toBe('regressed');
    expect(j.scenarios[0].differences.some((d: { what: string; effect: string }) => /kswapd/.test(d.what) && d.effect === 'regressed')).toBe(true);
  });

  it('rejects the base and an unknown scenario with exit 2', async () => {
    expect((await cli('diff', '00')).status).toBe(2);
    const r = await cli('diff', '05', '--scenario', 'no-such-scenario');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no scenario named "no-such-scenario"/);
  });
});

describe('show NN and bisect', () => {
  it('show NN lists the verdict of every scenario and the findings with their reasons', async () => {
    const r = await cli('show', '05', '--json');
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.step.verdicts).toHaveLength(SCENARIOS);
    expect(j.step.verdicts.find((v: { scenario: string }) => v.scenario === 'no-reclaim-trynode-kswapd').verdict).toBe('regressed');
    const f = j.step.findings.find((x: { scenario: string; finding: string }) => x.scenario === 'no-reclaim-trynode-kswapd' && x.finding === 'regressed');
    expect(f.approved).toBe(true);
    expect(f.reason).toMatch(/kswapd/);
    const t = await cli('show', '05');
    expect(t.stdout).toMatch(/verdicts of this step \(stage 04 -> 05, \d+ scenarios\): \d+ regressed/);
    expect(t.stdout).toMatch(/regressed: no-reclaim-trynode-kswapd \(approved: /);
  }, 300_000);

  it('bisect prints what changed at the stage it found', async () => {
    const r = await cli('bisect', '--scenario', 'no-reclaim-trynode-kswapd', '--what', 'events');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^first changed at stage 05 /m);
    const after = r.stdout.slice(r.stdout.indexOf('what changed at stage 05'));
    expect(after.length).toBeGreaterThan(30);
    expect(rightColumns(after).some((x) => /kswapd wake/.test(x.right))).toBe(true);
    const j = JSON.parse((await cli('bisect', '--scenario', 'no-reclaim-trynode-kswapd', '--json')).stdout);
    expect(j.changes.verdict).toBe('regressed');
  }, 300_000);

  // bulk-no-reclaim's [2] asks 100 objects with __GFP_NOWARN only: refill_objects() refuses a gfp
  // that cannot spin until RFC 04 removes that WARN (series-rfc.md, patch 04), so handle b holds
  // no object at stage 00.
  it('bisect --op with a handle that holds no object at stage 00 follows the operation that names it', async () => {
    const r = await cli('bisect', '--scenario', 'bulk-no-reclaim', '--op', 'b', '--what', 'result');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/b holds no object at stage 00; following its operation \[2\] kmem_cache_alloc_bulk/);
    expect(r.stdout).toMatch(/^first changed at stage 04 /m);
  }, 300_000);

  it('bisect --op naming nothing in the scenario says so, with the handles it has, and exits 2', async () => {
    const r = await cli('bisect', '--scenario', 'bulk-no-reclaim', '--op', 'nosuch');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--op nosuch: scenario bulk-no-reclaim has no operation or handle of that name \(handles: .*\bb\b/);
  }, 300_000);
});
