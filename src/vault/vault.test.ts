import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveKek, generateMasterKey, openSecret, parseMasterKey, VaultCryptoError } from './envelope.js';
import { createFileSecretRepository, vaultFilePath } from './file-secret-repository.js';
import { createKeyring, formatKeyring, parseKeyring } from './master-keys.js';
import { rotateMasterKey } from './rotate-master.js';
import type { SecretRepository } from './secret-repository.js';
import { createVault, type Vault } from './vault.js';

const VALUE = 'ghp_ThisIsTheRealValue/+=42';

let root: string;
let dataDir: string;
let keyFile: string;
let repo: SecretRepository;
let vault: Vault;

function forms(v: string): string[] {
  const b = Buffer.from(v);
  return [v, b.toString('base64'), b.toString('base64url'), b.toString('hex'), encodeURIComponent(v)];
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'portcullis-vault-'));
  dataDir = join(root, 'data');
  keyFile = join(root, 'master.keys');
  writeFileSync(keyFile, formatKeyring([generateMasterKey()]), { mode: 0o600 });
  repo = createFileSecretRepository(dataDir);
  vault = createVault({ repo, keyring: createKeyring({ file: keyFile }, { dataDir }) });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function tamper(name: string, edit: (sealed: string) => string): Promise<void> {
  const file = vaultFilePath(dataDir);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { secrets: { name: string; sealed: string }[] };
  for (const s of doc.secrets) if (s.name === name) s.sealed = edit(s.sealed);
  writeFileSync(file, JSON.stringify(doc));
  await Promise.resolve();
}

function flip(part: number): (sealed: string) => string {
  return (sealed) => {
    const parts = sealed.split('.');
    const raw = Buffer.from(parts[part]!, 'base64url');
    raw[raw.length - 1]! ^= 1;
    parts[part] = raw.toString('base64url');
    return parts.join('.');
  };
}

describe('vault', () => {
  it('stores only ciphertext, in 0600 files under a 0700 directory', async () => {
    await vault.set('GITHUB_TOKEN', VALUE);
    expect(await vault.reveal('GITHUB_TOKEN')).toBe(VALUE);
    const file = vaultFilePath(dataDir);
    const bytes = readFileSync(file, 'utf8');
    for (const f of forms(VALUE)) expect(bytes).not.toContain(f);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'vault')).mode & 0o777).toBe(0o700);
  });

  it('lists names, versions and times, never values', async () => {
    await vault.set('A', VALUE);
    await vault.rotate('A', `${VALUE}-2`);
    await vault.create('B', 'another-value');
    const list = await vault.list();
    expect(list.map((m) => [m.name, m.version])).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
    for (const f of [...forms(VALUE), 'another-value']) expect(JSON.stringify(list)).not.toContain(f);
    expect(await vault.reveal('A')).toBe(`${VALUE}-2`);
    await expect(vault.create('B', 'x-value')).rejects.toThrow('already exists');
    await expect(vault.rotate('C', 'x-value')).rejects.toThrow('no secret named C');
    expect(await vault.delete('B')).toBe(true);
    await expect(vault.reveal('B')).rejects.toThrow('no secret named B');
  });

  it.each([
    ['the value ciphertext', 3],
    ['the wrapped data key', 2],
  ])('fails loudly when %s is tampered with', async (_what, part) => {
    await vault.set('A', VALUE);
    await tamper('A', flip(part));
    await expect(vault.reveal('A')).rejects.toThrow(VaultCryptoError);
    await expect(vault.reveal('A')).rejects.toThrow(/authentication tag/);
  });

  it('fails loudly for a ciphertext moved to another name or version', async () => {
    await vault.set('A', VALUE);
    await vault.set('B', 'bee-value');
    const a = (await repo.get('A'))!;
    await tamper('B', () => a.sealed);
    await expect(vault.reveal('B')).rejects.toThrow(VaultCryptoError);
    await vault.rotate('A', 'second-value');
    await tamper('A', () => a.sealed);
    await expect(vault.reveal('A')).rejects.toThrow(VaultCryptoError);
  });

  it('fails loudly under a wrong master key, even when the key id is forged', async () => {
    await vault.set('A', VALUE);
    writeFileSync(keyFile, formatKeyring([generateMasterKey()]));
    await expect(vault.reveal('A')).rejects.toThrow(/not configured/);
    const wrong = parseKeyring(readFileSync(keyFile, 'utf8'), keyFile)[0]!;
    await tamper('A', (s) => s.replace(/^pcv1\.[0-9a-f]{16}\./, `pcv1.${wrong.id}.`));
    await expect(vault.reveal('A')).rejects.toThrow(/authentication tag/);
  });

  it('refuses a key file beside the data or readable by others, and a malformed key', () => {
    expect(() => createKeyring({ file: join(dataDir, 'k') }, { dataDir })).toThrow(/inside the data directory/);
    chmodSync(keyFile, 0o644);
    expect(() => createKeyring({ file: keyFile }, { dataDir }).primary()).toThrow(/readable by others/);
    expect(() => parseMasterKey('short', 'X')).toThrow(/32 random bytes/);
    expect(() => createKeyring({ env: 'NO_SUCH_VAR_X' }, { dataDir, env: {} }).primary()).toThrow(/NO_SUCH_VAR_X/);
  });

  it('rotates the master key under load: no failed read, and the old key opens nothing afterwards', async () => {
    const names = Array.from({ length: 25 }, (_, i) => `S${i}`);
    for (const n of names) await vault.set(n, `${VALUE}-${n}`);
    const oldKek = parseKeyring(readFileSync(keyFile, 'utf8'), keyFile)[0]!;
    let stop = false;
    let ok = 0;
    const failures: unknown[] = [];
    const reader = async (k: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const n = names[(i + k) % names.length]!;
        try {
          if ((await vault.reveal(n)) === `${VALUE}-${n}`) ok++;
          else failures.push(`wrong value for ${n}`);
        } catch (e) {
          failures.push(e);
        }
        await new Promise((r) => setImmediate(r));
      }
    };
    const readers = [0, 1, 2, 3].map(reader);
    const before = ok;
    const result = await rotateMasterKey({ repo, source: { file: keyFile }, dataDir });
    const during = ok - before;
    stop = true;
    await Promise.all(readers);
    expect(failures).toEqual([]);
    expect(during + before).toBeGreaterThan(0);
    expect(result.rewrapped).toBe(names.length);
    expect(result.retiredKeyIds).toEqual([oldKek.id]);
    for (const r of await repo.list()) {
      expect(() => openSecret([oldKek], r.name, r.version, r.sealed)).toThrow(VaultCryptoError);
      expect(await vault.reveal(r.name)).toBe(`${VALUE}-${r.name}`);
    }
    expect(parseKeyring(readFileSync(keyFile, 'utf8'), keyFile).map((k) => k.id)).toEqual([result.keyId]);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('rotates with keys from the environment (new key in <VAR>_NEW)', async () => {
    const oldKey = generateMasterKey();
    const newKey = generateMasterKey();
    const env: NodeJS.ProcessEnv = { MK: oldKey };
    const v = createVault({ repo, keyring: createKeyring({ env: 'MK' }, { dataDir, env }) });
    await v.set('A', VALUE);
    await expect(rotateMasterKey({ repo, source: { env: 'MK' }, dataDir, env })).rejects.toThrow('MK_NEW');
    env.MK_NEW = newKey;
    expect((await rotateMasterKey({ repo, source: { env: 'MK' }, dataDir, env })).rewrapped).toBe(1);
    await expect(v.reveal('A')).rejects.toThrow(VaultCryptoError);
    env.MK = newKey;
    expect(await v.reveal('A')).toBe(VALUE);
    const r = (await repo.get('A'))!;
    expect(() => openSecret([deriveKek(parseMasterKey(oldKey, 'old'))], 'A', r.version, r.sealed)).toThrow();
  });
});
