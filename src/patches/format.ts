// Pure functions that turn two stage trees into a `git format-patch` style patch.

import { createHash } from 'node:crypto';
import { structuredPatch, type StructuredPatchHunk } from 'diff';
import { hunkFuncname } from './funcname.ts';

/** Relative path (inside a stage) → file content. */
export type FileMap = ReadonlyMap<string, string>;

export interface FileDiff {
  path: string;
  oldContent: string | null;
  newContent: string | null;
  hunks: StructuredPatchHunk[];
  added: number;
  removed: number;
}

/** The id git gives a blob: sha1("blob <len>\0<content>"). */
export function gitBlobId(content: string): string {
  const buf = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${buf.length}\0`).update(buf).digest('hex');
}

export function diffTrees(before: FileMap, after: FileMap, context = 3): FileDiff[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const out: FileDiff[] = [];
  for (const path of paths) {
    const a = before.get(path) ?? null;
    const b = after.get(path) ?? null;
    if (a === b) continue;
    const p = structuredPatch(`a/${path}`, `b/${path}`, a ?? '', b ?? '', undefined, undefined, { context });
    let added = 0;
    let removed = 0;
    for (const h of p.hunks) for (const l of h.lines) {
      if (l[0] === '+') added++;
      else if (l[0] === '-') removed++;
    }
    out.push({ path, oldContent: a, newContent: b, hunks: p.hunks, added, removed });
  }
  return out;
}

/** One file's diff with git headers (diff --git, index, ---/+++). */
export function renderFileDiff(d: FileDiff): string {
  const lines = [`diff --git a/${d.path} b/${d.path}`];
  const oldId = d.oldContent === null ? '0000000' : gitBlobId(d.oldContent).slice(0, 12);
  const newId = d.newContent === null ? '0000000' : gitBlobId(d.newContent).slice(0, 12);
  if (d.oldContent === null) lines.push('new file mode 100644', `index ${oldId}..${newId}`);
  else if (d.newContent === null) lines.push('deleted file mode 100644', `index ${oldId}..${newId}`);
  else lines.push(`index ${oldId}..${newId} 100644`);
  lines.push(d.oldContent === null ? '--- /dev/null' : `--- a/${d.path}`);
  lines.push(d.newContent === null ? '+++ /dev/null' : `+++ b/${d.path}`);
  for (const h of d.hunks) {
    const os = h.oldLines === 0 ? h.oldStart - 1 : h.oldStart;
    const ns = h.newLines === 0 ? h.newStart - 1 : h.newStart;
    const fn = hunkFuncname(d.path, d.oldContent, h.oldStart);
    lines.push(`@@ -${os}${h.oldLines === 1 ? '' : ',' + h.oldLines} +${ns}${h.newLines === 1 ? '' : ',' + h.newLines} @@${fn ? ' ' + fn : ''}`);
    for (const l of h.lines) lines.push(l);
  }
  return lines.join('\n') + '\n';
}

/** git's diffstat: " path | N +++--", then the summary line. */
export function diffstat(diffs: readonly FileDiff[], width = 72): string {
  if (!diffs.length) return ' 0 files changed\n';
  const nameW = Math.max(...diffs.map((d) => d.path.length));
  const maxChanges = Math.max(...diffs.map((d) => d.added + d.removed));
  const numW = String(maxChanges).length;
  const barMax = Math.max(10, width - nameW - numW - 4);
  const scale = maxChanges > barMax ? barMax / maxChanges : 1;
  const rows = diffs.map((d) => {
    let plus = Math.round(d.added * scale);
    let minus = Math.round(d.removed * scale);
    if (d.added && !plus) plus = 1;
    if (d.removed && !minus) minus = 1;
    return ` ${d.path.padEnd(nameW)} | ${String(d.added + d.removed).padStart(numW)} ${'+'.repeat(plus)}${'-'.repeat(minus)}`;
  });
  const ins = diffs.reduce((a, d) => a + d.added, 0);
  const del = diffs.reduce((a, d) => a + d.removed, 0);
  const parts = [` ${diffs.length} file${diffs.length === 1 ? '' : 's'} changed`];
  if (ins) parts.push(` ${ins} insertion${ins === 1 ? '' : 's'}(+)`);
  if (del) parts.push(` ${del} deletion${del === 1 ? '' : 's'}(-)`);
  return rows.join('\n') + '\n' + parts.join(',') + '\n';
}

export interface PatchHeader {
  number: number;
  total: number;
  subject: string;
  author: string;
  date: string;
  body: string;
}

/** git format-patch's file name: 0001-mm-slab-always-zero-only-requested-size-on-alloc.patch */
export function patchFileName(number: number, subject: string): string {
  const slug = subject
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/\.+/g, '.')
    .replace(/^-+|-+$/g, '')
    .slice(0, 52)
    .replace(/[-.]+$/g, '');
  return `${String(number).padStart(4, '0')}-${slug}.patch`;
}

const TRAILER = '-- \nslabseries\n\n';

export function formatPatch(h: PatchHeader, diffs: readonly FileDiff[]): string {
  const nn = String(h.number).padStart(2, '0');
  const body = `${h.body.trimEnd()}\n---\n${diffstat(diffs)}\n${diffs.map(renderFileDiff).join('')}${TRAILER}`;
  const hash = createHash('sha1').update(`${h.subject}\n${body}`).digest('hex');
  return `From ${hash} Mon Sep 17 00:00:00 2001\nFrom: ${h.author}\nDate: ${h.date}\nSubject: [PATCH ${nn}/${h.total}] ${h.subject}\n\n${body}`;
}

export function formatCoverLetter(h: Omit<PatchHeader, 'number'>, shortlog: string[], diffs: readonly FileDiff[]): string {
  const body = `${h.body.trimEnd()}\n\n---\n${shortlog.join('\n')}\n\n${diffstat(diffs)}\n${TRAILER}`;
  return `From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\nFrom: ${h.author}\nDate: ${h.date}\nSubject: [PATCH 00/${h.total}] ${h.subject}\n\n${body}`;
}
