import { hash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, logger, useLogger } from '../observability/logger.js';
import { apiKeyAuthenticator, createApiKeyAuthenticator, generateApiKey } from './api-key.js';
import type { AuthOutcome } from './types.js';
import type { ApiKeyRecord } from '../storage/repositories.js';

// crypto.hash counted (and otherwise itself): the connection's key digest is reused, not recomputed (Decision 49).
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, hash: vi.fn(real.hash) };
});

/**
 * A key store that cannot answer (PostgreSQL stopped, a SQLite file that cannot be read) is not a wrong key and not
 * an internal error: the request is refused with 503 and a reason the caller can act on (try again later), and the
 * refusal is not counted as a guess against the caller's failed-authentication budget (src/cli/runtime.ts).
 */
const { key } = generateApiKey('bot');
const down = new Error('connect ECONNREFUSED 127.0.0.1:5432');

describe('API key authenticator with a key store that cannot answer', () => {
  it.each([
    ['rejects (PostgreSQL)', () => Promise.reject(down)],
    [
      'throws (SQLite)',
      () => {
        throw down;
      },
    ],
  ])('a lookup that %s refuses with 503 store-unavailable', async (_, findById) => {
    const authn = apiKeyAuthenticator(createApiKeyAuthenticator({ findById }, () => true));
    const outcome: AuthOutcome = await authn.authenticate({ authorization: `Bearer ${key}` });
    expect(outcome).toMatchObject({
      kind: 'refused',
      status: 503,
      reason: 'store-unavailable',
      description: 'The key store cannot be reached; try again later',
    });
    // Neither the store's error text (hosts, ports) nor the key reaches the caller.
    expect(JSON.stringify(outcome)).not.toContain('ECONNREFUSED');
    expect(JSON.stringify(outcome)).not.toContain(key);
  });

  it("logs the store's error for the operator (the answer does not carry it), without the key", async () => {
    const lines: string[] = [];
    const before = logger();
    useLogger(createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } }));
    try {
      const authn = apiKeyAuthenticator(
        createApiKeyAuthenticator({ findById: () => Promise.reject(down) }, () => true),
      );
      await authn.authenticate({ authorization: `Bearer ${key}` });
    } finally {
      useLogger(before);
    }
    expect(lines.join('')).toContain('connect ECONNREFUSED 127.0.0.1:5432');
    expect(lines.join('')).not.toContain(key);
  });
});

describe("API key authenticator: the key's digest kept for the connection (ADR 0017, Decision 49)", () => {
  const setup = () => {
    const { key, record } = generateApiKey('bot');
    let current: ApiKeyRecord = record;
    const authn = apiKeyAuthenticator(createApiKeyAuthenticator({ findById: () => current }, () => true));
    return { key, record, authn, revoke: () => (current = { ...record, revokedAt: '2026-11-29T00:00:00.000Z' }) };
  };
  const hashes = () => vi.mocked(hash).mock.calls.length;

  it('hashes a key once per connection, again on another connection', async () => {
    const { key, authn } = setup();
    const a = {};
    const b = {};
    const before = hashes();
    for (let i = 0; i < 5; i++)
      expect(await authn.authenticate({ authorization: `Bearer ${key}`, connection: a })).toMatchObject({
        kind: 'authenticated',
        principal: { agent: 'bot' },
      });
    expect(hashes() - before).toBe(1);
    expect(await authn.authenticate({ authorization: `Bearer ${key}`, connection: b })).toMatchObject({
      kind: 'authenticated',
    });
    expect(hashes() - before).toBe(2);
    // Without a connection (stdio, tests), every request hashes, as before.
    await authn.authenticate({ authorization: `Bearer ${key}` });
    await authn.authenticate({ authorization: `Bearer ${key}` });
    expect(hashes() - before).toBe(4);
  });

  it('refuses a different key on the same connection: the digest is of the key presented, not of the last one', async () => {
    const { key, authn } = setup();
    const conn = {};
    expect(await authn.authenticate({ authorization: `Bearer ${key}`, connection: conn })).toMatchObject({
      kind: 'authenticated',
    });
    // Same id, one character of the secret changed (last, then first).
    const last = key.at(-1) === 'A' ? 'B' : 'A';
    const wrongLast = key.slice(0, -1) + last;
    const secretStart = key.lastIndexOf('_') + 1;
    const wrongFirst = key.slice(0, secretStart) + (key[secretStart] === 'A' ? 'B' : 'A') + key.slice(secretStart + 1);
    for (const wrong of [wrongLast, wrongFirst]) {
      expect(await authn.authenticate({ authorization: `Bearer ${wrong}`, connection: conn })).toMatchObject({
        kind: 'refused',
        status: 401,
        reason: 'mismatch',
      });
      // And the right key after a wrong one is still accepted.
      expect(await authn.authenticate({ authorization: `Bearer ${key}`, connection: conn })).toMatchObject({
        kind: 'authenticated',
      });
    }
  });

  it('refuses a key revoked after its digest was kept, at its very next request', async () => {
    const { key, authn, revoke } = setup();
    const conn = {};
    expect(await authn.authenticate({ authorization: `Bearer ${key}`, connection: conn })).toMatchObject({
      kind: 'authenticated',
    });
    revoke();
    expect(await authn.authenticate({ authorization: `Bearer ${key}`, connection: conn })).toMatchObject({
      kind: 'refused',
      reason: 'revoked',
    });
  });
});
