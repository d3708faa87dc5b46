// Self-approval end to end with real identities: a real OpenID provider (oidc-provider) signs a user in through an
// MCP SDK client (authorization code + PKCE); the agent's held call is made for that user (token `sub`). The same
// person, signed in to the REST API with their user key (identity mapping `users.<name>.identities`) or with their
// OAuth token, and through the CLI, is refused; an approver whose identity at the IdP is unknown is refused; a
// different, known approver approves and the waiting MCP client gets its result. Real CLI, real SQLite/PostgreSQL.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, freePort, startGateway, tempDir, type RunningGateway } from './harness.js';
import { connectAsUser, startTestIdp, type TestIdp } from './support/oidc.js';

const UPSTREAM = join(import.meta.dirname, 'support', 'counting-upstream.mjs');
const REDIRECT = 'http://127.0.0.1:9/callback';
const work = tempDir('portcullis-approvals-oauth-');
const countFile = join(work, 'executions.jsonl');

let idp: TestIdp;
let gw: RunningGateway;
beforeAll(async () => {
  const port = await freePort();
  const resource = `http://127.0.0.1:${port}/mcp`;
  idp = await startTestIdp({
    resources: [resource],
    // Opaque subjects, as many IdPs issue them: only the email (or a mapping) says who they are.
    accounts: {
      'u-1001': { email: 'erin@example.com', groups: ['finance'] },
      'u-2002': { email: 'ann@example.com', groups: ['finance'] },
    },
    clients: [
      {
        client_id: 'desktop-app',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [REDIRECT],
      },
    ],
  });
  gw = await startGateway(
    `
upstreams:
  pay:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(UPSTREAM)}]
    env: { COUNT_FILE: ${JSON.stringify(countFile)} }
agents:
  desktop: { tools: { allow: ["pay_wire_transfer"] } }
auth:
  oauth:
    issuer: ${idp.issuer}
    audience: ${resource}
    scopesSupported: [mcp:tools]
    clients: { desktop-app: desktop }
users:
  erin: { roles: [approver], groups: [finance], identities: [erin@example.com] }
  ann: { roles: [approver], groups: [finance], identities: [u-2002] }
  kim: { roles: [approver], groups: [finance] }
policy:
  rules:
    - id: transfers
      effect: hold
      agents: [desktop]
      tools: [pay_wire_transfer]
      approval: { approvers: { groups: [finance] }, wait: 60s }
`,
    { port },
  );
}, 60_000);
afterAll(async () => {
  await gw?.stop();
  await idp?.close();
  rmSync(work, { recursive: true, force: true });
});

type Approval = { id: string; status: string; user?: string; arguments: Record<string, unknown> };
type ErrorBody = { error?: { code: string; message: string } };
const rest = async (token: string | undefined, method: 'GET' | 'POST', path: string, body?: unknown) => {
  const res = await fetch(`${gw.base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Approval & ErrorBody };
};
const transfers = (): unknown[] =>
  existsSync(countFile)
    ? readFileSync(countFile, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { tool: string })
        .filter((e) => e.tool === 'wire_transfer')
    : [];

describe('the requester can never approve their own request', () => {
  it('refused for the same person by user key, OAuth token and CLI; refused for an unknown identity; another approver runs it', async () => {
    const erin = await connectAsUser(gw.url, {
      issuer: idp.issuer,
      clientId: 'desktop-app',
      redirectUri: REDIRECT,
      login: 'u-1001',
    });
    try {
      const result = erin.client.callTool({
        name: 'pay_wire_transfer',
        arguments: { account: 'erin-own', amount: 900, ms: 0 },
      }) as Promise<{ content: { text?: string }[]; isError?: boolean }>;
      let req: Approval | undefined;
      for (let i = 0; i < 150 && !req; i++) {
        const page = (await rest(gw.keys.ann, 'GET', '/api/v1/approvals?status=pending')).body as unknown as {
          items: Approval[];
        };
        req = page.items.find((a) => a.arguments.account === 'erin-own');
        if (!req) await new Promise((r) => setTimeout(r, 100));
      }
      expect(req).toMatchObject({ status: 'pending', user: 'u-1001' });
      const id = req!.id;

      // Erin with her user key: the gateway knows her as erin@example.com, which her token named.
      const byKey = await rest(gw.keys.erin, 'POST', `/api/v1/approvals/${id}/approve`, { comment: 'looks fine' });
      expect(byKey.status).toBe(403);
      expect(byKey.body.error).toEqual({
        code: 'approval.forbidden',
        message:
          'You cannot decide on a call made on your own behalf (the requester can never approve their own request)',
      });
      // Erin with the very token her agent used (the REST API maps it to users.erin through its email).
      const byToken = await rest(erin.accessToken, 'POST', `/api/v1/approvals/${id}/approve`, {});
      expect(byToken.status).toBe(403);
      expect(byToken.body.error?.code).toBe('approval.forbidden');
      // Erin through the CLI.
      const byCli = cli(['approvals', 'approve', id, '--comment', 'mine', '--url', gw.base], {
        env: { PORTCULLIS_API_KEY: gw.keys.erin },
      });
      expect(byCli.code).toBe(1);
      expect(byCli.stderr).toMatch(/403 approval\.forbidden: You cannot decide on a call made on your own behalf/);
      // A deny from her is refused too (she cannot decide at all).
      expect((await rest(gw.keys.erin, 'POST', `/api/v1/approvals/${id}/deny`, {})).status).toBe(403);
      // Kim's key names nobody at the IdP: the gateway cannot tell she is not u-1001, so she may not decide.
      const byKim = await rest(gw.keys.kim, 'POST', `/api/v1/approvals/${id}/approve`, {});
      expect(byKim.status).toBe(403);
      expect(byKim.body.error?.message).toMatch(/made for u-1001.*users\.kim\.identities/);

      const shown = await rest(gw.keys.ann, 'GET', `/api/v1/approvals/${id}`);
      expect(shown.body).toMatchObject({ status: 'pending', decisions: [] });
      expect(transfers()).toEqual([]);

      // Ann (known to the IdP as u-2002) approves: the waiting client gets the result, the call ran once.
      const byAnn = await rest(gw.keys.ann, 'POST', `/api/v1/approvals/${id}/approve`, { comment: 'checked' });
      expect(byAnn).toMatchObject({ status: 200, body: { status: 'approved' } });
      const r = await result;
      expect(r.isError).not.toBe(true);
      expect(r.content[0]?.text).toBe('transferred 900 to erin-own');
      expect(transfers()).toHaveLength(1);
      expect((await rest(gw.keys.ann, 'GET', `/api/v1/approvals/${id}`)).body).toMatchObject({ status: 'executed' });
    } finally {
      await erin.client.close();
    }
  });
});
