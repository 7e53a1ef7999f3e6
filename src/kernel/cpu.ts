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
  /** Owners displaced while we "waited" for another CPU to release (contention). */
  private readonly saved = new Stack<LockOwner | null>();
  constructor(readonly name: string) {}

  /** Push the owner displaced by taking the lock. */
  save(o: LockOwner | null): void {
    this.saved.push(o);
  }

  /** Pop the owner to put back on release (null when nothing was saved). */
  restore(): LockOwner | null {
    return this.saved.pop() ?? null;
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
