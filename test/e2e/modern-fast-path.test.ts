// The 2026-07-28 fast path (src/front/modern-fast-path.ts, ADR 0017), over real HTTP against the built CLI: plain
// tools/call and tools/list are answered without the SDK's per-request server, with the very answers the SDK's
// handler gives (requests with one more envelope key are served by the SDK: compared side by side).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockAuditStore, type RunningGateway, startGateway, stdioUpstream } from './harness.js';
import { SAME_AS_SDK_CALLS } from './support/fast-path-cases.js';
import { postMcp, rpcMessages, type RpcMessage } from './support/raw-mcp.js';

const config = `
upstreams:
${stdioUpstream('up')}
agents:
  modern:
    tools:
      allow: ["up_echo", "up_slow", "up_add_tool"]
`;

let gw: RunningGateway;
let nextId = 1;
beforeAll(async () => {
  gw = await startGateway(config);
});
afterAll(async () => {
  await gw?.stop();
});

const envelope = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'modern-test', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': { roots: { listChanged: true } },
};

function post(method: string, params: Record<string, unknown>, extraMeta?: Record<string, unknown>) {
  const name = typeof params.name === 'string' ? params.name : undefined;
  return postMcp(
    gw.url,
    gw.keys.modern,
    { jsonrpc: '2.0', id: nextId++, method, params: { ...params, _meta: { ...envelope, ...extraMeta } } },
    {
      headers: {
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': method,
        ...(name ? { 'mcp-name': name } : {}),
      },
    },
  );
}

/** The JSON-RPC message of a response (one JSON body, or the last SSE event). */
const message = async (r: Response): Promise<RpcMessage> => (await rpcMessages(r)).at(-1)!;
const strip = (m: Record<string, unknown>) => ({ ...m, id: undefined });
const viaSdk = { 'io.example/trace': 'x' }; // an envelope key the fast path does not take: the SDK serves it

describe('2026-07-28 fast path', () => {
  it('answers tools/call with the same JSON-RPC messages as the SDK handler', async () => {
    for (const [name, args] of SAME_AS_SDK_CALLS) {
      const fast = await post('tools/call', { name, arguments: args });
      const sdk = await post('tools/call', { name, arguments: args }, viaSdk);
      expect(fast.status).toBe(sdk.status);
      expect(fast.headers.get('content-type')).toMatch(/^application\/json/);
      // Both are one JSON body; the fast path's has a length, the SDK's is chunked: proof of who answered.
      expect(fast.headers.get('content-length')).not.toBeNull();
      expect(sdk.headers.get('content-length')).toBeNull();
      expect(strip(await message(fast))).toEqual(strip(await message(sdk)));
    }
    const [ok] = [await message(await post('tools/call', { name: 'up_echo', arguments: { message: 'hi' } }))];
    expect(ok).toMatchObject({
      result: {
        content: [{ type: 'text', text: 'echo: hi' }],
        resultType: 'complete',
        _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'portcullis' } },
      },
    });
  });

  it('answers tools/list with the same list as the SDK handler', async () => {
    const fast = await post('tools/list', {});
    expect(fast.headers.get('content-type')).toMatch(/^application\/json/);
    const a = await message(fast);
    const b = await message(await post('tools/list', {}, viaSdk));
    expect(strip(a)).toEqual(strip(b));
    expect((a.result as { tools: { name: string }[] }).tools.map((t) => t.name).sort()).toEqual([
      'up_add_tool',
      'up_echo',
      'up_slow',
    ]);
  });

  it('no audit, no call: while the intent cannot be written, a fast-path call is refused and never executed', async () => {
    const count = async () =>
      ((await message(await post('tools/list', {}))).result as { tools: unknown[] }).tools.length;
    const before = await count();
    const release = await lockAuditStore(gw);
    let refused: Record<string, unknown>;
    try {
      refused = await message(await post('tools/call', { name: 'up_add_tool', arguments: {} }));
    } finally {
      await release();
    }
    expect(refused).toMatchObject({ error: { code: -32004 } });
    // The upstream never ran the call: no tool was added.
    expect(await count()).toBe(before);
  }, 30_000);

  it('leaves requests the SDK must judge to the SDK (a header that does not match the body is refused)', async () => {
    const r = await fetch(gw.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${gw.keys.modern}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2026-07-28',
        'mcp-method': 'tools/call',
        'mcp-name': 'up_slow',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: nextId++,
        method: 'tools/call',
        params: { name: 'up_echo', arguments: { message: 'x' }, _meta: envelope },
      }),
    });
    expect(r.status).toBe(400);
    expect(((await message(r)).error as { code: number }).code).toBe(-32020);
  });
});
