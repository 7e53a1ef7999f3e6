// A large kmalloc's pages are accounted to the caller's allocation tag, as vmalloc's are: the
// page comes from alloc_pages_node_noprof() under the caller's alloc_hooks(), and post_alloc_hook()'s
// pgalloc_tag_add() charges current->alloc_tag; freeing the pages takes it off (pgalloc_tag_sub()).
// The shared kernel tagged only vmalloc, so a kvmalloc() served by kmalloc_large at one stage and by
// vmalloc at the other looked like a lost tag (explore seed 17: '05 regressed event disappeared
// alloc_tag add @kmalloc [task reclaim kmalloc]'): a modelling bug, fixed in the shared kernel
// (tag_caller_pages) and in every stage of both series (___kmalloc_large_node, free_large_kmalloc).
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/harness/runner.ts';
import { formatEvent } from '../src/kernel/events.ts';
import { slabDomain } from '../src/slab/domain.ts';
import { rfc } from '../src/series/rfc/index.ts';
import { v3 } from '../src/series/v3/index.ts';

const NAME = 'large-kmalloc-tag';
const scenario = {
  name: NAME,
  description: 'kmalloc(9000) is a large kmalloc (order 2); kvmalloc(9000) with plenty of memory is one too',
  config: { nodes: 1, boot: 'running', profiling: true, kfence: { enabled: false } },
  caches: [],
  ops: [
    { op: 'kmalloc', size: 9000, gfp: 'GFP_KERNEL', as: 'a' },
    { op: 'kvmalloc', size: 9000, gfp: 'GFP_KERNEL', as: 'b' },
    { op: 'kfree', obj: 'a' },
  ],
};

describe('a large kmalloc under allocation profiling', () => {
  for (const [series, stages] of [['rfc', rfc.stages], ['v3', v3.stages]] as const)
    for (const n of [0, 15]) {
      it(`accounts its pages to the caller's tag, and kfree() takes them off (${series} stage ${n})`, () => {
        const obs = runScenario(slabDomain, stages[n], slabDomain.parseScenario(scenario, `${NAME}.json`, stages));
        const op = (i: string) => obs.ops.find((x) => x.index === i)!;
        const text = (i: string) => op(i).events.map(formatEvent).join('\n');
        expect(op('0').objects[0].kind).toBe('large');
        expect(op('1').objects[0].kind).toBe('large');
        // order 2: 4 pages of 4096 bytes
        expect(text('0')).toMatch(new RegExp(`alloc_tag add scenario:${NAME}:0 16384`));
        expect(text('1')).toMatch(new RegExp(`alloc_tag add scenario:${NAME}:1 16384`));
        expect(text('2')).toMatch(new RegExp(`alloc_tag sub scenario:${NAME}:0 16384`));
        expect(obs.end.tags[`scenario:${NAME}:0`]).toBeUndefined();
        expect(obs.end.tags[`scenario:${NAME}:1`]).toEqual({ calls: 1, bytes: 16384 });
      });
    }
});
