// Abuse limits on the audit path, over real HTTP: a flood of bad keys writes a handful of aggregated records
// (one per source per interval, with a count), not one record per request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, startGateway, type RunningGateway } from './harness.js';

let gw: RunningGateway;
beforeAll(async () => {
  // The failed-attempt budget (limits) is off here: this tests the audit path's own bound, which must hold even
  // when every request reaches authentication.
  gw = await startGateway(`
upstreams: {}
limits: { failedAuth: { enabled: false, limit: 30, per: minute } }
agents:
  bot: { tools: { allow: ["*"] } }
`);
});
afterAll(async () => {
  await gw?.stop();
});

type Rec = { type: string; sourceAddress?: string; detail?: { count?: number; aggregated?: boolean } };

describe('authentication failure flood', () => {
  it('10,000 bad-key requests write at most a few records, which still count every failure', async () => {
    const total = 10_000;
    let next = 0;
    const statuses = new Map<number, number>();
    const worker = async () => {
      while (next < total) {
        next++;
        const r = await fetch(gw.url, {
          method: 'POST',
          headers: {
            authorization: `Bearer pcl_bogusbogus12_${next}`,
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
          },
          body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}',
        });
        await r.arrayBuffer();
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    expect(statuses.get(401)).toBe(total);

    // A graceful stop writes what was counted but not yet recorded.
    gw.proc.kill('SIGTERM');
    await gw.exited;
    const q = cli(['audit', 'query', '--config', gw.configFile, '--limit', '1000']);
    expect(q.code).toBe(0);
    const all = q.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Rec);
    const failed = all.filter((r) => r.type === 'auth.failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThanOrEqual(12);
    expect(all.length).toBeLessThanOrEqual(40);
    expect(failed.reduce((n, r) => n + (r.detail?.count ?? 0), 0)).toBe(total);
    expect(failed.some((r) => r.detail?.aggregated)).toBe(true);
  }, 180_000);
});
