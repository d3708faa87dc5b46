import type { Principal } from '../core/principal.js';
import type { OAuthConfig } from './config-schema.js';
import { refused, type AuthOutcome } from './types.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Scopes from `scope` (RFC 9068, space-separated) or `scp` (array or string, common in other IdPs). */
export function scopesOf(claims: Record<string, unknown>): string[] {
  const s = claims.scope ?? claims.scp;
  if (typeof s === 'string') return s.split(' ').filter(Boolean);
  if (Array.isArray(s)) return s.filter((x): x is string => typeof x === 'string');
  return [];
}

/**
 * The refusal (403 insufficient_scope) of a bearer token that lacks one of `requiredScopes`, else undefined. Every
 * bearer token is held to it, the agents' at /mcp and the people's at /api/v1 alike.
 */
export function lacksRequiredScopes(claims: Record<string, unknown>, cfg: OAuthConfig): AuthOutcome | undefined {
  const scopes = scopesOf(claims);
  const missing = cfg.requiredScopes.filter((s) => !scopes.includes(s));
  if (missing.length === 0) return undefined;
  return refused(403, 'insufficient-scope', `The token lacks the scope(s): ${missing.join(' ')}`, {
    error: 'insufficient_scope',
    scope: cfg.requiredScopes.join(' '),
  });
}

/**
 * The e-mail address the claims vouch for: the configured e-mail claim, only when the IdP says it verified it
 * (`claims.emailVerified`, OpenID Connect's `email_verified: true`). At many IdPs a user types any address into
 * their own profile and the IdP signs it unverified; such an address names nobody here.
 */
export function verifiedEmailOf(claims: Record<string, unknown>, cfg: OAuthConfig): string | undefined {
  const email = str(claims[cfg.claims.email]);
  if (email === undefined) return undefined;
  const flag = cfg.claims.emailVerified;
  return flag === false || claims[flag] === true ? email : undefined;
}

/** Whether the configured user claim is an e-mail claim (`claims.user: email`, or the configured `claims.email`). */
const userIsEmail = (cfg: OAuthConfig) => cfg.claims.user === cfg.claims.email || cfg.claims.user === 'email';

/**
 * The user the claims name: the configured user claim (`sub` by default). When that is the e-mail claim, it names
 * a person only as `verifiedEmailOf` allows, the same rule as everywhere an e-mail names someone; `unverified` then
 * says an address was there but the IdP did not vouch for it.
 */
export function userClaimOf(
  claims: Record<string, unknown>,
  cfg: OAuthConfig,
): { user?: string; unverified?: boolean } {
  const raw = str(claims[cfg.claims.user]);
  if (raw === undefined || !userIsEmail(cfg)) return raw !== undefined ? { user: raw } : {};
  const flag = cfg.claims.emailVerified;
  return flag === false || claims[flag] === true ? { user: raw } : { unverified: true };
}

/**
 * The claims as the rest of the gateway sees them: `email` is the verified address (`verifiedEmailOf`) or absent.
 * Everything that reads `claims.email` — the requester binding of held calls, the names of a person deciding, CEL
 * conditions, on-behalf-of headers to OpenAPI backends — thus follows one rule: an unverified address names nobody.
 */
export function vouchedClaims(claims: Record<string, unknown>, cfg: OAuthConfig): Record<string, unknown> {
  const { email: _raw, ...rest } = claims;
  const email = verifiedEmailOf(claims, cfg);
  return { ...rest, ...(email !== undefined ? { email } : {}) };
}

/**
 * Turns verified token claims into a principal. The agent is the OAuth client (`client_id`, else `azp`) mapped
 * through `oauth.clients` (else `defaultAgent`); the user is `sub` when it names someone other than the client
 * (in client-credentials tokens `sub` is the client itself), with email and groups from the configured claims.
 */
export function principalFromClaims(
  claims: Record<string, unknown>,
  cfg: OAuthConfig,
  agentExists: (agent: string) => boolean,
): AuthOutcome {
  const clientId = cfg.claims.agent.map((c) => str(claims[c])).find((v) => v !== undefined);
  const agent = (clientId !== undefined ? cfg.clients[clientId] : undefined) ?? cfg.defaultAgent;
  if (!agent || !agentExists(agent)) {
    return refused(403, 'client-not-mapped', 'The token is valid but its client is not an agent of this gateway');
  }
  const lacking = lacksRequiredScopes(claims, cfg);
  if (lacking) return lacking;
  const scopes = scopesOf(claims);
  const named = userClaimOf(claims, cfg);
  if (named.unverified)
    return refused(
      403,
      'user-email-unverified',
      `The token names its user by e-mail (auth.oauth.claims.user: ${cfg.claims.user}) but the identity provider has not verified it`,
    );
  const sub = named.user;
  const user = sub !== undefined && sub !== clientId ? sub : undefined;
  const g = claims[cfg.claims.groups];
  const groups = Array.isArray(g) ? g.filter((x): x is string => typeof x === 'string') : str(g) ? [g as string] : [];
  const jti = str(claims.jti);
  const principal: Principal = {
    agent,
    method: 'oauth',
    ...(user !== undefined ? { user } : {}),
    ...(user !== undefined && groups.length > 0 ? { groups } : {}),
    claims: vouchedClaims(claims, cfg),
    scopes,
    ...(jti !== undefined ? { credentialId: jti } : {}),
    ...expiryOf(claims),
  };
  return { kind: 'authenticated', principal };
}

/**
 * For the REST API: the person is the configured user whose name, or one of whose `identities`, equals the token's
 * user claim (`sub`) or its verified email claim; anyone else is refused (403), whatever the token says about them otherwise.
 */
export function personFromClaims(
  claims: Record<string, unknown>,
  cfg: OAuthConfig,
  userOf: (identifier: string) => string | undefined,
): AuthOutcome {
  const candidates = [userClaimOf(claims, cfg).user, verifiedEmailOf(claims, cfg)];
  const user = candidates.map((c) => (c !== undefined ? userOf(c) : undefined)).find((u) => u !== undefined);
  if (!user) return refused(403, 'not-a-user', 'The token is valid but names no user of this gateway');
  const jti = str(claims.jti);
  const g = claims[cfg.claims.groups];
  const groups = Array.isArray(g) ? g.filter((x): x is string => typeof x === 'string') : str(g) ? [g as string] : [];
  return {
    kind: 'authenticated',
    principal: {
      agent: user,
      user,
      ...(groups.length > 0 ? { groups } : {}),
      method: 'oauth',
      claims: vouchedClaims(claims, cfg),
      scopes: scopesOf(claims),
      ...(jti !== undefined ? { credentialId: jti } : {}),
      ...expiryOf(claims),
    },
  };
}

/** The token's `exp` as the principal's `expiresAt` (verification already refused a token without one or past it). */
export function expiryOf(claims: Record<string, unknown>): { expiresAt?: number } {
  return typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? { expiresAt: claims.exp * 1000 } : {};
}
