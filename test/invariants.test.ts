// The end-of-run invariants of the stage glue (src/slab/stage_glue.ts): no object free in two places,
// no live object free, list lengths that match. A run of any shipped scenario finds none (the
// goldens); here the state is corrupted by hand, so each check must fire, with the place named.
import { describe, expect, it } from 'vitest';
import { Kernel } from '../src/kernel/kernel.ts';
import { defaultConfig } from '../src/kernel/config.ts';
import { GFP_KERNEL } from '../src/kernel/gfp.ts';
import { STAGES } from '../src/series/rfc/stages.ts';
import type { GlueCache } from '../src/slab/stage_glue.ts';

function booted() {
  const stage = STAGES[0];
  const k = new Kernel(defaultConfig(), stage.gfp);
  k.events = null;
  const inst = stage.boot(k);
  const p = k.runOn(0, 'task', () => inst.api.kmalloc(64, GFP_KERNEL)).value as number;
  const cache = inst.cacheByName('kmalloc-64') as unknown as GlueCache;
  return { inst, p, cache, sheaf: cache.cpu_sheaves[0].main };
}

describe('end-of-run invariants', () => {
  it('find nothing on a booted kernel with a live object', () => {
    const { inst, p } = booted();
    expect(p).toBeGreaterThan(0);
    expect(inst.invariants([p])).toEqual([]);
    inst.release();
  });

  it('name a live object that is also free, and where', () => {
    const { inst, p, sheaf } = booted();
    sheaf.objects[sheaf.size++] = p;
    expect(inst.invariants([p])).toEqual(['live object is also free in kmalloc-64 sheaf cpu0']);
    inst.release();
  });

  it('name an object free in two places', () => {
    const { inst, cache, sheaf } = booted();
    const x = sheaf.objects[0];
    const partial = cache.node[0].partial[0];
    partial.freelist.push(x);
    partial.inuse--;
    expect(inst.invariants([])).toEqual(['object in two free places: kmalloc-64 sheaf cpu0 and kmalloc-64 freelist node0']);
    inst.release();
  });

  it('name a partial list whose count is wrong', () => {
    const { inst, cache } = booted();
    cache.node[0].nr_partial++;
    expect(inst.invariants([])).toEqual([`kmalloc-64 node0: nr_partial ${cache.node[0].nr_partial} != ${cache.node[0].partial.length}`]);
    inst.release();
  });
});
