import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { coreMigrations } from '../migrations/core.js';
import type { ApiKeyRecord, ApiKeyRepository, Stores, Tx } from '../repositories.js';
import { secureFiles, sqliteAuditOpener } from './audit-store.js';
import { createSqliteReportStore } from './report-store.js';
import { createSqliteDashboardSessionStore } from './dashboard-session-store.js';
import { migrateSqlite } from './migrate.js';
import { openWalChangeWatch } from './wal-change-watch.js';
import { createSqlitePinStore } from './pin-store.js';
import { createSqliteSecretStore } from './secret-store.js';
import { toKey, type KeyRow } from '../key-row.js';
import { createSqliteApprovalStore } from './approval-store.js';

export interface SqliteStoresOptions {
  dataDir: string;
  /** Apply pending migrations (default); false refuses a database that needs them. */
  migrate?: boolean;
}

/**
 * Embedded SQLite: `<dataDir>/portcullis.db` (keys and the stores later features add) and `<dataDir>/audit.db`
 * (the audit chain, fsync'd on every commit; see docs/adr/0012-storage-seam.md for why two files). Reads are
 * in-process and synchronous under the async interface, so the key lookup on the hot path costs no round trip
 * and sees a revocation made by another process (the CLI) at once.
 */
export function createSqliteStores(options: SqliteStoresOptions): Stores {
  const { dataDir } = options;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, 'portcullis.db');
  // Keys, approvals and sealed vault secrets: 0600 in a 0700 directory (SQLite gives -wal and -shm the same mode).
  secureFiles(file, true);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a committed change survives power loss, not only a crash. The writes here are rare (keys, approval
  // requests), and an approval's `executing` mark must be on disk before its call is forwarded.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted and replaced content is overwritten with zeros (a re-wrapped vault key leaves no old wrapping behind).
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrateSqlite(db, coreMigrations, file, { apply: options.migrate ?? true });
  } catch (e) {
    db.close();
    throw e;
  }

  const q = {
    insertKey: db.prepare(
      'INSERT INTO api_keys (id, kind, agent, hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    keyById: db.prepare('SELECT * FROM api_keys WHERE id = ?'),
    keysAll: db.prepare('SELECT * FROM api_keys WHERE kind = ? ORDER BY agent, created_at'),
    keysByAgent: db.prepare('SELECT * FROM api_keys WHERE kind = ? AND agent = ? ORDER BY created_at'),
    revoke: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE kind = ? AND agent = ? AND revoked_at IS NULL'),
  };

  // One connection: while a transaction is open, writes from outside it wait for it to end (so a rollback never
  // takes someone else's write with it). Reads never wait.
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T> | T): Promise<T> => {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  };
  const write = async <T>(fn: () => T, tx: Tx | undefined): Promise<T> =>
    tx || !db.inTransaction ? fn() : exclusive(fn);

  // The key lookup on the hot path (ADR 0017, Decisions 8 and 18): records (and misses) are served from memory while
  // the database is unchanged. A commit by any other connection (the CLI revoking a key, raw SQL) rewrites the
  // WAL-index header in `portcullis.db-shm`, which `changed()` reads with one `pread` (wal-change-watch.ts; this
  // connection's own commits move it too, and its key writes also clear the cache as they run); so the next request
  // after a revocation reads the database, exactly as an uncached lookup would. Where the header cannot be read,
  // `PRAGMA data_version` (a read transaction: two `fcntl` lock calls) tells the same for other connections' commits.
  // A lookup inside a transaction reads the database.
  const walWatch = openWalChangeWatch(file);
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  let cachedAt: unknown;
  const changed = walWatch
    ? () => walWatch.changed()
    : () => {
        const version = dataVersion.get();
        if (version === cachedAt) return false;
        cachedAt = version;
        return true;
      };
  const cached = new Map<string, ApiKeyRecord | null>();
  const keyWrite =
    <T>(fn: () => T): (() => T) =>
    () => {
      try {
        return fn();
      } finally {
        cached.clear();
      }
    };
  /** The cache's answer while the database is unchanged (a record, null for a known miss, undefined: not cached). */
  const fromCache = (id: string): ApiKeyRecord | null | undefined => {
    if (changed()) {
      cached.clear();
      return undefined;
    }
    return cached.get(id);
  };
  const apiKeys: ApiKeyRepository = {
    insert: (k, tx) =>
      write(
        keyWrite(() => void q.insertKey.run(k.id, k.kind, k.agent, k.hash, k.createdAt, k.revokedAt ?? null)),
        tx,
      ),
    findById: async (id, tx) => {
      if (tx || db.inTransaction) {
        const r = q.keyById.get(id) as KeyRow | undefined;
        return r ? toKey(r) : undefined;
      }
      const hit = fromCache(id);
      if (hit !== undefined) return hit ?? undefined;
      const r = q.keyById.get(id) as KeyRow | undefined;
      const rec = r ? toKey(r) : undefined;
      if (cached.size >= 10_000) cached.clear();
      cached.set(id, rec ?? null);
      return rec;
    },
    cachedById: (id) => (db.inTransaction ? undefined : fromCache(id)),
    listByAgent: async (kind, agent) =>
      ((agent ? q.keysByAgent.all(kind, agent) : q.keysAll.all(kind)) as KeyRow[]).map(toKey),
    revokeAgent: (kind, agent, at, tx) =>
      write(
        keyWrite(() => q.revoke.run(at, kind, agent).changes),
        tx,
      ),
    rotate: (key, tx) =>
      write(
        keyWrite(() => {
          const both = () => {
            const n = q.revoke.run(key.createdAt, key.kind, key.agent).changes;
            q.insertKey.run(key.id, key.kind, key.agent, key.hash, key.createdAt, null);
            return n;
          };
          return tx ? both() : db.transaction(both).immediate();
        }),
        tx,
      ),
  };

  const transaction = <T>(fn: (tx: Tx) => Promise<T>) =>
    exclusive(async () => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn({ backend: 'sqlite' });
        db.exec('COMMIT');
        return result;
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw e;
      }
    });

  const auditFile = join(dataDir, 'audit.db');
  return {
    kind: 'sqlite',
    location: dataDir,
    apiKeys,
    pins: createSqlitePinStore(db, write),
    audit: sqliteAuditOpener(auditFile, { migrate: options.migrate ?? true }),
    report: createSqliteReportStore(db, write),
    dashboardSessions: createSqliteDashboardSessionStore(db, write),
    secrets: createSqliteSecretStore(db, write),
    approvals: createSqliteApprovalStore(db, write, transaction),
    transaction,
    check: async () => void db.prepare('SELECT 1').get(),
    close: async () => {
      await chain;
      walWatch?.close();
      if (db.open) db.close();
    },
  };
}
