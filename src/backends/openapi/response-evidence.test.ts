/**
 * List responses: MCP's outputSchema is an object schema, so an operation returning a JSON array is served
 * without one (its result stays text); the importer keeps a bounded copy of the array schema on the tool's source
 * as risk evidence, and the classifier reads it. Success responses that are all 201 Created or 202 Accepted are kept as
 * evidence too (`createdOnly`: the operation makes something, whatever its summary says).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../core/tool.js';
import { classifyTool } from '../../risk/classify.js';
import { importSpec } from './import-spec.js';
import { listResponseEvidence } from './response-evidence.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'portcullis-list-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes an OpenAPI 3.0 document with these paths into the test folder; returns its path. */
function writeSpec(name: string, paths: JsonObject): string {
  const p = join(dir, name);
  const spec = { openapi: '3.0.0', info: { title: 't', version: '1' }, servers: [{ url: 'https://api.example.com' }] };
  writeFileSync(p, JSON.stringify({ ...spec, paths }));
  return p;
}

const person = {
  type: 'object',
  properties: { id: { type: 'string' }, email: { type: 'string', description: 'Their e-mail address' } },
};

describe('list responses as risk evidence', () => {
  it('keeps an array response on the source, serves no outputSchema, and the classifier reads the records', async () => {
    const p = writeSpec('list.json', {
      '/members': {
        get: {
          operationId: 'listMembers',
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { type: 'array', items: person } } },
            },
          },
        },
      },
      '/members/{id}': {
        get: {
          operationId: 'getMember',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: person } } } },
        },
      },
    });
    const { tools } = await importSpec(p);
    const list = tools.find((t) => t.localName === 'listMembers')!;
    expect(list.definition.outputSchema).toBeUndefined();
    expect(list.source.kind === 'openapi' && list.source.responseSchema).toMatchObject({
      type: 'array',
      items: { type: 'object', properties: { email: { type: 'string' } } },
    });
    expect(classifyTool(list.definition, list.source).categories).toContain('personal-data');
    const one = tools.find((t) => t.localName === 'getMember')!;
    expect(one.definition.outputSchema).toMatchObject({ type: 'object' });
    expect(one.source).not.toHaveProperty('responseSchema');
  });

  it('marks an operation whose only success responses are 201 or 202 as createdOnly, and no other', async () => {
    const op = (operationId: string, codes: string[]): JsonObject => ({
      operationId,
      responses: Object.fromEntries(codes.map((c) => [c, { description: c }])),
    });
    const p = writeSpec('created.json', {
      '/a': { post: op('created', ['201', '400']) },
      '/b': { post: op('accepted', ['202']) },
      '/c': { post: op('both', ['201', '202', 'default']) },
      '/d': { post: op('okToo', ['200', '201']) },
      '/e': { post: op('range', ['2XX']) },
      '/f': { post: op('errorsOnly', ['400', 'default']) },
    });
    const { tools } = await importSpec(p);
    const created = (name: string): boolean | undefined => {
      const t = tools.find((x) => x.localName === name)!;
      return t.source.kind === 'openapi' ? t.source.createdOnly : undefined;
    };
    expect(['created', 'accepted', 'both'].map(created)).toEqual([true, true, true]);
    expect(['okToo', 'range', 'errorsOnly'].map(created)).toEqual([undefined, undefined, undefined]);
  });

  it('is bounded: four levels of properties, 150 properties, 200-character descriptions; objects are not kept', () => {
    const wide: JsonObject = { type: 'object', properties: {} };
    for (let i = 0; i < 400; i++)
      (wide.properties as JsonObject)[`f${i}`] = { type: 'string', description: 'x'.repeat(500) };
    const deep = (n: number): JsonObject =>
      n === 0 ? { type: 'string' } : { type: 'object', properties: { a: deep(n - 1) } };
    const kept = listResponseEvidence({ type: 'array', items: { allOf: [wide, deep(8)] } })!;
    const json = JSON.stringify(kept);
    expect((json.match(/"f\d+"/g) ?? []).length + (json.match(/"a"/g) ?? []).length).toBeLessThanOrEqual(150);
    expect(json).not.toContain('x'.repeat(201));
    const onlyDeep = JSON.stringify(listResponseEvidence({ type: 'array', items: deep(8) }));
    expect((onlyDeep.match(/"a"/g) ?? []).length).toBe(4);
    expect(listResponseEvidence({ type: 'object', properties: {} })).toBeUndefined();
    expect(listResponseEvidence(undefined)).toBeUndefined();
  });
});
