// Golden observations: one readable text file per stage and scenario. Tests compare; only an
// explicit update writes.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function goldenPath(root: string, stageSlug: string, scenario: string): string {
  return join(root, stageSlug, `${scenario}.txt`);
}

export type GoldenStatus = 'match' | 'differs' | 'missing';

export function compareGolden(path: string, rendered: string): GoldenStatus {
  if (!existsSync(path)) return 'missing';
  return readFileSync(path, 'utf8') === rendered ? 'match' : 'differs';
}

export function writeGolden(path: string, rendered: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, rendered);
}

/** The first differing line, for a one-line report. */
export function firstDifference(path: string, rendered: string): string {
  const a = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
  const b = rendered.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: expected ${JSON.stringify(a[i] ?? '<end>')}, got ${JSON.stringify(b[i] ?? '<end>')}`;
  }
  return 'identical';
}
