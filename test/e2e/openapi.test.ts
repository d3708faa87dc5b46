// OpenAPI backends through the whole gateway: real MCP client -> Portcullis (CLI) -> HTTP request to a local server.
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { startCaptureServer, type CaptureServer } from '../../src/backends/openapi/test-support/capture-server.js';
import { ROOT, startGateway, type RunningGateway, connectAgent } from './harness.js';

const DATA = resolve(ROOT, 'test', 'fixtures', 'specs', 'openapi');
const SECRET = 'sk_test_e2e_never_shown_0123456789';
let api: CaptureServer;
let gw: RunningGateway;
let client: Client;

beforeAll(async () => {
  api = await startCaptureServer();
  gw = await startGateway(
    `
openapi:
  stripe:
    spec: ${JSON.stringify(join(DATA, 'stripe.json'))}
    baseUrl: ${api.url}/base
    allowPrivateNetwork: true
    include: ["op:PostCustomers", "op:GetCustomersCustomer", "op:DeleteCustomersCustomer"]
    auth:
      basicAuth: { credential: STRIPE_KEY }
  slack:
    spec: ${JSON.stringify(join(DATA, 'slack_swagger2.json'))}
    baseUrl: ${api.url}/base
    allowPrivateNetwork: true
    include: ["op:chat_postMessage"]
    auth:
      token: { credential: SLACK_TOKEN, in: header, name: token }
  twilio:
    spec: ${JSON.stringify(join(DATA, 'twilio_api_v2010.json'))}
    baseUrl: ${api.url}/base
    allowPrivateNetwork: true
    include: ["op:CreateMessage"]
    auth:
      accountSid_authToken: { credential: TWILIO_CRED }
  k8s:
    spec: ${JSON.stringify(join(DATA, 'kubernetes_swagger2.json'))}
    baseUrl: ${api.url}/base
    allowPrivateNetwork: true
    include: ["op:patchCoreV1NamespacedConfigMap"]
    auth:
      BearerToken: { credential: K8S_TOKEN }
  box:
    spec: ${JSON.stringify(join(DATA, 'box.json'))}
    baseUrl: ${api.url}/base
    allowPrivateNetwork: true
    include: ["op:post_folders"]
    auth:
      OAuth2Security: { credential: BOX_TOKEN }
agents:
  billing-bot:
    tools:
      allow: ["stripe_*", "stripe_PostCustomers"] # high risk: a glob never grants it, its exact name does
      deny: ["stripe_DeleteCustomersCustomer"]
  ops-bot:
    tools:
      allow: ["slack_*", "twilio_*", "k8s_*", "box_*"]
policy:
  approvals:
    waivers:
      # This file tests request building; held calls are tested in approvals.test.ts.
      - tools: ["stripe_*"]
        reason: request-building tests against a capture server; no money moves
`,
    {
      env: {
        STRIPE_KEY: SECRET,
        SLACK_TOKEN: 'xoxb-e2e',
        TWILIO_CRED: 'AC1:tok',
        K8S_TOKEN: 'k8s-e2e',
        BOX_TOKEN: 'box-e2e',
      },
    },
  );
  client = new Client({ name: 'e2e-openapi', version: '1' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(gw.url), {
      requestInit: { headers: { Authorization: `Bearer ${gw.keys['billing-bot']}` } },
    }),
  );
});
afterAll(async () => {
  await client?.close();
  await gw?.stop();
  await api?.close();
});

const text = (r: { content?: unknown }) =>
  ((r.content as { text?: string }[]) ?? []).map((c) => c.text ?? '').join('\n');

describe('real specs, one operation each, through the gateway', () => {
  const sid = 'AC0123456789abcdef0123456789abcdef';
  const cases: [
    string,
    Record<string, unknown>,
    { method: string; url: string; type?: string; body?: string; header?: [string, string] },
  ][] = [
    [
      'slack_chat_postMessage',
      { channel: 'C123', text: 'Hello & all' },
      {
        method: 'POST',
        url: '/base/chat.postMessage',
        type: 'application/x-www-form-urlencoded',
        body: 'channel=C123&text=Hello%20%26%20all',
        header: ['token', 'xoxb-e2e'],
      },
    ],
    [
      'twilio_CreateMessage',
      { AccountSid: sid, To: '+15558675310', From: '+15017122661', Body: 'Hi' },
      {
        method: 'POST',
        url: `/base/2010-04-01/Accounts/${sid}/Messages.json`,
        type: 'application/x-www-form-urlencoded',
        body: 'To=%2B15558675310&From=%2B15017122661&Body=Hi',
        header: ['authorization', `Basic ${Buffer.from('AC1:tok').toString('base64')}`],
      },
    ],
    // Kubernetes declares an apiKey header named authorization: the credential goes as is.
    [
      'k8s_patchCoreV1NamespacedConfigMap',
      {
        namespace: 'prod',
        name: 'cfg',
        body: [{ op: 'replace', path: '/data/k', value: 'v' }],
        contentType: 'application/json-patch+json',
      },
      {
        method: 'PATCH',
        url: '/base/api/v1/namespaces/prod/configmaps/cfg',
        type: 'application/json-patch+json',
        body: '[{"op":"replace","path":"/data/k","value":"v"}]',
        header: ['authorization', 'k8s-e2e'],
      },
    ],
    [
      'box_post_folders',
      { name: 'Reports', parent: { id: '0' } },
      {
        method: 'POST',
        url: '/base/folders',
        type: 'application/json',
        body: '{"name":"Reports","parent":{"id":"0"}}',
        header: ['authorization', 'Bearer box-e2e'],
      },
    ],
  ];
  it.each(cases)('%s', async (tool, args, want) => {
    const c = await connectAgent(gw.url, gw.keys['ops-bot']);
    api.requests.length = 0;
    const r = await c.callTool({ name: tool, arguments: args });
    await c.close();
    expect(text(r)).not.toMatch(/Invalid arguments|refused/);
    expect(api.requests).toHaveLength(1);
    const req = api.requests[0]!;
    expect(req.method).toBe(want.method);
    expect(req.url).toBe(want.url);
    if (want.type) expect(req.headers['content-type']).toBe(want.type);
    if (want.body !== undefined) expect(req.body.toString()).toBe(want.body);
    if (want.header) expect(req.headers[want.header[0]]).toBe(want.header[1]);
  });
});

describe('OpenAPI tools through the gateway', () => {
  it('lists the operations the agent may use, with risk annotations and the risk under _meta', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['stripe_GetCustomersCustomer', 'stripe_PostCustomers']);
    const get = tools.find((t) => t.name === 'stripe_GetCustomersCustomer')!;
    expect(get.annotations?.readOnlyHint).toBe(true);
    expect((get._meta?.['io.portcullis/risk'] as { level: string }).level).toBeDefined();
    expect(JSON.stringify(tools)).not.toContain(SECRET);
  });

  it('sends exactly the request the spec describes, with the credential injected only on the wire', async () => {
    api.requests.length = 0;
    const r = await client.callTool({
      name: 'stripe_PostCustomers',
      arguments: { email: 'a+b@example.com', metadata: { order_id: '6735' }, expand: ['tax'] },
    });
    expect(r.isError).toBeFalsy();
    expect(api.requests).toHaveLength(1);
    const req = api.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/base/v1/customers');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.headers.authorization).toMatch(/^Basic /);
    expect(Buffer.from(String(req.headers.authorization).replace(/^Basic /, ''), 'base64').toString()).toContain(
      SECRET,
    );
    expect(req.body.toString()).toBe('email=a%2Bb%40example.com&expand%5B0%5D=tax&metadata%5Border_id%5D=6735');
    expect(text(r)).not.toContain(SECRET);
  });

  it('keeps path parameters inside their segment (no traversal) and never sends invalid arguments', async () => {
    api.requests.length = 0;
    await client.callTool({ name: 'stripe_GetCustomersCustomer', arguments: { customer: 'a/b?x=1#y' } });
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]!.url).toBe('/base/v1/customers/a%2Fb%3Fx%3D1%23y');
    // A dot segment once decoded (red-team-openapi.test.ts): refused before any request.
    api.requests.length = 0;
    const dots = await client.callTool({ name: 'stripe_GetCustomersCustomer', arguments: { customer: '../admin' } });
    expect(text(dots)).toMatch(/customer: a path parameter may not make a "\." or "\.\." path segment/);
    expect(api.requests).toHaveLength(0);

    api.requests.length = 0;
    const bad = await client.callTool({ name: 'stripe_PostCustomers', arguments: { email: 42 } });
    expect(bad.isError).toBe(true);
    expect(text(bad)).toMatch(/email: must be string/);
    expect(api.requests).toHaveLength(0);
  });

  it('a denied operation looks like a nonexistent one and makes no request', async () => {
    api.requests.length = 0;
    await expect(
      client.callTool({ name: 'stripe_DeleteCustomersCustomer', arguments: { customer: 'cus_1' } }),
    ).rejects.toThrow(/Unknown tool/);
    expect(api.requests).toHaveLength(0);
  });
});
