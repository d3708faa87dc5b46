/** Versioned, append-only migrations. Never edit a released entry: add a new one. */
export const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'api keys and decision records',
    sql: `
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
  },
  {
    version: 2,
    name: 'keys for people (admin API) next to keys for agents',
    sql: `ALTER TABLE api_keys ADD COLUMN kind TEXT NOT NULL DEFAULT 'agent';`,
  },
  {
    version: 3,
    name: 'decision records moved to the tamper-evident audit log',
    sql: `DROP TABLE IF EXISTS decisions;`,
  },
];
