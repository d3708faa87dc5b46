/**
 * Every response of the gateway's listener carries the security headers (src/http/security-headers.ts): each path
 * the running gateway says it serves (`front.paths()`, so a route added later is walked too), with every method,
 * signed in or not, and the MCP endpoint's error answers one by one (401, 403, 404, 405, 413, 415, 429, 503, a
 * JSON-RPC parse error). The gateway runs in this process so that its route list can be read.
 */
import { request } from 'node:http';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../src/config/load.js';
import { runGateway, type Running } from '../../src/cli/runtime.js';
import { cli, freePort, stdioUpstream, tempDir } from './harness.js';

let dir: string;
let running: Running;
let port: number;
let agentKey: string;
let adminKey: string;
const CLOSED = await freePort(); // an issuer nobody answers at: a JWT cannot be checked (503)

beforeAll(async () => {
  dir = tempDir('portcullis-headers-');
  port = await freePort();
  const file = join(dir, 'portcullis.yaml');
  writeFileSync(
    file,
    `server: { port: ${port}, metrics: true, maxBodyBytes: 2048 }
dataDir: data
upstreams:
${stdioUpstream('t')}
agents:
  bot:
    tools: { allow: ["t_echo"] }
users:
  root: { roles: [admin] }
limits:
  failedAuth: { limit: 100, per: minute }
auth:
  oauth:
    issuer: http://127.0.0.1:${CLOSED}
    audience: http://127.0.0.1:${port}/mcp
`,
  );
  const create = (group: string, name: string) => {
    const r = cli([group, 'create', name, '--config', file]);
    if (r.code !== 0) throw new Error(r.stderr);
    return r.stdout.trim();
  };
  agentKey = create('agents', 'bot');
  adminKey = create('users', 'root');
  running = await runGateway(loadConfigFile(file, process.env, { requireLocalFiles: true }), { watch: false });
}, 60_000);

afterAll(async () => {
  await running?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Documents that are public by design and may be cached (they carry no token and no identity). */
const PUBLIC = /^\/\.well-known\/|^\/assets\//;

function expectHeaders(a: Answer, what: string, path: string): void {
  expect(a.headers['x-content-type-options'], what).toBe('nosniff');
  expect(a.headers['x-frame-options'], what).toBe('DENY');
  expect(a.headers['referrer-policy'], what).toBe('no-referrer');
  expect(a.headers['content-security-policy'], what).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
  if (PUBLIC.test(path) && a.status === 200) expect(a.headers['cache-control'], what).toMatch(/max-age=\d+/);
  else expect(a.headers['cache-control'], what).toMatch(/^no-(store|cache)\b/);
}

const JSON_TYPE = { 'content-type': 'application/json' };
const asAgent = () => ({ authorization: `Bearer ${agentKey}` });
const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'headers', version: '1' } },
});
const accept = { accept: 'application/json, text/event-stream' };

describe('security headers on every response', () => {
  it('the listener names its routes: the MCP endpoint, the well-known documents, health, metrics, API and dashboard', () => {
    const paths = running.front.paths();
    for (const p of ['/mcp', '/.well-known/oauth-protected-resource', '/healthz', '/readyz', '/metrics'])
      expect(paths).toContain(p);
    expect(paths.some((p) => p.startsWith('/api/v1/'))).toBe(true);
    expect(paths).toContain('/auth/session');
  });

  it('every path the gateway serves, with every method, anonymous and signed in', async () => {
    const paths = [...running.front.paths(), '/no-such-route', '/api/v1/no-such-group'];
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) {
      for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
        const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? '{}' : undefined;
        const anonymous = await send(method, path, body ? JSON_TYPE : {}, body);
        expectHeaders(anonymous, `${method} ${path} (anonymous): ${anonymous.status}`, path);
        const signedIn = await send(
          method,
          path,
          { authorization: `Bearer ${adminKey}`, ...(body ? JSON_TYPE : {}) },
          body,
        );
        expectHeaders(signedIn, `${method} ${path} (admin): ${signedIn.status}`, path);
      }
    }
  }, 120_000);

  it("the MCP endpoint's answers and errors, one by one", async () => {
    const cases: [what: string, status: number, answer: Promise<Answer>][] = [
      ['no credentials', 401, send('POST', '/mcp', { ...JSON_TYPE, ...accept }, initialize)],
      [
        'a wrong key',
        401,
        send('POST', '/mcp', { ...JSON_TYPE, ...accept, authorization: 'Bearer pk_x_y' }, initialize),
      ],
      [
        'a foreign Host',
        403,
        send('POST', '/mcp', { ...JSON_TYPE, ...accept, ...asAgent(), host: 'evil.example' }, initialize),
      ],
      [
        'an unknown session',
        404,
        send(
          'POST',
          '/mcp',
          { ...JSON_TYPE, ...accept, ...asAgent(), 'mcp-session-id': 'nope' },
          '{"jsonrpc":"2.0","id":2,"method":"tools/list"}',
        ),
      ],
      ['PUT', 405, send('PUT', '/mcp', asAgent())],
      [
        'a body over the limit',
        413,
        send('POST', '/mcp', { ...JSON_TYPE, ...accept, ...asAgent() }, `"${'x'.repeat(4096)}"`),
      ],
      ['text/plain', 415, send('POST', '/mcp', { ...accept, ...asAgent(), 'content-type': 'text/plain' }, initialize)],
      [
        'a JWT the unreachable issuer cannot vouch for',
        503,
        send(
          'POST',
          '/mcp',
          { ...JSON_TYPE, ...accept, authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' },
          initialize,
        ),
      ],
      ['a body that is not JSON', 400, send('POST', '/mcp', { ...JSON_TYPE, ...accept, ...asAgent() }, '{')],
      ['a session opened', 200, send('POST', '/mcp', { ...JSON_TYPE, ...accept, ...asAgent() }, initialize)],
    ];
    for (const [what, status, answer] of cases) {
      const a = await answer;
      expect(a.status, what).toBe(status);
      expectHeaders(a, `/mcp: ${what}`, '/mcp');
    }
  }, 60_000);

  it('429 once the failed-authentication budget is spent', async () => {
    let last: Answer | undefined;
    for (let i = 0; i < 102 && last?.status !== 429; i++)
      last = await send('POST', '/mcp', { ...JSON_TYPE, authorization: 'Bearer pk_x_y' }, initialize);
    expect(last?.status).toBe(429);
    expectHeaders(last!, '/mcp: throttled', '/mcp');
    const health = await send('GET', '/healthz');
    expectHeaders(health, `/healthz while throttled: ${health.status}`, '/healthz');
  }, 60_000);
});
