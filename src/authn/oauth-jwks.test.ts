import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { oauthConfigSchema } from './config-schema.js';
import { oauthBearerAuthenticator } from './oauth-bearer.js';

// A real JWKS endpoint on 127.0.0.1 whose key list the test changes, as an IdP does when a key is withdrawn.
let server: Server;
let jwksUri: string;
let served: JWK[] = [];
let fetches = 0;
beforeAll(async () => {
  server = createServer((_req, res) => {
    fetches++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: served }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});
afterEach(() => {
  vi.useRealTimers();
});

const ISSUER = 'https://idp.example';
const AUDIENCE = 'https://gw.example/mcp';

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

describe('a key withdrawn from the JWKS', () => {
  it('stops being trusted once jwksMaxAgeSeconds (default 60 s) has passed, not after 10 minutes', async () => {
    const compromised = await keyPair('k-1');
    const next = await keyPair('k-2');
    served = [compromised.jwk, next.jwk];
    vi.useFakeTimers({ toFake: ['Date'] });
    const cfg = oauthConfigSchema.parse({ issuer: ISSUER, audience: AUDIENCE, jwksUri });
    const auth = oauthBearerAuthenticator(cfg, {
      toPrincipal: (c) => ({ kind: 'authenticated', principal: { agent: String(c.sub), method: 'oauth' } }),
    });
    const token = async () =>
      new SignJWT({ sub: 'bot' })
        .setProtectedHeader({ alg: 'ES256', kid: 'k-1' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(compromised.privateKey);
    const check = async () => auth.authenticate({ authorization: `Bearer ${await token()}` });
    expect(await check()).toMatchObject({ kind: 'authenticated' });
    // The IdP withdraws k-1. Within the cache age it is still accepted; after it, the set is fetched again.
    served = [next.jwk];
    vi.setSystemTime(Date.now() + 30_000);
    expect(await check()).toMatchObject({ kind: 'authenticated' });
    const before = fetches;
    vi.setSystemTime(Date.now() + 31_000);
    expect(await check()).toMatchObject({ kind: 'refused', status: 401, reason: 'unknown-key' });
    expect(fetches).toBeGreaterThan(before);
  });

  it('jwksMaxAgeSeconds is bounded (a key set cached for days is refused at load)', () => {
    expect(oauthConfigSchema.safeParse({ issuer: ISSUER, audience: AUDIENCE, jwksMaxAgeSeconds: 86_400 }).success).toBe(
      false,
    );
    expect(oauthConfigSchema.parse({ issuer: ISSUER, audience: AUDIENCE, jwksMaxAgeSeconds: 10 })).toMatchObject({
      jwksMaxAgeSeconds: 10,
    });
  });
});
