/**
 * Gateway errors: one typed code union, mapped to the wire only at the edges
 * (front/ maps them to JSON-RPC errors or isError tool results; http/ to HTTP statuses).
 */
export const errorCodes = {
  'auth.missing': { http: 401, jsonrpc: -32001, message: 'Authentication required' },
  'auth.invalid': { http: 401, jsonrpc: -32001, message: 'Invalid credentials' },
  'auth.unavailable': { http: 503, jsonrpc: -32001, message: 'Credentials cannot be checked now; try again later' },
  'auth.insufficient_scope': { http: 403, jsonrpc: -32001, message: 'The credentials do not grant access here' },
  'tool.not_found': { http: 404, jsonrpc: -32602, message: 'Unknown tool' },
  'pin.conflict': { http: 409, jsonrpc: -32600, message: 'Nothing to accept, or not the definition reviewed' },
  'secret.conflict': { http: 409, jsonrpc: -32600, message: 'The secret was changed by another writer meanwhile' },
  'prompt.quarantined': { http: 409, jsonrpc: -32003, message: 'Prompt quarantined until an administrator accepts it' },
  'tool.quarantined': { http: 409, jsonrpc: -32003, message: 'Tool quarantined until an administrator accepts it' },
  'resource.not_found': { http: 404, jsonrpc: -32002, message: 'Resource not found' },
  'prompt.not_found': { http: 404, jsonrpc: -32602, message: 'Unknown prompt' },
  'resource.uri_invalid': { http: 400, jsonrpc: -32602, message: 'Resource URI does not normalise cleanly' },
  'resource.ambiguous': { http: 409, jsonrpc: -32002, message: 'More than one upstream offers this resource' },
  'policy.denied': { http: 403, jsonrpc: -32003, message: 'Denied by policy' },
  'approval.required': { http: 403, jsonrpc: -32003, message: 'This call needs approval' },
  'approval.pending': { http: 409, jsonrpc: -32003, message: 'This call is waiting for approval' },
  'approval.denied': { http: 403, jsonrpc: -32003, message: 'This call was not approved' },
  'approval.not_found': { http: 404, jsonrpc: -32602, message: 'Unknown approval' },
  'approval.conflict': { http: 409, jsonrpc: -32003, message: 'The approval request cannot take this decision now' },
  'approval.forbidden': { http: 403, jsonrpc: -32003, message: 'You may not decide this approval request' },
  'args.invalid': { http: 400, jsonrpc: -32602, message: 'Invalid arguments' },
  'backend.unavailable': { http: 503, jsonrpc: -32002, message: 'Backend unavailable' },
  'backend.failed': { http: 502, jsonrpc: -32002, message: 'Backend call failed' },
  'backend.circuit_open': { http: 503, jsonrpc: -32002, message: 'Backend circuit open; call refused' },
  'result.too_large': { http: 502, jsonrpc: -32002, message: 'Result exceeds the size limit' },
  'backend.timeout': { http: 504, jsonrpc: -32002, message: 'Backend call timed out' },
  'backend.removed': { http: 410, jsonrpc: -32002, message: 'Backend no longer configured' },
  'audit.unavailable': { http: 503, jsonrpc: -32004, message: 'Audit log unavailable; call refused' },
  'store.unavailable': { http: 503, jsonrpc: -32004, message: 'Store unavailable' },
  'rate.limited': { http: 429, jsonrpc: -32029, message: 'Rate limit exceeded' },
  'quota.exceeded': { http: 429, jsonrpc: -32029, message: 'Quota exceeded' },
  'request.invalid': { http: 400, jsonrpc: -32600, message: 'Invalid request' },
  'request.parse_error': { http: 400, jsonrpc: -32700, message: 'Parse error: body is not valid JSON' },
  'request.too_large': { http: 413, jsonrpc: -32600, message: 'Request body too large' },
  'request.unsupported_media_type': {
    http: 415,
    jsonrpc: -32000,
    message: 'Unsupported Media Type: Content-Type must be application/json',
  },
  'request.header_mismatch': { http: 400, jsonrpc: -32020, message: 'Header mismatch' },
  'session.required': {
    http: 400,
    jsonrpc: -32000,
    message: 'Bad Request: Mcp-Session-Id header is required (send initialize first)',
  },
  'session.not_found': { http: 404, jsonrpc: -32001, message: 'Session not found' },
  'request.forbidden': { http: 403, jsonrpc: -32000, message: 'Forbidden' },
  'request.not_found': { http: 404, jsonrpc: -32601, message: 'Not found' },
  'request.method_not_allowed': { http: 405, jsonrpc: -32601, message: 'Method not allowed' },
  internal: { http: 500, jsonrpc: -32603, message: 'Internal error' },
} as const satisfies Record<string, { http: number; jsonrpc: number; message: string }>;

export type ErrorCode = keyof typeof errorCodes;

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    readonly code: ErrorCode,
    /** Safe, agent-facing message: never upstream text, never a secret. */
    message?: string,
    /** Internal detail for the audit log only. */
    readonly detail?: string,
    /** Safe, agent-facing structured data sent with the wire error (e.g. `retryAfterSeconds`). */
    readonly data?: Readonly<Record<string, unknown>>,
  ) {
    super(message ?? errorCodes[code].message);
  }
}

export function isGatewayError(e: unknown): e is GatewayError {
  return e instanceof GatewayError;
}

/** A JSON-RPC error an upstream answered with, passed through (for non-tool methods) with its code. */
export class UpstreamRpcError extends Error {
  override readonly name = 'UpstreamRpcError';
  constructor(
    readonly rpcCode: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }
}
