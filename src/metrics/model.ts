// Plain data produced by the syntax adapter (src/metrics/syntax.ts) and consumed by the pure metric
// modules. Nothing here depends on ts-morph: only syntax.ts imports it.

export interface ParamInfo {
  name: string;
  /** The type annotation as written, or null when there is none. */
  type: string | null;
  optional: boolean;
  /** The default value as written (`constSize = false`), or null. */
  initializer: string | null;
}

export interface CallInfo {
  /** Callee name: the identifier, or the last name of a property access (`G.k.WARN_ON_ONCE` → WARN_ON_ONCE). */
  callee: string;
  /** Argument texts, as written. */
  args: string[];
  /** Argument kinds: 'literal' (true/false/null/number/string), 'call', or 'other'. */
  argKinds: ArgKind[];
  text: string;
}

export type ArgKind = 'literal' | 'call' | 'other';

/** A binary `&` expression (a bit test). */
export interface BitTestInfo {
  left: string;
  right: string;
  /** Identifiers that occur in the two operands. */
  names: string[];
  /** True when the right operand is a `~` (a mask clear, not a test). */
  negated: boolean;
  text: string;
}

export interface LocalInfo {
  name: string;
  /** Declared type as written, or null. */
  type: string | null;
  init: string | null;
  /** The initialiser is an object literal (a struct built on the stack). */
  objectLiteral: boolean;
}

export interface FunctionSyntax {
  name: string;
  file: string;
  line: number;
  exported: boolean;
  form: 'function' | 'arrow';
  params: ParamInfo[];
  returnType: string | null;
  /** The whole declaration with its leading comments. */
  text: string;
  /** The body (block or expression) as written, comments included. */
  body: string;
  calls: CallInfo[];
  bitTests: BitTestInfo[];
  locals: LocalInfo[];
  /** Identifier → occurrences inside the declaration (name, parameters and body). */
  identifiers: Record<string, number>;
}

export interface DeclSyntax {
  name: string;
  kind: 'const' | 'let' | 'var' | 'interface' | 'type' | 'enum' | 'class';
  exported: boolean;
  text: string;
  /** Interface members / class properties, in order. */
  members: string[];
  /** Initialiser of a variable, as written. */
  init: string | null;
}

export interface FileSyntax {
  path: string;
  functions: FunctionSyntax[];
  decls: DeclSyntax[];
  /** Identifier → occurrences in the file, import and export specifiers excluded. */
  identifiers: Record<string, number>;
  /** Calls outside any function (module initialisers). */
  topLevelCalls: CallInfo[];
  /** Bit tests outside any function. */
  topLevelBitTests: BitTestInfo[];
}

/** One stage's parsed files, by path (index.ts excluded). */
export type StageSyntax = ReadonlyMap<string, FileSyntax>;

/** Where parsed files may be kept between runs (src/cache/syntax.ts); the metrics core does no I/O itself. */
export interface FileSyntaxStore {
  get(path: string, text: string): FileSyntax | undefined;
  put(path: string, text: string, f: FileSyntax): void;
}
