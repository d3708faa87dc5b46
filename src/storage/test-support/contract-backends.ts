import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, postgresServerUrl } from '../../../test/postgres/database.js';
import type { StorageSetting } from '../config.js';

/** A back end a store contract test runs against: `fresh()` gives an empty deployment of it. */
export interface ContractBackend {
  name: 'sqlite' | 'postgres';
  /** False when the run has no PostgreSQL server (never under CI=true: the global setup fails instead). */
  available: boolean;
  fresh(): Promise<StorageSetting>;
}

/**
 * SQLite and PostgreSQL for the store contract tests (test-only; imported by *.test.ts files). Every fresh
 * deployment registers its own removal with `cleanup`, which the test runs after each case.
 */
export function contractBackends(prefix: string, cleanup: (fn: () => Promise<void> | void) => void): ContractBackend[] {
  const serverUrl = postgresServerUrl();
  return [
    {
      name: 'sqlite',
      available: true,
      async fresh() {
        const dir = mkdtempSync(join(tmpdir(), `portcullis-${prefix}-`));
        cleanup(() => rmSync(dir, { recursive: true, force: true }));
        return { kind: 'sqlite', dataDir: dir, migrateOnStart: true };
      },
    },
    {
      name: 'postgres',
      available: serverUrl !== undefined,
      async fresh() {
        const db = await createTestDatabase(serverUrl!);
        cleanup(() => db.drop());
        return { kind: 'postgres', url: db.url, migrateOnStart: true };
      },
    },
  ];
}
