import { createServer, type RequestListener, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closeStalledConnections } from './request-deadline.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

async function listen(handler: RequestListener): Promise<number> {
  server = createServer(handler);
  closeStalledConnections(server, 150, false);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

/** A client socket that has sent `head` (nothing when empty) and resolves `closed` when the server drops it. */
function open(port: number, head: string): { socket: Socket; closed: Promise<void> } {
  const socket = connect(port, '127.0.0.1', () => void (head && socket.write(head)));
  socket.on('error', () => undefined);
  return { socket, closed: new Promise((r) => socket.once('close', () => r())) };
}

describe('closeStalledConnections', () => {
  it('drops a connection that sends nothing, or stops inside its request line or headers', async () => {
    const port = await listen((_req, res) => void res.end('ok'));
    const stalled = [open(port, ''), open(port, 'POST /mcp HT'), open(port, 'POST /mcp HTTP/1.1\r\nHost: x\r\n')];
    await Promise.all(stalled.map((s) => s.closed));
  });

  it('leaves a connection alone once its request has arrived, however long the answer streams', async () => {
    let answer: (() => void) | undefined;
    const port = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': open\n\n');
      answer = () => res.end();
    });
    const { socket, closed } = open(port, 'GET /stream HTTP/1.1\r\nHost: x\r\n\r\n');
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString()));
    let dropped = false;
    void closed.then(() => (dropped = true));
    // Well past the deadline, as counted by the server's own timers: a second connection that sends nothing is
    // dropped by then.
    await open(port, '').closed;
    await new Promise((r) => setTimeout(r, 200));
    expect(dropped).toBe(false);
    expect(received).toContain(': open');
    answer?.();
    socket.destroy();
  });
});
