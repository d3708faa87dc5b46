/**
 * The credential boundary of an OpenAPI backend: which request parts carry a credential (so the agent can
 * neither supply, shadow nor duplicate them), which headers are never the agent's to choose (hop-by-hop and
 * framing), and which names and values are valid on the wire. Pure functions; build-request.ts enforces them.
 */
import type { OpenApiAuthConfig } from './config.js';
import type { SecurityScheme } from './types.js';

/** Arguments the gateway fills with a credential carry this prefix; no agent argument can be named so. */
export const CREDENTIAL_ARG_PREFIX = '\u0000credential:';

/**
 * Headers the agent never sets, even when the spec declares them as parameters: hop-by-hop and framing
 * headers (RFC 9110 §7.6.1, RFC 9112), the request target's host, and headers that carry credentials.
 */
export const GATEWAY_ONLY_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'transfer-encoding',
  'content-length',
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'upgrade',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'authorization',
  'cookie',
  'expect',
  'http2-settings',
]);

export function isGatewayOnlyHeader(name: string): boolean {
  const n = name.toLowerCase();
  return GATEWAY_ONLY_HEADERS.has(n) || n.startsWith('proxy-');
}

/** RFC 9110 `token`: valid header and cookie names. */
/** An HTTP header name (RFC 9110 token). */
export const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function isToken(name: string): boolean {
  return TOKEN.test(name);
}

/** Header field values: visible ASCII/latin-1, space and tab; no control characters (CR, LF, NUL ...). */
export function isSafeHeaderValue(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000a-\u001f\u007f]|[^\u0000-\u00ff]/.test(value);
}

/** Request parts that carry a credential, by location; names are lowercased. */
export interface CredentialPlacements {
  query: ReadonlySet<string>;
  header: ReadonlySet<string>;
  cookie: ReadonlySet<string>;
  /** Names that may not appear as body fields (forms at any depth, other bodies at the top level). */
  body: ReadonlySet<string>;
}

/**
 * Every placement a credential can take on this backend: all apiKey schemes of the spec (configured or not)
 * and every configured custom placement (`auth.<x>.{in,name}`, which fills a parameter of that name in any
 * location), and the headers the config sets. Authorization, Proxy-Authorization and Cookie are gateway-only anyway.
 */
export function credentialPlacements(
  schemes: Readonly<Record<string, SecurityScheme>>,
  auth: Readonly<Record<string, OpenApiAuthConfig>>,
  /** Headers the config sets on every request (`openapi.<name>.headers`): never the agent's. */
  configuredHeaders: readonly string[] = [],
): CredentialPlacements {
  const query = new Set<string>();
  const header = new Set<string>([
    'authorization',
    'proxy-authorization',
    'cookie',
    ...configuredHeaders.map((h) => h.toLowerCase()),
  ]);
  const cookie = new Set<string>();
  const body = new Set<string>();
  for (const s of Object.values(schemes)) {
    if (s.type !== 'apiKey' || !s.name) continue;
    const n = s.name.toLowerCase();
    const where = s.in ?? 'header';
    (where === 'query' ? query : where === 'cookie' ? cookie : header).add(n);
    if (where !== 'header') body.add(n);
  }
  for (const a of Object.values(auth)) {
    if (!a.name) continue;
    const n = a.name.toLowerCase();
    for (const set of [query, header, cookie, body]) set.add(n);
  }
  return { query, header, cookie, body };
}

/** The base of a possibly bracketed name and its bracket parts: `a[b][0]` → ['a', 'b', '0']. */
function nameParts(name: string): string[] {
  const m = /^([^[]*)((?:\[[^\]]*\])*)$/.exec(name);
  if (!m) return [name];
  const parts = [m[1]!];
  for (const b of m[2]!.matchAll(/\[([^\]]*)\]/g)) parts.push(b[1]!);
  return parts;
}

/** True when a query or form field name (bracketed nesting included) would carry a credential. */
export function touchesCredential(name: string, reserved: ReadonlySet<string>): boolean {
  return nameParts(name).some((p) => reserved.has(p.toLowerCase()));
}

/** The first reserved key of a body value: at any depth, or at the top level only. */
export function reservedBodyKey(value: unknown, reserved: ReadonlySet<string>, deep: boolean): string | undefined {
  const seen = new Set<unknown>();
  const walk = (v: unknown, depth: number): string | undefined => {
    if (v === null || typeof v !== 'object' || seen.has(v) || depth > 64) return undefined;
    seen.add(v);
    if (Array.isArray(v)) {
      if (!deep) return undefined;
      for (const x of v) {
        const hit = walk(x, depth + 1);
        if (hit !== undefined) return hit;
      }
      return undefined;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (touchesCredential(k, reserved)) return k;
      if (deep) {
        const hit = walk(x, depth + 1);
        if (hit !== undefined) return hit;
      }
    }
    return undefined;
  };
  return walk(value, 0);
}
