import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { LoadedConfig } from '../config/load.js';
import { resolveStorage, redactUrl, type StorageSetting } from './config.js';
import { auditMigrations } from './migrations/audit.js';
import { coreMigrations } from './migrations/core.js';
import type { MigrationPlan } from './migrations/plan.js';
import type { Stores } from './repositories.js';
import { migrateSqlite } from './sqlite/migrate.js';
import { createSqliteStores } from './sqlite/sqlite-stores.js';

export interface OpenStoresOptions {
  /**
   * Apply pending migrations. Default: the config's `migrateOnStart`. `portcullis migrate` passes true; with
   * false, a database that needs migrations is refused with a message that says so.
   */
  migrate?: boolean;
}

/** The storage setting of a loaded config. */
export function storageOf(loaded: LoadedConfig): StorageSetting {
  return resolveStorage(loaded.config.storage, { dataDir: loaded.dataDir, baseDir: loaded.baseDir });
}

/**
 * The seam: every repository over the configured back end. The only place that picks a driver (the PostgreSQL
 * driver is loaded only when PostgreSQL is configured). Refuses a schema newer than this code.
 */
export async function openStores(
  config: LoadedConfig | StorageSetting,
  options: OpenStoresOptions = {},
): Promise<Stores> {
  const setting = 'kind' in config ? config : storageOf(config);
  const migrate = options.migrate ?? setting.migrateOnStart;
  if (setting.kind === 'sqlite') return createSqliteStores({ dataDir: setting.dataDir, migrate });
  const { createPostgresStores } = await import('./postgres/postgres-stores.js');
  return createPostgresStores({ url: setting.url, migrate });
}

export interface MigrationReport {
  component: string;
  where: string;
  from: number;
  to: number;
  applied: string[];
}

/** `portcullis migrate`: applies every component's pending migrations and says what it did. */
export async function migrateStorage(setting: StorageSetting): Promise<MigrationReport[]> {
  const report = (component: string, where: string, p: MigrationPlan): MigrationReport => ({
    component,
    where,
    from: p.current,
    to: p.target,
    applied: p.pending.map((m) => `${m.version} ${m.name}`),
  });
  if (setting.kind === 'postgres') {
    const { migratePostgres } = await import('./postgres/migrate.js');
    const { createPool } = await import('./postgres/pool.js');
    const pool = createPool(setting.url);
    try {
      const out: MigrationReport[] = [];
      for (const set of [coreMigrations, auditMigrations])
        out.push(report(set.component, redactUrl(setting.url), await migratePostgres(pool, set, { apply: true })));
      return out;
    } finally {
      await pool.end();
    }
  }
  const out: MigrationReport[] = [];
  for (const [set, name] of [
    [coreMigrations, 'portcullis.db'],
    [auditMigrations, 'audit.db'],
  ] as const) {
    const file = join(setting.dataDir, name);
    // The audit database is created by the audit log, which decides whether a new chain may start.
    if (set === auditMigrations && !existsSync(file)) continue;
    if (set === coreMigrations) mkdirSync(setting.dataDir, { recursive: true, mode: 0o700 });
    const db = new Database(file);
    try {
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      out.push(report(set.component, file, migrateSqlite(db, set, file, { apply: true })));
    } finally {
      db.close();
    }
  }
  return out;
}
