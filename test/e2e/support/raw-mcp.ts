/**
 * The MCP endpoint spoken to without an SDK client: for tests that check status codes, headers and the exact
 * JSON-RPC messages on the wire.
 */

export type RpcMessage = Record<string, unknown>;

/**
 * POSTs one JSON-RPC message to the MCP endpoint with the headers a Streamable HTTP client sends (plus `headers`),
 * as the bearer `key` when given.
 */
export function postMcp(
  url: string,
  key: string | undefined,
  body: unknown,
  opts: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...opts.headers,
    },
    body: JSON.stringify(body),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

/** A 2025-11-25 `initialize` request as the bearer `key` (a session starts when it is accepted). */
export function initializeRaw(url: string, key: string | undefined, clientName = 'e2e-raw'): Promise<Response> {
  return postMcp(url, key, {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: clientName, version: '1' } },
  });
}

/** Every JSON-RPC message of a response, whether it came as one JSON body or as SSE events. */
export async function rpcMessages(r: Response): Promise<RpcMessage[]> {
  const text = await r.text();
  if (r.headers.get('content-type')?.startsWith('application/json')) return [JSON.parse(text) as RpcMessage];
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: {'))
    .map((l) => JSON.parse(l.slice(6)) as RpcMessage);
}
