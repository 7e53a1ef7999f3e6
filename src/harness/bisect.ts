// Which step changed this? Binary search over the stages for the first one at which a chosen part
// of a scenario's observation (a canonical key from the domain) differs from stage 00, skipping
// stages where it cannot run.


export { BISECT_PARTS as PARTS, type BisectPart as Part } from './domain.ts';

export interface BisectResult {
  /** First stage whose part differs from stage 00, or null if none does. */
  first: number | null;
  /** Stages probed by the binary search, in order. */
  probes: number[];
  /** Every stage at which the part differs from the previous runnable stage. */
  changePoints: number[];
  /** Stages skipped because the scenario cannot run there (git bisect's exit 125). */
  skipped: number[];
  /** The binary search result was re-checked on N-1 and N (false: there were several changes). */
  confirmed: boolean;
  /** What the binary search alone found. */
  searchedFirst: number | null;
}

export function bisect(count: number, partAt: (stage: number) => string | null): BisectResult {
  const cache = new Map<number, string | null>();
  const probes: number[] = [];
  const get = (i: number) => {
    if (!cache.has(i)) {
      probes.push(i);
      cache.set(i, partAt(i));
    }
    return cache.get(i)!;
  };
  const base = get(0);
  if (base === null) throw new Error('the scenario cannot run at stage 00');
  // Invariant: lo is "same" (or 0), hi is "changed"; n/a stages are skipped by probing a neighbour.
  let lo = 0;
  let hi = -1;
  const last = get(count - 1);
  const differs = (i: number): boolean | null => {
    const v = get(i);
    return v === null ? null : v !== base;
  };
  if (last !== null && last !== base) hi = count - 1;
  else {
    // The end is the same (or n/a): look for any change linearly from the top, as git bisect would need a bad commit.
    for (let i = count - 2; i > 0; i--) if (differs(i)) {
      hi = i;
      break;
    }
  }
  let first: number | null = null;
  if (hi > 0) {
    while (hi - lo > 1) {
      let mid = Math.floor((lo + hi) / 2);
      let d = differs(mid);
      let step = 1;
      while (d === null && mid + step < hi) d = differs((mid += step));
      if (d === null) {
        hi = mid; // everything between is n/a: the first runnable change is hi
        break;
      }
      if (d) hi = mid;
      else lo = mid;
    }
    first = hi;
  }
  const searched = [...probes];
  const runnable: number[] = [];
  for (let i = 0; i < count; i++) if (get(i) !== null) runnable.push(i);
  const changePoints: number[] = [];
  for (let k = 1; k < runnable.length; k++) if (get(runnable[k]) !== get(runnable[k - 1])) changePoints.push(runnable[k]);
  const skipped = [...Array(count).keys()].filter((i) => get(i) === null);
  // Re-check N-1 and N. With several change points the search may land on a later one; the
  // earliest change from stage 00 is then reported, and the search result is kept.
  const confirmed = first === null || (get(first) !== base && [...Array(first).keys()].filter((i) => get(i) !== null).every((i) => get(i) === base));
  const searchedFirst = first;
  if (!confirmed) first = runnable.find((i) => get(i) !== base) ?? null;
  return { first, probes: searched, changePoints, skipped, confirmed, searchedFirst };
}
