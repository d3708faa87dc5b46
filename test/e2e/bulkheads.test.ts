import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUntil, connectAgent, eventually, FIXTURES, type RunningGateway, startGateway } from './harness.js';
import { initializeRaw } from './support/raw-mcp.js';

const upstream = join(FIXTURES, 'limits-upstream.mjs');
let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(`
upstreams:
  shared:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(upstream)}]
    maxResultBytes: 1048576
agents:
  flooder:
    tools: { allow: ["shared_*"] }
  sessioner:
    tools: { allow: ["shared_*"] }
  greedy:
    tools: { allow: ["shared_*"] }
  victim:
    tools: { allow: ["shared_*"] }
limits:
  concurrency:
    backends:
      shared: { perAgent: 4 }
  sessions: { perAgent: 3 }
`);
}, 60_000);
afterAll(async () => {
  await gw?.stop();
});

const textOf = (r: { content: unknown }) => (r.content as { text: string }[])[0]!.text;

describe('bulkheads on a shared stdio upstream', () => {
  it("a huge result is cut at the limit with a clear error; the upstream stays connected and another agent's calls go on", async () => {
    const greedy = await connectAgent(gw.url, gw.keys.greedy);
    const victim = await connectAgent(gw.url, gw.keys.victim);
    const before = Number(textOf(await victim.callTool({ name: 'shared_hit' })));

    // The victim keeps calling while the greedy agent's 40 MB result streams in (and is dropped while read).
    const greedyCall = greedy.callTool({ name: 'shared_big', arguments: { megabytes: 40 } });
    await callUntil(victim, 'shared_hits', greedyCall); // throws on any error result meanwhile
    const big = await greedyCall;

    expect(big.isError).toBe(true);
    expect(textOf(big)).toMatch(/result from upstream "shared" exceeds its limit of 1048576 bytes/);
    // No reconnect (what would have made the victim's calls slow or fail): same process, same connection, the
    // counter went on instead of starting over. (How fast the calls are is measured in bench/, not asserted here.)
    expect(Number(textOf(await victim.callTool({ name: 'shared_hit' })))).toBe(before + 1);
    expect(gw.stderr()).not.toMatch(/upstream shared: connection closed/);
    await Promise.all([greedy.close(), victim.close()]);
  }, 90_000);

  it("one agent flooding a shared upstream gets its surplus refused at once; another agent's calls are not queued behind it", async () => {
    const flooder = await connectAgent(gw.url, gw.keys.flooder);
    const victim = await connectAgent(gw.url, gw.keys.victim);
    // Settled outcomes in the order they arrive; the victim's call is one of them.
    const settled: string[] = [];
    const flood = Array.from({ length: 40 }, () =>
      flooder.callTool({ name: 'shared_sleep', arguments: { ms: 3000 } }).then(
        () => settled.push('ok'),
        (e: unknown) => settled.push(String((e as { code?: number }).code)),
      ),
    );
    // Refused at once: the surplus comes back while the four admitted calls still hold their slots.
    await eventually(() => settled.length === 36, 30_000, 20);
    expect(settled).toEqual(Array(36).fill('-32029'));
    const r = await victim.callTool({ name: 'shared_hits' });
    settled.push('victim');
    await Promise.all(flood);
    expect(r.isError).toBeFalsy();
    // The victim was answered before any of the flooder's admitted calls: it did not wait for their slots.
    expect(settled.slice(36)).toEqual(['victim', 'ok', 'ok', 'ok', 'ok']);
    await Promise.all([flooder.close(), victim.close()]);
  }, 60_000);

  it('caps the sessions one agent may hold open (2025-11-25 sessions)', async () => {
    const initialize = (key: string | undefined) => initializeRaw(gw.url, key);
    for (let i = 0; i < 3; i++) {
      const r = await initialize(gw.keys.sessioner);
      await r.text();
      expect(r.status).toBe(200);
      expect(r.headers.get('mcp-session-id')).toBeTruthy();
    }
    const refused = await initialize(gw.keys.sessioner);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/Too many open sessions/);
    const other = await initialize(gw.keys.victim);
    await other.text();
    expect(other.status).toBe(200);
  }, 60_000);
});
