// The runner loop: boot the domain's machine for a scenario at a stage, execute each operation,
// and collect the typed observation.

import type { Domain, DomainTypes, Observation, OpRecord } from './domain.ts';

export interface RunOptions {
  /** Record events (default true). Off only for benchmarks. */
  record?: boolean;
}

export function runScenario<T extends DomainTypes>(domain: Domain<T>, stage: T['stage'], sc: T['scenario'], opts: RunOptions = {}): Observation<T> {
  const m = domain.boot(stage, sc, { record: opts.record ?? true });
  const ops: OpRecord<T>[] = [];
  sc.ops.forEach((op, i) => ops.push(...domain.execute(m, op as T['scenario']['ops'][number], String(i))));
  return { scenario: sc.name, stage: stage.slug, ops, end: domain.end(m) };
}
