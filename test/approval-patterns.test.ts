// Approvals with open fields: `*` may stand for the @entry and for the bracketed classes (context,
// gfp class, cache class) of a finding signature, nothing else. These tests fail if matching is
// too broad (another step, kind, difference, entry or class accepted; a prefix taken for a whole
// field; @end opened) or too narrow (a class the approval leaves open refused).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { approvalMatches, approvalPatternError, approvalsOf, approvedSet, isKnown, unapproved, type Approval, type Finding } from '../src/harness/check.ts';
import { loadApproved } from '../src/cli/approvals.ts';

const S13 = '13-no-recurse-for-obj-exts regressed nesting deeper';
const sig = (head: string, entry: string, ctx: string, gfp: string, cache: string) => `${head} @${entry} [${ctx} ${gfp} ${cache}]`;

const dir = mkdtempSync(join(tmpdir(), 'slabseries-approvals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('approval patterns', () => {
  it('an exact approval matches only its own signature', () => {
    const a = sig(S13, 'kmalloc', 'task', 'reclaim', 'kmalloc');
    expect(approvalMatches(a, a)).toBe(true);
    expect(approvalMatches(a, sig(S13, 'kmalloc', 'task', 'reclaim', 'kmalloc-cg'))).toBe(false);
    expect(approvalMatches(a, sig(S13, 'kmalloc', 'irq', 'reclaim', 'kmalloc'))).toBe(false);
  });

  it('`[*]` and `@*` open the classes and the entry, every value of them', () => {
    const p = `${S13} @* [*]`;
    for (const entry of ['kmalloc', 'kmalloc_nolock', 'kmem_cache_alloc', 'sheaf', 'krealloc', 'kmem_cache_alloc_bulk'])
      for (const ctx of ['task', 'irq', 'nmi'])
        for (const gfp of ['reclaim', 'kswapd-only', 'direct-only', 'no-reclaim', 'no-gfp'])
          for (const cache of ['kmalloc', 'kmalloc-cg', 'kmalloc-rcl', 'cache', '-']) expect(approvalMatches(p, sig(S13, entry, ctx, gfp, cache))).toBe(true);
    expect(approvalMatches(`${S13} @kmalloc [*]`, sig(S13, 'kmalloc', 'nmi', 'no-reclaim', 'kmalloc-cg'))).toBe(true);
    expect(approvalMatches(`${S13} @* [task reclaim kmalloc]`, sig(S13, 'sheaf', 'task', 'reclaim', 'kmalloc'))).toBe(true);
  });

  it('a single open class leaves the other two exact', () => {
    const p = `${S13} @kmalloc [* no-reclaim *]`;
    expect(approvalMatches(p, sig(S13, 'kmalloc', 'irq', 'no-reclaim', 'kmalloc-cg'))).toBe(true);
    expect(approvalMatches(p, sig(S13, 'kmalloc', 'irq', 'reclaim', 'kmalloc-cg'))).toBe(false);
    expect(approvalMatches(p, sig(S13, 'kmem_cache_alloc', 'irq', 'no-reclaim', 'kmalloc-cg'))).toBe(false);
    const q = `${S13} @kmalloc [task * kmalloc]`;
    expect(approvalMatches(q, sig(S13, 'kmalloc', 'task', 'kswapd-only', 'kmalloc'))).toBe(true);
    expect(approvalMatches(q, sig(S13, 'kmalloc', 'irq', 'kswapd-only', 'kmalloc'))).toBe(false);
    expect(approvalMatches(q, sig(S13, 'kmalloc', 'task', 'kswapd-only', 'cache'))).toBe(false);
  });

  it('the step, the kind and the difference stay exact', () => {
    const p = `${S13} @* [*]`;
    expect(approvalMatches(p, sig('14-no-recurse-for-sheaves regressed nesting deeper', 'kmalloc', 'task', 'reclaim', 'kmalloc'))).toBe(false);
    expect(approvalMatches(p, sig('13-no-recurse-for-obj-exts undeclared nesting deeper', 'kmalloc', 'task', 'reclaim', 'kmalloc'))).toBe(false);
    expect(approvalMatches(p, sig('13-no-recurse-for-obj-exts regressed nesting shallower', 'kmalloc', 'task', 'reclaim', 'kmalloc'))).toBe(false);
    // Not a prefix or suffix of the difference either.
    const w = '13-no-recurse-for-obj-exts regressed event appeared warn kmalloc_nolock:gfp';
    expect(approvalMatches(`${w} @* [*]`, sig(w, 'kmalloc_nolock', 'nmi', 'no-reclaim', 'kmalloc'))).toBe(true);
    expect(approvalMatches(`${w} @* [*]`, sig(`${w}2`, 'kmalloc_nolock', 'nmi', 'no-reclaim', 'kmalloc'))).toBe(false);
    expect(approvalMatches(`${w} @* [*]`, sig('13-no-recurse-for-obj-exts regressed event appeared warn kmalloc_nolock', 'kmalloc_nolock', 'nmi', 'no-reclaim', 'kmalloc'))).toBe(false);
    expect(approvalMatches(`${w} @* [*]`, sig(`x${w}`, 'kmalloc_nolock', 'nmi', 'no-reclaim', 'kmalloc'))).toBe(false);
  });

  it('a field matches whole, never by prefix, and @end stays exact', () => {
    expect(approvalMatches(`${S13} @kmalloc [*]`, sig(S13, 'kmalloc_nolock', 'task', 'reclaim', 'kmalloc'))).toBe(false);
    expect(approvalMatches(`${S13} @* [task reclaim kmalloc]`, sig(S13, 'kmalloc', 'task', 'reclaim', 'kmalloc-cg'))).toBe(false);
    const end = '13-no-recurse-for-obj-exts regressed end max nesting';
    expect(approvalMatches(`${end} @* [*]`, `${end} @end`)).toBe(false);
    expect(approvalMatches(`${end} @end`, `${end} @end`)).toBe(true);
  });

  it('refuses a `*` anywhere but the entry and the classes', () => {
    expect(approvalPatternError(`${S13} @* [*]`)).toBeNull();
    expect(approvalPatternError(`${S13} @kmalloc [task * *]`)).toBeNull();
    expect(approvalPatternError(sig(S13, 'kmalloc', 'task', 'reclaim', 'kmalloc'))).toBeNull();
    expect(approvalPatternError('13-no-recurse-for-obj-exts regressed * @kmalloc [*]')).toMatch(/must be exact/);
    expect(approvalPatternError('* regressed nesting deeper @kmalloc [*]')).toMatch(/must be exact/);
    expect(approvalPatternError('13-no-recurse-for-obj-exts * nesting deeper @kmalloc [*]')).toMatch(/must be exact/);
    expect(approvalPatternError('13-no-recurse-for-obj-exts regressed end max nesting @*')).toMatch(/@end is never open/);
    expect(approvalPatternError(`${S13} @kmalloc* [*]`)).toMatch(/whole field/);
    expect(approvalPatternError(`${S13} @* [task reclaim kmalloc*]`)).toMatch(/whole field/);
    expect(approvalPatternError(`${S13} @* [task *]`)).not.toBeNull();
  });

  it('the loader refuses an approvals file with a bad pattern, naming it', () => {
    const f = join(dir, 'approved.json');
    writeFileSync(f, JSON.stringify([{ signature: '13-no-recurse-for-obj-exts regressed * @kmalloc [*]', reason: 'too broad' }]));
    expect(() => loadApproved(f)).toThrow(/\[0\]\.signature: .*must be exact/);
    writeFileSync(f, JSON.stringify([{ signature: `${S13} @* [*]`, reason: 'every class' }]));
    expect(loadApproved(f)).toHaveLength(1);
  });

  it('known/unapproved/approvalsOf use the patterns; an exact approval wins over an open one', () => {
    const open: Approval = { signature: `${S13} @* [*]`, reason: 'open' };
    const mid: Approval = { signature: `${S13} @kmalloc [*]`, reason: 'kmalloc only' };
    const exact: Approval = { signature: sig(S13, 'kmalloc', 'task', 'reclaim', 'kmalloc'), reason: 'exact' };
    const approved = [open, mid, exact];
    const f: Finding = { stage: '13-no-recurse-for-obj-exts', scenario: 'x', finding: 'regressed', signatures: [sig(S13, 'kmalloc', 'task', 'reclaim', 'kmalloc'), sig(S13, 'kmalloc', 'irq', 'no-reclaim', 'kmalloc'), sig(S13, 'sheaf', 'task', 'reclaim', 'cache')] };
    expect(isKnown(f, approved)).toBe(true);
    expect(unapproved(f, approvedSet(approved))).toEqual([]);
    const set = approvedSet(approved);
    expect(set.find(f.signatures[0])?.reason).toBe('exact');
    expect(set.find(f.signatures[1])?.reason).toBe('kmalloc only');
    expect(set.find(f.signatures[2])?.reason).toBe('open');
    expect(approvalsOf(f, approved).map((a) => a.reason).sort()).toEqual(['exact', 'kmalloc only', 'open']);
    const g: Finding = { ...f, signatures: [...f.signatures, sig('13-no-recurse-for-obj-exts regressed nesting shallower', 'kmalloc', 'task', 'reclaim', 'kmalloc')] };
    expect(isKnown(g, approved)).toBe(false);
    expect(unapproved(g, approvedSet(approved))).toEqual([g.signatures[3]]);
  });
});
