import type { PeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { apiKeyAuthenticator, createApiKeyAuthenticator, generateApiKey } from './api-key.js';
import { mtlsConfigSchema, oauthConfigSchema } from './config-schema.js';
import { mtlsAuthenticator } from './mtls.js';
import { oauthBearerAuthenticator } from './oauth-bearer.js';
import { principalFromClaims } from './oauth-claims.js';
import type { AuthRequest, Authenticator } from './types.js';

/**
 * The contract every authenticator keeps (Oathkeeper-style chain): a request without its kind of credential is
 * "not mine", never a refusal and never a pass; its own kind is decided without asking anyone else.
 */
const { key, record } = generateApiKey('bot');
const oauthCfg = oauthConfigSchema.parse({
  issuer: 'https://idp.invalid',
  audience: 'https://gw.invalid/mcp',
  jwksUri: 'https://idp.invalid/jwks',
});
const noNetwork = (() => Promise.reject(new Error('no network in this test'))) as unknown as typeof fetch;
const exists = () => true;

const cases: { name: string; make: () => Authenticator; own: AuthRequest; others: AuthRequest[] }[] = [
  {
    name: 'api-key',
    make: () => apiKeyAuthenticator(createApiKeyAuthenticator({ findById: () => record }, exists)),
    own: { authorization: `Bearer ${key}` },
    others: [{}, { authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.e30.sig' }, { authorization: 'Basic dTpw' }],
  },
  {
    name: 'oauth',
    make: () =>
      oauthBearerAuthenticator(oauthCfg, {
        toPrincipal: (c) => principalFromClaims(c, oauthCfg, exists),
        fetch: noNetwork,
      }),
    own: { authorization: 'Bearer eyJhbGciOiJFUzI1NiJ9.e30.sig' },
    others: [{}, { authorization: `Bearer ${key}` }, { authorization: 'Basic dTpw' }],
  },
  {
    name: 'mtls',
    make: () =>
      mtlsAuthenticator(mtlsConfigSchema.parse({ identities: [{ agent: 'bot', commonName: 'bot' }] }), exists),
    own: {
      tls: {
        authorized: false,
        authorizationError: 'CERT_REVOKED',
        peerCertificate: { subject: { CN: 'bot' } } as PeerCertificate,
      },
    },
    others: [{}, { authorization: `Bearer ${key}` }, { tls: { authorized: false } }],
  },
];

describe.each(cases)('authenticator contract: $name', ({ make, own, others }) => {
  it('says "not mine" to requests without its kind of credential', async () => {
    for (const req of others) expect(await make().authenticate(req)).toEqual({ kind: 'not-mine' });
  });
  it('decides its own kind of credential (accepts or refuses, never passes it on)', async () => {
    expect((await make().authenticate(own)).kind).not.toBe('not-mine');
  });
});
