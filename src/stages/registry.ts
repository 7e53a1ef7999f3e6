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

export const STAGES: readonly StageDescriptor[] = [s00, s01, s02, s03, s04, s05, s06, s07, s08];
