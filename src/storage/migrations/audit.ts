import type { MigrationSet } from './plan.js';

/**
 * The audit chain's schema. The queried columns are derived from the hashed body by the database itself, so they
 * cannot disagree with it: editing the body is caught by verify, and there is no separate copy of agent/tool/... to
 * tamper with. SQLite: generated columns (`json_extract`, virtual); version 1 uses IF NOT EXISTS so that audit
 * databases created before the migration runner are adopted. PostgreSQL: version 1 computed each column with a
 * function; version 2 fills them from one parse of the body per record in a trigger that runs on every INSERT and
 * UPDATE (so an UPDATE of a column alone is undone), yielding NULL for a body that is not JSON (a tampered row must
 * stay readable so that verify can report it). ADR 0017, Decision 17. SQLite version 3 keeps only the five indexed
 * generated columns: SQLite computes every generated column of a row on INSERT, VIRTUAL ones included, so the six no
 * index uses cost six `json_extract` per record for nothing; queries compute those filters from the body themselves
 * (`SQLITE_BODY_FILTERS`, the same expressions). ADR 0017, Decision 43.
 */
const field = (name: string, path: string) =>
  `${name} TEXT GENERATED ALWAYS AS (portcullis_audit_field(body, '{${path}}')) STORED`;

/** PostgreSQL's queried columns and where each comes from in the body (version 2 keeps the names of version 1). */
const PG_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['ts', 'event,timestamp'],
  ['type', 'event,type'],
  ['request_id', 'event,requestId'],
  ['agent', 'event,agent'],
  ['user_name', 'event,user'],
  ['tool', 'event,tool'],
  ['backend', 'event,backend'],
  ['decision', 'event,decision'],
  ['risk', 'event,risk,level'],
  ['approval_id', 'event,approvalId'],
  ['status', 'event,resultStatus'],
];
const PG_INDEXES = `
        CREATE INDEX audit_records_ts ON audit_records(ts);
        CREATE INDEX audit_records_agent ON audit_records(agent);
        CREATE INDEX audit_records_tool ON audit_records(tool);
        CREATE INDEX audit_records_request ON audit_records(request_id);
        CREATE INDEX audit_records_approval ON audit_records(approval_id);`;

/**
 * The SQLite columns version 3 drops (nothing indexes them) and where each comes from in the body. Queries filter on
 * the same value the generated column had: `json_extract` cast to TEXT, the affinity the column declared.
 */
export const SQLITE_BODY_FILTERS = {
  type: '$.event.type',
  user: '$.event.user',
  backend: '$.event.backend',
  decision: '$.event.decision',
  risk: '$.event.risk.level',
  status: '$.event.resultStatus',
} as const;

export const auditMigrations: MigrationSet = {
  component: 'audit',
  migrations: [
    {
      version: 1,
      name: 'hash-chained audit records, signed checkpoints, meta',
      sqlite: `
        CREATE TABLE IF NOT EXISTS audit_records (
          seq INTEGER PRIMARY KEY,
          hash TEXT NOT NULL,
          body TEXT NOT NULL,
          ts TEXT GENERATED ALWAYS AS (json_extract(body, '$.event.timestamp')) VIRTUAL,
          type TEXT GENERATED ALWAYS AS (json_extract(body, '$.event.type')) VIRTUAL,
          request_id TEXT GENERATED ALWAYS AS (json_extract(body, '$.event.requestId')) VIRTUAL,
          agent TEXT GENERATED ALWAYS AS (json_extract(body, '$.event.agent')) VIRTUAL,
          user TEXT GENERATED ALWAYS AS (json_extract(body, '$.event.user')) VIRTUAL,
          tool TEXT GENERATED ALWAYS AS (json_extract(body, '$.event.tool')) VIRTUAL,
          backend TEXT GENERATED ALWAYS AS (json_extract(body, '$.event.backend')) VIRTUAL,
          decision TEXT GENERATED ALWAYS AS (json_extract(body, '$.event.decision')) VIRTUAL,
          risk TEXT GENERATED ALWAYS AS (json_extract(body, '$.event.risk.level')) VIRTUAL,
          approval_id TEXT GENERATED ALWAYS AS (json_extract(body, '$.event.approvalId')) VIRTUAL,
          status TEXT GENERATED ALWAYS AS (json_extract(body, '$.event.resultStatus')) VIRTUAL
        );
        CREATE INDEX IF NOT EXISTS audit_records_ts ON audit_records(ts);
        CREATE INDEX IF NOT EXISTS audit_records_agent ON audit_records(agent);
        CREATE INDEX IF NOT EXISTS audit_records_tool ON audit_records(tool);
        CREATE INDEX IF NOT EXISTS audit_records_request ON audit_records(request_id);
        CREATE INDEX IF NOT EXISTS audit_records_approval ON audit_records(approval_id);
        CREATE TABLE IF NOT EXISTS audit_checkpoints (
          seq INTEGER PRIMARY KEY,
          ts TEXT NOT NULL,
          hash TEXT NOT NULL,
          key_id TEXT NOT NULL,
          signature TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      `,
      postgres: `
        CREATE FUNCTION portcullis_audit_field(body TEXT, path TEXT[]) RETURNS TEXT
          LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
          BEGIN
            RETURN body::jsonb #>> path;
          EXCEPTION WHEN others THEN
            RETURN NULL;
          END $$;
        CREATE TABLE audit_records (
          seq BIGINT PRIMARY KEY,
          hash TEXT NOT NULL,
          body TEXT NOT NULL,
          ${field('ts', 'event,timestamp')},
          ${field('type', 'event,type')},
          ${field('request_id', 'event,requestId')},
          ${field('agent', 'event,agent')},
          ${field('user_name', 'event,user')},
          ${field('tool', 'event,tool')},
          ${field('backend', 'event,backend')},
          ${field('decision', 'event,decision')},
          ${field('risk', 'event,risk,level')},
          ${field('approval_id', 'event,approvalId')},
          ${field('status', 'event,resultStatus')}
        );
        CREATE INDEX audit_records_ts ON audit_records(ts);
        CREATE INDEX audit_records_agent ON audit_records(agent);
        CREATE INDEX audit_records_tool ON audit_records(tool);
        CREATE INDEX audit_records_request ON audit_records(request_id);
        CREATE INDEX audit_records_approval ON audit_records(approval_id);
        CREATE TABLE audit_checkpoints (
          seq BIGINT PRIMARY KEY,
          ts TEXT NOT NULL,
          hash TEXT NOT NULL,
          key_id TEXT NOT NULL,
          signature TEXT NOT NULL
        );
        CREATE TABLE audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      `,
    },
    {
      version: 2,
      name: 'PostgreSQL: audit columns from one parse of the body per record (a trigger), not one per column',
      // SQLite's generated columns stay: its JSON parse is cached within a statement (ADR 0017, Decision 15).
      sqlite: '-- PostgreSQL only',
      postgres: `
        CREATE FUNCTION portcullis_audit_columns() RETURNS trigger LANGUAGE plpgsql AS $$
          DECLARE
            j jsonb;
          BEGIN
            BEGIN
              j := NEW.body::jsonb;
            EXCEPTION WHEN others THEN
              j := NULL;
            END;
            ${PG_COLUMNS.map(([name, path]) => `NEW.${name} := j #>> '{${path}}';`).join('\n            ')}
            RETURN NEW;
          END $$;
        ALTER TABLE audit_records ${PG_COLUMNS.map(([name]) => `DROP COLUMN ${name}`).join(', ')};
        ALTER TABLE audit_records ${PG_COLUMNS.map(([name]) => `ADD COLUMN ${name} TEXT`).join(', ')};
        CREATE TRIGGER audit_records_columns BEFORE INSERT OR UPDATE ON audit_records
          FOR EACH ROW EXECUTE FUNCTION portcullis_audit_columns();
        UPDATE audit_records SET body = body;
        ${PG_INDEXES}
        DROP FUNCTION portcullis_audit_field(TEXT, TEXT[]);
      `,
    },
    {
      version: 3,
      name: 'SQLite: only the indexed generated columns (every generated column is computed on each INSERT)',
      // Dropping a VIRTUAL column edits the schema only: no row is rewritten (ADR 0017, Decision 43).
      sqlite: Object.keys(SQLITE_BODY_FILTERS)
        .map((name) => `ALTER TABLE audit_records DROP COLUMN ${name};`)
        .join('\n'),
      postgres: '-- SQLite only',
    },
  ],
};
