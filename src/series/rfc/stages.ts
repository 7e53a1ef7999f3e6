// The RFC's stages, in order: the only place their folder names are written.

import type { StageDescriptor } from '../../slab/stage_api.ts';
import { stage as s00 } from '../../stages/00-baseline/index.ts';
import { stage as s01 } from '../../stages/01-zero-requested-size/index.ts';
import { stage as s02 } from '../../stages/02-stop-inlining-slab-alloc-node/index.ts';
import { stage as s03 } from '../../stages/03-introduce-slab-alloc-context/index.ts';
import { stage as s04 } from '../../stages/04-introduce-alloc-flags-trylock/index.ts';
import { stage as s05 } from '../../stages/05-alloc-flags-in-context/index.ts';
import { stage as s06 } from '../../stages/06-replace-partial-context/index.ts';
import { stage as s07 } from '../../stages/07-alloc-flags-to-new-slab/index.ts';
import { stage as s08 } from '../../stages/08-alloc-flags-through-post-alloc-hook/index.ts';
import { stage as s09 } from '../../stages/09-slab-alloc-node-context/index.ts';
import { stage as s10 } from '../../stages/10-bulk-any-gfp/index.ts';
import { stage as s11 } from '../../stages/11-context-to-do-kmalloc-node/index.ts';
import { stage as s12 } from '../../stages/12-introduce-kmalloc-flags/index.ts';
import { stage as s13 } from '../../stages/13-no-recurse-for-obj-exts/index.ts';
import { stage as s14 } from '../../stages/14-no-recurse-for-sheaves/index.ts';
import { stage as s15 } from '../../stages/15-remove-gfp-no-obj-ext/index.ts';

export const STAGES: readonly StageDescriptor[] = [s00, s01, s02, s03, s04, s05, s06, s07, s08, s09, s10, s11, s12, s13, s14, s15];
