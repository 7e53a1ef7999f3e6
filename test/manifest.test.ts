// The manifest says why every golden observation that changes at a step changed, and only those.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { STAGES } from '../src/stages/registry.ts';
import { SERIES, loreLink } from '../src/series.ts';

const GOLDEN = join(import.meta.dirname, 'golden');

describe('series manifest', () => {
  it('has 15 entries numbered 1..15 with the lore links of the RFC', () => {
    expect(SERIES.map((e) => e.number)).toEqual([...Array(15).keys()].map((i) => i + 1));
    for (const e of SERIES) expect(e.link).toBe(loreLink(e.number));
  });
  it('names each stage directory after its entry', () => {
    for (const s of STAGES.slice(1)) expect(SERIES.find((e) => e.number === s.number)?.slug).toBe(s.slug);
  });
  it.each(SERIES.map((e) => [e.slug, e] as const))('%s has our message, a move, and declarations matching its kind', (_s, e) => {
    expect(e.message.trim().length).toBeGreaterThan(80);
    expect(e.move.length).toBeGreaterThan(5);
    if (e.kind === 'refactor') expect(e.declared).toEqual([]);
    else expect(e.declared.length).toBeGreaterThan(0);
    for (const d of e.declared) for (const re of d.evidence) expect(() => new RegExp(re)).not.toThrow();
  });
  it.each(SERIES.filter((e) => STAGES.some((s) => s.number === e.number)).map((e) => [e.slug, e] as const))('%s explains exactly the golden observations that change at this step', (_s, e) => {
    const prev = STAGES.find((s) => s.number === e.number - 1)!.slug;
    const changed = readdirSync(join(GOLDEN, e.slug))
      .filter((f) => f.endsWith('.txt'))
      .filter((f) => !existsSync(join(GOLDEN, prev, f)) || readFileSync(join(GOLDEN, prev, f), 'utf8') !== readFileSync(join(GOLDEN, e.slug, f), 'utf8'))
      .map((f) => f.replace(/\.txt$/, ''))
      .sort();
    expect(Object.keys(e.goldenChanges).sort()).toEqual(changed);
    if (e.kind === 'refactor') expect(changed).toEqual([]);
  });
});
