// The stage registry: every stage of the series, in order. The CLI hands it to the harness, which
// knows stages only through StageDescriptor.

import type { StageDescriptor } from '../kernel/stage_api.ts';
import { stage as s00 } from './00-baseline/index.ts';
import { stage as s01 } from './01-zero-requested-size/index.ts';
import { stage as s02 } from './02-stop-inlining-slab-alloc-node/index.ts';
import { stage as s03 } from './03-introduce-slab-alloc-context/index.ts';
import { stage as s04 } from './04-introduce-alloc-flags-trylock/index.ts';
import { stage as s05 } from './05-alloc-flags-in-context/index.ts';
import { stage as s06 } from './06-replace-partial-context/index.ts';
import { stage as s07 } from './07-alloc-flags-to-new-slab/index.ts';
import { stage as s08 } from './08-alloc-flags-through-post-alloc-hook/index.ts';
import { stage as s09 } from './09-slab-alloc-node-context/index.ts';
import { stage as s10 } from './10-bulk-any-gfp/index.ts';
import { stage as s11 } from './11-context-to-do-kmalloc-node/index.ts';
import { stage as s12 } from './12-introduce-kmalloc-flags/index.ts';
import { stage as s13 } from './13-no-recurse-for-obj-exts/index.ts';
import { stage as s14 } from './14-no-recurse-for-sheaves/index.ts';
import { stage as s15 } from './15-remove-gfp-no-obj-ext/index.ts';

export const STAGES: readonly StageDescriptor[] = [s00, s01, s02, s03, s04, s05, s06, s07, s08, s09, s10, s11, s12, s13, s14, s15];
