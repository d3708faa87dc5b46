/**
 * Outbound HTTP for OpenAPI backends: keep-alive pooled agents per backend, SSRF-guarded DNS,
 * connect and response timeouts, a response size limit (truncation, not failure). Redirects are never followed: a
 * request carries the backend's credential to the operation policy allowed, and a redirect names another one (the
 * 3xx goes back to the caller; response-to-result.ts answers it to the agent).
 */
import http from 'node:http';
import https from 'node:https';
import type { BuiltRequest } from './build-request.js';
import { GATEWAY_ONLY_HEADERS } from './credential-boundary.js';
import { checkUrlTarget, createGuardedLookup, SsrfRefusedError } from './ssrf-guard.js';
import { injectTraceContext } from '../../observability/trace-context.js';

export interface HttpExecutorOptions {
  timeoutMs: number;
  connectTimeoutMs: number;
  maxResponseBytes: number;
  allowPrivateNetwork: boolean;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  truncated: boolean;
  url: URL;
}

/** Request headers the executor sets itself; never copied from the built request. */
const FRAMING = new Set([...GATEWAY_ONLY_HEADERS].filter((h) => h !== 'authorization' && h !== 'cookie'));

export class HttpTimeoutError extends Error {
  override readonly name = 'HttpTimeoutError';
}

/** RFC 9110 §9.2.2: sending these twice has the effect of sending them once. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);
/**
 * How Node reports a connection the server had closed when the request went out on it: `ECONNRESET` (a reset, or
 * "socket hang up": the connection ended with no response) and `EPIPE` (a body written after the server's kernel
 * reset the closed connection; a large PUT on a socket closed by the server's keep-alive timeout).
 */
const CONNECTION_DIED = new Set(['ECONNRESET', 'EPIPE']);

/**
 * A request whose pooled keep-alive socket turned out to be closed by the server: it failed on a reused socket, with
 * the connection gone, before any response arrived. Node reports the same codes whether the server closed the
 * connection before reading the request (its keep-alive timeout) or after (a crash while handling it), and no API
 * tells the two apart, so only an idempotent request may be sent again (RFC 9112 §9.3.1); bodies are buffers, so a
 * PUT's body is sent whole again. Once the response head has arrived, Node reports a dying connection on the response
 * (`aborted`), not on the request: the server's answer failing, never retried.
 */
function isStaleSocketFailure(e: NodeJS.ErrnoException, reusedSocket: boolean): boolean {
  return reusedSocket && e.code !== undefined && CONNECTION_DIED.has(e.code);
}

export function createHttpExecutor(opts: HttpExecutorOptions) {
  const lookup = createGuardedLookup(opts.allowPrivateNetwork);
  const agentOpts = { keepAlive: true, maxSockets: 64, maxFreeSockets: 16, lookup };
  const httpAgent = new http.Agent(agentOpts);
  const httpsAgent = new https.Agent(agentOpts);
  // The retry after a stale pooled socket goes over a new connection: a server's keep-alive timeout closes all the
  // idle connections of a burst at once, so the next pooled socket is likely stale too.
  const freshOpts = { keepAlive: false, lookup };
  const freshHttpAgent = new http.Agent(freshOpts);
  const freshHttpsAgent = new https.Agent(freshOpts);

  function once(req: BuiltRequest, signal?: AbortSignal, fresh = false): Promise<HttpResponse> {
    checkUrlTarget(req.url, opts.allowPrivateNetwork);
    const isHttps = req.url.protocol === 'https:';
    // identity: the size limit applies to what is read, and nothing is decompressed.
    const headers: Record<string, string> = { 'user-agent': 'portcullis' };
    for (const [k, v] of Object.entries(req.headers)) {
      const lower = k.toLowerCase();
      if (!FRAMING.has(lower) && !lower.startsWith('proxy-')) headers[lower] = v;
    }
    headers['accept-encoding'] = 'identity';
    if (req.body) headers['content-length'] = String(req.body.byteLength);
    injectTraceContext(headers);
    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const r = (isHttps ? https : http).request(req.url, {
        method: req.method,
        headers,
        agent: fresh ? (isHttps ? freshHttpsAgent : freshHttpAgent) : isHttps ? httpsAgent : httpAgent,
      });
      const total = setTimeout(
        () => r.destroy(new HttpTimeoutError(`no complete response within ${opts.timeoutMs} ms`)),
        opts.timeoutMs,
      );
      const onAbort = (): void => {
        r.destroy(new Error('call cancelled'));
      };
      if (signal?.aborted) onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      r.on('socket', (socket) => {
        if (!socket.connecting) return;
        const t = setTimeout(
          () => r.destroy(new HttpTimeoutError(`no connection within ${opts.connectTimeoutMs} ms`)),
          opts.connectTimeoutMs,
        );
        socket.once('connect', () => clearTimeout(t));
        socket.once('close', () => clearTimeout(t));
      });
      r.on('error', (e: NodeJS.ErrnoException) => {
        // A pooled keep-alive socket the server had already closed: `send` retries idempotent requests.
        if (!settled && isStaleSocketFailure(e, r.reusedSocket))
          (e as NodeJS.ErrnoException & { staleSocket?: boolean }).staleSocket = true;
        finish(() => reject(e.code === 'ESSRF' ? new SsrfRefusedError(e.message) : e));
      });
      r.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        const done = (): void =>
          finish(() =>
            resolve({
              status: res.statusCode ?? 0,
              statusText: res.statusMessage ?? '',
              headers: res.headers,
              body: Buffer.concat(chunks),
              truncated,
              url: req.url,
            }),
          );
        res.on('data', (chunk: Buffer) => {
          if (truncated) return;
          const room = opts.maxResponseBytes - size;
          if (chunk.byteLength > room) {
            chunks.push(chunk.subarray(0, room));
            size += room;
            truncated = true;
            res.destroy();
            done();
            return;
          }
          chunks.push(chunk);
          size += chunk.byteLength;
        });
        res.on('end', done);
        res.on('error', (e) => finish(() => reject(e)));
        res.on('close', () => {
          if (!settled && !res.complete)
            finish(() => reject(new Error('connection closed before the response was complete')));
        });
      });
      r.end(req.body);
    });
  }

  /** One request (sent again once over a new connection after a stale pooled socket, idempotent methods only). */
  async function send(req: BuiltRequest, signal?: AbortSignal): Promise<HttpResponse> {
    try {
      return await once(req, signal);
    } catch (e) {
      if (!(e as { staleSocket?: boolean }).staleSocket || !IDEMPOTENT.has(req.method)) throw e;
      return once(req, signal, true);
    }
  }

  return {
    send,
    close(): void {
      for (const agent of [httpAgent, httpsAgent, freshHttpAgent, freshHttpsAgent]) agent.destroy();
    },
  };
}

export type HttpExecutor = ReturnType<typeof createHttpExecutor>;
