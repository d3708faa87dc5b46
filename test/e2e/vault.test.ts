// The vault end to end, on SQLite and on PostgreSQL: secrets set with the real CLI (stdin), kept behind the storage
// seam, referenced as ${secret:NAME} by an OpenAPI backend (auth scheme and an extra header) and by upstream MCP
// servers (stdio env, HTTP headers), resolved at call time (rotation without restart), master key rotated while
// calls go through. On PostgreSQL a second replica shares the secrets. The local API and upstream receive the
// credential; the MCP client, the store, logs, CLI output and API answers never hold it in any encoding.
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { McpServer, createMcpHandler } from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { startCaptureServer, type CaptureServer } from '../../src/backends/openapi/test-support/capture-server.js';
import { generateMasterKey, sealSecret } from '../../src/vault/envelope.js';
import { formatKeyring, parseKeyring } from '../../src/vault/master-keys.js';
import { createTestDatabase, postgresServerUrl } from '../postgres/database.js';
import {
  CLI,
  FIXTURES,
  connectAgent,
  dumpStore,
  eventually,
  runToEnd,
  serve,
  startGateway,
  tempDir,
  type RunningGateway,
  type ServedGateway,
} from './harness.js';

const FIRST = 'vault-e2e-first-Secret/+=0123456789';
const API_VALUE = 'vault-e2e-api-Secret/+=5555555555';
const UPSTREAM = 'vault-e2e-upstream-Secret/+=7777777777';
const SECOND = 'vault-e2e-second-Secret/+=9876543210';
const TEAM = 'vault-e2e-team-Secret/+=3131313131';
const HTTP_UP = ['vault-e2e-http-up-Secret/+=1', 'vault-e2e-http-up-Secret/+=2'];
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

function forms(secret: string): string[] {
  const b = Buffer.from(secret);
  return [secret, b.toString('base64'), b.toString('base64url'), b.toString('hex'), encodeURIComponent(secret)];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** A real MCP server over Streamable HTTP that records the Authorization header of every request it receives. */
async function startHttpUpstream(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const handler = toNodeHandler(
    createMcpHandler(() => {
      const s = new McpServer({ name: 'http-up', version: '1.0.0' });
      s.registerTool('ping', { description: 'Answer pong.' }, () => ({ content: [{ type: 'text', text: 'pong' }] }));
      return s;
    }),
  );
  const server: Server = createServer((req, res) => {
    seen.push(String(req.headers.authorization));
    void handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const pgServer = postgresServerUrl();

for (const backend of ['sqlite', 'postgres'] as const) {
  const available = backend === 'sqlite' || pgServer !== undefined;
  (available ? describe : describe.skip)(`vault through the gateway on ${backend}`, () => {
    let api: CaptureServer;
    let httpUp: Awaited<ReturnType<typeof startHttpUpstream>>;
    let gw: RunningGateway;
    let client: Client;
    let keyDir: string;
    let storageUrl: string | undefined;
    let dropDb: (() => Promise<void>) | undefined;
    let replica: ServedGateway | undefined;
    let replicaClient: Client | undefined;
    const cliOutput: string[] = [];
    const apiBodies: string[] = [];

    function run(args: string[], input?: string): { code: number; stdout: string; stderr: string } {
      const r = runToEnd(process.execPath, [CLI, ...args, '--config', gw.configFile], {
        cwd: gw.dir,
        input: input ?? '',
        encoding: 'utf8',
        timeout: 60_000,
      });
      cliOutput.push(r.stdout, r.stderr);
      return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    }

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

    const call = (how: string, c: Client = client) => c.callTool({ name: 'echo_echo', arguments: { how } });

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
              : how === 'team'
                ? `team ${String(req.headers['x-team-token'])}`
                : key;
        res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
      });
      httpUp = await startHttpUpstream();
      keyDir = tempDir('portcullis-keys-');
      writeFileSync(join(keyDir, 'master.keys'), formatKeyring([generateMasterKey()]), { mode: 0o600 });
      const specFile = join(keyDir, 'echo.json');
      writeFileSync(specFile, JSON.stringify(spec));
      if (backend === 'postgres') {
        const db = await createTestDatabase(pgServer!);
        storageUrl = db.url;
        dropDb = () => db.drop();
      }
      gw = await startGateway(`
storage: ${storageUrl ?? 'sqlite'}
vault:
  masterKeyFile: ${JSON.stringify(join(keyDir, 'master.keys'))}
openapi:
  echo:
    spec: ${JSON.stringify(specFile)}
    baseUrl: ${api.url}/v1
    allowPrivateNetwork: true
    auth:
      key: { credential: "\${secret:ECHO_KEY}" }
    headers:
      X-Team-Token: "\${secret:TEAM_TOKEN}"
upstreams:
  envecho:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'env-echo-upstream.mjs'))}]
    env: { UPSTREAM_TOKEN: "\${secret:UPSTREAM_TOKEN}" }
  httpup:
    transport: http
    url: ${httpUp.url}
    headers: { authorization: "Bearer \${secret:HTTP_UP_TOKEN}" }
agents:
  bot:
    tools: { allow: ["echo_*", "envecho_*", "httpup_*"] }
users:
  alice: { roles: [admin] }
  audrey: { roles: [auditor] }
`);
      client = await connectAgent(gw.url, gw.keys.bot);
    });
    afterAll(async () => {
      await replicaClient?.close();
      await replica?.stop();
      await client?.close();
      await gw?.stop();
      await dropDb?.();
      await api?.close();
      await httpUp?.close();
      if (keyDir) spawnSync('rm', ['-rf', keyDir]);
    });

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

    it('resolves at call time (auth scheme and extra header), rotates without restart, keeps every encoding from the agent', async () => {
      expect(run(['secrets', 'set', 'ECHO_KEY'], `${FIRST}\n`).code).toBe(0);
      expect(run(['secrets', 'set', 'TEAM_TOKEN'], TEAM).code).toBe(0);
      for (const how of ['plain', 'b64', 'hex', 'team']) {
        const r = await call(how);
        expect(r.isError, JSON.stringify(r)).toBeFalsy();
        expect(JSON.stringify(r)).toContain('[REDACTED]');
        for (const f of [...forms(FIRST), ...forms(TEAM)]) expect(JSON.stringify(r)).not.toContain(f);
      }
      expect(api.requests.map((q) => q.headers['x-api-key'])).toEqual([FIRST, FIRST, FIRST, FIRST]);
      expect(api.requests.every((q) => q.headers['x-team-token'] === TEAM)).toBe(true);

      expect(run(['secrets', 'rotate', 'ECHO_KEY'], SECOND).code).toBe(0);
      expect(run(['secrets', 'rotate', 'TEAM_TOKEN'], `${TEAM}-2`).code).toBe(0);
      const r = await call('plain');
      expect(JSON.stringify(r)).not.toContain(SECOND);
      expect(api.requests.at(-1)!.headers['x-api-key']).toBe(SECOND);
      expect(api.requests.at(-1)!.headers['x-team-token']).toBe(`${TEAM}-2`);

      const list = run(['secrets', 'list']);
      expect(list.stdout).toMatch(/^ECHO_KEY\t2\t/m);
    });

    it('refuses the call when the sealed row is tampered with or swapped with another name, and sends nothing', async () => {
      // Direct edits of the store, as an attacker with database access would make them.
      const sql = async (text: string, params: unknown[]): Promise<Record<string, string>[]> => {
        if (storageUrl) {
          const c = new pg.Client({ connectionString: storageUrl });
          await c.connect();
          try {
            const rows = (
              await c.query(
                text.replace(/\?/g, (_m, i: number) => `$${text.slice(0, i).split('?').length}`),
                params,
              )
            ).rows;
            await c.query(`SELECT pg_notify('portcullis_secrets', 'ECHO_KEY')`); // the replica drops its cached row
            return rows as Record<string, string>[];
          } finally {
            await c.end();
          }
        }
        const db = new Database(join(gw.dir, '.portcullis', 'portcullis.db'));
        try {
          const st = db.prepare(text);
          return st.reader ? (st.all(...params) as Record<string, string>[]) : (st.run(...params), []);
        } finally {
          db.close();
        }
      };
      const cols = 'kek_id, wrapped_key, nonce, tag, ciphertext';
      const [echo] = await sql(`SELECT ${cols} FROM vault_secrets WHERE name = ?`, ['ECHO_KEY']);
      const [team] = await sql(`SELECT ${cols} FROM vault_secrets WHERE name = ?`, ['TEAM_TOKEN']);
      const put = (r: Record<string, string>) =>
        sql('UPDATE vault_secrets SET kek_id = ?, wrapped_key = ?, nonce = ?, tag = ?, ciphertext = ? WHERE name = ?', [
          r.kek_id,
          r.wrapped_key,
          r.nonce,
          r.tag,
          r.ciphertext,
          'ECHO_KEY',
        ]);
      const flip = (b64: string) => (b64[0] === 'A' ? 'B' : 'A') + b64.slice(1);
      const sent = api.requests.length;
      for (const bad of [
        { ...echo!, ciphertext: flip(echo!.ciphertext!) },
        { ...echo!, tag: flip(echo!.tag!) },
        { ...echo!, wrapped_key: flip(echo!.wrapped_key!) },
        team!, // another name's sealed value: its associated data names TEAM_TOKEN
      ]) {
        await put(bad);
        const r = (await eventually(async () => {
          const out = await call('plain');
          return out.isError ? out : undefined;
        }))!;
        expect(JSON.stringify(r.content)).toMatch(/ECHO_KEY/);
        for (const f of [...forms(SECOND), ...forms(TEAM)]) expect(JSON.stringify(r)).not.toContain(f);
      }
      expect(api.requests.length).toBe(sent);
      await put(echo!);
      const ok = (await eventually(async () => {
        const out = await call('plain');
        return out.isError ? undefined : out;
      }))!;
      expect(ok.isError).toBeFalsy();
      expect(api.requests.at(-1)!.headers['x-api-key']).toBe(SECOND);
    });

    it('sends an HTTP upstream its header secret per request: rotation reaches it without a restart', async () => {
      expect(run(['secrets', 'set', 'HTTP_UP_TOKEN'], HTTP_UP[0]).code).toBe(0);
      // The upstream could not connect without its secret; it is retried and now connects with the value.
      await eventually(
        async () => {
          const res = await client.callTool({ name: 'httpup_ping', arguments: {} });
          return res.isError ? undefined : res;
        },
        30_000,
        250,
      );
      expect(httpUp.seen.at(-1)).toBe(`Bearer ${HTTP_UP[0]}`);
      expect(run(['secrets', 'rotate', 'HTTP_UP_TOKEN'], HTTP_UP[1]).code).toBe(0);
      const before = httpUp.seen.length;
      expect((await client.callTool({ name: 'httpup_ping', arguments: {} })).isError).toBeFalsy();
      expect(httpUp.seen.slice(before).every((h) => h === `Bearer ${HTTP_UP[1]}`)).toBe(true);
      expect(httpUp.seen.length).toBeGreaterThan(before);
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
      const rotated = runToEnd(process.execPath, [CLI, 'keys', 'rotate', '--config', gw.configFile], {
        cwd: gw.dir,
        encoding: 'utf8',
      });
      stop = true;
      await load;
      cliOutput.push(rotated.stdout, rotated.stderr);
      expect(rotated.status, rotated.stderr).toBe(0);
      expect(rotated.stderr).toMatch(
        new RegExp(`Re-wrapped 3 data key\\(s\\) under master key [0-9a-f]{16} \\(${backend}\\)`),
      );
      expect(done).toBeGreaterThan(0);
      expect(failed).toBe(0);
      expect((await call('plain')).isError).toBeFalsy();
      expect(api.requests.at(-1)!.headers['x-api-key']).toBe(SECOND);
    });

    it('hands a stdio upstream its secret at spawn and keeps the echo from the agent', async () => {
      expect(run(['secrets', 'set', 'UPSTREAM_TOKEN'], UPSTREAM).code).toBe(0);
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
        ['HTTP_UP_TOKEN', 2],
        ['TEAM_TOKEN', 2],
        ['UPSTREAM_TOKEN', 1],
      ]);
      expect((await api_('DELETE', '/api/v1/secrets/API_ONE', gw.keys.alice)).status).toBe(200);
      expect((await api_('DELETE', '/api/v1/secrets/API_ONE', gw.keys.alice)).status).toBe(404);
      const all = apiBodies.join('\n');
      for (const v of [FIRST, SECOND, API_VALUE, `${API_VALUE}-2`])
        for (const f of forms(v)) expect(all).not.toContain(f);
    });

    it.runIf(backend === 'postgres')(
      'a second replica on the same database shares the secrets: a change on one is used by the other at once',
      async () => {
        replica = await serve(gw.configFile, { cwd: gw.dir }); // a second replica on the same config
        replicaClient = await connectAgent(replica.url, gw.keys.bot);
        expect((await call('plain', replicaClient)).isError).toBeFalsy();
        expect(api.requests.at(-1)!.headers['x-api-key']).toBe(SECOND);
        // Changed through the first replica's admin API; the second uses the new value on its next call.
        const put = await api_('PUT', '/api/v1/secrets/ECHO_KEY', gw.keys.alice, { value: `${SECOND}-3` });
        expect(put.status).toBe(200);
        await eventually(
          async () => {
            await call('plain', replicaClient);
            return api.requests.at(-1)!.headers['x-api-key'] === `${SECOND}-3`;
          },
          5000,
          50,
        );
        // Master key rotated under load spread over both replicas: no call fails on either.
        let stop = false;
        let failed = 0;
        let done = 0;
        const loop = async (c: Client) => {
          while (!stop) {
            const r = await call('plain', c);
            if (r.isError) failed++;
            done++;
          }
        };
        const loads = [loop(client), loop(replicaClient), loop(replicaClient)];
        const rotated = runToEnd(process.execPath, [CLI, 'keys', 'rotate', '--config', gw.configFile], {
          cwd: gw.dir,
          encoding: 'utf8',
        });
        stop = true;
        await Promise.all(loads);
        cliOutput.push(rotated.stdout, rotated.stderr);
        expect(rotated.status, rotated.stderr).toBe(0);
        expect(done).toBeGreaterThan(0);
        expect(failed).toBe(0);
        expect(replica.stderr()).not.toContain(SECOND);
      },
    );

    it('imports a vault file left by an older version on first open, then removes it', () => {
      const dataDir = join(gw.dir, '.portcullis');
      const kek = parseKeyring(readFileSync(join(keyDir, 'master.keys'), 'utf8'), 'keys')[0]!;
      mkdirSync(join(dataDir, 'vault'), { recursive: true, mode: 0o700 });
      const file = join(dataDir, 'vault', 'secrets.json');
      const at = '2026-01-01T00:00:00.000Z';
      const record = {
        name: 'LEGACY',
        version: 2,
        createdAt: at,
        updatedAt: at,
        sealed: sealSecret(kek, 'LEGACY', 2, FIRST),
      };
      writeFileSync(file, JSON.stringify({ format: 1, secrets: [record] }), { mode: 0o600 });
      const list = run(['secrets', 'list']);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stderr).toContain('imported 1 secret(s)');
      expect(list.stdout).toMatch(/^LEGACY\t2\t/m);
      expect(existsSync(file)).toBe(false);
    });

    it('leaves no value in the store, audit, data files, logs or CLI output; data files are 0600', async () => {
      const dataDir = join(gw.dir, '.portcullis');
      const stored = await dumpStore({ ...gw, ...(storageUrl ? { storageUrl } : {}) });
      const files = filesUnder(dataDir).map((f) => readFileSync(f));
      for (const bytes of [stored, ...files])
        for (const s of [FIRST, SECOND, `${SECOND}-3`, TEAM, UPSTREAM, API_VALUE, ...HTTP_UP])
          for (const form of forms(s)) expect(bytes.includes(Buffer.from(form)), form).toBe(false);
      if (backend === 'sqlite') {
        expect(stored.length).toBeGreaterThan(0);
        for (const f of ['portcullis.db', 'audit.db']) expect(statSync(join(dataDir, f)).mode & 0o777).toBe(0o600);
      }
      const logs = `${gw.stderr()}${replica?.stderr() ?? ''}${cliOutput.join('')}`;
      for (const s of [FIRST, SECOND, API_VALUE, UPSTREAM, TEAM, ...HTTP_UP])
        for (const form of forms(s)) expect(logs).not.toContain(form);
    });
  });
}
