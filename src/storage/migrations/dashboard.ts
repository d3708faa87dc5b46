import type { Migration } from './plan.js';

const tables = (bigint: string) => `
  CREATE TABLE dashboard_sessions (
    id_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL,
    method TEXT NOT NULL,
    credential_id TEXT,
    identity TEXT,
    created_at ${bigint} NOT NULL,
    last_seen_at ${bigint} NOT NULL,
    expires_at ${bigint} NOT NULL
  );
  CREATE INDEX dashboard_sessions_user ON dashboard_sessions(user_name);
  CREATE INDEX dashboard_sessions_expires ON dashboard_sessions(expires_at);
  CREATE TABLE dashboard_logins (
    state_hash TEXT PRIMARY KEY,
    verifier TEXT NOT NULL,
    nonce TEXT NOT NULL,
    return_to TEXT NOT NULL,
    expires_at ${bigint} NOT NULL
  );
`;

/**
 * The dashboard's tables (versions 50-59 are reserved for it): people's sessions (keyed by the SHA-256 of the
 * cookie value, never the value) and OIDC sign-ins in progress (keyed by the hash of their `state`), so sessions
 * survive a restart and every replica behind a load balancer knows them.
 */
export const dashboardMigrations: Migration[] = [
  {
    version: 50,
    name: 'dashboard sessions and OIDC sign-ins in progress',
    sqlite: tables('INTEGER'),
    postgres: tables('BIGINT'),
  },
];
