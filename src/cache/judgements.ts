// The judgement cache: one judged cell (a step's verdict for one scenario, its differences, contract
// violations and findings) stored beside the observations, so that a second check with nothing
// changed reads verdicts instead of comparing observations again. A cell is keyed by everything
// that determines it:
//
//   * the keys of the two observations it compares (src/cache/observations.ts: the code each stage
//     runs and the scenario), or "none" for a first row;
//   * the step (its slug), its claim as the manifest declares it (kind, declared changes and their
//     evidence shapes) and the scenario's name (findings carry both);
//   * the text of the judge's code: src/harness/check.ts and src/slab/domain.ts with everything
//     they import (compare, claims, the SLUB judge, contracts, signatures …), the Node version and
//     this format's version.
//
// So editing a stage re-judges exactly the two steps that touch it, and editing the judge or a
// step's claim re-judges what it can change. Approvals are never cached (they are applied to the
// findings afterwards). Entries are checksummed like observations; a corrupt one is judged again.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { judgeCell, type CellMemo, type CellResult, type StageInfo } from '../harness/check.ts';
import type { Domain, DomainTypes, Observation } from '../harness/domain.ts';
import { cacheDir, PROJECT_ROOT, sha256, sourceClosure } from './observations.ts';
import { packStore, type PackStore } from './packs.ts';

const FORMAT = 'slabseries-judgement-cache/1';


/** The key of the judge's code (null when its sources are not there, e.g. an installed dist/ only). */
export function judgeKey(root: string = PROJECT_ROOT): string | null {
  const entries = [join(root, 'src', 'harness', 'check.ts'), join(root, 'src', 'slab', 'domain.ts')];
  if (!entries.every((e) => existsSync(e))) return null;
  const texts = new Map<string, string>();
  const read = (p: string) => {
    let t = texts.get(p);
    if (t === undefined) texts.set(p, (t = readFileSync(p, 'utf8')));
    return t;
  };
  const h = createHash('sha256');
  h.update(`${FORMAT}\0${process.version}\0`);
  for (const f of sourceClosure(entries, read)) h.update(`\0${relative(root, f).split(sep).join('/')}\0${read(f)}`);
  return h.digest('hex');
}

/** A claim as text; an explicitly undefined field is kept apart from an absent one. */
function claimText(st: StageInfo<DomainTypes>): string {
  return JSON.stringify(st.claim, (_k, v: unknown) => (v === undefined ? '\0undefined' : v));
}

/** The key of one cell: the step, its claim, the scenario, the two observations and the judge. */
export function cellKey(judge: string, st: StageInfo<DomainTypes>, scenario: string, prevObsKey: string | null, obsKey: string): string {
  return sha256(`${FORMAT}\0${judge}\0${st.slug}\0${claimText(st)}\0${scenario}\0${prevObsKey ?? 'none'}\0${obsKey}`);
}

export interface JudgementStats {
  hits: number;
  misses: number;
  corrupt: number;
  writes: number;
}

export class JudgementCache {
  readonly stats: JudgementStats = { hits: 0, misses: 0, corrupt: 0, writes: 0 };
  private judge: string | null | undefined;
  private readonly store: PackStore;
  constructor(
    readonly dir: string = cacheDir(),
    private readonly root: string = PROJECT_ROOT,
  ) {
    this.store = packStore(dir, 'judgements');
  }

  /** The judge's key, computed once. */
  judgeKey(): string | null {
    if (this.judge === undefined) this.judge = judgeKey(this.root);
    return this.judge;
  }

  /** count: whether a found entry counts as a hit (not for one a worker of this check just stored). */
  get<T extends DomainTypes>(key: string, count = true): CellResult<T> | undefined {
    const got = this.store.read<CellResult<T>>(key, this.stats);
    if (got && count) this.stats.hits++;
    return got?.value;
  }

  put<T extends DomainTypes>(key: string, r: CellResult<T>): void {
    try {
      this.store.write(key, r);
      this.stats.writes++;
    } catch {
      // an unwritable cache only costs the next check a judgement
    }
  }

  /**
   * The memo checkSeries consults: obsKeys[row][ci] are the observations' cache keys (null: not
   * cacheable, so neither is a cell that compares it).
   */
  memo<T extends DomainTypes>(stages: readonly StageInfo<T>[], scenarios: readonly string[], obsKeys: readonly (readonly (string | null)[])[]): CellMemo<T> & { get(row: number, ci: number, count?: boolean): CellResult<T> | undefined } {
    const key = (row: number, ci: number): string | null => {
      const judge = this.judgeKey();
      const k = obsKeys[row]?.[ci];
      const prev = row > 0 ? obsKeys[row - 1]?.[ci] : null;
      if (!judge || !k || (row > 0 && !prev)) return null;
      return cellKey(judge, stages[row] as StageInfo<DomainTypes>, scenarios[ci], prev ?? null, k);
    };
    return {
      get: (row: number, ci: number, count: boolean = true) => {
        const k = key(row, ci);
        return k ? this.get<T>(k, count) : undefined;
      },
      put: (row: number, ci: number, r: CellResult<T>) => {
        const k = key(row, ci);
        if (k) this.put(k, r);
      },
    };
  }
}

/**
 * Judges cells while an executor makes its observations, stage after stage (its tasks are in stage
 * order): the previous row's observation of each scenario is still at hand, so the step is compared
 * then instead of reading both observations back from the cache later. A cell whose earlier
 * observation was not made here (a cache hit, another executor's share) is left to checkSeries.
 */
export class InlineJudge<T extends DomainTypes> {
  private readonly prev = new Map<number, { row: number; obs: Observation<T>; key: string | null; contract: readonly string[] | null }>();
  constructor(
    private readonly domain: Domain<T>,
    /** The StageInfo of each row. */
    private readonly rows: readonly StageInfo<T>[],
    private readonly scenarios: readonly string[],
    /** Where judged cells go: (row, ci, key or null, result). */
    private readonly store: (row: number, ci: number, key: string | null, r: CellResult<T>) => void,
    /** The judge's key (null: cells get no key, so they are kept in memory only). */
    private readonly judge: string | null,
  ) {}

  observed(row: number, ci: number, key: string | null, obs: Observation<T>): void {
    const p = this.prev.get(ci);
    let contract: readonly string[] | null = null;
    if (row === 0 || p?.row === row - 1) {
      const before = row === 0 ? null : p!;
      const prevContract = before ? (before.contract ?? this.domain.contracts(before.obs).map((v) => v.message)) : [];
      const r = judgeCell(this.domain, this.rows[row], this.scenarios[ci], before?.obs ?? null, prevContract, obs);
      const k = this.judge && key && (!before || before.key) ? cellKey(this.judge, this.rows[row] as StageInfo<DomainTypes>, this.scenarios[ci], before?.key ?? null, key) : null;
      this.store(row, ci, k, r);
      contract = r.cell.contract.map((v) => v.message);
    }
    this.prev.set(ci, { row, obs, key, contract });
  }
}
