import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openStores } from '../../src/storage/open-stores.js';
import type { Stores } from '../../src/storage/repositories.js';

/** The run's PostgreSQL server, or undefined when it is not installed (then PostgreSQL tests are skipped). */
export function postgresServerUrl(): string | undefined {
  return inject('postgresUrl') || undefined;
}

async function admin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh, empty database on the run's server; `drop()` removes it (closing whatever is still connected). */
export async function createTestDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = serverUrl.replace(/\/postgres$/, `/${name}`);
  return {
    url,
    drop: () => admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Migrated stores on a fresh test database; `close()` closes them and drops the database. */
export async function openTestStores(
  serverUrl: string,
): Promise<{ stores: Stores; url: string; close: () => Promise<void> }> {
  const db = await createTestDatabase(serverUrl);
  const stores = await openStores({ kind: 'postgres', url: db.url, migrateOnStart: true }).catch(async (e: unknown) => {
    await db.drop();
    throw e;
  });
  return {
    stores,
    url: db.url,
    close: async () => {
      await stores.close();
      await db.drop();
    },
  };
}
