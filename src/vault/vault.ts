/**
 * The built-in vault: named secrets, versioned, sealed with envelope encryption (envelope.ts) and kept behind the
 * storage seam (`Stores.secrets`: SQLite or PostgreSQL, so replicas on one database share them). Values enter
 * through set/rotate and leave only through reveal(), which the outbound path (secret references) calls at call
 * time; list() never returns a value. Writes are compare-and-set on the version, so two writers never lose one.
 */
import type { SecretRow, SecretStore } from '../storage/repositories.js';
import {
  joinSealed,
  openSecret,
  rewrapSecret,
  sealSecret,
  splitSealed,
  VaultCryptoError,
  type Kek,
} from './envelope.js';
import type { Keyring } from './master-keys.js';

export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

export class SecretNotFoundError extends Error {
  override readonly name = 'SecretNotFoundError';
}

/** Another writer changed the secret between our read and our write. */
export class SecretConflictError extends Error {
  override readonly name = 'SecretConflictError';
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

/** The sealed text of a stored row (envelope.ts opens and checks it). */
export const sealedOf = (r: SecretRow): string => joinSealed(r);

/** How many passes a re-wrap makes over rows written meanwhile under an old key before it gives up. */
const REWRAP_PASSES = 5;

export function createVault(deps: { store: SecretStore; keyring: Keyring; now?: () => Date }): Vault {
  const now = (): string => (deps.now ?? (() => new Date()))().toISOString();
  const meta = (r: SecretRow): SecretMeta => ({
    name: r.name,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.rotatedAt,
    keyId: r.kekId,
  });

  async function write(name: string, value: string, mode: 'create' | 'set' | 'rotate'): Promise<SecretMeta> {
    checkName(name);
    checkValue(value);
    const current = await deps.store.get(name);
    if (mode === 'create' && current) throw new Error(`secret ${name} already exists (use rotate)`);
    if (mode === 'rotate' && !current) throw new SecretNotFoundError(`no secret named ${name}`);
    const version = (current?.version ?? 0) + 1;
    const at = now();
    const row: SecretRow = {
      name,
      version,
      createdAt: current?.createdAt ?? at,
      rotatedAt: at,
      ...splitSealed(sealSecret(deps.keyring.primary(), name, version, value), name),
    };
    if (!(await deps.store.put(row, current?.version ?? 0)))
      throw new SecretConflictError(`secret ${name} was changed by another writer meanwhile; try again`);
    return meta(row);
  }

  return {
    list: async () => (await deps.store.list()).map(meta).sort((a, b) => a.name.localeCompare(b.name)),
    create: (name, value) => write(name, value, 'create'),
    set: (name, value) => write(name, value, 'set'),
    rotate: (name, value) => write(name, value, 'rotate'),
    delete: (name) => deps.store.delete(name),
    async reveal(name) {
      const r = await deps.store.get(name);
      if (!r) throw new SecretNotFoundError(`no secret named ${name}`);
      // The name and version the row is stored under are the ones its associated data must match.
      return openSecret(deps.keyring.all(), name, r.version, sealedOf(r));
    },
    async rewrapAll(to) {
      const target = to ?? deps.keyring.primary();
      const keks = to ? [...deps.keyring.all(), to] : deps.keyring.all();
      let n = 0;
      // Row by row, each a compare-and-set on its version and wrapping: readers see the old or the new wrapping
      // (both keys open while this runs), and a secret written meanwhile is never overwritten. A row written under
      // an old key during a pass is picked up by the next one.
      for (let pass = 0; pass < REWRAP_PASSES; pass++) {
        const stale = (await deps.store.list()).filter((r) => r.kekId !== target.id);
        if (stale.length === 0) {
          await deps.store.purge();
          return n;
        }
        for (const r of stale) {
          const next = splitSealed(rewrapSecret(keks, target, r.name, r.version, sealedOf(r)), r.name);
          const to = { kekId: next.kekId, wrappedKey: next.wrappedKey };
          if (await deps.store.rewrap(r.name, r.version, { kekId: r.kekId, wrappedKey: r.wrappedKey }, to)) n++;
        }
      }
      throw new VaultCryptoError(
        `secrets are still being written under an old master key after ${REWRAP_PASSES} passes; run the gateways with the new key and rotate again`,
      );
    },
  };
}
