// Reading one patch e-mail (as b4 pipes it to a per-patch check command): headers with folding and
// RFC 2047 encoded words, a quoted-printable or 8bit body, and the diff in it. Pure.

export interface PatchMail {
  subject: string;
  messageId: string | null;
  /** The body, transfer-decoded. */
  body: string;
  /** The diff part of the body (from the first "diff --git"), or "" when there is none. */
  diff: string;
  /** Paths the diff touches (b/ side, or a/ side for deletions). */
  files: string[];
}

function decodeWords(s: string): string {
  return s.replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=\s*(?==\?)|=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_m, c1, e1, t1, c2, e2, t2) => {
    const charset = (c1 ?? c2) as string;
    const enc = ((e1 ?? e2) as string).toLowerCase();
    const text = (t1 ?? t2) as string;
    const bytes = enc === 'b' ? Buffer.from(text, 'base64') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      return bytes.toString('utf8');
    }
  });
}

function decodeQuotedPrintable(s: string): string {
  const bytes = Buffer.from(s.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_x, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
  return bytes.toString('utf8');
}

export function parseMail(raw: string): PatchMail {
  const text = raw.replace(/\r\n/g, '\n');
  // an mbox "From " separator line may precede the headers
  const start = text.startsWith('From ') ? text.indexOf('\n') + 1 : 0;
  const split = text.indexOf('\n\n', start);
  const headText = split < 0 ? text.slice(start) : text.slice(start, split);
  let body = split < 0 ? '' : text.slice(split + 2);
  const headers = new Map<string, string>();
  let last = '';
  for (const line of headText.split('\n')) {
    if (/^[ \t]/.test(line) && last) headers.set(last, `${headers.get(last)} ${line.trim()}`);
    else {
      const m = /^([^:\s]+):\s*(.*)$/.exec(line);
      if (!m) continue;
      last = m[1].toLowerCase();
      if (!headers.has(last)) headers.set(last, m[2]);
    }
  }
  if ((headers.get('content-transfer-encoding') ?? '').toLowerCase() === 'quoted-printable') body = decodeQuotedPrintable(body);
  else if ((headers.get('content-transfer-encoding') ?? '').toLowerCase() === 'base64') body = Buffer.from(body, 'base64').toString('utf8');
  const at = body.search(/^diff --git /m);
  const diff = at < 0 ? '' : body.slice(at);
  const files: string[] = [];
  for (const m of diff.matchAll(/^diff --git a\/(\S+) b\/(\S+)$/gm)) if (!files.includes(m[2])) files.push(m[2]);
  const mid = headers.get('message-id');
  return { subject: decodeWords(headers.get('subject') ?? '').trim(), messageId: mid ? mid.trim().replace(/^<|>$/g, '') : null, body, diff, files };
}

/** The subject without "Re:" and bracketed prefixes ([PATCH v2 03/15], [RFC PATCH], …), whitespace folded. */
export function bareSubject(subject: string): string {
  let s = subject.trim();
  for (;;) {
    const next = s.replace(/^(?:re|aw|fwd?):\s*/i, '').replace(/^\[[^\]]*\]\s*/, '');
    if (next === s) break;
    s = next;
  }
  return s.replace(/\s+/g, ' ').trim();
}

/** "[PATCH RFC v2 05/15]" → { n: 5, total: 15 }, or null. */
export function patchNumber(subject: string): { n: number; total: number } | null {
  const m = /^\s*\[[^\]]*?\b(\d+)\/(\d+)\]/.exec(subject);
  return m ? { n: Number(m[1]), total: Number(m[2]) } : null;
}

export interface StepCandidate {
  number: number;
  subject: string;
  /** The Message-ID of the series' own mail for this step. */
  messageId: string;
  /** Patch-ids (git patch-id --stable) of the diffs that are this step (e.g. the TypeScript patch). */
  patchIds: string[];
  /** Files the real C patch touches, and files the TypeScript patch touches. */
  kernelFiles: string[];
  tsFiles: string[];
}

export type MatchBy = 'message-id' | 'patch-id' | 'subject';

export interface Identification {
  number: number;
  by: MatchBy[];
  /** Which diff the mail carries: the TypeScript patch, the C patch (by its files), or unknown. */
  flavour: 'typescript' | 'c' | 'unknown';
  /** Set when the subject names a step whose diff does not match the mail's diff. */
  mismatch?: string;
}

/** Which step of the series the mail is, or null. `patchId` is the mail's diff's patch-id (or null). */
export function identify(mail: PatchMail, patchId: string | null, steps: readonly StepCandidate[]): Identification | null {
  const subject = bareSubject(mail.subject);
  const bySubject = steps.find((s) => bareSubject(s.subject) === subject);
  const byMsgid = mail.messageId ? steps.find((s) => s.messageId === mail.messageId) : undefined;
  const byPatchId = patchId ? steps.find((s) => s.patchIds.includes(patchId)) : undefined;
  const step = byMsgid ?? byPatchId ?? bySubject;
  if (!step) return null;
  const by: MatchBy[] = [];
  if (byMsgid === step) by.push('message-id');
  if (byPatchId === step) by.push('patch-id');
  if (bySubject === step) by.push('subject');
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  const flavour = byPatchId === step || (mail.files.length && same(mail.files, step.tsFiles)) ? 'typescript' : mail.files.length && mail.files.every((f) => step.kernelFiles.includes(f)) ? 'c' : 'unknown';
  const out: Identification = { number: step.number, by, flavour };
  if (flavour === 'unknown' && mail.files.length) out.mismatch = `the diff touches ${mail.files.join(', ')}, which is neither the C patch's files (${step.kernelFiles.join(', ')}) nor the TypeScript patch's (${step.tsFiles.join(', ')})`;
  if (flavour === 'typescript' && byPatchId !== step) out.mismatch = 'the TypeScript diff differs from the series\' patch (patch-id), so the verdicts are those of the series\' stage, not of this diff';
  return out;
}
