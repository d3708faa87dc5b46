import { describe, expect, it } from 'vitest';
import { parseStorageUrl, redactUrl } from './config.js';

/**
 * redactUrl is what every message, log line and CLI output shows of a storage or upstream URL (`validate`'s summary,
 * `storage copy`, migration errors, an unsupported URL): never a password, whether in the user part or as a
 * libpq-style query parameter.
 */
describe('redactUrl', () => {
  it.each([
    [
      'in the user part',
      'postgres://app:s3cret-pw@db.internal:5432/portcullis',
      'postgres://app:***@db.internal:5432/portcullis',
    ],
    ['with no user name', 'postgres://:s3cret-pw@db.internal/portcullis', 'postgres://:***@db.internal/portcullis'],
    [
      'as a query parameter',
      'postgres://app@db.internal/portcullis?sslmode=require&password=s3cret-pw',
      'postgres://app@db.internal/portcullis?sslmode=require&password=***',
    ],
    [
      'holding a # (URL would read a port and a fragment)',
      'postgres://app:12#s3cret-pw@db.internal/portcullis',
      undefined,
    ],
    ['in a URL that does not parse, as a parameter', 'postgres://app@db:port/portcullis?password=s3cret-pw', undefined],
  ])('hides a password %s', (_, url, shown) => {
    const out = redactUrl(url);
    expect(out).not.toContain('s3cret-pw');
    if (shown) expect(out).toBe(shown);
  });

  it('leaves a URL without credentials as it is', () => {
    expect(redactUrl('postgres://app@db.internal:5432/portcullis?sslmode=require')).toBe(
      'postgres://app@db.internal:5432/portcullis?sslmode=require',
    );
  });

  it('an unsupported storage URL is refused without its password', () => {
    const where = { dataDir: '/srv/portcullis/data', baseDir: '/srv/portcullis' };
    expect(() => parseStorageUrl('mysql://app@db/portcullis?password=s3cret-pw', where)).toThrow(/unsupported URL/);
    expect(() => parseStorageUrl('mysql://app@db/portcullis?password=s3cret-pw', where)).not.toThrow(/s3cret-pw/);
  });
});
