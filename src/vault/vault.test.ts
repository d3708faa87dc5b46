import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StorageSetting } from '../storage/config.js';
import { openStores } from '../storage/open-stores.js';
import type { SecretRow, Stores } from '../storage/repositories.js';
import { contractBackends } from '../storage/test-support/contract-backends.js';
import { deriveKek, generateMasterKey, openSecret, parseMasterKey, sealSecret, VaultCryptoError } from './envelope.js';
import { importLegacyVaultFile, legacyVaultFile } from './legacy-file.js';
import { createKeyring, formatKeyring, parseKeyring } from './master-keys.js';
import { rotateMasterKey } from './rotate-master.js';
import { createVault, sealedOf, type Vault } from './vault.js';

/** The built-in vault over the storage seam, on SQLite and on PostgreSQL. */
const VALUE = 'ghp_ThisIsTheRealValue/+=42';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const backends = contractBackends('vault', (fn) => void cleanups.push(fn));

function forms(v: string): string[] {
  const b = Buffer.from(v);
  return [v, b.toString('base64'), b.toString('base64url'), b.toString('hex'), encodeURIComponent(v)];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const flip = (b64: string): string => {
  const raw = Buffer.from(b64, 'base64url');
  raw[raw.length - 1]! ^= 1;
  return raw.toString('base64url');
};

for (const b of backends) {
  const run = b.available ? describe : describe.skip;
  run(`vault on ${b.name}`, () => {
    let root: string;
    let dataDir: string;
    let keyFile: string;
    let setting: StorageSetting;
    let stores: Stores;
    let vault: Vault;

    beforeEach(async () => {
      root = mkdtempSync(join(tmpdir(), 'portcullis-vault-'));
      cleanups.push(() => rmSync(root, { recursive: true, force: true }));
      setting = await b.fresh();
      dataDir = setting.kind === 'sqlite' ? setting.dataDir : join(root, 'data');
      keyFile = join(root, 'master.keys');
      writeFileSync(keyFile, formatKeyring([generateMasterKey()]), { mode: 0o600 });
      stores = await openStores(setting);
      cleanups.push(() => stores.close());
      vault = createVault({ store: stores.secrets, keyring: createKeyring({ file: keyFile }, { dataDir }) });
    });

    /** Writes a row as an attacker with database access would (same version: the compare-and-set passes). */
    async function tamper(name: string, edit: (r: SecretRow) => SecretRow): Promise<void> {
      const r = (await stores.secrets.get(name))!;
      expect(await stores.secrets.put(edit(r), r.version)).toBe(true);
    }

    it('stores only ciphertext rows (name, version, wrapped key, nonce, tag), never a value or a key', async () => {
      await vault.set('GITHUB_TOKEN', VALUE);
      expect(await vault.reveal('GITHUB_TOKEN')).toBe(VALUE);
      const rows = JSON.stringify(await stores.secrets.list());
      const masterKey = readFileSync(keyFile, 'utf8').split('\n')[1]!;
      for (const f of [...forms(VALUE), masterKey]) expect(rows).not.toContain(f);
      const r = (await stores.secrets.get('GITHUB_TOKEN'))!;
      expect(Buffer.from(r.nonce, 'base64url')).toHaveLength(12);
      expect(Buffer.from(r.tag, 'base64url')).toHaveLength(16);
      expect(Buffer.from(r.wrappedKey, 'base64url')).toHaveLength(12 + 16 + 32);
      if (b.name === 'sqlite') {
        for (const f of filesUnder(dataDir)) {
          const bytes = readFileSync(f);
          for (const form of forms(VALUE)) expect(bytes.includes(Buffer.from(form))).toBe(false);
          expect(statSync(f).mode & 0o777).toBe(0o600);
        }
        expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      }
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
      ['the value ciphertext', 'ciphertext'],
      ['the value tag', 'tag'],
      ['the value nonce', 'nonce'],
      ['the wrapped data key', 'wrappedKey'],
    ] as const)('fails loudly when %s is tampered with', async (_what, column) => {
      await vault.set('A', VALUE);
      await tamper('A', (r) => ({ ...r, [column]: flip(r[column]) }));
      await expect(vault.reveal('A')).rejects.toThrow(VaultCryptoError);
      await expect(vault.reveal('A')).rejects.toThrow(/authentication tag/);
    });

    it('fails loudly for a ciphertext moved to another name or version', async () => {
      await vault.set('A', VALUE);
      await vault.set('B', 'bee-value');
      const a = (await stores.secrets.get('A'))!;
      await tamper('B', (r) => ({ ...a, name: 'B', version: r.version }));
      await expect(vault.reveal('B')).rejects.toThrow(VaultCryptoError);
      await vault.rotate('A', 'second-value');
      await tamper('A', (r) => ({ ...a, version: r.version }));
      await expect(vault.reveal('A')).rejects.toThrow(VaultCryptoError);
    });

    it('fails loudly under a wrong master key, even when the key id is forged', async () => {
      await vault.set('A', VALUE);
      writeFileSync(keyFile, formatKeyring([generateMasterKey()]));
      await expect(vault.reveal('A')).rejects.toThrow(/not configured/);
      const wrong = parseKeyring(readFileSync(keyFile, 'utf8'), keyFile)[0]!;
      await tamper('A', (r) => ({ ...r, kekId: wrong.id }));
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
      const oldWraps = (await stores.secrets.list()).map((r) => r.wrappedKey);
      // A second replica on the same database, reading all along.
      const replica = await openStores(setting);
      cleanups.push(() => replica.close());
      const other = createVault({ store: replica.secrets, keyring: createKeyring({ file: keyFile }, { dataDir }) });
      let stop = false;
      let ok = 0;
      const failures: unknown[] = [];
      const reader = async (v: Vault, k: number): Promise<void> => {
        for (let i = 0; !stop; i++) {
          const n = names[(i + k) % names.length]!;
          try {
            if ((await v.reveal(n)) === `${VALUE}-${n}`) ok++;
            else failures.push(`wrong value for ${n}`);
          } catch (e) {
            failures.push(e);
          }
          await new Promise((r) => setImmediate(r));
        }
      };
      const readers = [reader(vault, 0), reader(vault, 1), reader(other, 2), reader(other, 3)];
      const result = await rotateMasterKey({ store: stores.secrets, source: { file: keyFile }, dataDir });
      stop = true;
      await Promise.all(readers);
      expect(failures).toEqual([]);
      expect(ok).toBeGreaterThan(0);
      expect(result.rewrapped).toBe(names.length);
      expect(result.retiredKeyIds).toEqual([oldKek.id]);
      for (const r of await stores.secrets.list()) {
        expect(r.kekId).toBe(result.keyId);
        expect(() => openSecret([oldKek], r.name, r.version, sealedOf(r))).toThrow(VaultCryptoError);
        expect(await vault.reveal(r.name)).toBe(`${VALUE}-${r.name}`);
        expect(await other.reveal(r.name)).toBe(`${VALUE}-${r.name}`);
      }
      expect(parseKeyring(readFileSync(keyFile, 'utf8'), keyFile).map((k) => k.id)).toEqual([result.keyId]);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      if (b.name === 'sqlite') {
        // No old wrapping is left anywhere in the database files (freed cells zeroed, WAL truncated).
        await replica.close();
        await stores.close();
        const bytes = Buffer.concat(filesUnder(dataDir).map((f) => readFileSync(f)));
        for (const w of oldWraps) expect(bytes.includes(Buffer.from(w))).toBe(false);
      }
    });

    it('rotates with keys from the environment (new key in <VAR>_NEW)', async () => {
      const oldKey = generateMasterKey();
      const newKey = generateMasterKey();
      const env: NodeJS.ProcessEnv = { MK: oldKey };
      const v = createVault({ store: stores.secrets, keyring: createKeyring({ env: 'MK' }, { dataDir, env }) });
      await v.set('A', VALUE);
      const rotate = () => rotateMasterKey({ store: stores.secrets, source: { env: 'MK' }, dataDir, env });
      await expect(rotate()).rejects.toThrow('MK_NEW');
      env.MK_NEW = newKey;
      expect((await rotate()).rewrapped).toBe(1);
      await expect(v.reveal('A')).rejects.toThrow(VaultCryptoError);
      env.MK = newKey;
      expect(await v.reveal('A')).toBe(VALUE);
      const r = (await stores.secrets.get('A'))!;
      expect(() => openSecret([deriveKek(parseMasterKey(oldKey, 'old'))], 'A', r.version, sealedOf(r))).toThrow();
    });

    it('imports a vault file left by an older version once, then removes it', async () => {
      const kek = createKeyring({ file: keyFile }, { dataDir }).primary();
      const rec = (name: string, version: number, value: string) => ({
        name,
        version,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-02T00:00:00.000Z',
        sealed: sealSecret(kek, name, version, value),
      });
      mkdirSync(join(dataDir, 'vault'), { recursive: true, mode: 0o700 });
      const file = legacyVaultFile(dataDir);
      const doc = { format: 1, secrets: [rec('OLD_ONE', 3, VALUE), rec('OLD_TWO', 1, 'two-value')] };
      writeFileSync(file, JSON.stringify(doc), { mode: 0o600 });
      const r = await importLegacyVaultFile(stores.secrets, dataDir);
      expect(r).toMatchObject({ imported: ['OLD_ONE', 'OLD_TWO'], present: [], conflicting: [] });
      expect(() => statSync(file)).toThrow();
      expect(await vault.reveal('OLD_ONE')).toBe(VALUE);
      expect((await vault.list()).map((m) => [m.name, m.version, m.updatedAt])).toEqual([
        ['OLD_ONE', 3, '2026-01-02T00:00:00.000Z'],
        ['OLD_TWO', 1, '2026-01-02T00:00:00.000Z'],
      ]);
      expect(await importLegacyVaultFile(stores.secrets, dataDir)).toBeUndefined();
      // A file whose record the store holds differently is kept (the store wins) and reported.
      await vault.rotate('OLD_TWO', 'two-value-2');
      writeFileSync(file, JSON.stringify(doc), { mode: 0o600 });
      const again = await importLegacyVaultFile(stores.secrets, dataDir);
      expect(again).toMatchObject({ imported: [], present: ['OLD_ONE'], conflicting: ['OLD_TWO'] });
      expect(statSync(file).isFile()).toBe(true);
      expect(await vault.reveal('OLD_TWO')).toBe('two-value-2');
    });
  });
}
