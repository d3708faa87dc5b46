/**
 * Per-upstream result size limit on a Streamable HTTP upstream (a real SDK server in its own process): a 60 MB result
 * is cut while it is read, its caller gets a clear error, and another agent's calls to the same upstream go on (every
 * one answered, by the same upstream process). (The stdio counterpart is in bulkheads.test.ts.)
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUntil, connectAgent, FIXTURES, type RunningGateway, startFixture, startGateway } from './harness.js';

let upstream: Awaited<ReturnType<typeof startFixture>>;
let gw: RunningGateway;
beforeAll(async () => {
  upstream = await startFixture(join(FIXTURES, 'limits-upstream.mjs'), ['--http', '0']);
  gw = await startGateway(`
upstreams:
  remote:
    transport: http
    url: http://127.0.0.1:${upstream.port}/mcp
    maxResultBytes: 1048576
agents:
  greedy:
    tools: { allow: ["remote_big"] }
  victim:
    tools: { allow: ["remote_hit", "remote_hits"] }
`);
}, 60_000);
afterAll(async () => {
  await gw?.stop();
  upstream?.stop();
});

const textOf = (r: { content: unknown }) => (r.content as { text: string }[])[0]!.text;

describe('result size limit on an HTTP upstream', () => {
  it("a 60 MB result is cut at the limit with a clear error; another agent's calls go on", async () => {
    const greedy = await connectAgent(gw.url, gw.keys.greedy);
    const victim = await connectAgent(gw.url, gw.keys.victim);
    const before = Number(textOf(await victim.callTool({ name: 'remote_hit' })));
    const greedyCall = greedy.callTool({ name: 'remote_big', arguments: { megabytes: 60 } });
    await callUntil(victim, 'remote_hits', greedyCall); // throws on any error result meanwhile
    const big = await greedyCall;
    expect(big.isError).toBe(true);
    expect(textOf(big)).toMatch(/result from upstream "remote" exceeds its limit of 1048576 bytes/);
    // (The victim's latency is a benchmark's business, not asserted here.)
    // A result under the limit still passes, and the upstream kept serving.
    const small = await greedy.callTool({ name: 'remote_big', arguments: { megabytes: 0.5 } });
    expect(small.isError).toBeFalsy();
    expect(textOf(small)).toHaveLength(512 * 1024);
    expect(Number(textOf(await victim.callTool({ name: 'remote_hit' })))).toBe(before + 1);
    await Promise.all([greedy.close(), victim.close()]);
  }, 120_000);
});
