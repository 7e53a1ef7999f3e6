// `slabseries schema`: check (default) or --write docs/scenario.schema.json and the operations table
// of docs/scenarios.md, both generated from the op table (src/slab/ops.ts).

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { opsTable, scenarioSchema } from '../slab/schema.ts';
import { ROOT } from './context.ts';

const SCHEMA = join(ROOT, 'docs', 'scenario.schema.json');
const DOCS = join(ROOT, 'docs', 'scenarios.md');
const TABLE = /\| op \| required \| optional \| what it does \|\n(\|.*\|\n)+/;

export function generatedDocs(): { schema: string; docs: string } {
  const docs = readFileSync(DOCS, 'utf8');
  if (!TABLE.test(docs)) throw new Error('docs/scenarios.md has no operations table to replace');
  return { schema: JSON.stringify(scenarioSchema(), null, 2) + '\n', docs: docs.replace(TABLE, opsTable()) };
}

export function cmdSchema(opts: { write?: boolean; json?: boolean }): number {
  const g = generatedDocs();
  const stale = [readFileSync(SCHEMA, 'utf8') !== g.schema ? 'docs/scenario.schema.json' : null, readFileSync(DOCS, 'utf8') !== g.docs ? 'docs/scenarios.md' : null].filter((x): x is string => x !== null);
  if (opts.write) {
    for (const [path, text] of [[SCHEMA, g.schema], [DOCS, g.docs]] as const) {
      writeFileSync(`${path}.tmp`, text);
      renameSync(`${path}.tmp`, path);
    }
  }
  if (opts.json) process.stdout.write(JSON.stringify({ write: !!opts.write, stale }) + '\n');
  else if (opts.write) process.stdout.write(stale.length ? `rewrote ${stale.join(', ')}\n` : 'docs already current\n');
  else process.stdout.write(stale.length ? `out of date: ${stale.join(', ')}; regenerate with: slabseries schema --write\n` : 'docs/scenario.schema.json and the docs table are current\n');
  return !opts.write && stale.length ? 1 : 0;
}
