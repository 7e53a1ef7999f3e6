// accounting.balance asks for zero memcg charges and caller tags once the caller holds nothing. A
// prefilled sheaf the caller has not returned is something it holds: an oversize sheaf
// (kmem_cache_prefill_sheaf() with size > sheaf_capacity) is kzalloc()ed with the caller's gfp,
// __GFP_ACCOUNT included, and stays charged until kmem_cache_return_sheaf() frees it. Found by
// explore (seed 7): the contract fired at the base on a held oversize sheaf.
import { describe, expect, it } from 'vitest';
import { STAGES } from '../src/series/rfc/stages.ts';
import { runScenario } from '../src/harness/runner.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { contractViolations } from '../src/slab/contracts.ts';
import type { SlabObservation } from '../src/slab/observation.ts';

function run(stageIdx: number, ops: object[]): SlabObservation {
  const sc = slabDomain.parseScenario({ name: 'held-sheaf', description: 'an oversize prefilled sheaf held to the end', config: { memcg: true, profiling: true }, ops }, 'held-sheaf.json', STAGES);
  return runScenario(slabDomain, STAGES[stageIdx], sc);
}

const HELD = [
  { op: 'kmem_cache_prefill_sheaf', cache: 'kmalloc-64', gfp: 'GFP_KERNEL_ACCOUNT', size: 200, as: 's' },
  { op: 'kmem_cache_alloc_from_sheaf', cache: 'kmalloc-64', gfp: 'GFP_KERNEL_ACCOUNT', sheaf: 's', as: 'a' },
  { op: 'kmem_cache_free', cache: 'kmalloc-64', obj: 'a' },
];
const balance = (o: SlabObservation) => contractViolations(o).filter((v) => v.contract === 'accounting.balance');

describe.each([0, STAGES.length - 1])('accounting.balance with a held sheaf, stage %i', (i) => {
  it('an oversize sheaf still held is charged, and that is no violation', () => {
    const o = run(i, HELD);
    expect(o.end.outstanding).toEqual([]);
    expect(o.end.heldSheaves).toEqual(['s']);
    expect(o.end.memcgCharged).toBeGreaterThan(0);
    expect(balance(o)).toEqual([]);
  });
  it('once the sheaf is returned the charge is gone, and the contract is checked again', () => {
    const o = run(i, [...HELD, { op: 'kmem_cache_return_sheaf', cache: 'kmalloc-64', gfp: 'GFP_KERNEL', sheaf: 's' }]);
    expect(o.end.heldSheaves).toEqual([]);
    expect(o.end.memcgCharged).toBe(0);
    expect(balance(o)).toEqual([]);
  });
});
