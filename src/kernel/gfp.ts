// The gfp bits the series never touches (include/linux/gfp_types.h, bits 0..23, with
// CONFIG_LOCKDEP=n and CONFIG_KASAN_HW_TAGS=n, so __GFP_SKIP_ZERO/__GFP_SKIP_KASAN/__GFP_NOLOCKDEP
// are 0 as in such a kernel). ___GFP_NO_OBJ_EXT_BIT, ___GFP_LAST_BIT and __GFP_BITS_MASK belong to
// the stage's include/linux/gfp_types.ts, because RFC 15 deletes the bit.

export type gfp_t = number;

export const ___GFP_DMA = 0x1;
export const ___GFP_HIGHMEM = 0x2;
export const ___GFP_DMA32 = 0x4;
export const ___GFP_MOVABLE = 0x8;
export const ___GFP_RECLAIMABLE = 0x10;
export const ___GFP_HIGH = 0x20;
export const ___GFP_IO = 0x40;
export const ___GFP_FS = 0x80;
export const ___GFP_ZERO = 0x100;
// bit 9 (0x200) is ___GFP_UNUSED_BIT
export const ___GFP_DIRECT_RECLAIM = 0x400;
export const ___GFP_KSWAPD_RECLAIM = 0x800;
export const ___GFP_WRITE = 0x1000;
export const ___GFP_NOWARN = 0x2000;
export const ___GFP_RETRY_MAYFAIL = 0x4000;
export const ___GFP_NOFAIL = 0x8000;
export const ___GFP_NORETRY = 0x10000;
export const ___GFP_MEMALLOC = 0x20000;
export const ___GFP_COMP = 0x40000;
export const ___GFP_NOMEMALLOC = 0x80000;
export const ___GFP_HARDWALL = 0x100000;
export const ___GFP_THISNODE = 0x200000;
export const ___GFP_ACCOUNT = 0x400000;
export const ___GFP_ZEROTAGS = 0x800000;

export const __GFP_DMA = ___GFP_DMA;
export const __GFP_HIGHMEM = ___GFP_HIGHMEM;
export const __GFP_DMA32 = ___GFP_DMA32;
export const __GFP_MOVABLE = ___GFP_MOVABLE;
export const __GFP_RECLAIMABLE = ___GFP_RECLAIMABLE;
export const __GFP_HIGH = ___GFP_HIGH;
export const __GFP_IO = ___GFP_IO;
export const __GFP_FS = ___GFP_FS;
export const __GFP_ZERO = ___GFP_ZERO;
export const __GFP_DIRECT_RECLAIM = ___GFP_DIRECT_RECLAIM;
export const __GFP_KSWAPD_RECLAIM = ___GFP_KSWAPD_RECLAIM;
export const __GFP_WRITE = ___GFP_WRITE;
export const __GFP_NOWARN = ___GFP_NOWARN;
export const __GFP_RETRY_MAYFAIL = ___GFP_RETRY_MAYFAIL;
export const __GFP_NOFAIL = ___GFP_NOFAIL;
export const __GFP_NORETRY = ___GFP_NORETRY;
export const __GFP_MEMALLOC = ___GFP_MEMALLOC;
export const __GFP_COMP = ___GFP_COMP;
export const __GFP_NOMEMALLOC = ___GFP_NOMEMALLOC;
export const __GFP_HARDWALL = ___GFP_HARDWALL;
export const __GFP_THISNODE = ___GFP_THISNODE;
export const __GFP_ACCOUNT = ___GFP_ACCOUNT;
export const __GFP_ZEROTAGS = ___GFP_ZEROTAGS;
// Config-dependent bits that are 0 in the modelled configuration.
export const __GFP_SKIP_ZERO = 0;
export const __GFP_SKIP_KASAN = 0;
export const __GFP_NOLOCKDEP = 0;

export const __GFP_RECLAIM = __GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM;
export const GFP_ATOMIC = __GFP_HIGH | __GFP_KSWAPD_RECLAIM;
export const GFP_KERNEL = __GFP_RECLAIM | __GFP_IO | __GFP_FS;
export const GFP_KERNEL_ACCOUNT = GFP_KERNEL | __GFP_ACCOUNT;
export const GFP_NOWAIT = __GFP_KSWAPD_RECLAIM | __GFP_NOWARN;
export const GFP_NOIO = __GFP_RECLAIM;
export const GFP_NOFS = __GFP_RECLAIM | __GFP_IO;
export const GFP_USER = __GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL;
export const GFP_DMA = __GFP_DMA;
export const GFP_DMA32 = __GFP_DMA32;
export const GFP_HIGHUSER = GFP_USER | __GFP_HIGHMEM;
export const GFP_HIGHUSER_MOVABLE = GFP_HIGHUSER | __GFP_MOVABLE | __GFP_SKIP_KASAN;
export const GFP_TRANSHUGE_LIGHT =
  (GFP_HIGHUSER_MOVABLE | __GFP_COMP | __GFP_NOMEMALLOC | __GFP_NOWARN) & ~__GFP_RECLAIM;
export const GFP_TRANSHUGE = GFP_TRANSHUGE_LIGHT | __GFP_DIRECT_RECLAIM;
export const GFP_ZONEMASK = __GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE;

// mm/internal.h
export const GFP_RECLAIM_MASK =
  __GFP_RECLAIM | __GFP_HIGH | __GFP_IO | __GFP_FS | __GFP_NOWARN | __GFP_RETRY_MAYFAIL |
  __GFP_NOFAIL | __GFP_NORETRY | __GFP_MEMALLOC | __GFP_NOMEMALLOC | __GFP_NOLOCKDEP;
export const GFP_CONSTRAINT_MASK = __GFP_HARDWALL | __GFP_THISNODE;

/** GFP_BOOT_MASK = __GFP_BITS_MASK & ~(__GFP_RECLAIM | __GFP_IO | __GFP_FS); derived from the stage's mask. */
export function gfpBootMask(bitsMask: number): number {
  return bitsMask & ~(__GFP_RECLAIM | __GFP_IO | __GFP_FS);
}
/** GFP_SLAB_BUG_MASK = __GFP_DMA32 | __GFP_HIGHMEM | ~__GFP_BITS_MASK. */
export function gfpSlabBugMask(bitsMask: number): number {
  return (__GFP_DMA32 | __GFP_HIGHMEM | ~bitsMask) >>> 0;
}

/** include/linux/gfp.h: spinning allowed iff either reclaim bit is set. */
export function gfpflags_allow_spinning(gfp: gfp_t): boolean {
  return (gfp & __GFP_RECLAIM) !== 0;
}
export function gfpflags_allow_blocking(gfp: gfp_t): boolean {
  return (gfp & __GFP_DIRECT_RECLAIM) !== 0;
}

/** One entry of a name table: `__def_gfpflag_names`-style, or an identifier known to the parser. */
export interface GfpName {
  readonly name: string;
  readonly mask: number;
}

/** Combinations first, as in `__def_gfpflag_names` (include/trace/events/mmflags.h). */
export const GFP_COMBINATION_NAMES: readonly GfpName[] = [
  { name: 'GFP_TRANSHUGE', mask: GFP_TRANSHUGE },
  { name: 'GFP_TRANSHUGE_LIGHT', mask: GFP_TRANSHUGE_LIGHT },
  { name: 'GFP_HIGHUSER_MOVABLE', mask: GFP_HIGHUSER_MOVABLE },
  { name: 'GFP_HIGHUSER', mask: GFP_HIGHUSER },
  { name: 'GFP_USER', mask: GFP_USER },
  { name: 'GFP_KERNEL_ACCOUNT', mask: GFP_KERNEL_ACCOUNT },
  { name: 'GFP_KERNEL', mask: GFP_KERNEL },
  { name: 'GFP_NOFS', mask: GFP_NOFS },
  { name: 'GFP_ATOMIC', mask: GFP_ATOMIC },
  { name: 'GFP_NOIO', mask: GFP_NOIO },
  { name: 'GFP_NOWAIT', mask: GFP_NOWAIT },
  { name: 'GFP_DMA', mask: GFP_DMA },
  { name: 'GFP_DMA32', mask: GFP_DMA32 },
  { name: '__GFP_RECLAIM', mask: __GFP_RECLAIM },
];

/** TRACE_GFP_FLAGS_GENERAL, in order (KASAN and LOCKDEP groups are empty in this configuration). */
export const TRACE_GFP_FLAGS_GENERAL: readonly GfpName[] = [
  { name: '__GFP_DMA', mask: __GFP_DMA },
  { name: '__GFP_HIGHMEM', mask: __GFP_HIGHMEM },
  { name: '__GFP_DMA32', mask: __GFP_DMA32 },
  { name: '__GFP_MOVABLE', mask: __GFP_MOVABLE },
  { name: '__GFP_RECLAIMABLE', mask: __GFP_RECLAIMABLE },
  { name: '__GFP_HIGH', mask: __GFP_HIGH },
  { name: '__GFP_IO', mask: __GFP_IO },
  { name: '__GFP_FS', mask: __GFP_FS },
  { name: '__GFP_ZERO', mask: __GFP_ZERO },
  { name: '__GFP_DIRECT_RECLAIM', mask: __GFP_DIRECT_RECLAIM },
  { name: '__GFP_KSWAPD_RECLAIM', mask: __GFP_KSWAPD_RECLAIM },
  { name: '__GFP_WRITE', mask: __GFP_WRITE },
  { name: '__GFP_NOWARN', mask: __GFP_NOWARN },
  { name: '__GFP_RETRY_MAYFAIL', mask: __GFP_RETRY_MAYFAIL },
  { name: '__GFP_NOFAIL', mask: __GFP_NOFAIL },
  { name: '__GFP_NORETRY', mask: __GFP_NORETRY },
  { name: '__GFP_MEMALLOC', mask: __GFP_MEMALLOC },
  { name: '__GFP_COMP', mask: __GFP_COMP },
  { name: '__GFP_NOMEMALLOC', mask: __GFP_NOMEMALLOC },
  { name: '__GFP_HARDWALL', mask: __GFP_HARDWALL },
  { name: '__GFP_THISNODE', mask: __GFP_THISNODE },
  { name: '__GFP_ACCOUNT', mask: __GFP_ACCOUNT },
  { name: '__GFP_ZEROTAGS', mask: __GFP_ZEROTAGS },
];

/** Identifiers a scenario may use besides the trace table (not printed by the trace rule). */
export const GFP_EXTRA_PARSE_NAMES: readonly GfpName[] = [
  { name: 'GFP_NOIO', mask: GFP_NOIO },
  { name: '0', mask: 0 },
];

export class GfpParseError extends Error {}

/**
 * Parse a kernel gfp expression: names joined by `|`, optionally `~NAME` inside `&`-free form is not
 * supported (scenarios write what callers write). Hex/decimal literals are accepted.
 */
export function parseGfp(expr: string, table: ReadonlyMap<string, number>): gfp_t {
  const parts = expr.split('|').map((p) => p.trim());
  let v = 0;
  for (const p of parts) {
    if (p === '') throw new GfpParseError(`empty term in gfp expression "${expr}"`);
    if (/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(p)) {
      v |= Number(p);
      continue;
    }
    const m = table.get(p);
    if (m === undefined) throw new GfpParseError(`unknown gfp name "${p}"`);
    v |= m;
  }
  return v >>> 0;
}

/** formatGfp()'s answers by table: a run formats the same few masks for every trace event. */
const formatted = new WeakMap<readonly GfpName[], Map<gfp_t, string>>();

/** The kernel's `__print_flags` rule: first whole-mask match wins, leftovers in hex, 0 → "none". */
export function formatGfp(value: gfp_t, table: readonly GfpName[]): string {
  let byValue = formatted.get(table);
  if (!byValue) formatted.set(table, (byValue = new Map()));
  let text = byValue.get(value);
  if (text === undefined) {
    // Bounded: explore draws many masks.
    if (byValue.size >= 4096) byValue.clear();
    byValue.set(value, (text = formatGfpAfresh(value, table)));
  }
  return text;
}

function formatGfpAfresh(value: gfp_t, table: readonly GfpName[]): string {
  if (value === 0) return 'none';
  let rest = value >>> 0;
  const out: string[] = [];
  for (const e of table) {
    if (e.mask !== 0 && (rest & e.mask) === e.mask) {
      out.push(e.name);
      rest = (rest & ~e.mask) >>> 0;
    }
  }
  if (rest) out.push('0x' + rest.toString(16));
  return out.join('|');
}

/** Build a parse table from print tables plus extra identifiers. */
export function gfpParseTable(...tables: (readonly GfpName[])[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tables) for (const e of t) m.set(e.name, e.mask);
  return m;
}
