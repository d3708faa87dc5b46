/**
 * Category error classes of held-out 7, tested as classes on invented tools (not the labelled ones): key
 * material sent under a plain field name, a reveal switch, made-up passwords, tokens a call passes, names glued
 * to digits, negated destructive wording, returned metadata lists, communication nouns on removals and as
 * qualifiers, and list responses as evidence.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject, ToolSource } from '../core/tool.js';
import { classifyTool } from './classify.js';
import { api, arr, mcpSource as mcp, obj, str, toolDef as def } from './test-support/schema-builders.js';

const bool = (description = ''): JsonObject => ({ type: 'boolean', description });
const num = (): JsonObject => ({ type: 'integer' });

describe('credential access: values, not names', () => {
  it('a change that sends secret key material under a plain name creates or replaces a credential', () => {
    const a = classifyTool(
      def('createHmacKey', 'Adds a key for signing zone transfers.', {
        name: str(),
        material: str('The base64 shared secret used to sign messages'),
      }),
      api('POST', '/servers/{id}/hmackeys', 'createHmacKey'),
    );
    expect(a.categories).toContain('credential-access');
    expect(a.level).toBe('high');
  });

  it('a field that names a key (its name, id or ARN) sends no key material', () => {
    const a = classifyTool(
      def('updateBucket', 'Updates a bucket.', { kmsKeyName: str('The encryption key that protects the bucket') }),
      api('PATCH', '/buckets/{id}', 'updateBucket'),
    );
    expect(a.categories).not.toContain('credential-access');
  });

  it('a read with a reveal switch returns secret values', () => {
    const a = classifyTool(
      def('entry_show', 'Show an entry of a store with its fields.', { entryId: str(), reveal: bool() }),
      mcp,
    );
    expect(a.sideEffect).toBe('none');
    expect(a.categories).toContain('credential-access');
    expect(a.reasons.join(' ')).toMatch(/field 'reveal' returns secret values in clear/);
  });

  it('generating a random password for no one is a plain read', () => {
    const a = classifyTool(
      def('random_password', 'Generate a random password from letters and digits.', {
        length: num(),
        symbols: bool(),
      }),
      mcp,
    );
    expect(a).toMatchObject({ sideEffect: 'none', level: 'low', categories: [] });
  });

  it('generating a password for an existing account, or generating an API key, still counts', () => {
    const forUser = classifyTool(
      def('generate_password', 'Generate a new password for a user.', { userId: str(), length: num() }),
      mcp,
    );
    expect(forUser.categories).toContain('credential-access');
    const key = classifyTool(def('generate_api_key', 'Generate an API key.', { projectId: str() }), mcp);
    expect(key.sideEffect).not.toBe('none');
    expect(key.categories).toContain('credential-access');
  });

  it('a token field on a change that acts on no credential is passed, not set', () => {
    const a = classifyTool(
      def('cancel_order', 'Cancel an order.', { orderId: str(), requestToken: str(), fraudToken: str() }),
      mcp,
    );
    expect(a.categories).not.toContain('credential-access');
    const pw = classifyTool(def('update_login', 'Update a login.', { loginId: str(), password: str() }), mcp);
    expect(pw.categories).toContain('credential-access');
  });

  it('a brand glued to a digit is a name, not a secret word', () => {
    const a = classifyTool(def('list_folders', 'List folders of a 2Secret workspace.', { workspace: str() }), mcp);
    expect(a.categories).not.toContain('credential-access');
  });

  it('"returns item IDs, titles and tags": a listed output of metadata holds no secret', () => {
    const a = classifyTool(
      def('find_entries', 'Find entries in a vault. Returns entry IDs, titles, and tags.', { vaultId: str() }),
      mcp,
    );
    expect(a.categories).not.toContain('credential-access');
  });
});

describe('destructive wording and communication nouns', () => {
  it('negated destructive wording is not destructive', () => {
    const a = classifyTool(
      def('shelve_record', 'Shelve a record: it is hidden rather than permanently deleted.', { id: str() }),
      mcp,
    );
    expect(a.categories).not.toContain('destructive');
  });

  it('removing or cancelling something sends nothing', () => {
    const deleted = classifyTool(def('delete_webhook', 'Deletes a webhook.', { id: str() }), mcp);
    expect(deleted.categories).not.toContain('external-communication');
    expect(deleted.categories).toContain('destructive');
    // Cancelling a scheduled send stops it before it happens: a plain change since the twenty-seventh round
    // (scheduled-sends.ts; dev labels an SMS API's and a push API's cancels so).
    const cancelled = classifyTool(def('cancel_sms', 'Cancels a scheduled SMS.', { id: str() }), mcp);
    expect(cancelled.categories).not.toContain('external-communication');
    expect(cancelled.categories).not.toContain('destructive');
    expect(cancelled.sideEffect).toBe('data-change');
  });

  it('a communication noun qualifying another noun names a setting, not a message sent', () => {
    const a = classifyTool(
      def('update_notification_preferences', 'Update preferences.', { channel: str(), enabled: bool() }),
      mcp,
    );
    expect(a.categories).not.toContain('external-communication');
    const sent = classifyTool(def('create_notification', 'Create a notification.', { title: str() }), mcp);
    expect(sent.categories).toContain('external-communication');
  });
});

describe('list responses as evidence', () => {
  it('an OpenAPI list response schema (source.responseSchema) counts like an output schema', () => {
    const records = arr(obj({ id: str(), email: str(), first_name: str() }));
    const source: ToolSource = {
      kind: 'openapi',
      backend: 't',
      method: 'GET',
      path: '/signups',
      responseSchema: records,
    };
    const a = classifyTool(def('GET /signups', 'List sign-ups.', {}), source);
    expect(a.categories).toContain('personal-data');
    expect(a.level).toBe('medium');
    const bare = classifyTool(def('listSignups', 'List sign-ups.', {}), api('GET', '/signups', 'listSignups'));
    expect(bare.categories).not.toContain('personal-data');
  });

  it('a description saying a secret-named value is returned is a secret read', () => {
    const a = classifyTool(
      def('get_hook', 'Retrieve a hook. The signingSecret is returned for verifying payloads.', { hookId: str() }),
      mcp,
    );
    expect(a.sideEffect).toBe('none');
    expect(a.categories).toContain('credential-access');
    expect(a.level).toBe('high');
  });

  it("a filter in a database's own query language is code the database runs; a search filter syntax is not", () => {
    const mongo = classifyTool(
      def('lookup', 'Look up documents.', {
        filter: { type: 'object', description: 'The filter, in the syntax of the query argument of db.items.find()' },
      }),
      mcp,
    );
    expect(mongo.categories).toContain('code-execution');
    const search = classifyTool(
      def('search_events', 'Search events.', { query: str('A query in the search syntax, e.g. level:error') }),
      mcp,
    );
    expect(search.categories).not.toContain('code-execution');
  });
});
