/** Every config message, however it was built, shows a URL's password (and credential query parameters) as ***. */
import { describe, expect, it } from 'vitest';
import { ConfigError, formatIssue } from './errors.js';
import { parseConfigText } from './load.js';

describe('config errors never quote a URL password', () => {
  it('a ConfigError built by any check (not only the schema) has the password redacted, in issues and message', () => {
    const e = new ConfigError([
      { file: 'p.yaml', line: 3, path: 'vault.url', message: 'cannot use https://admin:s3cret@vault.local/v1: bad' },
    ]);
    expect(e.message).toBe('p.yaml:3:1: vault.url: cannot use https://admin:***@vault.local/v1: bad');
    expect(e.issues[0]!.message).toBe('cannot use https://admin:***@vault.local/v1: bad');
  });

  it('a warning line too', () => {
    const line = formatIssue({ file: 'p.yaml', path: 'x', message: 'see redis://:s3cret@cache:6379/0 and more' });
    expect(line).toBe('p.yaml: x: see redis://:***@cache:6379/0 and more');
  });

  it('a schema error quotes the value with its password redacted, even one the text scan would cut short', () => {
    try {
      parseConfigText('storage: "mysql://u:s3 cret@db/x"\n', 'p.yaml', {});
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).message).toContain('(got "mysql://u:***@db/x")');
      expect((e as ConfigError).message).not.toContain('cret');
      return;
    }
    throw new Error('config was accepted');
  });
});
