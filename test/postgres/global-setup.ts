import type { TestProject } from 'vitest/node';
import { PG_BIN, startPostgres, type PostgresServer } from './server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test run's PostgreSQL server, or '' when PostgreSQL is not installed (outside CI). */
    postgresUrl: string;
  }
}

let server: PostgresServer | undefined;

/** One PostgreSQL server per test run; each test file creates its own database (test/postgres/database.ts). */
export async function setup(project: TestProject): Promise<void> {
  server = await startPostgres();
  if (!server) {
    if (process.env.CI === 'true')
      throw new Error(
        `PostgreSQL programs not found in ${PG_BIN}: CI must run the PostgreSQL tests (install postgresql-15)`,
      );
    process.stderr.write(`\nPostgreSQL not installed (${PG_BIN}): PostgreSQL tests are skipped\n`);
  }
  project.provide('postgresUrl', server?.url ?? '');
}

export function teardown(): void {
  server?.stop();
  server = undefined;
}
