// One export-git repository per test process, shared by the tests that need an exported history
// (building one takes seconds). Tests that use it must leave it as they found it (git bisect reset).
import { mkdtempSync } from 'node:fs';
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

/** The export shared by this test process (built on first use). */
export function sharedExport(): Promise<string> {
  shared ??= freshExport();
  return shared;
}
