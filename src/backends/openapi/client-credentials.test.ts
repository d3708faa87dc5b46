// OAuth2 client credentials against a local token endpoint: fetched once, reused until shortly before expiry,
// then fetched again; the client secret comes from the credential source at each fetch (rotation), and token
// requests follow no redirect.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuthApplier } from './auth.js';
import type { BuiltRequest } from './build-request.js';
import { createHttpExecutor } from './http-executor.js';
import { startCaptureServer, type CaptureServer } from './test-support/capture-server.js';
import type { CallPlan } from './types.js';

let server: CaptureServer;
let issued = 0;
const executor = createHttpExecutor({
  timeoutMs: 5000,
  connectTimeoutMs: 5000,
  maxResponseBytes: 10_000,
  allowPrivateNetwork: true,
});

beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(async () => {
  executor.close();
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  issued = 0;
  server.setHandler((req, res) => {
    if (req.url === '/moved') return void res.writeHead(302, { location: '/token' }).end();
    issued++;
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ access_token: `token-${issued}`, expires_in: 120 }));
  });
});

const plan: CallPlan = {
  method: 'GET',
  path: '/x',
  servers: ['https://api.example.com'],
  params: [],
  security: [{ cc: [] }],
  accept: 'application/json',
  hasOutputSchema: false,
};
const req = (): BuiltRequest => ({ method: 'GET', url: new URL('https://api.example.com/x'), headers: {} });

describe('client credentials', () => {
  it('caches the token until 30 s before expiry, then refreshes with the current client secret', async () => {
    let now = 1_000_000;
    let secret = 'client-secret-one';
    const auth = createAuthApplier({
      schemes: { cc: { type: 'oauth2', tokenUrl: `${server.url}/token` } },
      auth: { cc: { credential: 'CC', clientId: 'client' } },
      getCredential: () => Promise.resolve(secret),
      executor,
      now: () => now,
    });
    const bearer = async (): Promise<string | undefined> => {
      const r = req();
      await auth.apply(plan, r);
      return r.headers.authorization;
    };
    expect(await bearer()).toBe('Bearer token-1');
    now += 89_000;
    expect(await bearer()).toBe('Bearer token-1');
    secret = 'client-secret-two';
    now += 2_000; // 91 s: within 30 s of the 120 s expiry
    expect(await bearer()).toBe('Bearer token-2');
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.headers.authorization).toBe(
      `Basic ${Buffer.from('client:client-secret-two').toString('base64')}`,
    );
    expect(auth.liveSecrets()).toEqual(expect.arrayContaining(['client-secret-two', 'token-1', 'token-2']));
  });

  it('does not follow a redirect from the token endpoint', async () => {
    const auth = createAuthApplier({
      schemes: { cc: { type: 'oauth2', tokenUrl: `${server.url}/moved` } },
      auth: { cc: { credential: 'CC', clientId: 'client' } },
      getCredential: () => 'client-secret-one',
      executor,
    });
    await expect(auth.apply(plan, req())).rejects.toThrow('HTTP 302');
    expect(server.requests.map((r) => r.url)).toEqual(['/moved']);
  });
});
