/**
 * Secret providers behind one interface. A provider maps a secret name to its current value at call time.
 * Built in: the encrypted vault, environment variables and a directory of files (Kubernetes secrets mounted as
 * a volume: one file per key, re-read on every call so a rotated secret is picked up without a restart).
 *
 * Another store (HashiCorp Vault KV, AWS Secrets Manager, GCP Secret Manager, a cloud KMS unwrapping the data
 * keys) plugs in as one more SecretProvider: `get(name)` fetches the current value (with a short cache of its
 * own if the store is remote), returns undefined for an unknown name and throws for any other failure, which
 * refuses the call. See docs/secrets.md.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SECRET_NAME, SecretNotFoundError, type Vault } from './vault.js';

export interface SecretProvider {
  readonly kind: string;
  /** The current value, undefined when the name is unknown; throws when the store fails (the call is refused). */
  get(name: string): Promise<string | undefined>;
}

export function vaultProvider(vault: Vault): SecretProvider {
  return {
    kind: 'vault',
    async get(name) {
      try {
        return await vault.reveal(name);
      } catch (e) {
        if (e instanceof SecretNotFoundError) return undefined;
        throw e;
      }
    },
  };
}

export function envProvider(env: NodeJS.ProcessEnv = process.env): SecretProvider {
  return { kind: 'env', get: (name) => Promise.resolve(env[name] || undefined) };
}

export function fileProvider(dir: string): SecretProvider {
  return {
    kind: 'file',
    async get(name) {
      if (!SECRET_NAME.test(name) || name.startsWith('.')) return undefined;
      try {
        // A trailing newline is how most tools write a secret file; it is never part of the value.
        return (await readFile(join(dir, name), 'utf8')).replace(/\r?\n$/, '') || undefined;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw e;
      }
    },
  };
}
