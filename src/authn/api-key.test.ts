import { describe, expect, it } from 'vitest';
import { createLogger, logger, useLogger } from '../observability/logger.js';
import { apiKeyAuthenticator, createApiKeyAuthenticator, generateApiKey } from './api-key.js';
import type { AuthOutcome } from './types.js';

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

  it('logs one line while the store stays down, not one per refused request', async () => {
    const lines: string[] = [];
    const before = logger();
    useLogger(createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } }));
    try {
      const authn = apiKeyAuthenticator(
        createApiKeyAuthenticator({ findById: () => Promise.reject(down) }, () => true),
      );
      for (let i = 0; i < 50; i++) await authn.authenticate({ authorization: `Bearer ${key}` });
    } finally {
      useLogger(before);
    }
    expect(lines.filter((l) => l.includes('api key store unavailable'))).toHaveLength(1);
  });
});
