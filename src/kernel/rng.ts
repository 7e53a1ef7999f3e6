// A small seeded PRNG (xorshift32): the whole simulation is deterministic for a given seed.
//
// xorshift32 is linear over GF(2): one step is a 32x32 bit matrix T, so skipping n outputs is one
// multiplication by T^n. skipPages() uses that to hand a fresh page's worth of outputs (the page's
// garbage, see memory.ts) to the page without generating them: the page keeps the state it starts
// from and produces its bytes only if someone looks at them.

/** A 32x32 GF(2) matrix as its 32 columns: col[j] is the image of bit j. */
type Mat = Uint32Array;

function apply(m: Mat, x: number): number {
  let r = 0;
  for (let j = 0; x !== 0; j++, x >>>= 1) if (x & 1) r ^= m[j];
  return r >>> 0;
}

function mul(a: Mat, b: Mat): Mat {
  const c = new Uint32Array(32);
  for (let j = 0; j < 32; j++) c[j] = apply(a, b[j]);
  return c;
}

function step(x: number): number {
  x ^= x << 13;
  x >>>= 0;
  x ^= x >>> 17;
  x ^= x << 5;
  return x >>> 0;
}

/** Words per 4 KiB page. */
export const PAGE_WORDS = 1024;

/** JUMP[k] = T^(PAGE_WORDS * 2^k): skip 2^k pages of outputs. */
const JUMP: Mat[] = (() => {
  let m: Mat = new Uint32Array(32);
  for (let j = 0; j < 32; j++) m[j] = step((1 << j) >>> 0);
  for (let i = 0; i < 10; i++) m = mul(m, m); // T^1024
  const out = [m];
  for (let k = 1; k < 20; k++) out.push(mul(out[k - 1], out[k - 1]));
  return out;
})();

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = (seed >>> 0) || 0x9e3779b9;
  }
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.s = x;
    return x;
  }
  below(n: number): number {
    return n <= 1 ? 0 : this.next() % n;
  }
  /** The current state: the next output is the state after one step. */
  get state(): number {
    return this.s;
  }
  /** Advance as if next() had been called pages * PAGE_WORDS times; returns the state before. */
  skipPages(pages: number): number {
    const before = this.s;
    let x = this.s;
    for (let k = 0; pages > 0; k++, pages >>>= 1) if (pages & 1) x = apply(JUMP[k], x);
    this.s = x;
    return before;
  }
}

/** The outputs that follow `state`, each `| or` (a fresh page's garbage), written into `out`; returns the state after them. */
export function fillStream(state: number, out: Uint32Array, or = 0): number {
  let x = state;
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = (x | or) >>> 0;
  }
  return x;
}
