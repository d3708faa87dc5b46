import type { ServerResponse } from 'node:http';
import { errorCodes, type ErrorCode } from '../core/errors.js';
import type { AuthRefusal } from '../authn/types.js';

/**
 * The MCP front door's HTTP-level errors (before a request reaches an MCP server object): a JSON-RPC error body whose
 * HTTP status and JSON-RPC code both come from the error-code table (src/core/errors.ts), never chosen here.
 */
export function sendJsonRpcHttpError(
  res: ServerResponse,
  code: ErrorCode,
  options: { message?: string; headers?: Record<string, string>; id?: string | number | null } = {},
): void {
  if (res.headersSent) return void res.end();
  const entry = errorCodes[code];
  const body = JSON.stringify({
    jsonrpc: '2.0',
    error: { code: entry.jsonrpc, message: options.message ?? entry.message },
    id: options.id ?? null,
  });
  res.writeHead(entry.http, { 'content-type': 'application/json', 'cache-control': 'no-store', ...options.headers });
  res.end(body);
}

/** The gateway error code of an authenticator's refusal (its status says which). */
export function authRefusalCode(refusal: Pick<AuthRefusal, 'status' | 'reason'>): ErrorCode {
  if (refusal.status === 503) return 'auth.unavailable';
  if (refusal.status === 403) return 'auth.insufficient_scope';
  return refusal.reason === 'missing' ? 'auth.missing' : 'auth.invalid';
}
