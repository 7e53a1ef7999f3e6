// Load a stage from a checked-out tree (an export-git commit): the tree is placed beside this
// installation's shared kernel and slab glue so its relative imports resolve, then imported.

import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StageDescriptor } from '../slab/stage_api.ts';

export async function loadTreeStage(tree: string, shared: { kernel: string; slab: string }): Promise<StageDescriptor | null> {
  if (!existsSync(join(tree, 'index.ts')) || !existsSync(join(tree, 'mm', 'slub.ts'))) return null;
  const tmp = mkdtempSync(join(tmpdir(), 'slabseries-tree-'));
  try {
    mkdirSync(join(tmp, 'src', 'stages'), { recursive: true });
    // The stage's .ts files are ES modules, as in the project.
    writeFileSync(join(tmp, 'package.json'), '{ "type": "module" }\n');
    symlinkSync(shared.kernel, join(tmp, 'src', 'kernel'), 'dir');
    symlinkSync(shared.slab, join(tmp, 'src', 'slab'), 'dir');
    const dest = join(tmp, 'src', 'stages', '99-tree');
    cpSync(tree, dest, { recursive: true, filter: (p) => !p.includes(`${join(tree, '.git')}`) });
    const mod = (await import(pathToFileURL(join(dest, 'index.ts')).href)) as { stage?: StageDescriptor };
    return mod.stage ?? null;
  } finally {
    // The imported modules are in memory: the copy is no longer needed (nor left behind on failure).
    rmSync(tmp, { recursive: true, force: true });
  }
}
