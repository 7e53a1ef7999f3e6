// Bad scenario input gets one clear line naming file, operation and field.
import { describe, expect, it } from 'vitest';
import { STAGES } from '../src/series/rfc/stages.ts';
import { ScenarioError } from '../src/harness/domain.ts';
import { slabDomain } from '../src/slab/domain.ts';

const ok = { name: 'x', description: 'y', ops: [{ op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL', as: 'a' }] };
const load = (j: unknown) => slabDomain.parseScenario(j, 'fixtures/scenarios/bad.json', STAGES);

describe('scenario loader', () => {
  it('accepts a minimal scenario and fills the default config', () => {
    const sc = load(ok);
    expect(sc.config.nodes).toBe(2);
    expect(sc.config.cpuNode).toEqual([0, 1]);
  });
  const cases: [string, unknown, RegExp][] = [
    ['unknown gfp name', { ...ok, ops: [{ op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL|__GFP_BOGUS' }] }, /bad\.json: ops\[0\]\.gfp: unknown gfp name "__GFP_BOGUS"/],
    ['unknown op', { ...ok, ops: [{ op: 'kmallok' }] }, /ops\[0\]\.op: unknown operation "kmallok"/],
    ['missing field', { ...ok, ops: [{ op: 'kmalloc', gfp: 'GFP_KERNEL' }] }, /ops\[0\]\.size: required by kmalloc/],
    ['wrong type', { ...ok, ops: [{ op: 'kmalloc', size: '8', gfp: 'GFP_KERNEL' }] }, /ops\[0\]\.size: expected an integer/],
    ['unknown handle', { ...ok, ops: [{ op: 'kfree', obj: 'nope' }] }, /ops\[0\]\.obj: unknown handle "nope"/],
    ['unknown cache', { ...ok, ops: [{ op: 'kmem_cache_alloc', cache: 'nope', gfp: 'GFP_KERNEL' }] }, /ops\[0\]\.cache: unknown cache "nope"/],
    ['node out of range', { ...ok, ops: [{ op: 'kmalloc_node', size: 8, gfp: 'GFP_KERNEL', node: 5 }] }, /ops\[0\]\.node: no such node/],
    ['cpu out of range', { ...ok, ops: [{ op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL', cpu: 9 }] }, /ops\[0\]\.cpu: expected a CPU number below 2/],
    ['bad injection point', { ...ok, ops: [{ op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL', inject: [{ at: 'nowhere', context: 'nmi', ops: [{ op: 'kmalloc_nolock', size: 8, gfp: '0' }] }] }] }, /ops\[0\]\.inject\[0\]\.at: expected one of/],
    ['nested op error', { ...ok, ops: [{ op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL', inject: [{ at: 'pcs_locked', context: 'nmi', ops: [{ op: 'kmalloc_nolock', size: 8 }] }] }] }, /ops\[0\]\.inject\[0\]\.ops\[0\]\.gfp: required/],
    ['unknown config field', { ...ok, config: { cpu: 2 } }, /config\.cpu: unknown config field/],
    ['bad cache flag', { ...ok, caches: [{ name: 'c', size: 8, flags: ['SLAB_FOO'] }] }, /caches\[0\]\.flags: unknown cache flag "SLAB_FOO"/],
    ['reserved cache name', { ...ok, caches: [{ name: 'kmalloc-64', size: 8 }] }, /caches\[0\]\.name: kmalloc cache names are reserved/],
    ['empty ops', { ...ok, ops: [] }, /field "ops": expected a non-empty array/],
    ['unknown top-level field', { ...ok, opz: [] }, /field "opz": unknown field/],
  ];
  it.each(cases)('rejects %s with a one-line error naming the field', (_n, json, re) => {
    let err: unknown;
    try {
      load(json);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as Error).message).toMatch(re);
    expect((err as Error).message).not.toContain('\n');
  });
});
