import { isLegacyRequest } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { surelyModern } from './modern-claim.js';

const V = 'io.modelcontextprotocol/protocolVersion';
const envelope = { [V]: '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} };
const call = (extra: Record<string, unknown> = {}, meta: unknown = envelope) => ({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'x', arguments: {}, _meta: meta },
  ...extra,
});
const bodies: unknown[] = [
  call(),
  call({}, { [V]: '2025-11-25' }),
  call({}, { [V]: 42 }),
  call({}, { [V]: '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': 'bad' }),
  call({ method: 'initialize' }),
  call({ method: 'initialize' }, { [V]: '2025-11-25' }),
  call({ id: undefined, method: 'notifications/initialized' }),
  call({ id: undefined, method: 'notifications/initialized' }, { [V]: '2025-11-25' }),
  call({ result: {} }),
  call({ error: { code: 1, message: 'x' } }),
  call({ jsonrpc: '1.0' }),
  call({ method: 7 }),
  call({}, undefined),
  call({}, 'meta'),
  { jsonrpc: '2.0', id: 1, method: 'tools/list' },
  [call()],
];

describe('surelyModern', () => {
  it('claims modern only where the SDK classifier says the request is not legacy', async () => {
    for (const body of bodies) {
      const request = new Request('http://localhost/mcp', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      });
      const legacy = await isLegacyRequest(request, body);
      if (surelyModern('POST', body)) expect([body, legacy]).toEqual([body, false]);
    }
    expect(surelyModern('POST', call())).toBe(true);
    expect(surelyModern('GET', call())).toBe(false);
  });
});
