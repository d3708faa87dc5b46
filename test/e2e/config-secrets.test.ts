// A config error never quotes a secret: a URL written directly in portcullis.yaml (not through ${ENV}) that fails
// validation is named by file, line and key path, with its user-info password (and credential-named query
// parameters) shown as ***. The real CLI.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './harness.js';

const dir = tempDir('portcullis-config-secrets-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('portcullis validate on an invalid URL holding a password', () => {
  for (const [name, text, line, path] of [
    ['storage', 'storage: { url: "mysql://u:s3cret@db/x" }\n', 1, 'storage.url'],
    ['storage-string', '\nstorage: "mysql://u:s3cret@db/x?sslpassword=s3cret"\n', 2, 'storage'],
    ['redis', 'limits:\n  store: { redis: { url: "http://u:s3cret@cache:6379" } }\n', 2, 'limits.store.redis.url'],
  ] as const) {
    it(`${name}: names file, line and key path, never the password`, () => {
      const cfg = join(dir, `${name}.yaml`);
      writeFileSync(cfg, text);
      const v = cli(['validate', '--config', cfg]);
      expect(v.code).toBe(2);
      expect(v.stdout + v.stderr).not.toContain('s3cret');
      expect(v.stderr).toContain(`${cfg}:${line}:`);
      expect(v.stderr).toContain(`: ${path}`);
      expect(v.stderr).toContain('u:***@');
    });
  }
});
