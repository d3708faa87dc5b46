/**
 * The seventeenth round's pieces of the undeclared-secret class (ADR 0008): a PKCS #12 key container (RFC 7292: a .p12
 * or .pfx file is a private key with its certificates) and a push provider (APNs or FCM credentials) hold secrets
 * whatever the schema declares. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../core/tool.js';
import { classifyTool } from './classify.js';
import { arr, classifyOperation, mcpSource, obj, str, toolDef } from './test-support/schema-builders.js';

describe('a PKCS #12 key container is key material', () => {
  it('uploading or downloading a .p12 / .pfx / pkcs12 moves a private key: credential-access, high', () => {
    const upload = classifyOperation(
      'POST /projects/{id}/signing/pkcs12',
      'replaceSigningIdentity',
      'Replaces the signing identity',
      { id: str(), file: str() },
    );
    expect(upload.categories).toContain('credential-access');
    expect(upload.level).toBe('high');
    const download = classifyTool(
      toolDef('export_identity', 'Exports the client identity as a .pfx file.', { name: str() }),
      mcpSource,
    );
    expect(download.sideEffect).toBe('none');
    expect(download.categories).toContain('credential-access');
    expect(download.reasons.some((r) => r.includes('PKCS #12 key container'))).toBe(true);
  });

  it('a word that only contains the letters is not one ("p120", "mp12x")', () => {
    for (const t of [
      toolDef('get_p120_stats', 'Reads the p120 sensor statistics.', { id: str() }),
      toolDef('list_mp12x_models', 'Lists mp12x printer models.', {}),
    ])
      expect(classifyTool(t, mcpSource).categories, t.name).not.toContain('credential-access');
  });
});

describe("a push provider's settings are push credentials", () => {
  it('reading push providers with no declared output is credential-access, high', () => {
    const a = classifyOperation('GET /v1/push_providers', 'ListPushProviders', 'List push providers', {});
    expect(a.sideEffect).toBe('none');
    expect(a.categories).toContain('credential-access');
    expect(a.level).toBe('high');
    expect(classifyTool(toolDef('get_push_provider', 'Gets a push provider.', { id: str() }), mcpSource).level).toBe(
      'high',
    );
  });

  it('a declared output without a value field is metadata; a push notification is no credential', () => {
    const listed: JsonObject = obj({ providers: arr(obj({ id: str(), name: str(), type: str() })) });
    const a = classifyTool(
      toolDef('list_push_providers', 'Lists push providers.', {}, { outputSchema: listed }),
      mcpSource,
    );
    expect(a.categories).not.toContain('credential-access');
    const sent = classifyTool(
      toolDef('send_push_notification', 'Sends a push notification to a device.', { token: str(), title: str() }),
      mcpSource,
    );
    expect(sent.categories).toContain('external-communication');
    expect(sent.reasons.some((r) => r.includes('pushprovider'))).toBe(false);
  });
});
