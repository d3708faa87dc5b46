import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ApiKeyRecord, Store } from '../repositories.js';
import { migrations } from './migrations.js';

interface KeyRow {
  id: string;
  kind: string;
  agent: string;
  hash: string;
  created_at: string;
  revoked_at: string | null;
}

const toKey = (r: KeyRow): ApiKeyRecord => ({
  id: r.id,
  kind: r.kind === 'user' ? 'user' : 'agent',
  agent: r.agent,
  hash: r.hash,
  createdAt: r.created_at,
  ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
});

export function migrate(db: Database.Database): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version),
  );
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        new Date().toISOString(),
      );
    })();
  }
}

/** Embedded SQLite store under `dataDir` (file `portcullis.db`, WAL mode). */
export function createSqliteStore(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, 'portcullis.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const q = {
    insertKey: db.prepare('INSERT INTO api_keys (id, kind, agent, hash, created_at) VALUES (?, ?, ?, ?, ?)'),
    keyById: db.prepare('SELECT * FROM api_keys WHERE id = ?'),
    keysAll: db.prepare('SELECT * FROM api_keys WHERE kind = ? ORDER BY agent, created_at'),
    keysByAgent: db.prepare('SELECT * FROM api_keys WHERE kind = ? AND agent = ? ORDER BY created_at'),
    revoke: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE kind = ? AND agent = ? AND revoked_at IS NULL'),
  };

  return {
    apiKeys: {
      insert: (k) => void q.insertKey.run(k.id, k.kind, k.agent, k.hash, k.createdAt),
      findById: (id) => {
        const r = q.keyById.get(id) as KeyRow | undefined;
        return r ? toKey(r) : undefined;
      },
      listByAgent: (kind, agent) =>
        ((agent ? q.keysByAgent.all(kind, agent) : q.keysAll.all(kind)) as KeyRow[]).map(toKey),
      revokeAgent: (kind, agent, at) => q.revoke.run(at, kind, agent).changes,
      rotate: (key) =>
        db.transaction(() => {
          const n = q.revoke.run(key.createdAt, key.kind, key.agent).changes;
          q.insertKey.run(key.id, key.kind, key.agent, key.hash, key.createdAt);
          return n;
        })(),
    },
    check: () => void db.prepare('SELECT 1').get(),
    close: () => db.close(),
  };
}
