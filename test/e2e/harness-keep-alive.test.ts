// The harness's blocking child runs (runToEnd, which cli() uses) against a server in another process that closes idle
// kept-alive connections, as the gateway does (after 65 s): the test worker blocked past that close must not write
// its next fetch on the closed connection ("fetch failed: other side closed", seen in CI after long CLI runs).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runToEnd } from './harness.js';

// Keep-alive 10 s: Node announces `Keep-Alive: timeout=10`, which fetch honours less its margin, so the connection
// is reused; a shorter one is announced as a timeout fetch never reuses a connection for.
const KEEP_ALIVE_MS = 10_000;
const SERVER = `
const server = require('node:http').createServer((req, res) => res.end(String(req.socket.remotePort)));
server.keepAliveTimeout = ${KEEP_ALIVE_MS};
server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;

const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
let url = '';
beforeAll(async () => {
  const [port] = (await once(server.stdout, 'data')) as [Buffer];
  url = `http://127.0.0.1:${port.toString().trim()}/`;
});
afterAll(() => {
  server.kill();
});

it('a fetch after the worker was blocked past the server closing its idle connection gets a fresh one', async () => {
  const first = await (await fetch(url)).text();
  // Back in the pool before the block, as a connection is between a test's fetches.
  await new Promise((r) => setTimeout(r, 100));
  const r = runToEnd(process.execPath, ['-e', `setTimeout(() => {}, ${KEEP_ALIVE_MS + 1000})`], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const second = await (await fetch(url)).text();
  expect(second).not.toBe(first);
}, 30_000);
