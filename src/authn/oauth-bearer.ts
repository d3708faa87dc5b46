import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { bearerToken } from './api-key.js';
import type { OAuthConfig } from './config-schema.js';
import { createIntrospector } from './oauth-introspection.js';
import { rememberSubjectToken } from './subject-tokens.js';
import { refused, type AuthOutcome, type Authenticator } from './types.js';

export interface OAuthBearerDeps {
  /** Who the verified claims are: an agent (MCP, the default) or a person (REST API). */
  toPrincipal: (claims: Record<string, unknown>) => AuthOutcome;
  fetch?: typeof fetch;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** RFC 8414 and OpenID Connect discovery locations for an issuer (path-aware). */
export function discoveryUrls(issuer: string): string[] {
  const u = new URL(issuer);
  const path = u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '');
  return [
    `${u.origin}/.well-known/oauth-authorization-server${path}`,
    `${u.origin}/.well-known/openid-configuration${path}`,
    `${u.origin}${path}/.well-known/openid-configuration`,
  ];
}

/** Finds the issuer's `jwks_uri` from its metadata, checking the metadata names the same issuer. */
async function discoverJwksUri(issuer: string, fetchImpl: typeof fetch): Promise<URL> {
  for (const url of discoveryUrls(issuer)) {
    const res = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5000) });
    if (!res.ok) continue;
    const meta = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (meta.issuer !== issuer) throw new Error(`metadata at ${url} names issuer ${String(meta.issuer)}`);
    if (typeof meta.jwks_uri !== 'string') throw new Error(`metadata at ${url} has no jwks_uri`);
    return new URL(meta.jwks_uri);
  }
  throw new Error(`no authorization server metadata found for ${issuer}`);
}

/** Maps a verification failure to a refusal by jose's stable error codes (never by message text). */
function refusalOf(e: unknown): AuthOutcome {
  const invalid = (reason: string, description: string) =>
    refused(401, reason, description, { error: 'invalid_token' });
  if (e instanceof errors.JWTExpired) return invalid('expired', 'The token has expired');
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'nbf') return invalid('not-yet-valid', 'The token is not yet valid');
    if (e.claim === 'iss') return invalid('wrong-issuer', 'The token was issued by another authorization server');
    if (e.claim === 'aud') return invalid('wrong-audience', 'The token was issued for another resource');
    return invalid(`bad-claim-${e.claim}`, `The token's "${e.claim}" claim is not acceptable`);
  }
  if (e instanceof errors.JOSEAlgNotAllowed)
    return invalid('alg-not-allowed', 'The token is signed with an algorithm this gateway does not accept');
  if (e instanceof errors.JWSSignatureVerificationFailed)
    return invalid('bad-signature', 'The token signature is invalid');
  if (e instanceof errors.JWKSNoMatchingKey) return invalid('unknown-key', 'The token is signed with an unknown key');
  if (e instanceof errors.JWKSTimeout || e instanceof errors.JWKSInvalid)
    return refused(503, 'jwks-unavailable', 'The authorization server keys are unavailable; try again later');
  if (e instanceof errors.JOSEError) return invalid('malformed', 'The token is malformed');
  return refused(503, 'verification-failed', 'The token could not be verified; try again later');
}

/**
 * OAuth 2.1 resource server (MCP authorization spec): bearer JWTs verified against the issuer's JWKS (fetched once,
 * cached, refetched when a token names an unknown key id, so key rotation needs no restart), with `iss`, `aud`
 * (RFC 8707 resource), `exp`/`nbf` within the configured skew and only the configured asymmetric algorithms.
 * Opaque tokens go to RFC 7662 introspection when configured. Every bearer token that is not an API key is ours.
 */
export function oauthBearerAuthenticator(cfg: OAuthConfig, deps: OAuthBearerDeps): Authenticator {
  const fetchImpl = deps.fetch ?? fetch;
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const keySet = (): Promise<JWTVerifyGetKey> => {
    keys ??= (cfg.jwksUri ? Promise.resolve(new URL(cfg.jwksUri)) : discoverJwksUri(cfg.issuer, fetchImpl)).then(
      // cacheMaxAge bounds how long a key the IdP withdrew stays trusted (jose refetches the set on the first token
      // after it); the cooldown bounds refetches caused by tokens naming unknown key ids.
      (url) =>
        createRemoteJWKSet(url, {
          cooldownDuration: Math.min(30_000, cfg.jwksMaxAgeSeconds * 1000),
          cacheMaxAge: cfg.jwksMaxAgeSeconds * 1000,
          timeoutDuration: 5000,
        }),
    );
    // A failed discovery is retried on the next request instead of being cached forever.
    keys.catch(() => (keys = undefined));
    return keys;
  };
  const introspect = cfg.introspection ? createIntrospector(cfg.introspection, fetchImpl) : undefined;
  const skewMs = cfg.clockSkewSeconds * 1000;

  async function viaIntrospection(token: string): Promise<AuthOutcome> {
    if (!introspect)
      return refused(401, 'opaque-token', 'The token is not a JWT and introspection is not configured', {
        error: 'invalid_token',
      });
    let r;
    try {
      r = await introspect(token);
    } catch {
      return refused(503, 'introspection-unavailable', 'The token could not be checked; try again later');
    }
    if (!r.active) return refused(401, 'inactive', 'The token is not active', { error: 'invalid_token' });
    const c = r.claims;
    const now = Date.now();
    if (c.iss !== undefined && c.iss !== cfg.issuer)
      return refused(401, 'wrong-issuer', 'The token was issued by another authorization server', {
        error: 'invalid_token',
      });
    const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
    if (!aud.some((a) => typeof a === 'string' && cfg.audience.includes(a)))
      return refused(401, 'wrong-audience', 'The token was issued for another resource', { error: 'invalid_token' });
    if (typeof c.exp === 'number' && c.exp * 1000 + skewMs <= now)
      return refused(401, 'expired', 'The token has expired', { error: 'invalid_token' });
    if (typeof c.nbf === 'number' && c.nbf * 1000 - skewMs > now)
      return refused(401, 'not-yet-valid', 'The token is not yet valid', { error: 'invalid_token' });
    return deps.toPrincipal(c);
  }

  return {
    id: 'oauth',
    async authenticate(req) {
      const token = bearerToken(req.authorization);
      if (!token || token.startsWith('pcl_')) return { kind: 'not-mine' };
      const outcome = await verify(token);
      // Kept beside the principal (never in it) for RFC 8693 token exchange towards HTTP backends.
      if (outcome.kind === 'authenticated') rememberSubjectToken(outcome.principal, token);
      return outcome;
    },
  };

  async function verify(token: string): Promise<AuthOutcome> {
    if (!JWT_SHAPE.test(token)) return viaIntrospection(token);
    let getKey: JWTVerifyGetKey;
    try {
      getKey = await keySet();
    } catch {
      return refused(503, 'jwks-unavailable', 'The authorization server keys are unavailable; try again later');
    }
    try {
      const { payload } = await jwtVerify(token, getKey, {
        issuer: cfg.issuer,
        audience: cfg.audience,
        algorithms: [...cfg.algorithms],
        clockTolerance: cfg.clockSkewSeconds,
        requiredClaims: ['exp'],
      });
      return deps.toPrincipal(payload);
    } catch (e) {
      return refusalOf(e);
    }
  }
}
