import { describe, expect, it } from 'vitest';
import { compileCondition } from './cel.js';
import { normalisePosixPath, pathWithin } from './cel-paths.js';

describe('path.within for conditions over file paths', () => {
  it.each([
    ['/srv/public/a.txt', true],
    ['/srv/public', true],
    ['/srv//public/./a.txt', true],
    ['/srv/public/x/../a.txt', true],
    ['/srv/public/../secret/x', false],
    ['/srv/public/../../etc/passwd', false],
    ['/srv/public2/a.txt', false],
    ['/srv/PUBLIC/a.txt', false],
    ['srv/public/a.txt', false],
    ['~/public/a.txt', false],
    ['/srv/public\\..\\secret', false],
    ['/srv/public/\0/a', false],
    ['/../srv/public/a', false],
  ])('%s within /srv/public: %s', (path, expected) => {
    expect(pathWithin(path, '/srv/public')).toBe(expected);
  });

  it('normalises like a file server resolves', () => {
    expect(normalisePosixPath('/a/./b//c/../d/')).toBe('/a/b/d');
    expect(normalisePosixPath('/')).toBe('/');
    expect(normalisePosixPath('/..')).toBeUndefined();
  });

  it('is available in CEL conditions, where startsWith would let a traversal through', () => {
    const input = (path: string) => ({
      principal: { agent: 'a', user: '', groups: [], roles: [], claims: {}, scopes: [], method: 'api-key' },
      target: { kind: 'tool', name: 'fs_read', server: 'fs', backend: 'fs', uri: '' },
      risk: { level: 'low', categories: [], sideEffect: 'none' },
      args: { path },
    });
    const within = compileCondition("path.within(args.path, '/srv/public')");
    const naive = compileCondition("args.path.startsWith('/srv/public/')");
    expect(within.usesArgs).toBe(true);
    expect(within.evaluate(input('/srv/public/a.txt'))).toBe(true);
    expect(within.evaluate(input('/srv/public/../secret/x'))).toBe(false);
    expect(naive.evaluate(input('/srv/public/../secret/x'))).toBe(true);
    expect(within.evaluate({ ...input(''), args: {} })).toEqual({ error: expect.any(String) as string });
  });
});
