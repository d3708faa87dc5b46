// Red team: who a policy rule names (users, groups, roles) against how an identity provider spells them. Tokens the
// test IdP really signed for this gateway, the real gateway process, the official SDK client over real sockets. The
// deployment names people by e-mail (`auth.oauth.claims.user: email`), as many do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JWTPayload } from 'jose';
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
  desktop: { tools: { allow: ["t_echo", "t_env", "t_cwd"] } }
auth:
  oauth:
    issuer: ${issuer}
    audience: ${audience}
    requiredScopes: [mcp:tools]
    clients: { desktop-app: desktop }
    claims: { user: email }
policy:
  roles:
    outside: { groups: [Contractors] }
  rules:
    - { id: no-alice-env, effect: deny, users: ["Alice@Example.com"], tools: [t_env] }
    - { id: no-contractors-echo, effect: deny, groups: [Contractors], tools: [t_echo] }
    - { id: no-outside-cwd, effect: deny, roles: [outside], tools: [t_cwd] }
    - { id: bob-slow, effect: allow, users: ["Bob@Example.com"], tools: [t_slow] }
`,
  ));
}, 60_000);

afterAll(async () => {
  await gw?.stop();
  await idp?.close();
});

const mint = (claims: JWTPayload) => mintAccessToken(idp, resource, 'desktop-app', claims);
async function toolsOf(claims: JWTPayload): Promise<string[]> {
  const c = await connectAgent(gw.url, await mint(claims));
  try {
    return (await c.listTools()).tools
      .map((t) => t.name)
      .filter((n) => n.startsWith('t_'))
      .sort();
  } finally {
    await c.close();
  }
}

describe('red team: identity names in policy rules', () => {
  it('a deny of a user stops every case and compatibility form of that name', async () => {
    for (const email of ['alice@example.com', 'ALICE@EXAMPLE.COM', 'ａlice@example.com'])
      expect(await toolsOf({ sub: `u-${email}`, email, email_verified: true }), email).toEqual(['t_cwd', 't_echo']);
  });

  it('a deny of a group, and of a role held through that group, stops the group as another IdP spells it', async () => {
    for (const groups of [['contractors'], ['CONTRACTORS']])
      expect(
        await toolsOf({ sub: 'u-dave', email: 'dave@example.com', email_verified: true, groups }),
        groups[0],
      ).toEqual(['t_env']);
  });

  it('an allow stays exact: a user spelled otherwise is not granted what the rule grants', async () => {
    expect(await toolsOf({ sub: 'u-bob', email: 'Bob@Example.com', email_verified: true })).toContain('t_slow');
    expect(await toolsOf({ sub: 'u-bob', email: 'bob@example.com', email_verified: true })).not.toContain('t_slow');
  });
});

describe('red team: claims.user set to the e-mail claim', () => {
  it('an e-mail the IdP did not verify names nobody: the token is refused, not taken as that person', async () => {
    // Mallory types Bob's address into her own IdP profile; the IdP signs it, unverified.
    const token = await mint({ sub: 'u-mallory', email: 'Bob@Example.com', email_verified: false });
    const refused = await connectAgent(gw.url, token).then(
      async (c) => {
        const tools = (await c.listTools()).tools.map((t) => t.name);
        await c.close();
        return `connected with ${tools.join(', ')}`;
      },
      (e: unknown) => String(e),
    );
    expect(refused).toMatch(/403|not verified/);
    expect(refused).not.toContain('t_slow');
    // A token without the flag is no better; the verified address still names its owner.
    const noFlag = await connectAgent(gw.url, await mint({ sub: 'u-mallory', email: 'Bob@Example.com' })).then(
      () => 'connected',
      (e: unknown) => String(e),
    );
    expect(noFlag).toMatch(/403|not verified/);
    expect(await toolsOf({ sub: 'u-bob', email: 'Bob@Example.com', email_verified: true })).toContain('t_slow');
  });
});
