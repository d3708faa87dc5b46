import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthDecision } from '../authn/index.js';
import { authRequestOf } from '../authn/http-request.js';
import { checkHost } from '../front/request-guards.js';
import type { Gateway } from '../gateway/gateway.js';
import { HttpError, sendHttpError } from '../http/http-error.js';
import { JsonRequestError, parseJsonRequest } from '../core/json-shape.js';
import { cookieOf, sessionCookie, clearedSessionCookie, SESSION_COOKIE } from './cookies.js';
import { checkSameOrigin } from './origin.js';
import { createOidcRoutes } from './oidc-routes.js';
import { createSessionStore, type NewSession, type SessionStore, type SessionStoreOptions } from './sessions.js';
import { createStaticSite, SECURITY_HEADERS, type StaticSite } from './static.js';

/** What the dashboard needs of the gateway: config (users, server), the people chain, keys, audit, the guard. */
export type DashboardPort = Pick<Gateway, 'config' | 'authentication' | 'recordEvent'> & {
  store: Pick<Gateway['store'], 'apiKeys' | 'dashboardSessions'>;
  limits: { failedAuth: Pick<Gateway['limits']['failedAuth'], 'blockedFor'> };
};

export interface DashboardOptions {
  /** Directory of the built dashboard (default: dist/web next to this module). */
  webDir?: string;
  /** Session lifetimes (default: `dashboard.sessions` of the config at start). */
  sessions?: SessionStoreOptions;
  /** For OIDC discovery and the token endpoint (tests). */
  fetch?: typeof fetch;
  /** A failed sign-in (counted against the source's failed-authentication budget, recorded). */
  onAuthFailure?: (info: { reason: string; sourceAddress?: string; keyId?: string }) => void;
}

export interface Dashboard {
  /** Serves the dashboard files, `/auth/session` and `/auth/oidc/*`; false when the path is not the dashboard's. */
  serve(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  /** The paths `serve` answers: every file of the built dashboard and the sign-in endpoints. */
  paths(): readonly string[];
  /**
   * Authenticates a REST request by its session cookie (undefined when it carries none). State-changing methods
   * must also carry the session's CSRF token in `x-csrf-token`, or they are refused (403 `csrf`).
   */
  authenticate(req: IncomingMessage): Promise<AuthDecision | undefined>;
  readonly sessions: SessionStore;
  readonly site: StaticSite;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);
const MAX_SIGNIN_BODY = 4096;

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify(body));
};

async function readSmallJson(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError('request.invalid', 'Expected a JSON body');
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_SIGNIN_BODY) throw new HttpError('request.invalid', 'Body too large');
    chunks.push(c as Buffer);
  }
  try {
    return parseJsonRequest(Buffer.concat(chunks).toString('utf8'));
  } catch (e) {
    if (e instanceof JsonRequestError && e.reason === 'shape')
      throw new HttpError('request.invalid', `Invalid request: ${e.message}`);
    throw new HttpError('request.invalid', 'Body is not valid JSON');
  }
}

/**
 * The web dashboard: static files at `/` (strict CSP), and sessions for people at `/auth/session` — sign in with
 * a user API key (POST), who am I + CSRF token (GET), sign out (DELETE) — and OIDC sign-in at `/auth/oidc/*`. The
 * REST API accepts the session cookie through `authenticate`; every session is re-checked on each request (the
 * person still configured, their key not rotated or revoked), so changing either ends it.
 */
export function createDashboard(gw: DashboardPort, options: DashboardOptions = {}): Dashboard {
  const lifetimes = gw.config().config.dashboard.sessions;
  const sessionOptions: SessionStoreOptions = {
    ttlMs: lifetimes.maxHours * 3600_000,
    idleMs: lifetimes.idleMinutes * 60_000,
    ...options.sessions,
  };
  const sessions = createSessionStore(gw.store.dashboardSessions, sessionOptions);
  const site = createStaticSite(options.webDir);
  const ttlSeconds = Math.floor(sessionOptions.ttlMs! / 1000);
  const rolesOf = (user: string): string[] => [...(gw.config().config.users[user]?.roles ?? [])];

  /** Opens a session and records who signed in, how, and from where. */
  const openSession = async (s: NewSession, source: string | undefined) => {
    const { id, csrf } = await sessions.create(s);
    gw.recordEvent({
      type: 'session.started',
      user: s.user,
      ...(source ? { sourceAddress: source } : {}),
      detail: {
        method: s.method,
        ...(s.credentialId ? { keyId: s.credentialId } : {}),
        ...(s.subject ? { subject: s.subject } : {}),
      },
    });
    return { id, csrf };
  };
  const oidc = createOidcRoutes({
    config: () => gw.config().config,
    logins: gw.store.dashboardSessions,
    openSession: async (s, source) => (await openSession(s, source)).id,
    sessionMaxAgeSeconds: () => ttlSeconds,
    blockedFor: async (source) => gw.limits.failedAuth.blockedFor(source),
    ...(options.onAuthFailure ? { onAuthFailure: options.onAuthFailure } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  /** The live session of a request, still backed by a valid credential; ends it otherwise. */
  const liveSession = async (req: IncomingMessage) => {
    const id = cookieOf(req.headers.cookie, SESSION_COOKIE);
    if (!id) return undefined;
    const s = await sessions.get(id);
    if (!s) return { id, session: undefined };
    let valid = Object.hasOwn(gw.config().config.users, s.user);
    if (valid && s.credentialId) {
      const key = await gw.store.apiKeys.findById(s.credentialId);
      valid = key !== undefined && key.kind === 'user' && key.agent === s.user && !key.revokedAt;
    }
    if (!valid) {
      await sessions.delete(id);
      gw.recordEvent({ type: 'session.ended', user: s.user, detail: { reason: 'credential no longer valid' } });
      return { id, session: undefined };
    }
    return { id, session: s };
  };

  const signIn = async (req: IncomingMessage, res: ServerResponse) => {
    const source = req.socket.remoteAddress;
    const originProblem = checkSameOrigin(req, gw.config().config.server);
    if (originProblem) throw new HttpError('request.forbidden', originProblem);
    const blockedMs = await gw.limits.failedAuth.blockedFor(source);
    if (blockedMs > 0)
      throw new HttpError('rate.limited', 'Too many failed sign-ins from this address', {
        'retry-after': String(Math.ceil(blockedMs / 1000)),
      });
    const body = await readSmallJson(req);
    const key = (body as { key?: unknown } | null)?.key;
    if (typeof key !== 'string' || !key.startsWith('pcl_') || key.length > 200)
      throw new HttpError('request.invalid', 'Give a user API key (pcl_...)');
    const auth = await gw.authentication().people.authenticate({
      ...authRequestOf(req),
      authorization: `Bearer ${key}`,
    });
    if (auth.kind !== 'authenticated') {
      options.onAuthFailure?.({
        reason: auth.reason,
        ...(source ? { sourceAddress: source } : {}),
        ...(auth.keyId ? { keyId: auth.keyId } : {}),
      });
      throw new HttpError(auth.status === 503 ? 'auth.unavailable' : 'auth.invalid', 'Sign-in refused');
    }
    const user = auth.principal.user ?? auth.principal.agent;
    const roles = rolesOf(user);
    if (roles.length === 0) throw new HttpError('policy.denied', `"${user}" has no role (users.${user}.roles)`);
    const credentialId = auth.principal.credentialId;
    const { id, csrf } = await openSession(
      { user, method: 'api-key', ...(credentialId ? { credentialId } : {}) },
      source,
    );
    json(res, 200, { signedIn: true, user, roles, csrfToken: csrf }, { 'set-cookie': sessionCookie(id, ttlSeconds) });
  };

  const sessionEndpoint = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    if (method === 'POST') return signIn(req, res);
    if (method !== 'GET' && method !== 'DELETE')
      throw new HttpError('request.method_not_allowed', undefined, { allow: 'GET, POST, DELETE' });
    const live = await liveSession(req);
    if (!live?.session) {
      if (method === 'DELETE') return json(res, 200, { signedOut: true }, { 'set-cookie': clearedSessionCookie() });
      // Not an error for the page: it shows the sign-in form (and the single sign-on button when configured).
      const body = { signedIn: false, ...(oidc.enabled() ? { oidc: true } : {}) };
      return json(res, 200, body, live ? { 'set-cookie': clearedSessionCookie() } : {});
    }
    if (method === 'GET')
      return json(res, 200, {
        signedIn: true,
        user: live.session.user,
        roles: rolesOf(live.session.user),
        method: live.session.method,
        csrfToken: sessions.csrfFor(live.id),
      });
    if (!sessions.checkCsrf(live.id, header(req, 'x-csrf-token')))
      throw new HttpError('request.forbidden', 'Missing or wrong CSRF token');
    await sessions.delete(live.id);
    gw.recordEvent({ type: 'session.ended', user: live.session.user, detail: { reason: 'signed out' } });
    json(res, 200, { signedOut: true }, { 'set-cookie': clearedSessionCookie() });
  };

  return {
    sessions,
    site,
    paths: () => [...new Set(['/', ...site.paths(), '/auth/session', '/auth/oidc/login', '/auth/oidc/callback'])],
    async serve(req, res, url) {
      const isSession = url.pathname === '/auth/session' || url.pathname.startsWith('/auth/oidc/');
      if (url.pathname === '/' && !site.built) {
        res.writeHead(503, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
        return (res.end('The dashboard was not built: run `npm run build` (it writes dist/web).\n'), true);
      }
      if (!isSession && !site.has(url.pathname)) return false;
      const guard = checkHost(req.headers.host, gw.config().config.server);
      if (guard) return (sendHttpError(res, new HttpError('request.forbidden', guard)), true);
      if (!isSession) {
        if (!site.serve(req.method ?? 'GET', url.pathname, res))
          sendHttpError(res, new HttpError('request.method_not_allowed', undefined, { allow: 'GET, HEAD' }));
        return true;
      }
      try {
        if (!(await oidc.handle(req, res, url))) await sessionEndpoint(req, res);
      } catch (e) {
        sendHttpError(res, e);
      }
      return true;
    },
    async authenticate(req) {
      const live = await liveSession(req);
      if (!live) return undefined;
      if (!live.session)
        return { kind: 'refused', status: 401, reason: 'session-expired', description: 'Session expired' };
      const method = req.method ?? 'GET';
      if (!SAFE_METHODS.has(method) && !sessions.checkCsrf(live.id, header(req, 'x-csrf-token')))
        return { kind: 'refused', status: 403, reason: 'csrf', description: 'Missing or wrong CSRF token' };
      const s = live.session;
      return {
        kind: 'authenticated',
        principal: {
          agent: s.user,
          user: s.user,
          method: s.method === 'oidc' ? 'oauth' : 'api-key',
          ...(s.credentialId ? { credentialId: s.credentialId } : {}),
          // What the identity provider vouched for at sign-in: groups (approval rules) and the names it gave.
          ...(s.method === 'oidc'
            ? {
                groups: s.groups ?? [],
                claims: { ...(s.subject ? { sub: s.subject } : {}), ...(s.email ? { email: s.email } : {}) },
              }
            : {}),
        },
      };
    },
  };
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};
