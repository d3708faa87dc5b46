import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresServerUrl } from '../../../test/postgres/database.js';
import { createPool, inTransaction } from './pool.js';

/**
 * A connection the server ends while the gateway holds it between two queries (PostgreSQL stopped or restarted, a
 * failover, pg_terminate_backend): node-postgres emits 'error' on a checked-out client, and an 'error' event nobody
 * listens to ends the process. Every client of the pool must fail its next query instead.
 */
const server = postgresServerUrl();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function terminate(pid: number): Promise<void> {
  const c = new pg.Client({ connectionString: server! });
  await c.connect();
  try {
    await c.query('SELECT pg_terminate_backend($1)', [pid]);
  } finally {
    await c.end();
  }
}

describe.skipIf(!server)('PostgreSQL pool', () => {
  it('a held client whose connection the server ends fails its next query; the process goes on', async () => {
    const db = await createTestDatabase(server!);
    cleanups.push(() => db.drop());
    const pool = createPool(db.url, 2);
    cleanups.push(() => pool.end());
    const uncaught: unknown[] = [];
    let crashed: (e: unknown) => void = () => undefined;
    const crash = new Promise((resolve) => (crashed = resolve));
    const record = (e: unknown) => {
      uncaught.push(e);
      crashed(e);
    };
    process.prependListener('uncaughtException', record);
    cleanups.push(() => void process.off('uncaughtException', record));

    // Held inside a transaction, between two queries: what the audit store does while it builds a batch.
    const outcome = inTransaction(pool, async (c) => {
      const pid = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const ended = new Promise((resolve) => c.once('end', resolve));
      await terminate(pid);
      // Ended: or, without a listener for the client's 'error', the process would have died here.
      await Promise.race([ended, crash]);
      await c.query('SELECT 1');
    });
    await expect(outcome).rejects.toThrow();
    expect(uncaught).toEqual([]);
    // The broken client left the pool: the next query gets a fresh connection.
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
  });
});
