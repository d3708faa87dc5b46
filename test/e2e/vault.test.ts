// The vault end to end: secrets set with the real CLI (stdin), referenced as ${secret:NAME} by an OpenAPI backend,
// resolved at call time (rotation without restart), master key rotated while calls go through. The local API
// receives the credential; the MCP client, audit files, logs and CLI output never hold it in any encoding.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { startCaptureServer, type CaptureServer } from '../../src/backends/openapi/test-support/capture-server.js';
import { generateMasterKey } from '../../src/vault/envelope.js';
import { formatKeyring } from '../../src/vault/master-keys.js';
import { CLI, connectAgent, eventually, FIXTURES, startGateway, tempDir, type RunningGateway } from './harness.js';

const FIRST = 'vault-e2e-first-Secret/+=0123456789';
const API_VALUE = 'vault-e2e-api-Secret/+=5555555555';
const UPSTREAM = 'vault-e2e-upstream-Secret/+=7777777777';
const SECOND = 'vault-e2e-second-Secret/+=9876543210';
const spec = {
  openapi: '3.0.3',
  info: { title: 'Echo', version: '1' },
  servers: [{ url: 'https://api.example.com/v1' }],
  security: [{ key: [] }],
  components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } },
  paths: {
    '/echo/{how}': {
      get: {
        operationId: 'echo',
        parameters: [{ name: 'how', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'ok' } },
      },
    },
  },
};

let api: CaptureServer;
let gw: RunningGateway;
let client: Client;
let keyDir: string;
const cliOutput: string[] = [];

function run(args: string[], input?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args, '--config', gw.configFile], {
    cwd: gw.dir,
    input: input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  cliOutput.push(r.stdout, r.stderr);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function forms(secret: string): string[] {
  const b = Buffer.from(secret);
  return [secret, b.toString('base64'), b.toString('base64url'), b.toString('hex'), encodeURIComponent(secret)];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const apiBodies: string[] = [];
async function api_(method: string, path: string, key: string | undefined, body?: unknown) {
  const r = await fetch(`${gw.base}${path}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  apiBodies.push(text);
  return { status: r.status, text };
}

const call = (how: string) => client.callTool({ name: 'echo_echo', arguments: { how } });

beforeAll(async () => {
  api = await startCaptureServer();
  api.setHandler((req, res) => {
    const key = String(req.headers['x-api-key']);
    const how = req.url.split('/').pop();
    const body =
      how === 'b64'
        ? Buffer.from(`seen ${key}`).toString('base64')
        : how === 'hex'
          ? Buffer.from(key).toString('hex')
          : key;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
  });
  keyDir = tempDir('portcullis-keys-');
  writeFileSync(join(keyDir, 'master.keys'), formatKeyring([generateMasterKey()]), { mode: 0o600 });
  const specFile = join(keyDir, 'echo.json');
  writeFileSync(specFile, JSON.stringify(spec));
  gw = await startGateway(`
vault:
  masterKeyFile: ${JSON.stringify(join(keyDir, 'master.keys'))}
openapi:
  echo:
    spec: ${JSON.stringify(specFile)}
    baseUrl: ${api.url}/v1
    allowPrivateNetwork: true
    auth:
      key: { credential: "\${secret:ECHO_KEY}" }
upstreams:
  envecho:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'env-echo-upstream.mjs'))}]
    env: { UPSTREAM_TOKEN: "\${secret:UPSTREAM_TOKEN}" }
agents:
  bot:
    tools: { allow: ["echo_*", "envecho_*"] }
users:
  alice: { roles: [admin] }
  audrey: { roles: [auditor] }
`);
  client = await connectAgent(gw.url, gw.keys.bot);
});
afterAll(async () => {
  await client?.close();
  await gw?.stop();
  await api?.close();
  if (keyDir) spawnSync('rm', ['-rf', keyDir]);
});

describe('vault through the gateway', () => {
  it('refuses the call while the secret is not set', async () => {
    const r = await call('plain');
    expect(r.isError).toBe(true);
    expect(JSON.stringify(r.content)).toContain('ECHO_KEY is not set');
    expect(api.requests).toHaveLength(0);
  });

  it('never takes a value from argv', () => {
    const r = run(['secrets', 'set', 'ECHO_KEY', FIRST]);
    expect(r.code).not.toBe(0);
  });

  it('resolves at call time, rotates without restart, and keeps every encoding from the agent', async () => {
    expect(run(['secrets', 'set', 'ECHO_KEY'], `${FIRST}\n`).code).toBe(0);
    for (const how of ['plain', 'b64', 'hex']) {
      const r = await call(how);
      expect(JSON.stringify(r)).toContain('[REDACTED]');
      for (const f of forms(FIRST)) expect(JSON.stringify(r)).not.toContain(f);
    }
    expect(api.requests.map((q) => q.headers['x-api-key'])).toEqual([FIRST, FIRST, FIRST]);

    expect(run(['secrets', 'rotate', 'ECHO_KEY'], SECOND).code).toBe(0);
    const r = await call('plain');
    expect(JSON.stringify(r)).not.toContain(SECOND);
    expect(api.requests.at(-1)!.headers['x-api-key']).toBe(SECOND);

    const list = run(['secrets', 'list']);
    expect(list.stdout).toMatch(/^ECHO_KEY\t2\t/m);
  });

  it('rotates the master key while calls go through: none fails', async () => {
    let stop = false;
    let failed = 0;
    let done = 0;
    const load = (async () => {
      while (!stop) {
        const r = await call('plain');
        if (r.isError) failed++;
        done++;
      }
    })();
    const rotated = spawnSync(process.execPath, [CLI, 'keys', 'rotate', '--config', gw.configFile], {
      cwd: gw.dir,
      encoding: 'utf8',
    });
    stop = true;
    await load;
    cliOutput.push(rotated.stdout, rotated.stderr);
    expect(rotated.status).toBe(0);
    expect(rotated.stderr).toMatch(/Re-wrapped 1 data key/);
    expect(done).toBeGreaterThan(0);
    expect(failed).toBe(0);
    expect((await call('plain')).isError).toBeFalsy();
    expect(api.requests.at(-1)!.headers['x-api-key']).toBe(SECOND);
  });

  it('hands a stdio upstream its secret at spawn and keeps the echo from the agent', async () => {
    expect(run(['secrets', 'set', 'UPSTREAM_TOKEN'], UPSTREAM).code).toBe(0);
    // The upstream could not start without its secret; it is retried and now spawns with the value.
    const r = await eventually(
      async () => {
        const res = await client.callTool({ name: 'envecho_whoami', arguments: {} });
        return res.isError ? undefined : res;
      },
      30_000,
      250,
    );
    const t = JSON.stringify(r);
    expect(t).toContain('token [REDACTED]');
    for (const f of forms(UPSTREAM)) expect(t).not.toContain(f);
    expect(t).not.toContain(Buffer.from(`Bearer ${UPSTREAM}`).toString('base64').slice(4, 40));
  });

  it('manages secrets over the admin API (admin role only), never answering with a value', async () => {
    expect((await api_('PUT', '/api/v1/secrets/API_ONE', gw.keys.audrey, { value: API_VALUE })).status).toBe(403);
    expect((await api_('PUT', '/api/v1/secrets/API_ONE', gw.keys.bot, { value: API_VALUE })).status).toBe(401);
    const created = await api_('PUT', '/api/v1/secrets/API_ONE', gw.keys.alice, { value: API_VALUE });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.text)).toMatchObject({ name: 'API_ONE', version: 1 });
    const rotated = await api_('POST', '/api/v1/secrets/API_ONE/rotate', gw.keys.alice, { value: `${API_VALUE}-2` });
    expect(JSON.parse(rotated.text)).toMatchObject({ name: 'API_ONE', version: 2 });
    expect((await api_('POST', '/api/v1/secrets/NOPE/rotate', gw.keys.alice, { value: 'x-value' })).status).toBe(404);
    expect((await api_('PUT', '/api/v1/secrets/API_ONE', gw.keys.alice, { value: 3 })).status).toBe(400);
    const list = JSON.parse((await api_('GET', '/api/v1/secrets', gw.keys.alice)).text) as {
      secrets: { name: string; version: number }[];
    };
    expect(list.secrets.map((x) => [x.name, x.version])).toEqual([
      ['API_ONE', 2],
      ['ECHO_KEY', 2],
      ['UPSTREAM_TOKEN', 1],
    ]);
    expect((await api_('DELETE', '/api/v1/secrets/API_ONE', gw.keys.alice)).status).toBe(200);
    expect((await api_('DELETE', '/api/v1/secrets/API_ONE', gw.keys.alice)).status).toBe(404);
    const all = apiBodies.join('\n');
    for (const v of [FIRST, SECOND, API_VALUE, `${API_VALUE}-2`])
      for (const f of forms(v)) expect(all).not.toContain(f);
  });

  it('leaves no value in the audit database, vault files, logs or CLI output; vault files are 0600', () => {
    const dataDir = join(gw.dir, '.portcullis');
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('secrets.json'))).toBe(true);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const s of [FIRST, SECOND])
        for (const form of forms(s)) expect(bytes.includes(Buffer.from(form))).toBe(false);
    }
    expect(statSync(join(dataDir, 'vault', 'secrets.json')).mode & 0o777).toBe(0o600);
    const logs = `${gw.stderr()}${cliOutput.join('')}`;
    for (const s of [FIRST, SECOND, API_VALUE, UPSTREAM]) for (const form of forms(s)) expect(logs).not.toContain(form);
  });
});
