import { describe, expect, it } from 'vitest';
import { newRequestId } from './ids.js';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newRequestId', () => {
  it('is a UUIDv7 carrying the given Unix milliseconds', () => {
    const at = Date.UTC(2026, 10, 27, 12, 0, 0, 123);
    const id = newRequestId(at);
    expect(id).toMatch(V7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('uses the current time by default', () => {
    const before = Date.now();
    const id = newRequestId();
    const after = Date.now();
    const ms = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after);
  });

  it('sorts in time order across milliseconds and stays unique within one', () => {
    const t = 1_800_000_000_000;
    const later = [t + 1, t + 2, t + 1000, t + 86_400_000].map((ms) => newRequestId(ms));
    expect([...later].sort()).toEqual(later);
    expect(newRequestId(t) < later[0]!).toBe(true);
    const same = new Set(Array.from({ length: 10_000 }, () => newRequestId(t)));
    expect(same.size).toBe(10_000);
    for (const id of same) {
      expect(id).toMatch(V7);
      expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(t);
    }
    // Back to a later millisecond after the cached one: its own timestamp again.
    expect(parseInt(newRequestId(t + 5).slice(0, 8) + newRequestId(t + 5).slice(9, 13), 16)).toBe(t + 5);
  });
});
