#!/usr/bin/env node
// Runs the compiled CLI in dist/ (npm run build; npm's prepare runs it on install). A source file
// edited since the last build (a stage being worked on, a checkout) is never run stale: the
// out-of-date files are recompiled first, with one line on stderr saying so.
import { existsSync } from 'node:fs';
import { DIST, matchesStamp, SRC, writeStamp } from './sources-stamp.mjs';

// An installed package without its src/ (or without dist/ at all) has nothing to compare. The
// stamp of the last scan answers most starts (bin/sources-stamp.mjs); only when it cannot, the full
// check walks both trees, rebuilds what is out of date, and leaves a stamp for the next start.
if (existsSync(SRC) && !matchesStamp()) {
  const { build, staleSources } = await import('./build.mjs');
  const { stale, orphans, scan } = staleSources();
  if (stale.length || orphans.length) {
    try {
      process.stderr.write(`slabseries: ${stale.length + orphans.length} source file(s) changed since the last build; recompiling dist/ (npm run build)\n`);
      build();
    } catch (e) {
      process.stderr.write(`slabseries: error: dist/ is out of date and could not be rebuilt (${e.message}); run: npm run build\n`);
      process.exit(2);
    }
  } else if (existsSync(DIST)) {
    writeStamp(scan);
  }
}
await import('../dist/cli/main.js');
