/**
 * The caller's own API key sent in a request body is how the call is made, not a credential the tool reads or sets
 * (caller-keys.ts). Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { api, classifyOperation, mcpSource, obj, str, toolDef } from './test-support/schema-builders.js';

describe("the caller's own API key in a request body", () => {
  it('a numbered api key field, or one described as the client’s api key, is no credential', () => {
    const trip = classifyOperation('POST /trips', 'recordTrip', 'Records a trip and returns its emissions.', {
      apiKey_l1: str('apikey_l1 (Like: 5f1c0a2e)'),
      apiKey_l2: str('Integration Partner Api Key'),
      distance: { type: 'number' },
    });
    expect(trip.sideEffect, trip.reasons.join(' | ')).toBe('data-change');
    expect(trip.categories, trip.reasons.join(' | ')).toEqual([]);
    expect(trip.level, trip.reasons.join(' | ')).toBe('medium');
  });

  it('a key the service says it issued to the caller is no credential', () => {
    const album = classifyOperation('POST /albums', 'createAlbum', 'Creates an album.', {
      accessKey: str('The access key provided by PhotoVault'),
      secretKey: str('The secret key provided by PhotoVault'),
      title: str(),
    });
    expect(album.categories, album.reasons.join(' | ')).toEqual([]);
    expect(album.level, album.reasons.join(' | ')).toBe('medium');
  });

  it("a sample request showing the caller's key, and the key echoed back, are no credential", () => {
    const summary = classifyTool(
      toolDef(
        'POST /v1/summary',
        'Summarize a text.\n\nSample request:\n\n    {\n      "Text": "A long text.",\n      "PrivateKey": "your_api_key"\n    }',
        { Text: str(), PrivateKey: str() },
        { outputSchema: obj({ Summary: str(), Request: obj({ Text: str(), PrivateKey: str() }) }) },
      ),
      api('POST', '/v1/summary', 'summarizeText'),
    );
    expect(summary.sideEffect, summary.reasons.join(' | ')).toBe('none');
    expect(summary.categories, summary.reasons.join(' | ')).toEqual([]);
  });

  it("a new key returned under another name than the caller's key is still a credential read", () => {
    // The caller's own key goes in (`apiKey_l1`), a freshly issued one comes back (`apiKey`, `NewPrivateKey`): only a
    // returned field under the very name of a dropped input is the request echoed back.
    const rotated = classifyOperation(
      'POST /keys/rotate',
      'rotateKey',
      'Rotates the integration key and returns the new one.',
      { apiKey_l1: str('apikey_l1 (Like: 5f1c0a2e)') },
      { outputSchema: obj({ apiKey: str(), expires: str() }) },
    );
    const renewed = classifyTool(
      toolDef(
        'POST /v1/renew',
        'Renew access.\n\nSample request:\n\n    {\n      "PrivateKey": "your_api_key"\n    }',
        { PrivateKey: str() },
        { outputSchema: obj({ NewPrivateKey: str(), Request: obj({ PrivateKey: str() }) }) },
      ),
      api('POST', '/v1/renew', 'renewAccess'),
    );
    for (const a of [rotated, renewed]) {
      expect(a.categories, a.reasons.join(' | ')).toContain('credential-access');
      expect(a.level, a.reasons.join(' | ')).toBe('high');
    }
  });

  it('keys a tool creates, stores or uses for a third party stay credentials', () => {
    const created = classifyOperation(
      'POST /keys',
      'createApiKey',
      'Creates an API key.',
      { name: str() },
      {
        outputSchema: obj({ apiKey: str() }),
      },
    );
    const stored = classifyOperation('PUT /vault/{name}', 'putSecret', 'Stores a secret.', {
      name: str(),
      secretKey: str('The secret key to store'),
    });
    // An MCP tool's key is one it uses on the caller's behalf with a third party.
    const bucket = classifyTool(
      toolDef('create_bucket', 'Create a storage bucket.', {
        name: str(),
        secretKey: str('The secret key provided by the storage network'),
      }),
      mcpSource,
    );
    for (const a of [created, stored, bucket])
      expect(a.categories, a.reasons.join(' | ')).toContain('credential-access');
  });
});

describe('confirming a transaction', () => {
  it('confirming the transaction a required input names commits to pay', () => {
    const a = classifyOperation(
      'PATCH /bookings/confirm',
      'confirmBooking',
      'confirmBooking',
      { confirm: str('Confirm (Value = y/n)'), transaction_id: str('transaction_id') },
      { inputSchema: { ...obj({ confirm: str(), transaction_id: str() }), required: ['confirm', 'transaction_id'] } },
    );
    expect(a.categories, a.reasons.join(' | ')).toContain('financial');
    expect(a.level, a.reasons.join(' | ')).toBe('high');
  });

  it('confirming something else, or reading a confirmation, is no purchase', () => {
    const email = classifyOperation('POST /users/confirm', 'confirmEmail', 'Confirms a user’s e-mail address.', {
      user_id: str(),
      code: str(),
    });
    const read = classifyOperation(
      'GET /transactions/{transaction_id}/confirmation',
      'getConfirmation',
      'Returns a confirmation.',
      { transaction_id: str() },
      { inputSchema: { ...obj({ transaction_id: str() }), required: ['transaction_id'] } },
    );
    for (const a of [email, read]) expect(a.categories, a.reasons.join(' | ')).not.toContain('financial');
  });
});
