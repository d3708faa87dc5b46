import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { SECRETLINT_EXAMPLES } from '../test-support/secretlint-examples.js';
import { knownClean, lintWindow, MAY_HOLD_SECRET, mayHoldSecret, scanSecrets } from './secret-scanner.js';

// secretlint's process-wide profiler kept a mark per lint and per rule for ever (secret-scanner.ts): a gateway
// scanning audit events all its life leaked memory and CPU with every scan. These tests fail if it records again.
const secretlintMarks = () =>
  performance.getEntriesByType('mark').filter((m) => m.name.startsWith('@core>') || m.name.startsWith('@node>'));

describe('secret scanner', () => {
  it('leaves no profiler marks behind, however many scans run', async () => {
    const before = secretlintMarks().length;
    for (let i = 0; i < 50; i++) await scanSecrets(`billing.create_refund /srv/reports/quarter-${i}.pdf`);
    expect(secretlintMarks().length).toBe(before);
    expect(before).toBe(0);
  });

  it('still finds secrets with the profiler silenced', async () => {
    const token = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;
    const text = `deploy with ${token} please`;
    expect(mayHoldSecret(text)).toBe(true);
    const ranges = await scanSecrets(text);
    expect(ranges.map(([a, b]) => text.slice(a, b))).toEqual([token]);
  });

  it('remembers only clean texts: a text holding a secret is scanned and caught every time', async () => {
    const token = `ghp_${'Z9y8X7w6V5'.repeat(3)}qrstuv`;
    const dirty = `push to /srv/repos/${token}`;
    for (let i = 0; i < 3; i++) {
      const ranges = await scanSecrets(dirty);
      expect(ranges.map(([a, b]) => dirty.slice(a, b))).toEqual([token]);
      expect(knownClean(dirty)).toBe(false);
    }
  });

  it('a clean text is known clean once scanned; one that differs is scanned again', async () => {
    const path = `/srv/reports/2026/q3-revenue-${Date.now()}.pdf`;
    expect(knownClean(path)).toBe(false);
    expect(await scanSecrets(path)).toEqual([]);
    expect(knownClean(path)).toBe(true);
    expect(await scanSecrets(path)).toEqual([]);
    // The same text with a token appended is another text: not known clean, and the token is found.
    const token = `ghp_${'Q1w2E3r4T5'.repeat(3)}uvwxyz`;
    const longer = `${path} ${token}`;
    expect(knownClean(longer)).toBe(false);
    const ranges = await scanSecrets(longer);
    expect(ranges.map(([a, b]) => longer.slice(a, b))).toEqual([token]);
  });

  it('collects exactly what its pattern describes (the hand-written check against the regular expression)', () => {
    const spec = (t: string) => t.length >= 8 && MAY_HOLD_SECRET.test(t);
    const fixed = [
      'benchmark payload',
      'a'.repeat(15),
      'a'.repeat(16),
      `${'a'.repeat(15)} ${'b'.repeat(15)}`,
      `${'x'.repeat(8)}+/=.~-_${'9'.repeat(1)}`,
      'https://x',
      'BEGIN',
      'xxBEGINxx',
      'xoxb-a-b',
      'xoxz-a-b',
      'xapp-1-a',
      'ｘｏｘｂ-a-b',
      'é'.repeat(20),
      `${'a'.repeat(10)}é${'a'.repeat(10)}`,
      `${'a'.repeat(10)}\u{1F600}${'a'.repeat(10)}`,
    ];
    for (const t of fixed) expect(mayHoldSecret(t), t).toBe(spec(t));
    // Random texts over an alphabet of token characters, separators and the prefixes' letters.
    const alphabet = [...'aZ09_+/=.~- :\téxobpBEGINr'];
    let x = 0x1234567;
    const next = () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x >>> 0;
    };
    for (let n = 0; n < 20_000; n++) {
      let t = '';
      const len = next() % 40;
      for (let i = 0; i < len; i++) t += alphabet[next() % alphabet.length];
      expect(mayHoldSecret(t), JSON.stringify(t)).toBe(spec(t));
    }
  });

  it('collects every text a rule can report on: each rule’s examples, and Slack tokens shorter than 16 characters', async () => {
    for (const secret of Object.values(SECRETLINT_EXAMPLES).flat()) expect(mayHoldSecret(secret), secret).toBe(true);
    for (const text of ['xoxb-a-b', 'token xoxb-1-abc end', 'xoxp-12-34', 'xapp-1-A1-b2c3', 'use xoxr-9-x']) {
      const reference = await lintWindow(text);
      expect(reference.length, `secretlint reports ${text}`).toBeGreaterThan(0);
      expect(mayHoldSecret(text), text).toBe(true);
      expect(scanSecrets(text)).toEqual(reference);
    }
  });
});
