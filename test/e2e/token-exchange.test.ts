import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, importJWK, jwtVerify, SignJWT, createLocalJWKSet, type JWK } from 'jose';
import { errors } from 'oidc-provider';
import { Client, ClientCredentialsProvider, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startCaptureServer, type CaptureServer } from '../../src/backends/openapi/test-support/capture-server.js';
import { freePort, startGateway, tempDir, type RunningGateway } from './harness.js';
import { connectAsUser, startTestIdp, type TestIdp } from './support/oidc.js';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';
const HR_AUDIENCE = 'https://hr.example/api';
const REDIRECT = 'http://127.0.0.1:9/callback';

let idp: TestIdp;
let gw: RunningGateway;
let hr: CaptureServer;
let dir: string;
let resource: string;
const publicJwks = (keys: JWK[]) =>
  createLocalJWKSet({ keys: keys.map(({ d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub }) => pub) });

beforeAll(async () => {
  const port = await freePort();
  resource = `http://127.0.0.1:${port}/mcp`;
  hr = await startCaptureServer();
  idp = await startTestIdp({
    resources: [resource],
    clients: [
      {
        client_id: 'desktop-app',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [REDIRECT],
      },
      {
        client_id: 'billing-bot',
        client_secret: 'billing-bot-secret-0123456789',
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
      {
        client_id: 'portcullis-gw',
        client_secret: 'gateway-secret-0123456789',
        grant_types: [TOKEN_EXCHANGE],
        redirect_uris: [],
        response_types: [],
      },
    ],
    // The IdP's RFC 8693 grant: checks the subject token is one it issued for the gateway, and issues one for
    // the requested audience with the same subject, the gateway as actor (`act`).
    setup: (provider, { issuer, keys }) =>
      provider.registerGrantType(
        TOKEN_EXCHANGE,
        async (ctx) => {
          const p = ctx.oidc.params as Record<string, string | undefined>;
          if (p.subject_token_type !== ACCESS_TOKEN) throw new errors.InvalidRequest('unsupported subject_token_type');
          let sub: string;
          let email: unknown;
          try {
            const { payload } = await jwtVerify(p.subject_token ?? '', publicJwks([keys.es256, keys.rs256]), {
              issuer,
              audience: resource,
            });
            sub = String(payload.sub);
            email = payload.email;
          } catch {
            throw new errors.InvalidGrant('subject_token is not valid');
          }
          const token = await new SignJWT({
            sub,
            email,
            scope: p.scope,
            client_id: ctx.oidc.client.clientId,
            act: { sub: ctx.oidc.client.clientId },
          })
            .setProtectedHeader({ alg: 'ES256', kid: keys.es256.kid, typ: 'at+jwt' })
            .setIssuer(issuer)
            .setAudience(p.audience ?? '')
            .setIssuedAt()
            .setExpirationTime('5m')
            .sign(await importJWK(keys.es256, 'ES256'));
          ctx.body = { access_token: token, issued_token_type: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 300 };
        },
        ['subject_token', 'subject_token_type', 'requested_token_type', 'audience', 'scope'],
      ),
  });
  dir = tempDir('portcullis-hr-');
  const spec = join(dir, 'hr.json');
  writeFileSync(
    spec,
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'HR', version: '1' },
      servers: [{ url: hr.url }],
      paths: {
        '/me': {
          get: {
            operationId: 'whoami',
            summary: "Return the calling user's profile",
            responses: {
              '200': { description: 'profile', content: { 'application/json': { schema: { type: 'object' } } } },
            },
          },
        },
      },
    }),
  );
  gw = await startGateway(
    `
agents:
  desktop: { tools: { allow: ["hr_*"] } }
  billing: { tools: { allow: ["hr_*"] } }
auth:
  oauth:
    issuer: ${idp.issuer}
    audience: ${resource}
    scopesSupported: [mcp:tools]
    clients: { desktop-app: desktop, billing-bot: billing }
openapi:
  hr:
    spec: ${spec}
    baseUrl: ${hr.url}
    allowPrivateNetwork: true
    onBehalfOf:
      headers: { X-Portcullis-User: "{user}", X-Portcullis-Groups: "{groups}", X-Portcullis-Agent: "{agent}" }
      tokenExchange:
        tokenEndpoint: ${idp.issuer}/token
        clientId: portcullis-gw
        clientSecret: gateway-secret-0123456789
        audience: ${HR_AUDIENCE}
        scope: hr:read
`,
    { port },
  );
}, 60_000);

afterAll(async () => {
  await gw?.stop();
  await idp?.close();
  await hr?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('user identity to HTTP backends (RFC 8693 token exchange)', () => {
  it("the API receives a token for itself with the user as subject, never the agent's token", async () => {
    const { client, accessToken } = await connectAsUser(gw.url, {
      issuer: idp.issuer,
      clientId: 'desktop-app',
      redirectUri: REDIRECT,
      login: 'alice',
    });
    const before = hr.requests.length;
    const r = await client.callTool({ name: 'hr_whoami', arguments: {} });
    expect(r.isError).toBeFalsy();
    await client.close();
    expect(hr.requests.length).toBe(before + 1);
    const got = hr.requests.at(-1)!;
    const auth = String(got.headers.authorization);
    expect(auth).toMatch(/^Bearer /);
    const downstream = auth.slice('Bearer '.length);
    expect(downstream).not.toBe(accessToken);
    expect(JSON.stringify(got.headers)).not.toContain(accessToken);
    const { payload } = await jwtVerify(downstream, publicJwks([idp.keys.es256]), {
      issuer: idp.issuer,
      audience: HR_AUDIENCE,
    });
    expect(payload).toMatchObject({ sub: 'alice', act: { sub: 'portcullis-gw' }, scope: 'hr:read' });
    expect(decodeJwt(accessToken).aud).toBe(resource);
    expect(got.headers['x-portcullis-user']).toBe('alice');
    expect(got.headers['x-portcullis-groups']).toBe('finance,staff');
    expect(got.headers['x-portcullis-agent']).toBe('desktop');
  });

  it('an agent acting for no user is refused before anything reaches the API', async () => {
    const client = new Client({ name: 'cc', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(gw.url), {
        authProvider: new ClientCredentialsProvider({
          clientId: 'billing-bot',
          clientSecret: 'billing-bot-secret-0123456789',
          expectedIssuer: idp.issuer,
        }),
      }),
    );
    const before = hr.requests.length;
    const r = await client.callTool({ name: 'hr_whoami', arguments: {} });
    await client.close();
    expect(r.isError).toBe(true);
    expect(JSON.stringify(r.content)).toContain('on behalf of a user');
    expect(hr.requests.length).toBe(before);
  });
});
