import type { SecretRow, SecretStore, Tx } from '../repositories.js';
import { SECRET_COLUMNS, secretValues, toSecret, type SecretDbRow } from '../secret-row.js';
import type { KeyCache } from './key-cache.js';
import type { Queryable } from './pool.js';

/** Channel on which vault changes are announced to every replica (payload: the secret name). */
export const SECRETS_CHANNEL = 'portcullis_secrets';

/**
 * Vault secrets on PostgreSQL, shared by every replica. The outbound path reads a secret per call, so rows (and
 * misses) are cached the way API keys are (key-cache.ts): a write here clears the cache at once, a write on another
 * replica arrives as `NOTIFY portcullis_secrets` (sent inside the writing statement's transaction), and entries
 * expire after the TTL should a notification be lost. A rotated secret is used from the next call on every replica.
 */
export function createPostgresSecretStore(
  on: (tx: Tx | undefined) => Queryable,
  atomically: <T>(tx: Tx | undefined, fn: (db: Queryable) => Promise<T>) => Promise<T>,
  cache: KeyCache<SecretRow>,
): SecretStore {
  /** A write: announced to every replica at commit, dropped from this process's cache at once. */
  const changed = async (db: Queryable, name: string): Promise<void> => {
    await db.query('SELECT pg_notify($1, $2)', [SECRETS_CHANNEL, name]);
    cache.clear();
  };
  const written = <T extends { rowCount: number | null }>(r: T) => (r.rowCount ?? 0) === 1;
  return {
    async list(tx) {
      const { rows } = await on(tx).query<SecretDbRow>(`SELECT ${SECRET_COLUMNS} FROM vault_secrets ORDER BY name`);
      return rows.map(toSecret);
    },
    async get(name, tx) {
      if (!tx) {
        const hit = cache.get(name);
        if (hit !== undefined) return hit ?? undefined;
      }
      const generation = cache.generation();
      const { rows } = await on(tx).query<SecretDbRow>(`SELECT ${SECRET_COLUMNS} FROM vault_secrets WHERE name = $1`, [
        name,
      ]);
      const row = rows[0] ? toSecret(rows[0]) : undefined;
      if (!tx) cache.set(name, row ?? null, generation);
      return row;
    },
    put: (row, expectVersion, tx) =>
      atomically(tx, async (db) => {
        const r =
          expectVersion === 0
            ? await db.query(
                `INSERT INTO vault_secrets (${SECRET_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                 ON CONFLICT (name) DO NOTHING`,
                secretValues(row),
              )
            : await db.query(
                `UPDATE vault_secrets SET version = $2, format = $3, kek_id = $4, wrapped_key = $5, nonce = $6,
                 tag = $7, ciphertext = $8, created_at = $9, rotated_at = $10 WHERE name = $1 AND version = $11`,
                [...secretValues(row), expectVersion],
              );
        await changed(db, row.name);
        return written(r);
      }),
    rewrap: (name, version, from, to, tx) =>
      atomically(tx, async (db) => {
        const r = await db.query(
          `UPDATE vault_secrets SET kek_id = $1, wrapped_key = $2
           WHERE name = $3 AND version = $4 AND kek_id = $5 AND wrapped_key = $6`,
          [to.kekId, to.wrappedKey, name, version, from.kekId, from.wrappedKey],
        );
        await changed(db, name);
        return written(r);
      }),
    delete: (name, tx) =>
      atomically(tx, async (db) => {
        const r = await db.query('DELETE FROM vault_secrets WHERE name = $1', [name]);
        await changed(db, name);
        return written(r);
      }),
    // Rewrites the table without its dead row versions (it holds a handful of rows: a brief lock).
    purge: async () => void (await on(undefined).query('VACUUM FULL vault_secrets')),
  };
}
