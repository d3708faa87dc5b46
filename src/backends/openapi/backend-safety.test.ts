/** Validation, SSRF, traversal, redirects, limits, errors and secrecy of createOpenApiBackend(...).callTool. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Backend, BackendCallContext } from '../../core/backend.js';
import type { JsonObject, ToolResult } from '../../core/tool.js';
import { createOpenApiBackend } from './backend.js';
import type { OpenApiBackendConfig } from './config.js';
import { startCaptureServer, type CaptureServer } from './test-support/capture-server.js';

const ctx: BackendCallContext = {
  principal: { agent: 'test', method: 'stdio' },
  requestId: 'r1',
  signal: new AbortController().signal,
};
const API_KEY = 'super-secret-key-123';
const CLIENT_SECRET = 'client-secret-456';

const spec = {
  openapi: '3.0.3',
  info: { title: 'Safety', version: '1' },
  servers: [{ url: 'https://api.example.com/v1' }],
  security: [{ key: [] }],
  components: {
    securitySchemes: {
      key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
      cc: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: {} } } },
    },
    schemas: {
      Item: {
        type: 'object',
        properties: {
          id: { type: 'string', readOnly: true },
          name: { type: 'string' },
          amount: { type: 'integer', minimum: 1 },
        },
        required: ['name'],
      },
    },
  },
  paths: {
    '/items/{id}': {
      get: {
        operationId: 'getItem',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'X-Api-Key', in: 'header', schema: { type: 'string' } },
        ],
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
          },
        },
      },
    },
    '/items': {
      post: {
        operationId: 'createItem',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
        },
        responses: { '201': { description: 'created' } },
      },
    },
    '/go/{where}': {
      get: {
        operationId: 'go',
        parameters: [{ name: 'where', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    },
    '/cc': {
      get: {
        operationId: 'withClientCredentials',
        security: [{ cc: [] }],
        responses: { '200': { description: 'ok' } },
      },
    },
  },
};

let dir: string;
let specPath: string;
let server: CaptureServer;
const backends: Backend[] = [];

async function makeBackend(overrides: Partial<OpenApiBackendConfig> = {}): Promise<Backend> {
  const b = createOpenApiBackend(
    {
      name: 'safe',
      spec: specPath,
      baseUrl: `${server.url}/v1`,
      allowPrivateNetwork: true,
      auth: { key: { credential: 'SAFE_KEY' } },
      ...overrides,
    },
    { getCredential: (n) => ({ SAFE_KEY: API_KEY, CC_SECRET: CLIENT_SECRET })[n] },
  );
  await b.start();
  backends.push(b);
  return b;
}

const text = (r: ToolResult): string => r.content.map((c) => (typeof c.text === 'string' ? c.text : '')).join('\n');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portcullis-openapi-'));
  specPath = join(dir, 'safety.json');
  writeFileSync(specPath, JSON.stringify(spec));
  // Idle connections stay open far longer than Node's default 5 s: with that default, a pause of 5 s between the two
  // calls of the keep-alive tests (a loaded machine) closed the pooled socket, the call went over a new connection,
  // and its dropped request was rightly not retried ("socket hang up").
  server = await startCaptureServer('127.0.0.1', { keepAliveTimeoutMs: 600_000 });
});
afterAll(async () => {
  for (const b of backends) await b.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  server.requests.length = 0;
  server.setHandler((req, res) => {
    if (req.url.startsWith('/v1/go/')) {
      const where = decodeURIComponent(req.url.slice('/v1/go/'.length));
      if (where === 'elsewhere') res.writeHead(302, { location: `http://localhost:${server.port}/v1/items/1` }).end();
      else if (where === 'metadata') res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      else if (where === 'same') res.writeHead(302, { location: '/v1/items/after-redirect' }).end();
      else if (where === 'big')
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: 'x'.repeat(5000) }));
      else if (where === 'binary')
        res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2]));
      else if (where === 'echo-error')
        res
          .writeHead(404, { 'content-type': 'text/plain' })
          .end(`not found; you sent ${String(req.headers['x-api-key'])}\n${'y'.repeat(5000)}`);
      else if (where === 'slow') setTimeout(() => res.writeHead(200).end('late'), 2000).unref();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('[1,2]');
      return;
    }
    if (req.url === '/token') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ access_token: 'issued-token-789', expires_in: 3600 }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'i1', name: 'n', amount: 2 }));
  });
});

describe('validation before any request', () => {
  it.each([
    [{ name: 'n', amount: 'ten' }, 'amount: must be integer', 'type'],
    [{ amount: 3 }, 'name: is required', 'required'],
    [{ name: 'n', amount: 0 }, 'amount: must be >= 1', 'minimum'],
    [{ name: 'n', id: 'x' }, 'id: is not allowed (unknown property)', 'additionalProperties'],
  ] as [JsonObject, string, string][])('rejects %j without calling the API', async (args, message) => {
    const b = await makeBackend();
    const r = await b.callTool('safe_createItem', args, ctx);
    expect(r.isError).toBe(true);
    expect(text(r)).toContain(message);
    expect(server.requests).toHaveLength(0);
  });

  it('sends valid arguments and hides readOnly fields and the API key parameter', async () => {
    const b = await makeBackend();
    const create = b.tools().find((t) => t.localName === 'safe_createItem')!;
    expect(Object.keys(create.definition.inputSchema.properties as object)).toEqual(['name', 'amount']);
    const get = b.tools().find((t) => t.localName === 'safe_getItem')!;
    expect(Object.keys(get.definition.inputSchema.properties as object)).toEqual(['id']);
    const r = await b.callTool('safe_createItem', { name: 'n', amount: 5 }, ctx);
    expect(r.isError).toBeFalsy();
    expect(server.requests[0]!.headers['x-api-key']).toBe(API_KEY);
    expect(JSON.parse(server.requests[0]!.body.toString())).toEqual({ name: 'n', amount: 5 });
  });
});

describe('path traversal through parameters', () => {
  it.each(['..', '.'])('refuses the dot segment %j', async (id) => {
    const b = await makeBackend();
    const r = await b.callTool('safe_getItem', { id }, ctx);
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/^Invalid arguments: id: a path parameter may not make a "\." or "\.\." path segment/);
    expect(server.requests).toHaveLength(0);
  });

  // A server that decodes the path before routing reads these as dot segments: refused, naming the field.
  it.each(['../admin', '..%2Fadmin', '..\\..\\etc', '%2E%2E', '\uff0e\uff0e', ''])(
    'refuses %j, which a decoding server reads as another path',
    async (id) => {
      const b = await makeBackend();
      const r = await b.callTool('safe_getItem', { id }, ctx);
      expect(r.isError).toBe(true);
      expect(text(r)).toMatch(/^Invalid arguments: id: a path parameter may not/);
      expect(server.requests).toHaveLength(0);
    },
  );

  it.each([
    ['a/b', '/v1/items/a%2Fb'],
    ['a%2fb', '/v1/items/a%252fb'],
    ['x?admin=1', '/v1/items/x%3Fadmin%3D1'],
    ['x#frag', '/v1/items/x%23frag'],
    ['x\\y', '/v1/items/x%5Cy'],
  ])('keeps %j inside one path segment', async (id, path) => {
    const b = await makeBackend();
    const r = await b.callTool('safe_getItem', { id }, ctx);
    expect(r.isError).toBeFalsy();
    expect(server.requests.map((q) => q.url)).toEqual([path]);
  });
});

describe('SSRF', () => {
  it('refuses loopback unless allowPrivateNetwork', async () => {
    const b = await makeBackend({ allowPrivateNetwork: false });
    const r = await b.callTool('safe_getItem', { id: '1' }, ctx);
    expect(r.isError).toBe(true);
    expect(text(r)).toContain('loopback');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a host name that resolves to loopback', async () => {
    const b = await makeBackend({ allowPrivateNetwork: false, baseUrl: `http://localhost:${server.port}/v1` });
    const r = await b.callTool('safe_getItem', { id: '1' }, ctx);
    expect(r.isError).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses the metadata address even when private networks are allowed', async () => {
    const b = await makeBackend({ baseUrl: 'http://169.254.169.254/latest' });
    const r = await b.callTool('safe_getItem', { id: '1' }, ctx);
    expect(r.isError).toBe(true);
    expect(text(r)).toContain('metadata');
  });

  it('does not follow a redirect to another origin', async () => {
    const b = await makeBackend();
    const r = await b.callTool('safe_go', { where: 'elsewhere' }, ctx);
    expect(r.isError).toBe(true);
    expect(text(r)).toContain(
      `redirected to http://localhost:${server.port}/v1/items/1; the gateway follows no redirect`,
    );
    expect(server.requests).toHaveLength(1);
    const m = await b.callTool('safe_go', { where: 'metadata' }, ctx);
    expect(m.isError).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it('does not follow a redirect on the same origin either: it names another operation', async () => {
    const b = await makeBackend();
    const r = await b.callTool('safe_go', { where: 'same' }, ctx);
    expect(r.isError).toBe(true);
    expect(text(r)).toBe(
      'HTTP 302 Found: the API redirected to /v1/items/after-redirect; the gateway follows no redirect (the target is another operation, not authorized for this call): call the tool for it instead',
    );
    expect(server.requests.map((q) => q.url)).toEqual(['/v1/go/same']);
  });
});

describe('responses', () => {
  it('returns JSON objects as text and structuredContent when an output schema is declared', async () => {
    const b = await makeBackend();
    const tool = b.tools().find((t) => t.localName === 'safe_getItem')!;
    expect(tool.definition.outputSchema).toMatchObject({ type: 'object', properties: { id: { type: 'string' } } });
    const r = await b.callTool('safe_getItem', { id: '1' }, ctx);
    expect(r.structuredContent).toEqual({ id: 'i1', name: 'n', amount: 2 });
    expect(JSON.parse(text(r))).toEqual({ id: 'i1', name: 'n', amount: 2 });
  });

  it('truncates large responses with a marker', async () => {
    const b = await makeBackend({ maxResponseBytes: 1000 });
    const r = await b.callTool('safe_go', { where: 'big' }, ctx);
    expect(r.isError).toBeFalsy();
    const t = text(r);
    expect(t).toContain('[truncated: the response exceeded 1000 bytes]');
    expect(t.length).toBeLessThan(1100);
  });

  it('returns binary bodies as an embedded resource', async () => {
    const b = await makeBackend();
    const r = await b.callTool('safe_go', { where: 'binary' }, ctx);
    expect(r.content[1]).toMatchObject({
      type: 'resource',
      resource: {
        mimeType: 'application/pdf',
        blob: Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2]).toString('base64'),
      },
    });
  });

  it('returns HTTP errors as isError with status and a trimmed body, without the credential', async () => {
    const b = await makeBackend();
    const r = await b.callTool('safe_go', { where: 'echo-error' }, ctx);
    expect(r.isError).toBe(true);
    const t = text(r);
    expect(t).toMatch(/^HTTP 404 Not Found: not found; you sent \[REDACTED\]/);
    expect(t).not.toContain(API_KEY);
    expect(t.length).toBeLessThan(2100);
  });

  it('times out', async () => {
    const b = await makeBackend({ timeoutMs: 100 });
    const r = await b.callTool('safe_go', { where: 'slow' }, ctx);
    expect(r.isError).toBe(true);
    expect(text(r)).toContain('did not answer in time');
  });
});

describe('pooled connections', () => {
  it('retries an idempotent request once when a reused keep-alive socket was closed by the server', async () => {
    const b = await makeBackend();
    expect((await b.callTool('safe_getItem', { id: '1' }, ctx)).isError).toBeFalsy();
    let drop = true;
    server.setHandler((_req, res) => {
      if (drop) {
        drop = false;
        res.socket?.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"2","name":"n"}');
    });
    const r = await b.callTool('safe_getItem', { id: '2' }, ctx);
    // The error text on failure: this test failed once on a machine at load 12 and the cause was not kept (the one
    // way found for it to fail: the pooled socket closed by the server's keep-alive timeout, now 10 minutes, above).
    expect(r.isError, text(r)).toBeFalsy();
    expect(server.requests.map((q) => q.url)).toEqual(['/v1/items/1', '/v1/items/2', '/v1/items/2']);
  });

  it('retries over a new connection: another pooled socket may have been closed by the server too', async () => {
    // A server's keep-alive timeout closes all of a burst's idle connections at once; the retry must not take the
    // next of them from the pool. Two calls at once leave two idle sockets in the pool.
    const b = await makeBackend();
    const pooled = new Set<unknown>();
    server.setHandler((_req, res) => {
      pooled.add(res.socket);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1","name":"n"}');
    });
    const first = await Promise.all([1, 2].map(() => b.callTool('safe_getItem', { id: '1' }, ctx)));
    expect(first.map((r) => r.isError ?? false)).toEqual([false, false]);
    expect(pooled.size).toBe(2);
    // Now the server has closed both: a request arriving on either is dropped, one on a new connection is answered.
    server.requests.length = 0;
    server.setHandler((_req, res) => {
      if (pooled.has(res.socket)) res.socket?.destroy();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"2","name":"n"}');
    });
    const r = await b.callTool('safe_getItem', { id: '2' }, ctx);
    expect(r.isError, text(r)).toBeFalsy();
    expect(server.requests.map((q) => q.url)).toEqual(['/v1/items/2', '/v1/items/2']);
  });

  it('does not retry a POST on a closed socket', async () => {
    const b = await makeBackend();
    expect((await b.callTool('safe_getItem', { id: '1' }, ctx)).isError).toBeFalsy();
    server.setHandler((_req, res) => res.socket?.destroy());
    const r = await b.callTool('safe_createItem', { name: 'n' }, ctx);
    expect(r.isError).toBe(true);
    expect(server.requests).toHaveLength(2);
  });
});

describe('auth', () => {
  it('gets an OAuth2 client-credentials token once and reuses it', async () => {
    const b = await makeBackend({
      auth: {
        cc: { credential: 'CC_SECRET', clientId: 'my-client', tokenUrl: `${server.url}/token`, scopes: ['read'] },
      },
    });
    for (let i = 0; i < 2; i++) expect((await b.callTool('safe_withClientCredentials', {}, ctx)).isError).toBeFalsy();
    expect(server.requests.map((q) => q.url)).toEqual(['/token', '/v1/cc', '/v1/cc']);
    const tokenReq = server.requests[0]!;
    expect(tokenReq.body.toString()).toBe('grant_type=client_credentials&scope=read');
    expect(tokenReq.headers.authorization).toBe(
      `Basic ${Buffer.from(`my-client:${CLIENT_SECRET}`).toString('base64')}`,
    );
    expect(server.requests[1]!.headers.authorization).toBe('Bearer issued-token-789');
  });

  it('reports a missing credential without calling the API', async () => {
    const b = await makeBackend({ auth: { key: { credential: 'UNSET_VAR' } } });
    const r = await b.callTool('safe_getItem', { id: '1' }, ctx);
    expect(r.isError).toBe(true);
    expect(text(r)).toContain('UNSET_VAR');
    expect(server.requests).toHaveLength(0);
  });
});

describe('lifecycle', () => {
  it('reports status and refuses unknown tools', async () => {
    const b = await makeBackend();
    expect(b.status()).toMatchObject({ name: 'safe', kind: 'openapi', state: 'ready', toolCount: 4 });
    expect((await b.callTool('nope', {}, ctx)).isError).toBe(true);
    await b.close();
    expect(b.status().state).toBe('closed');
  });

  it('goes down with the reason when the spec cannot be read', async () => {
    const b = createOpenApiBackend(
      { name: 'bad', spec: join(dir, 'missing.yaml') },
      { getCredential: () => undefined },
    );
    await expect(b.start()).rejects.toThrow();
    expect(b.status().state).toBe('down');
  });
});
