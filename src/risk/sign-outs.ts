/**
 * Signing out ends a credential (twenty-fourth round; docs/risk.md, credential-access). A logout revokes the session's
 * token or cookie (OpenID Connect RP-Initiated Logout ends the session at the provider; OAuth 2.0 Token Revocation,
 * RFC 7009, is how a client makes its tokens stop working), and a global sign-out revokes every token a user holds. That
 * is a change to who holds a working credential, as revoking a key is, so it is `credential-access` (the labels
 * README's judgement call since held-out 9: signing a user out of all devices revokes tokens).
 *
 * Read from the tool's name (`logout`, `log_out`, `signOut`, `AdminUserGlobalSignOut`, `log_off`) or from a
 * description that opens by logging or signing out, for tools that change state. This is what the tool does, not a
 * noun it names, so it is not dropped as name-only evidence (secret-values.ts): a logout sends no secret value, the
 * credential it ends is the caller's own.
 */
import { stem } from './tokens.js';

// Not "sign off": in workflows it means approving something (a timesheet, a release), not ending a session.
const joined = new Set(['logout', 'logoff', 'signout']);
const splitPairs = new Set(['log out', 'log off', 'sign out']);
const opensWithSignOut = /^\s*(?:<p>\s*)?(?:logs?\s*-?\s*(?:out|off)|signs?\s*-?\s*out)\b/i;

/** Why the tool signs a session or user out (its credential stops working), if it does. */
export function signOutReason(idWords: readonly string[], opening: string): string | undefined {
  const words = idWords.map((w) => stem(w.toLowerCase()));
  const one = words.find((w) => joined.has(w));
  if (one !== undefined) return `signs out ('${one}' in name): the session's token stops working`;
  for (let i = 0; i + 1 < words.length; i++)
    if (splitPairs.has(`${words[i]!} ${words[i + 1]!}`))
      return `signs out ('${words[i]!} ${words[i + 1]!}' in name): the session's token stops working`;
  if (opensWithSignOut.test(opening)) return "signs out (the description opens so): the session's token stops working";
  return undefined;
}
