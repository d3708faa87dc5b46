import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, type RunningGateway, secretOf, startGateway, stdioUpstream } from './harness.js';
import { initializeRaw } from './support/raw-mcp.js';

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(`
upstreams:
${stdioUpstream('t')}
agents:
  bot:
    tools: { allow: ["t_echo"] }
${PEOPLE}
`);
});
afterAll(async () => {
  await gw?.stop();
});

const get = (path: string, key?: string) =>
  fetch(`${gw.base}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

describe('REST API for people (/api/v1)', () => {
  it('exports the permission matrix to admins only, as JSON and CSV', async () => {
    expect((await get('/api/v1/policy/matrix', gw.keys.audrey)).status).toBe(403);
    const json = await get('/api/v1/policy/matrix', gw.keys.alice);
    expect(json.status).toBe(200);
    const { rows } = (await json.json()) as { rows: { agent: string; tool: string; effect: string; rule: string }[] };
    expect(rows.find((r) => r.tool === 't_echo')).toMatchObject({
      agent: 'bot',
      effect: 'allow',
      rule: 'agents.bot.tools.allow',
    });
    expect(rows.find((r) => r.tool === 't_env')).toMatchObject({ effect: 'deny' });
    const csv = await get('/api/v1/policy/matrix?format=csv', gw.keys.alice);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\n')[0]).toBe('agent,tool,backend,risk,effect,visible,rule');
  });

  it('requires a user key: none is 401, an agent key is 401', async () => {
    const none = await get('/api/v1/tools');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer realm="portcullis-api"/);
    expect((await get('/api/v1/tools', gw.keys.bot)).status).toBe(401);
  });

  it('authorizes by role from config', async () => {
    const tools = await get('/api/v1/tools', gw.keys.audrey);
    expect(tools.status).toBe(200);
    const body = (await tools.json()) as { tools: { name: string; backend: string }[] };
    expect(body.tools.map((t) => t.name)).toContain('t_echo');
    expect((await get('/api/v1/agents', gw.keys.audrey)).status).toBe(403);
    expect((await get('/api/v1/tools', gw.keys.pat)).status).toBe(403);
    const agents = (await (await get('/api/v1/agents', gw.keys.alice)).json()) as {
      agents: { name: string; keys: { id: string }[] }[];
    };
    expect(agents.agents[0]!.name).toBe('bot');
    expect(JSON.stringify(agents)).not.toContain(secretOf(gw.keys.bot));
  });

  it('agent keys cannot be used as user keys and vice versa on /mcp', async () => {
    const r = await initializeRaw(gw.url, gw.keys.alice);
    expect(r.status).toBe(401);
  });

  it('publishes its OpenAPI description and answers unknown paths with 404', async () => {
    const doc = (await (await get('/api/v1/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/tools', '/api/v1/audit']));
    expect((await get('/api/v1/nope', gw.keys.alice)).status).toBe(404);
  });
});
