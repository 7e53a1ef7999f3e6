// Two versions of a patch series compared as `git range-diff` compares them: every patch of the old
// series is paired with at most one patch of the new one, and each pair gets its interdiff (the diff
// of the two patches). Pure: the patches come in as text (the CLI renders them from the stage trees),
// results go out typed; nothing here prints.
//
// Pairing. Both series are complete snapshots, so a patch cannot be applied to the other series'
// tree (which is what `b4 diff` needs); instead every old/new pair is scored on what the two patches
// change (their added and removed code lines), their subjects, and the kernel files and functions the
// manifests say the real patches touch, and the pairs are chosen by an optimal assignment (the
// largest total score, as git range-diff picks the smallest total interdiff). A pair must share
// code or have the same subject; a patch left over is dropped (old) or added (new).
//
// After pairing, the lines a patch changes that its partner does not are followed to the other
// series: two or more such lines found in another patch's own left-overs mean that part of the patch
// went there (a split or a squash, e.g. half of one RFC patch moved into a neighbour in v3).

import { diffArrays, structuredPatch } from 'diff';
import type { DomainTypes } from './domain.ts';
import type { SeriesEntry } from './series.ts';

/** One patch as range-diff reads it: the manifest entry and the patch's diff (`diff --git …` onwards). */
export interface RangePatch<T extends DomainTypes> {
  entry: SeriesEntry<T>;
  diff: string;
}

export interface RangeSeries<T extends DomainTypes> {
  name: string;
  patches: readonly RangePatch<T>[];
}

export interface PatchRef {
  number: number;
  subject: string;
}

/** How alike two patches are, each part in [0, 1]. */
export interface PairScore {
  /** Dice coefficient of the changed code lines (comments left out unless a patch is all comment). */
  content: number;
  /** Dice coefficient of the subjects' words. */
  subject: number;
  /** Jaccard index of the kernel files and functions the manifests name. */
  places: number;
  total: number;
}

/**
 * same: same number in both series. shifted: numbers differ but the order relative to every other
 * pair is kept (a patch was added or dropped before it). reordered: it changed places with another
 * pair.
 */
export type Position = 'same' | 'shifted' | 'reordered';

/** identical: the patches are equal (line numbers and blob ids aside). context-only: the same lines are added and removed, only context differs. */
export type InterdiffState = 'identical' | 'context-only' | 'changed';

/** One hunk of an interdiff: where it is (file and function of the patches) and the lines, prefixed by git range-diff's outer ' ', '-', '+'. */
export interface InterdiffHunk {
  section: string;
  lines: string[];
}

export interface Interdiff {
  state: InterdiffState;
  /** Lines of the old patch left out (-) and lines of the new patch added (+). */
  removed: number;
  added: number;
  hunks: InterdiffHunk[];
}

export interface ListDelta {
  removed: string[];
  added: string[];
}

/** A move of the catalogue ("Parallel Change (migrate)") matched by its name before the parenthesis. */
export interface MoveDelta {
  kept: string[];
  reworded: { old: string; new: string }[];
  removed: string[];
  added: string[];
}

export interface DeclaredDelta {
  /** Same id in both; with whether the description was reworded. */
  kept: { id: string; descriptionChanged: boolean }[];
  removed: { id: string; description: string }[];
  added: { id: string; description: string }[];
}

export interface SignatureDelta {
  fn: string;
  /** Parameter names after the patch, or null when that side's manifest gives no signature for fn. */
  old: string[] | null;
  new: string[] | null;
}

/** What the manifests say differently about the two patches. */
export interface ManifestDelta {
  kind: { old: string; new: string } | null;
  moves: MoveDelta;
  declared: DeclaredDelta;
  kernelFiles: ListDelta;
  functions: ListDelta;
  signatures: SignatureDelta[];
}

/** Lines of patch `from` that are not in its partner but are in `to` (and not in to's partner). */
export interface Part {
  from: PatchRef;
  to: PatchRef;
  lines: string[];
}

export interface PairRow {
  type: 'pair';
  old: PatchRef;
  new: PatchRef;
  position: Position;
  subjectChanged: boolean;
  messageChanged: boolean;
  /**
   * The old patch's declared changes all gone from the pair while it declared some, and the subject
   * changed: the number lives on but the idea was replaced (RFC 01 → v3 01).
   */
  rewritten: boolean;
  score: PairScore;
  interdiff: Interdiff;
  /** The commit messages' diff (our messages; they are rewritten for nearly every pair). */
  messageInterdiff: InterdiffHunk[];
  manifest: ManifestDelta;
  /** Other old patches the new patch took lines from (squashed in). */
  alsoFrom: Part[];
  /** Other new patches the old patch's lines went to (split out). */
  alsoInto: Part[];
}

export interface DroppedRow {
  type: 'dropped';
  old: PatchRef;
  /** New patches that took some of its lines. */
  partsIn: Part[];
  /** New patches that change the same places (file and enclosing function of a hunk): a weaker hint than shared lines. */
  samePlaces: { in: PatchRef; places: string[] }[];
}

export interface AddedRow {
  type: 'added';
  new: PatchRef;
  partsFrom: Part[];
  samePlaces: { in: PatchRef; places: string[] }[];
}

export type RangeRow = PairRow | DroppedRow | AddedRow;

export interface RangeDiff {
  old: string;
  new: string;
  counts: { old: number; new: number; pairs: number; unchanged: number; changed: number; reordered: number; shifted: number; dropped: number; added: number; splits: number };
  /** In the new series' order; a dropped patch follows the row of the old patch before it. */
  rows: RangeRow[];
  /** Old patches whose lines went into more than one new patch: the pair's and the others. */
  splits: { old: PatchRef; into: PatchRef[] }[];
}

// ---- reading a patch ---------------------------------------------------------------------------------

interface Reading {
  ref: PatchRef;
  /** The patch with line numbers and blob ids left out: "## path ##", "@@ function", hunk lines. */
  normalized: string[];
  /** The +/- lines in order (what the patch does, without context). */
  changes: string[];
  code: Map<string, number>;
  places: Set<string>;
}

const isChange = (l: string) => (l[0] === '+' || l[0] === '-') && !/^(\+\+\+|---) /.test(l);
const isComment = (s: string) => /^(\/\/|\/\*|\*)/.test(s);

/**
 * git range-diff's view of a patch: file headers as "## path ##", hunk headers without line
 * numbers (they move whenever an earlier patch differs), no index lines (blob ids always differ).
 */
export function normalizePatch(diff: string): string[] {
  const out: string[] = [];
  let path = '';
  for (const l of diff.split('\n')) {
    const file = /^diff --git a\/(\S+) b\/(\S+)$/.exec(l);
    if (file) {
      path = file[2];
      out.push(`## ${path} ##`);
      continue;
    }
    if (/^(index |--- |\+\+\+ )/.test(l)) continue;
    if (l === 'new file mode 100644') {
      out.push(`## ${path} (new) ##`);
      continue;
    }
    if (l === 'deleted file mode 100644') {
      out.push(`## ${path} (deleted) ##`);
      continue;
    }
    const hunk = /^@@ -\S+ \+\S+ @@ ?(.*)$/.exec(l);
    if (hunk) {
      out.push(`@@ ${path}${hunk[1] ? ': ' + hunk[1] : ''}`);
      continue;
    }
    if (l === '') continue;
    out.push(l);
  }
  return out;
}

function bag(lines: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
  return m;
}

const bagSize = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

function bagCommon(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let n = 0;
  for (const [k, v] of a) n += Math.min(v, b.get(k) ?? 0);
  return n;
}

function bagMinus(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): Map<string, number> {
  const m = new Map<string, number>();
  for (const [k, v] of a) {
    const r = v - (b.get(k) ?? 0);
    if (r > 0) m.set(k, r);
  }
  return m;
}

function read<T extends DomainTypes>(p: RangePatch<T>): Reading {
  const normalized = normalizePatch(p.diff);
  const changes = normalized.filter(isChange);
  // Indentation and comments are left out of the likeness: the same statement is the same change
  // wherever it sits, and the comments of a model name their own series ("RFC 05:", "v3 06:").
  const trimmed = changes.map((l) => l[0] + l.slice(1).trim()).filter((l) => l.length > 1);
  const code = trimmed.filter((l) => !isComment(l.slice(1)));
  const places = new Set(normalized.filter((l) => l.startsWith('@@ ')).map((l) => l.slice(3)));
  return { ref: { number: p.entry.number, subject: p.entry.subject }, normalized, changes, code: bag(code.length ? code : trimmed), places };
}

// ---- likeness ---------------------------------------------------------------------------------------

const WEIGHT = { content: 0.6, subject: 0.2, places: 0.2 };
/** Below this total a pair is not made (RFC 15 and v3 12 score 0.06; the weakest real pair, RFC 01 and v3 01, 0.6). */
const PAIR_THRESHOLD = 0.3;
/** Lines of a patch found in another patch's left-overs before they count as a part of it. */
const PART_MIN_LINES = 2;
/** A place changed by more patches of the other series than this is no hint for an unpaired patch. */
const PLACE_MAX_SHARERS = 2;

function words(subject: string): Set<string> {
  return new Set(subject.toLowerCase().split(/[^a-z0-9_]+/).filter(Boolean));
}

function dice<X>(a: ReadonlySet<X>, b: ReadonlySet<X>): number {
  if (!a.size && !b.size) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return (2 * n) / (a.size + b.size);
}

function jaccard<X>(a: ReadonlySet<X>, b: ReadonlySet<X>): number {
  const union = new Set([...a, ...b]);
  if (!union.size) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / union.size;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function scoreReadings<T extends DomainTypes>(a: RangePatch<T>, ra: Reading, b: RangePatch<T>, rb: Reading): PairScore {
  const sizes = bagSize(ra.code) + bagSize(rb.code);
  const content = sizes ? (2 * bagCommon(ra.code, rb.code)) / sizes : 0;
  const subject = dice(words(a.entry.subject), words(b.entry.subject));
  const placesOf = (e: SeriesEntry<T>) => new Set([...e.kernelFiles, ...e.functions]);
  const places = jaccard(placesOf(a.entry), placesOf(b.entry));
  return { content: round(content), subject: round(subject), places: round(places), total: round(WEIGHT.content * content + WEIGHT.subject * subject + WEIGHT.places * places) };
}

/** May these two be a pair at all? They must share code, or have the same subject, and score enough. */
function pairable(s: PairScore, sameSubject: boolean): boolean {
  return s.total >= PAIR_THRESHOLD && (s.content > 0 || sameSubject);
}

/**
 * The assignment of rows to columns with the largest total weight (Hungarian method on the
 * square matrix, O(n³)); weight 0 means "not a pair". Returns col[row] or -1.
 */
export function bestAssignment(weight: readonly (readonly number[])[]): number[] {
  const rows = weight.length;
  const cols = rows ? weight[0].length : 0;
  const n = Math.max(rows, cols);
  const cost = (i: number, j: number) => (i < rows && j < cols ? -weight[i][j] : 0);
  // 1-based potentials u, v; p[j]: row matched to column j; way: the augmenting path.
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const p = new Array<number>(n + 1).fill(0);
  const way = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(n + 1).fill(Infinity);
    const used = new Array<boolean>(n + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  const out = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= n; j++) if (p[j] >= 1 && p[j] <= rows && j <= cols && weight[p[j] - 1][j - 1] > 0) out[p[j] - 1] = j - 1;
  return out;
}

// ---- what differs in a pair ------------------------------------------------------------------------

/** The diff of two line lists as git range-diff shows it: outer ' ', '-', '+' before each line, hunks named by their section. */
export function interdiffHunks(a: readonly string[], b: readonly string[], context = 3): InterdiffHunk[] {
  if (a.length === b.length && a.every((l, i) => l === b[i])) return [];
  const p = structuredPatch('old', 'new', a.join('\n') + '\n', b.join('\n') + '\n', undefined, undefined, { context });
  return p.hunks.map((h) => ({ section: sectionAt(a, h.oldStart - 1) || sectionAt(b, h.newStart - 1), lines: h.lines.filter((l) => !l.startsWith('\\')) }));
}

/** The nearest "## file ##" / "@@ function" header at or above a line. */
function sectionAt(lines: readonly string[], at: number): string {
  for (let i = Math.min(at, lines.length - 1); i >= 0; i--) {
    const l = lines[i];
    if (l.startsWith('@@ ')) return l.slice(3);
    const f = /^## (.*) ##$/.exec(l);
    if (f) return f[1];
  }
  return '';
}

function interdiffOf(a: Reading, b: Reading): Interdiff {
  const hunks = interdiffHunks(a.normalized, b.normalized);
  let removed = 0;
  let added = 0;
  for (const h of hunks)
    for (const l of h.lines) {
      if (l[0] === '-') removed++;
      else if (l[0] === '+') added++;
    }
  const sameChanges = a.changes.length === b.changes.length && diffArrays(a.changes, b.changes).every((x) => !x.added && !x.removed);
  const state: InterdiffState = !hunks.length ? 'identical' : sameChanges ? 'context-only' : 'changed';
  return { state, removed, added, hunks };
}

function listDelta(a: readonly string[], b: readonly string[]): ListDelta {
  const sa = new Set(a);
  const sb = new Set(b);
  return { removed: a.filter((x) => !sb.has(x)), added: b.filter((x) => !sa.has(x)) };
}

const moveName = (m: string) => m.replace(/\(.*$/, '').trim().toLowerCase();

function moveDelta(a: string, b: string): MoveDelta {
  const split = (s: string) => s.split(';').map((x) => x.trim()).filter(Boolean);
  const ma = split(a);
  const mb = split(b);
  const out: MoveDelta = { kept: [], reworded: [], removed: [], added: [] };
  const left = [...mb];
  for (const m of ma) {
    const exact = left.indexOf(m);
    if (exact >= 0) {
      out.kept.push(m);
      left.splice(exact, 1);
      continue;
    }
    const same = left.findIndex((x) => moveName(x) === moveName(m));
    if (same >= 0) {
      out.reworded.push({ old: m, new: left[same] });
      left.splice(same, 1);
    } else out.removed.push(m);
  }
  out.added.push(...left);
  return out;
}

export function manifestDelta<T extends DomainTypes>(a: SeriesEntry<T>, b: SeriesEntry<T>): ManifestDelta {
  const ida = new Map(a.declared.map((d) => [d.id, d.description]));
  const idb = new Map(b.declared.map((d) => [d.id, d.description]));
  const fns = [...new Set([...a.signatures.map((s) => s.fn), ...b.signatures.map((s) => s.fn)])];
  const params = (e: SeriesEntry<T>, fn: string) => e.signatures.find((s) => s.fn === fn)?.params ?? null;
  return {
    kind: a.kind === b.kind ? null : { old: a.kind, new: b.kind },
    moves: moveDelta(a.move, b.move),
    declared: {
      kept: a.declared.filter((d) => idb.has(d.id)).map((d) => ({ id: d.id, descriptionChanged: idb.get(d.id) !== d.description })),
      removed: a.declared.filter((d) => !idb.has(d.id)).map((d) => ({ id: d.id, description: d.description })),
      added: b.declared.filter((d) => !ida.has(d.id)).map((d) => ({ id: d.id, description: d.description })),
    },
    kernelFiles: listDelta(a.kernelFiles, b.kernelFiles),
    functions: listDelta(a.functions, b.functions),
    signatures: fns
      .map((fn) => ({ fn, old: params(a, fn), new: params(b, fn) }))
      .filter((s) => JSON.stringify(s.old) !== JSON.stringify(s.new)),
  };
}

// ---- the range-diff ----------------------------------------------------------------------------------

export function rangeDiff<T extends DomainTypes>(older: RangeSeries<T>, newer: RangeSeries<T>): RangeDiff {
  const A = older.patches;
  const B = newer.patches;
  const ra = A.map(read);
  const rb = B.map(read);
  const scores = A.map((a, i) => B.map((b, j) => scoreReadings(a, ra[i], b, rb[j])));
  const weight = scores.map((row, i) => row.map((s, j) => (pairable(s, A[i].entry.subject === B[j].entry.subject) ? s.total : 0)));
  const colOf = bestAssignment(weight);
  const rowOf = new Array<number>(B.length).fill(-1);
  colOf.forEach((j, i) => {
    if (j >= 0) rowOf[j] = i;
  });

  // Left-overs: what a patch changes that its partner does not (all of it for an unpaired patch).
  const leftA = ra.map((r, i) => (colOf[i] >= 0 ? bagMinus(r.code, rb[colOf[i]].code) : r.code));
  const leftB = rb.map((r, j) => (rowOf[j] >= 0 ? bagMinus(r.code, ra[rowOf[j]].code) : r.code));
  const parts: Part[] = [];
  A.forEach((_, i) =>
    B.forEach((_, j) => {
      if (colOf[i] === j) return;
      const common = [...leftA[i].keys()].filter((k) => leftB[j].has(k));
      const n = bagCommon(new Map(common.map((k) => [k, leftA[i].get(k)!])), leftB[j]);
      if (n >= PART_MIN_LINES) parts.push({ from: ra[i].ref, to: rb[j].ref, lines: common });
    }),
  );

  const pairs = colOf.map((j, i) => [i, j] as const).filter(([, j]) => j >= 0);
  const reordered = new Set(pairs.filter(([i, j]) => pairs.some(([i2, j2]) => (i2 - i) * (j2 - j) < 0)).map(([i]) => i));
  // A place (file and enclosing function of a hunk) that many patches of the other series change
  // says nothing about where an unpaired patch went (every step touches kmalloc_nolock()): only
  // places at most PLACE_MAX_SHARERS patches change count.
  const samePlaces = (mine: Reading, others: readonly Reading[]) => {
    const sharers = (p: string) => others.filter((o) => o.places.has(p)).length;
    const rare = [...mine.places].filter((p) => sharers(p) > 0 && sharers(p) <= PLACE_MAX_SHARERS);
    return others.map((o) => ({ in: o.ref, places: rare.filter((p) => o.places.has(p)) })).filter((x) => x.places.length);
  };

  const pairRow = (i: number, j: number): PairRow => {
    const a = A[i].entry;
    const b = B[j].entry;
    const manifest = manifestDelta(a, b);
    const subjectChanged = a.subject !== b.subject;
    return {
      type: 'pair',
      old: ra[i].ref,
      new: rb[j].ref,
      position: reordered.has(i) ? 'reordered' : a.number === b.number ? 'same' : 'shifted',
      subjectChanged,
      messageChanged: a.message.trim() !== b.message.trim(),
      rewritten: subjectChanged && a.declared.length > 0 && manifest.declared.kept.length === 0,
      score: scores[i][j],
      interdiff: interdiffOf(ra[i], rb[j]),
      messageInterdiff: interdiffHunks(a.message.trim().split('\n'), b.message.trim().split('\n')),
      manifest,
      alsoFrom: parts.filter((p) => p.to.number === b.number),
      alsoInto: parts.filter((p) => p.from.number === a.number),
    };
  };

  const rows: RangeRow[] = [];
  const shown = new Set<number>();
  const dropped = (i: number): DroppedRow => ({
    type: 'dropped',
    old: ra[i].ref,
    partsIn: parts.filter((p) => p.from.number === A[i].entry.number),
    samePlaces: samePlaces(ra[i], rb),
  });
  const flushDroppedBefore = (limit: number) => {
    for (let i = 0; i < A.length && A[i].entry.number < limit; i++)
      if (colOf[i] < 0 && !shown.has(i)) {
        shown.add(i);
        rows.push(dropped(i));
      }
  };
  B.forEach((b, j) => {
    const i = rowOf[j];
    if (i < 0) {
      rows.push({ type: 'added', new: rb[j].ref, partsFrom: parts.filter((p) => p.to.number === b.entry.number), samePlaces: samePlaces(rb[j], ra) });
      return;
    }
    flushDroppedBefore(A[i].entry.number);
    rows.push(pairRow(i, j));
  });
  flushDroppedBefore(Infinity);

  const pairRows = rows.filter((r): r is PairRow => r.type === 'pair');
  const splits = pairRows.filter((r) => r.alsoInto.length).map((r) => ({ old: r.old, into: [r.new, ...r.alsoInto.map((p) => p.to)].sort((x, y) => x.number - y.number) }));
  return {
    old: older.name,
    new: newer.name,
    counts: {
      old: A.length,
      new: B.length,
      pairs: pairRows.length,
      unchanged: pairRows.filter((r) => r.interdiff.state !== 'changed').length,
      changed: pairRows.filter((r) => r.interdiff.state === 'changed').length,
      reordered: pairRows.filter((r) => r.position === 'reordered').length,
      shifted: pairRows.filter((r) => r.position === 'shifted').length,
      dropped: rows.filter((r) => r.type === 'dropped').length,
      added: rows.filter((r) => r.type === 'added').length,
      splits: splits.length,
    },
    rows,
    splits,
  };
}
