// A stack that keeps its storage. V8 trims an array's storage when pop() leaves it nearly empty and
// makes it again (152 bytes) at the next push(): a stack that goes from empty to one and back, as the
// locks a CPU holds and the chain of nested slab allocations do for every lock and every nested
// allocation, allocated once per push in the interpreter a cold check runs the model in
// (src/cli/jit.ts). This one only ever overwrites its slots.

export class Stack<T> {
  private readonly items: (T | undefined)[] = [];
  private n = 0;

  get length(): number {
    return this.n;
  }

  /** The i-th item from the bottom (0 ≤ i < length). */
  at(i: number): T {
    return this.items[i] as T;
  }

  push(x: T): void {
    if (this.n < this.items.length) this.items[this.n] = x;
    else this.items.push(x);
    this.n++;
  }

  pop(): T | undefined {
    if (this.n === 0) return undefined;
    const x = this.items[--this.n];
    this.items[this.n] = undefined;
    return x;
  }

  /** Take out the topmost occurrence of x, keeping the order of the rest (nothing if absent). */
  remove(x: T): void {
    let i = this.n - 1;
    while (i >= 0 && this.items[i] !== x) i--;
    if (i < 0) return;
    for (; i < this.n - 1; i++) this.items[i] = this.items[i + 1];
    this.items[--this.n] = undefined;
  }

  /** Empty the stack, returning its items bottom first (restore() puts them back). */
  takeAll(): T[] {
    const taken = this.items.slice(0, this.n) as T[];
    this.clear();
    return taken;
  }

  restore(items: readonly T[]): void {
    this.clear();
    for (let i = 0; i < items.length; i++) this.push(items[i]);
  }

  private clear(): void {
    while (this.n > 0) this.items[--this.n] = undefined;
  }
}
