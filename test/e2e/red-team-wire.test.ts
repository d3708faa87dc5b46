// Red-team pass (2026-11-29), attacks on the wire: raw sockets and raw JSON against a running gateway (real CLI,
// official SDK client). Each `it` is one attack that must fail.
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import {
  CLI,
  connectAgent,
  PEOPLE,
  scaledTimeout,
  startGateway,
  stdioUpstream,
  type RunningGateway,
} from './harness.js';
import { initializeRaw, postMcp } from './support/raw-mcp.js';

const CONFIG = `
upstreams:
${stdioUpstream('t')}
agents:
  low:
    tools: { allow: ["t_echo"] }
  other:
    tools: { allow: ["t_echo"] }
${PEOPLE}
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

describe('red team: the same request JSON through the other entry points (stdio, the REST API)', () => {
  const stdioArgs = () => [CLI, 'stdio', '--agent', 'low', '--config', gw.configFile];

  it('stdio (the real CLI, raw lines): nesting deeper than 64 and 1e400 in a tools/call are refused with -32600', async () => {
    // Before: only the HTTP front door checked the shape; over stdio the deep arguments reached the upstream and
    // 1e400 was judged as Infinity by policy and forwarded and audited as null.
    const child = spawn(process.execPath, stdioArgs(), { stdio: ['pipe', 'pipe', 'ignore'] });
    try {
      const lines = createInterface({ input: child.stdout });
      const write = (line: string) => child.stdin.write(`${line}\n`);
      write(
        '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}',
      );
      write('{"jsonrpc":"2.0","method":"notifications/initialized"}');
      const call = (id: number, args: string) =>
        write(`{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"t_echo","arguments":${args}}}`);
      call(2, `{"message":"m","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
      call(3, '{"message":"m","n":1e400}');
      call(4, '{"message":"still served"}');
      const answers = new Map<unknown, { result?: unknown; error?: { code: number; message: string } }>();
      for await (const line of lines) {
        const m = JSON.parse(line) as { id?: unknown; result?: unknown; error?: { code: number; message: string } };
        if (m.id !== undefined) answers.set(m.id, m);
        if (answers.size === 4) break;
      }
      expect(answers.get(2)?.error).toEqual({
        code: -32600,
        message: 'Invalid request: JSON nested deeper than 64 levels',
      });
      expect(answers.get(3)?.error).toEqual({
        code: -32600,
        message: 'Invalid request: a number is too large for a 64-bit float (beyond ±1.8e308)',
      });
      expect(answers.get(4)?.result).toMatchObject({ content: [{ type: 'text', text: 'echo: still served' }] });
    } finally {
      child.kill();
    }
  });

  it('stdio (an SDK client, both eras): arguments nested 100 deep are refused with -32600, 50 deep are served', async () => {
    const nest = (n: number): unknown => (n === 0 ? 'm' : [nest(n - 1)]);
    for (const era of ['legacy', 'modern'] as const) {
      const client = new Client(
        { name: 'red-team-stdio', version: '1' },
        era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
      );
      await client.connect(new StdioClientTransport({ command: process.execPath, args: stdioArgs() }));
      try {
        const refused = await client.callTool({ name: 't_echo', arguments: { message: 'm', x: nest(100) } }).then(
          () => undefined,
          (e: unknown) => e as { code?: unknown; message?: unknown },
        );
        expect(refused?.code).toBe(-32600);
        expect(refused?.message).toContain('JSON nested deeper than 64 levels');
        const served = await client.callTool({ name: 't_echo', arguments: { message: 'm', x: nest(50) } });
        expect(served.content).toEqual([{ type: 'text', text: 'echo: m' }]);
      } finally {
        await client.close();
      }
    }
  });

  it('the REST API: a body or explain arguments nested too deep or holding 1e400 are refused with 400, naming why', async () => {
    // Before: the approvals API parsed them and went on (404 for an unknown request, after the work), and explain
    // judged {"n": 1e400} as Infinity.
    const post = (body: string) =>
      fetch(`${gw.base}/api/v1/approvals/apr_aaaaaaaaaaaaaaaaaaaa/approve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gw.keys.alice}`, 'content-type': 'application/json' },
        body,
      });
    for (const [body, why] of [
      [`{"comment":"ok","x":${'['.repeat(100)}${']'.repeat(100)}}`, 'JSON nested deeper than 64 levels'],
      ['{"comment":"ok","n":1e400}', 'a number is too large for a 64-bit float (beyond ±1.8e308)'],
    ] as const) {
      const r = await post(body);
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: { message: string } }).error.message).toBe(`Invalid request: ${why}`);
    }
    const explain = await fetch(
      `${gw.base}/api/v1/policy/explain?agent=low&tool=t_echo&args=${encodeURIComponent('{"n":1e400}')}`,
      { headers: { authorization: `Bearer ${gw.keys.alice}` } },
    );
    expect(explain.status).toBe(400);
    expect(((await explain.json()) as { error: { message: string } }).error.message).toBe(
      'Invalid request: "args": a number is too large for a 64-bit float (beyond ±1.8e308)',
    );
  });
});
