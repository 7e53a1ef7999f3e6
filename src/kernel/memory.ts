// Physical memory with real bytes. Pages are numbered (pfn); an address is pfn * PAGE_SIZE + offset.
// New pages hold non-zero garbage so that missing zeroing is visible.
//
// A page's bytes are made only when first looked at (most slab pages of a run never are: freelists
// live outside the bytes). Its garbage is still the seeded generator's output at the point the page
// was mapped: the page remembers the generator's state and the generator skips ahead (rng.ts), so
// the bytes, and every later random number, are the same as if they had been generated at once.
// A page zeroed before anyone looked (__GFP_ZERO, init_on_alloc) is just a fresh zeroed array.

import { fillStream, PAGE_WORDS, type Rng } from './rng.ts';

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;
/** Address 0 is NULL; ZERO_SIZE_PTR is ((void *)16). No page is ever mapped there. */
export const NULL_PTR = 0;
export const ZERO_SIZE_PTR = 16;
const FIRST_PFN = 0x100;

export type PageOwner = 'slab' | 'large_kmalloc' | 'kfence' | 'vmalloc' | 'free';

export interface Page {
  readonly pfn: number;
  readonly order: number;
  readonly node: number;
  readonly bytes: Uint8Array;
  /** Came from the reserves below the min watermark (PageSlabPfmemalloc for slab pages). */
  pfmemalloc: boolean;
  owner: PageOwner;
  /** The slab (stage-defined) living in this page, when owner === 'slab'. */
  slab: unknown;
}

const GARBAGE_OR = 0x01010101;

/**
 * Garbage of one page-sized chunk by the generator state it starts from. Runs with the same seed
 * (the same scenario on every stage) map the same pages in the same order, so this turns most of
 * their garbage into a copy. Bounded: emptied when full.
 */
interface Chunk {
  words: Uint32Array;
  /** The generator's state after the chunk. */
  next: number;
}
const chunkCache = new Map<number, Chunk>();
const CHUNK_CACHE_MAX = 4096; // 16 MiB

function garbageChunk(state: number): Chunk {
  let c = chunkCache.get(state);
  if (!c) {
    const words = new Uint32Array(PAGE_WORDS);
    c = { words, next: fillStream(state, words, GARBAGE_OR) };
    if (chunkCache.size >= CHUNK_CACHE_MAX) chunkCache.clear();
    chunkCache.set(state, c);
  }
  return c;
}

class LazyPage implements Page {
  private b: Uint8Array | null = null;
  pfmemalloc = false;
  owner: PageOwner = 'free';
  slab: unknown = null;
  /** Zeroed before its bytes were made: no garbage to produce. */
  zeroed = false;
  constructor(
    readonly pfn: number,
    readonly order: number,
    readonly node: number,
    /** The generator's state when the page was mapped: its garbage follows from there. */
    private readonly state: number,
  ) {}

  get bytes(): Uint8Array {
    if (this.b) return this.b;
    const n = 1 << this.order;
    const b = new Uint8Array(n * PAGE_SIZE);
    if (!this.zeroed) {
      const u32 = new Uint32Array(b.buffer);
      let st = this.state;
      for (let i = 0; i < n; i++) {
        const c = garbageChunk(st);
        u32.set(c.words, i * PAGE_WORDS);
        st = c.next;
      }
    }
    this.b = b;
    return b;
  }

  /** Fill with zeroes (post_alloc_hook's __GFP_ZERO / init_on_alloc, vzalloc). */
  zero(): void {
    if (this.b) this.b.fill(0);
    else this.zeroed = true;
  }
}

/** Told of every compound page mapped (before, so it may refuse by throwing) and unmapped. */
export interface MemoryMeter {
  mapping(order: number): void;
  unmapped(order: number): void;
}

export class Memory {
  private nextPfn = FIRST_PFN;
  /** pfn → head page, for every pfn of a compound page. */
  private readonly map: (Page | undefined)[] = [];
  /**
   * The run's memory budget (src/slab/machine.ts). A field rather than map_pages/unmap_pages
   * replaced by closures on the instance: in Node 20's V8 that kept every simulated kernel alive
   * through the scavenges after its run (a forced minor GC after every 8 boots promoted all 8).
   */
  meter: MemoryMeter | null = null;
  constructor(private readonly rng: Rng) {}

  /** Map a fresh compound page of 2^order pages full of garbage (made when first looked at). */
  map_pages(order: number, node: number): Page {
    this.meter?.mapping(order);
    const n = 1 << order;
    const pfn = this.nextPfn;
    this.nextPfn += n;
    const page = new LazyPage(pfn, order, node, this.rng.skipPages(n));
    for (let i = 0; i < n; i++) this.map[pfn + i] = page;
    return page;
  }

  unmap_pages(page: Page): void {
    for (let i = 0; i < 1 << page.order; i++) this.map[page.pfn + i] = undefined;
    page.owner = 'free';
    this.meter?.unmapped(page.order);
  }

  /** Zero a whole page (post_alloc_hook's __GFP_ZERO or init_on_alloc, vzalloc). */
  zero_page(page: Page): void {
    if (page instanceof LazyPage) page.zero();
    else page.bytes.fill(0);
  }

  page_address(page: Page): number {
    return page.pfn * PAGE_SIZE;
  }

  /** virt_to_page(): the head page containing addr, or undefined if unmapped. */
  virt_to_page(addr: number): Page | undefined {
    // A shift, not Math.floor(addr / PAGE_SIZE): the quotient is a heap number in the interpreter,
    // and this runs for every object (addresses stay far below 2^32: pages are numbered from 0x100).
    return this.map[addr >= 0 && addr < 0x1_0000_0000 ? addr >>> PAGE_SHIFT : Math.floor(addr / PAGE_SIZE)];
  }

  /** The bytes [addr, addr+len) — must lie in one mapped compound page. */
  view(addr: number, len: number): Uint8Array {
    const page = this.pageOf(addr);
    const off = addr - page.pfn * PAGE_SIZE;
    return page.bytes.subarray(off, off + len);
  }

  /** The page holding addr (as view(), without a subarray or a pair: these run for every object). */
  private pageOf(addr: number): Page {
    const page = this.virt_to_page(addr);
    if (!page) throw new Error(`access to unmapped address 0x${addr.toString(16)}`);
    return page;
  }

  memset(addr: number, value: number, len: number): void {
    if (len <= 0) return;
    // fill() on the page's bytes directly: no subarray per memset (about 2 % of what
    // an explored scenario allocated). A range past the page end still stops at the page (as view() did).
    const page = this.pageOf(addr);
    const off = addr - page.pfn * PAGE_SIZE;
    page.bytes.fill(value, off, off + len);
  }

  /**
   * Store `value` as a `len`-byte little-endian integer at addr (a pointer, as set_freepointer()
   * writes the free pointer into every object of a new slab): no view made for it.
   */
  store_le(addr: number, value: number, len: number): void {
    const page = this.pageOf(addr);
    const b = page.bytes;
    const off = addr - page.pfn * PAGE_SIZE;
    // Bytes past the end of the page are dropped, as writes through view()'s subarray were.
    const n = Math.min(len, b.length - off);
    let x = value;
    for (let i = 0; i < n; i++) {
      b[off + i] = x & 0xff;
      // x >>> 8 where it equals Math.floor(x / 256): the quotient is a heap number in the interpreter.
      x = x >= 0 && x < 0x1_0000_0000 ? x >>> 8 : Math.floor(x / 256);
    }
  }

  copy(dst: number, src: number, len: number): void {
    if (len > 0) this.view(dst, len).set(this.view(src, len));
  }
}
