import type { ServerResponse } from 'node:http';

/**
 * The headers every response of the gateway carries, set by the HTTP front door before any route runs, so that no
 * route (and no error of one) can leave them out. OWASP's HTTP headers and REST security cheat sheets, for an API:
 * no MIME sniffing; nothing stored by a cache unless a route says so (tokens, identities, tool results and audit
 * records travel here; the public, cacheable documents — RFC 9728 metadata, the signing keys, hashed dashboard
 * assets — replace it); a JSON answer opened in a browser runs nothing and cannot be framed; no referrer.
 * HTML routes (the dashboard, the HTML report) replace the CSP with their own, equally strict one.
 */
export const BASELINE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** HSTS, on an HTTPS listener only (a browser ignores it over plain HTTP; a TLS-terminating proxy sets its own). */
export const HSTS_HEADER = 'max-age=31536000';

const BASELINE = Object.entries(BASELINE_SECURITY_HEADERS);

/** Sets the baseline on a response before it is routed; a route's `writeHead` headers override them by name. */
export function setSecurityHeaders(res: ServerResponse, https: boolean): void {
  for (const [name, value] of BASELINE) res.setHeader(name, value);
  if (https) res.setHeader('strict-transport-security', HSTS_HEADER);
}
