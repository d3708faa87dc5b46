import type { MigrationSet } from './plan.js';

/**
 * The audit chain's schema. The indexed columns are generated from the hashed body, so they cannot disagree with
 * it: editing the body is caught by verify, and there is no separate copy of agent/tool/... to tamper with.
 * SQLite version 1 uses IF NOT EXISTS so that audit databases created before the migration runner are adopted.
 * PostgreSQL computes the columns with a function that yields NULL for a body that is not JSON (a tampered row
 * must stay readable so that verify can report it).
 */
const field = (name: string, path: string) =>
  `${name} TEXT GENERATED ALWAYS AS (portcullis_audit_field(body, '{${path}}')) STORED`;

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
  ],
};
