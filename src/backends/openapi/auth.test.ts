import { describe, expect, it } from 'vitest';
import { createAuthApplier } from './auth.js';
import type { BuiltRequest } from './build-request.js';
import type { HttpExecutor } from './http-executor.js';
import type { CallPlan, SecurityScheme } from './types.js';

const schemes: Record<string, SecurityScheme> = {
  q: { type: 'apiKey', in: 'query', name: 'api_key' },
  c: { type: 'apiKey', in: 'cookie', name: 'session' },
  h: { type: 'apiKey', in: 'header', name: 'X-Key' },
  basic: { type: 'http', scheme: 'basic' },
  bearer: { type: 'http', scheme: 'bearer' },
};
const values: Record<string, string> = { Q: 'q v&1', C: 'cookie;val', H: 'hkey', B: 'user:pa ss', T: 'tok123' };
const noExecutor = {
  send: () => Promise.reject(new Error('no network in this test')),
  close: () => undefined,
} as unknown as HttpExecutor;

const plan = (security: CallPlan['security'], injected?: CallPlan['injected']): CallPlan => ({
  method: 'GET',
  path: '/x',
  servers: ['https://api.example.com'],
  params: [],
  security,
  accept: 'application/json',
  hasOutputSchema: false,
  ...(injected ? { injected } : {}),
});
const request = (): BuiltRequest => ({
  method: 'GET',
  url: new URL('https://api.example.com/x?a=1%202'),
  headers: { cookie: 'pref=1' },
});

function applier(auth: Parameters<typeof createAuthApplier>[0]['auth']) {
  return createAuthApplier({ schemes, auth, getCredential: (n) => values[n], executor: noExecutor });
}

describe('createAuthApplier', () => {
  it('places apiKeys in query (keeping the query as encoded), cookie and header', async () => {
    const a = applier({ q: { credential: 'Q' }, c: { credential: 'C' }, h: { credential: 'H' } });
    const req = request();
    await a.apply(plan([{ q: [], c: [], h: [] }]), req);
    expect(req.url.search).toBe('?a=1%202&api_key=q%20v%261');
    expect(req.headers.cookie).toBe('pref=1; session=cookie%3Bval');
    expect(req.headers['x-key']).toBe('hkey');
  });

  it('uses the first alternative whose schemes are all configured', async () => {
    const a = applier({ bearer: { credential: 'T' }, basic: { credential: 'B' } });
    const req = request();
    await a.apply(plan([{ q: [], basic: [] }, { basic: [] }, { bearer: [] }]), req);
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('user:pa ss').toString('base64')}`);
    const none = request();
    await a.apply(plan([{ q: [] }]), none);
    expect(none.headers.authorization).toBeUndefined();
  });

  it('fills declared parameters with a custom placement, else places it where configured', async () => {
    const a = applier({ tok: { credential: 'T', in: 'header', name: 'token' } });
    expect(await a.injectedValues(plan([], [{ arg: '\u0000credential:token', name: 'token' }]))).toEqual({
      '\u0000credential:token': 'tok123',
    });
    const declared = request();
    await a.apply(plan([], [{ arg: '\u0000credential:token', name: 'token' }]), declared);
    expect(declared.headers.token).toBeUndefined();
    const undeclared = request();
    await a.apply(plan([]), undeclared);
    expect(undeclared.headers.token).toBe('tok123');
  });

  it('lists every credential form it has sent as live secrets', async () => {
    const a = applier({ basic: { credential: 'B' }, bearer: { credential: 'T' } });
    await a.apply(plan([{ basic: [], bearer: [] }]), request());
    const b64 = Buffer.from('user:pa ss').toString('base64');
    expect(a.liveSecrets().sort()).toEqual(['user:pa ss', b64, 'tok123'].sort());
  });

  it('fails with the credential name, never its value, when it is not set', async () => {
    const a = applier({ h: { credential: 'MISSING' } });
    await expect(a.apply(plan([{ h: [] }]), request())).rejects.toThrow(
      'credential MISSING for security scheme h is not set',
    );
  });
});
