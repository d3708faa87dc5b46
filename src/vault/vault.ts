/**
 * The built-in vault: named secrets, versioned, sealed with envelope encryption (envelope.ts) and kept in a
 * SecretRepository. Values enter through set/rotate and leave only through reveal(), which the outbound
 * path (secret references) calls at call time; list() never returns a value.
 */
import { openSecret, rewrapSecret, sealSecret, sealedKekId, type Kek } from './envelope.js';
import type { Keyring } from './master-keys.js';
import type { SecretRecord, SecretRepository } from './secret-repository.js';

export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

export class SecretNotFoundError extends Error {
  override readonly name = 'SecretNotFoundError';
}

export interface SecretMeta {
  name: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Id of the master key the data key is wrapped with (not secret). */
  keyId: string;
}

export interface Vault {
  list(): Promise<SecretMeta[]>;
  /** Creates a secret (version 1); refuses an existing name. */
  create(name: string, value: string): Promise<SecretMeta>;
  /** Sets a secret: version 1 when new, else the next version. */
  set(name: string, value: string): Promise<SecretMeta>;
  /** Replaces an existing secret's value with a new version; refuses an unknown name. */
  rotate(name: string, value: string): Promise<SecretMeta>;
  delete(name: string): Promise<boolean>;
  /** The current value. Throws VaultCryptoError when it does not open, SecretNotFoundError when absent. */
  reveal(name: string): Promise<string>;
  /** Re-wraps every data key under the keyring's primary key (or `to`); returns how many were re-wrapped. */
  rewrapAll(to?: Kek): Promise<number>;
}

function checkName(name: string): void {
  if (!SECRET_NAME.test(name))
    throw new Error(
      `secret name ${JSON.stringify(name)}: letters, digits, '_', '.', '-', starting with a letter or '_'`,
    );
}

function checkValue(value: string): void {
  if (value === '') throw new Error('a secret value may not be empty');
  if (Buffer.byteLength(value) > 64 * 1024) throw new Error('a secret value is at most 64 KiB');
}

export function createVault(deps: { repo: SecretRepository; keyring: Keyring; now?: () => Date }): Vault {
  const now = (): string => (deps.now ?? (() => new Date()))().toISOString();
  const meta = (r: SecretRecord): SecretMeta => ({
    name: r.name,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    keyId: sealedKekId(r.sealed, r.name),
  });

  async function write(name: string, value: string, mode: 'create' | 'set' | 'rotate'): Promise<SecretMeta> {
    checkName(name);
    checkValue(value);
    const current = await deps.repo.get(name);
    if (mode === 'create' && current) throw new Error(`secret ${name} already exists (use rotate)`);
    if (mode === 'rotate' && !current) throw new SecretNotFoundError(`no secret named ${name}`);
    const version = (current?.version ?? 0) + 1;
    const at = now();
    const record: SecretRecord = {
      name,
      version,
      createdAt: current?.createdAt ?? at,
      updatedAt: at,
      sealed: sealSecret(deps.keyring.primary(), name, version, value),
    };
    await deps.repo.put(record, current?.version ?? 0);
    return meta(record);
  }

  return {
    list: async () => (await deps.repo.list()).map(meta).sort((a, b) => a.name.localeCompare(b.name)),
    create: (name, value) => write(name, value, 'create'),
    set: (name, value) => write(name, value, 'set'),
    rotate: (name, value) => write(name, value, 'rotate'),
    delete: (name) => deps.repo.delete(name),
    async reveal(name) {
      const r = await deps.repo.get(name);
      if (!r) throw new SecretNotFoundError(`no secret named ${name}`);
      return openSecret(deps.keyring.all(), r.name, r.version, r.sealed);
    },
    async rewrapAll(to) {
      const target = to ?? deps.keyring.primary();
      const keks = to ? [...deps.keyring.all(), to] : deps.keyring.all();
      let n = 0;
      await deps.repo.replaceAll((records) =>
        records.map((r) => {
          n++;
          return { ...r, sealed: rewrapSecret(keks, target, r.name, r.version, r.sealed) };
        }),
      );
      return n;
    },
  };
}
