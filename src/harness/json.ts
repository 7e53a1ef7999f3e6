// Strict JSON for input files: no byte-order mark, no duplicate keys (JSON.parse silently keeps
// the last), bounded nesting. Iterative: deep input never needs the native stack.

export class JsonInputError extends Error {}

/** The deepest nesting of arrays and objects accepted in an input file. */
export const MAX_JSON_DEPTH = 64;

/** The largest scenario file read (the loader's limits allow far less content). */
export const MAX_SCENARIO_BYTES = 4 << 20;

/** Parse text as JSON; throws JsonInputError with a one-line message (no input echoed). */
export function parseJsonStrict(text: string): unknown {
  if (text.charCodeAt(0) === 0xfeff) throw new JsonInputError('starts with a byte-order mark (save it as UTF-8 without BOM)');
  checkStructure(text);
  try {
    return JSON.parse(text);
  } catch (e) {
    // V8's message may quote the input: keep only its position.
    const m = /position (\d+)/.exec((e as Error).message);
    throw new JsonInputError(`not valid JSON${m ? ` (at ${lineCol(text, Number(m[1]))})` : ''}`);
  }
}

function lineCol(text: string, pos: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return `line ${line}, column ${col}`;
}

/**
 * One pass over the text: nesting depth and duplicate keys. Runs before JSON.parse; on text that
 * is not JSON it may stop early or say nothing (JSON.parse reports the syntax error).
 */
function checkStructure(text: string): void {
  const stack: (Set<string> | null)[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      stack.push(c === 0x7b ? new Set() : null);
      if (stack.length > MAX_JSON_DEPTH) throw new JsonInputError(`nested deeper than ${MAX_JSON_DEPTH} levels (at ${lineCol(text, i)})`);
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x22 /* " */) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c ? 2 : 1;
      if (j >= n) return;
      const keys = stack[stack.length - 1];
      if (keys) {
        let k = j + 1;
        while (k < n && (text[k] === ' ' || text[k] === '\n' || text[k] === '\r' || text[k] === '\t')) k++;
        if (text[k] === ':') {
          let key: string;
          try {
            key = JSON.parse(text.slice(i, j + 1)) as string;
          } catch {
            return;
          }
          if (keys.has(key)) throw new JsonInputError(`duplicate key ${JSON.stringify(key.length > 40 ? key.slice(0, 40) + '…' : key)} (at ${lineCol(text, i)})`);
          keys.add(key);
        }
      }
      i = j;
    }
  }
}
