import { request } from 'node:https';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, fetch as undiciFetch } from 'undici';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { eventually, FIXTURES, startGateway, tempDir, type RunningGateway } from './harness.js';
import { createTestCa, stamp, type Issued, type TestCa } from './support/pki.js';

let dir: string;
let ca: TestCa;
let gw: RunningGateway;
const certs: Record<string, Issued> = {};

beforeAll(async () => {
  dir = tempDir('portcullis-pki-');
  ca = createTestCa(join(dir, 'ca'), 'Portcullis Test CA');
  const rogue = createTestCa(join(dir, 'rogue'), 'Rogue CA');
  certs.server = ca.issue('server', { cn: '127.0.0.1', san: 'IP:127.0.0.1,DNS:localhost', server: true });
  certs.good = ca.issue('good', { cn: 'billing-bot' });
  certs.spiffe = ca.issue('spiffe', { cn: 'workload', san: 'URI:spiffe://acme.example/agent/reporter' });
  certs.pinned = ca.issue('pinned', { cn: 'pinned-device' });
  certs.unmapped = ca.issue('unmapped', { cn: 'nobody-we-know' });
  const day = 86400_000;
  certs.expired = ca.issue('expired', {
    cn: 'billing-bot',
    validity: { from: stamp(new Date(Date.now() - 10 * day)), to: stamp(new Date(Date.now() - day)) },
  });
  certs.revoked = ca.issue('revoked', { cn: 'billing-bot' });
  certs.denylisted = ca.issue('denylisted', { cn: 'billing-bot' });
  ca.revoke(certs.revoked);
  const crl = ca.crl();
  certs.rogue = rogue.issue('rogue', { cn: 'billing-bot' });

  gw = await startGateway(`
server:
  tls: { cert: ${certs.server.cert}, key: ${certs.server.key}, clientCa: ${ca.certFile}, crl: ${crl} }
upstreams:
  t:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'test-upstream.mjs'))}]
agents:
  billing: { tools: { allow: ["t_echo"] } }
  reporter: { tools: { allow: ["t_echo"] } }
  device: { tools: { allow: ["t_echo"] } }
  keyed: { tools: { allow: ["t_echo"] } }
users:
  root: { roles: [admin] }
auth:
  mtls:
    identities:
      - { agent: billing, commonName: billing-bot }
      - { agent: reporter, san: "URI:spiffe://acme.example/agent/reporter" }
      - { agent: device, fingerprint: "${certs.pinned.fingerprint256}" }
    revoked: { serials: ["${certs.denylisted.serial}"] }
`);
}, 60_000);

afterAll(async () => {
  await gw?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** One initialize over HTTPS with (or without) a client certificate; returns the status and headers. */
function initialize(
  client: Issued | undefined,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
  });
  return new Promise((resolve, reject) => {
    const req = request(
      gw.url,
      {
        method: 'POST',
        ca: caPem(),
        ...(client ? { cert: client.certPem, key: client.keyPem } : {}),
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
        agent: false,
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('HTTPS listener and client certificates (CA made by the test with openssl)', () => {
  it('serves HTTPS with the configured certificate', () => {
    expect(gw.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/mcp$/);
  });

  it('a certificate from the CA maps to its agent by CN, and a real MCP client calls a tool with it', async () => {
    const dispatcher = new Agent({
      connect: { ca: caPem(), cert: certs.good!.certPem, key: certs.good!.keyPem },
    });
    const client = new Client({ name: 'mtls', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(gw.url), {
        fetch: ((url: string | URL, init?: RequestInit) =>
          undiciFetch(url, { ...(init as object), dispatcher })) as unknown as typeof fetch,
      }),
    );
    const r = await client.callTool({ name: 't_echo', arguments: { message: 'over mTLS' } });
    expect(r.content).toEqual([{ type: 'text', text: 'echo: over mTLS' }]);
    await client.close();
    await dispatcher.close();
  });

  it('maps by subject alternative name and by SHA-256 fingerprint', async () => {
    expect((await initialize(certs.spiffe)).status).toBe(200);
    expect((await initialize(certs.pinned)).status).toBe(200);
  });

  it('without a certificate the request falls through to API keys; with neither it is refused', async () => {
    expect((await initialize(undefined, { authorization: `Bearer ${gw.keys.keyed}` })).status).toBe(200);
    const none = await initialize(undefined);
    expect(none.status).toBe(401);
    expect(String(none.headers['www-authenticate'])).toMatch(/^Bearer realm="portcullis"/);
  });

  it.each([
    ['from an unknown CA', 'rogue', 'certificate-unknown-ca'],
    ['expired', 'expired', 'certificate-expired'],
    ['revoked in the CRL', 'revoked', 'certificate-revoked'],
    ['revoked by serial in config', 'denylisted', 'certificate-revoked'],
  ])('refuses a certificate %s with 401 and records why', async (_what, name, reason) => {
    const r = await initialize(certs[name]);
    expect(r.status).toBe(401);
    // A refused certificate is final: an API key in the same request does not rescue it.
    expect((await initialize(certs[name], { authorization: `Bearer ${gw.keys.keyed}` })).status).toBe(401);
    // Events are written in the background (group commit): wait for this one to land.
    await eventually(async () => (await auditEvents()).some((e) => e.reasons?.includes(reason)));
  });

  it('refuses a valid certificate that names no agent with 403', async () => {
    expect((await initialize(certs.unmapped)).status).toBe(403);
  });
});

const caPem = () => readFileSync(ca.certFile, 'utf8');

async function auditEvents(): Promise<{ reasons?: string[] }[]> {
  const r = await new Promise<string>((resolve, reject) => {
    const req = request(
      `${gw.base}/api/v1/audit?type=auth.failed`,
      { ca: caPem(), headers: { authorization: `Bearer ${gw.keys.root}` }, agent: false },
      (res) => {
        let t = '';
        res.on('data', (d: Buffer) => (t += d.toString()));
        res.on('end', () => resolve(t));
      },
    );
    req.on('error', reject);
    req.end();
  });
  return (JSON.parse(r) as { records: { reasons?: string[] }[] }).records;
}
