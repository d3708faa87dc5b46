// Red-team pass (2026-11-29), attacks on the wire: raw sockets and raw JSON against a running gateway (real CLI,
// official SDK client). Each `it` is one attack that must fail.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, scaledTimeout, startGateway, stdioUpstream, type RunningGateway } from './harness.js';

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
