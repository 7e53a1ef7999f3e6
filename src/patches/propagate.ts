// slabseries propagate NN: carry the uncommitted edit of stage NN into every later stage with a
// three-way merge (git merge-file). All or nothing: on any conflict no file is changed.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { readTree } from './stagefs.ts';
import { writeAllOrNothing } from '../harness/atomic-write.ts';

export interface Conflict {
  stage: string;
  file: string;
  hunk: string;
}

export interface PropagateResult {
  edited: string[];
  updates: { stage: string; file: string }[];
  conflicts: Conflict[];
}

export class PropagateError extends Error {}

function gitShow(repo: string, path: string): string | null {
  const r = spawnSync('git', ['show', `HEAD:${path}`], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 });
  return r.status === 0 ? r.stdout : null;
}

/** Three-way merge of one file: ours = the later stage, base = old stage NN, theirs = new stage NN.
 *  `favor: 'ours'` resolves each conflicting hunk by keeping ours (git merge-file --ours). */
export function merge3(ours: string, base: string, theirs: string, labels: [string, string, string], favor?: 'ours'): { text: string; conflicts: number } {
  const dir = mkdtempSync(join(tmpdir(), 'slabseries-merge-'));
  try {
    const [o, b, t] = ['ours', 'base', 'theirs'].map((n) => join(dir, n));
    writeFileSync(o, ours);
    writeFileSync(b, base);
    writeFileSync(t, theirs);
    const r = spawnSync('git', ['merge-file', '-p', ...(favor ? ['--ours'] : []), '-L', labels[0], '-L', labels[1], '-L', labels[2], o, b, t], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status === null || r.status < 0) throw new PropagateError(`git merge-file failed: ${r.stderr.trim()}`);
    return { text: r.stdout, conflicts: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function propagate(repo: string, stagesRoot: string, slugs: readonly string[], from: string, dryRun = false): PropagateResult {
  const fromDir = join(stagesRoot, from);
  const relStage = relative(repo, fromDir).split(sep).join('/');
  const now = readTree(fromDir);
  const edited: string[] = [];
  const base = new Map<string, string | null>();
  for (const [file, text] of now) {
    const old = gitShow(repo, `${relStage}/${file}`);
    if (old !== text) {
      edited.push(file);
      base.set(file, old);
    }
  }
  const later = slugs.slice(slugs.indexOf(from) + 1);
  const conflicts: Conflict[] = [];
  const writes: { path: string; text: string; stage: string; file: string }[] = [];
  for (const stage of later) {
    for (const file of edited) {
      const path = join(stagesRoot, stage, file);
      const ours = existsSync(path) ? readFileSync(path, 'utf8') : null;
      const old = base.get(file) ?? null;
      const theirs = now.get(file)!;
      if (old === null) {
        // A file new in stage NN: later stages take it unless they already have another version.
        if (ours === null) writes.push({ path, text: theirs, stage, file });
        else if (ours !== theirs) conflicts.push({ stage, file, hunk: 'file exists with other content' });
        continue;
      }
      if (ours === null) {
        conflicts.push({ stage, file, hunk: 'file does not exist in this stage' });
        continue;
      }
      const m = merge3(ours, old, theirs, [stage, `${from} (before)`, `${from} (edited)`]);
      if (m.conflicts > 0) {
        m.text.split('\n').forEach((l, i) => {
          if (l.startsWith('<<<<<<< ')) conflicts.push({ stage, file, hunk: `hunk at line ${i + 1}` });
        });
        continue;
      }
      if (m.text !== ours) writes.push({ path, text: m.text, stage, file });
    }
  }
  // All or nothing, for write failures as for conflicts: staged, then moved into place.
  if (!conflicts.length && !dryRun) {
    try {
      writeAllOrNothing(stagesRoot, writes.map((w) => ({ path: w.path, content: w.text })));
    } catch (e) {
      throw new PropagateError(`cannot write the later stages (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing changed`);
    }
  }
  return { edited, updates: conflicts.length ? [] : writes.map(({ stage, file }) => ({ stage, file })), conflicts };
}
