// The tools/call and tools/list fast path on 2025-11-25 sessions (src/front/fast-path.ts, ADR 0017), over real HTTP against the
// built CLI: one JSON response when nothing else is said, SSE when the call sends progress, the same answers as the
// SDK's transport gives for a request it serves (compared side by side), and cancellation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditQuery, eventually, type RunningGateway, startGateway, stdioUpstream } from './harness.js';
import { SAME_AS_SDK_CALLS } from './support/fast-path-cases.js';
import { postMcp, rpcMessages, type RpcMessage } from './support/raw-mcp.js';

const config = `
upstreams:
${stdioUpstream('up')}
agents:
  fast:
    tools:
      allow: ["up_echo", "up_slow"]
`;

let gw: RunningGateway;
let sid: string;
let nextId = 1;
beforeAll(async () => {
  gw = await startGateway(config);
  const init = await post({
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'fast-test', version: '1' } },
  });
  sid = init.headers.get('mcp-session-id')!;
  expect(sid).toBeTruthy();
  await init.text();
  expect((await post({ jsonrpc: '2.0', method: 'notifications/initialized' })).status).toBe(202);
});
afterAll(async () => {
  await gw?.stop();
});

/** A JSON-RPC message on this file's 2025-11-25 session (once it has one). */
const post = (body: unknown, signal?: AbortSignal): Promise<Response> =>
  postMcp(gw.url, gw.keys.fast, body, {
    headers: { 'mcp-protocol-version': '2025-11-25', ...(sid ? { 'mcp-session-id': sid } : {}) },
    ...(signal ? { signal } : {}),
  });

/** Whether the audit log holds a record of a call to `tool` (read with the CLI, as an operator would). */
const auditHas = (tool: string) => auditQuery(gw.configFile, '--tool', tool).length > 0;

const messages = rpcMessages;

const call = (name: string, args: unknown, meta?: Record<string, unknown>) => ({
  jsonrpc: '2.0',
  id: nextId++,
  method: 'tools/call',
  params: { name, arguments: args, ...(meta ? { _meta: meta } : {}) },
});

describe('tools/call fast path (2025-11-25 sessions)', () => {
  it('answers a plain call with one JSON response', async () => {
    const r = await post(call('up_echo', { message: 'hi' }));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.headers.get('mcp-session-id')).toBe(sid);
    const [m] = await messages(r);
    expect(m).toMatchObject({ jsonrpc: '2.0', result: { content: [{ type: 'text', text: 'echo: hi' }] } });
  });

  it('streams progress as SSE when the call asks for it, then the result', async () => {
    const r = await post(call('up_slow', { steps: 2, ms: 10 }, { progressToken: 'p1' }));
    expect(r.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const ms = await messages(r);
    expect(ms.filter((m) => m.method === 'notifications/progress').map((m) => m.params)).toEqual([
      { progressToken: 'p1', progress: 1, total: 2 },
      { progressToken: 'p1', progress: 2, total: 2 },
    ]);
    expect(ms.at(-1)).toMatchObject({ result: { content: [{ text: 'done after 2 steps' }] } });
  });

  it('gives the same answers as the SDK transport (which serves calls with other _meta keys)', async () => {
    for (const [name, args] of SAME_AS_SDK_CALLS) {
      const viaFast = await post(call(name, args));
      expect(viaFast.headers.get('content-type')).toMatch(/^application\/json/);
      const viaSdk = await post(call(name, args, { 'io.example/trace': 'x' }));
      expect(viaSdk.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const [a] = await messages(viaFast);
      const [b] = await messages(viaSdk);
      const strip = (m: RpcMessage | undefined) => ({ ...m, id: undefined });
      expect(strip(a)).toEqual(strip(b));
    }
  });

  it('answers a plain tools/list with one JSON response, the same as the SDK transport gives', async () => {
    const viaFast = await post({ jsonrpc: '2.0', id: nextId++, method: 'tools/list' });
    expect(viaFast.headers.get('content-type')).toMatch(/^application\/json/);
    expect(viaFast.headers.get('mcp-session-id')).toBe(sid);
    const again = await post({ jsonrpc: '2.0', id: nextId++, method: 'tools/list', params: { cursor: 'c' } });
    expect(again.headers.get('content-type')).toMatch(/^application\/json/);
    const viaSdk = await post({
      jsonrpc: '2.0',
      id: nextId++,
      method: 'tools/list',
      params: { _meta: { 'io.example/trace': 'x' } },
    });
    expect(viaSdk.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const [a] = await messages(viaFast);
    const [b] = await messages(again);
    const [c] = await messages(viaSdk);
    const strip = (m: RpcMessage | undefined) => ({ ...m, id: undefined });
    expect((a?.result as { tools: { name: string }[] }).tools.map((t) => t.name).sort()).toEqual([
      'up_echo',
      'up_slow',
    ]);
    expect(strip(a)).toEqual(strip(c));
    expect(strip(b)).toEqual(strip(c));
  });

  it('a call the agent cancels gets no result, and the session goes on', async () => {
    const slow = call('up_slow', { steps: 50, ms: 100 });
    const pending = post(slow);
    // Cancel once the call is under way: its intent record is written after the fast path registered the call for
    // cancellation (and before it reaches the upstream). Polled: no sleep sized to the machine's speed.
    await eventually(() => auditHas('up_slow'));
    const cancel = await post({
      jsonrpc: '2.0',
      method: 'notifications/cancelled',
      params: { requestId: slow.id, reason: 'test' },
    });
    expect(cancel.status).toBe(202);
    const ms = await messages(await pending).catch(() => []);
    expect(ms.some((m) => m.id === slow.id)).toBe(false);
    const [m] = await messages(await post(call('up_echo', { message: 'after' })));
    expect(m).toMatchObject({ result: { content: [{ text: 'echo: after' }] } });
  });
});
