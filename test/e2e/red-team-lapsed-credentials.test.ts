// Red team: what outlives a request — a 2025-11-25 session's resource subscription, a 2026-07-28 `subscriptions/listen`
// stream — must not outlive the credential it was opened with. An API key revoked while the agent listens: the next
// update is not delivered, the refusal is audited, the session or stream ends. A bearer token that expires while its
// listen stream is open: the stream ends at `exp`. Real gateway process, real upstream MCP server that sends updates,
// real SDK clients of both protocol eras, a real OAuth IdP's tokens, the real CLI revoking the key. A held call whose
// agent's key is revoked while people decide does not run once approved.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditQuery,
  cli,
  connectAgent,
  eventually,
  type RunningGateway,
  scaledTimeout,
  startGateway,
  tempDir,
} from './harness.js';
import { approvalsConfig } from './support/approvals-config.js';
import { notifyingUpstream, settle, SHARED_URI as URI, updatesOf } from './support/notifying-upstream.js';
import { mintAccessToken, startGatewayWithIdp, type TestIdp } from './support/oidc.js';

const work = tempDir('portcullis-lapsed-');
const log = join(work, 'a.jsonl');
writeFileSync(log, '');
const UPSTREAM = `
upstreams:${notifyingUpstream('a', log)}`;
const modern = { versionNegotiation: { mode: { pin: '2026-07-28' as const } } };
const READS = 'resources: { allow: ["a:file:///srv/shared/*"] }';

type Rec = { type: string; agent?: string; reasons?: string[]; detail?: { method?: string; target?: string } };
const refusedDeliveries = (configFile: string, agent: string) =>
  auditQuery<Rec>(configFile).filter(
    (r) =>
      r.type === 'resource.update.refused' &&
      r.agent === agent &&
      r.detail?.method === 'notifications/resources/updated',
  );

const touch = async (c: Client) =>
  expect((await c.callTool({ name: 'a_touch', arguments: {} })).content).toEqual([{ type: 'text', text: 'touched' }]);

describe('an API key revoked while its holder listens', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway(`${UPSTREAM}
agents:
  toucher: { tools: { allow: ["a_touch"] } }
  reader: { ${READS} }
  listener: { ${READS} }
limits:
  # One session per agent: a fresh key of the reader can open a session only once the gateway has closed the old one.
  sessions: { perAgent: 1 }
`);
  }, scaledTimeout(60_000));
  afterAll(async () => {
    await gw?.stop();
  });

  // Each case runs the CLI (spawnSync: about 1.5 s idle, ten times that at load 10 on two cores) besides its waits;
  // their budget scales with the load as the CLI runs' bound does (cliTimeoutMs).
  it(
    '2025-11-25 session: delivered before, not after; refusal audited; the session is closed',
    { timeout: scaledTimeout(60_000) },
    async () => {
      // (Sessionless, so that it holds none of the toucher's one session slot for the next case.)
      const toucher = await connectAgent(gw.url, gw.keys.toucher, modern);
      const reader = await connectAgent(gw.url, gw.keys.reader);
      const got = updatesOf(reader);
      await reader.subscribeResource({ uri: URI });
      await touch(toucher);
      await eventually(() => got.length === 1);
      // The cap holds while the session is open.
      await expect(connectAgent(gw.url, gw.keys.reader)).rejects.toThrow(/Too many open sessions/);

      expect(cli(['agents', 'revoke', 'reader', '--config', gw.configFile]).code).toBe(0);
      await touch(toucher);
      await touch(toucher);
      await settle();
      expect(got).toEqual([URI]);
      await eventually(() => refusedDeliveries(gw.configFile, 'reader').length > 0);
      const refused = refusedDeliveries(gw.configFile, 'reader');
      // Once per subscriber, not once per update.
      expect(refused).toHaveLength(1);
      expect(refused[0]?.reasons?.join(' ')).toMatch(/no longer holds \(credential-revoked\)/);
      // A new key for the same agent does not reopen the closed session.
      const issued = cli(['agents', 'create', 'reader', '--config', gw.configFile]);
      expect(issued.code).toBe(0);
      await expect(reader.listResources()).rejects.toThrow();
      // On the server side the session is gone (not merely refused to the revoked key): the agent's one session slot
      // is free, so the new key opens a session, and it hears the next update of what it subscribes to.
      const renewed = await connectAgent(gw.url, issued.stdout.trim());
      const heard = updatesOf(renewed);
      await renewed.subscribeResource({ uri: URI });
      await touch(toucher);
      await eventually(() => heard.length === 1);
      await Promise.all([renewed.close(), toucher.close()]);
    },
  );

  it(
    '2026-07-28 listen stream: delivered before, not after; refusal audited; the stream ends',
    { timeout: scaledTimeout(60_000) },
    async () => {
      const toucher = await connectAgent(gw.url, gw.keys.toucher);
      const listener = await connectAgent(gw.url, gw.keys.listener, modern);
      const got = updatesOf(listener);
      const sub = await listener.listen({ resourceSubscriptions: [URI] });
      await touch(toucher);
      await eventually(() => got.length === 1);

      expect(cli(['agents', 'revoke', 'listener', '--config', gw.configFile]).code).toBe(0);
      await touch(toucher);
      expect(await sub.closed).toBe('remote');
      await touch(toucher);
      await settle();
      expect(got).toEqual([URI]);
      await eventually(() => refusedDeliveries(gw.configFile, 'listener').length > 0);
      const refused = refusedDeliveries(gw.configFile, 'listener');
      expect(refused).toHaveLength(1);
      expect(refused[0]?.reasons?.join(' ')).toMatch(/no longer holds \(credential-revoked\)/);
      await toucher.close();
    },
  );
});

describe('a bearer token that expires while its listen stream is open', () => {
  let idp: TestIdp;
  let gw: RunningGateway;
  let resource: string;
  beforeAll(async () => {
    ({ idp, gw, resource } = await startGatewayWithIdp(
      (issuer, audience) => `${UPSTREAM}
agents:
  toucher: { tools: { allow: ["a_touch"] } }
  listener: { ${READS} }
auth:
  oauth:
    issuer: ${issuer}
    audience: ${audience}
    requiredScopes: [mcp:tools]
    clients: { listener-app: listener }
`,
    ));
  }, scaledTimeout(60_000));
  afterAll(async () => {
    await gw?.stop();
    await idp?.close();
  });

  it('the stream ends at exp; one opened with a token still valid for minutes stays open and hears updates', async () => {
    const now = Math.floor(Date.now() / 1000);
    const shortLived = await mintAccessToken(idp, resource, 'listener-app', { sub: 'u-1', exp: now + 3 });
    const longLived = await mintAccessToken(idp, resource, 'listener-app', { sub: 'u-1' });
    const expiring = await connectAgent(gw.url, shortLived, modern);
    const lasting = await connectAgent(gw.url, longLived, modern);
    const toucher = await connectAgent(gw.url, gw.keys.toucher);
    const heardByLasting = updatesOf(lasting);
    const ending = await expiring.listen({ resourceSubscriptions: [URI] });
    const staying = await lasting.listen({ resourceSubscriptions: [URI] });
    const opened = Date.now();
    expect(await ending.closed).toBe('remote');
    // Not before the token's exp (whole seconds), and well before the long-lived one's.
    expect(Date.now()).toBeGreaterThanOrEqual((now + 3) * 1000 - 50);
    expect(Date.now() - opened).toBeLessThan(60_000);
    await touch(toucher);
    await eventually(() => heardByLasting.length === 1);
    await staying.close();
    await Promise.all([expiring.close(), lasting.close(), toucher.close()]);
  }, 30_000);
});

describe('an API key revoked while its held call waits for approval', () => {
  const countFile = join(work, 'executions.jsonl');
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway(approvalsConfig(countFile));
  }, scaledTimeout(60_000));
  afterAll(async () => {
    await gw?.stop();
  });
  const approve = (user: string, id: string) =>
    fetch(`${gw.base}/api/v1/approvals/${id}/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.keys[user]}`, 'content-type': 'application/json' },
      body: '{}',
    }).then((r) => r.json() as Promise<{ status?: string }>);
  const pendingIds = async () =>
    (
      (await (
        await fetch(`${gw.base}/api/v1/approvals?status=pending`, {
          headers: { authorization: `Bearer ${gw.keys.aud}` },
        })
      ).json()) as { items: { id: string }[] }
    ).items.map((a) => a.id);

  it(
    'approved after the revocation: the call is not made, and the agent is told why',
    async () => {
      const other = await connectAgent(gw.url, gw.keys.other);
      const result = other.callTool({ name: 'pay_refund', arguments: { customer: 'lapsed', amount: 60 } }) as Promise<{
        content: { text?: string }[];
        isError?: boolean;
      }>;
      const id = String(await eventually(async () => (await pendingIds())[0]));
      expect(cli(['agents', 'revoke', 'other', '--config', gw.configFile]).code).toBe(0);
      expect((await approve('ann', id)).status).toBe('pending');
      expect((await approve('bob', id)).status).toBe('approved');
      const r = await result;
      expect(r.isError).toBe(true);
      expect(r.content[0]?.text).toMatch(
        /approved .* but the credential that asked for it no longer holds \(credential-revoked\); the call was not made/,
      );
      const ran = existsSync(countFile) ? readFileSync(countFile, 'utf8') : '';
      expect(ran).not.toMatch(/lapsed/);
      await other.close();
    },
    scaledTimeout(60_000),
  );
});

afterAll(() => rmSync(work, { recursive: true, force: true }));
