import { describe, expect, it } from 'vitest';
import { createLeakScanner, patternsOf, scanJson } from './leak-scan.js';

const SECRET = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

describe('leak scanner', () => {
  const scanner = createLeakScanner(() => [SECRET, 'abc']);

  it.each([0, 1, 2, 3, 4, 5])('finds the secret base64-encoded inside a larger value (prefix %i bytes)', (n) => {
    const wrapped = Buffer.from(`${'p'.repeat(n)}${SECRET}${'s'.repeat(n)}`);
    for (const enc of ['base64', 'base64url'] as const) {
      const r = scanner.scanText(`x ${wrapped.toString(enc)} y`);
      expect(r.finding).toBeDefined();
      expect(r.text).toContain('[REDACTED]');
    }
  });

  it.each([
    ['hex', Buffer.from(SECRET).toString('hex')],
    ['hex', Buffer.from(SECRET).toString('hex').toUpperCase()],
    ['plain', SECRET],
  ])('finds the %s form', (encoding, form) => {
    const r = scanner.scanText(`before ${form} after`);
    expect(r.finding?.encodings).toContain(encoding);
    expect(r.text).toBe('before [REDACTED] after');
  });

  it('finds URL-encoded secrets with reserved characters, both %XX and form forms', () => {
    const s = createLeakScanner(() => ['p@ss word/+=!']);
    for (const form of ['p%40ss%20word%2F%2B%3D!', 'p%40ss+word%2F%2B%3D%21', 'p%40ss%20word%2f%2b%3d%21'])
      expect(s.scanText(form).text).toBe('[REDACTED]');
  });

  it('scans binary bodies byte for byte', () => {
    const body = Buffer.concat([Buffer.from([0, 255, 1]), Buffer.from(SECRET), Buffer.from([7])]);
    const r = scanner.scanBytes(body);
    expect(r.body.includes(Buffer.from(SECRET))).toBe(false);
    expect(r.finding).toEqual({ encodings: ['plain'], count: 1 });
  });

  it('replaces the cut-off start of a secret at the end of a truncated body', () => {
    const r = scanner.scanBytes(Buffer.from(`data ${SECRET.slice(0, 10)}`), { truncated: true });
    expect(r.body.toString()).toBe('data [REDACTED]');
    expect(scanner.scanBytes(Buffer.from(`data ${SECRET.slice(0, 10)}`)).finding).toBeUndefined();
  });

  it('ignores values too short to search without false matches', () => {
    expect(patternsOf('abc')).toEqual([]);
    expect(scanner.scanText('abc abc').finding).toBeUndefined();
  });

  it('follows the live set: a rotated value is searched at once', () => {
    let live = ['first-secret-value'];
    const s = createLeakScanner(() => live);
    expect(s.scanText('second-secret-value').finding).toBeUndefined();
    live = ['second-secret-value'];
    expect(s.scanText('second-secret-value').text).toBe('[REDACTED]');
  });

  it('follows the live set as the same array changes: added, removed and reordered values', () => {
    const live = ['first-secret-value'];
    const s = createLeakScanner(() => live);
    expect(s.scanText('first-secret-value').text).toBe('[REDACTED]');
    live.push('second-secret-value');
    expect(s.scanText('second-secret-value').text).toBe('[REDACTED]');
    live.shift();
    expect(s.scanText('first-secret-value').finding).toBeUndefined();
    expect(s.scanText('second-secret-value').text).toBe('[REDACTED]');
    live.length = 0;
    expect(s.active()).toBe(false);
  });

  it('scanJson serialises nothing while there is no secret to look for, and scans as soon as there is one', () => {
    let live: string[] = [];
    const s = createLeakScanner(() => live);
    const value = { text: 'a-secret-value-here' };
    expect(s.active()).toBe(false);
    expect(scanJson(s, value).value).toBe(value); // the very object: not serialised and parsed back
    expect(
      scanJson(s, {
        toJSON: () => {
          throw new Error('serialised');
        },
      }).finding,
    ).toBeUndefined();
    live = ['a-secret-value-here'];
    expect(s.active()).toBe(true);
    expect(scanJson(s, value)).toEqual({ value: { text: '[REDACTED]' }, finding: expect.anything() });
  });
});
