import type Database from 'better-sqlite3';
import type { SecretStore, Tx } from '../repositories.js';
import { SECRET_COLUMNS, secretValues, toSecret, type SecretDbRow } from '../secret-row.js';

/** Vault secrets on the embedded database: in-process reads, compare-and-set writes through `write`. */
export function createSqliteSecretStore(
  db: Database.Database,
  write: <T>(fn: () => T, tx: Tx | undefined) => Promise<T>,
): SecretStore {
  const q = {
    all: db.prepare(`SELECT ${SECRET_COLUMNS} FROM vault_secrets ORDER BY name`),
    one: db.prepare(`SELECT ${SECRET_COLUMNS} FROM vault_secrets WHERE name = ?`),
    insert: db.prepare(`INSERT OR IGNORE INTO vault_secrets (${SECRET_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    update: db.prepare(
      `UPDATE vault_secrets SET version = ?, format = ?, kek_id = ?, wrapped_key = ?, nonce = ?, tag = ?,
       ciphertext = ?, created_at = ?, rotated_at = ? WHERE name = ? AND version = ?`,
    ),
    rewrap: db.prepare(
      `UPDATE vault_secrets SET kek_id = ?, wrapped_key = ?
       WHERE name = ? AND version = ? AND kek_id = ? AND wrapped_key = ?`,
    ),
    delete: db.prepare('DELETE FROM vault_secrets WHERE name = ?'),
  };
  return {
    list: async () => (q.all.all() as SecretDbRow[]).map(toSecret),
    get: async (name) => {
      const r = q.one.get(name) as SecretDbRow | undefined;
      return r ? toSecret(r) : undefined;
    },
    put: (row, expectVersion, tx) =>
      write(() => {
        if (expectVersion === 0) return q.insert.run(...secretValues(row)).changes === 1;
        const [name, ...rest] = secretValues(row);
        return q.update.run(...rest, name, expectVersion).changes === 1;
      }, tx),
    rewrap: (name, version, from, to, tx) =>
      write(() => q.rewrap.run(to.kekId, to.wrappedKey, name, version, from.kekId, from.wrappedKey).changes === 1, tx),
    delete: (name, tx) => write(() => q.delete.run(name).changes === 1, tx),
    // Freed cells are zeroed as they are freed (secure_delete, set on the connection); the checkpoint copies the
    // pages into the database file and truncates the WAL, which held the earlier page images.
    purge: () => write(() => void db.pragma('wal_checkpoint(TRUNCATE)'), undefined),
  };
}
