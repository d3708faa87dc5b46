import { describe, expect, it, vi } from 'vitest';
import { createAuthFailureAggregator } from './auth-failures.js';
import type { AuditEventInput } from './types.js';

describe('authentication failure aggregation', () => {
  it('records the first failure per source at once and the rest as one counted record per interval', () => {
    vi.useFakeTimers();
    try {
      const written: AuditEventInput[] = [];
      const agg = createAuthFailureAggregator((e) => written.push(e), { intervalMs: 60_000 });
      for (let i = 0; i < 5000; i++)
        agg.report({ reason: 'invalid key', sourceAddress: '10.0.0.1', keyId: `k${i % 20}` });
      agg.report({ reason: 'missing credential', sourceAddress: '10.0.0.2' });
      expect(written.map((e) => e.sourceAddress)).toEqual(['10.0.0.1', '10.0.0.2']);
      vi.advanceTimersByTime(60_000);
      expect(written).toHaveLength(3);
      expect(written[2]).toMatchObject({
        type: 'auth.failed',
        sourceAddress: '10.0.0.1',
        detail: { aggregated: true, count: 4999, reasons: { 'invalid key': 4999 } },
      });
      expect((written[2]!.detail as { keyIds: string[] }).keyIds).toHaveLength(10);
      // A new interval: the next failure is recorded at once again.
      agg.report({ reason: 'invalid key', sourceAddress: '10.0.0.1' });
      expect(written).toHaveLength(4);
      agg.report({ reason: 'invalid key', sourceAddress: '10.0.0.1' });
      agg.close();
      expect(written).toHaveLength(5);
      expect(written[4]!.detail).toMatchObject({ count: 1, aggregated: true });
    } finally {
      vi.useRealTimers();
    }
  });

  it('bounds the sources it tracks: beyond the limit, failures are counted under one overflow record', () => {
    const written: AuditEventInput[] = [];
    const agg = createAuthFailureAggregator((e) => written.push(e), { maxSources: 100 });
    for (let i = 0; i < 10_000; i++) agg.report({ reason: 'invalid key', sourceAddress: `10.0.${i >> 8}.${i & 255}` });
    agg.close();
    expect(written).toHaveLength(101);
    expect(written[100]!.detail).toMatchObject({ source: '(other sources)', count: 9900 });
  });
});
