import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJWK, SignJWT, type JWTPayload } from 'jose';
import { Client, ClientCredentialsProvider, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { eventually, freePort, type RunningGateway, startGateway, stdioUpstream } from './harness.js';
import { initializeRaw } from './support/raw-mcp.js';
import { connectAsUser, startTestIdp, type TestIdp } from './support/oidc.js';

const REDIRECT = 'http://127.0.0.1:9/callback';
let idp: TestIdp;
let gw: RunningGateway;
let resource: string;

beforeAll(async () => {
  const port = await freePort();
  resource = `http://127.0.0.1:${port}/mcp`;
  idp = await startTestIdp({
    resources: [resource, 'https://other.example/mcp'],
    opaqueFor: ['opaque-bot'],
    clients: [
      {
        client_id: 'opaque-bot',
        client_secret: 'opaque-bot-secret-0123456789',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
      {
        client_id: 'portcullis-gw',
        client_secret: 'gateway-secret-0123456789',
        grant_types: [],
        redirect_uris: [],
        response_types: [],
      },
      {
        client_id: 'billing-bot',
        client_secret: 'billing-bot-secret-0123456789',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
      {
        client_id: 'stranger',
        client_secret: 'stranger-secret-0123456789',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
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
${stdioUpstream('t')}
agents:
  billing:
    tools: { allow: ["t_echo"] }
  desktop:
    tools: { allow: ["t_echo"] }
users:
  alice: { roles: [auditor] }
  root: { roles: [admin] }
auth:
  oauth:
    issuer: ${idp.issuer}
    audience: ${resource}
    requiredScopes: [mcp:tools]
    clients:
      billing-bot: billing
      desktop-app: desktop
      opaque-bot: billing
    introspection:
      endpoint: ${idp.issuer}/token/introspection
      clientId: portcullis-gw
      clientSecret: gateway-secret-0123456789
`,
    { port },
  );
}, 60_000);

afterAll(async () => {
  await gw?.stop();
  await idp?.close();
});

const post = (token: string | undefined) => initializeRaw(gw.url, token);

/** A token signed with the IdP's own ES256 key: valid except for what `claims` changes. */
async function mint(claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const key = await importJWK(idp.keys.es256, 'ES256');
  return new SignJWT({
    client_id: 'billing-bot',
    scope: 'mcp:tools',
    iss: idp.issuer,
    aud: resource,
    sub: 'billing-bot',
    iat: now,
    exp: now + 300,
    jti: `t-${Math.random()}`,
    ...claims,
  })
    .setProtectedHeader({ alg: 'ES256', kid: idp.keys.es256.kid, typ: 'at+jwt', ...header })
    .sign(key);
}

/** A client-credentials token straight from the IdP's token endpoint. */
async function clientCredentialsToken(id: string, secret: string): Promise<string> {
  const res = await fetch(`${idp.issuer}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'mcp:tools', resource }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const metadataUrl = () => `${new URL(gw.url).origin}/.well-known/oauth-protected-resource/mcp`;

async function audit(query: string): Promise<{ agent?: string; user?: string; tool?: string; decision: string }[]> {
  const r = await fetch(`${gw.base}/api/v1/audit?${query}`, { headers: { authorization: `Bearer ${gw.keys.root}` } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { records: { agent?: string; user?: string; tool?: string; decision: string }[] })
    .records;
}

describe('OAuth 2.1 resource server (real OpenID provider)', () => {
  it('publishes Protected Resource Metadata (RFC 9728) at the root and the path-suffixed location', async () => {
    for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']) {
      const r = await fetch(`${gw.base}${path}`);
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({
        resource,
        authorization_servers: [idp.issuer],
        scopes_supported: ['mcp:tools'],
        bearer_methods_supported: ['header'],
      });
    }
    expect((await fetch(`${gw.base}/.well-known/oauth-protected-resource/other`)).status).toBe(404);
  });

  it('answers a request without a token with 401 and where to find the metadata', async () => {
    const r = await post(undefined);
    expect(r.status).toBe(401);
    const h = r.headers.get('www-authenticate')!;
    expect(h).toMatch(/^Bearer /);
    expect(h).toContain(`resource_metadata="${metadataUrl()}"`);
    expect(h).toContain('scope="mcp:tools"');
  });

  it('client credentials: a real MCP client discovers the IdP, gets a token and calls a tool', async () => {
    const client = new Client({ name: 'cc', version: '1' });
    const authProvider = new ClientCredentialsProvider({
      clientId: 'billing-bot',
      clientSecret: 'billing-bot-secret-0123456789',
      scope: 'mcp:tools',
      expectedIssuer: idp.issuer,
    });
    await client.connect(new StreamableHTTPClientTransport(new URL(gw.url), { authProvider }));
    const tools = await client.listTools();
    expect(tools.tools.map((t) => t.name)).toEqual(['t_echo']);
    const r = await client.callTool({ name: 't_echo', arguments: { message: 'via oauth' } });
    expect(r.content).toEqual([{ type: 'text', text: 'echo: via oauth' }]);
    await client.close();
    const records = await audit('agent=billing&tool=t_echo');
    expect(records[0]).toMatchObject({ agent: 'billing', decision: 'allow' });
    expect(records[0]!.user).toBeUndefined();
  });

  it('authorization code with PKCE: the user signs in, the agent acts for her, audit names both', async () => {
    const {
      client,
      accessToken: token,
      authorizationUrl,
      callback,
    } = await connectAsUser(gw.url, {
      issuer: idp.issuer,
      clientId: 'desktop-app',
      redirectUri: REDIRECT,
      login: 'alice',
    });
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorizationUrl.searchParams.get('resource')).toBe(resource);
    expect(callback.get('iss')).toBe(idp.issuer);
    const r = await client.callTool({ name: 't_echo', arguments: { message: 'for alice' } });
    expect(r.content).toEqual([{ type: 'text', text: 'echo: for alice' }]);
    await client.close();
    const records = await audit('agent=desktop&tool=t_echo');
    expect(records[0]).toMatchObject({ agent: 'desktop', user: 'alice', decision: 'allow' });

    // The same person's token opens the REST API with her configured roles.
    expect((await fetch(`${gw.base}/api/v1/tools`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      200,
    );
    expect((await fetch(`${gw.base}/api/v1/agents`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      403,
    );
  });

  it('accepts a correctly minted token (the refusals below are each about one defect)', async () => {
    expect((await post(await mint({}))).status).toBe(200);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const bad: [string, () => Promise<string>][] = [
    ['wrong audience', () => mint({ aud: 'https://other.example/mcp' })],
    ['expired', () => mint({ iat: now() - 600, exp: now() - 300 })],
    ['not yet valid', () => mint({ nbf: now() + 600 })],
    ['wrong issuer', () => mint({ iss: 'http://127.0.0.1:1' })],
    [
      'alg none',
      async () => {
        const t = await mint({});
        const [, payload] = t.split('.');
        return `${b64({ alg: 'none', typ: 'at+jwt' })}.${payload}.`;
      },
    ],
    [
      'HMAC signed with the public key',
      async () => {
        const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = idp.keys.rs256;
        const t = await mint({});
        const [, payload] = t.split('.');
        const head = b64({ alg: 'HS256', kid: idp.keys.rs256.kid, typ: 'at+jwt' });
        const secret = JSON.stringify(pub);
        const sig = createHmac('sha256', secret).update(`${head}.${payload}`).digest('base64url');
        return `${head}.${payload}.${sig}`;
      },
    ],
    [
      'tampered',
      async () => {
        const [h, , s] = (await mint({})).split('.');
        const payload = b64({
          client_id: 'billing-bot',
          scope: 'mcp:tools',
          iss: idp.issuer,
          aud: resource,
          sub: 'mallory',
          exp: now() + 300,
        });
        return `${h}.${payload}.${s}`;
      },
    ],
    ['signed by an unknown key', () => mint({}, { kid: 'nobody' })],
  ];
  it.each(bad)('refuses a token that is %s: 401 invalid_token with the metadata URL', async (_name, make) => {
    const r = await post(await make());
    expect(r.status).toBe(401);
    const h = r.headers.get('www-authenticate')!;
    expect(h).toContain('error="invalid_token"');
    expect(h).toContain(`resource_metadata="${metadataUrl()}"`);
  });

  it('refuses a token without the required scope: 403 insufficient_scope naming the scope', async () => {
    const r = await post(await mint({ scope: 'openid' }));
    expect(r.status).toBe(403);
    const h = r.headers.get('www-authenticate')!;
    expect(h).toContain('error="insufficient_scope"');
    expect(h).toContain('scope="mcp:tools"');
  });

  it('refuses a valid token of a client that is no agent of this gateway: 403', async () => {
    expect((await post(await clientCredentialsToken('stranger', 'stranger-secret-0123456789'))).status).toBe(403);
  });

  it('opaque tokens are checked by introspection (RFC 7662): an active one works, garbage is refused', async () => {
    const token = await clientCredentialsToken('opaque-bot', 'opaque-bot-secret-0123456789');
    expect(token.split('.')).toHaveLength(1);
    expect((await post(token)).status).toBe(200);
    const r = await post('not-a-token-the-idp-issued');
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('records each refusal as an auth.failed event with its reason', async () => {
    await post(await mint({ iat: now() - 600, exp: now() - 300 }));
    // Events are written in the background (group commit): wait for this one to land.
    await eventually(async () =>
      ((await audit('type=auth.failed')) as unknown as { reasons?: string[] }[]).some((e) =>
        e.reasons?.includes('expired'),
      ),
    );
  });
});
