import type { IncomingMessage, ServerResponse } from 'node:http';
import { authRequestOf } from '../authn/http-request.js';
import type { Gateway } from '../gateway/gateway.js';
import { checkHost, checkOrigin } from '../front/request-guards.js';
import { apiDocument } from './api-document.js';

export type Role = 'admin' | 'auditor' | 'approver';

/** Framework-free sub-handler: returns undefined when the path is not its own. */
export type ApiRoute = (
  url: URL,
  ctx: { user: string; roles: readonly Role[] },
) => Promise<{ status: number; body: unknown; contentType?: string } | undefined>;

export interface AdminApiOptions {
  /** Extra route groups (audit, approvals ...), each with the roles allowed to use it. */
  routes?: { prefix: string; roles: readonly Role[]; handle: ApiRoute }[];
  /** Called for every authenticated request (the audit log records admin actions). */
  onAction?: (info: { user: string; method: string; path: string; status: number }) => void;
  onAuthFailure?: (info: { reason: string; sourceAddress?: string; keyId?: string }) => void;
}

const send = (
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

/**
 * `/api/v1/...`: the REST API for people (administrators, auditors, approvers). Authenticated with user keys
 * (`portcullis users create`), authorized by the roles in config; agent keys are refused. Read-only for now.
 */
export function createAdminApi(gw: Gateway, options: AdminApiOptions = {}) {
  const builtIn: { prefix: string; roles: readonly Role[]; handle: ApiRoute }[] = [
    {
      prefix: '/api/v1/tools',
      roles: ['admin', 'auditor'],
      handle: async (url) =>
        url.pathname === '/api/v1/tools'
          ? {
              status: 200,
              body: {
                tools: gw
                  .catalog()
                  .entries()
                  .map((e) => ({
                    name: e.name,
                    backend: e.backend.name,
                    source: e.source,
                    annotations: e.definition.annotations,
                    meta: e.definition._meta,
                  })),
              },
            }
          : undefined,
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
      handle: async (url) => {
        if (url.pathname !== '/api/v1/agents') return undefined;
        const keys = gw.store.apiKeys.listByAgent('agent');
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
  ];
  const routes = [...builtIn, ...(options.routes ?? [])];

  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (!url.pathname.startsWith('/api/v1/') && url.pathname !== '/api/v1') return false;
    const server = gw.config().config.server;
    const guard = checkHost(req.headers.host, server) ?? checkOrigin(req.headers.origin, server);
    if (guard) return (send(res, 403, { error: { code: 'request.forbidden', message: guard } }), true);
    if (url.pathname === '/api/v1/openapi.json' && req.method === 'GET') return (send(res, 200, apiDocument()), true);

    const source = req.socket.remoteAddress;
    const authn = gw.authentication();
    const auth = await authn.people.authenticate(authRequestOf(req));
    if (auth.kind !== 'authenticated') {
      options.onAuthFailure?.({
        reason: auth.reason,
        ...(source ? { sourceAddress: source } : {}),
        ...(auth.keyId ? { keyId: auth.keyId } : {}),
      });
      const code =
        auth.status === 403
          ? 'policy.denied'
          : auth.status === 503
            ? 'auth.unavailable'
            : auth.reason === 'missing'
              ? 'auth.missing'
              : 'auth.invalid';
      const message = auth.reason === 'missing' ? 'Authentication required' : auth.description;
      send(
        res,
        auth.status,
        { error: { code, message } },
        'application/json',
        auth.status === 503 ? {} : { 'www-authenticate': authn.challenge(auth, 'portcullis-api') },
      );
      return true;
    }
    const user = auth.principal.user ?? auth.principal.agent;
    const roles = (gw.config().config.users[user]?.roles ?? []) as Role[];
    if (req.method !== 'GET')
      return (
        send(res, 405, { error: { code: 'request.invalid', message: 'Method not allowed' } }, 'application/json', {
          allow: 'GET',
        }),
        true
      );

    const route = routes.find((r) => url.pathname === r.prefix || url.pathname.startsWith(`${r.prefix}/`));
    let status = 404;
    try {
      if (!route) {
        send(res, 404, { error: { code: 'request.invalid', message: 'Not found' } });
      } else if (!route.roles.some((r) => roles.includes(r))) {
        status = 403;
        send(res, 403, {
          error: { code: 'policy.denied', message: `Requires one of the roles: ${route.roles.join(', ')}` },
        });
      } else {
        const r = await route.handle(url, { user, roles });
        status = r?.status ?? 404;
        if (r) send(res, r.status, r.body, r.contentType);
        else send(res, 404, { error: { code: 'request.invalid', message: 'Not found' } });
      }
    } finally {
      options.onAction?.({ user, method: req.method ?? 'GET', path: url.pathname, status });
    }
    return true;
  };
}
