// patches/: the series as git format-patch files, generated from the stage trees and the manifest.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { insideRoot, writeAllOrNothing, type PlannedWrite } from '../harness/atomic-write.ts';
import type { DomainTypes } from '../harness/domain.ts';
import type { Series, SeriesEntry } from '../harness/series.ts';
import { diffTrees, formatCoverLetter, formatPatch, patchFileName, type FileDiff } from './format.ts';
import { readTree } from './stagefs.ts';

export interface GeneratedFile {
  name: string;
  content: string;
}

export interface StageTree {
  number: number;
  slug: string;
  files: Map<string, string>;
}

export function readStageTrees(stagesRoot: string, slugs: readonly string[]): StageTree[] {
  return slugs.map((slug) => ({ number: Number(slug.slice(0, 2)), slug, files: readTree(join(stagesRoot, slug)) }));
}

/** The body of patch N: our message and the Link: trailer. */
export function patchBody<T extends DomainTypes>(e: SeriesEntry<T>): string {
  return `${e.message.trim() || '(no message yet)'}\n\nLink: ${e.link}`;
}

export function stageDiff(trees: readonly StageTree[], n: number): FileDiff[] {
  const prev = trees.find((t) => t.number === n - 1);
  const cur = trees.find((t) => t.number === n);
  if (!prev || !cur) throw new Error(`stage ${n} or ${n - 1} does not exist`);
  return diffTrees(prev.files, cur.files);
}

/** Every file of patches/, in order: cover letter, one patch per existing stage, series. */
export function generatePatches<T extends DomainTypes>(trees: readonly StageTree[], s: Series<T>): GeneratedFile[] {
  const series = s.entries;
  const total = series.length;
  const out: GeneratedFile[] = [];
  const names: string[] = [];
  for (const e of series) {
    if (!trees.some((t) => t.number === e.number)) continue;
    const name = patchFileName(e.number, e.subject);
    names.push(name);
    out.push({ name, content: formatPatch({ number: e.number, total, subject: e.subject, author: s.from, date: s.date, body: patchBody(e) }, stageDiff(trees, e.number)) });
  }
  const last = trees[trees.length - 1];
  const shortlog = [`slabseries (${names.length}):`, ...series.filter((e) => trees.some((t) => t.number === e.number)).map((e) => `      ${e.subject}`)];
  const cover = formatCoverLetter({ total, subject: s.subject, author: s.from, date: s.date, body: s.coverLetter }, shortlog, diffTrees(trees[0].files, last.files));
  return [{ name: '0000-cover-letter.patch', content: cover }, ...out, { name: 'series', content: names.join('\n') + '\n' }];
}

/** The first generated file that is missing or differs on disk, or null if patches/ is in sync. */
export function firstOutOfSync(dir: string, files: readonly GeneratedFile[]): string | null {
  for (const f of files) {
    const p = join(dir, f.name);
    if (!existsSync(p)) return `${f.name} is missing`;
    if (readFileSync(p, 'utf8') !== f.content) return `${f.name} differs from the stages`;
  }
  return null;
}

/**
 * Write patches/ atomically per file. Patch files named in the previous series file that are no
 * longer generated are removed; nothing else in the directory is touched.
 */
export function writePatches(dir: string, files: readonly GeneratedFile[]): { written: string[]; removed: string[] } {
  mkdirSync(dir, { recursive: true });
  const seriesPath = join(dir, 'series');
  const previous = existsSync(seriesPath) ? readFileSync(seriesPath, 'utf8').split('\n').filter(Boolean) : [];
  const written: string[] = [];
  const writes: PlannedWrite[] = [];
  for (const f of files) {
    if (!PATCH_DIR_ENTRY.test(f.name)) throw new Error(`generated patch name ${JSON.stringify(f.name)} is not a plain file name`);
    const p = insideRoot(dir, f.name);
    if (existsSync(p) && readFileSync(p, 'utf8') === f.content) continue;
    writes.push({ path: p, content: f.content });
    written.push(f.name);
  }
  const keep = new Set(files.map((f) => f.name));
  // Only plain NNNN-*.patch names of this folder: a crafted series line ("0001-/../../x.patch")
  // names nothing to delete.
  const removed = previous.filter((n) => !keep.has(n) && STALE_PATCH.test(n) && existsSync(join(dir, n)));
  for (const n of removed) writes.push({ path: insideRoot(dir, n), content: null });
  writeAllOrNothing(dir, writes);
  return { written, removed };
}

/** A file directly in patches/ (no separators, no dot-dot). */
const PATCH_DIR_ENTRY = /^(?!\.)[A-Za-z0-9._-]+$/;
const STALE_PATCH = /^\d{4}-[A-Za-z0-9._-]*\.patch$/;
