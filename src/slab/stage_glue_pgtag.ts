// Glue for stages that carry their own page-allocator profiling hook (a base overlay such as
// src/bases/mm-unstable, or a candidate): installs the stage's pgalloc_tag_add() and
// init_page_alloc_tagging() into the kernel's PageTags before the stage boots, and gives the stage's
// `static` variables one instance per simulated kernel (each scenario run boots a new one).

import type { Kernel } from '../kernel/kernel.ts';
import type { PgallocTagHooks } from '../kernel/alloc_tag_pages.ts';
import type { StageDescriptor } from './stage_api.ts';

export function withPageAlloc(d: StageDescriptor, m: PgallocTagHooks, G: object): StageDescriptor {
  const g = G as { k: Kernel };
  return {
    ...d,
    boot: (k) => {
      if (k.pgtag) {
        // The hook runs inside the page allocator, possibly outside a slab API call: make sure the
        // stage's globals point at this kernel while it runs.
        const inK = <T>(fn: () => T): T => {
          const prev = g.k;
          g.k = k;
          try {
            return fn();
          } finally {
            g.k = prev;
          }
        };
        k.pgtag.hooks = {
          pgalloc_tag_add: (page, nr, info) => inK(() => m.pgalloc_tag_add(page, nr, info)),
          init_page_alloc_tagging: () => inK(() => m.init_page_alloc_tagging()),
        };
      }
      return d.boot(k);
    },
  };
}

/** A `static` (file-scope) variable of kernel code: one value per simulated kernel. */
export function kernelStatic<T>(init: () => T): (k: Kernel) => T {
  const m = new WeakMap<Kernel, T>();
  return (k) => {
    let v = m.get(k);
    if (v === undefined) m.set(k, (v = init()));
    return v;
  };
}
