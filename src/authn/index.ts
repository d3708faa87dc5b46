import type { PortcullisConfig } from '../config/config.js';
import { apiKeyAuthenticator, createApiKeyAuthenticator } from './api-key.js';
import { createAuthChain } from './chain.js';
import { challengeHeader, resourceMetadataUrl } from './challenge.js';
import { mtlsAuthenticator } from './mtls.js';
import { oauthBearerAuthenticator } from './oauth-bearer.js';
import { lacksRequiredScopes, personFromClaims, principalFromClaims } from './oauth-claims.js';
import type { AuthChain, AuthRefusal, Authenticator } from './types.js';
import type { ApiKeyRecord, ApiKeyRepository } from '../storage/repositories.js';
import type { Principal } from '../core/principal.js';

export type { AuthChain, AuthDecision, AuthOutcome, AuthRefusal, AuthRequest, Authenticator } from './types.js';
export { bearerToken } from './api-key.js';

export interface Authentication {
  /** Agents at the MCP front door: mTLS, then API keys, then OAuth bearer tokens. */
  agents: AuthChain;
  /** People at the REST API: user API keys, then OAuth bearer tokens naming a configured user. */
  people: AuthChain;
  /** `WWW-Authenticate` for a 401/403 (undefined refusal: the plain challenge). */
  challenge(refusal: AuthRefusal | undefined, realm: string): string;
  /** RFC 9728 Protected Resource Metadata, when OAuth is configured. */
  resourceMetadata?: { path: string; document: Record<string, unknown> };
  /**
   * Whether the credential an agent authenticated with still holds now, for what outlives the request it came with
   * (listen streams, a session's notifications): undefined when it does, else why not. Checked: its expiry (token
   * `exp`, certificate notAfter), an API key revoked or deleted, an agent removed from config. Not re-checked: what
   * only the identity provider knows (a token's groups hold until it expires; introspection is not repeated).
   */
  credentialLapsed(principal: Principal, now?: number): string | undefined | Promise<string | undefined>;
}

export interface AuthenticationDeps {
  apiKeys: Pick<ApiKeyRepository, 'findById' | 'cachedById'>;
  fetch?: typeof fetch;
}

/** Builds the authenticator chains from config (rebuilt on reload; JWKS caches live as long as the config). */
export function createAuthentication(config: PortcullisConfig, deps: AuthenticationDeps): Authentication {
  const { auth } = config;
  const agentExists = (a: string) => Object.hasOwn(config.agents, a);
  const userExists = (u: string) => Object.hasOwn(config.users, u);
  /** The configured person a token identifier names: a user's name, else the user listing it under identities. */
  const userOf = (id: string) =>
    userExists(id) ? id : Object.entries(config.users).find(([, u]) => u.identities.includes(id))?.[0];
  const agents: Authenticator[] = [];
  const people: Authenticator[] = [];
  if (auth.mtls) agents.push(mtlsAuthenticator(auth.mtls, agentExists));
  if (auth.apiKeys.enabled) {
    agents.push(apiKeyAuthenticator(createApiKeyAuthenticator(deps.apiKeys, agentExists, 'agent')));
    people.push(apiKeyAuthenticator(createApiKeyAuthenticator(deps.apiKeys, userExists, 'user')));
  }
  const oauth = auth.oauth;
  let resourceMetadata: Authentication['resourceMetadata'];
  if (oauth) {
    const f = deps.fetch ? { fetch: deps.fetch } : {};
    agents.push(
      oauthBearerAuthenticator(oauth, { toPrincipal: (c) => principalFromClaims(c, oauth, agentExists), ...f }),
    );
    people.push(
      oauthBearerAuthenticator(oauth, {
        toPrincipal: (c) => lacksRequiredScopes(c, oauth) ?? personFromClaims(c, oauth, userOf),
        ...f,
      }),
    );
    const resource = oauth.audience[0]!;
    const scopes = oauth.scopesSupported ?? oauth.requiredScopes;
    resourceMetadata = {
      path: new URL(resourceMetadataUrl(resource)).pathname,
      document: {
        resource,
        authorization_servers: [oauth.issuer],
        bearer_methods_supported: ['header'],
        ...(scopes.length > 0 ? { scopes_supported: scopes } : {}),
        resource_name: 'Portcullis MCP gateway',
      },
    };
  }
  const metadataUrl = oauth ? resourceMetadataUrl(oauth.audience[0]!) : undefined;
  const scope = oauth && oauth.requiredScopes.length > 0 ? oauth.requiredScopes.join(' ') : undefined;
  return {
    agents: createAuthChain(agents),
    people: createAuthChain(people),
    challenge: (refusal, realm) =>
      challengeHeader(refusal, {
        realm,
        ...(metadataUrl ? { resourceMetadata: metadataUrl } : {}),
        ...(scope ? { scope } : {}),
      }),
    ...(resourceMetadata ? { resourceMetadata } : {}),
    credentialLapsed(principal, now = Date.now()) {
      if (principal.expiresAt !== undefined && principal.expiresAt <= now) return 'credential-expired';
      if (principal.method !== 'stdio' && !agentExists(principal.agent)) return 'agent-removed';
      if (principal.method !== 'api-key') return undefined;
      const id = principal.credentialId;
      if (!auth.apiKeys.enabled || id === undefined) return 'credential-revoked';
      const lapsed = (rec: ApiKeyRecord | null | undefined) =>
        !rec || rec.kind !== 'agent' || rec.agent !== principal.agent || rec.revokedAt
          ? 'credential-revoked'
          : undefined;
      const known = deps.apiKeys.cachedById?.(id);
      if (known !== undefined) return lapsed(known);
      // The store cannot say it is lost: a lookup that fails counts as lapsed (fail closed).
      return deps.apiKeys.findById(id).then(lapsed, () => 'credential-unverifiable');
    },
  };
}
