import { describe, expect, it } from 'vitest';
import { loadConfigText } from './load.js';
import { summarizeConfig } from './summary.js';

/**
 * `portcullis validate` prints one line per section. What it prints of a URL never includes a password: the storage
 * URL (best given as ${PORTCULLIS_DATABASE_URL}, which holds the database password) and upstream URLs.
 */
const summary = (text: string, env: NodeJS.ProcessEnv = {}) =>
  summarizeConfig(loadConfigText('/srv/portcullis/portcullis.yaml', text, env)).join('\n');

describe('validate summary', () => {
  it.each([
    ['in the URL', 'postgres://app:s3cret-pw@db.internal:5432/portcullis'],
    ['as a parameter', 'postgres://app@db.internal:5432/portcullis?sslmode=require&password=s3cret-pw'],
    ['holding a #', 'postgres://app:12#s3cret-pw@db.internal:5432/portcullis'],
  ])('shows the storage URL without its password %s', (_, url) => {
    for (const text of ['storage: ${DB}\n', 'storage: { url: "${DB}", migrateOnStart: false }\n']) {
      const out = summary(text, { DB: url });
      expect(out).not.toContain('s3cret-pw');
      expect(out).toMatch(/storage: .*postgres:\/\/app(:\*\*\*)?@db\.internal:5432\/portcullis/);
    }
  });

  it('shows an upstream URL without its password', () => {
    const out = summary('upstreams:\n  docs: { transport: http, url: "https://bot:s3cret-pw@mcp.example.com/mcp" }\n');
    expect(out).not.toContain('s3cret-pw');
    expect(out).toContain('docs (http: https://bot:***@mcp.example.com/mcp)');
  });

  it('shows the limit store, a Redis URL without its password', () => {
    expect(summary('agents: { bot: {} }\n')).toContain('limits: 0 rate rule(s), 0 quota(s), counted in process');
    for (const text of [
      'limits:\n  store: { redis: { url: "${REDIS_URL}" } }\n',
      'limits:\n  store: { redis: { url: "redis://:s3cret-pw@cache.internal:6379/2" } }\n',
    ]) {
      const out = summary(text, { REDIS_URL: 'redis://:s3cret-pw@cache.internal:6379/2' });
      expect(out).not.toContain('s3cret-pw');
      expect(out).toContain('counted Redis "redis://:***@cache.internal:6379/2"');
    }
  });

  it('a limit store that is not a Redis URL is refused without echoing a value from the environment', () => {
    expect(() =>
      summary('limits:\n  store: { redis: { url: "${REDIS_URL}" } }\n', { REDIS_URL: 'http://:s3cret-pw@cache' }),
    ).toThrow(/limits\.store[\s\S]*redis:\/\/(?![\s\S]*s3cret-pw)/);
  });
});
