import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { mayHoldSecret, scanSecrets } from './secret-scanner.js';

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
});
