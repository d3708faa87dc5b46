// Red team (2026-11-29): one agent's calls that the API fails on opened the shared circuit breaker of the backend, so
// every other agent's calls were refused. Real CLI, real MCP clients, a real HTTP API.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectAgent, startGateway, tempDir, type RunningGateway } from './harness.js';

const spec = {
  openapi: '3.0.3',
  info: { title: 'x', version: '1' },
  paths: {
    '/items/{id}': {
      get: {
        operationId: 'getItem',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    },
    '/search': {
      get: {
        operationId: 'search',
        parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    },
  },
};
let server: http.Server;
let gw: RunningGateway;
let specDir: string | undefined;
beforeAll(async () => {
  // An API that fails on input it does not expect (500), and is slow on an expensive query: as many do.
  server = http.createServer((req, res) => {
    req.resume();
    if (req.url?.includes('%27')) return void res.writeHead(500).end('syntax error at or near "\'"');
    if (req.url?.includes('q=slow')) return void setTimeout(() => res.end('{}'), 3000);
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  specDir = tempDir();
  const specFile = join(specDir, 'api.json');
  writeFileSync(specFile, JSON.stringify(spec));
  gw = await startGateway(`
openapi:
  api:
    spec: ${JSON.stringify(specFile)}
    baseUrl: http://127.0.0.1:${(server.address() as AddressInfo).port}
    allowPrivateNetwork: true
    timeoutMs: 1000
agents:
  mallory: { tools: { allow: ["api_*"] } }
  trudy: { tools: { allow: ["api_*"] } }
  alice: { tools: { allow: ["api_*"] } }
`);
}, 60_000);
afterAll(async () => {
  await gw?.stop();
  await new Promise((r) => server.close(r));
  if (specDir) rmSync(specDir, { recursive: true, force: true });
});

it.each([
  ['an input the API answers with HTTP 500', 'mallory', { name: 'api_getItem', arguments: { id: "1'" } }],
  ['an expensive query that times out', 'trudy', { name: 'api_search', arguments: { q: 'slow' } }],
])("%s: five calls open only the sender's own breaker, never the backend's for other agents", async (_k, who, call) => {
  // Before: five such calls opened backend api's breaker, and alice's calls were refused for 30 s.
  const m = await connectAgent(gw.url, gw.keys[who]);
  for (let i = 0; i < 5; i++) expect((await m.callTool(call)).isError).toBe(true);
  const own = await m.callTool({ name: 'api_getItem', arguments: { id: '1' } });
  expect(JSON.stringify(own.content)).toContain('circuit open for this agent');
  await m.close();
  const a = await connectAgent(gw.url, gw.keys.alice);
  const r = await a.callTool({ name: 'api_getItem', arguments: { id: '1' } });
  await a.close();
  expect(r.isError).toBeFalsy();
  expect(r.content).toEqual([{ type: 'text', text: '{"ok":true}' }]);
});
