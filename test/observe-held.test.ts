// Without a cache, an executor keeps only the observations a step it did not judge needs
// (src/cli/observe.ts heldWithoutCache). The expectations follow from what checkSeries reads for a
// step NN: the observations at NN-1 and NN of the same scenario.
import { describe, expect, it } from 'vitest';
import { contiguousShares, heldWithoutCache, inScenarioBlocks, SCENARIO_BLOCK } from '../src/cli/observe.ts';

describe('heldWithoutCache', () => {
  // Stages 0..3, scenarios 0 and 1, in stage order: (0,0) (0,1) (1,0) (1,1) (2,0) (2,1) (3,0) (3,1).
  const tasks: [number, number, null][] = [0, 1, 2, 3].flatMap((si) => [0, 1].map((ci) => [si, ci, null] as [number, number, null]));
  const [first, second] = contiguousShares(tasks, 2);

  it('one executor judges every step: nothing is held', () => {
    const held = heldWithoutCache(tasks, 3);
    // Stage 0's step has no stage before it and is judged too (against nothing).
    for (const [si, ci] of tasks) expect(held(si, ci, true)).toBe(false);
  });

  it('a share boundary holds the last stage before it and the first stage after it', () => {
    expect(first.map(([si, ci]) => `${si}/${ci}`)).toEqual(['0/0', '0/1', '1/0', '1/1']);
    const a = heldWithoutCache(first, 3);
    // Stage 1 is the first share's last stage for both scenarios; step 2 is judged by the other
    // executor and needs it.
    expect(a(1, 0, true)).toBe(true);
    expect(a(1, 1, true)).toBe(true);
    expect(a(0, 0, true)).toBe(false);
    const b = heldWithoutCache(second, 3);
    // Stage 2 arrives without stage 1 in the second executor: its step is not judged there.
    expect(b(2, 0, false)).toBe(true);
    expect(b(3, 0, true)).toBe(false);
    // The series' last stage is nobody's "before".
    expect(b(3, 1, true)).toBe(false);
  });

  it('a boundary inside a stage follows each scenario', () => {
    const shares = contiguousShares(tasks.slice(0, 7), 2); // (0,0)..(3,0); split after (1,1)
    const a = heldWithoutCache(shares[0], 3);
    expect(shares[0].map(([si, ci]) => `${si}/${ci}`)).toEqual(['0/0', '0/1', '1/0', '1/1']);
    const shifted = contiguousShares(tasks, 3); // 3, 3, 2 tasks: (0,0) (0,1) (1,0) | (1,1) (2,0) (2,1) | ...
    const x = heldWithoutCache(shifted[0], 3);
    // Scenario 0's last stage in the first share is 1, scenario 1's is 0.
    expect(x(1, 0, true)).toBe(true);
    expect(x(0, 1, true)).toBe(true);
    expect(x(0, 0, true)).toBe(false);
    expect(a(0, 1, true)).toBe(false);
  });
});

describe('contiguousShares', () => {
  const ten = Array.from({ length: 10 }, (_, i) => i);
  it('splits in order into near-equal runs', () => {
    expect(contiguousShares(ten, 2)).toEqual([[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]);
    expect(contiguousShares(ten, 3).map((s) => s.length).reduce((a, b) => a + b)).toBe(10);
    expect(contiguousShares([1, 2], 5)).toEqual([[1], [2]]);
  });

  it("gives this thread's share its weight against each worker's", () => {
    // 1.5 : 1 of ten tasks is 6 : 4; of ten over three, 1.5 : 1 : 1 is 4.3 : 2.9 : 2.9.
    expect(contiguousShares(ten, 2, 1.5)).toEqual([[0, 1, 2, 3, 4, 5], [6, 7, 8, 9]]);
    expect(contiguousShares(ten, 3, 1.5)).toEqual([[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    expect(contiguousShares(ten, 1, 1.5)).toEqual([ten]);
  });
});

describe('inScenarioBlocks', () => {
  // 4 stages x 20 scenarios in stage order, as observeMatrix makes them.
  const tasks: [number, number, null][] = [0, 1, 2, 3].flatMap((si) => Array.from({ length: 20 }, (_, ci) => [si, ci, null] as [number, number, null]));
  const order = inScenarioBlocks(tasks);

  it('runs the same pairs', () => {
    expect(order.map(([si, ci]) => `${si}/${ci}`).sort()).toEqual(tasks.map(([si, ci]) => `${si}/${ci}`).sort());
  });

  it("runs each scenario's stages in order, at most a block apart (the step judge's previous observation dies young)", () => {
    const at = new Map(order.map(([si, ci], i) => [`${si}/${ci}`, i]));
    for (let ci = 0; ci < 20; ci++)
      for (let si = 1; si < 4; si++) {
        const gap = at.get(`${si}/${ci}`)! - at.get(`${si - 1}/${ci}`)!;
        expect(gap).toBeGreaterThan(0);
        expect(gap).toBeLessThanOrEqual(SCENARIO_BLOCK);
      }
  });

  it('runs a stage several times in a row (the JIT warms one stage copy at a time)', () => {
    expect(order.slice(0, SCENARIO_BLOCK).every(([si]) => si === 0)).toBe(true);
  });
});
