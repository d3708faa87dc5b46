// Red-team pass on identity (third pass): an insider with an account at the same identity provider, holding tokens
// the IdP really signed for this gateway, over real sockets (official SDK client, REST API).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JWTPayload } from 'jose';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { connectAgent, type RunningGateway, stdioUpstream } from './harness.js';
import { mintAccessToken, startGatewayWithIdp, type TestIdp } from './support/oidc.js';

let idp: TestIdp;
let gw: RunningGateway;
let resource: string;

beforeAll(async () => {
  ({ idp, gw, resource } = await startGatewayWithIdp(
    (issuer, audience) => `
upstreams:
${stdioUpstream('t')}
agents:
  desktop: { tools: { allow: ["t_echo"] } }
  reader: {}
users:
  erin: { roles: [approver], identities: [erin@example.com] }
  bob: { roles: [approver], identities: [bob@example.com] }
  ann: { roles: [approver], identities: [u-2002] }
auth:
  oauth:
    issuer: ${issuer}
    audience: ${audience}
    requiredScopes: [mcp:tools]
    clients: { desktop-app: desktop, reader-app: reader }
policy:
  rules:
    - { id: ops-cwd, effect: allow, agents: [reader], groups: [ops], tools: [t_cwd] }
    - { id: echo-held, effect: hold, agents: [desktop], tools: [t_echo], approval: { wait: 1s } }
`,
  ));
}, 60_000);

afterAll(async () => {
  await gw?.stop();
  await idp?.close();
});

/** A token the IdP's own key signed for this gateway, for the desktop app acting for a person. */
const mint = (claims: JWTPayload) => mintAccessToken(idp, resource, 'desktop-app', claims);

type ErrorBody = { error?: { code: string; message: string }; status?: string };
const decide = async (key: string | undefined, id: string) => {
  const res = await fetch(`${gw.base}/api/v1/approvals/${id}/approve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: '{}',
  });
  return { status: res.status, body: (await res.json()) as ErrorBody };
};

/** Makes a held call with `token` and returns the approval id the agent is told to wait on. */
async function heldCall(token: string, message: string): Promise<string> {
  const c = await connectAgent(gw.url, token);
  try {
    const r = (await c.callTool({ name: 't_echo', arguments: { message } })) as { content: { text?: string }[] };
    const id = /apr_[a-z2-7]{20}/.exec(r.content[0]?.text ?? '')?.[0];
    expect(id, r.content[0]?.text).toBeDefined();
    return id!;
  } finally {
    await c.close();
  }
}

describe('red team: the requester of a held call is who the IdP vouches for', () => {
  it("a person cannot approve their own call by putting someone else's unverified e-mail on their token", async () => {
    // Erin (known here as erin@example.com; her subject u-1001 is listed nowhere) types bob's address into her
    // profile; the IdP signs it, unverified.
    const token = await mint({ sub: 'u-1001', email: 'bob@example.com', email_verified: false });
    const id = await heldCall(token, 'erin-own');
    const byErin = await decide(gw.keys.erin, id);
    expect(byErin.status).toBe(403);
    expect(byErin.body.error?.code).toBe('approval.forbidden');
    expect(byErin.body.error?.message).toMatch(/no verified e-mail.*users\.erin\.identities/);
    // Bob, whose address she borrowed, is not made the requester either; he is known only by e-mail, so he cannot
    // tell he is not u-1001 either. Ann, known by her subject, can decide.
    expect((await decide(gw.keys.bob, id)).status).toBe(403);
    expect(await decide(gw.keys.ann, id)).toMatchObject({ status: 200, body: { status: 'approved' } });
  });

  it("a verified e-mail still binds the call to its owner, and an unverified one names nobody's requester", async () => {
    const verified = await mint({ sub: 'u-1001', email: 'erin@example.com', email_verified: true });
    const id = await heldCall(verified, 'erin-verified');
    expect((await decide(gw.keys.erin, id)).body.error?.message).toMatch(/your own behalf/);
    expect(await decide(gw.keys.bob, id)).toMatchObject({ status: 200, body: { status: 'approved' } });
  });
});

describe('red team: a right taken away at the IdP stops at the next token', () => {
  it('a person removed from a group loses its tools within the same MCP session (2025-11-25 era)', async () => {
    let token = await mint({ client_id: 'reader-app', sub: 'u-3003', groups: ['ops'] });
    const client = new Client({ name: 'rt3', version: '1.0.0' });
    // The client refreshes its token in the middle of a session, as a long-running agent does.
    const transport = new StreamableHTTPClientTransport(new URL(gw.url), {
      fetch: (url, init) => {
        const headers = new Headers(init?.headers);
        headers.set('authorization', `Bearer ${token}`);
        return fetch(url, { ...init, headers });
      },
    });
    await client.connect(transport);
    try {
      expect(transport.sessionId).toBeDefined();
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['t_cwd']);
      expect(JSON.stringify(await client.callTool({ name: 't_cwd', arguments: {} }))).not.toMatch(/Unknown tool/);
      // Removed from ops at the IdP: the next token has no such group.
      token = await mint({ client_id: 'reader-app', sub: 'u-3003', groups: [] });
      expect((await client.listTools()).tools).toEqual([]);
      const out = await client.callTool({ name: 't_cwd', arguments: {} }).then(
        (r) => JSON.stringify(r),
        (e: unknown) => String(e),
      );
      expect(out).toMatch(/Unknown tool/);
    } finally {
      await client.close();
    }
  });
});
