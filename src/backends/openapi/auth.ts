/**
 * Applies the spec's security schemes to outbound requests, with credential values read at call time
 * from the configured source (`${secret:NAME}` through the vault provider, or an environment variable). Credential values exist only on the outbound
 * request: they are collected for redaction so that no result or error can echo them.
 */
import type { BuiltRequest } from './build-request.js';
import type { OpenApiAuthConfig } from './config.js';
import { encodeStrict } from './serialize-params.js';
import type { HttpExecutor } from './http-executor.js';
import type { CallPlan, SecurityScheme } from './types.js';

export class AuthError extends Error {
  override readonly name = 'AuthError';
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

export interface AuthApplierDeps {
  schemes: Record<string, SecurityScheme>;
  auth: Record<string, OpenApiAuthConfig>;
  /** The current value of a credential (an env name or a `${secret:NAME}` reference), read at call time. */
  getCredential(name: string): string | undefined | Promise<string | undefined>;
  executor: HttpExecutor;
  now?: () => number;
}

export function createAuthApplier(deps: AuthApplierDeps) {
  const tokens = new Map<string, CachedToken>();
  const secrets = new Set<string>();
  const now = deps.now ?? Date.now;

  async function credential(schemeName: string): Promise<string> {
    const cfg = deps.auth[schemeName];
    if (!cfg) throw new AuthError(`no credential configured for security scheme ${schemeName}`);
    let v: string | undefined;
    try {
      v = await deps.getCredential(cfg.credential);
    } catch (e) {
      throw new AuthError(`credential for security scheme ${schemeName} is unavailable: ${(e as Error).message}`);
    }
    if (v === undefined || v === '')
      throw new AuthError(`credential ${cfg.credential} for security scheme ${schemeName} is not set`);
    remember(v);
    return v;
  }

  function remember(v: string): void {
    if (v.length >= 4) secrets.add(v);
  }

  async function clientCredentialsToken(
    schemeName: string,
    scheme: SecurityScheme,
    cfg: OpenApiAuthConfig,
    signal?: AbortSignal,
  ): Promise<string> {
    const cached = tokens.get(schemeName);
    if (cached && cached.expiresAt > now()) return cached.token;
    const tokenUrl = cfg.tokenUrl ?? scheme.tokenUrl;
    if (!tokenUrl) throw new AuthError(`no token URL for OAuth2 scheme ${schemeName}`);
    const secret = await credential(schemeName);
    const form = [
      ['grant_type', 'client_credentials'],
      ...(cfg.scopes && cfg.scopes.length > 0 ? [['scope', cfg.scopes.join(' ')]] : []),
    ]
      .map(([k, v]) => `${encodeStrict(k!)}=${encodeStrict(v!)}`)
      .join('&');
    const basic = Buffer.from(`${encodeStrict(cfg.clientId ?? '')}:${encodeStrict(secret)}`).toString('base64');
    remember(basic);
    const res = await deps.executor.send(
      {
        method: 'POST',
        url: new URL(tokenUrl),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          authorization: `Basic ${basic}`,
        },
        body: Buffer.from(form),
      },
      signal,
    );
    if (res.status !== 200) throw new AuthError(`OAuth2 token request for ${schemeName} failed: HTTP ${res.status}`);
    let parsed: { access_token?: unknown; expires_in?: unknown };
    try {
      parsed = JSON.parse(res.body.toString('utf8')) as typeof parsed;
    } catch {
      throw new AuthError(`OAuth2 token response for ${schemeName} is not JSON`);
    }
    if (typeof parsed.access_token !== 'string')
      throw new AuthError(`OAuth2 token response for ${schemeName} has no access_token`);
    remember(parsed.access_token);
    const ttl = typeof parsed.expires_in === 'number' ? parsed.expires_in : 3600;
    tokens.set(schemeName, { token: parsed.access_token, expiresAt: now() + Math.max(0, ttl - 30) * 1000 });
    return parsed.access_token;
  }

  function place(req: BuiltRequest, where: 'header' | 'query' | 'cookie', name: string, value: string): void {
    if (where === 'header') req.headers[name.toLowerCase()] = value;
    else if (where === 'query') {
      // Appended as text: going through searchParams would re-encode the whole query.
      const pair = `${encodeStrict(name)}=${encodeStrict(value)}`;
      req.url.search = req.url.search ? `${req.url.search}&${pair}` : `?${pair}`;
    } else
      req.headers.cookie = req.headers.cookie
        ? `${req.headers.cookie}; ${name}=${encodeStrict(value)}`
        : `${name}=${encodeStrict(value)}`;
  }

  async function applyScheme(req: BuiltRequest, name: string, signal?: AbortSignal): Promise<void> {
    const cfg = deps.auth[name]!;
    const scheme = deps.schemes[name];
    if (cfg.in && cfg.name) return place(req, cfg.in, cfg.name, await credential(name));
    if (!scheme) throw new AuthError(`security scheme ${name} is not in the spec`);
    if (scheme.type === 'apiKey') return place(req, scheme.in ?? 'header', scheme.name ?? name, await credential(name));
    if (scheme.type === 'http' && scheme.scheme === 'basic') {
      const v = Buffer.from(await credential(name), 'utf8').toString('base64');
      remember(v);
      req.headers.authorization = `Basic ${v}`;
      return;
    }
    if (scheme.type === 'oauth2' && cfg.clientId) {
      req.headers.authorization = `Bearer ${await clientCredentialsToken(name, scheme, cfg, signal)}`;
      return;
    }
    // http bearer (or another http scheme), oauth2 / OpenID Connect with a pre-issued access token.
    const prefix = scheme.type === 'http' && scheme.scheme && scheme.scheme !== 'bearer' ? scheme.scheme : 'Bearer';
    req.headers.authorization = `${prefix.charAt(0).toUpperCase()}${prefix.slice(1)} ${await credential(name)}`;
  }

  /** Schemes configured but absent from the spec, with an explicit placement: apply to every call. */
  const custom = Object.entries(deps.auth)
    .filter(([n, c]) => c.in && c.name && !deps.schemes[n])
    .map(([n]) => n);

  const customByParam = new Map(custom.map((n) => [deps.auth[n]!.name!.toLowerCase(), n]));

  return {
    /** Values for the plan's credential-filled parameters, keyed by their internal argument names. */
    async injectedValues(plan: CallPlan): Promise<Record<string, string>> {
      const out: Record<string, string> = {};
      for (const { arg, name } of plan.injected ?? []) {
        const scheme = customByParam.get(name.toLowerCase());
        if (scheme) out[arg] = await credential(scheme);
      }
      return out;
    },
    /** Adds credentials for the first security alternative whose schemes are all configured. */
    async apply(plan: CallPlan, req: BuiltRequest, signal?: AbortSignal): Promise<void> {
      const injected = new Set((plan.injected ?? []).map((i) => i.name.toLowerCase()));
      // A custom placement goes where the operation declares that parameter, else where the config says.
      for (const n of custom) if (!injected.has(deps.auth[n]!.name!.toLowerCase())) await applyScheme(req, n, signal);
      const alt = plan.security.find((a) => Object.keys(a).every((n) => deps.auth[n] !== undefined));
      if (!alt) return;
      for (const n of Object.keys(alt)) if (!custom.includes(n)) await applyScheme(req, n, signal);
    },
    /**
     * Every credential value this backend has resolved (a rotated value joins at its first use; the old one
     * stays), the derived forms it sent and the tokens it was issued: what a response could echo.
     */
    liveSecrets(): string[] {
      const out = new Set(secrets);
      for (const t of tokens.values()) out.add(t.token);
      return [...out];
    },
  };
}

export type AuthApplier = ReturnType<typeof createAuthApplier>;
