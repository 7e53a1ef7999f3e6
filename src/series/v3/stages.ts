// v3's stages, in order: the only place their folder names are written. v3 stage NN is the v3 base
// (RFC base + commit 648927ceb840, docs/v3-base.md) plus v3 patches 01..NN; its numbers are not the
// RFC's (docs/v3-base.md has the version map).

import type { StageDescriptor } from '../../slab/stage_api.ts';
import { stage as s00 } from '../../stages-v3/00-baseline/index.ts';
import { stage as s01 } from '../../stages-v3/01-no-init-kfence-objects/index.ts';
import { stage as s02 } from '../../stages-v3/02-stop-inlining-slab-alloc-node/index.ts';
import { stage as s03 } from '../../stages-v3/03-introduce-slab-alloc-context/index.ts';
import { stage as s04 } from '../../stages-v3/04-introduce-alloc-flags-nolock/index.ts';
import { stage as s05 } from '../../stages-v3/05-replace-partial-context/index.ts';
import { stage as s06 } from '../../stages-v3/06-alloc-flags-in-context/index.ts';
import { stage as s07 } from '../../stages-v3/07-alloc-flags-to-new-slab/index.ts';
import { stage as s08 } from '../../stages-v3/08-alloc-flags-through-post-alloc-hook/index.ts';
import { stage as s09 } from '../../stages-v3/09-slab-alloc-node-context/index.ts';
import { stage as s10 } from '../../stages-v3/10-bulk-any-gfp/index.ts';
import { stage as s11 } from '../../stages-v3/11-context-to-do-kmalloc-node/index.ts';
import { stage as s12 } from '../../stages-v3/12-nolock-allow-nowarn-nomemalloc/index.ts';
import { stage as s13 } from '../../stages-v3/13-introduce-kmalloc-flags/index.ts';
import { stage as s14 } from '../../stages-v3/14-no-recurse-for-obj-exts/index.ts';
import { stage as s15 } from '../../stages-v3/15-no-recurse-for-sheaves/index.ts';

/**
 * alloc_flags v3 renamed (v3 04: the RFC's SLAB_ALLOC_TRYLOCK is SLAB_ALLOC_NOLOCK), old name to new.
 * The shipped scenarios run on both series and `versions` compares them on the same files, so a
 * scenario written against the RFC names the flag by its RFC name; at a v3 stage that has the new
 * name, the old one means the same flag.
 */
const RENAMED_ALLOC_FLAGS: Readonly<Record<string, string>> = { SLAB_ALLOC_TRYLOCK: 'SLAB_ALLOC_NOLOCK' };

function withRenamedAllocFlags(s: StageDescriptor): StageDescriptor {
  const renamed = Object.entries(RENAMED_ALLOC_FLAGS).flatMap(([old, now]) => {
    const value = s.allocFlags.get(now);
    return value === undefined || s.allocFlags.has(old) ? [] : [[old, value] as const];
  });
  return renamed.length ? { ...s, allocFlags: new Map([...s.allocFlags, ...renamed]) } : s;
}

export const STAGES: readonly StageDescriptor[] = [s00, s01, s02, s03, s04, s05, s06, s07, s08, s09, s10, s11, s12, s13, s14, s15].map(withRenamedAllocFlags);
