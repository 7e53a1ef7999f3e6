// v3's stages, in order: the only place their folder names are written. v3 stage NN is the v3 base
// (RFC base + commit 648927ceb840, docs/v3-base.md) plus v3 patches 01..NN; its numbers are not the
// RFC's (docs/v3-base.md has the version map).

import type { StageDescriptor } from '../../slab/stage_api.ts';
import { stage as s00 } from '../../stages-v3/00-baseline/index.ts';
import { stage as s01 } from '../../stages-v3/01-no-init-kfence-objects/index.ts';

export const STAGES: readonly StageDescriptor[] = [s00, s01];
