// range-diff: the pairing of the RFC and v3 patches is checked against the spec's version map, never
// against the tool's own output; the pure core on small made-up series; the command as a user meets it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bestAssignment, normalizePatch, rangeDiff, type PairRow, type RangeDiff, type RangePatch } from '../src/harness/range-diff.ts';
import type { DomainTypes } from '../src/harness/domain.ts';
import type { SeriesEntry } from '../src/harness/series.ts';
import { computeRangeDiff } from '../src/cli/range-diff-command.ts';
import { loadSeries } from '../src/cli/context.ts';

// The CLI loads the series before a command runs; so does this test.
await loadSeries(['rfc', 'v3']);
import { inProcess } from './support/cli.ts';

const ROOT = join(import.meta.dirname, '..');
const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });

// ---- the expected pairing, from the spec ------------------------------------------------------------------

/**
 * Transcribed from /work/shared/spec/series-v3.md, Preface, "Version map" (columns "v3" and "RFC"):
 * v3 patch → its RFC patch, null for "—" (v3 12, "new in v2"). "01 (replaced)" is RFC 01 with its
 * idea withdrawn; **06** and **05** (bold in the map) are the swapped pair. The last row, "— | (mm:
 * remove the __GFP_NO_OBJ_EXT flag) | 15", is the dropped RFC 15.
 */
const VERSION_MAP: Record<number, number | null> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 5, 7: 7, 8: 8, 9: 9, 10: 10, 11: 11, 12: null, 13: 12, 14: 13, 15: 14 };
const DROPPED_RFC = [15];
const REPLACED = [1];
const SWAPPED_V3 = [5, 6];
/** The same map's "kind of correspondence" says "identical diff" for these. */
const IDENTICAL_DIFF_V3 = [2];
/**
 * §4 "v3 patch → RFC patch → kind → difference", column RFC: "06 | 05 (+06, +07's mask)" and
 * "15 | 14 (+15's doc)" — the v3 patches that also take parts of other RFC patches.
 */
const ALSO_FROM: Record<number, number[]> = { 6: [6, 7] };
const DOC_OF_DROPPED_IN: Record<number, number> = { 15: 15 };

const SPEC = '/work/shared/spec/series-v3.md';

/** The version map parsed from the spec itself: guards the transcription above against drift. */
function parseVersionMap(text: string): { map: Record<number, number | null>; dropped: number[]; replaced: number[]; bold: number[]; identical: number[] } {
  const start = text.indexOf('### Version map');
  const table = text.slice(start, text.indexOf('\n\n', text.indexOf('| v3 |', start)));
  const out = { map: {} as Record<number, number | null>, dropped: [] as number[], replaced: [] as number[], bold: [] as number[], identical: [] as number[] };
  for (const line of table.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 6 || !/^(\d\d|—)$/.test(cells[1])) continue;
    const [, v3, , rfc, , kind] = cells;
    const rfcNum = /(\d\d)/.exec(rfc);
    if (v3 === '—') {
      out.dropped.push(Number(rfcNum![1]));
      continue;
    }
    const n = Number(v3);
    out.map[n] = rfcNum ? Number(rfcNum[1]) : null;
    if (/replaced/.test(rfc)) out.replaced.push(n);
    if (/\*\*/.test(rfc)) out.bold.push(n);
    if (/identical diff/.test(kind)) out.identical.push(n);
  }
  return out;
}

describe('the expected pairing is the spec\'s version map', () => {
  it.skipIf(!existsSync(SPEC))('the transcription matches series-v3.md', () => {
    const parsed = parseVersionMap(readFileSync(SPEC, 'utf8'));
    expect(parsed.map).toEqual(VERSION_MAP);
    expect(parsed.dropped).toEqual(DROPPED_RFC);
    expect(parsed.replaced).toEqual(REPLACED);
    expect(parsed.bold).toEqual(SWAPPED_V3);
    expect(parsed.identical).toEqual(IDENTICAL_DIFF_V3);
  });
});

// ---- range-diff rfc v3 against it ----------------------------------------------------------------------

describe('range-diff rfc v3', () => {
  const r: RangeDiff = computeRangeDiff('rfc', 'v3');
  const pairs = r.rows.filter((x): x is PairRow => x.type === 'pair');
  const pairOf = (v3: number) => pairs.find((p) => p.new.number === v3);

  it('pairs every v3 patch with the RFC patch of the version map, or with none', () => {
    const got: Record<number, number | null> = {};
    for (let n = 1; n <= 15; n++) got[n] = pairOf(n)?.old.number ?? null;
    expect(got).toEqual(VERSION_MAP);
    const added = r.rows.filter((x) => x.type === 'added').map((x) => (x.type === 'added' ? x.new.number : -1));
    expect(added).toEqual(Object.entries(VERSION_MAP).filter(([, v]) => v === null).map(([k]) => Number(k)));
  });

  it('reports the RFC patches without a v3 counterpart as dropped', () => {
    expect(r.rows.filter((x) => x.type === 'dropped').map((x) => (x.type === 'dropped' ? x.old.number : -1))).toEqual(DROPPED_RFC);
    expect(r.counts).toMatchObject({ old: 15, new: 15, pairs: 14, dropped: 1, added: 1 });
  });

  it('marks the swapped pair reordered, the pairs after the added patch shifted, the rest in place', () => {
    for (const p of pairs) {
      const expected = SWAPPED_V3.includes(p.new.number) ? 'reordered' : p.new.number === p.old.number ? 'same' : 'shifted';
      expect(p.position, `v3 ${p.new.number}`).toBe(expected);
    }
  });

  it('marks RFC 01 (its idea withdrawn) as rewritten, and only it', () => {
    expect(pairs.filter((p) => p.rewritten).map((p) => p.new.number)).toEqual(REPLACED);
    const p1 = pairOf(1)!;
    expect(p1.subjectChanged).toBe(true);
    // RFC 01's "zero only the requested size" is among the declared changes the pair loses.
    expect(p1.manifest.declared.removed.map((d) => d.id)).toContain('zeroing.requested-size-only');
  });

  it('finds no change in the code of the pair the map calls an identical diff', () => {
    for (const n of IDENTICAL_DIFF_V3) expect(pairOf(n)!.interdiff.state).not.toBe('changed');
  });

  it('shows v3 06 taking parts of RFC 06 and RFC 07, i.e. both split', () => {
    for (const [v3, rfcs] of Object.entries(ALSO_FROM)) {
      const p = pairOf(Number(v3))!;
      expect(p.alsoFrom.map((x) => x.from.number).sort()).toEqual(expect.arrayContaining(rfcs));
      for (const n of rfcs) expect(r.splits.find((s) => s.old.number === n)?.into.map((x) => x.number)).toContain(Number(v3));
    }
  });

  it('points the dropped RFC 15 at the v3 patch that took its kernel-doc part (same place changed)', () => {
    for (const [rfc, v3] of Object.entries(DOC_OF_DROPPED_IN)) {
      const row = r.rows.find((x) => x.type === 'dropped' && x.old.number === Number(rfc));
      expect(row?.type === 'dropped' && row.samePlaces.map((s) => s.in.number)).toContain(v3);
    }
  });

  it('gives each pair an interdiff and the differences of the manifests', () => {
    const p6 = pairOf(6)!;
    expect(p6.interdiff.state).toBe('changed');
    expect(p6.interdiff.hunks.length).toBeGreaterThan(0);
    for (const h of p6.interdiff.hunks) for (const l of h.lines) expect(l[0]).toMatch(/[ +-]/);
    // v3 05 is RFC 06 without its behaviour half: a refactor now (spec §4: "05 | 06 | refactor").
    expect(pairOf(5)!.manifest.kind).toEqual({ old: 'behaviour', new: 'refactor' });
  });
});

// ---- the pure core on made-up series ----------------------------------------------------------------------

type Toy = DomainTypes;
function entry(number: number, subject: string, extra: Partial<SeriesEntry<Toy>> = {}): SeriesEntry<Toy> {
  return { number, slug: `${number}`, subject, message: subject, link: '', move: 'Rename Variable', kind: 'refactor', declared: [], kernelFiles: ['a.c'], functions: [], signatures: [], goldenChanges: {}, ...extra };
}
const patch = (file: string, lines: string[]) => `diff --git a/${file} b/${file}\nindex 1111111..2222222 100644\n--- a/${file}\n+++ b/${file}\n@@ -1,${lines.length} +1,${lines.length} @@ function f()\n${lines.join('\n')}\n`;
const toy = (n: number, subject: string, lines: string[], extra?: Partial<SeriesEntry<Toy>>): RangePatch<Toy> => ({ entry: entry(n, subject, extra), diff: patch('a.ts', lines) });

describe('range-diff core', () => {
  it('strips line numbers and blob ids, keeping files, functions and lines', () => {
    expect(normalizePatch(patch('x.ts', ['-a', '+b']))).toEqual(['## x.ts ##', '@@ x.ts: function f()', '-a', '+b']);
  });

  it('assigns for the largest total weight and leaves zero-weight rows unassigned', () => {
    expect(bestAssignment([[0.9, 0.8], [0.85, 0]])).toEqual([1, 0]);
    expect(bestAssignment([[0, 0], [0, 0.5]])).toEqual([-1, 1]);
    expect(bestAssignment([[0.5], [0.7], [0]])).toEqual([-1, 0, -1]);
  });

  it('finds a swap, a dropped and an added patch', () => {
    const A = [toy(1, 'one', ['-x1', '+y1']), toy(2, 'two', ['-x2', '+y2']), toy(3, 'three', ['-x3', '+y3']), toy(4, 'gone', ['-x4', '+y4'])];
    const B = [toy(1, 'one', ['-x1', '+y1']), toy(2, 'three', ['-x3', '+y3 changed']), toy(3, 'two', ['-x2', '+y2']), toy(4, 'brand new', ['-q', '+r'])];
    const r = rangeDiff({ name: 'a', patches: A }, { name: 'b', patches: B });
    const rows = r.rows.map((x) => (x.type === 'pair' ? `${x.old.number}${x.interdiff.state === 'changed' ? '!' : '='}${x.new.number} ${x.position}` : x.type === 'added' ? `>${x.new.number}` : `${x.old.number}<`));
    expect(rows).toEqual(['1=1 same', '3!2 reordered', '2=3 reordered', '>4', '4<']);
  });

  it('reports an identical patch as identical even when line numbers and blob ids differ', () => {
    const a = toy(1, 's', ['-x', '+y']);
    const b = { ...a, diff: a.diff.replace('1111111', '3333333').replace('@@ -1,2 +1,2 @@', '@@ -40,2 +41,2 @@') };
    const r = rangeDiff({ name: 'a', patches: [a] }, { name: 'b', patches: [b] });
    expect(r.rows[0].type === 'pair' && r.rows[0].interdiff.state).toBe('identical');
  });

  it('compares the manifests: kind, moves by name, declared changes by id, files and signatures', () => {
    const a = toy(1, 's', ['-x', '+y'], { kind: 'behaviour', move: 'Parallel Change (migrate); Inline Class', declared: [{ id: 'p', description: 'd', evidence: [] }], functions: ['f'], signatures: [{ fn: 'f', params: ['a'] }] });
    const b = toy(1, 's', ['-x', '+y'], { kind: 'refactor', move: 'Parallel Change (migrate the lock); Remove Parameter', declared: [], functions: ['f', 'g'], signatures: [{ fn: 'f', params: ['a', 'b'] }] });
    const row = rangeDiff({ name: 'a', patches: [a] }, { name: 'b', patches: [b] }).rows[0] as PairRow;
    expect(row.manifest.kind).toEqual({ old: 'behaviour', new: 'refactor' });
    expect(row.manifest.moves).toEqual({ kept: [], reworded: [{ old: 'Parallel Change (migrate)', new: 'Parallel Change (migrate the lock)' }], removed: ['Inline Class'], added: ['Remove Parameter'] });
    expect(row.manifest.declared.removed.map((d) => d.id)).toEqual(['p']);
    expect(row.manifest.functions).toEqual({ removed: [], added: ['g'] });
    expect(row.manifest.signatures).toEqual([{ fn: 'f', old: ['a'], new: ['a', 'b'] }]);
  });
});

// ---- the command ----------------------------------------------------------------------------------------

// The first test runs the command as a process; the others run it in this process
// (test/support/cli.ts), what it prints and returns being their subject.
describe('slabseries range-diff', () => {
  it('prints the summary with git range-diff marks and exits 0', () => {
    const r = cli('range-diff', 'rfc', 'v3', '--stat');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^range-diff rfc -> v3: 15 -> 15 patches; 14 paired/);
    expect(r.stdout).toMatch(/^ {2}06 ! 05 {2}mm\/slab: replace struct partial_context/m);
    expect(r.stdout).toMatch(/^ {2}-- > 12 {2}mm\/slab: allow __GFP_NOMEMALLOC and __GFP_NOWARN for kmalloc_nolock\(\)/m);
    expect(r.stdout).toMatch(/^ {2}15 < -- {2}mm: remove the __GFP_NO_OBJ_EXT flag/m);
  });

  it('--pair shows one row with its interdiff; --json is parseable', async () => {
    const t = await inProcess('range-diff', 'rfc', 'v3', '--pair', '06');
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/rfc 05 ! v3 06/);
    expect(t.stdout).toMatch(/interdiff \(-\d+\/\+\d+\):/);
    const j = await inProcess('range-diff', 'rfc', 'v3', '--json');
    expect(j.status).toBe(0);
    const doc = JSON.parse(j.stdout) as RangeDiff;
    expect(Object.keys(doc)).toEqual(['old', 'new', 'counts', 'rows', 'splits']);
    const one = JSON.parse((await inProcess('range-diff', 'rfc', 'v3', '--pair', 'rfc:15', '--json')).stdout) as { rows: { type: string }[] };
    expect(one.rows.map((x) => x.type)).toEqual(['dropped']);
  });

  it('bad input: one line on stderr, exit 2, no stack trace', async () => {
    for (const args of [['rfc', 'v4'], ['nope', 'v3'], ['rfc', 'v3', '--pair', '42'], ['rfc', 'v3', '--pair', 'x:01'], ['rfc', 'v3', '--pair', 'seven'], ['rfc']]) {
      const r = await inProcess('range-diff', ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect((await inProcess('range-diff', 'rfc', 'v4')).stderr).toMatch(/unknown series "v4"/);
  });

  it('has --help', async () => {
    const r = await inProcess('range-diff', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: slabseries range-diff \[options\] <old> <new>/);
  });
});
