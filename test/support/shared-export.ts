// One export-git repository for the whole test run, shared by the tests that need an exported
// history (building one takes seconds, mostly git processes). The first test process that asks
// builds it under the run's temporary directory (SLABSERIES_TEST_RUN_DIR, set by global-setup.ts);
// the others wait for it. Outside `vitest run` each process builds its own.
//
// The shared repository is read-only: a test that changes a repository (checkout, am, bisect,
// attributes) works on its own clone (exportClone).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportGit } from '../../src/export/git-export.ts';
import { rfc } from '../../src/series/rfc/index.ts';

let shared: Promise<string> | null = null;

/** A fresh export of the shipped stages into a new temporary directory; resolves to its path. */
export async function freshExport(): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'slabseries-exp-')), 'repo');
  await exportGit(dir, rfc);
  return dir;
}

async function runWideExport(runDir: string): Promise<string> {
  const home = join(runDir, 'shared-export');
  const repo = join(home, 'repo');
  const failed = join(home, 'failed');
  try {
    // mkdir is atomic: the process that creates the folder builds the export.
    mkdirSync(home);
  } catch {
    // Another process builds it: exportGit renames the finished repository into place.
    for (let waited = 0; !existsSync(repo); waited += 100) {
      if (existsSync(failed)) throw new Error(`the shared export failed in another test process: ${readFileSync(failed, 'utf8')}`);
      if (waited > 300_000) throw new Error('timed out waiting for the shared export');
      await new Promise((r) => setTimeout(r, 100));
    }
    return repo;
  }
  try {
    await exportGit(repo, rfc);
  } catch (e) {
    writeFileSync(failed, String((e as Error)?.stack ?? e));
    throw e;
  }
  return repo;
}

/** The export shared by the run (read-only: never check out, bisect or commit in it). */
export function sharedExport(): Promise<string> {
  const runDir = process.env.SLABSERIES_TEST_RUN_DIR;
  shared ??= runDir && existsSync(runDir) ? runWideExport(runDir) : freshExport();
  return shared;
}

/** A private clone of the shared export (same commits and tags), for a test that changes it. */
export async function exportClone(): Promise<string> {
  const src = await sharedExport();
  const dir = join(mkdtempSync(join(tmpdir(), 'slabseries-exp-clone-')), 'repo');
  const r = spawnSync('git', ['clone', '-q', src, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git clone of the shared export failed: ${r.stderr}`);
  return dir;
}
