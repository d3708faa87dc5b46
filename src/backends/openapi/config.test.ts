import { describe, expect, it } from 'vitest';
import { openApiBackendConfigSchema } from './config.js';

describe('openApiBackendConfigSchema', () => {
  it('fills defaults', () => {
    expect(openApiBackendConfigSchema.parse({ spec: './billing.yaml' })).toEqual({
      spec: './billing.yaml',
      timeoutMs: 30_000,
      connectTimeoutMs: 10_000,
      maxResponseBytes: 1024 * 1024,
      allowPrivateNetwork: false,
    });
  });

  it('accepts a full entry', () => {
    const entry = {
      spec: 'https://example.com/openapi.json',
      baseUrl: 'http://127.0.0.1:4010/v1',
      include: ['tag:invoices'],
      exclude: ['method:DELETE'],
      timeoutMs: 5000,
      maxResponseBytes: 65536,
      allowPrivateNetwork: true,
      auth: {
        billingKey: { credential: 'BILLING_API_KEY' },
        oauth: { credential: 'CLIENT_SECRET', clientId: 'abc', scopes: ['read'] },
        token: { credential: 'SLACK_TOKEN', in: 'query', name: 'token' },
      },
    };
    expect(openApiBackendConfigSchema.parse(entry)).toMatchObject(entry);
  });

  it.each([
    [{ spec: '' }, 'spec'],
    [{ spec: 'x', baseUrl: 'ftp://host/' }, 'baseUrl'],
    [{ spec: 'x', unknown: 1 }, ''],
    [{ spec: 'x', auth: { k: { credential: 'not an env name' } } }, 'auth.k.credential'],
    [{ spec: 'x', auth: { k: { credential: 'K', in: 'header' } } }, 'auth.k'],
    [{ spec: 'x', timeoutMs: 0 }, 'timeoutMs'],
  ])('rejects %j at %s', (entry, path) => {
    const r = openApiBackendConfigSchema.safeParse(entry);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
