import { afterEach, describe, expect, it, vi } from 'vitest';
import { isoNow } from './iso-now.js';

afterEach(() => vi.restoreAllMocks());

describe('isoNow', () => {
  it('writes what toISOString writes, at second boundaries, across eras and with the clock going back', () => {
    const times: number[] = [];
    for (const base of [0, 1_764_442_800_000, 1_798_761_599_000, -1_000, -62_167_219_200_000, 253_402_300_799_000])
      for (let d = -1_002; d <= 1_002; d++) times.push(base + d);
    // Random times from year 0000 to 9999, then the same times backwards (the cache must follow the clock both ways).
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      times.push(Math.floor(-62_167_219_200_000 + (seed / 2_147_483_648) * 315_537_897_599_000));
    }
    for (const t of [...times, ...times.reverse()]) expect(isoNow(t)).toBe(new Date(t).toISOString());
  });

  it('leaves the extended years and non-integer times to toISOString', () => {
    for (const t of [-62_167_219_200_001, 253_402_300_800_000, 8.64e15, -8.64e15, 1_764_442_800_000.5, -0.5])
      expect(isoNow(t)).toBe(new Date(t).toISOString());
  });

  it('reads the clock when given no time', () => {
    const before = Date.now();
    const t = Date.parse(isoNow());
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it('formats a date once per second, not once per call', () => {
    const format = vi.spyOn(Date.prototype, 'toISOString');
    const second = 1_764_442_805_000;
    for (let ms = 0; ms < 1_000; ms++) isoNow(second + ms);
    expect(format.mock.calls.length).toBeLessThanOrEqual(1);
  });
});
