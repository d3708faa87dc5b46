import { createHash } from 'node:crypto';
import type { OAuthConfig } from './config-schema.js';

export type IntrospectionResult = { active: true; claims: Record<string, unknown> } | { active: false };

/**
 * RFC 7662 token introspection for opaque tokens: the gateway authenticates to the endpoint as its own client
 * (HTTP Basic) and caches answers briefly, keyed by the token's SHA-256 (never the token itself).
 */
export function createIntrospector(
  cfg: NonNullable<OAuthConfig['introspection']>,
  fetchImpl: typeof fetch = fetch,
): (token: string) => Promise<IntrospectionResult> {
  const cache = new Map<string, { until: number; result: IntrospectionResult }>();
  const basic = Buffer.from(`${encodeURIComponent(cfg.clientId)}:${encodeURIComponent(cfg.clientSecret)}`).toString(
    'base64',
  );
  return async (token) => {
    const key = createHash('sha256').update(token).digest('hex');
    const now = Date.now();
    const hit = cache.get(key);
    if (hit && hit.until > now) return hit.result;
    const res = await fetchImpl(cfg.endpoint, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new Error(`introspection endpoint answered ${res.status}`);
    const body = (await res.json()) as Record<string, unknown>;
    const result: IntrospectionResult = body.active === true ? { active: true, claims: body } : { active: false };
    const exp = typeof body.exp === 'number' ? body.exp * 1000 : Infinity;
    const until = Math.min(now + cfg.cacheSeconds * 1000, exp);
    if (cache.size >= 10_000) cache.clear();
    if (until > now) cache.set(key, { until, result });
    return result;
  };
}
