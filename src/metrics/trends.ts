// One row per stage: how far the migration has got (pure).

import type { StageFacts } from './stage.ts';

export interface TrendRow {
  stage: number;
  slug: string;
  /** Total parameters of the internal allocation functions present in the stage. */
  internalParams: number;
  internalFunctions: number;
  gfpSpinCalls: number;
  noObjExtRefs: number;
  allocFlagsTests: number;
  contextFunctions: number;
}

/**
 * The internal allocation functions are the ones whose signature the series changes (the manifest's
 * `signatures`): their parameter total shows the pass-through parameters folding into the context.
 */
export function trendRow(f: StageFacts, internal: readonly string[]): TrendRow {
  const fns = f.functions.filter((x) => internal.includes(x.name));
  const seen = new Set<string>();
  let params = 0;
  for (const x of fns) {
    if (seen.has(x.name)) continue;
    seen.add(x.name);
    params += x.paramCount;
  }
  return {
    stage: f.number,
    slug: f.slug,
    internalParams: params,
    internalFunctions: seen.size,
    gfpSpinCalls: f.counts.gfpSpinCalls,
    noObjExtRefs: f.counts.noObjExtRefs,
    allocFlagsTests: f.counts.allocFlagsTests,
    contextFunctions: f.counts.contextFunctions,
  };
}
