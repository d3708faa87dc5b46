import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfigText, type LoadedConfig } from '../config/load.js';
import { openStores } from '../storage/open-stores.js';
import type { Stores } from '../storage/repositories.js';
import { createDefinitionSigner, openToolSigning, signingKeyFromPem, verifyToolDefinition } from './index.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(yaml = ''): Promise<{ loaded: (y?: string) => LoadedConfig; stores: Stores; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-keyring-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const loaded = (y = yaml): LoadedConfig => {
    const file = join(dir, 'portcullis.yaml');
    return { file, baseDir: dir, dataDir: join(dir, 'data'), config: parseConfigText(y, file) };
  };
  const stores = await openStores(loaded());
  cleanups.push(() => stores.close());
  return { loaded, stores, dir };
}

const pem = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const def = { name: 'notes_read', description: 'Read.', inputSchema: { type: 'object' } };

describe('tool signing keyring', () => {
  it('creates the key on first start, signs, and publishes it; the same key after a restart', async () => {
    const { loaded, stores } = await setup();
    const logs: string[] = [];
    const a = await openToolSigning(loaded(), { store: stores.pins, log: (m) => logs.push(m) });
    const jwks = await a.keys();
    expect(jwks.keys.map((k) => k.kid)).toEqual([a.signer()!.kid]);
    expect(verifyToolDefinition(a.signer()!.sign(def), jwks)).toEqual({ ok: true, kid: a.signer()!.kid });
    expect(logs.join('\n')).toMatch(/tool signing key created at .*tool-signing-key\.pem/);
    // Nothing of the private key in what is logged or published.
    expect(JSON.stringify(jwks)).not.toMatch(/"d"/);
    const b = await openToolSigning(loaded(), { store: stores.pins, log: () => undefined });
    expect(b.signer()!.kid).toBe(a.signer()!.kid);
  });

  it('keeps a rotated-out key published for retiredKeyDays, then drops it; reports the rotation', async () => {
    const { loaded, stores, dir } = await setup();
    let now = new Date('2026-01-01T00:00:00Z');
    const rotations: unknown[] = [];
    const deps = {
      store: stores.pins,
      log: () => undefined,
      now: () => now,
      onRotated: (r: unknown) => rotations.push(r),
    };
    const s = await openToolSigning(loaded(), deps);
    const oldKid = s.signer()!.kid;
    const signedOld = s.signer()!.sign(def);
    writeFileSync(join(dir, 'new.pem'), pem(), { mode: 0o600 });
    now = new Date('2026-01-02T00:00:00Z');
    await s.reload(loaded('pins:\n  signing:\n    keyFile: new.pem\n    retiredKeyDays: 7\n'));
    const newKid = s.signer()!.kid;
    expect(newKid).not.toBe(oldKid);
    expect(rotations).toEqual([{ kid: newKid, previousKid: oldKid }]);
    const published = await s.keys();
    expect(published.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    // A listing signed before the rotation still verifies against the published set.
    expect(verifyToolDefinition(signedOld, published).ok).toBe(true);
    now = new Date('2026-01-09T00:00:01Z'); // past 7 days (and past the 5 s cache)
    expect((await s.keys()).keys.map((k) => k.kid)).toEqual([newKid]);
    expect(verifyToolDefinition(signedOld, await s.keys())).toMatchObject({ ok: false, reason: /unknown key/ });
  });

  it('takes the key from the vault reference in pins.signing.key, and refuses one that is not Ed25519', async () => {
    const { loaded, stores } = await setup();
    const key = pem();
    const secrets = { resolve: async (ref: string) => (ref === '${secret:TOOL_KEY}' ? key : 'not a key') };
    const s = await openToolSigning(loaded('pins:\n  signing:\n    key: "${secret:TOOL_KEY}"\n'), {
      store: stores.pins,
      secrets,
      log: () => undefined,
    });
    expect(s.signer()!.kid).toBe(createDefinitionSigner(signingKeyFromPem(key)).kid);
    await expect(
      openToolSigning(loaded('pins:\n  signing:\n    key: "${secret:OTHER}"\n'), {
        store: stores.pins,
        secrets,
        log: () => undefined,
      }),
    ).rejects.toThrow(/\$\{secret:OTHER\} does not hold an Ed25519 private key/);
  });

  it('publishes nothing and signs nothing when signing is off', async () => {
    const { loaded, stores } = await setup();
    const s = await openToolSigning(loaded('pins:\n  signing:\n    enabled: false\n'), {
      store: stores.pins,
      log: () => undefined,
    });
    expect(s.signer()).toBeUndefined();
    expect(await s.keys()).toEqual({ keys: [] });
  });

  it('a key set read while a rotation is activated is not served after it: the new key is published at once', async () => {
    const { loaded, stores, dir } = await setup();
    // The real SQLite store; only the moment the rotation's activation is stored is steered.
    let steer = false;
    let open = () => {};
    const gate = new Promise<void>((r) => (open = r));
    let entered = () => {};
    const activating = new Promise<void>((r) => (entered = r));
    const store: typeof stores.pins = Object.create(stores.pins) as typeof stores.pins;
    store.activateSigningKey = async (key, at) => {
      if (steer) {
        entered();
        await gate;
      }
      return stores.pins.activateSigningKey(key, at);
    };
    const s = await openToolSigning(loaded(), { store, log: () => undefined });
    const oldKid = s.signer()!.kid;
    writeFileSync(join(dir, 'new.pem'), pem(), { mode: 0o600 });
    steer = true;
    const rotating = s.reload(loaded('pins:\n  signing:\n    keyFile: new.pem\n'));
    await activating;
    // An agent reads the key set while the new key is being activated: the old key is still the active one.
    expect((await s.keys()).keys.map((k) => k.kid)).toEqual([oldKid]);
    open();
    await rotating;
    const newKid = s.signer()!.kid;
    expect(newKid).not.toBe(oldKid);
    // Within the set's cache time: what the new key signs from now on must verify against what is published.
    const published = await s.keys();
    expect(published.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
    expect(verifyToolDefinition(s.signer()!.sign(def), published)).toEqual({ ok: true, kid: newKid });
  });
  it('a reload naming a key it cannot load throws and changes nothing: the running signer (or none) stays', async () => {
    const { loaded, stores, dir } = await setup();
    const off = await openToolSigning(loaded('pins:\n  signing:\n    enabled: false\n'), {
      store: stores.pins,
      log: () => undefined,
    });
    writeFileSync(join(dir, 'bad.pem'), '-----BEGIN PRIVATE KEY-----\nNOTAKEY123\n-----END PRIVATE KEY-----\n', {
      mode: 0o600,
    });
    const bad = loaded('pins:\n  signing:\n    keyFile: bad.pem\n');
    await expect(off.prepare(bad)).rejects.toThrow(
      `tool signing key ${join(dir, 'bad.pem')} does not hold an Ed25519 private key (PKCS#8 PEM)`,
    );
    await expect(off.reload(bad)).rejects.toThrow(/does not hold an Ed25519 private key/);
    expect(off.signer()).toBeUndefined();

    const on = await openToolSigning(loaded(), { store: stores.pins, log: () => undefined });
    const kid = on.signer()!.kid;
    writeFileSync(join(dir, 'open.pem'), pem(), { mode: 0o644 });
    await expect(on.reload(loaded('pins:\n  signing:\n    keyFile: open.pem\n'))).rejects.toThrow(
      /open\.pem is readable by others \(mode 644\); chmod 600 it/,
    );
    expect(on.signer()!.kid).toBe(kid);
    expect((await on.keys()).keys.map((k) => k.kid)).toEqual([kid]);
  });

  it('on reload, a store that cannot record the activation does not leave the gateway unsigned', async () => {
    const { loaded, stores, dir } = await setup();
    let failStore = false;
    const store: typeof stores.pins = Object.create(stores.pins) as typeof stores.pins;
    store.activateSigningKey = async (key, at) => {
      if (failStore) throw new Error('database is locked');
      return stores.pins.activateSigningKey(key, at);
    };
    const logs: string[] = [];
    const s = await openToolSigning(loaded('pins:\n  signing:\n    enabled: false\n'), {
      store,
      log: (m) => logs.push(m),
    });
    writeFileSync(join(dir, 'k.pem'), pem(), { mode: 0o600 });
    failStore = true;
    await s.reload(loaded('pins:\n  signing:\n    keyFile: k.pem\n'));
    const kid = s.signer()?.kid;
    expect(kid).toBeDefined();
    expect((await s.keys()).keys.map((k) => k.kid)).toEqual([kid]);
    expect(logs.join('\n')).toMatch(/not recorded in the store .*database is locked/);
    // At start-up the same store error fails the start.
    await expect(
      openToolSigning(loaded('pins:\n  signing:\n    keyFile: k.pem\n'), { store, log: () => undefined }),
    ).rejects.toThrow('database is locked');
  });
});
