/**
 * Codes exchanged for tokens (credential-access, a change; docs/risk.md).
 *
 * A tool handed a one-time code that it exchanges for tokens completes a sign-in: the client obtains an access token
 * (and often a refresh token) that it did not hold before, and the code is spent (RFC 6749 §4.1.3: the token request
 * carries `grant_type=authorization_code`, the `code` and the `redirect_uri` of the authorization request; RFC 5849
 * §2.3: OAuth 1.0a's token request carries the `oauth_verifier`). A change with `credential-access`, on a GET too.
 * The code is read from:
 * - a field named for it (`authorization_code`, `oauth_code`), or a `code` / `auth_code` described as OAuth's
 *   ("OAuth authorization code") or as an authorization code from a redirect ("Authorization code from the … OAuth
 *   redirect URL");
 * - a `code` beside the token request's other fields (thirty-fourth round): a `grant_type` whose enum or description
 *   names `authorization_code`, or a `redirect_uri`;
 * - an `oauth_verifier` (thirty-fourth round).
 * Not a card issuer's voice-authorisation code or a registrar's transfer code (no OAuth word, no token request beside
 * them), and not a refresh grant (a refresh token exchanged for a new access token: labelled a read).
 */
import type { SchemaField } from './schema-fields.js';

/** OAuth's `authorization_code` (a card issuer's 6-character `auth_code` is no OAuth code), or a `code` described so. */
const codeFields = new Set(['authorizationcode', 'oauthcode']);
const oauthCodeProse = /\boauth\b[\w\s-]{0,40}\bcode\b|\bauthori[sz]ation code\b[\w\s.,-]{0,60}\b(?:redirect|callback)/i;
const redirectFields = new Set(['redirecturi', 'redirecturl']);

function besideTokenRequest(code: SchemaField, fields: readonly SchemaField[]): SchemaField | undefined {
  return fields.find(
    (f) =>
      f.depth === code.depth &&
      f.parent === code.parent &&
      (redirectFields.has(f.joined) ||
        (f.joined === 'granttype' &&
          (f.enumValues.includes('authorization_code') || f.description.includes('authorization_code')))),
  );
}

/** Why the tool exchanges a code it is handed for tokens, if it does (module comment). */
export function codeExchangeReason(fields: readonly SchemaField[]): string | undefined {
  for (const f of fields) {
    if (f.depth > 1 || f.type === 'boolean') continue;
    if (f.joined === 'oauthverifier')
      return `field '${f.name}' takes an OAuth 1.0a verifier (exchanged for an access token)`;
    if (
      (f.depth === 0 && codeFields.has(f.joined)) ||
      ((f.joined === 'code' || f.joined === 'authcode') && oauthCodeProse.test(f.description))
    )
      return `field '${f.name}' takes an OAuth authorization code (exchanged for tokens)`;
    if (f.joined !== 'code') continue;
    const beside = besideTokenRequest(f, fields);
    if (beside) return `field '${f.name}' beside '${beside.name}' takes an OAuth authorization code (exchanged for tokens)`;
  }
  return undefined;
}
