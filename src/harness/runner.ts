// The runner loop: boot the domain's machine for a scenario at a stage, execute each operation,
// and collect the typed observation, within a budget.

import { BudgetError, DEFAULT_BUDGET, RunClock, type Domain, type DomainTypes, type Observation, type OpRecord, type RunBudget } from './domain.ts';

export interface RunOptions {
  /** Record events (default true). Off only for benchmarks. */
  record?: boolean;
  /** Limits of this run (default DEFAULT_BUDGET); exceeding one throws BudgetError. */
  budget?: Partial<RunBudget>;
}

export function runScenario<T extends DomainTypes>(domain: Domain<T>, stage: T['stage'], sc: T['scenario'], opts: RunOptions = {}): Observation<T> {
  const budget: RunBudget = { ...DEFAULT_BUDGET, ...opts.budget };
  const clock = new RunClock(budget.ms);
  const m = domain.boot(stage, sc, { record: opts.record ?? true, budget });
  const ops: OpRecord<T>[] = [];
  sc.ops.forEach((op, i) => {
    // No spread into push(): an operation may return many records.
    for (const r of domain.execute(m, op as T['scenario']['ops'][number], String(i))) ops.push(r);
    if (clock.over()) throw new BudgetError(sc.name, `ran longer than ${budget.ms} ms of CPU time`);
  });
  return { scenario: sc.name, stage: stage.slug, ops, end: domain.end(m) };
}
