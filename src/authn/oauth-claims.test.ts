import { describe, expect, it } from 'vitest';
import { oauthConfigSchema } from './config-schema.js';
import { lacksRequiredScopes, personFromClaims, principalFromClaims, scopesOf } from './oauth-claims.js';

const cfg = oauthConfigSchema.parse({
  issuer: 'https://idp.example',
  audience: 'https://gw.example/mcp',
  requiredScopes: ['mcp:tools'],
  clients: { 'desktop-app': 'desktop', 'cc-bot': 'billing' },
  claims: { groups: 'roles' },
});
const agents = new Set(['desktop', 'billing', 'fallback']);
const exists = (a: string) => agents.has(a);

describe('token claims to principal', () => {
  it('maps the client to its agent and sub/email/groups to the user', () => {
    const out = principalFromClaims(
      {
        client_id: 'desktop-app',
        sub: 'alice',
        email: 'alice@example.com',
        email_verified: true,
        roles: ['finance'],
        scope: 'openid mcp:tools',
        jti: 'j1',
      },
      cfg,
      exists,
    );
    expect(out).toMatchObject({
      kind: 'authenticated',
      principal: {
        agent: 'desktop',
        user: 'alice',
        groups: ['finance'],
        scopes: ['openid', 'mcp:tools'],
        method: 'oauth',
        credentialId: 'j1',
        claims: { email: 'alice@example.com' },
      },
    });
  });

  it('a client-credentials token (sub = client) has no user; azp is used when client_id is absent', () => {
    const out = principalFromClaims({ azp: 'cc-bot', sub: 'cc-bot', scp: ['mcp:tools'] }, cfg, exists);
    expect(out.kind).toBe('authenticated');
    if (out.kind === 'authenticated') {
      expect(out.principal.agent).toBe('billing');
      expect(out.principal.user).toBeUndefined();
    }
  });

  it("an e-mail claim the IdP did not verify is not the principal's e-mail (requester binding, CEL, headers)", () => {
    const base = { client_id: 'desktop-app', sub: 'u-1', scope: 'mcp:tools', email: 'root@example.com' };
    for (const flag of [false, 'true', undefined]) {
      const out = principalFromClaims({ ...base, email_verified: flag }, cfg, exists);
      expect(out.kind === 'authenticated' && out.principal.claims).not.toHaveProperty('email');
    }
    // A configured e-mail claim other than `email` (upn) is kept as itself, and `email` is its verified value only.
    const upn = { ...cfg, claims: { ...cfg.claims, email: 'upn' } };
    const out = principalFromClaims({ ...base, upn: 'u1@example.com', email_verified: true }, upn, exists);
    expect(out).toMatchObject({ principal: { claims: { upn: 'u1@example.com', email: 'u1@example.com' } } });
    const person = personFromClaims({ sub: 'x1', email: 'eve@example.com' }, cfg, () => 'x1');
    expect(person.kind === 'authenticated' && person.principal.claims).not.toHaveProperty('email');
  });

  it('an unmapped client is refused (403) unless a default agent is configured', () => {
    const claims = { client_id: 'dyn-123', sub: 'bob', scope: 'mcp:tools' };
    expect(principalFromClaims(claims, cfg, exists)).toMatchObject({ status: 403, reason: 'client-not-mapped' });
    expect(principalFromClaims(claims, { ...cfg, defaultAgent: 'fallback' }, exists)).toMatchObject({
      principal: { agent: 'fallback', user: 'bob' },
    });
    expect(principalFromClaims(claims, { ...cfg, defaultAgent: 'gone' }, exists)).toMatchObject({ status: 403 });
  });

  it('a token without the required scopes is refused with insufficient_scope naming them', () => {
    expect(principalFromClaims({ client_id: 'cc-bot', scope: 'openid' }, cfg, exists)).toMatchObject({
      status: 403,
      error: 'insufficient_scope',
      scope: 'mcp:tools',
    });
  });

  it('for the REST API, the person is the configured user named by sub or verified email', () => {
    const users = (u: string) => (u === 'alice@example.com' ? u : undefined);
    expect(personFromClaims({ sub: 'x1', email: 'alice@example.com', email_verified: true }, cfg, users)).toMatchObject(
      {
        principal: { user: 'alice@example.com', method: 'oauth' },
      },
    );
    expect(personFromClaims({ sub: 'x1', email: 'eve@example.com', email_verified: true }, cfg, users)).toMatchObject({
      status: 403,
    });
  });

  it('an e-mail claim the IdP did not verify names nobody, unless claims.emailVerified is false', () => {
    const users = (u: string) => (u === 'alice@example.com' ? 'alice' : undefined);
    for (const flag of [undefined, false, 'true', 1])
      expect(
        personFromClaims({ sub: 'x1', email: 'alice@example.com', email_verified: flag }, cfg, users),
      ).toMatchObject({ status: 403, reason: 'not-a-user' });
    const trusting = { ...cfg, claims: { ...cfg.claims, emailVerified: false as const } };
    expect(personFromClaims({ sub: 'x1', email: 'alice@example.com' }, trusting, users)).toMatchObject({
      principal: { user: 'alice' },
    });
    const otherClaim = { ...cfg, claims: { ...cfg.claims, emailVerified: 'mail_ok' } };
    expect(personFromClaims({ sub: 'x1', email: 'alice@example.com', mail_ok: true }, otherClaim, users)).toMatchObject(
      { principal: { user: 'alice' } },
    );
  });

  it('claims.user set to the e-mail claim names a person only by a verified address, for agents and people alike', () => {
    const byEmail = { ...cfg, claims: { ...cfg.claims, user: 'email' } };
    const token = { client_id: 'desktop-app', scope: 'mcp:tools', sub: 'x1', email: 'alice@example.com' };
    for (const flag of [undefined, false, 'true'])
      expect(principalFromClaims({ ...token, email_verified: flag }, byEmail, exists)).toMatchObject({
        status: 403,
        reason: 'user-email-unverified',
      });
    expect(principalFromClaims({ ...token, email_verified: true }, byEmail, exists)).toMatchObject({
      principal: { user: 'alice@example.com' },
    });
    // Another name for the e-mail claim is the same rule; an IdP that lets nobody set their address may opt out.
    const mail = { ...cfg, claims: { ...cfg.claims, user: 'mail', email: 'mail' } };
    expect(principalFromClaims({ ...token, mail: 'alice@example.com' }, mail, exists)).toMatchObject({ status: 403 });
    const trusting = { ...byEmail, claims: { ...byEmail.claims, emailVerified: false as const } };
    expect(principalFromClaims(token, trusting, exists)).toMatchObject({ principal: { user: 'alice@example.com' } });
    const users = (u: string) => (u === 'alice@example.com' ? 'alice' : undefined);
    expect(personFromClaims(token, byEmail, users)).toMatchObject({ status: 403, reason: 'not-a-user' });
    expect(personFromClaims({ ...token, email_verified: true }, byEmail, users)).toMatchObject({
      principal: { user: 'alice' },
    });
  });

  it('lacksRequiredScopes holds any bearer token (people too) to requiredScopes', () => {
    expect(lacksRequiredScopes({ scope: 'openid' }, cfg)).toMatchObject({ status: 403, error: 'insufficient_scope' });
    expect(lacksRequiredScopes({ scope: 'openid mcp:tools' }, cfg)).toBeUndefined();
  });

  it('or the configured user who lists the sub or email under identities (the principal is their user name)', () => {
    const users = (u: string) => (u === 'u-1001' || u === 'erin@example.com' ? 'erin' : undefined);
    expect(personFromClaims({ sub: 'u-1001' }, cfg, users)).toMatchObject({
      principal: { user: 'erin', agent: 'erin' },
    });
    expect(personFromClaims({ sub: 'zz', email: 'erin@example.com', email_verified: true }, cfg, users)).toMatchObject({
      principal: { user: 'erin' },
    });
  });

  it('reads scopes from scope (string) or scp (array)', () => {
    expect(scopesOf({ scope: 'a  b' })).toEqual(['a', 'b']);
    expect(scopesOf({ scp: ['a', 1, 'c'] })).toEqual(['a', 'c']);
    expect(scopesOf({})).toEqual([]);
  });
});
