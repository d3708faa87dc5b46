// Red-team pass, as an attacker holding a valid low-privilege agent key, over real sockets with the real CLI and
// the official SDK client. Each `it` is one attempt that must fail; the gateway's records show what it did.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, connectAgent, startGateway, type RunningGateway } from './harness.js';

// The upstream's credential, from the vault (env provider): never shown to any agent, in any form.
const TOKEN = 'rt-9f3c1e7a2b8d4c6e0a5f7b9d1c3e5a7f';
const CONFIG = `
vault:
  provider: env
upstreams:
  leaky:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'leaky-upstream.mjs'))}]
    env: { API_TOKEN: "\${secret:RT_UPSTREAM_TOKEN}" }
agents:
  low:
    tools: { allow: ["leaky_chatty", "leaky_ask"] }
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
