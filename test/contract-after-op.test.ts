// nolock.never-spins is about what kmalloc_nolock() itself does. kfree_nolock() defers a free it
// cannot do safely (defer_free()); irq_work frees it later with __slab_free(), which may take
// n->list_lock: that spin is irq_work's, after the call. The machine runs that work between two
// operations and records its events with the operation before; the contract counted them, so a
// kmalloc_nolock() whose obj_exts vector lost its install race (the loser is kfree_nolock()ed)
// looked like a spinning kmalloc_nolock() at the base (explore seed 19: '00 contract
// nolock.never-spins @kmalloc_nolock [irq no-reclaim kmalloc]'): a judge bug. Events of the work
// between operations are now marked afterOp and the contract skips them; a spin inside the call
// (memcg_alloc_abort_single()'s __slab_free(), the approved base finding) still counts.
import { describe, expect, it } from 'vitest';
import { STAGES } from '../src/series/rfc/stages.ts';
import { runScenario } from '../src/harness/runner.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { contractViolations } from '../src/slab/contracts.ts';
import { compareObservations } from '../src/harness/compare.ts';
import type { SlabObservation } from '../src/slab/observation.ts';

function run(name: string, config: object, ops: object[], stage = 0): SlabObservation {
  const sc = slabDomain.parseScenario({ name, description: name, config, ops }, `${name}.json`, STAGES);
  return runScenario(slabDomain, STAGES[stage], sc);
}
const spins = (o: SlabObservation) => contractViolations(o).filter((v) => v.contract === 'nolock.never-spins');

describe('nolock.never-spins', () => {
  it("does not count irq_work's deferred free after the call (a vector that lost its install race)", () => {
    // The shrunk scenario explore found: a softirq kmalloc_nolock() allocates its slab's vector with
    // kmalloc_nolock(); a GFP_ATOMIC kmalloc() interrupting at pcs_locked installs one first, so the
    // loser is kfree_nolock()ed, deferred, and freed by irq_work under n->list_lock.
    const o = run(
      'nolock-vector-race-deferred-free',
      { nodes: 2, boot: 'early', profiling: true, profilingDebug: true, cmpxchg16b: false, kfence: { enabled: false }, slubDebug: { flags: ['U'], caches: ['kmalloc-*'] } },
      [
        { op: 'set_watermarks', node: 1, free: 0 },
        { op: 'finish_deferred_page_init' },
        { op: 'kmalloc_nolock', size: 8, gfp: '0', node: 1, as: 'h0', context: 'softirq', inject: [{ at: 'pcs_locked', context: 'softirq', ops: [{ op: 'kmalloc', size: 8, gfp: 'GFP_ATOMIC' }] }] },
      ],
    );
    const op = o.ops.find((x) => x.index === '2')!;
    expect(op.events.some((e) => e.kind === 'defer_free')).toBe(true);
    const spin = op.events.find((e) => e.kind === 'lock' && e.mode === 'spin' && e.lock.startsWith('n->list_lock'));
    expect(spin?.afterOp).toBe(true);
    expect(op.events.filter((e) => e.kind === 'lock' && e.mode === 'spin' && !e.afterOp && !e.lock.startsWith('mems_allowed_seq'))).toEqual([]);
    expect(spins(o)).toEqual([]);
  });

  it("still counts a spin inside the call: a refused charge's memcg_alloc_abort_single()", () => {
    const o = run('nolock-charge-abort-spins', { nodes: 1, boot: 'running', memcg: true, kfence: { enabled: false } }, [
      { op: 'set_memcg_limit', bytes: 0 },
      { op: 'kmalloc_nolock', size: 8, gfp: '__GFP_ACCOUNT', as: 'h0' },
    ]);
    expect(spins(o).length).toBeGreaterThan(0);
  });
});

// The step comparison's event rule (src/slab/judge.ts mustNotSpin) had the contract's bug: every
// spin recorded with a kmalloc_nolock() counted, irq_work's after the call too. explore (v3 seed
// 823 on mm-unstable, --max-ops 16, 2026-12-06; for-next and the RFC alike) shrank it to the
// scenario below, trimmed by hand: at RFC 13 the nested vector kmalloc loses __GFP_NO_OBJ_EXT
// (approved), so a hardirq kmalloc_nolock()'s vector loses its install race to an NMI's; the loser
// is deferred and irq_work frees it under n->list_lock, in task context, after the call. Judged a
// "spinning in a context that must not spin" regression at RFC 13 (v3 15): a false alarm, fixed in
// the judge rather than approved.
describe('a spin by irq_work after a kmalloc_nolock(), between two steps', () => {
  const config = { nodes: 2, boot: 'running', memcg: false, profiling: true, profilingDebug: true, cmpxchg16b: true, kfence: { enabled: false }, slubDebug: { flags: ['Z', 'U'], caches: ['kmalloc-*'] } };
  const ops = [
    { op: 'set_watermarks', node: 1, free: 0 },
    { op: 'kmalloc', size: 64, gfp: 'GFP_KERNEL|__GFP_NO_OBJ_EXT', as: 'h0' },
    { op: 'kmalloc_nolock', size: 64, gfp: '__GFP_ZERO', node: 1, as: 'h1', context: 'hardirq', inject: [{ at: 'list_lock_held', context: 'nmi', ops: [{ op: 'kmalloc_nolock', size: 64, gfp: '0' }] }] },
  ];
  it('is a path difference, not a spinning kmalloc_nolock()', () => {
    const at = (n: number) => run('nolock-vector-race-after-op-spin', config, ops, n);
    const [a, b] = [at(12), at(13)];
    const op = b.ops.find((x) => x.index === '2')!;
    // The mechanism: the deferred loser, and irq_work's spin after the call, only at 13.
    expect(op.events.some((e) => e.kind === 'defer_free')).toBe(true);
    expect(op.events.filter((e) => e.kind === 'lock' && e.mode === 'spin' && e.lock.startsWith('n->list_lock')).map((e) => e.afterOp)).toEqual([true]);
    expect(a.ops.find((x) => x.index === '2')!.events.some((e) => e.kind === 'lock' && e.mode === 'spin' && e.lock.startsWith('n->list_lock'))).toBe(false);
    const diffs = compareObservations(slabDomain, a, b).differences.filter((d) => d.at === '2');
    expect(diffs.some((d) => d.what === 'path gained: lock spin')).toBe(true);
    expect(diffs.filter((d) => d.what.startsWith('spinning in a context that must not spin'))).toEqual([]);
    expect(spins(b)).toEqual([]);
  });
});
