// Text that reaches a terminal from input: quoted, escaped and bounded, so that an error message is
// one line, never forges another line or a colour, and never echoes a huge string back.

/** Control characters (C0, DEL, C1), line and paragraph separators, bidirectional overrides. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function escapeChar(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Escape every unsafe character of s (as \uXXXX). */
export function escapeControls(s: string): string {
  return s.replace(UNSAFE, escapeChar);
}

/** A value from the input as it may appear in a message: JSON-quoted, escaped, at most `max` characters of it. */
export function shown(v: unknown, max = 40): string {
  if (typeof v === 'string') {
    const cut = v.length > max ? v.slice(0, max) : v;
    return escapeControls(JSON.stringify(cut)) + (v.length > max ? '…' : '');
  }
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

/** A message as one safe line of at most `max` characters. */
export function oneLine(msg: string, max = 200): string {
  const flat = escapeControls(msg.replace(/\r?\n/g, ' '));
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

/** Damerau-free edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** ' (did you mean "X"?)' for the closest candidate, or '' when none is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  if (word.length > 64) return '';
  let best: string | null = null;
  let bestD = Infinity;
  const lw = word.toLowerCase();
  for (const c of candidates) {
    const d = c.toLowerCase() === lw ? 0 : distance(lw, c.toLowerCase());
    if (d < bestD || (d === bestD && best !== null && c < best)) {
      best = c;
      bestD = d;
    }
  }
  if (best === null || best === word) return '';
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return bestD <= limit ? ` (did you mean ${JSON.stringify(best)}?)` : '';
}

/** Code-unit order (locale-independent), for sort(). */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
