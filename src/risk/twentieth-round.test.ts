/**
 * The twentieth round's classes (ADR 0008), each on invented tools: a JSON:API record's attributes are the record's own
 * fields, so a signing secret returned there is a secret read; an OAuth authorization request obtains a credential;
 * reading transactions reads the account holder's record of money (PSD2 account information); a design token is a
 * style value, not a credential.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { arr, classifyOperation, mcpSource, obj, str, toolDef } from './test-support/schema-builders.js';

describe("a JSON:API record's attributes are its own fields", () => {
  const hook = (secret: string) => obj({ id: str(), type: str(), attributes: obj({ url: str(), [secret]: str() }) });

  it('reading an endpoint whose data.attributes carry its signing secret is credential-access, high', () => {
    const one = classifyOperation(
      'GET /endpoints/{id}',
      'getEndpoint',
      'Fetch an endpoint',
      { id: str() },
      { outputSchema: obj({ data: hook('signingSecret') }) },
    );
    expect(one.sideEffect).toBe('none');
    expect(one.categories).toContain('credential-access');
    expect(one.level).toBe('high');
    const listed = classifyOperation(
      'GET /endpoints',
      'listEndpoints',
      'List endpoints',
      {},
      { outputSchema: obj({ data: arr(hook('secret')) }) },
    );
    expect(listed.categories).toContain('credential-access');
    expect(listed.reasons).toContain("returns 'secret'");
  });

  it('related records under included, and secret-like words that are not exact secret fields, are not the record', () => {
    const included = classifyOperation(
      'GET /endpoints/{id}',
      'getEndpoint',
      'Fetch an endpoint',
      { id: str() },
      { outputSchema: obj({ data: obj({ id: str() }), included: arr(hook('secret')) }) },
    );
    expect(included.categories).not.toContain('credential-access');
    const asset = classifyOperation(
      'GET /images/{id}',
      'getImage',
      'Fetch an image',
      { id: str() },
      { outputSchema: obj({ data: hook('previewToken') }) },
    );
    expect(asset.categories).not.toContain('credential-access');
    expect(asset.level).toBe('low');
  });
});

describe('an OAuth authorization request obtains a credential', () => {
  it('client_id with redirect_uri or response_type on a read is credential-access, high', () => {
    const get = classifyOperation('GET /oauth2/auth', 'oauthAuth', 'GET /oauth2/auth', {
      client_id: str(),
      redirect_uri: str(),
      state: str(),
    });
    expect(get.sideEffect).toBe('none');
    expect(get.categories).toContain('credential-access');
    expect(get.level).toBe('high');
    const mcp = classifyTool(
      toolDef('begin_sign_in', 'Begins a sign-in for the app.', {
        client_id: str(),
        response_type: str(),
        nonce: str(),
      }),
      mcpSource,
    );
    expect(mcp.categories).toContain('credential-access');
    expect(mcp.reasons.some((r) => r.includes('OAuth authorization request'))).toBe(true);
  });

  it("registering a client (RFC 7591's plural names) or creating a record that takes a redirect URI is not one", () => {
    const register = classifyOperation(
      'POST /apps',
      'registerApp',
      'Register an application',
      { client_id: str(), client_name: str(), redirect_uris: arr(str()), response_types: arr(str()) },
      { outputSchema: obj({ location: str() }) },
    );
    expect(register.categories).not.toContain('credential-access');
    const link = classifyOperation('POST /signup_links', 'createSignupLink', 'Create a hosted sign-up link', {
      client_id: str(),
      redirect_uri: str(),
    });
    expect(link.categories).not.toContain('credential-access');
  });
});

describe('reading transactions is account information (personal data)', () => {
  it('a read whose object is transactions is personal-data, medium', () => {
    const listed = classifyOperation('GET /ledgers/{id}/transactions', 'listLedgerTransactions', 'List transactions', {
      id: str(),
      since: str(),
    });
    expect(listed.sideEffect).toBe('none');
    expect(listed.categories).toContain('personal-data');
    expect(listed.level).toBe('medium');
    const mcp = classifyTool(toolDef('fetch_transaction', 'Fetches one transaction by id.', { id: str() }), mcpSource);
    expect(mcp.categories).toContain('personal-data');
    expect(mcp.reasons.some((r) => r.includes('account information'))).toBe(true);
  });

  it('database transactions, SQL statements and a transaction that is not the read object are not', () => {
    const db = classifyTool(
      toolDef('list_transactions', 'Lists the open database transactions and their locks.', { pid: str() }),
      mcpSource,
    );
    expect(db.categories).not.toContain('personal-data');
    const sql = classifyOperation('GET /statements', 'listStatements', 'List statements', { status: str() });
    expect(sql.categories).not.toContain('personal-data');
    const types = classifyOperation('GET /transactions/types', 'listTransactionTypes', 'List transaction types', {});
    expect(types.categories).not.toContain('personal-data');
  });
});

describe('a design token is a named style value (W3C Design Tokens Format Module), not a credential', () => {
  it('importing or deleting design tokens is no credential access; an access token still is', () => {
    for (const t of [
      toolDef('import_design_tokens', "Imports design tokens (colours, spacing) into the site's theme.", {
        json: str(),
      }),
      toolDef('delete_design_token', 'Deletes one design token from the theme.', { name: str() }),
    ])
      expect(classifyTool(t, mcpSource).categories, t.name).not.toContain('credential-access');
    const access = classifyTool(toolDef('create_access_token', 'Creates an access token.', { name: str() }), mcpSource);
    expect(access.categories).toContain('credential-access');
  });
});
