/**
 * Credentials handed back without being called secrets (grant-artefacts.ts, ADR 0008): a device authorization code
 * (RFC 8628) and an API's singular `key` resource read by GET with no response schema. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { api, classifyOperation, mcpSource, obj, str, toolDef } from './test-support/schema-builders.js';

describe('a device authorization code is a credential', () => {
  it('requesting a device code or a user code for a device is credential-access, high', () => {
    const tv = classifyOperation(
      'POST /tv/pairing-code',
      'requestDevicePairingCode',
      'Request a device pairing code. Show it on the screen; the viewer enters it on the website to sign the set in.',
      { serial: str() },
      { outputSchema: obj({ code: str(), expiresIn: str() }) },
    );
    expect(tv.categories).toContain('credential-access');
    expect(tv.level).toBe('high');
    const cli = classifyTool(
      toolDef('start_login', 'Starts a sign-in: returns a user code for the device and the URL to enter it at.', {
        client: str(),
      }),
      mcpSource,
    );
    expect(cli.categories).toContain('credential-access');
    expect(cli.level).toBe('high');
  });

  it('approving or denying a device decides access; it hands out no code', () => {
    const approve = classifyTool(
      toolDef('deny_device', 'Deny a pending device authorization code request.', { requestId: str() }),
      mcpSource,
    );
    expect(approve.reasons.join(' ')).not.toMatch(/RFC 8628/);
  });
});

describe("GET of an API's singular key resource with no response schema returns the key", () => {
  it('GET /key and GET /account/key with nothing declared are credential-access, high', () => {
    for (const path of ['/key', '/account/key']) {
      const a = classifyTool(toolDef(`GET ${path}`, `GET ${path}`, { token: str() }), api('GET', path, `get${path}`));
      expect(a.categories, path).toContain('credential-access');
      expect(a.level, path).toBe('high');
    }
  });

  it('a list of keys, a key named by a path parameter and a declared response are not', () => {
    const list = classifyOperation('GET /keys', 'listKeys', 'GET /keys', {});
    expect(list.reasons.join(' ')).not.toMatch(/singular resource/);
    const lookup = classifyOperation('GET /cache/{key}', 'getCacheEntry', 'GET /cache/{key}', { key: str() });
    expect(lookup.reasons.join(' ')).not.toMatch(/singular resource/);
    const declared = classifyOperation(
      'GET /map/key',
      'getMapKey',
      'The legend of the map.',
      {},
      { outputSchema: obj({ colour: str(), label: str() }) },
    );
    expect(declared.categories).not.toContain('credential-access');
    expect(declared.level).toBe('low');
  });
});
