import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import {
  Client,
  StreamableHTTPClientTransport,
  UnauthorizedError,
  type OAuthClientProvider,
} from '@modelcontextprotocol/client';
import { freePort, startGateway, type RunningGateway } from '../harness.js';

/** The users the test IdP knows, with the claims it puts into their access tokens. */
export const ACCOUNTS: Record<string, { email: string; groups: string[] }> = {
  alice: { email: 'alice@example.com', groups: ['finance', 'staff'] },
};

export interface TestIdp {
  issuer: string;
  /** The private signing keys, so tests can mint tokens that are bad in exactly one way. */
  keys: { es256: JWK & { kid: string }; rs256: JWK & { kid: string } };
  provider: Provider;
  close(): Promise<void>;
}

export interface TestIdpOptions {
  /** Resource identifiers (RFC 8707) the IdP issues JWT access tokens for; the first is the default. */
  resources: string[];
  clients: Configuration['clients'];
  /** Clients whose access tokens are opaque (checked by introspection) instead of JWTs. */
  opaqueFor?: string[];
  /** Scope granted for the resources. */
  scope?: string;
  /** The users it knows (login = `sub`); default {@link ACCOUNTS}. */
  accounts?: Record<string, { email: string; groups: string[] }>;
  /** Extra setup (e.g. registering a token-exchange grant) before the IdP starts answering. */
  setup?: (provider: Provider, idp: { issuer: string; keys: TestIdp['keys'] }) => void;
}

/**
 * A real OpenID provider (npm `oidc-provider`) on 127.0.0.1 with a free port: client credentials, authorization
 * code with PKCE (dev login and consent screens, driven by {@link signIn}), RFC 8707 resource indicators with
 * JWT access tokens (RFC 9068) signed ES256, and RFC 7662 introspection.
 */
export async function startTestIdp(opts: TestIdpOptions): Promise<TestIdp> {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const es = await generateKeyPair('ES256', { extractable: true });
  const rs = await generateKeyPair('RS256', { extractable: true });
  const es256 = { ...(await exportJWK(es.privateKey)), kid: 'es-1', alg: 'ES256', use: 'sig' };
  const rs256 = { ...(await exportJWK(rs.privateKey)), kid: 'rs-1', alg: 'RS256', use: 'sig' };
  const scope = opts.scope ?? 'mcp:tools';
  const accounts = opts.accounts ?? ACCOUNTS;
  const provider = new Provider(issuer, {
    clients: opts.clients,
    jwks: { keys: [es256, rs256] },
    scopes: ['openid', 'email', scope],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => opts.resources[0]!,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource, client) => {
          if (!opts.resources.includes(resource)) throw new Error(`unknown resource ${resource}`);
          if (opts.opaqueFor?.includes(client.clientId))
            return { scope, audience: resource, accessTokenTTL: 300, accessTokenFormat: 'opaque' };
          return {
            scope,
            audience: resource,
            accessTokenTTL: 300,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    findAccount: (_ctx, id) =>
      accounts[id]
        ? { accountId: id, claims: () => ({ sub: id, email: accounts[id]!.email, email_verified: true }) }
        : undefined,
    // RFC 9068 access tokens carry the user's email (verified: this IdP's accounts are its own) and groups.
    extraTokenClaims: (_ctx, token) => {
      const id = (token as { accountId?: string }).accountId;
      return id && accounts[id]
        ? { email: accounts[id].email, email_verified: true, groups: accounts[id].groups }
        : undefined;
    },
    ttl: {
      Interaction: 600,
      Session: 600,
      Grant: 600,
      AuthorizationCode: 60,
      ClientCredentials: 300,
      AccessToken: 300,
    },
  });
  provider.on('server_error', (_ctx, err) => process.stderr.write(`oidc-provider: ${err.message}\n`));
  opts.setup?.(provider, { issuer, keys: { es256, rs256 } });
  const handle = provider.callback();
  server.on('request', (req, res) => void handle(req, res));
  return {
    issuer,
    keys: { es256, rs256 },
    provider,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * Plays the user in a browser: follows the authorization URL through the IdP's login and consent screens
 * (keeping its cookies) until the redirect back to the client, and returns the callback's parameters
 * (`code`, `state`, and `iss` per RFC 9207).
 */
/**
 * An access token the IdP's own ES256 key signed for `audience` (RFC 9068 `at+jwt`): `client_id`, scope `mcp:tools`,
 * five minutes from now, then whatever `claims` add or change. Everything in it is what the IdP let the holder have.
 */
export async function mintAccessToken(
  idp: TestIdp,
  audience: string,
  clientId: string,
  claims: JWTPayload,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const key = await importJWK(idp.keys.es256, 'ES256');
  return new SignJWT({ client_id: clientId, scope: 'mcp:tools', iat: now, exp: now + 300, ...claims })
    .setIssuer(idp.issuer)
    .setAudience(audience)
    .setProtectedHeader({ alg: 'ES256', kid: idp.keys.es256.kid, typ: 'at+jwt' })
    .sign(key);
}

export async function signIn(authorizationUrl: URL, login: string): Promise<URLSearchParams> {
  const cookies = new Map<string, string>();
  const redirectUri = authorizationUrl.searchParams.get('redirect_uri')!;
  let next: { url: string; init?: RequestInit } = { url: authorizationUrl.href };
  for (let step = 0; step < 12; step++) {
    const headers = new Headers(next.init?.headers);
    headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(next.url, { ...next.init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    const location = res.headers.get('location');
    if (location) {
      const target = new URL(location, next.url);
      if (target.href.startsWith(redirectUri)) {
        if (!target.searchParams.get('code')) throw new Error(`authorization failed: ${target.search}`);
        return target.searchParams;
      }
      next = { url: target.href };
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected page from the IdP (${res.status}): ${html.slice(0, 300)}`);
    const body = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login, password: 'any' } : {}) });
    next = {
      url: new URL(action, next.url).href,
      init: { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    };
  }
  throw new Error('too many steps through the IdP');
}

/**
 * A real MCP client that signs a user in with authorization code + PKCE (discovery from the gateway's 401 and
 * Protected Resource Metadata, then the IdP's screens), connected and ready, with the access token it got.
 */
export async function connectAsUser(
  gatewayUrl: string,
  opts: { issuer: string; clientId: string; redirectUri: string; login: string },
): Promise<{ client: Client; accessToken: string; authorizationUrl: URL; callback: URLSearchParams }> {
  let verifier = '';
  let tokens: Awaited<ReturnType<OAuthClientProvider['tokens']>>;
  let authUrl: URL | undefined;
  let discovery: Awaited<ReturnType<NonNullable<OAuthClientProvider['discoveryState']>>>;
  const provider: OAuthClientProvider = {
    redirectUrl: opts.redirectUri,
    clientMetadata: { redirect_uris: [opts.redirectUri], token_endpoint_auth_method: 'none' },
    clientInformation: () => ({ client_id: opts.clientId, issuer: opts.issuer }),
    tokens: () => tokens,
    saveTokens: (t) => void (tokens = t),
    redirectToAuthorization: (u) => void (authUrl = u),
    saveCodeVerifier: (v) => void (verifier = v),
    codeVerifier: () => verifier,
    saveDiscoveryState: (d) => void (discovery = d),
    discoveryState: () => discovery,
  };
  const transport = new StreamableHTTPClientTransport(new URL(gatewayUrl), { authProvider: provider });
  const first = new Client({ name: 'user-app', version: '1' });
  try {
    await first.connect(transport);
    throw new Error('the gateway let an unauthenticated client in');
  } catch (e) {
    if (!(e instanceof UnauthorizedError)) throw e;
  }
  if (!authUrl) throw new Error('the client was not sent to the authorization server');
  const callback = await signIn(authUrl, opts.login);
  await transport.finishAuth(callback);
  const client = new Client({ name: 'user-app', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL(gatewayUrl), { authProvider: provider }));
  const accessToken = (tokens as { access_token?: string } | undefined)?.access_token;
  if (!accessToken) throw new Error('no access token');
  return { client, accessToken, authorizationUrl: authUrl, callback };
}

/** A test IdP and a real gateway started together, the gateway trusting the IdP for its own `/mcp` resource. */
export interface GatewayWithIdp {
  idp: TestIdp;
  gw: RunningGateway;
  /** The gateway's `/mcp` URL: the RFC 8707 resource and the tokens' audience. */
  resource: string;
}

/**
 * Starts the IdP for the gateway's resource (on a port picked first, so the resource is known before the gateway
 * starts), then the gateway with the YAML `config` builds from the IdP's issuer and the resource.
 */
export async function startGatewayWithIdp(
  config: (issuer: string, resource: string) => string,
): Promise<GatewayWithIdp> {
  const port = await freePort();
  const resource = `http://127.0.0.1:${port}/mcp`;
  const idp = await startTestIdp({ resources: [resource], clients: [] });
  try {
    return { idp, gw: await startGateway(config(idp.issuer, resource), { port }), resource };
  } catch (e) {
    await idp.close();
    throw e;
  }
}
