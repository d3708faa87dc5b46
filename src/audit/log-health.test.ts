import { describe, expect, it } from 'vitest';
import { createLogHealth } from './log-health.js';
import { createPostgresAuditStore } from '../storage/postgres/audit-store.js';
import { createPool } from '../storage/postgres/pool.js';

/**
 * A store that cannot be reached is an outage, not a replaced store: the log refuses calls and spools while it lasts
 * (degraded), and recovers by itself when the store answers again. Only a store whose identity changed (dropped and
 * created again, a file deleted or swapped) halts until an operator acts (store-identity.test.ts,
 * src/storage/postgres/audit-identity.test.ts).
 */
describe('audit log health', () => {
  it('a PostgreSQL server that does not answer does not halt the log', async () => {
    // Port 1 on loopback: nothing listens, every query fails with ECONNREFUSED, as while PostgreSQL is stopped.
    const pool = createPool('postgres://portcullis@127.0.0.1:1/portcullis', 1);
    try {
      const warnings: string[] = [];
      const health = createLogHealth({
        store: createPostgresAuditStore(pool),
        warn: (m) => warnings.push(m),
        initialHead: { seq: 7, hash: 'a'.repeat(64), body: '{}' },
      });
      await health.check();
      await health.beforeCommit();
      expect(health.halted()).toBe(false);
      expect(health.status().state).not.toBe('halted');
      expect(warnings).toEqual([]);
    } finally {
      await pool.end();
    }
  });
});
