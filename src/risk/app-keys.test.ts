/**
 * The sixteenth round's undeclared-secret reads: an app's keys are the API keys issued to it, and a description that
 * says each returned item carries a secret-named value says the read returns it. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject, ToolDefinition } from '../core/tool.js';
import { classifyTool } from './classify.js';
import { api, arr, mcpSource, obj, str } from './test-support/schema-builders.js';

const def = (name: string, props: JsonObject, extra: Partial<ToolDefinition> = {}): ToolDefinition => ({
  name,
  inputSchema: obj(props),
  ...extra,
});

describe("an app's keys are its API keys", () => {
  it('listing the keys under an app, application or client (no output schema) is credential-access, high', () => {
    for (const [path, owner] of [
      ['/apps/{app_id}/keys', 'app_id'],
      ['/v1/applications/{applicationId}/keys', 'applicationId'],
      ['/clients/{client}/keys', 'client'],
    ] as const) {
      const a = classifyTool(
        def(`GET ${path}`, { [owner]: str() }, { description: 'Lists keys' }),
        api('GET', path, `GET ${path}`),
      );
      expect(a.sideEffect, path).toBe('none');
      expect(a.categories, path).toContain('credential-access');
      expect(a.level, path).toBe('high');
    }
  });

  it('an MCP tool or a description naming app or application keys is credential-access', () => {
    const named = classifyTool(def('list_app_keys', { app: str() }), mcpSource);
    expect(named.categories).toContain('credential-access');
    expect(named.level).toBe('high');
    const prose = classifyTool(
      def('get_credentials_of', { app: str() }, { description: 'Returns the application keys of an app.' }),
      mcpSource,
    );
    expect(prose.categories).toContain('credential-access');
  });

  it('keys under anything else (a bucket, a project, a store) are not credential-access by this rule', () => {
    for (const path of [
      '/buckets/{bucket}/keys',
      '/projects/{id}/keys',
      '/v2/keys',
      '/apps/{app_id}/keys/{key}/usage',
    ]) {
      const a = classifyTool(
        def(`GET ${path}`, { id: str() }, { description: 'Lists keys' }),
        api('GET', path, `GET ${path}`),
      );
      expect(a.categories, path).not.toContain('credential-access');
      expect(a.level, path).toBe('low');
    }
  });

  it("an app's keys whose declared output holds no value field, or whose description says metadata, are not", () => {
    const declared = classifyTool(
      def(
        'GET /apps/{app_id}/keys',
        { app_id: str() },
        { outputSchema: obj({ keys: arr(obj({ id: str(), name: str(), created: str(), status: str() })) }) },
      ),
      api('GET', '/apps/{app_id}/keys', 'GET /apps/{app_id}/keys'),
    );
    expect(declared.categories).not.toContain('credential-access');
    expect(declared.level).toBe('low');
    const metadata = classifyTool(
      def(
        'list_app_keys',
        { app: str() },
        { description: 'Returns the names and ids only; does not return the key values.' },
      ),
      mcpSource,
    );
    expect(metadata.categories).not.toContain('credential-access');
  });

  it('creating or deleting is not read by this rule: they are what they were', () => {
    const del = classifyTool(
      def('DELETE /apps/{app_id}/keys/{key_id}', { app_id: str(), key_id: str() }),
      api('DELETE', '/apps/{app_id}/keys/{key_id}', 'DELETE /apps/{app_id}/keys/{key_id}'),
    );
    expect(del.categories).toContain('destructive');
    expect(del.reasons.join(' ')).not.toMatch(/an app's keys are its API keys/);
  });
});

describe('each returned item carries a secret-named value', () => {
  it('"Each application has its own client_id and api_key" on a list is credential-access, high', () => {
    const a = classifyTool(
      def(
        'list_applications',
        { org: str() },
        { description: 'List applications. Each application has its own client_id and api_key.' },
      ),
      mcpSource,
    );
    expect(a.sideEffect).toBe('none');
    expect(a.categories).toContain('credential-access');
    expect(a.level).toBe('high');
  });

  it('items that carry only names and owners are not', () => {
    const a = classifyTool(
      def(
        'list_applications',
        { org: str() },
        { description: 'List applications. Each application has its own name and owner.' },
      ),
      mcpSource,
    );
    expect(a.categories).not.toContain('credential-access');
    expect(a.level).toBe('low');
  });
});
