/**
 * Master key rotation without downtime and without plaintext on disk. With a key file (keyring):
 *   1. a new key is generated and written first in the keyring, the old keys kept (both open, the new one seals);
 *   2. every data key is re-wrapped under the new key (values are decrypted only in memory, to check them);
 *   3. the old keys are removed from the keyring: from then on they open nothing.
 * A running gateway re-reads the keyring when it changes, so every call in between finds a key that opens.
 * With an environment variable the new key comes from `<VAR>_NEW`; gateways must run with the new key in
 * `<VAR>` and the old one in `<VAR>_PREVIOUS` while it runs (a rolling restart), then without `_PREVIOUS`.
 */
import { readFileSync } from 'node:fs';
import { deriveKek, generateMasterKey, parseMasterKey, VaultCryptoError } from './envelope.js';
import { writeFileAtomic } from './atomic-file.js';
import {
  createKeyring,
  DEFAULT_MASTER_KEY_ENV,
  formatKeyring,
  parseKeyring,
  type MasterKeySource,
} from './master-keys.js';
import type { SecretStore } from '../storage/repositories.js';
import { createVault } from './vault.js';

export interface RotationResult {
  rewrapped: number;
  keyId: string;
  retiredKeyIds: string[];
}

export async function rotateMasterKey(deps: {
  /** The secret store (`Stores.secrets`): SQLite or PostgreSQL. */
  store: SecretStore;
  source: MasterKeySource;
  dataDir: string;
  env?: NodeJS.ProcessEnv;
}): Promise<RotationResult> {
  const env = deps.env ?? process.env;
  if (deps.source.file) {
    const file = deps.source.file;
    const keyring = createKeyring(deps.source, { dataDir: deps.dataDir, env });
    const oldIds = keyring.all().map((k) => k.id);
    const oldLines = readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    const fresh = generateMasterKey();
    writeFileAtomic(file, formatKeyring([fresh, ...oldLines]));
    const kek = parseKeyring(readFileSync(file, 'utf8'), file)[0]!;
    const rewrapped = await createVault({ store: deps.store, keyring }).rewrapAll(kek);
    writeFileAtomic(file, formatKeyring([fresh]));
    return { rewrapped, keyId: kek.id, retiredKeyIds: oldIds };
  }
  const name = deps.source.env ?? DEFAULT_MASTER_KEY_ENV;
  const next = env[`${name}_NEW`];
  if (!next)
    throw new VaultCryptoError(
      `set ${name}_NEW to the new master key (or configure a key file, which rotates by itself)`,
    );
  const keyring = createKeyring(deps.source, { dataDir: deps.dataDir, env });
  const oldIds = keyring.all().map((k) => k.id);
  const kek = deriveKek(parseMasterKey(next, `${name}_NEW`));
  const rewrapped = await createVault({ store: deps.store, keyring }).rewrapAll(kek);
  return { rewrapped, keyId: kek.id, retiredKeyIds: oldIds.filter((id) => id !== kek.id) };
}
