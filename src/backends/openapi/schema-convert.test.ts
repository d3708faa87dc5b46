import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArgsValidator } from '../../validation/index.js';
import { importSpec } from './import-spec.js';

let dir: string;
const write = (name: string, content: unknown): string => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'portcullis-schema-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const op = (schema: unknown, extra: Record<string, unknown> = {}) => ({
  post: {
    operationId: 'op',
    requestBody: { required: true, content: { 'application/json': { schema } } },
    responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } },
    ...extra,
  },
});

function depth(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  return 1 + Math.max(0, ...Object.values(v).map(depth));
}

describe('recursive schemas', () => {
  it('bounds self and mutual recursion and still validates the expanded levels', async () => {
    const p = write('cycle.json', {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: { '/n': op({ $ref: '#/components/schemas/Node' }) },
      components: {
        schemas: {
          Node: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
              other: { $ref: '#/components/schemas/Other' },
            },
          },
          Other: {
            type: 'object',
            properties: { back: { $ref: '#/components/schemas/Node' }, n: { type: 'integer' } },
          },
        },
      },
    });
    const spec = await importSpec(p, { name: 'c' });
    const tool = spec.tools[0]!;
    const json = JSON.stringify(tool.definition);
    expect(json.length).toBeLessThan(200_000);
    expect(depth(tool.definition.inputSchema)).toBeLessThan(80);
    expect(json).toContain('not expanded: recursive or too deep');
    const v = createArgsValidator();
    expect(
      v.validate('k', tool.definition.inputSchema, { name: 'a', children: [{ name: 'b', children: [] }] }).ok,
    ).toBe(true);
    const bad = v.validate('k', tool.definition.inputSchema, { name: 'a', children: [{ name: 5 }] });
    expect(bad).toEqual({
      ok: false,
      errors: [{ path: 'children[0].name', rule: 'type', message: 'children[0].name: must be string' }],
    });
  });

  it('follows refs into external files, with a cycle across files', async () => {
    write(
      'ext-a.yaml',
      'A:\n  type: object\n  properties:\n    b:\n      $ref: "ext-b.yaml#/B"\n    label:\n      type: string\n',
    );
    write(
      'ext-b.yaml',
      'B:\n  type: object\n  properties:\n    a:\n      $ref: "ext-a.yaml#/A"\n    count:\n      type: integer\n',
    );
    const p = write(
      'ext-root.yaml',
      `openapi: 3.0.0\ninfo: {title: t, version: "1"}\npaths:\n  /x:\n    post:\n      operationId: x\n      requestBody:\n        content:\n          application/json:\n            schema:\n              $ref: "ext-a.yaml#/A"\n      responses:\n        "200": {description: ok}\n`,
    );
    const spec = await importSpec(p, { name: 'e' });
    expect(spec.warnings.join('\n')).not.toContain('unresolved');
    const props = spec.tools[0]!.definition.inputSchema.properties as Record<
      string,
      { properties?: Record<string, unknown> }
    >;
    expect(Object.keys(props)).toEqual(['b', 'label']);
    expect(props.b!.properties).toHaveProperty('count', { type: 'integer' });
  });

  it('keeps imports of Stripe-sized reference graphs bounded', async () => {
    const schemas: Record<string, unknown> = {};
    // 40 schemas, each referencing the next 5: a DAG whose full expansion would be astronomically large.
    for (let i = 0; i < 40; i++) {
      schemas[`S${i}`] = {
        type: 'object',
        properties: Object.fromEntries(
          [1, 2, 3, 4, 5].map((d) => [`p${d}`, { $ref: `#/components/schemas/S${(i + d) % 40}` }]),
        ),
      };
    }
    const p = write('dag.json', {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: { '/d': op({ $ref: '#/components/schemas/S0' }) },
      components: { schemas },
    });
    const spec = await importSpec(p, { name: 'd' });
    expect(JSON.stringify(spec.tools[0]!.definition).length).toBeLessThan(400_000);
  });

  it('reports an unresolved $ref as a warning instead of failing', async () => {
    const p = write('broken.json', {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: { '/b': op({ $ref: '#/components/schemas/Missing' }) },
    });
    const spec = await importSpec(p, { name: 'b' });
    expect(spec.tools).toHaveLength(1);
    expect(spec.warnings.join('\n')).toContain('unresolved $ref #/components/schemas/Missing');
  });
});

describe('keyword conversion', () => {
  it('handles nullable, readOnly/writeOnly, allOf, oneOf with discriminator, exclusiveMinimum', async () => {
    const p = write('kw.json', {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: { '/k': op({ $ref: '#/components/schemas/Pet' }) },
      components: {
        schemas: {
          Base: {
            type: 'object',
            properties: { id: { type: 'integer', readOnly: true }, secret: { type: 'string', writeOnly: true } },
            required: ['id'],
          },
          Cat: {
            type: 'object',
            properties: {
              kind: { type: 'string', enum: ['cat'] },
              lives: { type: 'integer', minimum: 0, exclusiveMinimum: true },
            },
          },
          Dog: {
            type: 'object',
            properties: { kind: { type: 'string', enum: ['dog'] }, bark: { type: 'string', nullable: true } },
          },
          Pet: {
            allOf: [
              { $ref: '#/components/schemas/Base' },
              { type: 'object', properties: { name: { type: 'string', nullable: true } } },
            ],
            properties: {
              animal: {
                oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
                discriminator: { propertyName: 'kind' },
              },
            },
          },
        },
      },
    });
    const spec = await importSpec(p, { name: 'k' });
    const t = spec.tools[0]!.definition;
    const input = JSON.stringify(t.inputSchema);
    expect(input).not.toContain('"id"');
    expect(input).toContain('"secret"');
    expect(input).not.toContain('discriminator');
    expect(input).toContain('"type":["string","null"]');
    expect(input).toContain('"exclusiveMinimum":0');
    const output = JSON.stringify(t.outputSchema ?? {});
    expect(output).toBe('{}');
    const v = createArgsValidator();
    expect(v.validate('k', t.inputSchema, { name: null, secret: 's', animal: { kind: 'cat', lives: 9 } }).ok).toBe(
      true,
    );
    expect(v.validate('k', t.inputSchema, { animal: { kind: 'cat', lives: 0 } }).ok).toBe(false);
  });

  it('reads OpenAPI 3.1 type arrays and const, and Swagger 2 x-nullable and file parameters', async () => {
    const p31 = write('v31.json', {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/v': op({
          type: 'object',
          properties: { a: { type: ['string', 'null'] }, b: { const: 'fixed' } },
          required: ['b'],
        }),
      },
    });
    const s31 = await importSpec(p31, { name: 'v' });
    expect(s31.version).toBe('3.1');
    expect(s31.tools[0]!.definition.inputSchema).toMatchObject({
      properties: { a: { type: ['string', 'null'] }, b: { const: 'fixed' } },
      required: ['b'],
    });
    expect(s31.tools[0]!.definition.outputSchema).toMatchObject({ type: 'object' });

    const p2 = write('v2.json', {
      swagger: '2.0',
      info: { title: 't', version: '1' },
      host: 'api.example.com',
      basePath: '/v2',
      schemes: ['http', 'https'],
      paths: {
        '/up': {
          post: {
            operationId: 'upload',
            consumes: ['multipart/form-data'],
            parameters: [
              { name: 'file', in: 'formData', type: 'file', required: true },
              { name: 'note', in: 'formData', type: 'string', 'x-nullable': true },
              { name: 'tags', in: 'query', type: 'array', items: { type: 'string' }, collectionFormat: 'pipes' },
            ],
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    });
    const s2 = await importSpec(p2, { name: 'v2' });
    const plan = s2.plans.get('v2_upload')!;
    expect(plan.servers).toEqual(['https://api.example.com/v2']);
    expect(plan.body).toMatchObject({ contentTypes: ['multipart/form-data'], binaryProps: ['file'] });
    expect(plan.params[0]).toMatchObject({ name: 'tags', in: 'query', style: 'pipeDelimited', explode: false });
    expect(s2.tools[0]!.definition.inputSchema).toMatchObject({
      properties: { note: { type: ['string', 'null'] } },
      required: ['file'],
    });
  });
});

describe('argument names', () => {
  it('renames clashing parameters and body properties deterministically', async () => {
    const p = write('clash.json', {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/x/{id}': {
          put: {
            operationId: 'clash',
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'id', in: 'query', schema: { type: 'string' } },
              { name: 'id', in: 'header', schema: { type: 'string' } },
            ],
            requestBody: {
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
                },
              },
            },
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    });
    const spec = await importSpec(p);
    expect(Object.keys(spec.tools[0]!.definition.inputSchema.properties as object)).toEqual([
      'id',
      'query_id',
      'header_id',
      'body_id',
      'name',
    ]);
  });
});
