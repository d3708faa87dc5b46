import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBody } from './encode-body.js';
import { importSpec } from './import-spec.js';
import { startCaptureServer, type CaptureServer } from './test-support/capture-server.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'portcullis-ops-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ok = { '200': { description: 'ok' } };

describe('server selection', () => {
  it('substitutes server variables and prefers operation, then path-item, then document servers', async () => {
    const p = join(dir, 'servers.json');
    writeFileSync(
      p,
      JSON.stringify({
        openapi: '3.0.0',
        info: { title: 't', version: '1' },
        servers: [
          {
            url: 'https://{region}.api.example.com/{version}',
            variables: { region: { default: 'eu', enum: ['eu', 'us'] }, version: { default: 'v2' } },
          },
        ],
        paths: {
          '/a': { get: { operationId: 'docLevel', responses: ok } },
          '/b': {
            servers: [{ url: 'https://path.example.com/' }],
            get: { operationId: 'pathLevel', responses: ok },
            post: { operationId: 'opLevel', servers: [{ url: 'https://op.example.com' }], responses: ok },
          },
        },
      }),
    );
    const spec = await importSpec(p);
    expect(spec.plans.get('docLevel')!.servers).toEqual(['https://eu.api.example.com/v2']);
    expect(spec.plans.get('pathLevel')!.servers).toEqual(['https://path.example.com']);
    expect(spec.plans.get('opLevel')!.servers).toEqual(['https://op.example.com']);
    const overridden = await importSpec(p, { baseUrl: 'http://127.0.0.1:1234/x/' });
    for (const plan of overridden.plans.values()) expect(plan.servers).toEqual(['http://127.0.0.1:1234/x']);
  });
});

describe('loading from a URL', () => {
  let server: CaptureServer;
  beforeAll(async () => {
    server = await startCaptureServer();
    server.setHandler((req, res) => {
      if (req.url === '/specs/main.yaml') {
        res
          .writeHead(200, { 'content-type': 'application/yaml' })
          .end(
            'openapi: 3.0.0\ninfo: {title: Remote, version: "1"}\nservers: [{url: /api}]\npaths:\n  /things:\n    post:\n      operationId: createThing\n      requestBody:\n        content:\n          application/json:\n            schema: {$ref: "schemas/thing.json"}\n      responses: {"201": {description: ok}}\n',
          );
      } else if (req.url === '/specs/schemas/thing.json') {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ type: 'object', properties: { label: { type: 'string' } }, required: ['label'] }));
      } else res.writeHead(404).end();
    });
  });
  afterAll(() => server.close());

  it('fetches the spec and its external refs, and resolves relative servers against the spec URL', async () => {
    const spec = await importSpec(`${server.url}/specs/main.yaml`, { name: 'remote' });
    expect(spec.title).toBe('Remote');
    expect(spec.tools[0]!.definition.inputSchema).toMatchObject({
      properties: { label: { type: 'string' } },
      required: ['label'],
    });
    expect(spec.plans.get('remote_createThing')!.servers).toEqual([`${server.url}/api`]);
  });

  it('fails with the HTTP status when the spec cannot be fetched', async () => {
    await expect(importSpec(`${server.url}/nope.yaml`)).rejects.toThrow(/HTTP 404/);
  });
});

describe('encodeBody', () => {
  it('sends text and binary bodies as given', () => {
    expect(encodeBody('text/plain', 'hello', {}).body.toString()).toBe('hello');
    const bin = encodeBody('application/octet-stream', { base64: Buffer.from([0, 255, 1]).toString('base64') }, {});
    expect([...bin.body]).toEqual([0, 255, 1]);
    expect(encodeBody('application/json-patch+json', [{ op: 'remove', path: '/a' }], {}).body.toString()).toBe(
      '[{"op":"remove","path":"/a"}]',
    );
  });

  it('follows per-property form encodings and sends deeper nesting as JSON in form style', () => {
    const e = encodeBody(
      'application/x-www-form-urlencoded',
      { a: { b: { c: 1 } }, d: { x: 1 }, j: { k: true } },
      { d: { style: 'deepObject', explode: true }, j: { contentType: 'application/json' } },
    );
    expect(e.body.toString()).toBe('b=%7B%22c%22%3A1%7D&d%5Bx%5D=1&j=%7B%22k%22%3Atrue%7D');
  });

  it('refuses malformed base64', () => {
    expect(() => encodeBody('application/octet-stream', { base64: '!!!' }, {})).toThrow(/base64/);
  });
});
