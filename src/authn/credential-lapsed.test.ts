import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../config/load.js';
import type { Principal } from '../core/principal.js';
import type { ApiKeyRecord } from '../storage/repositories.js';
import { generateApiKey } from './api-key.js';
import { oauthConfigSchema } from './config-schema.js';
import { createAuthentication } from './index.js';
import { principalFromClaims } from './oauth-claims.js';

/** What outlives a request asks whether the credential it came with still holds (listen streams, sessions). */
const config = parseConfigText(
  `
agents:
  bot: {}
  other: {}
`,
  'portcullis.yaml',
);
const live = generateApiKey('bot').record;
const revoked: ApiKeyRecord = { ...generateApiKey('bot').record, revokedAt: new Date().toISOString() };
const others = generateApiKey('other').record;
const records = new Map([live, revoked, others].map((r) => [r.id, r]));
const byId = (id: string) => records.get(id);

const auth = (cached: boolean) =>
  createAuthentication(config, {
    apiKeys: cached
      ? { findById: () => Promise.reject(new Error('not asked when cached')), cachedById: (id) => byId(id) ?? null }
      : { findById: (id) => Promise.resolve(byId(id)) },
  });
const keyOf = (rec: ApiKeyRecord, agent = rec.agent): Principal => ({ agent, method: 'api-key', credentialId: rec.id });

describe('credentialLapsed', () => {
  it.each([true, false])('API keys (store answering from memory: %s): revoked, unknown, another agent’s', async (c) => {
    const a = auth(c);
    expect(await a.credentialLapsed(keyOf(live))).toBeUndefined();
    expect(await a.credentialLapsed(keyOf(revoked))).toBe('credential-revoked');
    expect(await a.credentialLapsed({ agent: 'bot', method: 'api-key', credentialId: 'nosuchkey123' })).toBe(
      'credential-revoked',
    );
    expect(await a.credentialLapsed(keyOf(others, 'bot'))).toBe('credential-revoked');
    expect(await a.credentialLapsed({ agent: 'bot', method: 'api-key' })).toBe('credential-revoked');
  });

  it('a store that cannot answer counts as lapsed (fail closed)', async () => {
    const a = createAuthentication(config, {
      apiKeys: { findById: () => Promise.reject(new Error('store down')) },
    });
    expect(await a.credentialLapsed(keyOf(live))).toBe('credential-unverifiable');
  });

  it('an expired credential of any kind, and an agent no longer in config', () => {
    const a = auth(true);
    const now = Date.now();
    expect(a.credentialLapsed({ agent: 'bot', method: 'oauth', expiresAt: now + 60_000 }, now)).toBeUndefined();
    expect(a.credentialLapsed({ agent: 'bot', method: 'oauth', expiresAt: now }, now)).toBe('credential-expired');
    expect(a.credentialLapsed({ agent: 'bot', method: 'mtls', expiresAt: now - 1 }, now)).toBe('credential-expired');
    expect(a.credentialLapsed({ agent: 'gone', method: 'oauth' }, now)).toBe('agent-removed');
    expect(a.credentialLapsed({ agent: 'stdio-agent', method: 'stdio' }, now)).toBeUndefined();
  });

  it("a token's principal carries its exp", () => {
    const cfg = oauthConfigSchema.parse({
      issuer: 'https://idp.invalid',
      audience: 'https://gw.invalid/mcp',
      jwksUri: 'https://idp.invalid/jwks',
      clients: { app: 'bot' },
    });
    const out = principalFromClaims({ client_id: 'app', exp: 2_000_000_000 }, cfg, () => true);
    expect(out.kind === 'authenticated' && out.principal.expiresAt).toBe(2_000_000_000_000);
  });
});
