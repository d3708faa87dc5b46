/**
 * The executor's retry after a stale pooled keep-alive socket, against a real HTTP server that closes its kept-alive
 * connections. The server runs in a worker thread so that it can close them while this thread is blocked: the next
 * request then takes the closed socket from the pool before this thread has seen the close, exactly the race of a
 * server's keep-alive timeout firing as a request goes out. No timing is asserted; the block ends when the server
 * says its sockets are closed.
 */
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltRequest } from './build-request.js';
import { createHttpExecutor, type HttpExecutor } from './http-executor.js';

interface Seen {
  method: string;
  url: string;
  bytes: number;
  connection: number;
}

// CommonJS, run by the worker: the HTTP server and its commands.
const SERVER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const closed = new Int32Array(workerData.closed);
const sockets = new Set();
let connections = 0;
const server = http.createServer({ keepAliveTimeout: 600000 }, (req, res) => {
  let bytes = 0;
  req.on('data', (c) => (bytes += c.length));
  req.on('end', () => {
    parentPort.postMessage({ seen: { method: req.method, url: req.url, bytes, connection: req.socket.id } });
    if (req.url.startsWith('/half/')) {
      // The head and part of the body, then the connection dies: the request was processed.
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
      setImmediate(() => req.socket.destroy());
      return;
    }
    res.end(req.method + ' ' + req.url + ' ' + bytes);
  });
});
server.on('connection', (s) => {
  s.id = ++connections;
  sockets.add(s);
  s.on('close', () => sockets.delete(s));
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (m) => {
  if (m.close) {
    // Closes every connection (idle, kept alive), with a FIN or a reset, and says so once all are closed.
    const open = [...sockets];
    let left = open.length;
    const done = () => { Atomics.store(closed, 0, 1); Atomics.notify(closed, 0); };
    if (left === 0) done();
    for (const s of open) {
      s.once('close', () => { if (--left === 0) done(); });
      if (m.close === 'reset') s.resetAndDestroy(); else s.destroy();
    }
  }
  if (m.ping) parentPort.postMessage({ pong: m.ping });
  if (m.stop) { server.close(); for (const s of sockets) s.destroy(); }
});
`;

const closedFlag = new Int32Array(new SharedArrayBuffer(4));
let worker: Worker;
let base: URL;
const seen: Seen[] = [];
let executor: HttpExecutor;
let pings = 0;

/** Resolves once the worker has posted everything it saw before now (its messages arrive in order). */
function synced(): Promise<void> {
  const id = ++pings;
  return new Promise((resolve) => {
    const on = (m: { pong?: number }) => {
      if (m.pong !== id) return;
      worker.off('message', on);
      resolve();
    };
    worker.on('message', on);
    worker.postMessage({ ping: id });
  });
}

beforeAll(async () => {
  worker = new Worker(SERVER, { eval: true, workerData: { closed: closedFlag.buffer } });
  worker.on('message', (m: { seen?: Seen }) => {
    if (m.seen) seen.push(m.seen);
  });
  const port = await new Promise<number>((resolve) =>
    worker.on('message', (m: { port?: number }) => {
      if (m.port) resolve(m.port);
    }),
  );
  base = new URL(`http://127.0.0.1:${port}`);
});
afterAll(async () => {
  worker.postMessage({ stop: true });
  await worker.terminate();
});
afterEach(() => {
  executor.close();
});

function fresh(): HttpExecutor {
  executor = createHttpExecutor({
    timeoutMs: 30_000,
    connectTimeoutMs: 30_000,
    maxResponseBytes: 1_000_000,
    allowPrivateNetwork: true,
  });
  return executor;
}

const request = (method: string, path: string, body?: Buffer): BuiltRequest => ({
  method,
  url: new URL(path, base),
  headers: body ? { 'content-type': 'application/octet-stream' } : {},
  ...(body ? { body } : {}),
});

/** A call that leaves one kept-alive socket in the executor's pool; returns its server-side connection number. */
async function warm(x: HttpExecutor): Promise<number> {
  const res = await x.send(request('GET', '/warm'));
  expect(res.status).toBe(200);
  await synced();
  const connection = seen.at(-1)!.connection;
  seen.length = 0;
  return connection;
}

/**
 * Has the server close its kept-alive connections (`fin`: close; `reset`: TCP reset) while this thread is blocked,
 * then sends `req` at once: it goes out on the pooled socket the server has just closed.
 */
function sendOnClosedSocket(x: HttpExecutor, how: 'fin' | 'reset', req: BuiltRequest) {
  Atomics.store(closedFlag, 0, 0);
  worker.postMessage({ close: how });
  // A generous bound only so that a broken worker cannot hang the run; the server wakes this thread much sooner.
  expect(Atomics.wait(closedFlag, 0, 0, 20_000)).not.toBe('timed-out');
  return x.send(req);
}

// Larger than the socket buffers: the headers go out, the server's kernel answers the closed connection with a
// reset, and the rest of the body is written to a dead socket (EPIPE).
const bigBody = Buffer.alloc(4_000_000, 'a');

describe('OpenAPI executor: a request on a pooled socket the server has closed', () => {
  it('a PUT whose body meets the closed socket (EPIPE) is sent again over a new connection', async () => {
    const x = fresh();
    const pooled = await warm(x);
    const res = await sendOnClosedSocket(x, 'fin', request('PUT', '/items/1', bigBody));
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(`PUT /items/1 ${bigBody.length}`);
    await synced();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'PUT', bytes: bigBody.length });
    expect(seen[0]!.connection).not.toBe(pooled);
  });

  it.each(['GET', 'HEAD', 'OPTIONS', 'DELETE', 'TRACE'])(
    'an idempotent %s is sent again when the socket was closed (socket hang up) or reset (write ECONNRESET)',
    async (method) => {
      for (const how of ['fin', 'reset'] as const) {
        const x = fresh();
        await warm(x);
        const res = await sendOnClosedSocket(x, how, request(method, `/items/${how}`));
        expect(res.status, how).toBe(200);
        await synced();
        expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([`${method} /items/${how}`]);
        x.close();
        seen.length = 0;
      }
    },
  );

  it.each(['POST', 'PATCH'])(
    'a %s is never sent again: the connection may have died after the server read it',
    async (method) => {
      // EPIPE for the large body on this machine's loopback (ECONNRESET if the reset is read first).
      for (const [how, body, code] of [
        ['fin', bigBody, /^(EPIPE|ECONNRESET)$/],
        ['fin', Buffer.from('{}'), /^ECONNRESET$/],
        ['reset', Buffer.from('{}'), /^ECONNRESET$/],
      ] as const) {
        const x = fresh();
        await warm(x);
        await expect(sendOnClosedSocket(x, how, request(method, '/items', body))).rejects.toMatchObject({
          code: expect.stringMatching(code) as unknown,
        });
        x.close();
      }
      await synced();
      expect(seen).toEqual([]);
    },
  );

  it('a connection that dies after the response began is not retried, even for a GET (the server answered)', async () => {
    const x = fresh();
    await warm(x);
    // The head and part of the body arrive, then the connection ends: the response fails (aborted), never resent.
    // (A reset instead of the end would not do: Linux drops the unread response with the connection, and the client
    // rightly sees a GET that died before any response, which it may send again.)
    await expect(x.send(request('GET', '/half/fin'))).rejects.toThrow();
    await synced();
    expect(seen.map((s) => s.url)).toEqual(['/half/fin']);
  });
});
