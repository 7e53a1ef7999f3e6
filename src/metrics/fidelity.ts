// Fidelity of a TypeScript step to the real patch: the functions the step touches versus the kernel
// functions the manifest says the RFC patch touches (pure).

import type { StepDiff, TouchKind } from './step.ts';

export interface Fidelity {
  /** Functions the TypeScript step touches, with how. */
  touched: { fn: string; kind: TouchKind }[];
  /** Kernel functions the real patch touches (manifest). */
  kernel: string[];
  overlap: string[];
  /** Kernel functions the TypeScript step does not touch; `absent` ones have no TypeScript counterpart at all. */
  missing: { fn: string; absent: boolean }[];
  /** TypeScript functions touched that the real patch does not touch. */
  extra: { fn: string; kind: TouchKind }[];
}

export function fidelity(diff: StepDiff, kernelFunctions: readonly string[], existsInStage: (fn: string) => boolean): Fidelity {
  const touched = diff.touched.map((t) => ({ fn: t.fn, kind: t.kind }));
  const names = new Set(touched.map((t) => t.fn));
  for (const r of diff.renamed) names.add(r.from);
  const kernel = [...kernelFunctions];
  return {
    touched,
    kernel,
    overlap: kernel.filter((k) => names.has(k)),
    missing: kernel.filter((k) => !names.has(k)).map((fn) => ({ fn, absent: !existsInStage(fn) })),
    extra: touched.filter((t) => !kernel.includes(t.fn) && !diff.renamed.some((r) => r.to === t.fn && kernel.includes(r.from))),
  };
}
