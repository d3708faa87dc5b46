import { describe, expect, it } from 'vitest';
import type { Principal } from '../../core/principal.js';
import type { BuiltRequest } from './build-request.js';
import { createOnBehalfOf, OnBehalfOfError, onBehalfOfSchema } from './on-behalf-of.js';

const req = (): BuiltRequest => ({ method: 'GET', url: new URL('https://api.example/me'), headers: {} });
const alice: Principal = {
  agent: 'desktop',
  user: 'alice',
  groups: ['finance', 'staff'],
  claims: { email: 'alice@example.com' },
  method: 'oauth',
};
const signal = new AbortController().signal;

describe('on behalf of the user (headers)', () => {
  it('fills the templates from the principal and replaces same-named headers', async () => {
    const apply = createOnBehalfOf(
      onBehalfOfSchema.parse({
        headers: { 'X-User': '{user}', 'X-Who': '{email} via {agent}', 'X-Groups': '{groups}' },
      }),
    );
    const r = { ...req(), headers: { 'x-user': 'spoofed' } };
    await apply(r, alice, signal);
    expect(r.headers).toEqual({
      'X-User': 'alice',
      'X-Who': 'alice@example.com via desktop',
      'X-Groups': 'finance,staff',
    });
  });

  it('refuses a call without a user unless told not to; then leaves empty headers out', async () => {
    const cfg = { headers: { 'X-User': '{user}', 'X-Agent': '{agent}' } };
    const agentOnly: Principal = { agent: 'bot', method: 'api-key' };
    await expect(createOnBehalfOf(onBehalfOfSchema.parse(cfg))(req(), agentOnly, signal)).rejects.toBeInstanceOf(
      OnBehalfOfError,
    );
    const r = req();
    await createOnBehalfOf(onBehalfOfSchema.parse({ ...cfg, requireUser: false }))(r, agentOnly, signal);
    expect(r.headers).toEqual({ 'X-Agent': 'bot' });
  });

  it('never splits a header on a control character', async () => {
    const apply = createOnBehalfOf(onBehalfOfSchema.parse({ headers: { 'X-User': '{user}' } }));
    await expect(apply(req(), { ...alice, user: 'alice\r\nX-Admin: yes' }, signal)).rejects.toThrow(/control/);
  });

  it('token exchange needs the token the caller signed in with: an API-key principal is refused', async () => {
    const apply = createOnBehalfOf(
      onBehalfOfSchema.parse({
        tokenExchange: { tokenEndpoint: 'https://idp.example/token', clientId: 'gw', clientSecret: 's' },
      }),
    );
    await expect(apply(req(), alice, signal)).rejects.toThrow(/did not sign in with OAuth/);
  });
});
