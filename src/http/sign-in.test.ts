import { describe, expect, it } from 'vitest';
import { signInOf } from './admin-api.js';

describe('signInOf: how a person reached the admin API (admin.action.performed)', () => {
  it('names the credential kind and where it came from, with the credential id and never more', () => {
    expect(signInOf({ agent: 'ann', user: 'ann', method: 'api-key', credentialId: 'k1' }, false)).toEqual({
      via: 'api',
      method: 'user-key',
      credentialId: 'k1',
    });
    expect(signInOf({ agent: 'ann', user: 'ann', method: 'api-key', credentialId: 'k1' }, true)).toEqual({
      via: 'dashboard-session',
      method: 'user-key',
      credentialId: 'k1',
    });
    // An OAuth principal from a dashboard session signed in with OIDC; on the request it is a bearer token.
    expect(signInOf({ agent: 'pat', user: 'pat', method: 'oauth' }, true)).toEqual({
      via: 'dashboard-session',
      method: 'oidc',
    });
    expect(signInOf({ agent: 'pat', user: 'pat', method: 'oauth' }, false)).toEqual({
      via: 'api',
      method: 'oauth-token',
    });
    expect(signInOf({ agent: 'ops', user: 'ops', method: 'mtls', credentialId: 'sha256:ab' }, false)).toEqual({
      via: 'api',
      method: 'mtls',
      credentialId: 'sha256:ab',
    });
  });
});
