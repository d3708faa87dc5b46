/**
 * The session cookie. `__Host-` makes the browser refuse it unless it is Secure, has Path=/ and no Domain, so no
 * sibling host can plant or overwrite it. Browsers treat http://localhost and 127.0.0.1 as secure contexts and
 * keep Secure cookies there, so the same flags work on a loopback listener without TLS.
 */
export const SESSION_COOKIE = '__Host-portcullis-session';

const FLAGS = 'Path=/; HttpOnly; Secure; SameSite=Strict';

export const sessionCookie = (value: string, maxAgeSeconds: number) =>
  `${SESSION_COOKIE}=${value}; ${FLAGS}; Max-Age=${maxAgeSeconds}`;

export const clearedSessionCookie = () => `${SESSION_COOKIE}=; ${FLAGS}; Max-Age=0`;

/** The value of cookie `name` in a Cookie header (the first one; values are not decoded: ours are base64url). */
export function cookieOf(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Binds an OIDC sign-in to the browser that started it: holds the `state` until the callback, which must present
 * the same value (so a callback URL sent to someone else signs nobody in). `SameSite=Lax`, because the callback
 * is a top-level navigation coming back from the identity provider's site; ten minutes at most.
 */
export const OIDC_COOKIE = '__Host-portcullis-oidc';

export const oidcCookie = (state: string, maxAgeSeconds: number) =>
  `${OIDC_COOKIE}=${state}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${maxAgeSeconds}`;

export const clearedOidcCookie = () => `${OIDC_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;
