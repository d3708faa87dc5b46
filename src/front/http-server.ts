import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { toWebRequest } from '@modelcontextprotocol/node';
import { createMcpHandler, isLegacyRequest, type AuthInfo } from '@modelcontextprotocol/server';
import { authRequestOf } from '../authn/http-request.js';
import type { TlsConfig } from '../config/schema.js';
import { withIncomingTrace } from '../observability/trace-context.js';
import { PROTECTED_RESOURCE_PATH, serveProtectedResourceMetadata } from '../http/protected-resource.js';
import { setSecurityHeaders } from '../http/security-headers.js';
import type { HttpRoute } from '../http/route.js';
import type { Principal } from '../core/principal.js';
import type { FrontDoorPort } from './port.js';
import { createAgentServer } from './agent-server.js';
import { createSessionRegistry } from './sessions.js';
import { endAtExpiry } from './credential-expiry.js';
import { createResourceUpdateDelivery } from './resource-updates.js';
import { createFastPath } from './fast-path.js';
import { createModernFastPath } from './modern-fast-path.js';
import { createToolListCache } from './tool-list-cache.js';
import { checkHost, checkOrigin } from './request-guards.js';
import { closeStalledConnections } from './request-deadline.js';
import { capConnections } from './connection-cap.js';
import { JsonRequestError, parseJsonRequest } from '../core/json-shape.js';
import { checkParamHeaders } from './param-headers.js';
import { surelyModern } from './modern-claim.js';
import { logger } from '../observability/logger.js';
import { sendHttpError, HttpError } from '../http/http-error.js';
import { authRefusalCode, sendJsonRpcHttpError } from './wire-error.js';

export interface HttpFront {
  url: string;
  port: number;
  /** Every path the listener answers: `/mcp`, the RFC 9728 metadata and each registered route's. */
  paths(): string[];
  close(): Promise<void>;
}

export interface HttpFrontOptions {
  /** Extra routes (metrics, health, admin API, dashboard), tried in order before 404. */
  routes?: readonly HttpRoute[];
  onAuthFailure?: (info: { reason: string; sourceAddress?: string; keyId?: string }) => void;
  /** A connection was refused at `server.maxConnections` (metrics). */
  onConnectionRefused?: () => void;
}

class BodyTooLarge extends Error {}

/** How long a connection may take to send a complete request head (also the TLS handshake's bound). */
const HEADERS_TIMEOUT_MS = 15_000;

/**
 * The request body, bounded while it is read. Listeners rather than `for await`: the async iterator costs a
 * generator, a promise per chunk and stream plumbing on every request (ADR 0017, Decision 8).
 */
function readBody(req: IncomingMessage, limit: number): Buffer | Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) return Promise.reject(new BodyTooLarge());
  const whole = bufferedBody(req, limit);
  if (whole) return whole;
  // Authentication answered within the 'request' event (ADR 0017, Decision 11), before the parser went on to the
  // body that came with the headers: once it has (one microtask later), a small body is complete.
  return Promise.resolve().then(() => bufferedBody(req, limit) ?? streamedBody(req, limit));
}

/** A body still arriving: read through listeners as it comes, bounded. */
function streamedBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const premature = () => Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
  // Closed before its end (and before these listeners), as the async iterator reported it.
  if (req.destroyed) return Promise.reject(premature());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (e?: Error) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', done);
      req.off('close', onClose);
      if (e) reject(e);
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        return done(new BodyTooLarge());
      }
      chunks.push(chunk);
    };
    const onEnd = () => done();
    const onClose = () => done(premature());
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', done);
    req.on('close', onClose);
  });
}

/**
 * The whole body when the parser has already read all of it (a small request arrives with its headers, so it is
 * complete before the handler runs): taken from the stream's buffer at once, without listeners, ticks or promises
 * (ADR 0017, Decision 11). Undefined when some of it is still to come (or has been read already): `readBody` waits.
 */
function bufferedBody(req: IncomingMessage, limit: number): Buffer | undefined {
  if (!req.complete || req.readableFlowing || req.readableLength > limit) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for (let chunk = req.read() as Buffer | null; chunk !== null; chunk = req.read() as Buffer | null) {
    chunks.push(chunk);
    size += chunk.length;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

const LEGACY_VERSIONS = new Set(['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05']);
const claimsModern = (body: unknown): boolean =>
  Array.isArray(body)
    ? body.some(claimsModern)
    : typeof body === 'object' && body !== null && 'params' in body
      ? Object.hasOwn(
          (body as { params?: { _meta?: object } }).params?._meta ?? {},
          'io.modelcontextprotocol/protocolVersion',
        )
      : false;

/**
 * Fast path for the common 2025 case: a request on an existing session, with a 2025 protocol header (or none) and
 * no per-request envelope claim, is legacy by the SDK's own rules; everything else asks the SDK's classifier.
 */
function isSessionRequest(req: IncomingMessage, body: unknown): boolean {
  const version = req.headers['mcp-protocol-version'];
  return (
    typeof req.headers['mcp-session-id'] === 'string' &&
    (version === undefined || LEGACY_VERSIONS.has(String(version))) &&
    !claimsModern(body)
  );
}

function classifyLegacy(req: IncomingMessage, body: unknown, maxRequestBodySize: number): Promise<boolean> {
  const headerOnly = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/mcp'}`, {
    method: req.method ?? 'POST',
    headers: req.headers as Record<string, string>,
  });
  return isLegacyRequest(headerOnly, body ?? {}, { maxRequestBodySize });
}

const isInitialize = (body: unknown): boolean =>
  Array.isArray(body) ? body.some(isInitialize) : (body as { method?: unknown } | null)?.method === 'initialize';

/**
 * The MCP front door over Streamable HTTP at `/mcp`: both protocol eras (2025-11-25 sessions,
 * 2026-07-28 stateless per-request), DNS-rebinding protection, API-key authentication,
 * a body size limit and clean JSON-RPC errors.
 */
export async function startHttpFront(gw: FrontDoorPort, options: HttpFrontOptions = {}): Promise<HttpFront> {
  const cfg = () => gw.server();
  const { host, port } = cfg();
  const sessions = createSessionRegistry(
    () => cfg().sessionIdleTimeoutMs,
    (options) => createAgentServer(gw, options),
    (s) => updates.closed(s),
  );
  const toolLists = createToolListCache(gw);
  const fast = createFastPath(gw, toolLists);
  const modernFast = createModernFastPath(gw, toolLists);

  const updates = createResourceUpdateDelivery(
    gw,
    () => sessions.all(),
    (s) => sessions.close(s),
  );
  const principalOf = (auth: AuthInfo | undefined) =>
    (auth?.extra as { principal: Principal; source?: string }).principal;
  const modern = createMcpHandler(
    (ctx) => {
      const extra = ctx.authInfo?.extra as { principal: Principal; source?: string };
      return createAgentServer(gw, {
        principal: principalOf(ctx.authInfo),
        era: ctx.era,
        requestTimeoutMs: cfg().requestTimeoutMs,
        ...(extra.source ? { sourceAddress: extra.source } : {}),
      });
    },
    { legacy: 'reject', maxRequestBodySize: cfg().maxBodyBytes, bus: updates.bus },
  );

  gw.onToolsChanged(() => {
    // Lite sessions (no SDK face) have no GET stream open: the SDK would have had nowhere to send these.
    for (const s of sessions.all()) void s.sdk?.server.sendToolListChanged().catch(() => undefined);
    modern.notify.toolsChanged();
  });
  gw.onUpstreamNotification((n) => {
    if (n.method === 'notifications/resources/updated') updates.deliver(n);
    else if (n.method === 'notifications/resources/list_changed') {
      for (const s of sessions.all()) void s.sdk?.server.sendResourceListChanged().catch(() => undefined);
      modern.notify.resourcesChanged();
    } else if (n.method === 'notifications/prompts/list_changed') {
      for (const s of sessions.all()) void s.sdk?.server.sendPromptListChanged().catch(() => undefined);
      modern.notify.promptsChanged();
    }
  });

  async function handleMcp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const c = cfg();
    const hostProblem = checkHost(req.headers.host, c);
    if (hostProblem) return sendJsonRpcHttpError(res, 'request.forbidden', { message: hostProblem });
    const originProblem = checkOrigin(req.headers.origin, c);
    if (originProblem) return sendJsonRpcHttpError(res, 'request.forbidden', { message: originProblem });

    const source = req.socket.remoteAddress;
    const blocked = gw.failedAuth.blockedFor(source);
    const blockedMs = blocked instanceof Promise ? await blocked : blocked;
    if (blockedMs > 0) {
      const seconds = String(Math.max(1, Math.ceil(blockedMs / 1000)));
      return sendJsonRpcHttpError(res, 'rate.limited', {
        message: `Too many failed attempts: retry after ${seconds} s`,
        headers: { 'retry-after': seconds },
      });
    }
    const authn = gw.authentication();
    const authenticating = authn.agents.authenticate(authRequestOf(req));
    const auth = authenticating instanceof Promise ? await authenticating : authenticating;
    if (auth.kind !== 'authenticated') {
      options.onAuthFailure?.({
        reason: auth.reason,
        ...(source ? { sourceAddress: source } : {}),
        ...(auth.keyId ? { keyId: auth.keyId } : {}),
      });
      const message =
        auth.reason === 'missing' ? 'Authentication required: send Authorization: Bearer <token>' : auth.description;
      return sendJsonRpcHttpError(res, authRefusalCode(auth), {
        message,
        headers: auth.status === 503 ? {} : { 'www-authenticate': authn.challenge(auth, 'portcullis') },
      });
    }
    const principal = auth.principal;

    let body: unknown;
    if (req.method === 'POST') {
      const ct = req.headers['content-type'] ?? '';
      if (!/^application\/json\b/i.test(ct)) return sendJsonRpcHttpError(res, 'request.unsupported_media_type');
      let raw: Buffer;
      try {
        const reading = readBody(req, c.maxBodyBytes);
        raw = reading instanceof Promise ? await reading : reading;
      } catch (e) {
        if (e instanceof BodyTooLarge) {
          sendJsonRpcHttpError(res, 'request.too_large', {
            message: `Request body exceeds ${c.maxBodyBytes} bytes`,
            headers: { connection: 'close' },
          });
          req.destroy();
          return;
        }
        throw e;
      }
      try {
        body = parseJsonRequest(raw.toString('utf8'));
      } catch (e) {
        if (!(e instanceof JsonRequestError) || e.reason === 'syntax')
          return sendJsonRpcHttpError(res, 'request.parse_error');
        return sendJsonRpcHttpError(res, 'request.invalid', { message: `Invalid request: ${e.message}` });
      }
    } else if (req.method !== 'GET' && req.method !== 'DELETE') {
      return sendJsonRpcHttpError(res, 'request.method_not_allowed', { headers: { allow: 'GET, POST, DELETE' } });
    }

    const onSession = isSessionRequest(req, body);
    const legacy = onSession || (!surelyModern(req.method, body) && (await classifyLegacy(req, body, c.maxBodyBytes)));
    if (legacy) {
      const sid = req.headers['mcp-session-id'];
      if (typeof sid === 'string') {
        const s = sessions.get(sid, principal);
        if (!s) return sendJsonRpcHttpError(res, 'session.not_found');
        // Plain tools/call (and what answers the fast path's own requests) skip the SDK transport (ADR 0017).
        if (
          onSession &&
          (fast.tryRoute(s, res, body) ||
            fast.tryServe(s, req, res, body) ||
            fast.tryList(s, req, res, body) ||
            fast.tryNotify(!s.sdk && !s.hydrating, req, res, body))
        )
          return;
        // The session's GET stream (server-to-agent messages) ends when the credential it was opened with expires.
        if (req.method === 'GET') endAtExpiry(principal.expiresAt, streamOf(res));
        return sessions.serve(s, req, res, body);
      }
      if (req.method === 'POST' && isInitialize(body)) {
        const caps = gw.sessionLimits();
        if (sessions.size() >= caps.total || sessions.countFor(principal.agent) >= caps.perAgent) {
          const which = sessions.size() >= caps.total ? `the gateway's ${caps.total}` : `this agent's ${caps.perAgent}`;
          return sendJsonRpcHttpError(res, 'rate.limited', {
            message: `Too many open sessions (${which}); close one or retry later`,
            headers: { 'retry-after': '60' },
          });
        }
        const options = {
          principal,
          era: 'legacy' as const,
          requestTimeoutMs: c.requestTimeoutMs,
          subscriptions: new Set<string>(),
          ...(source ? { sourceAddress: source } : {}),
        };
        return sessions.open(principal, options, req, res, body);
      }
      return sendJsonRpcHttpError(res, 'session.required');
    }

    const call = body as
      | { id?: string | number; method?: string; params?: { name?: unknown; arguments?: Record<string, unknown> } }
      | undefined;
    const schema =
      call?.method === 'tools/call' && typeof call.params?.name === 'string'
        ? gw.visibleToolSchema(principal, call.params.name)
        : undefined;
    if (schema) {
      const problem = checkParamHeaders(schema, call?.params?.arguments, req.headers);
      if (problem)
        return sendJsonRpcHttpError(res, 'request.header_mismatch', {
          message: `Header mismatch: ${problem}`,
          id: call?.id ?? null,
        });
    }
    // Plain tools/call and tools/list skip the per-request SDK server and transport (ADR 0017).
    if (modernFast.tryServe(principal, source, req, res, body)) return;
    const webReq = await toWebRequest(req, body);
    const authInfo: AuthInfo = {
      token: principal.credentialId ?? '',
      clientId: principal.agent,
      scopes: [],
      extra: { principal, source },
    };
    const response = await updates.asListener(principal, body, streamOf(res), () =>
      modern.fetch(webReq, { authInfo, parsedBody: body }),
    );
    await writeResponse(response, res);
  }

  /** `portcullis api GET /api/v1/approvals`: the route group only (no ids, names or values in span names). */
  const apiSpan = (method: string | undefined, path: string) => {
    const group = /^\/api\/v\d+\/[a-z-]+/.exec(path)?.[0];
    return group
      ? { name: `portcullis api ${method ?? 'GET'} ${group}`, attributes: { 'http.request.method': method ?? 'GET' } }
      : undefined;
  };
  const failed = (res: ServerResponse) => (e: unknown) => {
    logger().error(`request failed: ${(e as Error).message}`);
    sendJsonRpcHttpError(res, 'internal');
  };
  const routes = options.routes ?? [];
  const tryRoutes = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    for (const route of routes) {
      const served = route.serve(req, res, url);
      if (served instanceof Promise ? await served : served) return true;
    }
    return false;
  };
  const https = cfg().tls !== undefined;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    // Every answer, of every route and every error, starts with the security headers (src/http/security-headers.ts).
    setSecurityHeaders(res, https);
    // The caller's W3C trace (if any) continues here; a REST API request gets its own server span. `/mcp` itself
    // (the hot path) is recognised without parsing a URL.
    if (req.url === '/mcp') return void withIncomingTrace(req.headers, () => handleMcp(req, res)).catch(failed(res));
    const url = new URL(req.url ?? '/', 'http://gateway');
    const go = async () => {
      if (url.pathname === '/mcp') return handleMcp(req, res);
      if (serveProtectedResourceMetadata(gw.authentication(), req, res, url)) return;
      if (await tryRoutes(req, res, url)) return;
      sendHttpError(res, new HttpError('request.not_found'));
    };
    withIncomingTrace(req.headers, go, apiSpan(req.method, url.pathname)).catch(failed(res));
  };
  const tls = cfg().tls;
  const server: HttpServer = tls ? createHttpsServer(tlsOptions(tls, gw.baseDir()), handler) : createServer(handler);
  server.requestTimeout = 30_000;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.keepAliveTimeout = 65_000;
  closeStalledConnections(server, HEADERS_TIMEOUT_MS, tls !== undefined);
  capConnections(server, () => cfg().maxConnections, {
    warn: (m) => logger().warn(m),
    ...(options.onConnectionRefused ? { onRefused: options.onConnectionRefused } : {}),
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${tls ? 'https' : 'http'}://${shownHost}:${addr.port}/mcp`,
    port: addr.port,
    paths: () => {
      const metadata = gw.authentication().resourceMetadata;
      const wellKnown = metadata ? [PROTECTED_RESOURCE_PATH, metadata.path] : [PROTECTED_RESOURCE_PATH];
      return [...new Set(['/mcp', ...wellKnown, ...routes.flatMap((r) => r.paths())])];
    },
    async close() {
      await sessions.closeAll();
      await modern.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/**
 * HTTPS options. With a client CA, the listener asks for a certificate but does not drop the connection on a bad
 * one: OpenSSL's verdict (chain, validity, CRL) is handed to the mTLS authenticator, which answers with an HTTP
 * status the caller and the audit log can read, and lets certificate-less callers use another credential.
 */
function tlsOptions(tls: TlsConfig, baseDir: string) {
  const read = (p: string) => readFileSync(resolvePath(baseDir, p));
  return {
    cert: read(tls.cert),
    key: read(tls.key),
    minVersion: 'TLSv1.2' as const,
    handshakeTimeout: HEADERS_TIMEOUT_MS,
    ...(tls.clientCa ? { ca: read(tls.clientCa), requestCert: true, rejectUnauthorized: false } : {}),
    ...(tls.crl ? { crl: read(tls.crl) } : {}),
  };
}

/** A response as a long-lived stream: ended by destroying it (the agent sees the stream close and reconnects). */
function streamOf(res: ServerResponse): { end(): void; onClose(listener: () => void): void } {
  return { end: () => void res.destroy(), onClose: (l) => void res.once('close', l) };
}

async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((v, k) => (headers[k] = v));
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  const stream = Readable.fromWeb(response.body);
  res.on('close', () => stream.destroy());
  await new Promise<void>((resolve) => {
    stream.pipe(res);
    stream.on('end', resolve);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', resolve);
  });
}
