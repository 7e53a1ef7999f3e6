// The storage-keeping stacks (src/kernel/stack.ts, as the held locks and the nesting chain) and
// formatGfp()'s memo (src/kernel/gfp.ts): each replaces an array or a computation that a run
// repeats, so each must answer exactly as that did.
import { describe, expect, it } from 'vitest';
import { HeldLocks, LocalLock, SpinLock, type LockOwner } from '../src/kernel/cpu.ts';
import * as gfp from '../src/kernel/gfp.ts';
import { NestChain } from '../src/kernel/observers.ts';
import { STAGES } from '../src/series/rfc/stages.ts';

describe('SpinLock saved owners', () => {
  it('give back the displaced owners last in, first out, null when none was saved', () => {
    const l = new SpinLock('l');
    const a: LockOwner = { cpu: 1, depth: 0 };
    const b: LockOwner = { cpu: 0, depth: 2 };
    expect(l.restore()).toBe(null);
    l.save(null);
    l.save(a);
    l.save(null);
    l.save(b);
    expect([l.restore(), l.restore(), l.restore(), l.restore(), l.restore()]).toEqual([b, null, a, null, null]);
    l.save(a);
    expect(l.restore()).toBe(a);
  });
});

describe('HeldLocks', () => {
  it('pops in the order taken and releases a lock from the middle keeping the others in order', () => {
    const [x, y, z] = [new SpinLock('x'), new LocalLock('y'), new SpinLock('z')];
    const h = new HeldLocks();
    expect(h.pop()).toBe(undefined);
    h.push(x);
    h.push(y);
    h.push(z);
    h.push(y);
    expect(h.length).toBe(4);
    h.remove(y); // the innermost hold of y
    expect(h.length).toBe(3);
    expect([h.pop(), h.pop(), h.pop(), h.pop()]).toEqual([z, y, x, undefined]);
    h.remove(x); // not held: nothing happens
    expect(h.length).toBe(0);
    h.push(z);
    expect(h.pop()).toBe(z);
  });
});

describe('formatGfp', () => {
  // Spec §8: bit 24 is __GFP_NO_OBJ_EXT until RFC 15 removes the flag; from then it prints as a number.
  const base = STAGES[0].gfp.traceNames;
  const rfc15 = STAGES[15].gfp.traceNames;
  it('answers per table, also when the same mask was formatted with another', () => {
    expect(gfp.formatGfp(0x1000000, base)).toBe('__GFP_NO_OBJ_EXT');
    expect(gfp.formatGfp(0x1000000, rfc15)).toBe('0x1000000');
    expect(gfp.formatGfp(0x1000000, base)).toBe('__GFP_NO_OBJ_EXT');
  });
  it('answers the same after more masks than it keeps', () => {
    const first = gfp.formatGfp(gfp.GFP_KERNEL | gfp.__GFP_ZERO, base);
    for (let v = 1; v < 5000; v++) gfp.formatGfp(v << 1, base);
    expect(first).toBe('GFP_KERNEL|__GFP_ZERO');
    expect(gfp.formatGfp(gfp.GFP_KERNEL | gfp.__GFP_ZERO, base)).toBe('GFP_KERNEL|__GFP_ZERO');
    expect(gfp.formatGfp(gfp.GFP_ATOMIC | gfp.__GFP_NOWARN, base)).toBe('GFP_ATOMIC|__GFP_NOWARN');
  });
});

describe('NestChain', () => {
  it('prints the chain outermost first, and an interrupt takes it away and puts it back', () => {
    const c = new NestChain();
    expect(c.chain()).toBe('');
    c.push('sheaf(kmalloc-8)');
    c.push('vector(kmalloc-512)');
    expect([c.length, c.chain()]).toEqual([2, 'sheaf(kmalloc-8) > vector(kmalloc-512)']);
    const interrupted = c.takeAll();
    expect(c.length).toBe(0);
    c.push('sheaf(kmalloc-64)');
    expect(c.chain()).toBe('sheaf(kmalloc-64)');
    c.restore(interrupted);
    expect(c.chain()).toBe('sheaf(kmalloc-8) > vector(kmalloc-512)');
    c.pop();
    c.pop();
    c.pop();
    expect([c.length, c.chain()]).toEqual([0, '']);
  });
});
