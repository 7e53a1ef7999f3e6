// v3 04 renamed the RFC's SLAB_ALLOC_TRYLOCK to SLAB_ALLOC_NOLOCK (series-v3.md, v3 04). The shipped
// scenarios run on both series, so at a v3 stage that has SLAB_ALLOC_NOLOCK the RFC's name means that
// same flag (src/series/v3/stages.ts), and a scenario naming it loads for v3.
import { describe, expect, it } from 'vitest';
import { slabDomain } from '../src/slab/domain.ts';
import { rfc } from '../src/series/rfc/index.ts';
import { v3 } from '../src/series/v3/index.ts';

describe('alloc_flags renamed by v3', () => {
  it('at v3 stages with SLAB_ALLOC_NOLOCK, SLAB_ALLOC_TRYLOCK is the same flag; before them neither exists', () => {
    for (const s of v3.stages) {
      const now = s.allocFlags.get('SLAB_ALLOC_NOLOCK');
      expect(s.allocFlags.get('SLAB_ALLOC_TRYLOCK'), s.slug).toBe(now);
    }
    expect(v3.stages.filter((s) => s.allocFlags.has('SLAB_ALLOC_NOLOCK')).length).toBeGreaterThan(0);
    expect(v3.stages[0].allocFlags.has('SLAB_ALLOC_TRYLOCK')).toBe(false);
  });

  it('the RFC keeps its own name only', () => {
    for (const s of rfc.stages) expect(s.allocFlags.has('SLAB_ALLOC_NOLOCK'), s.slug).toBe(false);
  });

  it('a scenario naming SLAB_ALLOC_TRYLOCK loads for v3, and an unknown name is still refused', () => {
    const doc = (flags: string) => ({ name: 'x', description: 'x', ops: [{ op: 'kmalloc_flags', size: 8, gfp: '0', alloc_flags: flags, as: 'a' }] });
    expect(() => slabDomain.parseScenario(doc('SLAB_ALLOC_TRYLOCK|SLAB_ALLOC_NO_RECURSE'), 'x.json', v3.stages)).not.toThrow();
    expect(() => slabDomain.parseScenario(doc('SLAB_ALLOC_SPINLOCK'), 'x.json', v3.stages)).toThrow(/unknown alloc flag name "SLAB_ALLOC_SPINLOCK"/);
  });
});
