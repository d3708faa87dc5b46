/**
 * OpenAPI parameter serialisation (style / explode) for path, query, header and cookie parameters.
 * Every function returns already percent-encoded text; path values are always fully encoded so they
 * cannot add segments, a query or a fragment.
 */
import type { ParamStyle } from './types.js';

type Pair = [string, string];

/** Why a value cannot be sent: encodeURIComponent throws URIError on a lone UTF-16 surrogate (JSON "\ud800"). */
export const UNENCODABLE = 'holds a lone UTF-16 surrogate, which cannot be percent-encoded';

/** Percent-encodes everything outside the RFC 3986 unreserved set (also `!'()*`); URIError on a lone surrogate. */
export function encodeStrict(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Query encoding; with allowReserved, reserved characters that cannot end the value stay literal. */
function encodeQuery(s: string, allowReserved: boolean): string {
  const e = encodeStrict(s);
  if (!allowReserved) return e;
  return e.replace(/%(3A|2F|3F|5B|5D|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => decodeURIComponent(m));
}

export function scalarText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Expands a path parameter value (already encoded) for the given style. */
export function serializePathValue(name: string, value: unknown, style: ParamStyle, explode: boolean): string {
  const enc = (v: unknown): string => encodeStrict(scalarText(v));
  if (style === 'label') {
    if (Array.isArray(value)) return `.${value.map(enc).join(explode ? '.' : ',')}`;
    if (isPlainObject(value)) {
      const entries = Object.entries(value);
      return explode
        ? `.${entries.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('.')}`
        : `.${entries.flatMap(([k, v]) => [enc(k), enc(v)]).join(',')}`;
    }
    return `.${enc(value)}`;
  }
  if (style === 'matrix') {
    const n = enc(name);
    if (Array.isArray(value))
      return explode ? value.map((v) => `;${n}=${enc(v)}`).join('') : `;${n}=${value.map(enc).join(',')}`;
    if (isPlainObject(value)) {
      const entries = Object.entries(value);
      return explode
        ? entries.map(([k, v]) => `;${enc(k)}=${enc(v)}`).join('')
        : `;${n}=${entries.flatMap(([k, v]) => [enc(k), enc(v)]).join(',')}`;
    }
    return `;${n}=${enc(value)}`;
  }
  return simple(value, explode, enc);
}

function simple(value: unknown, explode: boolean, enc: (v: unknown) => string): string {
  if (Array.isArray(value)) return value.map(enc).join(',');
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    return explode
      ? entries.map(([k, v]) => `${enc(k)}=${enc(v)}`).join(',')
      : entries.flatMap(([k, v]) => [enc(k), enc(v)]).join(',');
  }
  return enc(value);
}

/** Header values: `simple` style, not percent-encoded (CR/LF are refused by the HTTP layer). */
export function serializeHeaderValue(value: unknown, explode: boolean): string {
  return simple(value, explode, scalarText);
}

const DELIMITERS: Partial<Record<ParamStyle, string>> = {
  spaceDelimited: '%20',
  pipeDelimited: '|',
  tabDelimited: '%09',
};

/** Bracketed (deepObject) pairs for any nesting; arrays use indices, as Stripe and `qs` do. */
export function deepObjectPairs(prefix: string, value: unknown, out: Pair[] = []): Pair[] {
  if (Array.isArray(value)) {
    if (value.length === 0) out.push([prefix, '']);
    value.forEach((v, i) => deepObjectPairs(`${prefix}[${i}]`, v, out));
  } else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) deepObjectPairs(`${prefix}[${k}]`, v, out);
  } else out.push([prefix, scalarText(value)]);
  return out;
}

/** Query (and form body) pairs, unencoded: [name, value]. */
export function queryPairs(name: string, value: unknown, style: ParamStyle, explode: boolean): Pair[] {
  if (style === 'deepObject') return deepObjectPairs(name, value);
  if (Array.isArray(value)) {
    if (explode) return value.map((v) => [name, scalarText(v)]);
    const d = DELIMITERS[style];
    // Delimiters other than the comma are inserted encoded, so mark them for the encoder.
    return [[name, value.map(scalarText).join(d === undefined ? ',' : `\u0000${d}\u0000`)]];
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (explode) return entries.map(([k, v]) => [k, scalarText(v)]);
    return [[name, entries.flatMap(([k, v]) => [k, scalarText(v)]).join(',')]];
  }
  return [[name, scalarText(value)]];
}

/** Encodes pairs into `a=1&b=2`. */
export function encodePairs(pairs: readonly Pair[], allowReserved = false): string {
  return pairs
    .map(([k, v]) => {
      const parts = v.split('\u0000');
      // Odd indices hold pre-encoded delimiters.
      const value = parts.map((p, i) => (i % 2 === 1 ? p : encodeQuery(p, allowReserved))).join('');
      return `${encodeQuery(k, false)}=${value}`;
    })
    .join('&');
}

/** Cookie: `form` style, one `name=value`. */
export function serializeCookie(name: string, value: unknown, explode: boolean): string {
  return queryPairs(name, value, 'form', explode)
    .map(([k, v]) => `${k}=${encodeStrict(v)}`)
    .join('; ');
}
