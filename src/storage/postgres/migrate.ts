import type pg from 'pg';
import { planMigrations, type MigrationPlan, type MigrationSet } from '../migrations/plan.js';
import { inTransaction } from './pool.js';

/** Advisory lock key that serialises schema changes of all replicas starting at once. */
const MIGRATION_LOCK = 0x706f7274; // 'port'

/**
 * Applies (or with `apply: false` only checks) a component's migrations on PostgreSQL: one transaction under a
 * transaction-scoped advisory lock, so replicas starting together migrate once and the others see the result.
 */
export async function migratePostgres(
  pool: pg.Pool,
  set: MigrationSet,
  options: { apply: boolean; where?: string },
): Promise<MigrationPlan> {
  const where = options.where ?? 'postgresql';
  return inTransaction(pool, async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await c.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         component TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL,
         PRIMARY KEY (component, version))`,
    );
    const { rows } = await c.query<{ version: number }>('SELECT version FROM schema_migrations WHERE component = $1', [
      set.component,
    ]);
    const plan = planMigrations(
      set,
      rows.map((r) => r.version),
      where,
      options,
    );
    for (const m of plan.pending) {
      await c.query(m.postgres);
      await c.query('INSERT INTO schema_migrations (component, version, name, applied_at) VALUES ($1, $2, $3, $4)', [
        set.component,
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
    }
    return plan;
  });
}
