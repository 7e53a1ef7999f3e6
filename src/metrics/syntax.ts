// The only module of src/metrics that uses TypeScript's compiler (the one ts-morph ships). It parses
// stage files (syntax only: no type checker, no lib files, an in-memory file system) and returns plain
// data (src/metrics/model.ts). Everything else in src/metrics is pure functions over that data.

// ts-morph's TypeScript compiler is loaded lazily (synchronously, on the first parse) so that
// importing this module, or the CLI that reaches it, costs nothing until metrics are computed.

import type { ts } from 'ts-morph';
import type { ArgKind, BitTestInfo, CallInfo, DeclSyntax, FileSyntax, FileSyntaxStore, FunctionSyntax, LocalInfo, ParamInfo } from './model.ts';
import { byCodeUnit } from '../harness/text.ts';
import { requireTypeScript } from '../cache/code-cache.ts';

let compilerModule: typeof ts | null = null;
/** Whether loading the compiler may store V8's compiled code (not under --no-cache: see parseStage). */
let storeCode = true;
function compiler(): typeof ts {
  // Through V8's code cache: compiling TypeScript's 9 MB compiler was a fifth of a cold `metrics`.
  compilerModule ??= requireTypeScript(import.meta.url, { write: storeCode });
  return compilerModule;
}

/** Parsed files by path and text: a file unchanged between stages is parsed once. */
const cache = new Map<string, FileSyntax>();

/** Parse one file. `path` is the stage-relative path (mm/slub.ts). */
export function parseFile(path: string, text: string): FileSyntax {
  const key = `${path}\0${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  // The compiler's parser alone (ts-morph's TypeScript): extraction reads compiler nodes only, and a
  // ts-morph Project would keep every parsed file alive for the rest of the run.
  const ts = compiler();
  // No parent pointers (setParentNodes false): extraction walks down and names the source file in
  // every getText()/getStart(), and setting them was a tenth of a cold `metrics`.
  const csf = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const out = extract(path, csf);
  cache.set(key, out);
  return out;
}

/** Parse a stage tree (path → text); glue files (index.ts) and non-TypeScript files are skipped. */
export function parseStage(files: ReadonlyMap<string, string>, store?: FileSyntaxStore): Map<string, FileSyntax> {
  // Without a store (--no-cache) nothing is kept, V8's compiled code of ts-morph included.
  storeCode = !!store;
  const out = new Map<string, FileSyntax>();
  for (const [path, text] of [...files].sort((a, b) => byCodeUnit(a[0], b[0]))) {
    if (path === 'index.ts' || !path.endsWith('.ts')) continue;
    out.set(path, parsedOnce(path, text, store));
  }
  return out;
}

/** A parsed file from the store when it has it (same path, same text, same adapter), else parsed and stored. */
function parsedOnce(path: string, text: string, store?: FileSyntaxStore): FileSyntax {
  let f = store?.get(path, text);
  if (!f) {
    f = parseFile(path, text);
    store?.put(path, text, f);
  }
  return f;
}

// ---- extraction ---------------------------------------------------------------------------------

function hasExport(n: ts.Node): boolean {
  const ts = compiler();
  return !!ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Extraction works on compiler nodes: no wrapper per node, which keeps a 16-stage run fast. */
function extract(path: string, csf: ts.SourceFile): FileSyntax {
  const ts = compiler();
  const exportedNames = new Set<string>();
  for (const st of csf.statements) {
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) for (const e of st.exportClause.elements) exportedNames.add(e.name.text);
  }
  const isExported = (n: ts.Node, name: string) => hasExport(n) || exportedNames.has(name);
  const text = (n: ts.Node | undefined) => (n ? n.getText(csf) : null);

  const functions: FunctionSyntax[] = [];
  const decls: DeclSyntax[] = [];
  const topLevelCalls: CallInfo[] = [];
  const topLevelBitTests: BitTestInfo[] = [];
  const identifiers: Record<string, number> = {};
  const top: Acc = { calls: topLevelCalls, bitTests: topLevelBitTests, identifiers };

  for (const st of csf.statements) {
    if (ts.isFunctionDeclaration(st)) {
      if (!st.name || !st.body) continue; // overload signatures
      functions.push(fnSyntax(path, csf, st, st.name.text, isExported(st, st.name.text), 'function', st.parameters, text(st.type), st.body, st));
    } else if (ts.isVariableStatement(st)) {
      const flags = st.declarationList.flags;
      const kind = flags & ts.NodeFlags.Const ? 'const' : flags & ts.NodeFlags.Let ? 'let' : 'var';
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) continue;
        const name = d.name.text;
        const init = d.initializer;
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) {
          functions.push(fnSyntax(path, csf, st, name, isExported(st, name), 'arrow', init.parameters, text(init.type), init.body, init));
        } else {
          decls.push({ name, kind, exported: isExported(st, name), text: withComments(csf, st), members: [], init: text(init) });
          walk(d, csf, top);
        }
      }
    } else if (ts.isInterfaceDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st) || ts.isTypeAliasDeclaration(st)) {
      const name = st.name?.text ?? '(anonymous)';
      const kind = ts.isInterfaceDeclaration(st) ? 'interface' : ts.isClassDeclaration(st) ? 'class' : ts.isEnumDeclaration(st) ? 'enum' : 'type';
      const members: string[] = [];
      if (ts.isInterfaceDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) {
        for (const m of st.members as ts.NodeArray<ts.Node & { name?: ts.Node }>) {
          if (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) {
            if (ts.isInterfaceDeclaration(st) && !ts.isPropertySignature(m)) continue;
            if (ts.isClassDeclaration(st) && !ts.isPropertyDeclaration(m)) continue;
            members.push(m.name.text);
          }
        }
      }
      decls.push({ name, kind, exported: isExported(st, name), text: withComments(csf, st), members, init: ts.isTypeAliasDeclaration(st) ? text(st.type) : null });
      walk(st, csf, { calls: [], bitTests: [], identifiers });
    } else if (!ts.isImportDeclaration(st) && !ts.isExportDeclaration(st)) {
      walk(st, csf, top);
    }
  }
  // Identifiers of the file = those of its functions plus everything walked above.
  for (const f of functions) for (const [k, v] of Object.entries(f.identifiers)) identifiers[k] = (identifiers[k] ?? 0) + v;
  return { path, functions, decls, identifiers, topLevelCalls, topLevelBitTests };
}

function withComments(csf: ts.SourceFile, node: ts.Node): string {
  const ts = compiler();
  const full = csf.text;
  const comments = (ts.getLeadingCommentRanges(full, node.pos) ?? []).map((c) => full.slice(c.pos, c.end));
  return [...comments, node.getText(csf)].join('\n');
}

function fnSyntax(
  file: string,
  csf: ts.SourceFile,
  decl: ts.Node,
  name: string,
  exported: boolean,
  form: 'function' | 'arrow',
  params: ts.NodeArray<ts.ParameterDeclaration>,
  returnType: string | null,
  body: ts.Node,
  walkRoot: ts.Node,
): FunctionSyntax {
  const acc = { calls: [] as CallInfo[], bitTests: [] as BitTestInfo[], locals: [] as LocalInfo[], identifiers: {} as Record<string, number> };
  walk(walkRoot, csf, acc);
  return {
    name,
    file,
    line: csf.getLineAndCharacterOfPosition(decl.getStart(csf)).line + 1,
    exported,
    form,
    params: params.map((p) => paramInfo(csf, p)),
    returnType,
    text: withComments(csf, decl),
    body: body.getText(csf),
    calls: acc.calls,
    bitTests: acc.bitTests,
    locals: acc.locals,
    identifiers: acc.identifiers,
  };
}

function paramInfo(csf: ts.SourceFile, p: ts.ParameterDeclaration): ParamInfo {
  return { name: p.name.getText(csf), type: p.type?.getText(csf) ?? null, optional: !!p.questionToken, initializer: p.initializer?.getText(csf) ?? null };
}

interface Acc {
  calls: CallInfo[];
  bitTests: BitTestInfo[];
  locals?: LocalInfo[];
  identifiers?: Record<string, number>;
}

function argKind(e: ts.Expression): ArgKind {
  const ts = compiler();
  if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword) return 'literal';
  if (ts.isNumericLiteral(e) || ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return 'literal';
  if (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand)) return 'literal';
  if (ts.isCallExpression(e)) return 'call';
  return 'other';
}

function namesIn(n: ts.Node, out: string[]): string[] {
  const ts = compiler();
  if (ts.isIdentifier(n)) out.push(n.text);
  ts.forEachChild(n, (c) => void namesIn(c, out));
  return out;
}

/** Walk compiler nodes (fast: no ts-morph wrappers) collecting calls, bit tests, locals and identifiers. */
function walk(root: ts.Node, csf: ts.SourceFile, acc: Acc): void {
  const ts = compiler();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) {
      if (acc.identifiers) acc.identifiers[n.text] = (acc.identifiers[n.text] ?? 0) + 1;
      return;
    }
    if (ts.isCallExpression(n)) {
      const e = n.expression;
      const callee = ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : e.getText(csf);
      acc.calls.push({ callee, args: n.arguments.map((a) => a.getText(csf)), argKinds: n.arguments.map(argKind), text: n.getText(csf) });
    } else if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.AmpersandToken) {
      const right = stripParens(n.right);
      acc.bitTests.push({
        left: n.left.getText(csf),
        right: n.right.getText(csf),
        names: [...new Set(namesIn(n, []))],
        negated: ts.isPrefixUnaryExpression(right) && right.operator === ts.SyntaxKind.TildeToken,
        text: n.getText(csf),
      });
    } else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && acc.locals) {
      const init = n.initializer;
      acc.locals.push({ name: n.name.text, type: n.type?.getText(csf) ?? null, init: init?.getText(csf) ?? null, objectLiteral: !!init && ts.isObjectLiteralExpression(stripParens(init)) });
    }
    ts.forEachChild(n, visit);
  };
  visit(root);
}

function stripParens(e: ts.Expression): ts.Expression {
  const ts = compiler();
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}
