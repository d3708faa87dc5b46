import type { Migration } from './plan.js';

/** The security report's tables (versions 30-39 are reserved for it): score history and acknowledgements. */
export const reportMigrations: Migration[] = [
  {
    version: 30,
    name: 'security report: score history and acknowledged findings',
    sqlite: `
      CREATE TABLE report_scores (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        score INTEGER NOT NULL,
        grade TEXT NOT NULL,
        areas TEXT NOT NULL
      );
      CREATE INDEX report_scores_at ON report_scores(at);
      CREATE TABLE report_acknowledgements (
        id TEXT PRIMARY KEY,
        check_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        by_user TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX report_acknowledgements_check ON report_acknowledgements(check_id);
    `,
    postgres: `
      CREATE TABLE report_scores (
        seq BIGSERIAL PRIMARY KEY,
        at TEXT NOT NULL,
        score INTEGER NOT NULL,
        grade TEXT NOT NULL,
        areas TEXT NOT NULL
      );
      CREATE INDEX report_scores_at ON report_scores(at);
      CREATE TABLE report_acknowledgements (
        id TEXT PRIMARY KEY,
        check_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        by_user TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX report_acknowledgements_check ON report_acknowledgements(check_id);
    `,
  },
];
