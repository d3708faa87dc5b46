import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FIXTURES, eventually, startGateway, type RunningGateway, connectAgent } from './harness.js';

const upstream = (name: string) => `
  ${name}:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(`${FIXTURES}/test-upstream.mjs`)}]
    reconnect: { initialDelayMs: 100, maxDelayMs: 500 }`;

const config = `
server:
  maxBodyBytes: 4096
upstreams:${upstream('a')}${upstream('b')}${upstream('c')}
    timeoutMs: 300
agents:
  ops:
    tools:
      allow: ["a_*", "b_*", "c_*"]
`;

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(config);
});
afterAll(async () => {
  await gw?.stop();
});

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(gw.url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${gw.keys.ops}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body,
  });

const initialize = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

async function session(): Promise<string> {
  const r = await post(initialize);
  expect(r.status).toBe(200);
  await r.text();
  const sid = r.headers.get('mcp-session-id')!;
  const n = await post(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }), {
    'mcp-session-id': sid,
    'mcp-protocol-version': '2025-11-25',
  });
  expect(n.status).toBe(202);
  return sid;
}

const errorOf = async (r: Response) => ((await r.json()) as { error: { code: number; message: string } }).error;
const healthy = async () => (await fetch(`${gw.base}/healthz`)).status === 200;

describe('health', () => {
  it('/healthz answers; /readyz reports the store and every backend', async () => {
    expect(await healthy()).toBe(true);
    const r = await fetch(`${gw.base}/readyz`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { status: string; backends: { name: string; state: string }[] };
    expect(body.status).toBe('ready');
    expect(body.backends.map((b) => b.name).sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('bad input gets a clear error and the gateway stays up', () => {
  it('401 without credentials, and with a wrong key', async () => {
    const none = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: initialize,
    });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect((await errorOf(none)).message).toMatch(/Authentication required/);
    const wrong = await post(initialize, { authorization: 'Bearer pcl_AAAAAAAAAAAA_' + 'x'.repeat(43) });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('malformed JSON is a -32700 parse error', async () => {
    const r = await post('{"jsonrpc": "2.0", "id": 1, "method": ');
    expect(r.status).toBe(400);
    expect((await errorOf(r)).code).toBe(-32700);
    expect(await healthy()).toBe(true);
  });

  it('an oversize body is refused with 413 before it is parsed', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(10_000) } });
    const r = await post(big);
    expect(r.status).toBe(413);
    expect((await errorOf(r)).message).toMatch(/exceeds 4096 bytes/);
    expect(await healthy()).toBe(true);
  });

  it('an unknown method is -32601', async () => {
    const sid = await session();
    const r = await post(JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/frobnicate', params: {} }), {
      'mcp-session-id': sid,
      'mcp-protocol-version': '2025-11-25',
    });
    const text = await r.text();
    expect(text).toContain('-32601');
  });

  it('a wrong MCP-Protocol-Version header is refused', async () => {
    const sid = await session();
    const r = await post(JSON.stringify({ jsonrpc: '2.0', id: 8, method: 'tools/list', params: {} }), {
      'mcp-session-id': sid,
      'mcp-protocol-version': '1999-01-01',
    });
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/[Uu]nsupported protocol version/);
  });

  it('a non-JSON content type is 415; a foreign Host or Origin is 403 (DNS rebinding)', async () => {
    expect((await post(initialize, { 'content-type': 'text/plain' })).status).toBe(415);
    const evilOrigin = await post(initialize, { origin: 'https://evil.example' });
    expect(evilOrigin.status).toBe(403);
    expect((await errorOf(evilOrigin)).message).toMatch(/Origin/);
    // fetch() does not let us forge Host; use a raw request.
    const { request } = await import('node:http');
    const status = await new Promise<number>((res, rej) => {
      const u = new URL(gw.url);
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          path: '/mcp',
          method: 'POST',
          headers: {
            host: 'attacker.example',
            'content-type': 'application/json',
            authorization: `Bearer ${gw.keys.ops}`,
          },
        },
        (r) => {
          r.resume();
          res(r.statusCode ?? 0);
        },
      );
      req.on('error', rej);
      req.end(initialize);
    });
    expect(status).toBe(403);
  });

  it('a session id used with another credential or unknown is 404', async () => {
    const r = await post(JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }), {
      'mcp-session-id': 'not-a-session',
      'mcp-protocol-version': '2025-11-25',
    });
    expect(r.status).toBe(404);
  });

  it('an upstream that crashes mid-call fails only its own call; its tools come back after reconnect', async () => {
    const client = await connectAgent(gw.url, gw.keys.ops);
    const crashed = await client.callTool({ name: 'a_crash', arguments: {} });
    expect(crashed.isError).toBe(true);
    expect((crashed.content as { text: string }[])[0]!.text).toMatch(
      /upstream "a" (disconnected during the call|is unavailable)/,
    );
    // The other upstream is unaffected.
    const ok = await client.callTool({ name: 'b_echo', arguments: { message: 'still here' } });
    expect(ok.content).toEqual([{ type: 'text', text: 'echo: still here' }]);
    // Upstream a is reconnected with backoff and serves again.
    await eventually(async () => {
      const r = await client.callTool({ name: 'a_echo', arguments: { message: 'back' } });
      return !r.isError && JSON.stringify(r.content).includes('echo: back');
    });
    expect(await healthy()).toBe(true);
    await client.close();
  });

  it('invalid tool arguments are refused before they reach the upstream, naming the field', async () => {
    const client = await connectAgent(gw.url, gw.keys.ops);
    const r = await client.callTool({ name: 'b_slow', arguments: { steps: 'three', ms: 1 } });
    expect(r.isError).toBe(true);
    expect((r.content as { text: string }[])[0]!.text).toMatch(
      /Invalid arguments for b_slow: steps: must be (integer|number)/,
    );
    const missing = await client.callTool({ name: 'b_echo', arguments: {} });
    expect((missing.content as { text: string }[])[0]!.text).toMatch(/message/);
    await client.close();
  });

  it('a call that outlives the upstream timeout gets a clear error, not a hang', async () => {
    const client = await connectAgent(gw.url, gw.keys.ops);
    const r = await client.callTool({ name: 'c_slow', arguments: { steps: 30, ms: 100 } });
    expect(r.isError).toBe(true);
    expect((r.content as { text: string }[])[0]!.text).toMatch(/upstream "c" did not answer in time|timed out/);
    await client.close();
  });

  it('a call the client cancels is cancelled upstream and the session goes on', async () => {
    const client = await connectAgent(gw.url, gw.keys.ops);
    const ctl = new AbortController();
    // Cancelled once the upstream reports progress, that is while the call runs there (not after a guessed delay).
    const p = client.callTool(
      { name: 'b_slow', arguments: { steps: 50, ms: 100 } },
      { signal: ctl.signal, onprogress: () => ctl.abort() },
    );
    await expect(p).rejects.toThrow();
    const r = await client.callTool({ name: 'b_echo', arguments: { message: 'after cancel' } });
    expect(r.isError).toBeFalsy();
    await client.close();
  });
});
