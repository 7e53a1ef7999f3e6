// CPUs, execution contexts and locks. Single-threaded: "another CPU holds the lock" is a state a
// scenario sets up (hold_lock), and "this CPU already holds it" is found by keeping owners.

import type { ContextLevel } from './config.ts';
import { Stack } from './stack.ts';

export class DeadlockAbort extends Error {
  constructor(readonly lock: string) {
    super(`deadlock on ${lock}`);
  }
}

export interface LockOwner {
  readonly cpu: number;
  /** Depth in the CPU's context stack when taken (0 = task). */
  readonly depth: number;
}

/** spinlock_t / raw_spinlock_t with an owner. */
export class SpinLock {
  owner: LockOwner | null = null;
  /**
   * Owners displaced while we "waited" for another CPU to release (contention), a stack: its top in
   * `top`, the rest in `below` (made only when it is deeper than one, which taking a free lock never
   * needs: hundreds of locks are made and taken in every boot).
   */
  private depth = 0;
  private top: LockOwner | null = null;
  private below: (LockOwner | null)[] | null = null;
  constructor(readonly name: string) {}

  /** Push the owner displaced by taking the lock. */
  save(o: LockOwner | null): void {
    if (this.depth > 0) (this.below ??= []).push(this.top);
    this.top = o;
    this.depth++;
  }

  /** Pop the owner to put back on release (null when nothing was saved). */
  restore(): LockOwner | null {
    if (this.depth === 0) return null;
    const o = this.top;
    this.depth--;
    this.top = this.depth > 0 ? (this.below!.pop() ?? null) : null;
    return o;
  }
}

/** local_trylock_t of one CPU: acquired or not, and by which context depth. */
export class LocalLock {
  owner: number = -1;
  constructor(readonly name: string) {}
}

export type HeldLock = SpinLock | LocalLock;

/** The locks a CPU holds, in the order taken (released in any order: remove()). */
export class HeldLocks extends Stack<HeldLock> {}

export class Cpu {
  readonly ctx: ContextLevel[] = ['task'];
  irqsOff = 0;
  readonly held = new HeldLocks();
  /** One owner record per context depth: taking a spinlock allocates nothing (records are never changed). */
  private readonly owners: LockOwner[] = [];
  constructor(
    readonly id: number,
    readonly node: number,
  ) {}
  ownerAt(depth: number): LockOwner {
    return (this.owners[depth] ??= { cpu: this.id, depth });
  }
  get level(): ContextLevel {
    return this.ctx[this.ctx.length - 1];
  }
  get depth(): number {
    return this.ctx.length - 1;
  }
  inNmi(): boolean {
    return this.ctx.includes('nmi');
  }
  inHardirq(): boolean {
    return this.ctx.includes('hardirq');
  }
  inTask(): boolean {
    return this.ctx.length === 1;
  }
  /** in_atomic() || irqs_disabled(): sleeping here is a bug. */
  atomic(): boolean {
    return this.ctx.length > 1 || this.irqsOff > 0 || this.held.length > 0;
  }
  where(): string {
    return `cpu${this.id}/${this.level}`;
  }
}
