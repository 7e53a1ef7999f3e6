// v3's stages, in order: the only place their folder names are written. v3 stage NN is the v3 base
// (RFC base + commit 648927ceb840, docs/v3-base.md) plus v3 patches 01..NN; its numbers are not the
// RFC's (docs/v3-base.md has the version map).

import type { StageDescriptor } from '../../slab/stage_api.ts';
import { stage as s00 } from '../../stages-v3/00-baseline/index.ts';
import { stage as s01 } from '../../stages-v3/01-no-init-kfence-objects/index.ts';
import { stage as s02 } from '../../stages-v3/02-stop-inlining-slab-alloc-node/index.ts';
import { stage as s03 } from '../../stages-v3/03-introduce-slab-alloc-context/index.ts';
import { stage as s04 } from '../../stages-v3/04-introduce-alloc-flags-nolock/index.ts';

export const STAGES: readonly StageDescriptor[] = [s00, s01, s02, s03, s04];
