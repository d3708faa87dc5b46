/**
 * The credential boundary under attack, against a real local HTTP server that records what it receives:
 * an agent may not supply, shadow or duplicate a credential, choose framing headers, have a redirect followed
 * with the credential, or read an echoed credential in any encoding.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Backend, BackendCallContext } from '../../core/backend.js';
import type { JsonObject, ToolResult } from '../../core/tool.js';
import { createOpenApiBackend, type SecretLeak } from './backend.js';
import type { OpenApiBackendConfig } from './config.js';
import { createHttpExecutor } from './http-executor.js';
import { startCaptureServer, type CaptureServer } from './test-support/capture-server.js';

const ctx: BackendCallContext = {
  principal: { agent: 'test', method: 'stdio' },
  requestId: 'r1',
  signal: new AbortController().signal,
};
const KEY = 'k3y-Real+Secret/Value=42';
const COOKIE_KEY = 'cookie-secret-value-77';
const str = { type: 'string' };
const obj = { type: 'object', additionalProperties: true };

const spec = {
  openapi: '3.0.3',
  info: { title: 'Boundary', version: '1' },
  servers: [{ url: 'https://api.example.com/v1' }],
  security: [{ key: [], sess: [] }],
  components: {
    securitySchemes: {
      key: { type: 'apiKey', in: 'query', name: 'api_key' },
      sess: { type: 'apiKey', in: 'cookie', name: 'session' },
    },
  },
  paths: {
    '/search': {
      get: {
        operationId: 'search',
        parameters: [
          { name: 'q', in: 'query', schema: str },
          { name: 'API_KEY', in: 'query', schema: str },
          { name: 'filter', in: 'query', style: 'form', explode: true, schema: obj },
          { name: 'deep', in: 'query', style: 'deepObject', explode: true, schema: obj },
          { name: 'prefs', in: 'cookie', explode: true, schema: obj },
          { name: 'Host', in: 'header', schema: str },
          { name: 'Transfer-Encoding', in: 'header', schema: str },
          { name: 'Content-Length', in: 'header', schema: str },
          { name: 'Connection', in: 'header', schema: str },
          { name: 'Keep-Alive', in: 'header', schema: str },
          { name: 'TE', in: 'header', schema: str },
          { name: 'Trailer', in: 'header', schema: str },
          { name: 'Upgrade', in: 'header', schema: str },
          { name: 'Proxy-Authorization', in: 'header', schema: str },
          { name: 'Authorization', in: 'header', schema: str },
          { name: 'Cookie', in: 'header', schema: str },
          { name: 'X-Note', in: 'header', schema: str },
        ],
        responses: { '200': { description: 'ok' } },
      },
    },
    '/form': {
      post: {
        operationId: 'form',
        requestBody: {
          content: {
            'application/x-www-form-urlencoded': {
              schema: { type: 'object', properties: { note: str, meta: obj, api_key: str } },
            },
          },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
    '/json': {
      post: {
        operationId: 'json',
        requestBody: {
          content: { 'application/json': { schema: { type: 'object', properties: { note: obj, session: str } } } },
        },
        responses: { '200': { description: 'ok' } },
      },
    },
    '/echo/{how}': {
      get: {
        operationId: 'echo',
        parameters: [{ name: 'how', in: 'path', required: true, schema: str }],
        responses: { '200': { description: 'ok' } },
      },
    },
  },
};

let dir: string;
let specPath: string;
let server: CaptureServer;
const backends: Backend[] = [];
const leaks: SecretLeak[] = [];

async function makeBackend(overrides: Partial<OpenApiBackendConfig> = {}): Promise<Backend> {
  const b = createOpenApiBackend(
    {
      name: 'b',
      spec: specPath,
      baseUrl: `${server.url}/v1`,
      allowPrivateNetwork: true,
      auth: { key: { credential: 'KEY' }, sess: { credential: 'SESS' } },
      ...overrides,
    },
    { getCredential: (n) => ({ KEY, SESS: COOKIE_KEY })[n], onLeak: (l) => leaks.push(l) },
  );
  await b.start();
  backends.push(b);
  return b;
}

const text = (r: ToolResult): string => JSON.stringify(r);

/** Every encoding of `secret` the scanner promises to catch, as it would appear in an echo. */
function encodings(secret: string): string[] {
  const b = Buffer.from(secret);
  return [
    secret,
    b.toString('base64'),
    b.toString('base64url'),
    b.toString('hex'),
    b.toString('hex').toUpperCase(),
    encodeURIComponent(secret),
    Buffer.from(`Basic ${Buffer.from(`user:${secret}`).toString('base64')}`).toString('base64'),
  ];
}

function expectNoSecret(r: ToolResult): void {
  const t = text(r);
  for (const s of [KEY, COOKIE_KEY]) {
    for (const e of encodings(s)) expect(t).not.toContain(e);
    // Binary blobs come back base64-encoded: decode them and look again.
    for (const c of r.content) {
      const blob = (c as { resource?: { blob?: string } }).resource?.blob ?? (c as { data?: string }).data;
      if (typeof blob === 'string') expect(Buffer.from(blob, 'base64').includes(Buffer.from(s))).toBe(false);
    }
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portcullis-boundary-'));
  specPath = join(dir, 'boundary.json');
  writeFileSync(specPath, JSON.stringify(spec));
  server = await startCaptureServer();
});
afterAll(async () => {
  for (const b of backends) await b.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  server.requests.length = 0;
  leaks.length = 0;
  server.setHandler((req, res) => {
    const sentKey = new URL(req.url, 'http://x').searchParams.get('api_key') ?? '';
    const how = req.url.startsWith('/v1/echo/') ? req.url.slice('/v1/echo/'.length).split('?')[0] : undefined;
    if (how === 'base64')
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ seen: Buffer.from(`Bearer ${sentKey}`).toString('base64') }));
    else if (how === 'base64url')
      res
        .writeHead(200, { 'content-type': 'text/plain' })
        .end(`k=${Buffer.from(`xx${sentKey}`).toString('base64url')}`);
    else if (how === 'hex')
      res.writeHead(200, { 'content-type': 'text/plain' }).end(Buffer.from(sentKey).toString('hex'));
    else if (how === 'url') res.writeHead(200, { 'content-type': 'text/plain' }).end(`you sent ${req.url}`);
    else if (how === 'binary')
      res
        .writeHead(200, { 'content-type': 'application/octet-stream' })
        .end(Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(String(req.headers.cookie)), Buffer.from([255])]));
    else if (how === 'image')
      res
        .writeHead(200, { 'content-type': 'image/png' })
        .end(Buffer.concat([Buffer.from([137, 80]), Buffer.from(sentKey)]));
    else if (how === 'error')
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`bad key ${Buffer.from(sentKey).toString('base64')}`);
    else if (how === 'truncated')
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`${'a'.repeat(990)}${sentKey}`);
    else if (how === 'outside') res.writeHead(302, { location: '/admin/export' }).end();
    else if (how === 'sibling') res.writeHead(302, { location: '/v10/x' }).end();
    else if (how === 'dots') res.writeHead(302, { location: '/v1/../admin' }).end();
    else if (how === 'inside') res.writeHead(302, { location: '/v1/echo/landed' }).end();
    else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});

async function refused(args: JsonObject, tool = 'b_search'): Promise<string> {
  const b = await makeBackend();
  const r = await b.callTool(tool, args, ctx);
  expect(r.isError).toBe(true);
  expect(server.requests).toHaveLength(0);
  return text(r);
}

describe('the agent cannot supply, shadow or duplicate a credential', () => {
  it('sends the real credential once, in its place', async () => {
    const b = await makeBackend();
    expect((await b.callTool('b_search', { q: 'x' }, ctx)).isError).toBeFalsy();
    const url = new URL(server.requests[0]!.url, 'http://x');
    expect(url.searchParams.getAll('api_key')).toEqual([KEY]);
    expect(server.requests[0]!.headers.cookie).toBe(`session=${COOKIE_KEY}`);
  });

  it('hides a parameter named like the credential (any case) from the agent', async () => {
    const b = await makeBackend();
    const schema = b.tools().find((t) => t.localName === 'b_search')!.definition.inputSchema;
    expect(Object.keys(schema.properties as object)).not.toContain('API_KEY');
    expect(text(await b.callTool('b_search', { API_KEY: 'ATTACKER' }, ctx))).toContain('not allowed');
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [{ filter: { api_key: 'ATTACKER' } }, 'exploded query object'],
    [{ filter: { API_Key: 'ATTACKER' } }, 'exploded query object, other case'],
    [{ deep: { api_key: 'ATTACKER' } }, 'deepObject nesting'],
    [{ prefs: { session: 'ATTACKER' } }, 'exploded cookie object'],
  ] as [JsonObject, string][])('refuses %j (%s)', async (args) => {
    expect(await refused(args)).toContain('credential');
  });

  it.each([
    [{ note: 'n', api_key: 'ATTACKER' }, 'form field'],
    [{ note: 'n', meta: { api_key: 'ATTACKER' } }, 'nested form field'],
  ] as [JsonObject, string][])('refuses the body %j (%s)', async (args) => {
    expect(await refused(args, 'b_form')).toContain('credential field api_key');
  });

  it('refuses a credential name at the top of a JSON body, allows it deeper', async () => {
    expect(await refused({ session: 'ATTACKER' }, 'b_json')).toContain('credential field session');
    const b = await makeBackend();
    expect((await b.callTool('b_json', { note: { session: 'fine' } }, ctx)).isError).toBeFalsy();
  });
});

describe('cookie and header names and values', () => {
  it('refuses cookie names that are not tokens', async () => {
    expect(await refused({ prefs: { 'a;b': 'x' } })).toContain('not a valid cookie name');
    expect(await refused({ prefs: { 'a=b': 'x' } })).toContain('not a valid cookie name');
  });

  it('encodes cookie values so they cannot add pairs', async () => {
    const b = await makeBackend();
    expect((await b.callTool('b_search', { prefs: { theme: 'dark; session=ATTACKER' } }, ctx)).isError).toBeFalsy();
    expect(server.requests[0]!.headers.cookie).toBe(`theme=dark%3B%20session%3DATTACKER; session=${COOKIE_KEY}`);
  });

  it.each(['a\r\nX-Evil: 1', 'a\nb', 'a\u0000b', 'a\u0001b', 'a\u007fb', 'snow\u2603'])(
    'refuses the header value %j',
    async (v) => {
      expect(await refused({ 'X-Note': v })).toContain('control characters');
    },
  );
});

describe("hop-by-hop and framing headers are never the agent's", () => {
  const gatewayOnly = [
    'Host',
    'Transfer-Encoding',
    'Content-Length',
    'Connection',
    'Keep-Alive',
    'TE',
    'Trailer',
    'Upgrade',
    'Proxy-Authorization',
    'Authorization',
    'Cookie',
  ];

  it('drops them from the tool even though the spec declares them', async () => {
    const b = await makeBackend();
    const props = Object.keys(
      b.tools().find((t) => t.localName === 'b_search')!.definition.inputSchema.properties as object,
    );
    for (const h of gatewayOnly) expect(props).not.toContain(h);
    expect(props).toContain('X-Note');
  });

  it.each(gatewayOnly)('refuses %s as an argument', async (h) => {
    expect(await refused({ [h]: 'evil.example' })).toContain('not allowed');
  });

  it('the executor never copies them from a built request', async () => {
    const ex = createHttpExecutor({
      timeoutMs: 5000,
      connectTimeoutMs: 5000,
      maxResponseBytes: 1000,
      allowPrivateNetwork: true,
    });
    try {
      await ex.send({
        method: 'POST',
        url: new URL(`${server.url}/v1/x`),
        headers: {
          host: 'evil.example',
          'transfer-encoding': 'chunked',
          'content-length': '1',
          connection: 'upgrade',
          upgrade: 'h2c',
          'proxy-foo': 'x',
          te: 'trailers',
        },
        body: Buffer.from('hello'),
      });
    } finally {
      ex.close();
    }
    const got = server.requests[0]!;
    expect(got.headers.host).toBe(`127.0.0.1:${server.port}`);
    expect(got.headers['transfer-encoding']).toBeUndefined();
    expect(got.headers['content-length']).toBe('5');
    expect(got.headers.upgrade).toBeUndefined();
    expect(got.headers['proxy-foo']).toBeUndefined();
    expect(got.headers.te).toBeUndefined();
    expect(got.body.toString()).toBe('hello');
  });
});

describe('redirects are not followed with the credential', () => {
  it.each(['outside', 'sibling', 'dots', 'inside'])('does not follow the %s redirect', async (how) => {
    const b = await makeBackend();
    const r = await b.callTool('b_echo', { how }, ctx);
    expect(r.isError).toBe(true);
    expect(text(r)).toMatch(/HTTP 302 Found: the API redirected to \/\S+; the gateway follows no redirect/);
    expect(server.requests).toHaveLength(1);
  });
});

describe('echoed credentials are replaced and recorded', () => {
  it.each([
    ['base64', 'base64'],
    ['base64url', 'base64url'],
    ['hex', 'hex'],
    ['url', 'url'],
    ['binary', 'plain'],
    ['image', 'plain'],
    ['error', 'base64'],
  ])('%s echo', async (how, encoding) => {
    const b = await makeBackend();
    const r = await b.callTool('b_echo', { how }, ctx);
    expectNoSecret(r);
    const blobs = r.content.map((c) => {
      const blob = (c as { resource?: { blob?: string } }).resource?.blob ?? (c as { data?: string }).data;
      return typeof blob === 'string' ? Buffer.from(blob, 'base64').toString('latin1') : '';
    });
    expect(`${text(r)}${blobs.join('')}`).toContain('[REDACTED]');
    expect(leaks).toHaveLength(1);
    expect(leaks[0]).toMatchObject({ backend: 'b', tool: 'b_echo', requestId: 'r1', where: 'response' });
    // A base64url core without '-' or '_' is the base64 core too: either label is right.
    const labels = encoding === 'base64url' ? ['base64', 'base64url'] : [encoding];
    expect(leaks[0]!.encodings.some((e) => labels.includes(e))).toBe(true);
    expect(JSON.stringify(leaks)).not.toContain(KEY);
  });

  it('a secret cut by the size limit is not handed over in part', async () => {
    const b = await makeBackend({ maxResponseBytes: 1000 });
    const r = await b.callTool('b_echo', { how: 'truncated' }, ctx);
    expect(text(r)).not.toContain(KEY.slice(0, 6));
    expect(leaks).toHaveLength(1);
  });

  it('a clean response is not touched and records nothing', async () => {
    const b = await makeBackend();
    const r = await b.callTool('b_echo', { how: 'plain' }, ctx);
    expect(text(r)).toContain('{\\"ok\\":true}');
    expect(leaks).toHaveLength(0);
  });
});
