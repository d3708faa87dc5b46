import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, connectAgent, eventually, FIXTURES, startGateway, type RunningGateway } from './harness.js';

const upstream = join(FIXTURES, 'limits-upstream.mjs');
const config = (extra = '') => `
upstreams:
  lim:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(upstream)}]
agents:
  bot:
    tools: { allow: ["lim_*"] }
  other:
    tools: { allow: ["lim_*"] }
${extra}
limits:
  rate:
    - { name: hits-per-agent, tools: ["lim_hit"], limit: 5, per: hour }
  failedAuth: { limit: 5, per: hour }
`;

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(config());
}, 60_000);
afterAll(async () => {
  await gw?.stop();
});

const text = (r: { content: unknown }) => (r.content as { text: string }[])[0]!.text;
type RpcError = Error & { code?: number; data?: { retryAfterSeconds?: number; rule?: string } };
const attempt = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as RpcError,
  );

describe('rate limits through the gateway', () => {
  it('a burst above the bucket is limited exactly: 5 of 8 calls reach the upstream, 3 get -32029 with retry-after', async () => {
    const c = await connectAgent(gw.url, gw.keys.bot);
    const results = await Promise.all(Array.from({ length: 8 }, () => attempt(c.callTool({ name: 'lim_hit' }))));
    const errors = results.filter((e): e is RpcError => e !== undefined);
    expect(errors).toHaveLength(3);
    for (const e of errors) {
      expect(e.code).toBe(-32029);
      expect(e.message).toMatch(/Rate limit "hits-per-agent" exceeded for lim_hit: retry after \d+ s/);
      expect(e.data?.retryAfterSeconds).toBeGreaterThanOrEqual(600);
    }
    expect(text(await c.callTool({ name: 'lim_hits' }))).toBe('5');
    // Buckets are per agent: another agent still has its own.
    const o = await connectAgent(gw.url, gw.keys.other);
    expect((await o.callTool({ name: 'lim_hit' })).isError).toBeFalsy();
    expect(text(await c.callTool({ name: 'lim_hits' }))).toBe('6');
    await Promise.all([c.close(), o.close()]);
    // Each limited call is a denied decision record naming the rule.
    await eventually(() => {
      const r = cli(['audit', 'query', '--config', gw.configFile, '--status', 'rate_limited', '--limit', '100']);
      const recs = r.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { rule?: string; type: string });
      return (
        recs.length === 3 && recs.every((x) => x.type === 'tool.call.denied' && x.rule === 'limits.rate.hits-per-agent')
      );
    });
  }, 60_000);

  it('limits survive a config reload: the spent bucket stays spent', async () => {
    gw.rewriteConfig(config('  third:\n    tools: { allow: ["lim_*"] }'));
    await eventually(() => /config reloaded/.test(gw.stderr()), 20_000);
    const c = await connectAgent(gw.url, gw.keys.bot);
    const e = await attempt(c.callTool({ name: 'lim_hit' }));
    expect(e?.code).toBe(-32029);
    expect(text(await c.callTool({ name: 'lim_hits' }))).toBe('6');
    await c.close();
    expect(readFileSync(gw.configFile, 'utf8')).toMatch(/third/);
  }, 60_000);

  it('an unauthenticated bogus-key flood is throttled per source before authentication (429 + Retry-After)', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40; i++) {
      const r = await fetch(gw.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer pcl_bogus${i}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      statuses.push(r.status);
      if (r.status === 429) retryAfter = r.headers.get('retry-after');
      await r.text();
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // While throttled, the source is refused even with a valid key (no oracle for a guesser).
    const valid = await fetch(gw.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.keys.bot}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(valid.status).toBe(429);
    await eventually(() => {
      const r = cli(['audit', 'query', '--config', gw.configFile, '--type', 'auth.throttled']);
      return r.stdout.trim().split('\n').filter(Boolean).length === 1;
    });
  }, 60_000);
});
