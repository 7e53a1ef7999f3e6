// include/trace/events/mmflags.h — __def_gfpflag_names, the table the trace and %pGg print with.

import {
  GFP_COMBINATION_NAMES,
  TRACE_GFP_FLAGS_GENERAL,
  type GfpName,
} from '../../../../../kernel/gfp.ts';

/** TRACE_GFP_FLAGS = GENERAL, KASAN (empty), LOCKDEP (empty). */
export const TRACE_GFP_FLAGS: readonly GfpName[] = [...TRACE_GFP_FLAGS_GENERAL];

export const __def_gfpflag_names: readonly GfpName[] = [...GFP_COMBINATION_NAMES, ...TRACE_GFP_FLAGS];
