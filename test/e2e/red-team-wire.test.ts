// Red-team pass (2026-11-29), attacks on the wire: raw sockets and raw JSON against a running gateway (real CLI,
// official SDK client). Each `it` is one attack that must fail.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, scaledTimeout, startGateway, stdioUpstream, type RunningGateway } from './harness.js';
import { initializeRaw, postMcp } from './support/raw-mcp.js';

const CONFIG = `
upstreams:
${stdioUpstream('t')}
agents:
  low:
    tools: { allow: ["t_echo"] }
  other:
    tools: { allow: ["t_echo"] }
`;

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(CONFIG);
});
afterAll(async () => {
  await gw?.stop();
});

/** A socket to the gateway that sends `head` (nothing when empty) and then goes quiet. */
function stall(head: string): { socket: Socket; closed: Promise<void> } {
  const { port, hostname } = new URL(gw.url);
  const socket = connect(Number(port), hostname, () => void (head && socket.write(head)));
  socket.on('error', () => undefined);
  return { socket, closed: new Promise((r) => socket.once('close', () => r())) };
}

describe('red team: holding connections open without ever sending a request (before authentication)', () => {
  it('a connection that sends nothing, or stops inside its request line or headers, is closed', async () => {
    const heads = ['', 'POST /mcp HT', 'POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n'];
    const stalled = Array.from({ length: 30 }, (_, i) => stall(heads[i % heads.length]!));
    // Meanwhile agents are served.
    const c = await connectAgent(gw.url, gw.keys.low);
    expect((await c.callTool({ name: 't_echo', arguments: { message: 'hi' } })).isError).toBeFalsy();
    await c.close();
    // Before: Node's headersTimeout never closed them, so any client could hold sockets until the gateway ran out of
    // file descriptors. Now each is closed 15 s after it opened.
    let timer: NodeJS.Timeout | undefined;
    const bound = scaledTimeout(45_000);
    const outcome = await Promise.race([
      Promise.all(stalled.map((s) => s.closed)).then(() => 'all closed'),
      new Promise((r) => (timer = setTimeout(() => r(`still open after ${bound} ms`), bound))),
    ]);
    clearTimeout(timer);
    for (const s of stalled) s.socket.destroy();
    expect(outcome).toBe('all closed');
  }, 240_000);
});

/** A tools/call of t_echo whose arguments are `argsJson` (written raw), as a 2026-07-28 request of `key`. */
function modernCall(key: string | undefined, argsJson: string): Promise<Response> {
  const meta = JSON.stringify({
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientInfo': { name: 'red-team', version: '1' },
    'io.modelcontextprotocol/clientCapabilities': {},
  });
  return fetch(gw.url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': 't_echo',
    },
    body: `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"t_echo","arguments":${argsJson},"_meta":${meta}}}`,
  });
}

/** The same on a 2025-11-25 session of `key`. */
async function sessionCall(key: string | undefined): Promise<(argsJson: string) => Promise<Response>> {
  const init = await initializeRaw(gw.url, key);
  const headers = { 'mcp-session-id': init.headers.get('mcp-session-id')!, 'mcp-protocol-version': '2025-11-25' };
  await init.text();
  await (await postMcp(gw.url, key, { jsonrpc: '2.0', method: 'notifications/initialized' }, { headers })).text();
  return (argsJson) =>
    fetch(gw.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...headers,
      },
      body: `{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"t_echo","arguments":${argsJson}}}`,
    });
}

describe('red team: request JSON the gateway cannot carry faithfully (an allowed agent, both protocol eras)', () => {
  it('arguments nested 10,000 deep are refused before any work, and cannot trip the shared breaker for others', async () => {
    // Before: they reached the upstream, which failed on them (the gateway's own recursion overflowed on other
    // paths: 'Maximum call stack size exceeded', an internal error); five such calls opened the circuit breaker of
    // backend t, so every other agent's calls to it were refused.
    const deep = (n: number) => `{"message":"m","x":${'['.repeat(n)}${']'.repeat(n)}}`;
    const onSession = await sessionCall(gw.keys.low);
    for (let i = 0; i < 6; i++) {
      for (const r of [await modernCall(gw.keys.low, deep(10_000)), await onSession(deep(10_000))]) {
        expect(r.status).toBe(400);
        expect(((await r.json()) as { error: { code: number; message: string } }).error).toEqual({
          code: -32600,
          message: 'Invalid request: JSON nested deeper than 64 levels',
        });
      }
    }
    expect(await (await modernCall(gw.keys.low, deep(50))).text()).toContain('echo: m');
    const other = await connectAgent(gw.url, gw.keys.other);
    const r = await other.callTool({ name: 't_echo', arguments: { message: 'still served' } });
    expect(r.content).toEqual([{ type: 'text', text: 'echo: still served' }]);
    await other.close();
  });

  it('a number beyond a 64-bit float (1e400) is refused, not judged as Infinity and forwarded and audited as null', async () => {
    const onSession = await sessionCall(gw.keys.low);
    for (const r of [
      await modernCall(gw.keys.low, '{"message":"m","n":1e400}'),
      await onSession('{"message":"m","n":-1e400}'),
    ]) {
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: { message: string } }).error.message).toBe(
        'Invalid request: a number is too large for a 64-bit float (beyond ±1.8e308)',
      );
    }
  });
});
