import { describe, expect, it } from 'vitest';
import { createRedactor } from './redactor.js';
import { secretsOf, vaultSecretList } from './vault-values.js';

describe('vault values: the search list per event', () => {
  it('reads the source on every event and reuses the list only while it yields the same values in order', () => {
    let values: string[] = ['token-aaaa', 'Bearer bbbbbbbb'];
    let reads = 0;
    const list = vaultSecretList(function* () {
      reads++;
      yield* values;
    });
    const first = list();
    expect(first).toEqual(['Bearer bbbbbbbb', 'token-aaaa', 'bbbbbbbb']);
    expect(list()).toBe(first);
    values = [...values]; // a new array of the same strings: still the same sequence
    expect(list()).toBe(first);
    expect(reads).toBe(3);
    // rotated, appended, removed (a prefix of the last sequence), reordered, emptied
    const steps: string[][] = [
      ['token-cccc', 'Bearer bbbbbbbb'],
      ['token-cccc', 'Bearer bbbbbbbb', 'dddd-eeee'],
      ['token-cccc'],
      ['x', 'token-cccc'],
      ['token-cccc', 'x'],
      [],
    ];
    for (const step of steps) {
      values = step;
      expect(list()).toEqual(secretsOf(step));
    }
    expect(list()).toEqual([]);
  });

  it('the redactor masks a rotated value from the next event on, and no longer looks for the old one', () => {
    let vault = ['old-secret-1'];
    const r = createRedactor({ secretValues: () => vault });
    const ts = '2026-11-28T04:00:00.000Z';
    const args = (note: string) =>
      r.redact({ type: 'tool.call.requested', arguments: { note } }, ts).arguments as { note: string };
    expect(args('a old-secret-1 b').note).toBe('a [REDACTED:secret] b');
    vault = ['new-secret-2'];
    expect(args('a new-secret-2 b').note).toBe('a [REDACTED:secret] b');
    expect(args('a old-secret-1 b').note).toBe('a old-secret-1 b');
    vault.push('Bearer third-333');
    expect(args('x third-333 y').note).toBe('x [REDACTED:secret] y');
  });

  it('builds the same list whatever order the values come in (the resolver reorders them with use)', () => {
    const values = [
      'aaaa-1111',
      'bbbb-2222',
      'Bearer cccc-3333',
      'dddd',
      'eeee',
      'Basic ' + Buffer.from('u:pass-word').toString('base64'),
    ];
    const first = secretsOf(values);
    expect(secretsOf([...values].reverse())).toEqual(first);
    let seed = 5;
    for (let i = 0; i < 50; i++) {
      const shuffled = [...values];
      for (let j = shuffled.length - 1; j > 0; j--) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const k = (seed >>> 16) % (j + 1);
        [shuffled[j], shuffled[k]] = [shuffled[k]!, shuffled[j]!];
      }
      expect(secretsOf(shuffled)).toEqual(first);
    }
  });
});
