// The scenario JSON Schema is generated from the op table and agrees with the loader: the committed
// files are current, and on a corpus of shipped scenarios and structural mutations of them the
// schema and the loader accept and reject the same documents. (Semantic checks only the loader can
// make — handles defined earlier, gfp names, nodes within the config — are left out of the corpus.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from './support/json-schema.ts';
import { generatedDocs } from '../src/cli/schema-command.ts';
import { scenarioSchema } from '../src/slab/schema.ts';
import { OPS } from '../src/slab/ops.ts';
import { parseScenario, ScenarioError } from '../src/slab/scenario.ts';
import { vocabularyOf } from '../src/slab/vocabulary.ts';
import { STAGES } from '../src/series/rfc/stages.ts';

const ROOT = join(import.meta.dirname, '..');
const DIR = join(ROOT, 'fixtures', 'scenarios');
const vocab = vocabularyOf(STAGES);
const schema = scenarioSchema() as Record<string, unknown>;
const loaderAccepts = (j: unknown): boolean => {
  try {
    parseScenario(j, 'x.json', vocab);
    return true;
  } catch (e) {
    if (e instanceof ScenarioError) return false;
    throw e;
  }
};
const schemaAccepts = (j: unknown) => validate(schema, j).length === 0;

const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { ops: Record<string, unknown>[] });

/** Structural mutations of one op: each must be rejected by both. */
function mutations(op: Record<string, unknown>): Record<string, unknown>[] {
  const def = OPS.find((o) => o.name === op.op)!;
  const out: Record<string, unknown>[] = [{ ...op, op: `${String(op.op)}_bogus` }, { ...op, bogus_field: 1 }];
  for (const k of Object.keys(def.req)) {
    const { [k]: _, ...rest } = op;
    out.push(rest);
    out.push({ ...op, [k]: def.req[k] === 'int' || def.req[k] === 'intOrNull' ? 'seven' : 7.5 });
  }
  if (!def.allocates && def.name !== 'kmem_cache_prefill_sheaf') out.push({ ...op, as: 'zz' });
  return out;
}

describe('scenario schema', () => {
  it('docs/scenario.schema.json and the docs table are what the op table generates', () => {
    const g = generatedDocs();
    expect(readFileSync(join(ROOT, 'docs', 'scenario.schema.json'), 'utf8')).toBe(g.schema);
    expect(readFileSync(join(ROOT, 'docs', 'scenarios.md'), 'utf8')).toBe(g.docs);
  });

  it('accepts every shipped scenario, as the loader does', () => {
    for (const f of fixtures) {
      expect(loaderAccepts(f)).toBe(true);
      expect(validate(schema, f)).toEqual([]);
    }
  });

  it('rejects the same structural mutations as the loader', () => {
    let n = 0;
    const disagree: unknown[] = [];
    // Each op kind once (its first occurrence in the shipped scenarios), every mutation of it.
    const seen = new Set<unknown>();
    for (const f of fixtures) {
      f.ops.forEach((op, i) => {
        if (seen.has(op.op)) return;
        seen.add(op.op);
        for (const m of mutations(op)) {
          // Keep the rest of the scenario; drop later ops, which may name a handle this op defines.
          const doc = { ...f, ops: [...f.ops.slice(0, i), m] };
          const l = loaderAccepts(doc);
          const s = schemaAccepts(doc);
          if (l || s) disagree.push({ op: m, loader: l, schema: s });
          n++;
        }
      });
    }
    expect(disagree).toEqual([]);
    expect(seen.size).toBeGreaterThan(30);
    expect(n).toBeGreaterThan(150);
  });

  it('every op of the table appears in the schema', () => {
    const titles = ((schema.$defs as Record<string, { oneOf: { title: string }[] }>).op.oneOf).map((o) => o.title);
    expect(titles).toEqual(OPS.map((o) => o.name));
  });
});
