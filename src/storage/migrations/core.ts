import { approvalsMigrations } from './approvals.js';
import { dashboardMigrations } from './dashboard.js';
import type { MigrationSet } from './plan.js';
import { pinsMigrations } from './pins.js';
import { reportMigrations } from './report.js';
import { vaultMigrations } from './vault.js';

/**
 * Core schema: API keys (and the stores later features add). Versioned and append-only: never edit a released
 * entry, add a new one. Versions 1-3 are the ones SQLite deployments already have; on PostgreSQL, which starts
 * at the current shape, they are the equivalent steps.
 */
export const coreMigrations: MigrationSet = {
  component: 'core',
  migrations: [
    {
      version: 1,
      name: 'api keys and decision records',
      sqlite: `
        CREATE TABLE api_keys (
          id TEXT PRIMARY KEY,
          agent TEXT NOT NULL,
          hash TEXT NOT NULL,
          created_at TEXT NOT NULL,
          revoked_at TEXT
        );
        CREATE INDEX api_keys_agent ON api_keys(agent);
        CREATE TABLE decisions (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          request_id TEXT NOT NULL,
          ts TEXT NOT NULL,
          agent TEXT,
          tool TEXT,
          decision TEXT NOT NULL,
          result_status TEXT,
          record TEXT NOT NULL
        );
        CREATE INDEX decisions_ts ON decisions(ts);
      `,
      postgres: `
        CREATE TABLE api_keys (
          id TEXT PRIMARY KEY,
          agent TEXT NOT NULL,
          hash TEXT NOT NULL,
          created_at TEXT NOT NULL,
          revoked_at TEXT
        );
        CREATE INDEX api_keys_agent ON api_keys(agent);
      `,
    },
    {
      version: 2,
      name: 'keys for people (admin API) next to keys for agents',
      sqlite: `ALTER TABLE api_keys ADD COLUMN kind TEXT NOT NULL DEFAULT 'agent';`,
      postgres: `ALTER TABLE api_keys ADD COLUMN kind TEXT NOT NULL DEFAULT 'agent';`,
    },
    {
      version: 3,
      name: 'decision records moved to the tamper-evident audit log',
      sqlite: `DROP TABLE IF EXISTS decisions;`,
      postgres: `SELECT 1;`,
    },
    ...pinsMigrations,
    ...reportMigrations,
    ...approvalsMigrations,
    ...dashboardMigrations,
    ...vaultMigrations,
  ],
};
