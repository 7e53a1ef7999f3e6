// Stage glue: hands this stage's files to the shared defineStage() (src/slab/stage_glue.ts).
// Identical in every stage, so it never appears in patches/.
// mm-unstable base: the stage also carries mm/page_alloc.c's profiling hook (src/slab/stage_glue_pgtag.ts).

import { defineStage } from '../../slab/stage_glue.ts';
import { withPageAlloc } from '../../slab/stage_glue_pgtag.ts';
import { __GFP_BITS_MASK } from './include/linux/gfp_types.ts';
import { __def_gfpflag_names } from './include/trace/events/mmflags.ts';
import * as slab_h from './include/linux/slab.ts';
import * as slab_mm from './mm/slab.ts';
import * as slub from './mm/slub.ts';
import * as page_alloc from './mm/page_alloc.ts';

export const stage = withPageAlloc(
  defineStage(import.meta.url, {
    G: slab_mm.G,
    slub,
    slab_h,
    slab_mm,
    gfpBitsMask: __GFP_BITS_MASK,
    gfpTraceNames: __def_gfpflag_names,
  }),
  page_alloc,
  slab_mm.G,
);
