import type { IncomingMessage, ServerResponse } from 'node:http';
import { authRequestOf } from '../authn/http-request.js';
import type { AuthDecision } from '../authn/index.js';
import type { Principal } from '../core/principal.js';
import type { Gateway } from '../gateway/gateway.js';
import { checkHost, checkOrigin } from '../front/request-guards.js';
import { apiDocument } from './api-document.js';
import { HttpError, sendHttpError, toHttpError } from './http-error.js';
import { JsonRequestError, parseJsonRequest } from '../core/json-shape.js';
import { handleAgentKeys } from './agent-keys.js';
import { explainTool } from './explain.js';
import { toolTargetOf } from '../backends/catalog.js';
import { matrixCsv, permissionMatrix } from '../policy/matrix.js';
import { handlePinsApi } from '../pins/rest.js';
import { allowedMethods } from './allowed-methods.js';
import type { HttpRoute } from './route.js';

export type Role = 'admin' | 'auditor' | 'approver';

/** Framework-free sub-handler: returns undefined when the path is not its own. */
export type ApiRoute = (
  url: URL,
  ctx: {
    user: string;
    roles: readonly Role[];
    /**
     * The person's groups, from their verified identity: the token's groups claim when they signed in with OAuth,
     * `users.<name>.groups` in config when they used a user API key.
     */
    groups: readonly string[];
    /** Other names the token gives the same person (its `sub` and email claims), for self-approval checks. */
    aliases: readonly string[];
    method: string;
    /** The request body parsed as JSON (at most 256 KiB); throws on anything else. */
    readJson(): Promise<unknown>;
  },
) => Promise<
  { status: number; body: unknown; contentType?: string; headers?: Readonly<Record<string, string>> } | undefined
>;

/**
 * A route group; `methods` defaults to GET only. A path the API document describes answers only the methods the
 * document lists for it (anything else: 405 with `Allow`), whatever the group's `methods`.
 */
export interface ApiRouteGroup {
  prefix: string;
  roles: readonly Role[];
  methods?: readonly string[];
  handle: ApiRoute;
}

const MAX_BODY = 256 * 1024;

export class ApiBodyError extends Error {
  override readonly name = 'ApiBodyError';
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new ApiBodyError('expected a JSON body (content-type: application/json)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new ApiBodyError(`body larger than ${MAX_BODY} bytes`);
    chunks.push(c as Buffer);
  }
  try {
    return parseJsonRequest(Buffer.concat(chunks).toString('utf8'));
  } catch (e) {
    if (e instanceof JsonRequestError && e.reason === 'shape') throw new ApiBodyError(`Invalid request: ${e.message}`);
    throw new ApiBodyError('body is not valid JSON');
  }
}

export interface AdminApiOptions {
  /** Extra route groups (audit, approvals ...), each with the roles allowed to use it. */
  routes?: ApiRouteGroup[];
  /** Called for every authenticated request (the audit log records admin actions). */
  onAction?: (info: {
    user: string;
    method: string;
    path: string;
    status: number;
    /** How the person was authenticated on this request (never a secret: the key id at most). */
    signIn: SignIn;
  }) => void;
  onAuthFailure?: (info: { reason: string; sourceAddress?: string; keyId?: string }) => void;
  /**
   * Dashboard sessions: authenticates a request without an Authorization header by its session cookie (and CSRF
   * token on state-changing methods); undefined when it carries no session.
   */
  session?: (req: IncomingMessage) => Promise<AuthDecision | undefined>;
}

/**
 * How a person reached the admin API, for `admin.action.performed`: through a dashboard session (signed in with a
 * user key or OIDC) or with a credential on the request itself (user key, OAuth bearer token, client certificate).
 */
export interface SignIn {
  via: 'dashboard-session' | 'api';
  method: 'user-key' | 'oidc' | 'oauth-token' | 'mtls' | 'stdio';
  /** The credential's id (a key id or certificate fingerprint), never its secret. */
  credentialId?: string;
}

export function signInOf(p: Principal, viaSession: boolean): SignIn {
  const method: SignIn['method'] =
    p.method === 'api-key' ? 'user-key' : p.method === 'oauth' ? (viaSession ? 'oidc' : 'oauth-token') : p.method;
  return {
    via: viaSession ? 'dashboard-session' : 'api',
    method,
    ...(p.credentialId ? { credentialId: p.credentialId } : {}),
  };
}

/**
 * Every `/api/v1` answer is a response of the dashboard's origin that a browser may be made to open (the HTML report
 * renders upstreams' tool names and descriptions): no script at all, no framing, no sniffing, no referrer. Inline
 * style only, for the report's own stylesheet.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const send = (
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', ...headers });
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
};

/**
 * `/api/v1/...`: the REST API for people (administrators, auditors, approvers). Authenticated with user keys
 * (`portcullis users create`), authorized by the roles in config; agent keys are refused. Read-only for now.
 */
/** What the REST API may ask of the gateway: read-only views, the people authenticator chain and the policy. */
export type AdminApiPort = Pick<
  Gateway,
  'config' | 'catalog' | 'backends' | 'authentication' | 'policy' | 'recordEvent' | 'pins'
> & {
  store: Pick<Gateway['store'], 'apiKeys'>;
};

export function createAdminApi(gw: AdminApiPort, options: AdminApiOptions = {}): HttpRoute {
  const builtIn: ApiRouteGroup[] = [
    {
      // Inventory with pin states, diff (admin, auditor) and accept (admin): src/pins/rest.ts.
      prefix: '/api/v1/tools',
      roles: ['admin', 'auditor'],
      methods: ['GET', 'POST'],
      handle: (url, ctx) => handlePinsApi({ catalog: gw.catalog, registry: gw.pins.registry }, url, ctx),
    },
    {
      prefix: '/api/v1/prompts',
      roles: ['admin', 'auditor'],
      methods: ['GET', 'POST'],
      handle: (url, ctx) => handlePinsApi({ catalog: gw.catalog, registry: gw.pins.registry }, url, ctx),
    },
    {
      prefix: '/api/v1/backends',
      roles: ['admin', 'auditor'],
      handle: async (url) =>
        url.pathname === '/api/v1/backends'
          ? { status: 200, body: { backends: gw.backends().map((b) => b.status()) } }
          : undefined,
    },
    {
      prefix: '/api/v1/agents',
      roles: ['admin'],
      methods: ['GET', 'POST'],
      handle: async (url, ctx) => {
        if (url.pathname !== '/api/v1/agents')
          return handleAgentKeys(
            {
              agentExists: (a) => Object.hasOwn(gw.config().config.agents, a),
              apiKeys: gw.store.apiKeys,
              recordEvent: (e) => gw.recordEvent(e),
            },
            url,
            ctx,
          );
        if (ctx.method !== 'GET') return undefined;
        const keys = await gw.store.apiKeys.listByAgent('agent');
        const agents = Object.entries(gw.config().config.agents).map(([name, a]) => ({
          name,
          description: a.description,
          tools: a.tools,
          keys: keys
            .filter((k) => k.agent === name)
            .map((k) => ({ id: k.id, createdAt: k.createdAt, revokedAt: k.revokedAt })),
        }));
        return { status: 200, body: { agents } };
      },
    },
    {
      prefix: '/api/v1/policy',
      roles: ['admin'],
      handle: async (url) => {
        if (url.pathname === '/api/v1/policy/explain') return explainTool(gw, url.searchParams);
        if (url.pathname !== '/api/v1/policy/matrix') return undefined;
        const rows = permissionMatrix(
          gw.policy(),
          Object.keys(gw.config().config.agents),
          gw.catalog().entries().map(toolTargetOf),
        );
        return url.searchParams.get('format') === 'csv'
          ? { status: 200, body: matrixCsv(rows), contentType: 'text/csv; charset=utf-8' }
          : { status: 200, body: { rows } };
      },
    },
  ];
  const routes = [...builtIn, ...(options.routes ?? [])];

  const serve = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (!url.pathname.startsWith('/api/v1/') && url.pathname !== '/api/v1') return false;
    // Set before any answer (documents, errors), so no path can leave them out.
    for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) res.setHeader(name, value);
    const server = gw.config().config.server;
    const guard = checkHost(req.headers.host, server) ?? checkOrigin(req.headers.origin, server);
    if (guard) return (sendHttpError(res, new HttpError('request.forbidden', guard)), true);
    if (url.pathname === '/api/v1/openapi.json' && req.method === 'GET') return (send(res, 200, apiDocument()), true);

    const source = req.socket.remoteAddress;
    const authn = gw.authentication();
    const fromSession = req.headers.authorization === undefined ? await options.session?.(req) : undefined;
    const auth = fromSession ?? (await authn.people.authenticate(authRequestOf(req)));
    if (auth.kind !== 'authenticated') {
      options.onAuthFailure?.({
        reason: auth.reason,
        ...(source ? { sourceAddress: source } : {}),
        ...(auth.keyId ? { keyId: auth.keyId } : {}),
      });
      const code =
        auth.reason === 'csrf'
          ? 'request.forbidden'
          : auth.status === 403
            ? 'policy.denied'
            : auth.status === 503
              ? 'auth.unavailable'
              : auth.reason === 'missing'
                ? 'auth.missing'
                : 'auth.invalid';
      const message = auth.reason === 'missing' ? 'Authentication required' : auth.description;
      sendHttpError(
        res,
        new HttpError(
          code,
          message,
          code === 'auth.unavailable' ? {} : { 'www-authenticate': authn.challenge(auth, 'portcullis-api') },
        ),
      );
      return true;
    }
    const user = auth.principal.user ?? auth.principal.agent;
    const signIn = signInOf(auth.principal, fromSession !== undefined);
    const roles = (gw.config().config.users[user]?.roles ?? []) as Role[];
    const route = routes.find((r) => url.pathname === r.prefix || url.pathname.startsWith(`${r.prefix}/`));
    const methods = allowedMethods(url.pathname) ?? route?.methods ?? ['GET'];
    const method = req.method ?? 'GET';
    if (!methods.includes(method))
      return (
        sendHttpError(res, new HttpError('request.method_not_allowed', undefined, { allow: methods.join(', ') })),
        true
      );

    let status = 404;
    try {
      if (!route) {
        sendHttpError(res, new HttpError('request.not_found'));
      } else if (!route.roles.some((r) => roles.includes(r))) {
        status = 403;
        sendHttpError(res, new HttpError('policy.denied', `Requires one of the roles: ${route.roles.join(', ')}`));
      } else {
        const p = auth.principal;
        const groups = p.method === 'oauth' ? (p.groups ?? []) : (gw.config().config.users[user]?.groups ?? []);
        const aliases =
          p.method === 'oauth'
            ? [p.claims?.sub, p.claims?.email].filter((v): v is string => typeof v === 'string')
            : [];
        const r = await route.handle(url, { user, roles, groups, aliases, method, readJson: () => readJsonBody(req) });
        status = r?.status ?? 404;
        // A 405 always says what is allowed (RFC 9110), even when a handler forgot to.
        const headers =
          r?.status === 405 && !Object.keys(r.headers ?? {}).some((h) => h.toLowerCase() === 'allow')
            ? { ...r.headers, allow: methods.join(', ') }
            : r?.headers;
        if (r) send(res, r.status, r.body, r.contentType, headers ? { ...headers } : {});
        else sendHttpError(res, new HttpError('request.not_found'));
      }
    } catch (e) {
      const err = toHttpError(e);
      status = err.status;
      sendHttpError(res, err);
    } finally {
      options.onAction?.({ user, method, path: url.pathname, status, signIn });
    }
    return true;
  };
  return { paths: () => ['/api/v1/openapi.json', ...routes.map((r) => r.prefix)], serve };
}
