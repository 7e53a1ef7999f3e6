// slabseries b4-check, fed patch mails shaped like the series': `git format-patch` of export-git's
// history, a renamed resend, a mail carrying the real series' Message-ID, and strangers. The output
// is checked against what b4's external-command runner accepts (b4/review checks.py
// _run_external_cmd: a JSON list of objects with tool, status in pass|warn|fail, summary, url and
// details strings; no output and exit 0 means "no results").
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bareSubject, identify, parseMail, patchNumber } from '../src/b4/mail.ts';
import { sharedExport } from './support/shared-export.ts';
import { inProcess } from './support/cli.ts';

const ROOT = join(import.meta.dirname, '..');
// b4 pipes the mail to a process (the first test does so); the others give the mail as --file to
// the command run in this process (test/support/cli.ts), which is otherwise the same command.
const cli = (input: string, ...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'slabseries.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', input, maxBuffer: 64 << 20 });
const b4check = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'slabseries-b4-mail-')), 'mail');
  writeFileSync(file, text);
  return inProcess('b4-check', '--file', file);
};

function b4Shape(stdout: string): { tool: string; status: string; summary: string; url: string; details: string }[] {
  const data = JSON.parse(stdout);
  expect(Array.isArray(data)).toBe(true);
  for (const e of data) {
    expect(typeof e.tool).toBe('string');
    expect(['pass', 'warn', 'fail']).toContain(e.status);
    for (const k of ['summary', 'url', 'details']) expect(typeof e[k], k).toBe('string');
  }
  return data;
}

let mails: string;
beforeAll(async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'slabseries-b4-'));
  // The run's export-git history (test/support/shared-export.ts), only read here.
  const exp = await sharedExport();
  mails = join(tmp, 'mails');
  const r = spawnSync('git', ['-C', exp, 'format-patch', '-q', '-o', mails, 'stage-00..stage-15'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}, 300_000);

const mail = (n: number) => readFileSync(join(mails, readdirSync(mails).find((f) => f.startsWith(String(n).padStart(4, '0') + '-'))!), 'utf8');

describe('mail parsing', () => {
  it('reads folded, encoded subjects and strips b4/format-patch prefixes', () => {
    const m = parseMail('From: a\nSubject: [PATCH RFC v2 05/15] mm/slab: add =?utf-8?q?alloc=5Fflags?=\n to slab_alloc_context\nMessage-ID: <x@y>\n\nbody\n');
    expect(m.subject).toBe('[PATCH RFC v2 05/15] mm/slab: add alloc_flags to slab_alloc_context');
    expect(bareSubject(m.subject)).toBe('mm/slab: add alloc_flags to slab_alloc_context');
    expect(patchNumber(m.subject)).toEqual({ n: 5, total: 15 });
    expect(m.messageId).toBe('x@y');
    expect(bareSubject('Re: [PATCH 1/2] [RFC] x  y')).toBe('x y');
  });
  it('an unknown mail is not identified', () => {
    expect(identify(parseMail('Subject: [PATCH] mm: something else\n\n'), null, [{ number: 1, subject: 'a', messageId: 'm', patchIds: [], kernelFiles: [], tsFiles: [] }])).toBeNull();
  });
});

describe('slabseries b4-check', () => {
  it('identifies a format-patch mail of the export and reports the step as b4 expects', async () => {
    const r = cli(mail(5), 'b4-check');
    expect(r.status).toBe(0);
    const [res, ...rest] = b4Shape(r.stdout);
    expect(rest).toEqual([]);
    expect(res.tool).toBe('slabseries');
    expect(res.summary).toMatch(/step 05 .*identified by patch-id, subject/);
    expect(res.url).toBe('https://lore.kernel.org/all/20260609-slab_alloc_flags-v1-5-2bf4a4b9b526@kernel.org');
    const details = JSON.parse(res.details) as { context: string; status: string; state: string }[];
    // the README: RFC 05 wakes kswapd in no-reclaim-trynode-kswapd
    expect(details.some((d) => d.context === 'slabseries/05-alloc-flags-in-context/no-reclaim-trynode-kswapd' && d.status !== 'pass')).toBe(true);
    // Patchwork's state names beside b4's status
    for (const d of details) expect({ pass: 'success', warn: 'warning', fail: 'fail' }[d.status]).toBe(d.state);
    // the status is the step's state in `check --json` (pass/warning/fail ↔ b4's pass/warn/fail)
    const j = JSON.parse((await inProcess('check', '--json', '--stage', '05')).stdout) as { stages: { state: string }[] };
    expect(res.status).toBe({ pass: 'pass', warning: 'warn', fail: 'fail' }[j.stages[0].state]);
  }, 300_000);

  it('identifies a resend under another subject by the patch-id of its diff', async () => {
    const renamed = mail(2).replace(/^Subject: .*$/m, 'Subject: [PATCH v2 2/15] mm/slab: a better name');
    const [res] = b4Shape((await b4check(renamed)).stdout);
    expect(res.summary).toMatch(/step 02 .*identified by patch-id\)/);
    // RFC 02 is "no functional change intended" and equivalent everywhere (README)
    expect(res.status).toBe('pass');
  });

  it("identifies the series' own C mail by its Message-ID", async () => {
    const c = [
      'From: Vlastimil Babka <vbabka@kernel.org>',
      'Subject: [PATCH RFC 05/15] mm/slab: add alloc_flags to slab_alloc_context',
      'Message-Id: <20260609-slab_alloc_flags-v1-5-2bf4a4b9b526@kernel.org>',
      'Content-Type: text/plain; charset="utf-8"',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Carry alloc_flags in slab_alloc_context.',
      '',
      'diff --git a/mm/slub.c b/mm/slub.c',
      '--- a/mm/slub.c',
      '+++ b/mm/slub.c',
      '@@ -1,3 +1,3 @@ struct slab_alloc_context {',
      ' \tgfp_t gfp;',
      '-\tbool allow_spin;',
      '+\tunsigned int alloc_flags;',
      ' };',
      '',
    ].join('\n');
    const [res] = b4Shape((await b4check(c)).stdout);
    expect(res.summary).toMatch(/step 05 .*identified by message-id, subject/);
  });

  it('an unknown patch and the cover letter give an empty array', async () => {
    const other = 'From: x <x@example.org>\nSubject: [PATCH] mm/page_alloc: something else\nMessage-Id: <1@example.org>\n\ndiff --git a/README b/README\n--- a/README\n+++ b/README\n@@ -1 +1 @@\n-a\n+b\n';
    const r = await b4check(other);
    expect(r.status).toBe(0);
    expect(b4Shape(r.stdout)).toEqual([]);
    const cover = readFileSync(join(ROOT, 'patches', '0000-cover-letter.patch'), 'utf8');
    expect(b4Shape((await b4check(cover)).stdout)).toEqual([]);
  });
});
