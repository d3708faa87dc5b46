/**
 * The twentieth round's classes (ADR 0008), each on invented tools: a JSON:API record's attributes are the record's own
 * fields, so a signing secret returned there is a secret read.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { api, arr, obj, str, toolDef } from './test-support/schema-builders.js';

describe("a JSON:API record's attributes are its own fields", () => {
  const hook = (secret: string) => obj({ id: str(), type: str(), attributes: obj({ url: str(), [secret]: str() }) });

  it('reading an endpoint whose data.attributes carry its signing secret is credential-access, high', () => {
    const one = classifyTool(
      toolDef(
        'GET /endpoints/{id}',
        'Fetch an endpoint',
        { id: str() },
        { outputSchema: obj({ data: hook('signingSecret') }) },
      ),
      api('GET', '/endpoints/{id}', 'getEndpoint'),
    );
    expect(one.sideEffect).toBe('none');
    expect(one.categories).toContain('credential-access');
    expect(one.level).toBe('high');
    const listed = classifyTool(
      toolDef('GET /endpoints', 'List endpoints', {}, { outputSchema: obj({ data: arr(hook('secret')) }) }),
      api('GET', '/endpoints', 'listEndpoints'),
    );
    expect(listed.categories).toContain('credential-access');
    expect(listed.reasons).toContain("returns 'secret'");
  });

  it('related records under included, and secret-like words that are not exact secret fields, are not the record', () => {
    const included = classifyTool(
      toolDef(
        'GET /endpoints/{id}',
        'Fetch an endpoint',
        { id: str() },
        { outputSchema: obj({ data: obj({ id: str() }), included: arr(hook('secret')) }) },
      ),
      api('GET', '/endpoints/{id}', 'getEndpoint'),
    );
    expect(included.categories).not.toContain('credential-access');
    const asset = classifyTool(
      toolDef(
        'GET /images/{id}',
        'Fetch an image',
        { id: str() },
        { outputSchema: obj({ data: hook('previewToken') }) },
      ),
      api('GET', '/images/{id}', 'getImage'),
    );
    expect(asset.categories).not.toContain('credential-access');
    expect(asset.level).toBe('low');
  });
});
