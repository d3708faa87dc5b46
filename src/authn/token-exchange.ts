import { createHash } from 'node:crypto';

export interface TokenExchangeOptions {
  /** The identity provider's token endpoint. */
  tokenEndpoint: string;
  /** The gateway's own client at the IdP (it authenticates with HTTP Basic). */
  clientId: string;
  clientSecret: string;
  /** Logical name of the downstream service (`audience`), and/or its URL (`resource`, RFC 8707). */
  audience?: string;
  resource?: string;
  scope?: string;
}

export class TokenExchangeError extends Error {
  override readonly name = 'TokenExchangeError';
}

const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';

/**
 * OAuth 2.0 Token Exchange (RFC 8693): trades the user's access token (issued for the gateway) for one issued
 * for a downstream API, so the API sees the user, not the agent and not the gateway's own credential.
 * Results are cached per subject token (by hash) until shortly before they expire.
 */
export function createTokenExchanger(opts: TokenExchangeOptions, fetchImpl: typeof fetch = fetch) {
  const cache = new Map<string, { token: string; until: number }>();
  const basic = Buffer.from(`${encodeURIComponent(opts.clientId)}:${encodeURIComponent(opts.clientSecret)}`).toString(
    'base64',
  );
  return async function exchange(subjectToken: string, signal?: AbortSignal): Promise<string> {
    const key = createHash('sha256').update(subjectToken).digest('hex');
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.token;
    const form = new URLSearchParams({
      grant_type: GRANT,
      subject_token: subjectToken,
      subject_token_type: ACCESS_TOKEN,
      requested_token_type: ACCESS_TOKEN,
    });
    if (opts.audience) form.set('audience', opts.audience);
    if (opts.resource) form.set('resource', opts.resource);
    if (opts.scope) form.set('scope', opts.scope);
    let res: Response;
    try {
      res = await fetchImpl(opts.tokenEndpoint, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(10_000)]) : AbortSignal.timeout(10_000),
      });
    } catch (e) {
      throw new TokenExchangeError(`token endpoint unreachable (${(e as Error).name})`);
    }
    const body = (await res.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
      error?: unknown;
    };
    if (!res.ok || typeof body.access_token !== 'string') {
      // The IdP's error code is safe to show (RFC 6749 §5.2); its description might not be.
      throw new TokenExchangeError(
        `token exchange refused (${res.status}${typeof body.error === 'string' ? ` ${body.error.slice(0, 64)}` : ''})`,
      );
    }
    const ttl = typeof body.expires_in === 'number' ? body.expires_in : 60;
    const until = now + Math.max(0, ttl - 30) * 1000;
    if (cache.size >= 10_000) cache.clear();
    if (until > now) cache.set(key, { token: body.access_token, until });
    return body.access_token;
  };
}
