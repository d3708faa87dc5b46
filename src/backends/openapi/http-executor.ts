/**
 * Outbound HTTP for OpenAPI backends: keep-alive pooled agents per backend, SSRF-guarded DNS,
 * connect and response timeouts, a response size limit (truncation, not failure), and redirects
 * followed only under the caller's scope (same origin and base path), never for credential exchanges.
 */
import http from 'node:http';
import https from 'node:https';
import type { BuiltRequest } from './build-request.js';
import { GATEWAY_ONLY_HEADERS, isUnderBase } from './credential-boundary.js';
import { checkUrlTarget, createGuardedLookup, SsrfRefusedError } from './ssrf-guard.js';
import { injectTraceContext } from '../../observability/trace-context.js';

export interface HttpExecutorOptions {
  timeoutMs: number;
  connectTimeoutMs: number;
  maxResponseBytes: number;
  allowPrivateNetwork: boolean;
  maxRedirects?: number;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  truncated: boolean;
  url: URL;
}

/** Where redirects may lead: under `scope` (same origin, path prefix); `follow: false` follows none. */
export interface SendOptions {
  scope?: URL;
  follow?: boolean;
}

/** Request headers the executor sets itself; never copied from the built request. */
const FRAMING = new Set([...GATEWAY_ONLY_HEADERS].filter((h) => h !== 'authorization' && h !== 'cookie'));

export class HttpTimeoutError extends Error {
  override readonly name = 'HttpTimeoutError';
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
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

  async function send(req: BuiltRequest, signal?: AbortSignal, options: SendOptions = {}): Promise<HttpResponse> {
    let current = req;
    for (let hop = 0; ; hop++) {
      let res: HttpResponse;
      try {
        res = await once(current, signal);
      } catch (e) {
        if (!(e as { staleSocket?: boolean }).staleSocket || !IDEMPOTENT.has(current.method)) throw e;
        res = await once(current, signal, true);
      }
      const location = res.headers.location;
      if (!REDIRECTS.has(res.status) || typeof location !== 'string' || options.follow === false) return res;
      const next = new URL(location, current.url);
      if (next.origin !== current.url.origin)
        throw new SsrfRefusedError(`redirect to another origin (${next.origin}) refused`);
      if (options.scope && !isUnderBase(next, options.scope))
        throw new SsrfRefusedError(`redirect outside the API base path (${next.pathname}) refused`);
      if (hop >= (opts.maxRedirects ?? 5)) throw new SsrfRefusedError('too many redirects');
      const toGet = res.status === 303 || ((res.status === 301 || res.status === 302) && current.method === 'POST');
      const headers = { ...current.headers };
      if (toGet) {
        delete headers['content-type'];
      }
      current = {
        method: toGet ? 'GET' : current.method,
        url: next,
        headers,
        ...(toGet || !current.body ? {} : { body: current.body }),
      };
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
