/**
 * Codes exchanged for tokens (code-exchanges.ts, thirty-fourth round): a `code` beside the token request's
 * `grant_type=authorization_code` or `redirect_uri` (RFC 6749 §4.1.3), an authorization code from a redirect, and OAuth
 * 1.0a's `oauth_verifier` (RFC 5849 §2.3) complete a sign-in: a change with credential-access, on a GET too. Invented
 * tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, obj, str, toolDef } from './test-support/schema-builders.js';

const why = (a: { reasons: string[] }): string => a.reasons.join(' | ');

describe('a code exchanged for tokens is a change with credential-access', () => {
  it('a code beside the grant type or the redirect URI of a token request', () => {
    const described = classifyOperation('POST /oauth/token', 'token', 'Obtain tokens for the client.', {
      client_id: str('The registered client.'),
      code: str('The code from the sign-in step.'),
      grant_type: str('Must be `authorization_code`.'),
    });
    const redirect = classifyOperation('POST /connect/token', 'issueToken', 'Issue an access token.', {
      code: str(),
      redirect_uri: str('The redirect URL used before.'),
    });
    // Nested, one request shape among others (a token endpoint's body variants).
    const nested = classifyOperation('POST /auth/token', 'accessToken', 'Get an access token.', {
      'using a code': obj({ code: str(), grant_type: { type: 'string', enum: ['authorization_code'] } }),
    });
    for (const a of [described, redirect, nested]) {
      expect(a.sideEffect, why(a)).toBe('data-change');
      expect(a.categories, why(a)).toContain('credential-access');
      expect(a.level).toBe('high');
    }
  });

  it('an authorization code from an OAuth redirect, and an OAuth 1.0a verifier on a GET', () => {
    const mcp = classifyTool(
      toolDef('finish_connection', 'Finish connecting the account.', {
        code: str('Authorization code from the Acme OAuth redirect URL'),
        state: str('The state value given before'),
      }),
      mcpSource,
    );
    const verifier = classifyOperation('GET /oauth/access', 'accessGrant', 'Returns an access grant', {
      oauth_verifier: str(),
    });
    for (const a of [mcp, verifier]) {
      expect(a.sideEffect, why(a)).toBe('data-change');
      expect(a.categories, why(a)).toContain('credential-access');
      expect(a.level).toBe('high');
    }
  });

  it('a refresh grant, and codes that are no OAuth code, are not exchanges', () => {
    const refresh = classifyOperation('POST /oauth/token', 'refresh', 'Refresh an access token.', {
      grant_type: { type: 'string', enum: ['refresh_token'] },
      refresh_token: str(),
      code_hint: str(),
    });
    const voucher = classifyOperation('POST /vouchers/redeem', 'redeemVoucher', 'Redeem a voucher.', {
      code: str('The voucher code printed on the card'),
      redirect: str('Where to send the customer after'),
    });
    for (const a of [refresh, voucher]) expect(why(a)).not.toMatch(/exchanged for/);
  });
});
