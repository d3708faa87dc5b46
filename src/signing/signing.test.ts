import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalize } from '../audit/canonical-json.js';
import { createDefinitionSigner, loadOrCreateSigningKey, verifyToolDefinition, verifyToolList } from './index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

type Def = { _meta: Record<string, unknown> } & Record<string, unknown>;
const definition: Def = {
  name: 'notes_read_file',
  description: 'Read a file.',
  inputSchema: { type: 'object', properties: { path: { type: 'string', maxLength: 4096 } }, required: ['path'] },
  annotations: { readOnlyHint: true, openWorldHint: false },
  _meta: { 'io.portcullis/risk': { level: 'low', categories: ['read'] } },
};

const signer = createDefinitionSigner(generateKeyPairSync('ed25519').privateKey);
const keys = { keys: [signer.jwk] };

describe('signed tool definitions', () => {
  it('signs under _meta with kid and EdDSA, and the signature verifies against the published JWK', () => {
    const signed = signer.sign(definition);
    expect(signed._meta['io.portcullis/signature']).toEqual({
      kid: signer.kid,
      alg: 'EdDSA',
      sig: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/),
    });
    expect(signed._meta['io.portcullis/risk']).toEqual(definition._meta['io.portcullis/risk']);
    expect(verifyToolDefinition(signed, keys)).toEqual({ ok: true, kid: signer.kid });
    // The JWK is an RFC 7638-identified public key and nothing more.
    expect(Object.keys(signer.jwk).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    // Key order and a JSON round trip do not matter (canonical JSON).
    const reordered = JSON.parse(canonicalize(signed)) as object;
    expect(verifyToolDefinition(reordered, keys).ok).toBe(true);
  });

  it('fails after any byte of the definition changes', () => {
    const text = JSON.stringify(signer.sign(definition));
    const original = canonicalize(JSON.parse(text));
    let tried = 0;
    for (let i = 0; i < text.length; i++) {
      for (const c of ['x', '1', ' ']) {
        if (text[i] === c) continue;
        let changed: unknown;
        try {
          changed = JSON.parse(text.slice(0, i) + c + text.slice(i + 1));
        } catch {
          continue;
        }
        if (canonicalize(changed) === original) continue; // whitespace between tokens: the same JSON
        tried++;
        expect(verifyToolDefinition(changed, keys).ok, `byte ${i} → ${c}`).toBe(false);
      }
    }
    expect(tried).toBeGreaterThan(text.length);
  });

  it('refuses unsigned definitions, unknown keys and malformed signatures with a reason', () => {
    expect(verifyToolDefinition(definition, keys)).toMatchObject({ ok: false, reason: /no signature/ });
    const other = createDefinitionSigner(generateKeyPairSync('ed25519').privateKey);
    expect(verifyToolDefinition(other.sign(definition), keys)).toMatchObject({ ok: false, reason: /unknown key/ });
    // Same kid, other key: the signature does not verify.
    const forged = other.sign(definition);
    forged._meta['io.portcullis/signature'] = {
      ...(forged._meta['io.portcullis/signature'] as object),
      kid: signer.kid,
    };
    expect(verifyToolDefinition(forged, keys)).toMatchObject({ ok: false, reason: 'signature does not verify' });
    const short = signer.sign(definition);
    short._meta['io.portcullis/signature'] = { kid: signer.kid, alg: 'EdDSA', sig: 'AAAA' };
    expect(verifyToolDefinition(short, keys)).toMatchObject({ ok: false, reason: /64 bytes/ });
    // Another spelling of the same 64 bytes (the last character's unused bits, a stray character) is refused.
    const good = signer.sign(definition);
    const sig = (good._meta['io.portcullis/signature'] as { sig: string }).sig;
    const last = 'AQgw'.indexOf(sig.at(-1)!) >= 0 ? String.fromCharCode(sig.charCodeAt(85) + 1) : undefined;
    for (const variant of [...(last ? [sig.slice(0, 85) + last] : []), `${sig.slice(0, 40)}.${sig.slice(40)}`]) {
      const other = {
        ...good,
        _meta: { ...good._meta, 'io.portcullis/signature': { kid: signer.kid, alg: 'EdDSA', sig: variant } },
      };
      expect(verifyToolDefinition(other, keys).ok, variant).toBe(false);
    }
    expect(verifyToolDefinition('x', keys).ok).toBe(false);
  });

  it('verifies a whole tools/list result, failing when any tool fails', () => {
    const a = signer.sign(definition);
    const b = signer.sign({ ...definition, name: 'notes_search' });
    expect(verifyToolList({ tools: [a, b] }, keys).ok).toBe(true);
    const bad = verifyToolList({ tools: [a, { ...b, description: 'Search.' }] }, keys);
    expect(bad.ok).toBe(false);
    expect(bad.tools.map((t) => t.ok)).toEqual([true, false]);
    expect(verifyToolList({ tools: [] }, keys).ok).toBe(false);
  });

  it('creates the key file once with mode 0600, reuses it, and refuses one readable by others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-sign-'));
    dirs.push(dir);
    const file = join(dir, 'data', 'tool-signing-key.pem');
    const first = await loadOrCreateSigningKey(file);
    expect(first.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateSigningKey(file);
    expect(again.created).toBe(false);
    expect(createDefinitionSigner(again.key).kid).toBe(createDefinitionSigner(first.key).kid);
    chmodSync(file, 0o644);
    await expect(loadOrCreateSigningKey(file)).rejects.toThrow(/readable by others/);
    const rsa = join(dir, 'rsa.pem');
    writeFileSync(
      rsa,
      generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
      { mode: 0o600 },
    );
    await expect(loadOrCreateSigningKey(rsa)).rejects.toThrow(/Ed25519/);
  });
});
