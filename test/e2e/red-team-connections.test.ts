// Red team (2026-11-29): opening connections until the gateway runs out of file descriptors. The stall close
// (request-deadline.ts) bounds how long a silent connection lives, not how many there are. Real CLI, raw sockets.
import { connect, type Socket } from 'node:net';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, connectAgent, eventually, startGateway, stdioUpstream, tempDir, type RunningGateway } from './harness.js';

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(`
server:
  maxConnections: 6
  metrics: true
upstreams:
${stdioUpstream('t')}
agents:
  bot:
    tools: { allow: ["t_echo"] }
`);
}, 60_000);
afterAll(async () => {
  await gw?.stop();
});

interface Held {
  socket: Socket;
  closed: Promise<void>;
  isClosed: () => boolean;
}

/** A connection that sends nothing. */
async function hold(): Promise<Held> {
  const { port, hostname } = new URL(gw.url);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => undefined);
  let done = false;
  const closed = new Promise<void>((r) =>
    socket.once('close', () => {
      done = true;
      r();
    }),
  );
  await new Promise<void>((r) => {
    socket.once('connect', () => r());
    socket.once('close', () => r());
  });
  return { socket, closed, isClosed: () => done };
}

describe('red team: more connections than server.maxConnections', () => {
  it('refuses connections past the cap as they are accepted, counts and logs them, and serves again once some close', async () => {
    const first = [];
    for (let i = 0; i < 6; i++) first.push(await hold());
    // Before: every one of these stayed open (until the 15 s stall close), so a client could hold as many as the
    // process had file descriptors. Now each is closed at once, while the six in the cap are still open.
    const extra = [];
    for (let i = 0; i < 8; i++) extra.push(await hold());
    await Promise.all(extra.map((h) => h.closed));
    expect(first.filter((h) => h.isClosed())).toEqual([]);
    for (const h of first) h.socket.destroy();
    await Promise.all(first.map((h) => h.closed));
    // Room again: an agent is served, and the refusals are counted and logged (once: at most a line a minute).
    const c = await eventually(() => connectAgent(gw.url, gw.keys.bot));
    expect((await c.callTool({ name: 't_echo', arguments: { message: 'hi' } })).isError).toBeFalsy();
    await c.close();
    const metrics = await (await fetch(`${gw.base}/metrics`)).text();
    expect(Number(/^portcullis_connections_refused_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(8);
    const lines = gw
      .stderr()
      .split('\n')
      .filter((l) => l.includes('connection refused: 6 connections open'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('server.maxConnections');
  });

  it('portcullis validate checks the value', () => {
    const dir = tempDir();
    try {
      const file = join(dir, 'portcullis.yaml');
      writeFileSync(file, 'server:\n  maxConnections: 0\n');
      const r = cli(['validate', '--config', file]);
      expect(r.code).not.toBe(0);
      expect(r.stderr + r.stdout).toMatch(/server\.maxConnections/);
      writeFileSync(file, 'server:\n  maxConnections: 2048\n');
      expect(cli(['validate', '--config', file]).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
