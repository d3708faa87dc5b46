// Red-team pass, as an attacker holding a valid low-privilege agent key, over real sockets with the real CLI and
// the official SDK client. Each `it` is one attempt that must fail; the gateway's records show what it did.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, connectAgent, startGateway, stdioUpstream, type RunningGateway } from './harness.js';
import { initializeRaw, postMcp } from './support/raw-mcp.js';

// The upstream's credential, from the vault (env provider): never shown to any agent, in any form.
const TOKEN = 'rt-9f3c1e7a2b8d4c6e0a5f7b9d1c3e5a7f';
const CONFIG = `
vault:
  provider: env
upstreams:
${stdioUpstream('leaky', 'leaky-upstream.mjs')}
    env: { API_TOKEN: "\${secret:RT_UPSTREAM_TOKEN}" }
agents:
  low:
    tools: { allow: ["leaky_chatty", "leaky_ask", "leaky_describe"] }
    resources: { allow: ["leaky:file:///srv/public/*"] }
`;

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(CONFIG, { env: { RT_UPSTREAM_TOKEN: TOKEN } });
});
afterAll(async () => {
  await gw?.stop();
});

describe('red team: a vault secret echoed by an upstream outside its results', () => {
  it('a JSON-RPC error of resources/read that carries the secret does not reach the agent', async () => {
    const c = await connectAgent(gw.url, gw.keys.low);
    const e = await c.readResource({ uri: 'file:///srv/public/doc.txt' }).then(
      () => undefined,
      (x: unknown) => x as Error,
    );
    // Tried: the gateway does not pass the upstream's error text on (the agent gets a generic error; the text,
    // redacted, is in the audit record). Nothing of the secret either way.
    expect(e).toBeDefined();
    expect(JSON.stringify(e)).not.toContain(TOKEN);
    await c.close();
  });

  it("an upstream's log message and progress message during a call reach the agent redacted", async () => {
    const c = await connectAgent(gw.url, gw.keys.low);
    const seen: unknown[] = [];
    c.setNotificationHandler('notifications/message', (n) => void seen.push(n.params));
    const progress: unknown[] = [];
    const r = await c.callTool({ name: 'leaky_chatty', arguments: {} }, { onprogress: (p) => void progress.push(p) });
    expect(r.isError).toBeFalsy();
    expect.soft(seen).toEqual([{ level: 'info', data: 'connecting with token [REDACTED]' }]);
    expect.soft(progress).toEqual([{ progress: 1, total: 1, message: 'authenticated as [REDACTED]' }]);
    await c.close();
  });

  it('a tool definition (description, title) that carries the secret is served with it redacted', async () => {
    const c = await connectAgent(gw.url, gw.keys.low);
    const listed = JSON.stringify((await c.listTools()).tools);
    expect(listed).toContain('leaky_describe');
    expect(listed).not.toContain(TOKEN);
    const tool = (await c.listTools()).tools.find((t) => t.name === 'leaky_describe');
    expect([tool?.description, tool?.title]).toEqual([
      'Looks things up (authenticates with [REDACTED]).',
      'Lookup as [REDACTED]',
    ]);
    await c.close();
  });

  it("an upstream's sampling request (to the agent's model) carries the secret redacted", async () => {
    const c = await connectAgent(gw.url, gw.keys.low, { capabilities: { sampling: {} } });
    const asked: string[] = [];
    c.setRequestHandler('sampling/createMessage', async (req) => {
      asked.push(JSON.stringify(req.params));
      return { model: 'm', role: 'assistant', content: { type: 'text', text: 'ok' } };
    });
    const r = await c.callTool({ name: 'leaky_ask', arguments: {} });
    expect(r.isError).toBeFalsy();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('summarise the account of [REDACTED]');
    expect(asked[0]).not.toContain(TOKEN);
    await c.close();
  });
});

describe('red team: calling a tool policy hides, and reading what a role does not grant', () => {
  // t_env answers the value of an environment variable of the upstream: MARK only shows up if it ran.
  const MARK = 'rt-mark-4b1d9e';
  const config = `
upstreams:
${stdioUpstream('t')}
    env: { RT_MARK: "${MARK}" }
agents:
  low:
    tools: { allow: ["t_echo"] }
${PEOPLE}
`;
  let g: RunningGateway;
  beforeAll(async () => {
    g = await startGateway(config);
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('name tricks (case, confusables, separators, padding, control characters) never reach a hidden tool', async () => {
    const c = await connectAgent(g.url, g.keys.low);
    expect((await c.listTools()).tools.map((t) => t.name)).toEqual(['t_echo']);
    const names = [
      't_env',
      'T_env',
      't_ENV',
      'T_ENV',
      't_env ',
      ' t_env',
      't_\u0435nv', // Cyrillic e
      't_\uff45nv', // fullwidth e
      't__env',
      't-env',
      't.env',
      't/env',
      't:env',
      't_env\u0000',
      't_env\n',
      't_env\u200b', // zero-width space
      'portcullis_../t_env',
    ];
    for (const name of names) {
      const out = await c.callTool({ name, arguments: { name: 'RT_MARK' } }).then(
        (r) => JSON.stringify(r),
        (e: unknown) => String(e),
      );
      expect(out, JSON.stringify(name)).not.toContain(MARK);
      expect(out, JSON.stringify(name)).toMatch(/Unknown tool/);
    }
    await c.close();
  });

  it('a JSON-RPC batch (2025-11-25 session) carrying a hidden call runs nothing', async () => {
    const init = await initializeRaw(g.url, g.keys.low);
    const session = init.headers.get('mcp-session-id')!;
    await init.text();
    const headers = { 'mcp-session-id': session, 'mcp-protocol-version': '2025-11-25' };
    await (
      await postMcp(g.url, g.keys.low, { jsonrpc: '2.0', method: 'notifications/initialized' }, { headers })
    ).text();
    const r = await postMcp(
      g.url,
      g.keys.low,
      [
        { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 't_echo', arguments: { message: 'x' } } },
        { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 't_env', arguments: { name: 'RT_MARK' } } },
      ],
      { headers },
    );
    const body = await r.text();
    expect(body).not.toContain(MARK);
  });

  it('an approver reads approvals and nothing else of the REST API; an agent key reads nothing', async () => {
    const doc = (await (
      await fetch(`${g.base}/api/v1/openapi.json`, { headers: { authorization: `Bearer ${g.keys.alice}` } })
    ).json()) as { paths: Record<string, Record<string, unknown>> };
    const gets = Object.entries(doc.paths)
      .filter(([path, ops]) => 'get' in ops && !path.includes('{'))
      .map(([path]) => path);
    expect(gets.length).toBeGreaterThan(5);
    const status = async (path: string, key: string | undefined) =>
      (await fetch(`${g.base}${path}`, { headers: { authorization: `Bearer ${key}` } })).status;
    for (const path of gets) {
      const asApprover = await status(path, g.keys.pat);
      if (path.startsWith('/api/v1/approvals') || path === '/api/v1/openapi.json' || path === '/api/v1/me') continue;
      expect(asApprover, `approver GET ${path}`).toBe(403);
      expect(await status(path, g.keys.low), `agent GET ${path}`).toBe(401);
    }
  });
});
