// include/trace/events/mmflags.h — __def_gfpflag_names, the table the trace and %pGg print with.

import {
  GFP_COMBINATION_NAMES,
  TRACE_GFP_FLAGS_GENERAL,
  type GfpName,
} from '../../../../../kernel/gfp.ts';
import { __GFP_NO_OBJ_EXT } from '../../linux/gfp_types.ts';

/** CONFIG_SLAB_OBJ_EXT=y in the modelled kernel, so the slab group is printed by name. */
export const TRACE_GFP_FLAGS_SLAB: readonly GfpName[] = [{ name: '__GFP_NO_OBJ_EXT', mask: __GFP_NO_OBJ_EXT }];

/** TRACE_GFP_FLAGS = GENERAL, KASAN (empty), LOCKDEP (empty), SLAB. */
export const TRACE_GFP_FLAGS: readonly GfpName[] = [...TRACE_GFP_FLAGS_GENERAL, ...TRACE_GFP_FLAGS_SLAB];

export const __def_gfpflag_names: readonly GfpName[] = [...GFP_COMBINATION_NAMES, ...TRACE_GFP_FLAGS];
