import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, postgresServerUrl } from '../../../test/postgres/database.js';
import { createPostgresAuditStore } from './audit-store.js';
import { createPool } from './pool.js';

/**
 * The audit store's identity on PostgreSQL: a database dropped and created again under the same name (a restore
 * while the gateway runs, which the pool silently reconnects to) is reported as replaced, so the log halts.
 */
const server = postgresServerUrl();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function admin(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: server! });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

describe.skipIf(!server)('PostgreSQL audit store identity', () => {
  it('is stable while the database stays, and rejects once it was replaced under the same name', async () => {
    const db = await createTestDatabase(server!);
    cleanups.push(() => db.drop());
    const pool = createPool(db.url, 2);
    cleanups.push(() => pool.end());
    // The store re-reads the database's identity at most once a second (by Date.now()): the clock is moved on
    // instead of slept past. Only Date is faked; the driver's timers stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    const secondLater = () => vi.setSystemTime(Date.now() + 1100);
    const store = createPostgresAuditStore(pool);
    const first = await store.identity!();
    expect(first).toMatch(/^\d+$/);
    secondLater();
    expect(await store.identity!()).toBe(first);

    const name = new URL(db.url).pathname.slice(1);
    await admin(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${name}`);
    secondLater();
    await expect(store.identity!()).rejects.toThrow(/audit database was replaced/);
  });
});
