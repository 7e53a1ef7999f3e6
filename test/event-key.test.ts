// The event key is built by hand for speed; it must stay exactly what the documented definition
// gives: JSON.stringify(e, Object.keys(e).sort()) (src/slab/judge.ts), a WARN's raisedIn left out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScenarios } from '../src/cli/scenarios.ts';
import { runScenario } from '../src/harness/runner.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { eventKey } from '../src/slab/judge.ts';
import { rfc } from '../src/series/rfc/index.ts';
import type { KEvent } from '../src/kernel/events.ts';

const reference = (e: object) => JSON.stringify(e, Object.keys(e).filter((k) => k !== 'raisedIn').sort());

describe('eventKey', () => {
  it('equals the sorted-keys serialisation on every event of the shipped scenarios (stages 00 and 15)', () => {
    const scenarios = loadScenarios(join(import.meta.dirname, '..', 'fixtures', 'scenarios'), rfc.stages);
    let n = 0;
    for (const stage of [rfc.stages[0], rfc.stages[15]])
      for (const sc of scenarios)
        for (const op of runScenario(slabDomain, stage, sc).ops)
          for (const e of op.events) {
            expect(eventKey(e)).toBe(reference(e));
            n++;
          }
    expect(n).toBeGreaterThan(1000);
  });

  it('leaves out where a WARN was raised: the same report from the caller or from a slab-internal allocation is one event', () => {
    const atCaller: KEvent = { kind: 'warn', site: 'kmalloc_nolock:gfp', msg: 'VM_WARN_ON_ONCE(gfp_flags & ~(__GFP_ACCOUNT | __GFP_ZERO))', once: true };
    expect(eventKey({ ...atCaller, raisedIn: 'obj_exts(kmalloc-1k)' } as KEvent)).toBe(eventKey(atCaller));
  });

  it('equals it on arbitrary primitive fields, awkward strings and numbers included', () => {
    const value = fc.oneof(fc.string({ unit: 'binary' }), fc.double(), fc.integer(), fc.boolean(), fc.constant(undefined), fc.constantFrom(NaN, -0, Infinity, 1e21));
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => /^[a-z_]+$/.test(k)), value), fc.constantFrom('lock', 'warn', 'trace'), (fields, kind) => {
        const e = { kind, ...fields } as unknown as KEvent;
        expect(eventKey(e)).toBe(reference(e));
      }),
      { numRuns: 500, seed: 1 },
    );
  });
});
