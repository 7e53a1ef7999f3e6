// The small schema validator the tests rely on must itself reject what it should.
import { describe, expect, it } from 'vitest';
import { validate } from './support/json-schema.ts';

describe('json-schema test helper', () => {
  const schema = {
    type: 'object',
    required: ['a'],
    additionalProperties: false,
    properties: { a: { $ref: '#/$defs/n' }, b: { enum: ['x', 'y'] }, c: { type: 'array', items: { type: 'string', pattern: '^k' } }, d: { oneOf: [{ type: 'integer' }, { type: 'string' }] } },
    $defs: { n: { type: 'integer', minimum: 1 } },
  };
  it('accepts a valid document', () => {
    expect(validate(schema, { a: 2, b: 'x', c: ['k1'], d: 'z' })).toEqual([]);
  });
  it('reports each kind of error with its path', () => {
    expect(validate(schema, {})).toEqual(['(root): missing required "a"']);
    expect(validate(schema, { a: 0 })).toEqual(['.a: below 1']);
    expect(validate(schema, { a: 1, b: 'z' })[0]).toMatch(/^\.b: not one of/);
    expect(validate(schema, { a: 1, c: ['q'] })).toEqual(['.c[0]: does not match ^k']);
    expect(validate(schema, { a: 1, e: 1 })).toEqual(['.e: not allowed']);
    expect(validate(schema, { a: 1, d: true })[0]).toMatch(/oneOf: 0 alternatives/);
  });
});
