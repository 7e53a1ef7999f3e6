// Before any test: bring dist/ up to date (the CLI tests run bin/slabseries.mjs, which loads dist/),
// once, instead of letting several test processes notice a stale build at the same time; and give
// the run its own empty result cache, so that a check in a test runs its scenarios (the cache's own
// tests use their own directories). Within the run the cache is shared: an observation one test
// computed is read back by the others (test/support/observations.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, seedCodeCache, staleSources } from '../../bin/build.mjs';

export default function setup(): () => void {
  // Loading the compiler costs a second: only when something is out of date.
  const { stale, orphans } = staleSources();
  if (stale.length || orphans.length) build();
  // The build's stored code for a first `metrics` (made by npm install's build; again only when
  // Node, TypeScript or the CLI's V8 flags changed): test/code-cache.test.ts checks it is used.
  else seedCodeCache();
  // Every temporary directory of the run (tests' own, the CLI's, git's) goes under one TMPDIR that
  // is removed at the end, so a test run leaves nothing behind, even from a test that failed.
  const runTmp = mkdtempSync(join(tmpdir(), 'slabseries-test-run-'));
  process.env.TMPDIR = runTmp;
  // What the test processes share during the run (the export of test/support/shared-export.ts).
  process.env.SLABSERIES_TEST_RUN_DIR = runTmp;
  const dir = mkdtempSync(join(runTmp, 'slabseries-test-cache-'));
  process.env.SLABSERIES_CACHE_DIR = dir;
  return () => rmSync(runTmp, { recursive: true, force: true });
}
