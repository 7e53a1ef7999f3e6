// Typed matchers: a declared change names the differences it explains by their type and fields
// (difference kind, event kind, lock, gfp bit, end-state field …), never by rendered text.
//
// A Shape<V> mirrors V: every field it names must match, fields it omits are free.
//   string field: a value, a list of values, { prefix: [...] } or { has: [...] } (a '|'-separated
//                 flag word such as a printed gfp contains every listed flag)
//   number field: a value, a list, or { min, max }
//   boolean:      the value
//   object field: a nested Shape (also: the field must be present)
// On a union (event kinds, difference kinds) a Shape is a Shape of one member.

type FieldMatch<V> = [V] extends [string]
  ? V | readonly V[] | { prefix: readonly string[] } | { has: readonly string[] }
  : [V] extends [number]
    ? V | readonly V[] | { min?: number; max?: number }
    : [V] extends [boolean]
      ? V
      : [V] extends [readonly unknown[]]
        ? never
        : [V] extends [object]
          ? Shape<V>
          : never;

export type Shape<T> = T extends unknown ? { readonly [K in keyof T]?: FieldMatch<Exclude<T[K], undefined>> } : never;

function matchField(m: unknown, v: unknown): boolean {
  if (Array.isArray(m)) return m.includes(v);
  if (m !== null && typeof m === 'object') {
    const o = m as Record<string, unknown>;
    if (typeof v === 'string' && Array.isArray(o.prefix)) return (o.prefix as string[]).some((p) => v.startsWith(p));
    if (typeof v === 'string' && Array.isArray(o.has)) {
      const words = v.split('|');
      return (o.has as string[]).every((w) => words.includes(w));
    }
    if (typeof v === 'number' && ('min' in o || 'max' in o)) return (o.min === undefined || v >= (o.min as number)) && (o.max === undefined || v <= (o.max as number));
    if (v === null || typeof v !== 'object') return false;
    return matchShape(o, v);
  }
  return m === v;
}

/** Does the value have this shape? */
export function matchShape(shape: object, value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  // A shape is a rule's constant: its entries are taken once (matching runs for every event).
  let entries = shapeEntries.get(shape);
  if (!entries) shapeEntries.set(shape, (entries = Object.entries(shape).filter(([, m]) => m !== undefined)));
  for (let i = 0; i < entries.length; i++) if (!matchField(entries[i][1], v[entries[i][0]])) return false;
  return true;
}
const shapeEntries = new WeakMap<object, [string, unknown][]>();
