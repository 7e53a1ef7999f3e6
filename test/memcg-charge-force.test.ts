// try_charge_memcg() (mm/memcontrol.c) does not fail every charge above the limit: at `nomem:`
// "Memcg doesn't have a dedicated reserve for atomic allocations. But like the global atomic pool,
// we need to put the burden of reclaim on regular allocation requests and let these go through as
// privileged allocations": `if (!(gfp_mask & (__GFP_NOFAIL | __GFP_HIGH))) return -ENOMEM;` and
// otherwise `force:` charges over the limit. explore (seed 7) found the model failing the memcg
// charge of a GFP_ATOMIC|__GFP_ACCOUNT kmalloc at a zero limit (13 'memcg charge_fail appeared'):
// a modelling bug of the shared kernel, which forced only __GFP_NOFAIL.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/harness/runner.ts';
import { formatEvent } from '../src/kernel/events.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { rfc } from '../src/series/rfc/index.ts';

const AT_LIMIT = {
  name: 'memcg-charge-over-limit',
  description: 'a zero memcg limit: which charges are forced',
  config: { nodes: 1, boot: 'running', memcg: true, profiling: false, kfence: { enabled: false } },
  caches: [],
  ops: [
    { op: 'set_memcg_limit', bytes: 0 },
    { op: 'kmalloc', size: 8, gfp: 'GFP_ATOMIC|__GFP_ACCOUNT', as: 'atomic' },
    { op: 'kmalloc', size: 8, gfp: '__GFP_HIGH|__GFP_ACCOUNT', as: 'high' },
    { op: 'kmalloc', size: 8, gfp: 'GFP_KERNEL_ACCOUNT', as: 'kernel' },
    { op: 'kmalloc', size: 8, gfp: 'GFP_NOWAIT|__GFP_ACCOUNT', as: 'nowait' },
  ],
};

describe('a memcg charge above the limit', () => {
  const sc = slabDomain.parseScenario(AT_LIMIT, 'memcg-charge-over-limit.json', rfc.stages);
  for (const n of [0, 15]) {
    const obs = runScenario(slabDomain, rfc.stages[n], sc);
    const op = (i: string) => obs.ops.find((x) => x.index === i)!;
    const memcg = (i: string) => op(i).events.filter((e) => e.kind === 'memcg').map(formatEvent).join('\n');
    const kind = (i: string) => op(i).objects[0]?.kind;
    it(`is forced for __GFP_HIGH (GFP_ATOMIC) at stage ${n}: charged, the object returned`, () => {
      for (const i of ['1', '2']) {
        expect(memcg(i)).toMatch(/memcg charge \d+ kmalloc-cg-8/);
        expect(memcg(i)).not.toMatch(/charge_fail/);
        expect(kind(i)).not.toBe('NULL');
      }
    });
    it(`fails without __GFP_HIGH or __GFP_NOFAIL at stage ${n}`, () => {
      for (const i of ['3', '4']) {
        expect(memcg(i)).toMatch(/charge_fail/);
        expect(kind(i)).toBe('NULL');
      }
    });
  }
});
