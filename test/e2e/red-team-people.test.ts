import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JWTPayload } from 'jose';
import { type RunningGateway, stdioUpstream } from './harness.js';
import { mintAccessToken, startGatewayWithIdp, type TestIdp } from './support/oidc.js';

/**
 * Red team (people on the REST API): an attacker with an account at the same identity provider, on the same network
 * as the gateway, holding a token the IdP really signed for this gateway's audience, tries to become someone else.
 */
let idp: TestIdp;
let gw: RunningGateway;
let resource: string;

beforeAll(async () => {
  ({ idp, gw, resource } = await startGatewayWithIdp(
    (issuer, audience) => `
upstreams:
${stdioUpstream('t')}
agents:
  bot:
    tools: { allow: ["t_echo"] }
users:
  root: { roles: [admin], identities: [root@example.com] }
  audrey: { roles: [auditor] }
auth:
  oauth:
    issuer: ${issuer}
    audience: ${audience}
    requiredScopes: [mcp:tools]
    clients: { bot-client: bot }
`,
  ));
}, 60_000);

afterAll(async () => {
  await gw?.stop();
  await idp?.close();
});

/** A token the IdP's own key signed for this gateway: everything in it is what the IdP let the holder have. */
const mint = (claims: JWTPayload) => mintAccessToken(idp, resource, 'self-registered', claims);

const agentsWith = async (token: string) =>
  (await fetch(`${gw.base}/api/v1/agents`, { headers: { authorization: `Bearer ${token}` } })).status;

describe('red team: who a bearer token makes you on the REST API', () => {
  it("an e-mail address the IdP did not verify is not the person who owns it (the admin's)", async () => {
    // Anyone can type root@example.com into their own profile at many IdPs; the IdP then signs it, unverified.
    expect(await agentsWith(await mint({ sub: 'u-mallory', email: 'root@example.com' }))).toBe(403);
    expect(await agentsWith(await mint({ sub: 'u-mallory', email: 'root@example.com', email_verified: false }))).toBe(
      403,
    );
    // The same address, verified by the IdP, is root (the refusals above are about verification alone).
    expect(await agentsWith(await mint({ sub: 'u-root', email: 'root@example.com', email_verified: true }))).toBe(200);
  });

  it('a token without the required scopes does not open the REST API either', async () => {
    expect(await agentsWith(await mint({ sub: 'root', scope: 'openid' }))).toBe(403);
    expect(await agentsWith(await mint({ sub: 'root' }))).toBe(200);
  });
});

describe('red team: the REST API as pages of the dashboard origin', () => {
  /** A response of this origin a browser may render: it must not be framed, sniffed, or run script. */
  const expectLockedDown = (h: Headers) => {
    const csp = h.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('x-frame-options')).toBe('DENY');
  };

  it('the HTML report (tool names and descriptions of upstreams in it) is served with a CSP that allows no script and no framing', async () => {
    const r = await fetch(`${gw.base}/api/v1/report?format=html`, {
      headers: { authorization: `Bearer ${gw.keys.audrey}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expectLockedDown(r.headers);
    await r.arrayBuffer();
  });

  it('so are JSON answers and errors of the API', async () => {
    const ok = await fetch(`${gw.base}/api/v1/tools`, { headers: { authorization: `Bearer ${gw.keys.audrey}` } });
    expect(ok.status).toBe(200);
    expectLockedDown(ok.headers);
    await ok.arrayBuffer();
    const refused = await fetch(`${gw.base}/api/v1/agents`, { headers: { authorization: `Bearer ${gw.keys.audrey}` } });
    expect(refused.status).toBe(403);
    expectLockedDown(refused.headers);
    await refused.arrayBuffer();
  });
});
