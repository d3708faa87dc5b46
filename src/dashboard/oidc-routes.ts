import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { TLSSocket } from 'node:tls';
import { personFromClaims } from '../authn/oauth-claims.js';
import type { PortcullisConfig } from '../config/config.js';
import { HttpError } from '../http/http-error.js';
import { clearedOidcCookie, cookieOf, OIDC_COOKIE, oidcCookie, sessionCookie } from './cookies.js';
import { createOidcSignIn, LOGIN_TTL_MS, OidcError, type OidcSignIn } from './oidc.js';
import type { NewSession } from './sessions.js';
import { SECURITY_HEADERS } from './static.js';
import type { DashboardSessionRepository } from '../storage/repositories.js';

export interface OidcRoutesDeps {
  config: () => PortcullisConfig;
  logins: Pick<DashboardSessionRepository, 'putLogin' | 'takeLogin'>;
  /** Opens a session for a person the identity provider vouched for; returns the cookie value. */
  openSession(s: NewSession, sourceAddress: string | undefined): Promise<string>;
  sessionMaxAgeSeconds: () => number;
  blockedFor(source: string | undefined): Promise<number>;
  onAuthFailure?: (info: { reason: string; sourceAddress?: string }) => void;
  fetch?: typeof fetch;
}

export interface OidcRoutes {
  /** Whether OIDC sign-in is configured (the sign-in page offers it). */
  enabled(): boolean;
  /** `GET /auth/oidc/login` and `GET /auth/oidc/callback`; false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

const RETURN_TO = /^#\/[a-z-]{0,32}$/;

const redirect = (res: ServerResponse, location: string, cookies: string[] = []) => {
  res.writeHead(303, { ...SECURITY_HEADERS, location, 'cache-control': 'no-store', 'set-cookie': cookies });
  res.end();
};

const sameValue = (a: string | undefined, b: string) =>
  a !== undefined && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The HTTP side of OIDC sign-in: `/auth/oidc/login` remembers the sign-in (state, nonce, PKCE verifier) and sends
 * the browser to the identity provider; `/auth/oidc/callback` checks the browser is the one that started it,
 * exchanges the code, verifies the ID token, maps it to a configured user (by `sub` or email, as the REST API does)
 * with a role, opens a session and returns to the page. Failures go back to the sign-in page with a short reason.
 */
export function createOidcRoutes(deps: OidcRoutesDeps): OidcRoutes {
  let built: { key: unknown[]; signIn: OidcSignIn } | undefined;
  const signIn = (): OidcSignIn | undefined => {
    const c = deps.config();
    const { oidc } = c.dashboard;
    const { oauth } = c.auth;
    if (!oidc || !oauth) return undefined;
    // Rebuilt when a reload changes the provider or the client (discovery and keys are cached per build).
    if (!built || built.key[0] !== oidc || built.key[1] !== oauth)
      built = {
        key: [oidc, oauth],
        signIn: createOidcSignIn(oauth, oidc, { logins: deps.logins, ...(deps.fetch ? { fetch: deps.fetch } : {}) }),
      };
    return built.signIn;
  };
  const redirectUri = (req: IncomingMessage) =>
    deps.config().dashboard.oidc?.redirectUri ??
    `${req.socket instanceof TLSSocket ? 'https' : 'http'}://${req.headers.host}/auth/oidc/callback`;

  const fail = (req: IncomingMessage, res: ServerResponse, e: unknown) => {
    const reason = e instanceof OidcError ? e.reason : 'sign-in-failed';
    const source = req.socket.remoteAddress;
    deps.onAuthFailure?.({ reason: `oidc-${reason}`, ...(source ? { sourceAddress: source } : {}) });
    redirect(res, `/#signin-error=${encodeURIComponent(reason)}`, [clearedOidcCookie()]);
  };

  return {
    enabled: () => signIn() !== undefined,
    async handle(req, res, url) {
      if (url.pathname !== '/auth/oidc/login' && url.pathname !== '/auth/oidc/callback') return false;
      if (req.method !== 'GET') throw new HttpError('request.method_not_allowed', undefined, { allow: 'GET' });
      const oidc = signIn();
      if (!oidc) throw new HttpError('request.not_found', 'OIDC sign-in is not configured (dashboard.oidc)');
      const source = req.socket.remoteAddress;
      if ((await deps.blockedFor(source)) > 0) return (fail(req, res, new OidcError('throttled', 'throttled')), true);
      try {
        if (url.pathname === '/auth/oidc/login') {
          const back = url.searchParams.get('returnTo') ?? '';
          const { url: to, state } = await oidc.begin(redirectUri(req), RETURN_TO.test(back) ? `/${back}` : '/');
          redirect(res, to, [oidcCookie(state, LOGIN_TTL_MS / 1000)]);
          return true;
        }
        const state = url.searchParams.get('state') ?? '';
        if (!url.searchParams.get('error') && !sameValue(cookieOf(req.headers.cookie, OIDC_COOKIE), state))
          throw new OidcError('state-not-bound', 'This sign-in was started in another browser');
        const { claims, returnTo } = await oidc.complete(url.searchParams, redirectUri(req));
        const c = deps.config();
        // The same mapping as bearer tokens on the REST API: a user's name, or one listing it under identities.
        const userOf = (id: string) =>
          Object.hasOwn(c.users, id) ? id : Object.entries(c.users).find(([, u]) => u.identities.includes(id))?.[0];
        const who = personFromClaims(claims, c.auth.oauth!, userOf);
        if (who.kind !== 'authenticated')
          throw new OidcError('not-a-user', 'The identity names no user of this gateway');
        const user = who.principal.user!;
        if ((c.users[user]?.roles ?? []).length === 0) throw new OidcError('no-role', `"${user}" has no role`);
        const email = who.principal.claims?.email; // verified, or absent (vouchedClaims)
        const id = await deps.openSession(
          {
            user,
            method: 'oidc',
            ...(claims.sub ? { subject: claims.sub } : {}),
            ...(typeof email === 'string' ? { email } : {}),
            ...(who.principal.groups ? { groups: [...who.principal.groups] } : {}),
          },
          source,
        );
        redirect(res, returnTo, [sessionCookie(id, deps.sessionMaxAgeSeconds()), clearedOidcCookie()]);
      } catch (e) {
        fail(req, res, e);
      }
      return true;
    },
  };
}
