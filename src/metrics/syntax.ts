// The only module that touches ts-morph. It parses stage files (syntax only: no type checker, no lib
// files, an in-memory file system) and returns plain data (src/metrics/model.ts). Everything else in
// src/metrics is pure functions over that data.

// ts-morph is loaded lazily (synchronously, on the first parse) so that importing this module, or
// the CLI that reaches it, costs nothing until metrics are actually computed.

import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';
import type { ts, Node, Project, SourceFile, ParameterDeclaration } from 'ts-morph';
import type { ArgKind, BitTestInfo, CallInfo, DeclSyntax, FileSyntax, FunctionSyntax, LocalInfo, ParamInfo } from './model.ts';

let lib: typeof TsMorph | null = null;
function morph(): typeof TsMorph {
  lib ??= createRequire(import.meta.url)('ts-morph') as typeof TsMorph;
  return lib;
}

let project: Project | null = null;
/** Parsed files by path and text: a file unchanged between stages is parsed once. */
const cache = new Map<string, FileSyntax>();
let serial = 0;

function getProject(): Project {
  const { Project, ts } = morph();
  project ??= new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    skipFileDependencyResolution: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, noLib: true, allowImportingTsExtensions: true, noEmit: true },
  });
  return project;
}

/** Parse one file. `path` is the stage-relative path (mm/slub.ts). */
export function parseFile(path: string, text: string): FileSyntax {
  const key = `${path}\0${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const p = getProject();
  const sf = p.createSourceFile(`/s${serial++}/${path}`, text, { overwrite: true });
  const out = extract(path, sf);
  p.removeSourceFile(sf);
  cache.set(key, out);
  return out;
}

/** Parse a stage tree (path → text); glue files (index.ts) and non-TypeScript files are skipped. */
export function parseStage(files: ReadonlyMap<string, string>): Map<string, FileSyntax> {
  const out = new Map<string, FileSyntax>();
  for (const [path, text] of [...files].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (path === 'index.ts' || !path.endsWith('.ts')) continue;
    out.set(path, parseFile(path, text));
  }
  return out;
}

// ---- extraction ---------------------------------------------------------------------------------

function extract(path: string, sf: SourceFile): FileSyntax {
  const { Node, ts } = morph();
  const csf = sf.compilerNode;
  const exportedNames = new Set<string>();
  for (const ed of sf.getExportDeclarations()) for (const spec of ed.getNamedExports()) exportedNames.add(spec.getName());

  const functions: FunctionSyntax[] = [];
  const decls: DeclSyntax[] = [];
  const topLevelCalls: CallInfo[] = [];
  const topLevelBitTests: BitTestInfo[] = [];

  for (const st of sf.getStatements()) {
    if (Node.isFunctionDeclaration(st)) {
      const name = st.getName();
      if (!name || !st.getBody()) continue; // overload signatures
      functions.push(fnSyntax(path, csf, st, name, st.hasExportKeyword() || exportedNames.has(name), 'function', st.getParameters(), st.getReturnTypeNode()?.getText() ?? null, st.getBody()!.compilerNode));
    } else if (Node.isVariableStatement(st)) {
      const exported = st.hasExportKeyword();
      const kind = st.getDeclarationKind() as 'const' | 'let' | 'var';
      for (const d of st.getDeclarations()) {
        const name = d.getName();
        const init = d.getInitializer();
        if (init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init))) {
          functions.push(fnSyntax(path, csf, st, name, exported || exportedNames.has(name), 'arrow', init.getParameters(), init.getReturnTypeNode()?.getText() ?? null, init.getBody().compilerNode, init.compilerNode));
        } else {
          decls.push({ name, kind, exported: exported || exportedNames.has(name), text: withComments(st), members: [], init: init?.getText() ?? null });
          if (init) walk(init.compilerNode, csf, { calls: topLevelCalls, bitTests: topLevelBitTests });
        }
      }
    } else if (Node.isInterfaceDeclaration(st)) {
      decls.push({ name: st.getName(), kind: 'interface', exported: st.hasExportKeyword() || exportedNames.has(st.getName()), text: withComments(st), members: st.getProperties().map((m) => m.getName()), init: null });
    } else if (Node.isTypeAliasDeclaration(st)) {
      decls.push({ name: st.getName(), kind: 'type', exported: st.hasExportKeyword() || exportedNames.has(st.getName()), text: withComments(st), members: [], init: st.getTypeNode()?.getText() ?? null });
    } else if (Node.isEnumDeclaration(st)) {
      decls.push({ name: st.getName(), kind: 'enum', exported: st.hasExportKeyword() || exportedNames.has(st.getName()), text: withComments(st), members: st.getMembers().map((m) => m.getName()), init: null });
    } else if (Node.isClassDeclaration(st)) {
      const name = st.getName() ?? '(anonymous class)';
      decls.push({ name, kind: 'class', exported: st.hasExportKeyword() || exportedNames.has(name), text: withComments(st), members: st.getProperties().map((m) => m.getName()), init: null });
    } else if (!Node.isImportDeclaration(st) && !Node.isExportDeclaration(st)) {
      walk(st.compilerNode, csf, { calls: topLevelCalls, bitTests: topLevelBitTests });
    }
  }

  const identifiers: Record<string, number> = {};
  const count = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) return;
    if (ts.isIdentifier(n)) identifiers[n.text] = (identifiers[n.text] ?? 0) + 1;
    ts.forEachChild(n, count);
  };
  count(csf);
  return { path, functions, decls, identifiers, topLevelCalls, topLevelBitTests };
}

function withComments(node: Node): string {
  const comments = node.getLeadingCommentRanges().map((c) => c.getText());
  return [...comments, node.getText()].join('\n');
}

function fnSyntax(
  file: string,
  csf: ts.SourceFile,
  decl: Node,
  name: string,
  exported: boolean,
  form: 'function' | 'arrow',
  params: ParameterDeclaration[],
  returnType: string | null,
  body: ts.Node,
  walkRoot: ts.Node = decl.compilerNode,
): FunctionSyntax {
  const acc = { calls: [] as CallInfo[], bitTests: [] as BitTestInfo[], locals: [] as LocalInfo[], identifiers: {} as Record<string, number> };
  walk(walkRoot, csf, acc);
  return {
    name,
    file,
    line: decl.getStartLineNumber(),
    exported,
    form,
    params: params.map(paramInfo),
    returnType,
    text: withComments(decl),
    body: body.getText(csf),
    calls: acc.calls,
    bitTests: acc.bitTests,
    locals: acc.locals,
    identifiers: acc.identifiers,
  };
}

function paramInfo(p: ParameterDeclaration): ParamInfo {
  return { name: p.getName(), type: p.getTypeNode()?.getText() ?? null, optional: p.hasQuestionToken(), initializer: p.getInitializer()?.getText() ?? null };
}

interface Acc {
  calls: CallInfo[];
  bitTests: BitTestInfo[];
  locals?: LocalInfo[];
  identifiers?: Record<string, number>;
}

function argKind(e: ts.Expression): ArgKind {
  const { ts } = morph();
  if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword) return 'literal';
  if (ts.isNumericLiteral(e) || ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return 'literal';
  if (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(e.operand)) return 'literal';
  if (ts.isCallExpression(e)) return 'call';
  return 'other';
}

function namesIn(n: ts.Node, out: string[]): string[] {
  const { ts } = morph();
  if (ts.isIdentifier(n)) out.push(n.text);
  ts.forEachChild(n, (c) => void namesIn(c, out));
  return out;
}

/** Walk compiler nodes (fast: no ts-morph wrappers) collecting calls, bit tests, locals and identifiers. */
function walk(root: ts.Node, csf: ts.SourceFile, acc: Acc): void {
  const { ts } = morph();
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
  const { ts } = morph();
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}
