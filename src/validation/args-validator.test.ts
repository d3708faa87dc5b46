import { describe, expect, it } from 'vitest';
import { createArgsValidator } from './args-validator.js';

const schema = {
  type: 'object',
  properties: {
    amount: { type: 'integer', minimum: 1 },
    currency: { type: 'string', enum: ['eur', 'usd'] },
    email: { type: 'string', format: 'email' },
    items: {
      type: 'array',
      items: { type: 'object', properties: { price: { type: 'string', pattern: '^price_' } }, required: ['price'] },
    },
    id64: { type: 'integer', format: 'int64' },
  },
  required: ['amount'],
  additionalProperties: false,
};

describe('createArgsValidator', () => {
  it('accepts valid arguments', () => {
    const v = createArgsValidator();
    expect(
      v.validate('t', schema, { amount: 5, currency: 'eur', email: 'a@b.co', items: [{ price: 'price_1' }], id64: 1 }),
    ).toEqual({ ok: true });
  });

  it.each([
    [{ amount: 1.5 }, 'amount', 'type', 'amount: must be integer'],
    [{}, 'amount', 'required', 'amount: is required'],
    [{ amount: 0 }, 'amount', 'minimum', 'amount: must be >= 1'],
    [{ amount: 1, currency: 'gbp' }, 'currency', 'enum', 'currency: must be one of "eur", "usd"'],
    [{ amount: 1, email: 'nope' }, 'email', 'format', 'email: must match format "email"'],
    [
      { amount: 1, items: [{ price: 'x' }] },
      'items[0].price',
      'pattern',
      'items[0].price: must match pattern "^price_"',
    ],
    [{ amount: 1, items: [{}] }, 'items[0].price', 'required', 'items[0].price: is required'],
    [{ amount: 1, extra: true }, 'extra', 'additionalProperties', 'extra: is not allowed (unknown property)'],
    ['text', '(root)', 'type', '(root): must be object'],
  ])('%j -> %s %s', (args, path, rule, message) => {
    const r = createArgsValidator().validate('t', schema, args);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContainEqual({ path, rule, message });
  });

  it('compiles once per key', () => {
    const v = createArgsValidator();
    const s = { type: 'object', properties: { a: { type: 'string' } } };
    expect(v.validate('k', s, { a: 'x' }).ok).toBe(true);
    // Same key: the cached validator is used even if another schema object is passed.
    expect(v.validate('k', { type: 'object', properties: { a: { type: 'number' } } }, { a: 'x' }).ok).toBe(true);
    v.invalidate('k');
    expect(v.validate('k', { type: 'object', properties: { a: { type: 'number' } } }, { a: 'x' }).ok).toBe(false);
  });

  it('fails closed on a schema that does not compile and reports it once', () => {
    const reported: string[] = [];
    const v = createArgsValidator({ onSchemaError: (k) => reported.push(k) });
    const broken = { type: 'object', properties: { a: { $ref: '#/nowhere' } } };
    for (let i = 0; i < 3; i++) {
      const r = v.validate('broken', broken, { a: 1 });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]!.rule).toBe('schema');
    }
    expect(reported).toEqual(['broken']);
  });

  it('keeps tools with the same $id apart', () => {
    const v = createArgsValidator();
    expect(v.validate('a', { $id: 'urn:x', type: 'string' }, 's').ok).toBe(true);
    expect(v.validate('b', { $id: 'urn:x', type: 'number' }, 1).ok).toBe(true);
  });
});

describe('schemas that declare draft-07 (SDK v1 servers)', () => {
  it('are validated with a draft-07 engine instead of being refused', () => {
    const errors: string[] = [];
    const v = createArgsValidator({ onSchemaError: (_k, m) => errors.push(m) });
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
      additionalProperties: false,
    };
    expect(v.validate('sse:shout', schema, { text: 'hi' })).toEqual({ ok: true });
    const bad = v.validate('sse:shout', schema, { text: 3 });
    expect(bad.ok).toBe(false);
    expect(errors).toEqual([]);
  });
});
