// Two real gateways on one data directory (one SQLite audit.db): both serve, their agents call concurrently, and the
// audit chain they write together verifies, and a restart over it starts. Reported to fork the hash chain; it does
// not: seq is the primary key, and a commit whose seq the other gateway took is rebuilt on the new head and retried
// (src/audit/group-commit.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { cli, connectAgent, onPostgres, serve, startGateway, stdioUpstream } from './harness.js';

const CONFIG = `
upstreams:
${stdioUpstream('t')}
agents:
  bot:
    tools: { allow: ["t_echo"] }
# How long a commit waits for the other gateway: its lock, and a sequence number it took first (the commit is rebuilt
# on the new head and retried meanwhile). This test is about the chain, so the gateways wait as long as allowed.
audit:
  busyTimeoutMs: 5000
`;

const running: Array<{ stop(): Promise<void> | void }> = [];
afterEach(async () => {
  for (const r of running.splice(0).reverse()) await r.stop();
});

describe.skipIf(onPostgres)('two gateways on one data directory', () => {
  it('write one audit chain that verifies, with every call of both in it', async () => {
    const a = await startGateway(CONFIG);
    running.push(a);
    const b = await serve(a.configFile, { cwd: a.dir });
    running.push(b);
    const ca = await connectAgent(a.url, a.keys.bot);
    const cb = await connectAgent(b.url, a.keys.bot);
    running.push({ stop: () => ca.close() }, { stop: () => cb.close() });
    const calls = 60;
    const results = await Promise.all(
      Array.from({ length: calls }, (_, i) =>
        (i % 2 ? ca : cb).callTool({ name: 't_echo', arguments: { message: `m${i}` } }),
      ),
    );
    for (const r of results) expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
    await b.stop();
    const v = cli(['audit', 'verify', '--config', a.configFile]);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    // The tamper-evidence anchor both wrote to agrees with the chain: a restart on the directory starts and serves.
    const again = await serve(a.configFile, { cwd: a.dir });
    running.push(again);
    const c = await connectAgent(again.url, a.keys.bot);
    running.push({ stop: () => c.close() });
    expect((await c.callTool({ name: 't_echo', arguments: { message: 'after' } })).isError).toBeFalsy();
    expect(cli(['audit', 'verify', '--config', a.configFile]).code).toBe(0);
    const q = cli(['audit', 'query', '--config', a.configFile, '--type', 'tool.call.requested', '--limit', '1000']);
    expect(q.code, q.stderr).toBe(0);
    const messages = q.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { arguments?: { message?: string } }).arguments?.message);
    expect(new Set(messages.filter((m) => m !== 'after')).size).toBe(calls);
  }, 120_000);
});
