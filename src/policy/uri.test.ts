import { describe, expect, it } from 'vitest';
import { compileGlob, globProblem } from './glob.js';
import { normaliseUri } from './uri.js';

describe('normaliseUri', () => {
  it.each([
    ['file:///srv/public/a.txt', 'file:///srv/public/a.txt'],
    ['file:///srv/public/../secret/x', 'file:///srv/secret/x'],
    ['file:///srv/public/%2e%2e/secret/x', 'file:///srv/secret/x'],
    ['file:///srv/public/%2E%2E/secret/x', 'file:///srv/secret/x'],
    ['file:///srv/./public/./a', 'file:///srv/public/a'],
    ['FILE:///srv/a', 'file:///srv/a'],
    ['HTTPS://Example.COM/A/b', 'https://example.com/A/b'],
    ['file:///srv/a%20b', 'file:///srv/a%20b'],
    ['file:///srv/%7euser', 'file:///srv/~user'],
    ['helpdesk://tickets/1?x=..', 'helpdesk://tickets/1?x=..'],
  ])('%s → %s', (raw, want) => {
    expect(normaliseUri(raw)).toEqual({ ok: true, uri: want });
  });

  it.each([
    ['file:///../etc/passwd', /climbs above the root/],
    ['file:///srv/%2e%2e/%2e%2e/%2e%2e/etc', /climbs above the root/],
    ['file:///srv/public%2f..%2fsecret', /encoded slash/],
    ['file:///srv/public%5c..%5csecret', /encoded backslash/],
    ['file:///srv\\public\\..\\secret', /backslash/],
    ['file:///srv/%zz', /malformed/],
    ['file:///srv/%00', /NUL/],
    ['no-scheme/path', /no scheme/],
  ])('refuses %s', (raw, why) => {
    const r = normaliseUri(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(why);
  });
});

describe('globs', () => {
  it('* and ? stay within a segment, ** crosses', () => {
    expect(compileGlob('fs:file:///srv/*').test('fs:file:///srv/a')).toBe(true);
    expect(compileGlob('fs:file:///srv/*').test('fs:file:///srv/a/b')).toBe(false);
    expect(compileGlob('fs:file:///srv/**').test('fs:file:///srv/a/b')).toBe(true);
    expect(compileGlob('fs:file:///srv/?').test('fs:file:///srv//')).toBe(false);
    expect(compileGlob('a.b').test('axb')).toBe(false);
    expect(compileGlob('github_*').exact).toBe(false);
    expect(compileGlob('github_get').exact).toBe(true);
  });
  it('bounds the number of wildcards', () => {
    expect(globProblem('*a*a*a*a*a*a*a*a*a*')).toMatch(/at most/);
    expect(globProblem('a_*')).toBeUndefined();
  });
});
