import type { Migration } from './plan.js';

/** Pinned tool and prompt definitions (src/pins/). Versions 20-29 are reserved for pins. */
export const pinsMigrations: Migration[] = [
  {
    version: 20,
    name: 'pinned tool and prompt definitions, with the pending definition of a quarantined one',
    sqlite: `
      CREATE TABLE pins (
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        backend TEXT NOT NULL,
        hash TEXT,
        definition TEXT,
        pinned_at TEXT,
        accepted_by TEXT,
        accept_reason TEXT,
        pending_hash TEXT,
        pending_definition TEXT,
        pending_reason TEXT,
        pending_since TEXT,
        rev INTEGER NOT NULL,
        PRIMARY KEY (kind, name)
      );
    `,
    postgres: `
      CREATE SEQUENCE pins_rev;
      CREATE TABLE pins (
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        backend TEXT NOT NULL,
        hash TEXT,
        definition TEXT,
        pinned_at TEXT,
        accepted_by TEXT,
        accept_reason TEXT,
        pending_hash TEXT,
        pending_definition TEXT,
        pending_reason TEXT,
        pending_since TEXT,
        rev BIGINT NOT NULL DEFAULT nextval('pins_rev'),
        PRIMARY KEY (kind, name)
      );
    `,
  },
  {
    version: 21,
    name: 'public keys the gateway signed tool definitions with (the active one, and retired ones still published)',
    sqlite: `
      CREATE TABLE tool_signing_keys (
        kid TEXT PRIMARY KEY,
        jwk TEXT NOT NULL,
        created_at TEXT NOT NULL,
        retired_at TEXT
      );
    `,
    postgres: `
      CREATE TABLE tool_signing_keys (
        kid TEXT PRIMARY KEY,
        jwk TEXT NOT NULL,
        created_at TEXT NOT NULL,
        retired_at TEXT
      );
    `,
  },
];
