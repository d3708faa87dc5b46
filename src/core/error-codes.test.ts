// Completeness over the closed set of gateway error codes: every code has an HTTP status and a JSON-RPC code, and
// the edges (src/http/http-error.ts, src/front/agent-server.ts, src/front/wire-error.ts) map each one from the table,
// not on their own.
import { describe, expect, it } from 'vitest';
import { toProtocolError } from '../front/agent-server.js';
import { errorCodes, GatewayError, type ErrorCode } from './errors.js';
import { toHttpError } from './http-error.js';
import { sendJsonRpcHttpError } from '../front/wire-error.js';
import type { ServerResponse } from 'node:http';

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

  it.each(codes)("%s maps to its table entries at the MCP front door's HTTP level", (code) => {
    const sent: { status?: number; headers?: Record<string, string>; body?: string } = {};
    const res = {
      headersSent: false,
      writeHead(status: number, headers: Record<string, string>) {
        Object.assign(sent, { status, headers });
        return this;
      },
      end(body: string) {
        sent.body = body;
      },
    } as unknown as ServerResponse;
    sendJsonRpcHttpError(res, code, { headers: { 'x-extra': '1' } });
    expect(sent.status).toBe(errorCodes[code].http);
    expect(sent.headers).toMatchObject({ 'content-type': 'application/json', 'x-extra': '1' });
    expect(JSON.parse(sent.body!)).toEqual({
      jsonrpc: '2.0',
      error: { code: errorCodes[code].jsonrpc, message: errorCodes[code].message },
      id: null,
    });
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
