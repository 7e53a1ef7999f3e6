// A small JSON Schema (2020-12 subset) validator for the project's own schemas: type, enum, const,
// required, properties, additionalProperties, items, pattern, minimum, maximum, oneOf, anyOf,
// allOf, $ref to #/$defs. Enough to keep docs/*.schema.json honest without another dependency.

type Schema = Record<string, unknown> | boolean;

export function validate(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    const path = ref.replace(/^#\//, '').split('/');
    let s: unknown = root;
    for (const p of path) s = (s as Record<string, unknown>)[p];
    if (s === undefined) throw new Error(`unresolved $ref ${ref}`);
    return s as Schema;
  };
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  const check = (s: Schema, v: unknown, at: string): boolean => {
    if (s === true) return true;
    if (s === false) return fail(at, 'not allowed');
    let ok = true;
    const f = (c: boolean, msg: string) => {
      if (!c) ok = fail(at, msg);
    };
    if (typeof s.$ref === 'string') ok = check(resolve(s.$ref), v, at) && ok;
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      const t = typeOf(v);
      f(types.includes(t) || (t === 'integer' && types.includes('number')), `expected ${types.join('|')}, got ${t}`);
    }
    if (Array.isArray(s.enum)) f(s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v)), `not one of ${JSON.stringify(s.enum)}`);
    if ('const' in s) f(JSON.stringify(s.const) === JSON.stringify(v), `expected ${JSON.stringify(s.const)}`);
    if (typeof v === 'string' && typeof s.pattern === 'string') f(new RegExp(s.pattern).test(v), `does not match ${s.pattern}`);
    if (typeof v === 'number') {
      if (typeof s.minimum === 'number') f(v >= s.minimum, `below ${s.minimum}`);
      if (typeof s.maximum === 'number') f(v <= s.maximum, `above ${s.maximum}`);
    }
    if (Array.isArray(v) && s.items !== undefined) v.forEach((x, i) => (ok = check(s.items as Schema, x, `${at}[${i}]`) && ok));
    if (Array.isArray(v) && typeof s.minItems === 'number') f(v.length >= s.minItems, `fewer than ${s.minItems} items`);
    if (typeOf(v) === 'object') {
      const o = v as Record<string, unknown>;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const r of (s.required as string[] | undefined) ?? []) f(r in o, `missing required "${r}"`);
      for (const [k, x] of Object.entries(o)) {
        if (k in props) ok = check(props[k], x, `${at}.${k}`) && ok;
        else if (s.additionalProperties !== undefined) ok = check(s.additionalProperties as Schema, x, `${at}.${k}`) && ok;
      }
    }
    for (const k of ['oneOf', 'anyOf'] as const) {
      if (!Array.isArray(s[k])) continue;
      const defs = typeof root === 'object' ? { $defs: root.$defs } : {};
      const n = (s[k] as Schema[]).filter((sub) => (typeof sub === 'boolean' ? sub : validate({ ...defs, ...sub }, v).length === 0)).length;
      f(k === 'oneOf' ? n === 1 : n >= 1, `${k}: ${n} alternatives match`);
    }
    if (Array.isArray(s.allOf)) for (const sub of s.allOf as Schema[]) ok = check(sub, v, at) && ok;
    return ok;
  };
  const fail = (at: string, msg: string) => {
    errors.push(`${at || '(root)'}: ${msg}`);
    return false;
  };
  check(root, value, '');
  return errors;
}
