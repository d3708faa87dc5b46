// Prometheus /metrics scraped during a real run: calls by tool/decision/status, latency, audit commits, backends.
import { request } from 'node:http';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { FIXTURES, cli, connectAgent, startGateway, tempDir, type RunningGateway } from './harness.js';

let gw: RunningGateway;
let client: Client;
beforeAll(async () => {
  gw = await startGateway(`
server:
  metrics: true
upstreams:
  t:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'test-upstream.mjs'))}]
agents:
  bot:
    tools:
      allow: ["t_echo"]
`);
  client = await connectAgent(gw.url, gw.keys.bot);
});
afterAll(async () => {
  await client?.close();
  await gw?.stop();
});

const scrape = async () => {
  const r = await fetch(`${gw.base}/metrics`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return r.text();
};
const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('/metrics', () => {
  it('counts allowed and denied calls, times them and the audit intent commits, and shows backend state', async () => {
    const before = await scrape();
    expect(value(before, 'portcullis_backend_state{backend="t",kind="mcp",state="ready"}')).toBe(1);
    expect(value(before, 'portcullis_backend_state{backend="t",kind="mcp",state="down"}')).toBe(0);

    await client.callTool({ name: 't_echo', arguments: { message: 'hi' } });
    await client.callTool({ name: 't_echo', arguments: { message: 'again' } });
    await client.callTool({ name: 't_secret', arguments: {} }).catch(() => undefined);

    const text = await scrape();
    expect(value(text, 'portcullis_tool_calls_total{tool="t_echo",backend="t",decision="allow",status="ok"}')).toBe(2);
    const denied = text.split('\n').filter((l) => /^portcullis_tool_calls_total\{.*decision="deny"/.test(l));
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatch(/tool="t_secret"/);
    expect(value(text, 'portcullis_tool_call_duration_seconds_count{backend="t",decision="allow"}')).toBe(2);
    expect(value(text, 'portcullis_audit_intent_commit_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(value(text, 'portcullis_backend_tools{backend="t"}')).toBeGreaterThan(0);
    expect(text).toMatch(/^portcullis_process_cpu_user_seconds_total /m);
    // No agent or user names in labels.
    expect(text).not.toMatch(/agent="|user="/);
  });

  it("answers another method with 405, Allow: GET and the error table's body", async () => {
    const r = await fetch(`${gw.base}/metrics`, { method: 'POST' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET');
    expect(await r.json()).toMatchObject({ error: { code: 'request.method_not_allowed' } });
  });

  it('is off unless server.metrics is true', async () => {
    const off = await startGateway('agents: {}\n');
    try {
      expect((await fetch(`${off.base}/metrics`)).status).toBe(404);
    } finally {
      await off.stop();
    }
  });

  it('refuses a Host it does not answer to (DNS rebinding) and a foreign Origin, like /mcp', async () => {
    expect(await get(gw.base, { host: 'evil.example:8080' })).toMatchObject({ status: 403 });
    expect((await get(gw.base, { host: 'evil.example' })).body).toContain('request.forbidden');
    expect(await get(gw.base, { origin: 'http://evil.example' })).toMatchObject({ status: 403 });
    expect(await get(gw.base, {})).toMatchObject({ status: 200 });
  });
});

/** GET /metrics with exactly these headers (fetch may not set Host). */
function get(
  base: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; wwwAuth?: string }> {
  const u = new URL(`${base}/metrics`);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          ...(res.headers['www-authenticate'] ? { wwwAuth: String(res.headers['www-authenticate']) } : {}),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('/metrics with server.metricsToken', () => {
  const TOKEN = 'metrics-e2e-token-0123456789abcdef0123456789';
  it('answers only a scraper sending the token as a bearer credential', async () => {
    const g = await startGateway('server:\n  metrics: true\n  metricsToken: ${METRICS_TOKEN}\nagents: {}\n', {
      env: { METRICS_TOKEN: TOKEN },
    });
    try {
      const none = await get(g.base, {});
      expect(none.status).toBe(401);
      expect(none.wwwAuth).toMatch(/^Bearer /);
      expect((await get(g.base, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
      expect((await get(g.base, { authorization: `Basic ${TOKEN}` })).status).toBe(401);
      const ok = await get(g.base, { authorization: `Bearer ${TOKEN}` });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatch(/^portcullis_process_cpu_user_seconds_total /m);
      expect(none.body).not.toContain(TOKEN);
    } finally {
      await g.stop();
    }
  });

  it('is required when the listener is not loopback: validate names the line and key, serve does not start', () => {
    const dir = tempDir();
    const file = join(dir, 'portcullis.yaml');
    writeFileSync(file, 'server:\n  host: 0.0.0.0\n  metrics: true\nagents: {}\n');
    const v = cli(['validate', '--config', file]);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/portcullis\.yaml:3:\d+: server\.metrics: .*set server\.metricsToken/);
    const s = cli(['serve', '--config', file, '--port', '0']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('server.metricsToken');
    rmSync(dir, { recursive: true, force: true });
  });
});
