import { describe, expect, it } from 'vitest';
import { detectors } from './detectors.js';
import { redactKeyValues } from './free-text.js';
import { createKnownCleanTexts, isIsoInstant } from './known-clean.js';

/** What every detector (and the `key=value` pass) finds in `text`: nothing, for a text the redactor may skip. */
function findings(text: string): string[] {
  const found: string[] = [];
  for (const d of detectors) {
    if (!d.hint(text)) continue;
    d.pattern.lastIndex = 0;
    for (const m of text.matchAll(d.pattern)) if (!d.confirm || d.confirm(m[0])) found.push(`${d.id}: ${m[0]}`);
  }
  redactKeyValues(text, (v) => {
    found.push(`key: ${v}`);
    return v;
  });
  return found;
}

const DIGIT_POSITIONS = [...'dddd-dd-ddTdd:dd:dd.dddZ'].flatMap((c, i) => (c === 'd' ? [i] : []));

describe('known-clean texts', () => {
  it('recognises exactly the instants Date#toISOString writes', () => {
    for (const ms of [0, 1, 1_764_290_462_123, 253_402_300_799_999, -62_167_219_200_000])
      expect(isIsoInstant(new Date(ms).toISOString()), new Date(ms).toISOString()).toBe(true);
    for (const text of [
      '2026-11-28T00:41:02.123',
      '2026-11-28T00:41:02.1234Z',
      '2026-11-28 00:41:02.123Z',
      '2026-11-28T00:41:02,123Z',
      '2026-11-28T0a:41:02.123Z',
      '+012026-11-28T00:41:02.123Z',
      '2026-11-28T00:41:02.123z',
      '４０２６-11-28T00:41:02.123Z',
      'call 555-0100 at 00:41Z.',
    ])
      expect(isIsoInstant(text), text).toBe(false);
  });

  it('no detector finds anything in an instant of that shape: every digit in every position, and random ones', () => {
    const bases = ['0000-00-00T00:00:00.000Z', '9999-99-99T99:99:99.999Z', '2026-11-28T00:41:02.123Z'];
    let checked = 0;
    for (const base of bases)
      for (const at of DIGIT_POSITIONS)
        for (let d = 0; d <= 9; d++) {
          const text = base.slice(0, at) + String(d) + base.slice(at + 1);
          expect(isIsoInstant(text)).toBe(true);
          expect(findings(text), text).toEqual([]);
          checked++;
        }
    // Deterministic pseudo-random digits (no flaky seeds): 20,000 instants.
    let x = 0x2545f491;
    for (let n = 0; n < 20_000; n++) {
      const chars = [...bases[2]!];
      for (const at of DIGIT_POSITIONS) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        chars[at] = String((x >>> 0) % 10);
      }
      const text = chars.join('');
      expect(findings(text), text).toEqual([]);
      checked++;
    }
    expect(checked).toBe(3 * 17 * 10 + 20_000);
    // The check itself finds things in texts close to that shape, so the assertions above can fail.
    expect(findings('2026-11-28T00:41:02.123Z 4111 1111 1111 1111')).not.toEqual([]);
    expect(findings('token=2026-11-28T00:41:02.123Z')).not.toEqual([]);
  });

  it('remembers exactly the texts added, bounded in count and length', () => {
    const k = createKnownCleanTexts({ maxEntries: 2, maxLength: 8 });
    k.add('up_echo');
    expect(k.has('up_echo')).toBe(true);
    expect(k.has('up_echo ')).toBe(false);
    k.add('123456789');
    expect(k.has('123456789')).toBe(false);
    k.add('a1');
    k.add('a2');
    expect([k.has('up_echo'), k.has('a1'), k.has('a2'), k.size()]).toEqual([false, true, true, 2]);
    // Instants are known without being remembered.
    expect(k.has('2026-11-28T00:41:02.123Z')).toBe(true);
    expect(k.size()).toBe(2);
  });
});
