import { describe, expect, it } from 'vitest';
import { createCleanTextCache } from './clean-text-cache.js';

describe('clean-text cache', () => {
  it('remembers exactly the texts added, nothing similar', () => {
    const c = createCleanTextCache();
    c.add('/srv/reports/2026/q3-revenue.pdf');
    expect(c.has('/srv/reports/2026/q3-revenue.pdf')).toBe(true);
    expect(c.has('/srv/reports/2026/q3-revenue.pdf ')).toBe(false);
    expect(c.has('/srv/reports/2026/q3-revenue.pd')).toBe(false);
    expect(c.has('')).toBe(false);
  });

  it('is bounded: the oldest text goes first, and long texts are never kept', () => {
    const c = createCleanTextCache({ maxEntries: 3, maxLength: 10 });
    for (const t of ['a1', 'a2', 'a3', 'a4']) c.add(t);
    expect(c.size()).toBe(3);
    expect(['a1', 'a2', 'a3', 'a4'].map((t) => c.has(t))).toEqual([false, true, true, true]);
    c.add('x'.repeat(11));
    expect(c.has('x'.repeat(11))).toBe(false);
    expect(c.size()).toBe(3);
    c.add('a3'); // already there: nothing evicted
    expect(c.has('a2')).toBe(true);
  });
});
