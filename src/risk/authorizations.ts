/**
 * What an authorization is (thirty-third round; docs/risk.md, administrative and financial).
 *
 * In an API, "authorize" and "authorization" seldom mean deciding who may do what. They name:
 * - a payment authorization: the card schemes' authorization (ISO 8583's authorization request and its advice), by
 *   which the issuer approves an amount and holds it on the card or account until it is captured, adjusted or voided
 *   (a payment service's `/authorise`, a hotel's chip-and-PIN pre-authorization of a guest's card, a payment
 *   authorization released, PSD2's authorisation of a payment). The amount is committed as a purchase commits it:
 *   `financial`;
 * - an OAuth authorization (RFC 6749 §1.3: an authorization grant is "a credential representing the resource owner's
 *   authorization"): authorizing a client issues it a code or tokens, a credential the credential rules judge
 *   (grant-artefacts.ts, field-signals.ts), not a role given to anyone;
 * - an authorization kept as a resource: an API token with its permissions, a payment's hold, a PSD2 SCA authorisation
 *   sub-resource. It is a grant already issued, not a role, membership or access rule that decides who may act.
 * So the noun is not an administrative noun (lexicon.ts leaves it out), and the verb "authorize" grants
 * access (administrative) only when its tool names neither a payment nor an OAuth client or token. Approving or denying
 * an authorization request still decides who may act (prose-nouns.ts: "Approve a pending device authorization
 * request").
 */
import { stem } from './tokens.js';

const nouns = new Set(['authorization', 'authorisation', 'preauthorization', 'preauthorisation']);
const verbsOf = new Set(['authorize', 'authorise', 'preauthorize', 'preauthorise']);
/** What a payment authorization holds money on, or the money held (stems). */
const paymentWords = new Set([
  'payment',
  'paymentmethod',
  'card',
  'creditcard',
  'debitcard',
  'paymentcard',
  'transaction',
  'amount',
  'fund',
  'capture',
  'charge',
  'purchase',
]);
/** What an OAuth authorization is about: the client, its redirect, the code or token it issues (stems). */
const oauthWords = new Set(['oauth', 'oauth2', 'openid', 'oidc', 'client', 'redirect', 'token', 'code', 'sso']);
/** Words after "authorization" that make it the HTTP header or a credential, not a hold ("Authorization token"). */
const credentialAfter = new Set(['token', 'header', 'code', 'key', 'url', 'server', 'endpoint', 'bearer']);

/** An authorization word at `i` of `stems` that is not the HTTP header or a credential ("authorization token"). */
function authorizationAt(stems: readonly string[], i: number): boolean {
  const w = stems[i] ?? '';
  if (verbsOf.has(w)) return true;
  return nouns.has(w) && !credentialAfter.has(stems[i + 1] ?? '');
}

/**
 * Why the tool authorizes a payment, else undefined: an authorization word and a payment word among the stems of its
 * name, path and description's opening (each list its own lower-case words, in order).
 */
export function paymentAuthorization(wordLists: ReadonlyArray<readonly string[]>): string | undefined {
  // Stemmed only where an authorization word is (speed: most tools have none).
  if (!wordLists.some((l) => l.some((w) => w.includes('authori')))) return undefined;
  const lists = wordLists.map((l) => l.map(stem));
  const at = lists.some((l) => l.some((_, i) => authorizationAt(l, i)));
  if (!at) return undefined;
  const money = lists.flat().find((w) => paymentWords.has(w));
  return money === undefined
    ? undefined
    : `a payment authorization ('${money}'): the amount is held on the card or account until captured or voided`;
}

/**
 * Whether the verb "authorize" of this tool grants access (administrative): not when its words (stems of the name,
 * path and description's opening) name a payment or an OAuth client, code or token.
 */
export function authorizeGrantsAccess(wordLists: ReadonlyArray<readonly string[]>): boolean {
  for (const l of wordLists)
    for (const w of l) {
      const s = stem(w);
      if (paymentWords.has(s) || oauthWords.has(s)) return false;
    }
  return true;
}

/** The verb of a grant signal is "authorize" (or its British or "pre" form). */
export function isAuthorizeVerb(verb: string | undefined): boolean {
  return verb !== undefined && verbsOf.has(verb);
}
