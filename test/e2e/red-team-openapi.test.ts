// Security decisions the first red team left open (2026-11-29), over real sockets: the real CLI `serve`, a real MCP
// client, and a real HTTP API that behaves like many servers do (it percent-decodes and normalises the path before it
// routes, and keeps the credential the gateway injects). Each `it` is one attack that must fail.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditQuery, connectAgent, startGateway, tempDir, type AuditRec, type RunningGateway } from './harness.js';

const API_KEY = 'ak_live_red_team_never_shown_0123456789';

const spec = {
  openapi: '3.0.3',
  info: { title: 'Decoding API', version: '1' },
  security: [{ key: [] }],
  components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } },
  paths: {
    '/items/{id}': {
      get: {
        operationId: 'getItem',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    },
    '/items/{id}/keys': {
      get: {
        operationId: 'getItemKeys',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    },
    '/admin': { get: { operationId: 'adminDump', responses: { '200': { description: 'ok' } } } },
    '/go/{where}': {
      post: {
        operationId: 'go',
        parameters: [{ name: 'where', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    },
  },
};

interface Routed {
  raw: string;
  routed: string;
  key: string | undefined;
}

/** An API that decodes the path (twice, NFKC, `\` as `/`, dot segments resolved) before it routes: many do. */
async function startDecodingApi(): Promise<{ url: string; routed: Routed[]; close(): Promise<void> }> {
  const routed: Routed[] = [];
  const server = http.createServer((req, res) => {
    const raw = (req.url ?? '/').split('?')[0]!;
    let p = raw;
    for (let i = 0; i < 2; i++) {
      try {
        p = decodeURIComponent(p);
      } catch {
        break;
      }
    }
    const path = new URL(p.normalize('NFKC').replace(/^\/+/, '/'), 'http://api.local').pathname.replace(/\/{2,}/g, '/');
    const key = req.headers['x-api-key'] as string | undefined;
    routed.push({ raw, routed: path, key });
    req.resume();
    res.setHeader('content-type', 'application/json');
    if (key !== API_KEY) return void res.writeHead(401).end('{"error":"no key"}');
    if (path === '/v1/admin') return void res.end('{"admin":"every customer record"}');
    // An API that answers with a redirect to another of its own operations (any status, any method).
    const go = /^\/v1\/go\/(30[12378])$/.exec(path);
    if (go) return void res.writeHead(Number(go[1]), { location: `/v1/admin?key=${API_KEY}` }).end();
    if (path === '/v1/items/keys') return void res.end('{"keys":"every item key"}');
    const item = /^\/v1\/items\/([^/]+)$/.exec(path);
    if (item) return void res.end(JSON.stringify({ item: item[1] }));
    res.writeHead(404).end('{"error":"not found"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    routed,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let api: Awaited<ReturnType<typeof startDecodingApi>>;
let gw: RunningGateway;
let specDir: string | undefined;
beforeAll(async () => {
  api = await startDecodingApi();
  specDir = tempDir();
  const specFile = join(specDir, 'decoding-api.json');
  writeFileSync(specFile, JSON.stringify(spec));
  gw = await startGateway(
    `
openapi:
  api:
    spec: ${JSON.stringify(specFile)}
    baseUrl: ${api.url}/v1
    allowPrivateNetwork: true
    auth:
      key: { credential: API_KEY }
agents:
  bot:
    tools: { allow: ["api_getItem", "api_go"] }
`,
    { env: { API_KEY } },
  );
}, 60_000);
afterAll(async () => {
  await gw?.stop();
  await api?.close();
  if (specDir) rmSync(specDir, { recursive: true, force: true });
});

const text = (r: { content?: unknown }) =>
  ((r.content as { text?: string }[]) ?? []).map((c) => c.text ?? '').join('\n');

describe('red team: path traversal through an OpenAPI path parameter at a server that decodes the path', () => {
  it('a value that decodes to a "." or ".." segment, or an empty one, is refused naming the field, before any audit intent or request', async () => {
    const c = await connectAgent(gw.url, gw.keys.bot);
    // Before: `../admin` went out as /v1/items/..%2Fadmin, which the API decoded to /v1/admin and answered with the
    // injected key: an operation no policy allowed. The encoded, double-encoded, overlong, %u, fullwidth and
    // backslash forms did the same at servers that decode them.
    const attacks = [
      '../admin',
      '..%2Fadmin',
      '%2e%2e%2fadmin',
      '%252E%252E%252Fadmin',
      '..\\admin',
      '..%5Cadmin',
      '\uff0e\uff0e\uff0fadmin',
      '%c0%ae%c0%ae%c0%afadmin',
      '%u002e%u002e%u2215admin',
      '..;x/admin',
      '.',
      '',
    ];
    for (const id of attacks) {
      api.routed.length = 0;
      const r = await c.callTool({ name: 'api_getItem', arguments: { id } });
      expect({ id, isError: r.isError, text: text(r) }).toMatchObject({
        id,
        isError: true,
        text: expect.stringMatching(/^Invalid arguments for api_getItem: id: a path parameter may not/) as string,
      });
      expect(text(r)).not.toContain('every customer record');
      expect(api.routed).toEqual([]);
    }
    // Values a server cannot read as another path still go out, exactly encoded.
    api.routed.length = 0;
    for (const id of ['a.b', '...', 'v1..2', 'x/y', '%']) await c.callTool({ name: 'api_getItem', arguments: { id } });
    expect(api.routed.map((q) => q.raw)).toEqual([
      '/v1/items/a.b',
      '/v1/items/...',
      '/v1/items/v1..2',
      '/v1/items/x%2Fy',
      '/v1/items/%25',
    ]);
    await c.close();
    // Refused at validation: recorded as invalid arguments, never as a call that was requested of the API.
    const recs = auditQuery<AuditRec>(gw.configFile, '--agent', 'bot');
    const refused = recs.filter((r) => r.resultStatus === 'invalid_args');
    expect(refused.length).toBe(attacks.length);
    for (const r of refused) expect(r.type).toBe('tool.call.denied');
    expect(recs.filter((r) => r.type === 'tool.call.requested').length).toBe(5);
    expect(JSON.stringify(recs)).not.toContain(API_KEY);
  });
});

describe('red team: a redirect from the API to another of its operations', () => {
  it('is answered to the agent as an error, never followed with the injected credential', async () => {
    const c = await connectAgent(gw.url, gw.keys.bot);
    // Before: the gateway followed a same-origin redirect under the base path with the credential attached, so
    // POST /v1/go/307 reached GET-only /v1/admin (307 and 308 keep the method, 301-303 turn it into a GET), an
    // operation the policy never allowed, and its answer came back as the result of api_go.
    for (const status of ['301', '302', '303', '307', '308']) {
      api.routed.length = 0;
      const r = await c.callTool({ name: 'api_go', arguments: { where: status } });
      expect(r.isError, status).toBe(true);
      expect(text(r)).toMatch(
        new RegExp(`^HTTP ${status}\\b.*redirected to /v1/admin; the gateway follows no redirect`),
      );
      expect(text(r)).not.toContain('every customer record');
      expect(text(r)).not.toContain(API_KEY);
      expect(api.routed.map((q) => q.routed)).toEqual([`/v1/go/${status}`]);
    }
    await c.close();
  });
});
