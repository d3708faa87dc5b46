/**
 * `openapi.<name>.headers` against a real local HTTP server that records what it receives: `${secret:NAME}` values
 * are resolved per request (a rotated secret is sent from the next call, no restart), the agent can neither set nor
 * shadow a configured header, an echo of the value never reaches the agent, and framing headers cannot be configured.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendCallContext } from '../../core/backend.js';
import { createSecretResolver } from '../../vault/references.js';
import { createOpenApiBackend } from './backend.js';
import { openApiBackendConfigSchema } from './config.js';
import { startCaptureServer, type CaptureServer } from './test-support/capture-server.js';

const ctx: BackendCallContext = {
  principal: { agent: 'test', method: 'stdio' },
  requestId: 'r1',
  signal: new AbortController().signal,
};
const spec = {
  openapi: '3.0.3',
  info: { title: 'Headers', version: '1' },
  servers: [{ url: 'https://api.example.com/v1' }],
  paths: {
    '/echo': {
      get: {
        operationId: 'echo',
        parameters: [
          { name: 'X-Team-Token', in: 'header', schema: { type: 'string' } },
          { name: 'x-api-version', in: 'header', schema: { type: 'string' } },
          { name: 'X-Note', in: 'header', schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'ok' } },
      },
    },
  },
};

let api: CaptureServer;
let dir: string;
const values: Record<string, string> = { TEAM: 'team-Secret/+=0001' };

beforeAll(async () => {
  api = await startCaptureServer();
  // Echoes the team token back, base64-encoded, as a careless API might.
  api.setHandler((req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/plain' })
      .end(`token ${Buffer.from(String(req.headers['x-team-token'])).toString('base64')}`),
  );
  dir = mkdtempSync(join(tmpdir(), 'portcullis-headers-'));
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

async function backend() {
  const resolver = createSecretResolver({ kind: 'test', get: async (n) => values[n] });
  const b = createOpenApiBackend(
    {
      name: 'h',
      spec: join(dir, 'spec.json'),
      baseUrl: `${api.url}/v1`,
      allowPrivateNetwork: true,
      headers: { 'X-Team-Token': 'Team ${secret:TEAM}', 'x-api-version': '2026-01-01' },
    },
    { getCredential: (n) => resolver.resolve(n), otherSecrets: () => resolver.known() },
  );
  await b.start();
  return b;
}

describe('OpenAPI extra headers', () => {
  it('sends configured headers with secrets resolved per call; rotation needs no restart', async () => {
    const b = await backend();
    const first = await b.callTool('h_echo', {}, ctx);
    expect(first.isError).toBeFalsy();
    expect(api.requests.at(-1)!.headers['x-team-token']).toBe(`Team ${values.TEAM}`);
    expect(api.requests.at(-1)!.headers['x-api-version']).toBe('2026-01-01');
    expect(JSON.stringify(first)).toContain('[REDACTED]');
    expect(JSON.stringify(first)).not.toContain(Buffer.from(`Team ${values.TEAM}`).toString('base64'));

    values.TEAM = 'team-Secret/+=0002';
    await b.callTool('h_echo', {}, ctx);
    expect(api.requests.at(-1)!.headers['x-team-token']).toBe('Team team-Secret/+=0002');
    await b.close?.();
  });

  it('hides configured headers from the tool and refuses an agent that sets or shadows one', async () => {
    const b = await backend();
    const props = Object.keys(b.tools()[0]!.definition.inputSchema.properties as object);
    expect(props.map((p) => p.toLowerCase())).toEqual(['x-note']);
    const before = api.requests.length;
    for (const args of [{ 'X-Team-Token': 'Team attacker' }, { 'x-api-version': '1999' }]) {
      const r = await b.callTool('h_echo', args, ctx);
      expect(r.isError).toBe(true);
      expect(JSON.stringify(r.content)).toMatch(/not allowed|set by the gateway only/);
    }
    expect(api.requests.length).toBe(before);
    const ok = await b.callTool('h_echo', { 'X-Note': 'fine' }, ctx);
    expect(ok.isError).toBeFalsy();
    await b.close?.();
  });

  it('refuses the call when the secret is not set', async () => {
    const b = await backend();
    const saved = values.TEAM!;
    delete values.TEAM;
    const before = api.requests.length;
    const r = await b.callTool('h_echo', {}, ctx);
    expect(r.isError).toBe(true);
    expect(JSON.stringify(r.content)).toContain('TEAM is not set');
    expect(api.requests.length).toBe(before);
    values.TEAM = saved;
    await b.close?.();
  });

  it('cannot configure hop-by-hop or framing headers, nor an invalid name', () => {
    for (const name of ['Host', 'Content-Length', 'transfer-encoding', 'Connection', 'Upgrade', 'Bad Name'])
      expect(openApiBackendConfigSchema.safeParse({ spec: 'x.json', headers: { [name]: 'v' } }).success, name).toBe(
        false,
      );
    expect(
      openApiBackendConfigSchema.safeParse({ spec: 'x.json', headers: { Authorization: 'Token x' } }).success,
    ).toBe(true);
  });
});
