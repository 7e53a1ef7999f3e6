// export-git and git bisect run: the exported history is deterministic, and git bisect run on it (with
// the exported bisect-run script calling the CLI) lands on the stage slabseries bisect names. Its own
// file, so that it runs beside the rest of the harness tests on the second core.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bisect } from '../src/harness/bisect.ts';
import { STAGES } from '../src/series/rfc/stages.ts';
import { rfc } from '../src/series/rfc/index.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { loadScenarios } from '../src/cli/scenarios.ts';
import { observe } from './support/observations.ts';
import { exportGit } from '../src/export/git-export.ts';
import { exportClone, sharedExport } from './support/shared-export.ts';
import { inProcess } from './support/cli.ts';

const ROOT = join(import.meta.dirname, '..');
const scenarios = loadScenarios(join(ROOT, 'fixtures', 'scenarios'), STAGES);

describe('export-git and git bisect run', () => {
  // A scenario that cannot run at stage 00 (an op of a later stage) has nothing to bisect from.
  // (Observations from the run's result cache: test/support/observations.ts.)
  const bisectable = (sc: (typeof scenarios)[number]) => {
    try {
      return [{ sc, r: bisect(STAGES.length, (i) => slabDomain.render.part(observe(rfc, i, sc), undefined, 'all')) }];
    } catch (e) {
      if (/cannot run at stage 00/.test(String((e as Error).message))) return [];
      throw e;
    }
  };
  // The first three shipped scenarios with one change point: a binary search, ours or git's, can
  // only land there. (Scenarios after the third are not bisected.)
  const changing: ReturnType<typeof bisectable> = [];
  for (const sc of scenarios) {
    if (changing.length === 3) break;
    changing.push(...bisectable(sc).filter((x) => x.r.first !== null && x.r.skipped.length === 0 && x.r.changePoints.length === 1));
  }

  it('refuses a non-empty target directory and leaves it untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slabseries-exp-'));
    writeFileSync(join(dir, 'keep'), 'x');
    await expect(exportGit(dir, rfc)).rejects.toThrow(/not empty/);
  });

  it('produces the same commit hashes on every run, and the command prints a try: line naming this installation', async () => {
    // The shared export (also walked by git bisect below) against one made afresh by the command as
    // a user runs it (in this process); both at once: an export mostly waits for git processes.
    const fresh = join(mkdtempSync(join(tmpdir(), 'slabseries-exp-')), 'repo');
    const [shared, cmd] = await Promise.all([sharedExport(), inProcess('export-git', fresh)]);
    expect(cmd.status, cmd.stderr).toBe(0);
    // The hardening issue: the printed line calls this installation's CLI, not whatever `npx` finds.
    expect(cmd.stdout).toContain('SLABSERIES=');
    expect(cmd.stdout).toContain(join(ROOT, 'bin', 'slabseries.mjs'));
    const heads = [shared, fresh].map((dir) => spawnSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).stdout);
    expect(heads[0]).toBe(heads[1]);
    expect(heads[0]).toMatch(/^[0-9a-f]{40}/);
  });

  it('bisect-run keeps what TypeScript makes of the tree in the build cache: the next commit loads no compiler', async () => {
    // Every stage's index.ts is the one file whose dist/ output is not its own (it is the stage's
    // bundle), so a commit's tree has one file to transpile: stored by the first step, read by the next.
    const repo = await sharedExport();
    const cache = mkdtempSync(join(tmpdir(), 'slabseries-bisect-cache-'));
    const step = (...extra: string[]) =>
      spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), 'bisect-run', '--tree', repo, '--scenario', changing[0].sc.name, ...extra], {
        encoding: 'utf8',
        env: { ...process.env, SLABSERIES_CACHE_DIR: cache, SLABSERIES_CACHE_STATS: '1' },
      });
    const first = step();
    const second = step();
    const fresh = step('--no-cache');
    // The shared export's work tree is the last stage: changed from stage 00 for a scenario that changes.
    expect([first.status, first.stdout]).toEqual([1, 'changed from stage 00\n']);
    expect([second.status, second.stdout, fresh.status, fresh.stdout]).toEqual([1, first.stdout, 1, first.stdout]);
    expect(first.stderr).toMatch(/build cache: 0 hit\(s\), 1 built and stored/);
    expect(second.stderr).toMatch(/build cache: 1 hit\(s\), 0 built and stored/);
    // --no-cache neither reads nor stores: no cache to count.
    expect(fresh.stderr).toBe('');
  });

  it('git bisect run on the export names the same stage as slabseries bisect, for three scenarios', async () => {
    expect(changing.length).toBe(3);
    // A clone of the shared export: bisecting checks out other commits.
    const dir = await exportClone();
    const last = `stage-${String(STAGES[STAGES.length - 1].number).padStart(2, '0')}`;
    const env = { ...process.env, SLABSERIES: `${process.execPath} ${join(ROOT, 'bin', 'slabseries.mjs')}` };
    const git = (...a: string[]) => spawnSync('git', a, { cwd: dir, encoding: 'utf8', env });
    for (const { sc, r } of changing) {
      git('bisect', 'start', '--term-old=same', '--term-new=changed', last, 'stage-00');
      const run = git('bisect', 'run', './bisect-run', sc.name);
      expect(run.stdout, run.stderr).toMatch(/is the first changed commit/);
      const tag = git('describe', '--tags', '--exact-match', 'refs/bisect/changed').stdout.trim();
      git('bisect', 'reset');
      expect(tag, sc.name).toBe(`stage-${String(STAGES[r.first!].number).padStart(2, '0')}`);
    }
  });
});
