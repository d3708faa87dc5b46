/**
 * Password logins (password-logins.ts, ADR 0008): an HTTP API's login hands back a session credential and stores
 * nothing: a read with credential-access, the caller's own sign-in e-mail no personal data. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, obj, str, toolDef } from './test-support/schema-builders.js';

describe('an HTTP login is a read that hands back a credential', () => {
  it('a login or sign-in with a password: credential-access, high, no side effect', () => {
    const results = [
      classifyOperation('POST /session/login', 'login', 'Log in with your account.', {
        username: str(),
        password: str(),
      }),
      classifyOperation('POST /auth/sign-in', 'signInAndGetToken', 'Returns a bearer token.', {
        email: str(),
        password: str(),
      }),
      classifyOperation('POST /authentication', '', 'Sign in a user.', {
        user: obj({ email: str(), password: str() }),
      }),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).toEqual(['credential-access']);
      expect(a.sideEffect).toBe('none');
      expect(a.level).toBe('high');
    }
  });

  it('a GET login that says a session comes back: credential-access', () => {
    const a = classifyOperation(
      'GET /api/login',
      'login',
      'Login\n\nAuthenticates the caller and returns a session id in a cookie.',
      {},
    );
    expect(a.categories, a.reasons.join(' | ')).toContain('credential-access');
    expect(a.level).toBe('high');
  });

  it('not a login that does more, an MCP login tool, or a read about logins', () => {
    const reset = classifyOperation('POST /login/reset', 'resetLogin', 'Reset the login of a user.', {
      password: str(),
    });
    expect(reset.sideEffect).not.toBe('none');
    const mcp = classifyTool(
      toolDef('login', 'Log in to the service.', { username: str(), password: str() }),
      mcpSource,
    );
    expect(mcp.sideEffect).not.toBe('none');
    const history = classifyOperation('GET /audit/logins', 'listLogins', 'Lists recent logins.', {});
    expect(history.categories).not.toContain('credential-access');
  });
});

describe('a GET that logs out still ends the session', () => {
  it('a logout served by GET: a change with credential-access', () => {
    const a = classifyOperation('GET /api/logout', 'logout', 'Logs the user out, ending the session.', {});
    expect(a.sideEffect, a.reasons.join(' | ')).toBe('data-change');
    expect(a.categories).toContain('credential-access');
  });

  it('not a GET that lists logouts', () => {
    const a = classifyOperation('GET /audit/logouts', 'listLogouts', 'Lists past logouts.', {});
    expect(a.sideEffect).toBe('none');
  });
});
