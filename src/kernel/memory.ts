// Physical memory with real bytes. Pages are numbered (pfn); an address is pfn * PAGE_SIZE + offset.
// New pages hold non-zero garbage so that missing zeroing is visible.

import type { Rng } from './rng.ts';

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

export class Memory {
  private nextPfn = FIRST_PFN;
  /** pfn → head page, for every pfn of a compound page. */
  private readonly map: (Page | undefined)[] = [];
  constructor(private readonly rng: Rng) {}

  /** Map a fresh compound page of 2^order pages full of garbage. */
  map_pages(order: number, node: number): Page {
    const n = 1 << order;
    const pfn = this.nextPfn;
    this.nextPfn += n;
    const bytes = new Uint8Array(n * PAGE_SIZE);
    this.garbage(bytes);
    const page: Page = { pfn, order, node, bytes, pfmemalloc: false, owner: 'free', slab: null };
    for (let i = 0; i < n; i++) this.map[pfn + i] = page;
    return page;
  }

  unmap_pages(page: Page): void {
    for (let i = 0; i < 1 << page.order; i++) this.map[page.pfn + i] = undefined;
    page.owner = 'free';
  }

  /** Fill with bytes that are never zero (freshly allocated memory is dirty). */
  garbage(bytes: Uint8Array): void {
    const u32 = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
    for (let i = 0; i < u32.length; i++) u32[i] = (this.rng.next() | 0x01010101) >>> 0;
  }

  page_address(page: Page): number {
    return page.pfn * PAGE_SIZE;
  }

  /** virt_to_page(): the head page containing addr, or undefined if unmapped. */
  virt_to_page(addr: number): Page | undefined {
    return this.map[Math.floor(addr / PAGE_SIZE)];
  }

  /** The bytes [addr, addr+len) — must lie in one mapped compound page. */
  view(addr: number, len: number): Uint8Array {
    const page = this.virt_to_page(addr);
    if (!page) throw new Error(`access to unmapped address 0x${addr.toString(16)}`);
    const off = addr - page.pfn * PAGE_SIZE;
    return page.bytes.subarray(off, off + len);
  }

  memset(addr: number, value: number, len: number): void {
    if (len > 0) this.view(addr, len).fill(value);
  }

  copy(dst: number, src: number, len: number): void {
    if (len > 0) this.view(dst, len).set(this.view(src, len));
  }
}
