import pg from 'pg';

/** BIGINT (int8) as a JS number: seq values stay far below 2^53. */
const INT8 = 20;
function textParser(oid: number): (value: string) => unknown {
  if (oid === INT8) return Number;
  return pg.types.getTypeParser(oid, 'text') as (value: string) => unknown;
}
const types = { getTypeParser: textParser };

/** A connection pool for a `postgres://` URL. */
export function createPool(url: string, max = 10): pg.Pool {
  // A database that does not answer a connection attempt is reported as down after 5 s instead of holding calls.
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
  });
  // A client that loses its connection must not crash the process: the next query reports the problem. The pool
  // listens on idle clients only; a client checked out and between two queries (inside a transaction, the LISTEN
  // client) when the server ends its connection (stopped, restarted, failover) emits 'error' too, and an 'error'
  // event nobody listens to ends the process. It is left out of the pool when released (not queryable).
  pool.on('error', () => undefined);
  pool.on('connect', (client) => void client.on('error', () => undefined));
  return pool;
}

export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** Runs `fn` on one client inside BEGIN … COMMIT (ROLLBACK when it throws). */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
