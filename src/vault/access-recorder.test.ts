import { describe, expect, it } from 'vitest';
import { createSecretAccessRecorder, type SecretAccessEvent } from './access-recorder.js';

describe('secret access recorder', () => {
  it('records the first access at once and the rest of the interval as one counted event', () => {
    const events: SecretAccessEvent[] = [];
    let t = Date.parse('2026-11-27T02:00:00Z');
    const rec = createSecretAccessRecorder((e) => events.push(e), { provider: 'vault', now: () => t });
    rec.accessed('STRIPE_KEY');
    expect(events).toEqual([
      {
        type: 'secret.accessed',
        detail: {
          name: 'STRIPE_KEY',
          provider: 'vault',
          count: 1,
          from: '2026-11-27T02:00:00.000Z',
          to: '2026-11-27T02:00:00.000Z',
        },
      },
    ]);
    for (let i = 0; i < 500; i++) {
      t += 10;
      rec.accessed('STRIPE_KEY');
    }
    rec.accessed('GITHUB_TOKEN');
    expect(events.map((e) => e.detail.name)).toEqual(['STRIPE_KEY', 'GITHUB_TOKEN']); // no write per call
    t += 1000;
    rec.close();
    expect(events.slice(2).map((e) => e.detail)).toEqual([
      {
        name: 'STRIPE_KEY',
        provider: 'vault',
        count: 500,
        from: '2026-11-27T02:00:00.010Z',
        to: '2026-11-27T02:00:06.000Z',
      },
    ]);
    // After the interval a name starts over: its next access is recorded at once.
    rec.accessed('STRIPE_KEY');
    expect(events).toHaveLength(4);
    rec.close();
  });
});
