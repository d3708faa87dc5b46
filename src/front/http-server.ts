import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { toWebRequest } from '@modelcontextprotocol/node';
import { createMcpHandler, isLegacyRequest, type AuthInfo } from '@modelcontextprotocol/server';
import { authRequestOf } from '../authn/http-request.js';
import { carrySubjectToken } from '../authn/subject-tokens.js';
import type { TlsConfig } from '../config/schema.js';
import { serveProtectedResourceMetadata } from '../http/protected-resource.js';
import { errorCodes } from '../core/errors.js';
import type { Principal } from '../core/principal.js';
import type { FrontDoorPort } from './port.js';
import { createAgentServer } from './agent-server.js';
import { createSessionRegistry } from './sessions.js';
import { createFastPath } from './fast-path.js';
import { createModernFastPath } from './modern-fast-path.js';
import { createToolListCache } from './tool-list-cache.js';
import { checkHost, checkOrigin } from './request-guards.js';
import { checkParamHeaders } from './param-headers.js';
import { logger } from '../observability/logger.js';

export interface HttpFront {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface HttpFrontOptions {
  /** Extra routes (admin API, health) tried before 404. Return true when handled. */
  routes?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> | boolean;
  onAuthFailure?: (info: { reason: string; sourceAddress?: string; keyId?: string }) => void;
}

const jsonRpcError = (
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
) => {
  if (res.headersSent) return void res.end();
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
};

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
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
  const sessions = createSessionRegistry(30 * 60_000, (options) => createAgentServer(gw, options));
  const toolLists = createToolListCache(gw);
  const fast = createFastPath(gw, toolLists);
  const modernFast = createModernFastPath(gw, toolLists);

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
    { legacy: 'reject', maxRequestBodySize: cfg().maxBodyBytes },
  );

  gw.onToolsChanged(() => {
    // Lite sessions (no SDK face) have no GET stream open: the SDK would have had nowhere to send these.
    for (const s of sessions.all()) void s.sdk?.server.sendToolListChanged().catch(() => undefined);
    modern.notify.toolsChanged();
  });
  gw.onUpstreamNotification((n) => {
    if (n.method === 'notifications/resources/updated') {
      const uri = typeof n.params?.uri === 'string' ? n.params.uri : '';
      for (const s of sessions.all()) {
        if (s.options.subscriptions?.has(uri))
          void s.sdk?.server.notification({ method: n.method, params: { uri } }).catch(() => undefined);
      }
      modern.notify.resourceUpdated(uri);
    } else if (n.method === 'notifications/resources/list_changed') {
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
    if (hostProblem) return jsonRpcError(res, 403, -32000, hostProblem);
    const originProblem = checkOrigin(req.headers.origin, c);
    if (originProblem) return jsonRpcError(res, 403, -32000, originProblem);

    const source = req.socket.remoteAddress;
    const blockedMs = await gw.failedAuth.blockedFor(source);
    if (blockedMs > 0) {
      const seconds = String(Math.max(1, Math.ceil(blockedMs / 1000)));
      return jsonRpcError(
        res,
        429,
        errorCodes['rate.limited'].jsonrpc,
        `Too many failed attempts: retry after ${seconds} s`,
        {
          'retry-after': seconds,
        },
      );
    }
    const authn = gw.authentication();
    const auth = await authn.agents.authenticate(authRequestOf(req));
    if (auth.kind !== 'authenticated') {
      options.onAuthFailure?.({
        reason: auth.reason,
        ...(source ? { sourceAddress: source } : {}),
        ...(auth.keyId ? { keyId: auth.keyId } : {}),
      });
      const message =
        auth.reason === 'missing' ? 'Authentication required: send Authorization: Bearer <token>' : auth.description;
      return jsonRpcError(
        res,
        auth.status,
        -32001,
        message,
        auth.status === 503 ? {} : { 'www-authenticate': authn.challenge(auth, 'portcullis') },
      );
    }
    const principal = auth.principal;

    let body: unknown;
    if (req.method === 'POST') {
      const ct = req.headers['content-type'] ?? '';
      if (!/^application\/json\b/i.test(ct))
        return jsonRpcError(res, 415, -32000, 'Unsupported Media Type: Content-Type must be application/json');
      let raw: Buffer;
      try {
        raw = await readBody(req, c.maxBodyBytes);
      } catch (e) {
        if (e instanceof BodyTooLarge) {
          jsonRpcError(res, 413, -32600, `Request body exceeds ${c.maxBodyBytes} bytes`, { connection: 'close' });
          req.destroy();
          return;
        }
        throw e;
      }
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return jsonRpcError(res, 400, -32700, 'Parse error: body is not valid JSON');
      }
    } else if (req.method !== 'GET' && req.method !== 'DELETE') {
      return jsonRpcError(res, 405, -32000, 'Method not allowed', { allow: 'GET, POST, DELETE' });
    }

    const onSession = isSessionRequest(req, body);
    const legacy = onSession || (await classifyLegacy(req, body, c.maxBodyBytes));
    if (legacy) {
      const sid = req.headers['mcp-session-id'];
      if (typeof sid === 'string') {
        const s = sessions.get(sid, principal);
        if (!s) return jsonRpcError(res, 404, -32001, 'Session not found');
        carrySubjectToken(principal, s.principal);
        // Plain tools/call (and what answers the fast path's own requests) skip the SDK transport (ADR 0017).
        if (
          onSession &&
          (fast.tryRoute(s, res, body) ||
            fast.tryServe(s, req, res, body) ||
            fast.tryList(s, req, res, body) ||
            fast.tryNotify(!s.sdk && !s.hydrating, req, res, body))
        )
          return;
        return sessions.serve(s, req, res, body);
      }
      if (req.method === 'POST' && isInitialize(body)) {
        const caps = gw.sessionLimits();
        if (sessions.size() >= caps.total || sessions.countFor(principal.agent) >= caps.perAgent) {
          const which = sessions.size() >= caps.total ? `the gateway's ${caps.total}` : `this agent's ${caps.perAgent}`;
          return jsonRpcError(
            res,
            429,
            errorCodes['rate.limited'].jsonrpc,
            `Too many open sessions (${which}); close one or retry later`,
            {
              'retry-after': '60',
            },
          );
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
      return jsonRpcError(res, 400, -32000, 'Bad Request: Mcp-Session-Id header is required (send initialize first)');
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
      if (problem) {
        res.writeHead(400, { 'content-type': 'application/json' });
        return void res.end(
          JSON.stringify({
            jsonrpc: '2.0',
            id: call?.id ?? null,
            error: { code: -32020, message: `Header mismatch: ${problem}` },
          }),
        );
      }
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
    const response = await modern.fetch(webReq, { authInfo, parsedBody: body });
    await writeResponse(response, res);
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const go = async () => {
      if (url.pathname === '/mcp') return handleMcp(req, res);
      if (serveProtectedResourceMetadata(gw.authentication(), req, res, url)) return;
      if (await options.routes?.(req, res, url)) return;
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
    };
    go().catch((e: unknown) => {
      logger().error(`request failed: ${(e as Error).message}`);
      jsonRpcError(res, 500, -32603, 'Internal error');
    });
  };
  const tls = cfg().tls;
  const server: HttpServer = tls ? createHttpsServer(tlsOptions(tls, gw.baseDir()), handler) : createServer(handler);
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${tls ? 'https' : 'http'}://${shownHost}:${addr.port}/mcp`,
    port: addr.port,
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
    ...(tls.clientCa ? { ca: read(tls.clientCa), requestCert: true, rejectUnauthorized: false } : {}),
    ...(tls.crl ? { crl: read(tls.crl) } : {}),
  };
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
