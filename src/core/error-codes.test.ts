// Completeness over the closed set of gateway error codes: every code has an HTTP status and a JSON-RPC code, and
// the two edges (src/http/http-error.ts, src/front/agent-server.ts) map each one from the table, not on their own.
import { describe, expect, it } from 'vitest';
import { toProtocolError } from '../front/agent-server.js';
import { errorCodes, GatewayError, type ErrorCode } from './errors.js';
import { toHttpError } from './http-error.js';

const codes = Object.keys(errorCodes) as ErrorCode[];

describe('error codes', () => {
  it.each(codes)('%s has an HTTP status, a JSON-RPC code and a safe message', (code) => {
    const e = errorCodes[code];
    expect(Number.isInteger(e.http) && e.http >= 400 && e.http <= 599).toBe(true);
    // JSON-RPC reserves -32768..-32000 for protocol and implementation-defined server errors.
    expect(Number.isInteger(e.jsonrpc) && e.jsonrpc >= -32768 && e.jsonrpc <= -32000).toBe(true);
    expect(e.message.length).toBeGreaterThan(0);
  });

  it.each(codes)('%s maps to its table entries at both edges', (code) => {
    const err = new GatewayError(code, 'safe text', 'internal detail');
    const http = toHttpError(err);
    expect({ status: http.status, code: http.code }).toEqual({ status: errorCodes[code].http, code });
    expect(JSON.stringify(http.body())).not.toContain('internal detail');
    expect(toProtocolError(err).code).toBe(errorCodes[code].jsonrpc);
  });

  it('names are <family>.<reason> (or internal)', () => {
    for (const c of codes) expect(c).toMatch(/^(internal|[a-z]+\.[a-z_]+)$/);
  });

  it('anything that is not a gateway error is internal at both edges', () => {
    expect(toHttpError(new Error('secret stack')).body()).toEqual({
      error: { code: 'internal', message: 'Internal error' },
    });
    expect(toProtocolError(new Error('secret stack')).code).toBe(-32603);
  });
});
