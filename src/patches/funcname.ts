// The text after "@@ … @@" in a hunk header, as git computes it (xdiff/xemit.c get_func_line and
// diff.c ff_regexp / xemit.c def_ff): search the old file backwards from the line before the hunk
// for a "function line", take it (or its first capture group), cut it to 80 bytes and drop trailing
// whitespace. TypeScript files use the pattern below, the one to give git as a diff driver:
//
//   .gitattributes:  *.ts diff=typescript
//   git config diff.typescript.xfuncname '<TS_FUNCNAME>'
//
// so `git format-patch` of an export-git history prints the same hunk headers as patches/. Other
// files use git's default rule (a line starting with a letter, "_" or "$").

/**
 * A POSIX extended regular expression that means the same in JavaScript (no \s, \w, \t or
 * lookaround; blanks are spaces, as the stages are formatted):
 * top-level function declarations, classes, interfaces, enums, namespaces, type aliases and
 * const/let/var bindings of function expressions or arrows.
 */
export const TS_FUNCNAME =
  '^((export[ ]+)?(default[ ]+)?(async[ ]+)?function[ *]+[A-Za-z_$][A-Za-z0-9_$]*.*' +
  '|(export[ ]+)?(declare[ ]+)?(abstract[ ]+)?(class|interface|enum|namespace)[ ]+[A-Za-z_$].*' +
  '|(export[ ]+)?type[ ]+[A-Za-z_$][A-Za-z0-9_$]*.*=.*' +
  '|(export[ ]+)?(const|let|var)[ ]+[A-Za-z_$][A-Za-z0-9_$]*[ ]*(:[^=]*)?=[ ]*(async[ ]+)?(function|\\(|[A-Za-z_$][A-Za-z0-9_$]*[ ]*=>).*)$';

const TS_RE = new RegExp(TS_FUNCNAME);
/** git's struct func_line buffer. */
const FUNC_MAX = 80;

/** Cut to git's buffer size in bytes (UTF-8), then trim trailing whitespace. */
function clip(s: string): string {
  const b = Buffer.from(s, 'utf8');
  let t = b.length > FUNC_MAX ? b.subarray(0, FUNC_MAX).toString('utf8').replace(/\uFFFD$/, '') : s;
  t = t.replace(/[ \t\n\v\f\r]+$/, '');
  return t;
}

function matchLine(line: string, typescript: boolean): string | null {
  if (typescript) {
    const m = TS_RE.exec(line);
    if (!m) return null;
    return clip(m[1] !== undefined ? m[1] : m[0]);
  }
  return /^[A-Za-z_$]/.test(line) ? clip(line) : null;
}

/**
 * The function line for a hunk starting at old line `oldStart` (1-based, context included) of
 * `oldContent`, or "" when there is none.
 */
export function hunkFuncname(path: string, oldContent: string | null, oldStart: number): string {
  if (!oldContent) return '';
  const lines = oldContent.split('\n');
  const typescript = /\.ts$/.test(path);
  for (let l = oldStart - 2; l >= 0; l--) {
    const f = matchLine(lines[l].replace(/\r$/, ''), typescript);
    if (f !== null) return f;
  }
  return '';
}
