// The manifest says why every golden observation that changes at a step changed, and only those.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { STAGES } from '../src/series/rfc/stages.ts';
import { loreLink } from '../src/series/rfc/manifest.ts';
import { rfc } from '../src/series/rfc/index.ts';
import { v3 } from '../src/series/v3/index.ts';
import { records } from '../src/slab/evidence.ts';

const SERIES = rfc.entries;
/** The kinds of typed difference a declared change's evidence can name (src/harness/domain.ts DiffDetail). */
const DIFF_KINDS = ['result', 'object', 'event', 'op-only', 'domain'];

const GOLDEN = join(import.meta.dirname, 'golden');

describe('series manifest', () => {
  it('has 15 entries numbered 1..15 with the lore links of the RFC', () => {
    expect(SERIES.map((e) => e.number)).toEqual([...Array(15).keys()].map((i) => i + 1));
    for (const e of SERIES) expect(e.link).toBe(loreLink(e.number));
    for (const e of SERIES) expect(rfc.link(e.number)).toBe(loreLink(e.number));
  });
  it('names each stage directory after its entry', () => {
    expect(STAGES[0].slug).toBe('00-baseline');
    for (const s of STAGES.slice(1)) {
      expect(SERIES.filter((e) => e.number === s.number), s.slug).toHaveLength(1);
      expect(SERIES.find((e) => e.number === s.number)?.slug).toBe(s.slug);
      expect(s.slug.slice(0, 2)).toBe(String(s.number).padStart(2, '0'));
    }
  });
  it.each(SERIES.map((e) => [e.slug, e] as const))('%s has our message, a move, and declarations matching its kind', (_s, e) => {
    expect(e.message.trim().length).toBeGreaterThan(80);
    expect(e.move.length).toBeGreaterThan(5);
    if (e.kind === 'refactor') expect(e.declared).toEqual([]);
    else expect(e.declared.length).toBeGreaterThan(0);
    // Typed evidence: every declared change names at least one shape, and every shape names the kind
    // of difference it explains (an empty shape would explain any difference at all).
    for (const d of e.declared) {
      expect(d.evidence.length, `${d.id}: no typed evidence`).toBeGreaterThan(0);
      for (const shape of d.evidence) {
        expect(typeof shape === 'object' && shape !== null && !Array.isArray(shape), d.id).toBe(true);
        const kind = (shape as { diff?: unknown }).diff;
        const kinds = Array.isArray(kind) ? kind : [kind];
        expect(kinds.length, d.id).toBeGreaterThan(0);
        for (const k of kinds) expect(DIFF_KINDS, `${d.id}: evidence ${JSON.stringify(shape)}`).toContain(k);
      }
    }
  });
  it.each(SERIES.filter((e) => STAGES.some((s) => s.number === e.number)).map((e) => [e.slug, e] as const))('%s explains exactly the golden observations that change at this step', (_s, e) => {
    const prev = STAGES.find((s) => s.number === e.number - 1)!.slug;
    const changed = readdirSync(join(GOLDEN, e.slug))
      .filter((f) => f.endsWith('.txt'))
      .filter((f) => !existsSync(join(GOLDEN, prev, f)) || readFileSync(join(GOLDEN, prev, f), 'utf8') !== readFileSync(join(GOLDEN, e.slug, f), 'utf8'))
      .map((f) => f.replace(/\.txt$/, ''))
      .sort();
    const missing = changed.filter((sc) => !(sc in e.goldenChanges));
    expect(missing, `the golden observation of ${missing.join(', ')} changes at ${e.slug} but src/series/rfc/manifest.ts gives no reason: for a new scenario run \`slabseries add-scenario FILE\` (it writes the goldens and lists every reason needed), otherwise \`slabseries golden --update\`; then add "${missing[0]}": "<why>" to goldenChanges of entry ${e.number}`).toEqual([]);
    const stale = Object.keys(e.goldenChanges).filter((sc) => !changed.includes(sc));
    expect(stale, `goldenChanges of entry ${e.number} (${e.slug}) names ${stale.join(', ')}, whose golden observation does not change at this step: remove the reason, or run \`slabseries golden --update\` if the goldens are stale`).toEqual([]);
    if (e.kind === 'refactor') expect(changed).toEqual([]);
  });
});

describe('declared result changes explain their records (both series)', () => {
  // docs/findings.md "What counts as a consequence": a declared change that turns a failure into a
  // success (or back) explains the allocation's own records — its tracepoint, tag, kmemleak
  // registration, memcg charge and failure reports. A declaration that names a result change
  // without them calls the trace line of that very result undeclared (the v3 manifest did, at
  // v3 04, 06 and 07, until explore's trace-line findings showed it).
  const recordShapes = records().map((r) => JSON.stringify(r));
  // RFC 15's result change is ran -> n/a (an operation naming the removed gfp bit): no records on
  // the n/a side to explain, and the caller's records must not change there.
  const NOT_APPLICABLE_ONLY = new Set(['gfp.no-obj-ext-removed']);
  for (const series of [rfc, v3]) {
    for (const e of series.entries) {
      for (const d of e.declared) {
        const declaresResult = d.evidence.some((x) => (x as { diff?: string }).diff === 'result');
        if (!declaresResult || NOT_APPLICABLE_ONLY.has(d.id)) continue;
        it(`${series.name} ${e.slug} ${d.id}`, () => {
          const have = new Set(d.evidence.map((x) => JSON.stringify(x)));
          expect(recordShapes.filter((r) => !have.has(r))).toEqual([]);
        });
      }
    }
  }
});
