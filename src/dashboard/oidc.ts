import { createHash } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { OAuthConfig } from '../authn/config-schema.js';
import { discoveryUrls } from '../authn/oauth-bearer.js';
import type { DashboardSessionRepository } from '../storage/repositories.js';
import type { DashboardOidcConfig } from './config-schema.js';
import { randomToken, sha256 } from './sessions.js';

/** How long a sign-in may stay at the identity provider before its callback. */
export const LOGIN_TTL_MS = 10 * 60_000;

export class OidcError extends Error {
  override readonly name = 'OidcError';
  constructor(
    /** Short reason for the audit record and the page (never a token or a code). */
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

interface ProviderMetadata {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  keys: JWTVerifyGetKey;
}

export interface OidcSignIn {
  /** Starts a sign-in: remembers state, nonce and PKCE verifier; returns the IdP URL and the `state`. */
  begin(redirectUri: string, returnTo: string): Promise<{ url: string; state: string }>;
  /**
   * Finishes a sign-in from the callback's parameters: the state must be one this gateway issued (once), the code is
   * exchanged with the PKCE verifier, the ID token is verified (issuer, audience = client id, signature with the
   * issuer's keys and allowed algorithms, expiry, nonce). Returns the verified claims and where to go.
   */
  complete(params: URLSearchParams, redirectUri: string): Promise<{ claims: JWTPayload; returnTo: string }>;
}

export interface OidcDeps {
  logins: Pick<DashboardSessionRepository, 'putLogin' | 'takeLogin'>;
  fetch?: typeof fetch;
  now?: () => number;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/** Fetches the issuer's OpenID metadata (checking it names the same issuer) and prepares its key set. */
async function discover(issuer: string, fetchImpl: typeof fetch): Promise<ProviderMetadata> {
  for (const url of discoveryUrls(issuer)) {
    const res = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5000) });
    if (!res.ok) continue;
    const m = (await res.json()) as Record<string, unknown>;
    if (m.issuer !== issuer) throw new Error(`metadata at ${url} names issuer ${String(m.issuer)}`);
    const { authorization_endpoint: a, token_endpoint: t, jwks_uri: j } = m;
    if (typeof a !== 'string' || typeof t !== 'string' || typeof j !== 'string')
      throw new Error(`metadata at ${url} lacks authorization_endpoint, token_endpoint or jwks_uri`);
    return {
      authorizationEndpoint: a,
      tokenEndpoint: t,
      keys: createRemoteJWKSet(new URL(j), { cooldownDuration: 30_000, timeoutDuration: 5000 }),
    };
  }
  throw new Error(`no OpenID metadata found for ${issuer}`);
}

/**
 * OpenID Connect sign-in for the dashboard (authorization code + PKCE S256, RFC 7636; state and nonce), at the
 * identity provider of `auth.oauth`. Sign-ins in progress live in the storage (`dashboard_logins`), so the callback
 * may reach any replica. Nothing the provider returns (code, tokens) is stored or logged.
 */
export function createOidcSignIn(oauth: OAuthConfig, cfg: DashboardOidcConfig, deps: OidcDeps): OidcSignIn {
  const fetchImpl = deps.fetch ?? fetch;
  const now = deps.now ?? Date.now;
  let meta: Promise<ProviderMetadata> | undefined;
  const metadata = () => {
    meta ??= discover(oauth.issuer, fetchImpl);
    // A failed discovery is retried on the next sign-in instead of being cached forever.
    meta.catch(() => (meta = undefined));
    return meta.catch((e: unknown) => {
      throw new OidcError('idp-unavailable', `The identity provider cannot be reached: ${(e as Error).message}`);
    });
  };

  return {
    async begin(redirectUri, returnTo) {
      const m = await metadata();
      const state = randomToken();
      const nonce = randomToken();
      const verifier = randomToken();
      await deps.logins.putLogin({
        stateHash: sha256(state),
        verifier,
        nonce,
        returnTo,
        expiresAt: now() + LOGIN_TTL_MS,
      });
      const url = new URL(m.authorizationEndpoint);
      for (const [k, v] of Object.entries({
        response_type: 'code',
        client_id: cfg.clientId,
        redirect_uri: redirectUri,
        scope: cfg.scopes.join(' '),
        state,
        nonce,
        code_challenge: s256(verifier),
        code_challenge_method: 'S256',
      }))
        url.searchParams.set(k, v);
      return { url: url.href, state };
    },

    async complete(params, redirectUri) {
      const error = params.get('error');
      if (error)
        throw new OidcError('idp-refused', `The identity provider refused the sign-in (${error.slice(0, 80)})`);
      const state = params.get('state');
      const code = params.get('code');
      if (!state || !code) throw new OidcError('bad-callback', 'The callback lacks state or code');
      const login = await deps.logins.takeLogin(sha256(state), now());
      if (!login) throw new OidcError('unknown-state', 'This sign-in is unknown, already used or expired');
      // RFC 9207: when the provider names itself in the response, it must be the configured issuer (mix-up attacks).
      const iss = params.get('iss');
      if (iss !== null && iss !== oauth.issuer)
        throw new OidcError('wrong-issuer', 'The response names another issuer');
      const m = await metadata();
      const form = new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: login.verifier,
        client_id: cfg.clientId,
      });
      const headers: Record<string, string> = {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      };
      if (cfg.clientSecret)
        headers.authorization = `Basic ${Buffer.from(
          `${encodeURIComponent(cfg.clientId)}:${encodeURIComponent(cfg.clientSecret)}`,
        ).toString('base64')}`;
      let body: { id_token?: unknown };
      try {
        const res = await fetchImpl(m.tokenEndpoint, {
          method: 'POST',
          headers,
          body: form,
          signal: AbortSignal.timeout(10_000),
        });
        body = (await res.json()) as { id_token?: unknown; error?: unknown };
        if (!res.ok) throw new OidcError('token-refused', `The token endpoint refused the code (${res.status})`);
      } catch (e) {
        if (e instanceof OidcError) throw e;
        throw new OidcError('idp-unavailable', `The token endpoint cannot be reached: ${(e as Error).message}`);
      }
      if (typeof body.id_token !== 'string') throw new OidcError('no-id-token', 'The provider returned no ID token');
      let claims: JWTPayload;
      try {
        ({ payload: claims } = await jwtVerify(body.id_token, m.keys, {
          issuer: oauth.issuer,
          audience: cfg.clientId,
          algorithms: oauth.algorithms,
          clockTolerance: oauth.clockSkewSeconds,
          requiredClaims: ['exp', 'iat', 'sub'],
        }));
      } catch (e) {
        throw new OidcError('bad-id-token', `The ID token does not verify: ${(e as Error).message}`);
      }
      if (claims.nonce !== login.nonce) throw new OidcError('bad-nonce', 'The ID token is not for this sign-in');
      return { claims, returnTo: login.returnTo };
    },
  };
}
