// Counting a failed authentication runs in the background after the 401 is sent; a budget store that fails (Redis or
// PostgreSQL unreachable) must be logged, not left as an unhandled rejection (which ends the process). Before, the
// count was `void guard.failed(...).then(...)` with no catch.
import { describe, expect, it } from 'vitest';
import { countFailedAuth } from './runtime.js';

describe('countFailedAuth', () => {
  it('records a throttle when the attempt spent the budget', async () => {
    const seen: string[] = [];
    await countFailedAuth({ failed: () => Promise.resolve({ throttled: true }) }, '10.0.0.1', {
      onThrottled: () => seen.push('throttled'),
      warn: (m) => seen.push(m),
    });
    expect(seen).toEqual(['throttled']);
  });

  it('a failing budget store is logged, and the returned promise does not reject', async () => {
    const seen: string[] = [];
    const counted = countFailedAuth(
      { failed: () => Promise.reject(new Error('limit store unavailable: connect ECONNREFUSED 127.0.0.1:6379')) },
      '10.0.0.1',
      { onThrottled: () => seen.push('throttled'), warn: (m) => seen.push(m) },
    );
    await expect(counted).resolves.toBeUndefined();
    expect(seen).toEqual([
      'failed authentication not counted: limit store unavailable: connect ECONNREFUSED 127.0.0.1:6379',
    ]);
  });

  it('an error while recording the throttle is logged too', async () => {
    const seen: string[] = [];
    await countFailedAuth({ failed: () => Promise.resolve({ throttled: true }) }, undefined, {
      onThrottled: () => {
        throw new Error('audit log is closed');
      },
      warn: (m) => seen.push(m),
    });
    expect(seen).toEqual(['failed authentication not counted: audit log is closed']);
  });
});
