// Refactoring-move detection over one step, and comparison with the declared move (pure).
// Every detected move carries evidence strings that name the functions and the before → after shapes.

import type { FunctionSyntax, ParamInfo, StageSyntax } from './model.ts';
import { allocFlagsTestsOf, functionIndex, gfpSpinCallsOf, NO_OBJ_EXT, paramList } from './stage.ts';
import { bag, bagSize, minus, overlap, paramChangeText, tokens, type ParamChange, type StepDiff } from './step.ts';

export type MoveKind =
  | 'Introduce Parameter Object'
  | 'Preserve Whole Object'
  | 'Move Field into Parameter Object'
  | 'Inline Class'
  | 'Replace Flag Argument'
  | 'Replace Parameter with Query'
  | 'Change Function Declaration'
  | 'Remove Flag'
  | 'Remove Dead Code'
  | 'Remove Assertion'
  | 'Inline Function'
  | 'Extract Function'
  | 'Rename Function'
  | 'Move Statements to Callers'
  | 'Replace Derived Argument with Constant'
  | 'New Interface, Old Implementation'
  | 'Parallel Change'
  | 'Documentation';

export type Phase = 'expand' | 'migrate' | 'contract';

export interface DetectedMove {
  move: MoveKind;
  /** Parallel Change / Introduce Parameter Object phases. */
  phases?: Phase[];
  evidence: string[];
}

export interface StepInput {
  prev: StageSyntax;
  cur: StageSyntax;
  diff: StepDiff;
}

// ---- helpers ------------------------------------------------------------------------------------------

function interfaces(files: StageSyntax): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const f of files.values()) for (const d of f.decls) if (d.kind === 'interface') m.set(d.name, d.members);
  return m;
}

/** The bare type name of a parameter (`slab_alloc_context | null` → slab_alloc_context). */
function typeName(p: ParamInfo): string {
  return (p.type ?? '').split('|')[0].trim();
}

/** Does a removed parameter correspond to a field of the object? (addr ↔ caller_addr, caller ↔ caller_addr) */
function fieldFor(param: string, members: readonly string[]): string | undefined {
  return members.find((m) => m === param || m.endsWith(`_${param}`) || m.startsWith(`${param}_`));
}

function identifierTotal(files: StageSyntax, name: string): number {
  let n = 0;
  for (const f of files.values()) n += f.identifiers[name] ?? 0;
  return n;
}

function callees(f: FunctionSyntax): Set<string> {
  return new Set(f.calls.map((c) => c.callee));
}

const ASSERTION = /^(VM_)?(WARN_ON|WARN|BUG_ON)(_ONCE)?$/;
const CONSTANT = /^_*[A-Z][A-Z0-9_]*$/;

/** Old and new mechanisms whose coexistence is a Parallel Change. */
export interface Mechanism {
  name: string;
  oldLabel: string;
  newLabel: string;
  /** Uses inside one function. */
  oldUses: (f: FunctionSyntax) => number;
  newUses: (f: FunctionSyntax) => number;
  /** Declarations (functions or constants) that define each side. */
  oldDefs: string[];
  newDefs: string[];
}

export const MECHANISMS: readonly Mechanism[] = [
  {
    name: 'spin decision',
    oldLabel: 'gfpflags_allow_spinning()',
    newLabel: 'alloc_flags test',
    oldUses: (f) => gfpSpinCallsOf(f).length,
    newUses: (f) => allocFlagsTestsOf(f).filter((t) => !/SLAB_ALLOC_(NEW_SLAB|NO_RECURSE)/.test(t)).length,
    oldDefs: ['gfpflags_allow_spinning'],
    newDefs: ['alloc_flags_allow_spinning', 'SLAB_ALLOC_TRYLOCK'],
  },
  {
    name: 'recursion guard',
    oldLabel: NO_OBJ_EXT,
    newLabel: 'SLAB_ALLOC_NO_RECURSE',
    oldUses: (f) => f.identifiers[NO_OBJ_EXT] ?? 0,
    newUses: (f) => f.identifiers.SLAB_ALLOC_NO_RECURSE ?? 0,
    oldDefs: [NO_OBJ_EXT],
    newDefs: ['SLAB_ALLOC_NO_RECURSE'],
  },
];

function defined(files: StageSyntax, name: string): boolean {
  for (const f of files.values()) if (f.functions.some((x) => x.name === name) || f.decls.some((d) => d.name === name)) return true;
  return false;
}

// ---- detection ----------------------------------------------------------------------------------------

export function detectMoves(input: StepInput): DetectedMove[] {
  const { prev, cur, diff } = input;
  const P = functionIndex(prev);
  const C = functionIndex(cur);
  const ifB = interfaces(prev);
  const ifA = interfaces(cur);
  const out: DetectedMove[] = [];
  const explained = new Set<string>(); // param changes explained by a more specific move
  const add = (move: MoveKind, evidence: string[], phases?: Phase[]) => {
    if (!evidence.length) return;
    const m: DetectedMove = { move, evidence };
    if (phases?.length) m.phases = phases;
    out.push(m);
  };

  // Introduce Parameter Object / Preserve Whole Object / Inline Class.
  const ipo: string[] = [];
  const ipoPhases = new Set<Phase>();
  const pwo: string[] = [];
  const inlineClass: string[] = [];
  const removedIfaces = [...ifB.keys()].filter((n) => !ifA.has(n));
  for (const pc of diff.paramChanges) {
    for (const a of pc.added) {
      const members = ifA.get(typeName(a));
      if (!members) continue;
      const matched = pc.removed.map((r) => [r.name, fieldFor(r.name, members)] as const).filter(([, f]) => f);
      if (matched.length && (matched.length >= 2 || matched.length === pc.removed.length)) {
        ipo.push(`${pc.text}  [${matched.map(([r, f]) => (r === f ? r : `${r}→${a.name}.${f}`)).join(', ')} now in ${typeName(a)}]`);
        ipoPhases.add(ifB.has(typeName(a)) ? 'migrate' : 'expand');
        explained.add(pc.fn);
      } else if (ifB.has(typeName(a))) {
        pwo.push(`${pc.text}  [takes the whole ${typeName(a)} ${a.name}]`);
        explained.add(pc.fn);
      }
    }
    for (const r of pc.removed) {
      if (removedIfaces.includes(typeName(r))) {
        inlineClass.push(`${pc.text}  [${r.name}: ${typeName(r)} dissolved]`);
        explained.add(pc.fn);
      }
    }
  }
  add('Introduce Parameter Object', ipo, [...ipoPhases]);
  add('Preserve Whole Object', pwo);
  for (const n of removedIfaces) if (inlineClass.some((e) => e.includes(`${n} dissolved`))) inlineClass.unshift(`interface ${n} {${ifB.get(n)!.join(', ')}} removed`);
  add('Inline Class', inlineClass);

  // Move Field into the Parameter Object: an interface used as a parameter type gains fields.
  const paramTypes = new Set<string>();
  for (const f of C.values()) for (const p of f.params) paramTypes.add(typeName(p));
  add('Move Field into Parameter Object', diff.interfacesChanged.filter((c) => c.added.length && paramTypes.has(c.name)).map((c) => `${c.name} gains ${c.added.join(', ')}`));

  // Replace Flag Argument: a boolean parameter removed while a flag bit appears and is tested there.
  const newConsts = diff.declsAdded.filter((d) => CONSTANT.test(d.name)).map((d) => d.name);
  const rfa: string[] = [];
  const rpq: string[] = [];
  for (const pc of diff.paramChanges) {
    const a = C.get(pc.fn)!;
    const b = P.get(pc.fn) ?? P.get(diff.renamed.find((r) => r.to === pc.fn)?.from ?? '');
    for (const r of pc.removed) {
      if (r.type !== 'boolean') continue;
      const testsBefore = new Set(b?.bitTests.map((t) => t.text) ?? []);
      const newTests = a.bitTests.filter((t) => !t.negated && !testsBefore.has(t.text) && t.names.some((n) => newConsts.includes(n)));
      if (newTests.length) {
        const flag = newTests[0].names.find((n) => newConsts.includes(n))!;
        rfa.push(`${pc.text}  [bool ${r.name} → flag bit ${flag}; tested as \`${newTests[0].text}\`]`);
        explained.add(pc.fn);
      }
    }
    // Replace Parameter with Query: the removed parameter is now a local computed in the body.
    for (const r of pc.removed) {
      const local = a.locals.find((l) => l.name === r.name && l.init);
      if (local) {
        rpq.push(`${pc.text}  [${r.name} now \`${r.name} = ${local.init}\`]`);
        explained.add(pc.fn);
      }
    }
  }
  add('Replace Flag Argument', rfa);
  add('Replace Parameter with Query', rpq);

  // Change Function Declaration: every other parameter-list change.
  const cfd = diff.paramChanges.filter((pc) => !explained.has(pc.fn));
  const cfdNames = new Set(cfd.map((pc) => pc.fn));
  const chain = cfd.filter((pc) => [...callees(C.get(pc.fn)!)].some((c) => c !== pc.fn && cfdNames.has(c))).map((pc) => pc.fn);
  const cfdEvidence = cfd.map((pc) => `${pc.text}${describeDelta(pc)}`);
  if (chain.length) cfdEvidence.push(`along a call chain: ${chain.map((fn) => `${fn} → ${[...callees(C.get(fn)!)].filter((c) => c !== fn && cfdNames.has(c)).join('/')}`).join('; ')}`);
  add('Change Function Declaration', cfd.length ? cfdEvidence : []);

  // Rename Function.
  add('Rename Function', diff.renamed.map((r) => `${r.from} → ${r.to} (body similarity ${r.similarity})`));

  // Inline Function / Extract Function.
  const inl: string[] = [];
  for (const r of diff.removed) {
    const R = bag(tokens(P.get(r)!.body));
    if (bagSize(R) < 8) continue;
    for (const [name, b] of P) {
      const a = C.get(name);
      if (!a || !callees(b).has(r)) continue;
      const gained = minus(bag(tokens(a.body)), bag(tokens(b.body)));
      const share = overlap(R, gained) / bagSize(R);
      if (share >= 0.5) inl.push(`${r} inlined into ${name} (${Math.round(share * 100)}% of its body reappears there)`);
    }
  }
  add('Inline Function', inl);
  const ext: string[] = [];
  for (const n of diff.added) {
    const A = bag(tokens(C.get(n)!.body));
    if (bagSize(A) < 8) continue;
    for (const [name, a] of C) {
      const b = P.get(name);
      if (!b || name === n || !callees(a).has(n)) continue;
      const lost = minus(bag(tokens(b.body)), bag(tokens(a.body)));
      const share = overlap(A, lost) / bagSize(A);
      if (share >= 0.5) ext.push(`${n} extracted from ${name} (${Math.round(share * 100)}% of its body came from there; ${name} now calls it)`);
    }
  }
  add('Extract Function', ext);

  // New Interface, Old Implementation: a new exported function that delegates to existing ones.
  const nioi: string[] = [];
  for (const n of diff.added) {
    const f = C.get(n)!;
    const old = [...callees(f)].filter((c) => P.has(c) && C.has(c) && !ASSERTION.test(c));
    if (f.exported && old.length && tokens(f.body).length <= 120) nioi.push(`${n} (new) delegates to existing ${old.join(', ')}`);
  }
  add('New Interface, Old Implementation', nioi);

  // Move Statements to Callers: a function stops building a struct and its callers start to.
  const mstc: string[] = [];
  for (const [name, a] of C) {
    const b = P.get(name);
    if (!b) continue;
    for (const l of b.locals) {
      if (!l.objectLiteral || !l.type || a.locals.some((x) => x.objectLiteral && x.type === l.type)) continue;
      const callers = [...C.values()].filter((c) => callees(c).has(name) && c.locals.some((x) => x.objectLiteral && x.type === l.type) && !(P.get(c.name)?.locals.some((x) => x.objectLiteral && x.type === l.type)));
      if (callers.length) mstc.push(`${name} no longer builds its ${l.type}; now built by its callers ${callers.map((c) => c.name).join(', ')}`);
    }
  }
  add('Move Statements to Callers', mstc);

  // Remove Assertion / Replace Derived Argument with Constant.
  const ra: string[] = [];
  const rdac: string[] = [];
  const explainedDrops = new Set<string>();
  const allAsserts = new Set<string>();
  for (const f of C.values()) for (const c of f.calls) if (ASSERTION.test(c.callee)) allAsserts.add(c.text);
  const changedDecl = new Set(diff.paramChanges.map((pc) => pc.fn));
  for (const [name, a] of C) {
    const b = P.get(name);
    if (!b) continue;
    // Removed, not reworded and not moved: the function has fewer assertions than before, and the
    // missing one appears in no function of the new stage.
    let fewer = b.calls.filter((c) => ASSERTION.test(c.callee)).length - a.calls.filter((c) => ASSERTION.test(c.callee)).length;
    for (const c of b.calls) {
      if (fewer > 0 && ASSERTION.test(c.callee) && !allAsserts.has(c.text)) {
        fewer--;
        ra.push(`${name}: \`${c.text}\` removed`);
        explainedDrops.add(name);
      }
    }
    const byCallee = (f: FunctionSyntax) => {
      const m = new Map<string, typeof f.calls>();
      for (const c of f.calls) m.set(c.callee, [...(m.get(c.callee) ?? []), c]);
      return m;
    };
    const cb = byCallee(b);
    for (const [callee, list] of byCallee(a)) {
      const old = cb.get(callee);
      // Positional comparison is only meaningful when the callee's own parameter list did not change.
      if (!old || old.length !== list.length || changedDecl.has(callee)) continue;
      list.forEach((c, i) => {
        c.argKinds.forEach((k, j) => {
          if (k === 'literal' && old[i].argKinds[j] === 'call') {
            rdac.push(`${name}: ${callee}(…, ${old[i].args[j]}) → ${callee}(…, ${c.args[j]})`);
            explainedDrops.add(name);
          }
        });
      });
    }
  }
  add('Remove Assertion', ra);
  add('Replace Derived Argument with Constant', rdac);

  // Parallel Change, per mechanism.
  const pcEvidence: string[] = [];
  const pcPhases = new Set<Phase>();
  const dropped: string[] = [];
  for (const m of MECHANISMS) {
    const oldDefB = m.oldDefs.some((d) => defined(prev, d));
    const oldDefA = m.oldDefs.some((d) => defined(cur, d));
    let oldB = 0;
    let oldA = 0;
    for (const f of P.values()) oldB += m.oldUses(f);
    for (const f of C.values()) oldA += m.oldUses(f);
    const newDefsAdded = m.newDefs.filter((d) => !defined(prev, d) && defined(cur, d));
    if (newDefsAdded.length && (oldB > 0 || oldDefB)) {
      pcPhases.add('expand');
      pcEvidence.push(`${m.name}: ${newDefsAdded.join(', ')} introduced beside ${m.oldLabel} (${oldB} use${oldB === 1 ? '' : 's'})`);
    }
    const migrated: string[] = [];
    for (const [name, a] of C) {
      const b = P.get(name);
      const ob = b ? m.oldUses(b) : 0;
      const oa = m.oldUses(a);
      const nb = b ? m.newUses(b) : 0;
      const na = m.newUses(a);
      if (oa < ob && na > nb) migrated.push(`${name}: ${m.oldLabel} ×${ob - oa} → ${m.newLabel} ×${na - nb}`);
      // A use that merely moved to another function (Extract Function) is not dropped: the stage total must fall.
      else if (oa < ob && oldA < oldB && !explainedDrops.has(name)) dropped.push(`${name}: ${m.oldLabel} ×${ob - oa} dropped with no ${m.newLabel} in its place`);
    }
    for (const [name, b] of P) if (!C.has(name) && m.oldUses(b) && !diff.renamed.some((r) => r.from === name)) dropped.push(`${name} (removed) used ${m.oldLabel} ×${m.oldUses(b)}`);
    if (migrated.length) {
      pcPhases.add('migrate');
      pcEvidence.push(`${m.name}: users migrated (${m.oldLabel} uses ${oldB} → ${oldA}${oldA === 0 ? ', last users' : ''}): ${migrated.join('; ')}`);
    }
    if (oldDefB && !oldDefA) {
      pcPhases.add('contract');
      pcEvidence.push(`${m.name}: old mechanism ${m.oldDefs.join(', ')} removed (${m.newLabel} remains)`);
    }
  }
  add('Parallel Change', pcEvidence, [...pcPhases]);
  // A second expand signal: a new public entry point beside existing ones of the same family.
  for (const e of diff.apiAdded.filter((x) => x.kind === 'function')) {
    const stem = e.name.replace(/^_+/, '').split('_')[0];
    const ret = C.get(e.name)?.returnType ?? null;
    const siblings = [...C.values()].filter((f) => f.file === 'include/linux/slab.ts' && f.exported && f.name !== e.name && f.returnType === ret && f.name.replace(/^_+/, '').split('_')[0] === stem && P.has(f.name));
    if (siblings.length) {
      const pcm = out.find((m) => m.move === 'Parallel Change');
      const ev = `new entry point ${e.name}() beside ${siblings.map((s) => s.name).join(', ')}`;
      if (pcm) {
        pcm.evidence.push(ev);
        pcm.phases = [...new Set([...(pcm.phases ?? []), 'expand' as Phase])];
      } else add('Parallel Change', [ev], ['expand']);
    }
  }

  // Remove Flag / Remove Dead Code.
  const rf: string[] = [];
  const rdc: string[] = [...dropped];
  for (const d of diff.declsRemoved) {
    if (identifierTotal(cur, d.name) > 0) continue;
    if (CONSTANT.test(d.name) && (d.kind === 'const' || d.kind === 'let')) rf.push(`${d.name} (${d.file}) and all its uses are gone (${identifierTotal(prev, d.name)} references before)`);
    else rdc.push(`${d.kind} ${d.name} (${d.file}) removed, no references left`);
  }
  for (const r of diff.removed) if (identifierTotal(cur, r) === 0 && !inl.some((e) => e.startsWith(`${r} inlined`))) rdc.push(`function ${r} removed, no references left`);
  for (const [name, b] of P) {
    const a = C.get(name);
    if (!a) continue;
    for (const l of b.locals) if (!a.locals.some((x) => x.name === l.name) && identifierTotal(cur, l.name) === 0) rdc.push(`${name}: local ${l.name} and its uses removed`);
  }
  add('Remove Flag', rf);
  add('Remove Dead Code', rdc);

  // Documentation: comment-only changes.
  const doc = [...diff.touched.filter((t) => t.kind === 'comments').map((t) => `${t.fn} (${t.file}): comments only`), ...diff.declsCommentOnly.map((n) => `${n}: comments only`)];
  add('Documentation', doc);
  return out;
}

function describeDelta(pc: ParamChange): string {
  const parts = [...pc.added.map((p) => `+${p.name}${p.type ? ': ' + p.type : ''}`), ...pc.removed.map((p) => `-${p.name}`)];
  if (!parts.length) parts.push('reordered or retyped');
  return `  [${parts.join(', ')}]`;
}

// ---- declared moves -------------------------------------------------------------------------------------

export type DeclaredKind = MoveKind | 'no structural move' | 'unchecked';

export interface DeclaredComponent {
  text: string;
  kind: DeclaredKind;
  phases: Phase[];
}

const DECLARED_PATTERNS: [RegExp, DeclaredKind][] = [
  [/compiler-hint|codegen/i, 'no structural move'],
  [/^introduce parameter object/i, 'Introduce Parameter Object'],
  [/^preserve whole object/i, 'Preserve Whole Object'],
  [/^move field/i, 'Move Field into Parameter Object'],
  [/^inline class/i, 'Inline Class'],
  [/^replace flag argument/i, 'Replace Flag Argument'],
  [/^replace parameter with query/i, 'Replace Parameter with Query'],
  [/^(change function declaration|add parameter)/i, 'Change Function Declaration'],
  [/^remove flag/i, 'Remove Flag'],
  [/^remove dead code/i, 'Remove Dead Code'],
  [/^remove assertion/i, 'Remove Assertion'],
  [/^inline function/i, 'Inline Function'],
  [/^extract function/i, 'Extract Function'],
  [/^rename function/i, 'Rename Function'],
  [/^move statements to callers/i, 'Move Statements to Callers'],
  [/^replace derived argument/i, 'Replace Derived Argument with Constant'],
  [/new interface, old implementation/i, 'New Interface, Old Implementation'],
  [/^parallel change|^(expand|migrate|contract)\b/i, 'Parallel Change'],
  [/^documentation/i, 'Documentation'],
];

/** Split the manifest's move text on top-level `;` and classify each component. */
export function parseDeclaredMove(move: string): DeclaredComponent[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of move) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ';' && depth === 0) {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur.trim());
  const out: DeclaredComponent[] = [];
  for (const text of parts) {
    const kind = DECLARED_PATTERNS.find(([re]) => re.test(text))?.[1] ?? 'unchecked';
    const phases = kind === 'Parallel Change' || kind === 'Introduce Parameter Object' ? ((text.match(/\b(expand|migrate|contract)\b/gi) ?? []).map((p) => p.toLowerCase()) as Phase[]) : [];
    const prev = out.find((c) => c.kind === kind && kind === 'Parallel Change');
    if (prev) {
      prev.text += `; ${text}`;
      prev.phases = [...new Set([...prev.phases, ...phases])];
    } else out.push({ text, kind, phases });
  }
  return out;
}

// ---- comparison -------------------------------------------------------------------------------------------

export type Verdict = 'agrees' | 'partly' | 'disagrees';

export interface ComponentCheck {
  declared: DeclaredComponent;
  status: 'detected' | 'partly' | 'not detected' | 'unchecked';
  note: string;
}

export interface MoveComparison {
  verdict: Verdict;
  components: ComponentCheck[];
  /** Detected moves the declaration does not account for. */
  undeclared: DetectedMove[];
  /** Why the verdict is not `agrees`, in one or more sentences. */
  why: string[];
}

/** Declared kind → detected kinds that confirm it. */
const CONFIRMED_BY: Partial<Record<DeclaredKind, MoveKind[]>> = {
  'Preserve Whole Object': ['Preserve Whole Object', 'Introduce Parameter Object'],
  'Remove Dead Code': ['Remove Dead Code', 'Remove Flag'],
};

/** Detected kind → declared kinds that account for it (incidental to them). */
const ACCOUNTED_BY: Partial<Record<MoveKind, DeclaredKind[]>> = {
  'Preserve Whole Object': ['Introduce Parameter Object', 'Inline Class'],
  'Move Field into Parameter Object': ['Introduce Parameter Object'],
  'Move Statements to Callers': ['Introduce Parameter Object'],
  'Change Function Declaration': ['Introduce Parameter Object', 'Replace Flag Argument', 'Replace Parameter with Query', 'Inline Class', 'Preserve Whole Object', 'Extract Function', 'Parallel Change'],
  'Remove Dead Code': ['Remove Flag', 'Parallel Change', 'Remove Assertion', 'Replace Derived Argument with Constant', 'Replace Parameter with Query'],
  'Remove Flag': ['Remove Dead Code'],
  'New Interface, Old Implementation': ['Parallel Change', 'Extract Function'],
  'Replace Parameter with Query': ['Move Field into Parameter Object'],
};

/** Moves that never make a step disagree by themselves (incidental to any change). */
const INCIDENTAL: MoveKind[] = ['Documentation'];

export function compareMoves(declared: readonly DeclaredComponent[], detected: readonly DetectedMove[]): MoveComparison {
  const components: ComponentCheck[] = [];
  const kinds = new Set(detected.map((d) => d.move));
  const structural = detected.filter((d) => !INCIDENTAL.includes(d.move));
  for (const c of declared) {
    if (c.kind === 'unchecked') {
      components.push({ declared: c, status: 'unchecked', note: 'not a move the syntax detector knows (behaviour- or expression-level)' });
      continue;
    }
    if (c.kind === 'no structural move') {
      const ok = structural.length === 0;
      components.push({ declared: c, status: ok ? 'detected' : 'partly', note: ok ? 'no structural move detected' : `structural moves detected: ${structural.map((d) => d.move).join(', ')}` });
      continue;
    }
    const by = CONFIRMED_BY[c.kind] ?? [c.kind as MoveKind];
    const hit = detected.find((d) => by.includes(d.move));
    if (!hit) {
      components.push({ declared: c, status: 'not detected', note: 'no syntactic evidence found' });
      continue;
    }
    if (c.phases.length && hit.phases?.length) {
      const missing = c.phases.filter((p) => !hit.phases!.includes(p));
      const extra = hit.phases.filter((p) => !c.phases.includes(p));
      if (missing.length) {
        components.push({ declared: c, status: 'partly', note: `detected phase ${hit.phases.join('+')}, declared ${c.phases.join('+')}` });
        continue;
      }
      components.push({ declared: c, status: 'detected', note: extra.length ? `also detected phase ${extra.join('+')}` : '' });
      continue;
    }
    components.push({ declared: c, status: 'detected', note: '' });
  }
  const declaredKinds = new Set(declared.map((c) => c.kind));
  const undeclared = detected.filter((d) => {
    if (INCIDENTAL.includes(d.move)) return false;
    if (declaredKinds.has(d.move)) return false;
    if ((ACCOUNTED_BY[d.move] ?? []).some((k) => declaredKinds.has(k))) return false;
    if (declared.some((c) => (CONFIRMED_BY[c.kind] ?? []).includes(d.move))) return false;
    if (declaredKinds.has('no structural move')) return false; // reported on that component
    return true;
  });
  const checkable = components.filter((c) => c.status !== 'unchecked');
  const good = checkable.filter((c) => c.status === 'detected').length;
  const bad = checkable.filter((c) => c.status === 'not detected').length;
  let verdict: Verdict;
  if (checkable.length === 0) verdict = undeclared.length ? 'partly' : 'agrees';
  else if (good === checkable.length && !undeclared.length) verdict = 'agrees';
  else if (good === 0 && bad === checkable.length) verdict = 'disagrees';
  else verdict = 'partly';
  const why: string[] = [];
  for (const c of components) if (c.status === 'not detected' || c.status === 'partly') why.push(`declared "${c.declared.text}": ${c.status} (${c.note})`);
  for (const d of undeclared) why.push(`detected ${d.move}${d.phases ? ` (${d.phases.join('+')})` : ''} that the declaration does not name: ${d.evidence[0]}`);
  if (verdict !== 'agrees' && !why.length) why.push('nothing the detector can check was declared');
  void kinds;
  return { verdict, components, undeclared, why };
}

export { paramList, paramChangeText };
