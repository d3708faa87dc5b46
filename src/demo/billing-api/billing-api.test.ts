import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenApiBackend } from '../../backends/openapi/index.js';
import type { Backend, BackendCallContext } from '../../core/backend.js';
import type { ToolResult } from '../../core/tool.js';
import { billingBackendConfig, startBillingApi, type BillingApi } from './index.js';

const ctx: BackendCallContext = {
  principal: { agent: 'demo', method: 'stdio' },
  requestId: 'r',
  signal: new AbortController().signal,
};
const KEY = 'demo-billing-key-for-tests';
let api: BillingApi;
let backend: Backend;
const text = (r: ToolResult): string => (typeof r.content[0]?.text === 'string' ? r.content[0].text : '');

beforeAll(async () => {
  api = await startBillingApi(0, { apiKey: KEY });
  backend = createOpenApiBackend(
    { name: 'billing', ...billingBackendConfig(api, 'BILLING_KEY') },
    { getCredential: (n) => (n === 'BILLING_KEY' ? KEY : undefined) },
  );
  await backend.start();
});
afterAll(async () => {
  await backend.close();
  await api.close();
});

describe('demo billing API through an OpenAPI backend', () => {
  it('offers read, write and critical tools', () => {
    const tools = backend.tools().map((t) => `${t.source.kind === 'openapi' ? t.source.method : ''} ${t.localName}`);
    expect(tools).toEqual(
      expect.arrayContaining([
        'GET billing_listInvoices',
        'POST billing_createInvoice',
        'POST billing_createRefund',
        'DELETE billing_deleteAdminUser',
        'POST billing_createAdminUser',
      ]),
    );
    expect(tools).toHaveLength(13);
  });

  it('reads, writes and refunds with the API key injected', async () => {
    const list = await backend.callTool('billing_listInvoices', { status: 'paid' }, ctx);
    expect(list.structuredContent).toEqual({ data: [expect.objectContaining({ id: 'inv_1', status: 'paid' })] });
    const created = await backend.callTool(
      'billing_createInvoice',
      { customerId: 'cus_2', amount: 500, currency: 'usd' },
      ctx,
    );
    expect(created.structuredContent).toMatchObject({ customerId: 'cus_2', status: 'draft' });
    const refund = await backend.callTool(
      'billing_createRefund',
      { invoiceId: 'inv_1', amount: 2000, reason: 'requested_by_customer' },
      ctx,
    );
    expect(refund.isError).toBeFalsy();
    expect(refund.structuredContent).toMatchObject({ invoiceId: 'inv_1', amount: 2000 });
  });

  it('returns API errors and argument errors as isError results', async () => {
    const tooMuch = await backend.callTool('billing_createRefund', { invoiceId: 'inv_1', amount: 99_999_99 }, ctx);
    expect(tooMuch.isError).toBe(true);
    expect(text(tooMuch)).toBe('HTTP 400 Bad Request: {"error":"refund exceeds the invoice amount"}');
    const bad = await backend.callTool('billing_createRefund', { invoiceId: 'inv_1', amount: -5 }, ctx);
    expect(text(bad)).toBe('Invalid arguments: amount: must be >= 1');
    const missing = await backend.callTool('billing_getCustomer', { customerId: 'cus_999' }, ctx);
    expect(text(missing)).toContain('HTTP 404');
  });

  it('serves its spec and requires the key', async () => {
    const spec = (await (await fetch(`${api.url}/openapi.json`)).json()) as { servers: { url: string }[] };
    expect(spec.servers[0]!.url).toBe(api.url);
    expect((await fetch(`${api.url}/invoices`)).status).toBe(401);
  });
});
