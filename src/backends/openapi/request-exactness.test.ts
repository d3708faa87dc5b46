/**
 * Calls real operations of real specs through createOpenApiBackend(...).callTool and checks the exact
 * HTTP request a local server receives: method, encoded path, query, headers and body encoding.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Backend, BackendCallContext } from '../../core/backend.js';
import type { JsonObject } from '../../core/tool.js';
import { createOpenApiBackend } from './backend.js';
import { importSpec } from './import-spec.js';
import { parseMultipart, startCaptureServer, type CaptureServer } from './test-support/capture-server.js';

const dataDir = fileURLToPath(new URL('../../../test/fixtures/specs/openapi/', import.meta.url));
const ctx: BackendCallContext = {
  principal: { agent: 'test', method: 'stdio' },
  requestId: 'r1',
  signal: new AbortController().signal,
};
const secrets: Record<string, string> = {
  STRIPE_KEY: 'sk_test_abc123',
  TWILIO_CRED: 'AC0123456789abcdef0123456789abcdef:authtok42',
  SLACK_TOKEN: 'xoxb-slack-secret',
  BOX_TOKEN: 'box-access-token-1',
  K8S_TOKEN: 'Bearer k8s-token-9',
};
const getCredential = (n: string): string | undefined => secrets[n];

let server: CaptureServer;
const backends: Backend[] = [];

async function backend(name: string, spec: string, auth: JsonObject, include?: string[]): Promise<Backend> {
  const b = createOpenApiBackend(
    {
      name,
      spec: resolve(dataDir, spec),
      baseUrl: `${server.url}/base`,
      allowPrivateNetwork: true,
      auth: auth as never,
      ...(include ? { include } : {}),
    },
    { getCredential },
  );
  await b.start();
  backends.push(b);
  return b;
}

async function call(b: Backend, tool: string, args: JsonObject) {
  const before = server.requests.length;
  const result = await b.callTool(tool, args, ctx);
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  expect(server.requests.length).toBe(before + 1);
  return { result, req: server.requests.at(-1)! };
}

beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(async () => {
  for (const b of backends) await b.close();
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

describe('Stripe (OpenAPI 3.0, nested form bodies, deepObject queries)', () => {
  let b: Backend;
  beforeAll(async () => {
    b = await backend('stripe', 'stripe.json', { basicAuth: { credential: 'STRIPE_KEY' } }, [
      'op:PostCustomers',
      'op:GetCustomers',
      'op:GetCustomersCustomer',
    ]);
  });

  it('POST /v1/customers encodes nested objects and arrays with brackets', async () => {
    const { req } = await call(b, 'stripe_PostCustomers', {
      email: 'a+b@example.com',
      metadata: { order_id: '6735', note: 'x&y=z' },
      address: { city: 'Zürich', line1: '1 Main St' },
      expand: ['default_source', 'tax'],
      preferred_locales: ['de', 'en'],
    });
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/base/v1/customers');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.headers.accept).toBe('application/json');
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('sk_test_abc123').toString('base64')}`);
    const body = req.body.toString();
    expect(body).toBe(
      [
        'address%5Bcity%5D=Z%C3%BCrich',
        'address%5Bline1%5D=1%20Main%20St',
        'email=a%2Bb%40example.com',
        'expand%5B0%5D=default_source',
        'expand%5B1%5D=tax',
        'metadata%5Border_id%5D=6735',
        'metadata%5Bnote%5D=x%26y%3Dz',
        'preferred_locales%5B0%5D=de',
        'preferred_locales%5B1%5D=en',
      ].join('&'),
    );
  });

  it('GET /v1/customers serialises deepObject and form query parameters', async () => {
    const { req } = await call(b, 'stripe_GetCustomers', {
      created: { gte: 1700000000, lt: 1800000000 },
      limit: 3,
      expand: ['data.tax'],
    });
    expect(req.method).toBe('GET');
    expect(req.url).toBe(
      '/base/v1/customers?created%5Bgte%5D=1700000000&created%5Blt%5D=1800000000&expand%5B0%5D=data.tax&limit=3',
    );
    expect(req.body.byteLength).toBe(0);
  });

  it('encodes path parameters so they stay one segment', async () => {
    // A '..' between separators is refused (a server that decodes %2F would route it elsewhere: path-segments.ts);
    // every other separator and delimiter is encoded.
    const { req } = await call(b, 'stripe_GetCustomersCustomer', { customer: 'cus 1/.x/y..?y#z\\w' });
    expect(req.url).toBe('/base/v1/customers/cus%201%2F.x%2Fy..%3Fy%23z%5Cw');
  });
});

describe('Box (JSON and multipart bodies, OAuth2 bearer)', () => {
  let b: Backend;
  beforeAll(async () => {
    b = await backend('box', 'box.json', { OAuth2Security: { credential: 'BOX_TOKEN' } }, [
      'op:post_folders',
      'op:post_files_content',
    ]);
  });

  it('POST /folders sends a JSON body and query fields', async () => {
    const { req } = await call(b, 'box_post_folders', { name: 'Reports', parent: { id: '0' }, fields: ['id', 'name'] });
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/base/folders?fields=id%2Cname');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.authorization).toBe('Bearer box-access-token-1');
    expect(JSON.parse(req.body.toString())).toEqual({ name: 'Reports', parent: { id: '0' } });
  });

  it('POST /files/content sends multipart with the JSON attributes part before the file part', async () => {
    const { req } = await call(b, 'box_post_files_content', {
      attributes: { name: 'hello.txt', parent: { id: '0' } },
      file: {
        base64: Buffer.from('hello\r\nworld').toString('base64'),
        filename: 'hello.txt',
        contentType: 'text/plain',
      },
    });
    expect(req.url).toBe('/base/files/content');
    const ct = req.headers['content-type']!;
    expect(ct).toMatch(/^multipart\/form-data; boundary=/);
    const parts = parseMultipart(req.body, ct);
    expect(parts.map((p) => p.headers['content-disposition'])).toEqual([
      'form-data; name="attributes"',
      'form-data; name="file"; filename="hello.txt"',
    ]);
    expect(parts[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(parts[0]!.body)).toEqual({ name: 'hello.txt', parent: { id: '0' } });
    expect(parts[1]!.headers['content-type']).toBe('text/plain');
    expect(parts[1]!.body).toBe('hello\r\nworld');
  });
});

describe('Slack (Swagger 2.0, formData, token parameter filled by the gateway)', () => {
  let b: Backend;
  beforeAll(async () => {
    b = await backend(
      'slack',
      'slack_swagger2.json',
      { token: { credential: 'SLACK_TOKEN', in: 'header', name: 'token' } },
      ['op:chat_postMessage', 'op:conversations_list'],
    );
  });

  it('hides the token parameter from the agent', () => {
    const tool = b.tools().find((t) => t.localName === 'slack_chat_postMessage')!;
    expect(Object.keys(tool.definition.inputSchema.properties as object)).not.toContain('token');
    expect(tool.definition.inputSchema.required).toEqual(['channel']);
  });

  it('POST chat.postMessage sends formData as a urlencoded body, token in the declared header', async () => {
    const { req } = await call(b, 'slack_chat_postMessage', {
      channel: 'C123',
      text: 'Hello, world & all',
      as_user: 'true',
    });
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/base/chat.postMessage');
    expect(req.headers.token).toBe('xoxb-slack-secret');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req.body.toString()).toBe('as_user=true&channel=C123&text=Hello%2C%20world%20%26%20all');
  });

  it('GET conversations.list puts the token where the operation declares it (query)', async () => {
    const { req } = await call(b, 'slack_conversations_list', {
      types: 'public_channel,private_channel',
      limit: 20,
      exclude_archived: true,
    });
    expect(req.method).toBe('GET');
    expect(req.url).toBe(
      '/base/conversations.list?token=xoxb-slack-secret&exclude_archived=true&types=public_channel%2Cprivate_channel&limit=20',
    );
    expect(req.headers.token).toBeUndefined();
  });
});

describe('Twilio (path-level servers, HTTP basic, form bodies)', () => {
  it('takes the server from the path item when no base URL is configured', async () => {
    const spec = await importSpec(resolve(dataDir, 'twilio_api_v2010.json'), {
      name: 'twilio',
      include: ['op:CreateMessage'],
    });
    expect(spec.plans.get('twilio_CreateMessage')!.servers).toEqual(['https://api.twilio.com']);
  });

  it('POST Messages.json with basic auth, an encoded path and exploded arrays', async () => {
    const b = await backend(
      'twilio',
      'twilio_api_v2010.json',
      { accountSid_authToken: { credential: 'TWILIO_CRED' } },
      ['op:CreateMessage', 'op:ListMessage'],
    );
    const sid = 'AC0123456789abcdef0123456789abcdef';
    const { req } = await call(b, 'twilio_CreateMessage', {
      AccountSid: sid,
      To: '+15558675310',
      From: '+15017122661',
      Body: 'Hi there',
      MediaUrl: ['https://a.example/1.png', 'https://a.example/2.png'],
    });
    expect(req.url).toBe(`/base/2010-04-01/Accounts/${sid}/Messages.json`);
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from(secrets.TWILIO_CRED!).toString('base64')}`);
    expect(req.body.toString()).toBe(
      'To=%2B15558675310&From=%2B15017122661&Body=Hi%20there&MediaUrl=https%3A%2F%2Fa.example%2F1.png&MediaUrl=https%3A%2F%2Fa.example%2F2.png',
    );

    const list = await call(b, 'twilio_ListMessage', {
      AccountSid: sid,
      'DateSent<': '2024-01-01T00:00:00Z',
      PageSize: 20,
    });
    expect(list.req.url).toBe(
      `/base/2010-04-01/Accounts/${sid}/Messages.json?DateSent%3C=2024-01-01T00%3A00%3A00Z&PageSize=20`,
    );
  });
});

describe('Kubernetes (Swagger 2.0 patch content types)', () => {
  let b: Backend;
  beforeAll(async () => {
    b = await backend('k8s', 'kubernetes_swagger2.json', { BearerToken: { credential: 'K8S_TOKEN' } }, [
      'op:patchCoreV1NamespacedConfigMap',
    ]);
  });

  it.each([
    ['application/merge-patch+json', { data: { key: 'value' } }],
    ['application/strategic-merge-patch+json', { metadata: { labels: { app: 'web' } } }],
    ['application/json-patch+json', [{ op: 'replace', path: '/data/key', value: 'v2' }]],
  ])('PATCH with %s', async (contentType, patch) => {
    const { req } = await call(b, 'k8s_patchCoreV1NamespacedConfigMap', {
      namespace: 'prod',
      name: 'app-config',
      body: patch,
      contentType,
      dryRun: 'All',
    });
    expect(req.method).toBe('PATCH');
    expect(req.url).toBe('/base/api/v1/namespaces/prod/configmaps/app-config?dryRun=All');
    expect(req.headers['content-type']).toBe(contentType);
    expect(req.headers.accept).toBe('application/json');
    expect(req.headers.authorization).toBe('Bearer k8s-token-9');
    expect(JSON.parse(req.body.toString())).toEqual(patch);
  });

  it('defaults to merge-patch and offers the three patch types', async () => {
    const tool = b.tools()[0]!;
    const ct = (tool.definition.inputSchema.properties as Record<string, JsonObject>).contentType!;
    expect(ct.enum).toEqual([
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
      'application/json-patch+json',
    ]);
    const { req } = await call(b, 'k8s_patchCoreV1NamespacedConfigMap', {
      namespace: 'a',
      name: 'b',
      body: { data: {} },
    });
    expect(req.headers['content-type']).toBe('application/merge-patch+json');
  });
});
