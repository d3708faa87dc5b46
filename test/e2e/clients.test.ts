import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1HttpTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport as V1StdioTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI, cli, FIXTURES, startGateway, type RunningGateway, connectAgent } from './harness.js';

const config = `
upstreams:
  t:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(`${FIXTURES}/test-upstream.mjs`)}]
agents:
  reader:
    tools:
      allow: ["t_echo", "t_slow"]
  writer:
    tools:
      allow: ["t_*", "t_env"] # t_env reads the environment: high risk, granted only by name
      deny: ["t_crash"]
`;

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(config);
});
afterAll(async () => {
  await gw?.stop();
});

const v2 = async (key: string, era: 'legacy' | 'modern') => {
  const client = await connectAgent(
    gw.url,
    key,
    era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
  return client;
};

describe.each(['legacy', 'modern'] as const)('SDK v2 client over Streamable HTTP (%s era)', (era) => {
  it('lists only the tools the agent may use, and calls them', async () => {
    const client = await v2(gw.keys.reader!, era);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['t_echo', 't_slow']);
    const r = await client.callTool({ name: 't_echo', arguments: { message: 'hi' } });
    expect(r.content).toEqual([{ type: 'text', text: 'echo: hi' }]);
    await client.close();
  });

  it('answers a forbidden tool exactly like a nonexistent one', async () => {
    const client = await v2(gw.keys.reader!, era);
    const errOf = async (name: string) => {
      try {
        const r = await client.callTool({ name, arguments: {} });
        return JSON.stringify(r).replace(name, 'X');
      } catch (e) {
        return `${(e as { code?: number }).code}:${(e as Error).message.replace(name, 'X')}`;
      }
    };
    const forbidden = await errOf('t_env');
    const missing = await errOf('t_nope');
    expect(forbidden).toEqual(missing);
    expect(forbidden).toMatch(/-32602.*Unknown tool/);
    await client.close();
  });

  it('forwards progress notifications from the upstream', async () => {
    const client = await v2(gw.keys.reader!, era);
    const seen: number[] = [];
    const r = await client.callTool(
      { name: 't_slow', arguments: { steps: 3, ms: 20 } },
      { onprogress: (p) => seen.push(p.progress) },
    );
    expect(r.content).toEqual([{ type: 'text', text: 'done after 3 steps' }]);
    // All of them, in order, including the last one that arrives just before the result (the SDK's own
    // onprogress drops it about half the time over stdio; the gateway routes progress itself).
    for (let i = 0; i < 5; i++) {
      const again: number[] = [];
      await client.callTool(
        { name: 't_slow', arguments: { steps: 3, ms: 1 } },
        { onprogress: (p) => again.push(p.progress) },
      );
      expect(again).toEqual([1, 2, 3]);
    }
    expect(seen).toEqual([1, 2, 3]);
    await client.close();
  });
});

describe('SDK v1 client (@modelcontextprotocol/sdk) over Streamable HTTP', () => {
  it('lists and calls tools', async () => {
    const client = new V1Client({ name: 'e2e-v1', version: '1.0.0' });
    await client.connect(
      new V1HttpTransport(new URL(gw.url), { requestInit: { headers: { Authorization: `Bearer ${gw.keys.writer}` } } }),
    );
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('t_env');
    expect(tools.map((t) => t.name)).not.toContain('t_crash');
    const r = await client.callTool({ name: 't_echo', arguments: { message: 'v1' } });
    expect(r.content).toEqual([{ type: 'text', text: 'echo: v1' }]);
    await client.close();
  });
});

describe('stdio front door (portcullis stdio --agent)', () => {
  const params = () => ({
    command: process.execPath,
    args: [CLI, 'stdio', '--agent', 'reader', '--config', gw.configFile],
  });

  it('serves an SDK v2 client as the named agent (2025 and 2026 eras)', async () => {
    for (const era of ['legacy', 'modern'] as const) {
      const client = new Client(
        { name: 'e2e-stdio', version: '1.0.0' },
        era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
      );
      await client.connect(new StdioClientTransport(params()));
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(['t_echo', 't_slow']);
      const r = await client.callTool({ name: 't_echo', arguments: { message: era } });
      expect(r.content).toEqual([{ type: 'text', text: `echo: ${era}` }]);
      await client.close();
    }
  });

  it('serves an SDK v1 client', async () => {
    const client = new V1Client({ name: 'e2e-stdio-v1', version: '1.0.0' });
    await client.connect(new V1StdioTransport(params()));
    const r = await client.callTool({ name: 't_echo', arguments: { message: 'stdio v1' } });
    expect(r.content).toEqual([{ type: 'text', text: 'echo: stdio v1' }]);
    await client.close();
  });

  it('refuses an agent that is not in the config', () => {
    // Through the harness's blocking run (a fresh connection pool after it, as every blocking run between fetches on
    // kept-alive connections needs), bounded so that a hang fails with its output rather than timing the test out.
    const r = cli(['stdio', '--agent', 'ghost', '--config', gw.configFile]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('agent "ghost" is not in the config');
  });
});
