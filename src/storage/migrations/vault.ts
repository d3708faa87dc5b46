import type { Migration } from './plan.js';

/**
 * Sealed vault secrets (src/vault/): ciphertext rows only, the master key never beside them. Versions 40-49 are
 * reserved for the vault.
 */
export const vaultMigrations: Migration[] = [
  {
    version: 40,
    name: 'vault secrets: envelope-sealed ciphertext rows',
    sqlite: `
      CREATE TABLE vault_secrets (
        name TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        format TEXT NOT NULL,
        kek_id TEXT NOT NULL,
        wrapped_key TEXT NOT NULL,
        nonce TEXT NOT NULL,
        tag TEXT NOT NULL,
        ciphertext TEXT NOT NULL,
        created_at TEXT NOT NULL,
        rotated_at TEXT NOT NULL
      );
    `,
    postgres: `
      CREATE TABLE vault_secrets (
        name TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        format TEXT NOT NULL,
        kek_id TEXT NOT NULL,
        wrapped_key TEXT NOT NULL,
        nonce TEXT NOT NULL,
        tag TEXT NOT NULL,
        ciphertext TEXT NOT NULL,
        created_at TEXT NOT NULL,
        rotated_at TEXT NOT NULL
      );
    `,
  },
];
