// Lite sessions (ADR 0017): a session drops its SDK face after initialize and rebuilds it, by replaying the agent's
// initialize request, on the first request that needs it. Real node:http server, real SDK Server and transport.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from '@modelcontextprotocol/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { Principal } from '../core/principal.js';
import type { AgentServerOptions } from './agent-server.js';
import { createSessionRegistry, type Session, type SessionRegistry } from './sessions.js';

const principal = { agent: 'a', method: 'api-key', credentialId: 'k1' } as unknown as Principal;
let http: HttpServer | undefined;
let registry: SessionRegistry | undefined;
let built = 0;
const faces: Server[] = [];

afterEach(async () => {
  await registry?.closeAll();
  await new Promise<void>((r) => (http ? http.close(() => r()) : r()));
  http = undefined;
  registry = undefined;
  built = 0;
  faces.length = 0;
});

async function start(idleTimeoutMs = 60_000, onClosed?: (s: Session) => void): Promise<string> {
  const reg = createSessionRegistry(
    () => idleTimeoutMs,
    () => {
      built++;
      const server = new Server({ name: 't', version: '1' }, { capabilities: { tools: {} } });
      server.setRequestHandler('tools/list', () => ({ tools: [] }));
      faces.push(server);
      return server;
    },
    onClosed,
  );
  registry = reg;
  http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body: unknown = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
      const sid = req.headers['mcp-session-id'];
      if (typeof sid !== 'string') {
        const options: AgentServerOptions = { principal, era: 'legacy', requestTimeoutMs: 5000 };
        void reg.open(principal, options, req, res, body);
        return;
      }
      const s = reg.get(sid, principal);
      if (!s) return void res.writeHead(404).end();
      void reg.serve(s, req, res, body);
    });
  });
  await new Promise<void>((r) => http!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;
}

const post = (url: string, body: unknown, sid?: string) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(sid ? { 'mcp-session-id': sid, 'mcp-protocol-version': '2025-06-18' } : {}),
    },
    body: JSON.stringify(body),
  });
const data = async (r: Response) =>
  JSON.parse(
    (await r.text())
      .split('\n')
      .find((l) => l.startsWith('data: {'))!
      .slice(6),
  ) as { id: number; result?: { tools?: unknown[]; protocolVersion?: string }; error?: unknown };

const initialize = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: {
    protocolVersion: '2025-06-18',
    capabilities: { sampling: {}, roots: { listChanged: true } },
    clientInfo: { name: 'lite-test', version: '7' },
  },
};

describe('lite sessions', () => {
  it('drops the SDK face after initialize and rebuilds it with what the agent negotiated', async () => {
    const url = await start();
    const init = await post(url, initialize);
    const sid = init.headers.get('mcp-session-id')!;
    expect((await data(init)).result?.protocolVersion).toBe('2025-06-18');
    const s = registry!.get(sid, principal)!;
    expect(s.sdk).toBeUndefined();
    expect(built).toBe(1);

    const list = await post(url, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, sid);
    expect(list.headers.get('mcp-session-id')).toBe(sid);
    expect(await data(list)).toMatchObject({ id: 1, result: { tools: [] } });
    expect(built).toBe(2);
    const face = faces[1]!;
    expect(s.sdk?.server).toBe(face);
    expect(face.getClientVersion()).toEqual({ name: 'lite-test', version: '7' });
    expect(face.getClientCapabilities()).toEqual(initialize.params.capabilities);
    expect(face.getNegotiatedProtocolVersion()).toBe('2025-06-18');

    // Kept from then on: a second request uses the same face.
    await data(await post(url, { jsonrpc: '2.0', id: 2, method: 'tools/list' }, sid));
    expect(built).toBe(2);
  });

  it('builds one face for concurrent first requests, and a second initialize on the session is still refused', async () => {
    const url = await start();
    const init = await post(url, initialize);
    const sid = init.headers.get('mcp-session-id')!;
    await init.text();
    const answers = await Promise.all(
      [1, 2, 3].map(async (id) => data(await post(url, { jsonrpc: '2.0', id, method: 'tools/list' }, sid))),
    );
    expect(answers.map((a) => a.id).sort()).toEqual([1, 2, 3]);
    expect(built).toBe(2);
    const again = await post(url, { ...initialize, id: 9 }, sid);
    expect(again.status).toBe(400);
  });

  it('ends the session when its rebuilt face is closed (DELETE)', async () => {
    const url = await start();
    const init = await post(url, initialize);
    const sid = init.headers.get('mcp-session-id')!;
    await init.text();
    const del = await fetch(url, {
      method: 'DELETE',
      headers: { 'mcp-session-id': sid, 'mcp-protocol-version': '2025-06-18' },
    });
    expect(del.status).toBe(200);
    expect(registry!.get(sid, principal)).toBeUndefined();
    expect(registry!.size()).toBe(0);
  });

  // What a session holds upstream (its resource subscriptions) is let go of by whoever hears it close (onClosed):
  // every way a session ends must be heard, once.
  it('a session that ends by idle expiry or by DELETE is heard of once, so it can let go of what it holds', async () => {
    const ended: string[] = [];
    const url = await start(200, (s) => ended.push(s.id));
    const open = async () => {
      const init = await post(url, initialize);
      await init.text();
      return init.headers.get('mcp-session-id')!;
    };
    const [idle, deleted] = [await open(), await open()];
    await fetch(url, {
      method: 'DELETE',
      headers: { 'mcp-session-id': deleted, 'mcp-protocol-version': '2025-06-18' },
    });
    expect(ended).toEqual([deleted]);
    // Unused for longer than the idle timeout: the sweep ends it.
    await new Promise((r) => setTimeout(r, 700));
    expect(ended).toEqual([deleted, idle]);
    expect(registry!.size()).toBe(0);
  });
});
