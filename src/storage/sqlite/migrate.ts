import type Database from 'better-sqlite3';
import { planMigrations, type MigrationPlan, type MigrationSet } from '../migrations/plan.js';

/**
 * Applies (or, with `apply: false`, only checks) a component's migrations on one SQLite database. Each entry and
 * its `schema_migrations` row commit together; BEGIN IMMEDIATE makes a second process starting at the same time
 * wait, then see the versions the first one applied.
 */
export function migrateSqlite(
  db: Database.Database,
  set: MigrationSet,
  where: string,
  options: { apply: boolean; readonly?: boolean },
): MigrationPlan {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  const readApplied = () =>
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version);
  // Read-only use (verify, export): refuse a newer schema, tolerate a pending one (nothing is written).
  if (options.readonly) return planMigrations(set, hasTable ? readApplied() : [], where, { apply: true });
  if (!hasTable && !options.apply) return planMigrations(set, [], where, options);
  if (!hasTable)
    db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
  const plan = planMigrations(set, readApplied(), where, options);
  if (plan.pending.length === 0) return plan;
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const run = db.transaction(() => {
    // Re-plan under the write lock: another process may have migrated meanwhile.
    for (const m of planMigrations(set, readApplied(), where, options).pending) {
      db.exec(m.sqlite);
      record.run(m.version, m.name, new Date().toISOString());
    }
  });
  run.immediate();
  return plan;
}
