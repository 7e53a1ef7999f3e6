// All-or-nothing writes of several files (hardening): every new content is first written beside
// its target as a temporary file; only when all are written are they moved into place, and a
// failure while moving restores what was there. Paths are resolved and must stay inside `root`.

import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';

export class OutsideRootError extends Error {}

/** `rel` resolved under `root`; throws when it would leave it ("..", absolute, NUL). */
export function insideRoot(root: string, rel: string): string {
  const base = resolve(root);
  const p = resolve(base, rel);
  const r = relative(base, p);
  if (rel.includes('\0') || r === '' || r.startsWith('..') || isAbsolute(r)) throw new OutsideRootError(`refusing to write ${JSON.stringify(rel.slice(0, 80))}: outside ${base}`);
  return p;
}

export interface PlannedWrite {
  /** Absolute path, inside root. */
  path: string;
  /** New content, or null to delete the file. */
  content: string | null;
}

let seq = 0;

/**
 * Apply every write or none. `hooks.beforeMove` (tests) runs after staging, before the first move.
 * Returns the paths changed.
 */
export function writeAllOrNothing(root: string, writes: readonly PlannedWrite[], hooks: { beforeMove?: (i: number) => void } = {}): string[] {
  for (const w of writes) insideRoot(root, relative(resolve(root), w.path));
  const tag = `.slabseries-${process.pid}-${Date.now().toString(36)}-${seq++}`;
  const staged: { w: PlannedWrite; tmp: string | null; backup: string | null; moved: boolean }[] = [];
  const createdDirs: string[] = [];
  try {
    for (const w of writes) {
      let tmp: string | null = null;
      if (w.content !== null) {
        const d = dirname(w.path);
        if (!existsSync(d)) {
          createdDirs.push(d);
          mkdirSync(d, { recursive: true });
        }
        tmp = `${w.path}${tag}.new`;
        writeFileSync(tmp, w.content);
      }
      staged.push({ w, tmp, backup: null, moved: false });
    }
    staged.forEach((s, i) => {
      hooks.beforeMove?.(i);
      if (existsSync(s.w.path)) {
        s.backup = `${s.w.path}${tag}.old`;
        renameSync(s.w.path, s.backup);
      }
      s.moved = true;
      if (s.tmp) {
        renameSync(s.tmp, s.w.path);
        s.tmp = null;
      }
    });
  } catch (e) {
    // Restore: undo the moves in reverse, drop staged files.
    for (const s of [...staged].reverse()) {
      try {
        if (s.moved) {
          if (s.tmp === null && s.w.content !== null) rmSync(s.w.path, { force: true });
          if (s.backup) renameSync(s.backup, s.w.path);
        }
        if (s.tmp) rmSync(s.tmp, { force: true });
      } catch {
        // best effort: keep restoring the others
      }
    }
    for (const d of createdDirs.reverse()) rmSync(d, { recursive: true, force: true });
    throw e;
  }
  for (const s of staged) if (s.backup) rmSync(s.backup, { force: true });
  return writes.map((w) => w.path);
}
