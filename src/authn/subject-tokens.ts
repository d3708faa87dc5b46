import type { Principal } from '../core/principal.js';

/**
 * The bearer token a principal was authenticated with, kept beside it, not in it: the principal goes to policy,
 * audit and logs, and must never carry a raw token. Only RFC 8693 token exchange reads this (to present the
 * user's token as `subject_token` to the identity provider); the token itself is never forwarded to a backend.
 * A principal that was copied or built elsewhere has no entry, so exchange fails closed.
 */
const tokens = new WeakMap<Principal, string>();

export function rememberSubjectToken(principal: Principal, token: string): void {
  tokens.set(principal, token);
}

export function subjectTokenOf(principal: Principal): string | undefined {
  return tokens.get(principal);
}
