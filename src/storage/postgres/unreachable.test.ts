import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, postgresServerUrl } from '../../../test/postgres/database.js';
import { GatewayError } from '../../core/errors.js';
import { createPostgresStores } from './postgres-stores.js';

/**
 * A gateway (or a CLI command) started while its PostgreSQL cannot be reached stops with one line that says which
 * database it could not reach and why (`portcullis: cannot reach PostgreSQL at postgres://app:***@…: connect
 * ECONNREFUSED …`, printed by src/cli/main.ts for a GatewayError), not with the driver's stack trace, and never
 * with the password of the URL.
 */
describe('PostgreSQL stores on a server that does not answer', () => {
  it('refuse with store.unavailable naming the database without its password', async () => {
    // Port 1 on loopback: nothing listens.
    const err = await createPostgresStores({ url: 'postgres://app:s3cret-pw@127.0.0.1:1/portcullis' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GatewayError);
    const g = err as GatewayError;
    expect(g.code).toBe('store.unavailable');
    expect(g.message).toBe('cannot reach PostgreSQL at postgres://app:***@127.0.0.1:1/portcullis');
    expect(g.detail).toMatch(/ECONNREFUSED/);
    expect(`${g.message} ${g.detail}`).not.toContain('s3cret-pw');
  });
});

/**
 * A server that answers but refuses the migration (no permission to create the schema's tables, a schema it cannot
 * apply) is not "cannot reach": the line says the migration failed, with the server's reason and SQLSTATE.
 */
describe.skipIf(!postgresServerUrl())('PostgreSQL stores on a server that refuses the migration', () => {
  it('say the migration was refused, not that the server cannot be reached', async () => {
    const db = await createTestDatabase(postgresServerUrl()!);
    const role = `r_${randomBytes(4).toString('hex')}`;
    const su = new pg.Client({ connectionString: db.url });
    await su.connect();
    try {
      // PostgreSQL 15+: only the database owner may create tables in public; this role may log in and nothing more.
      await su.query(`CREATE ROLE ${role} LOGIN PASSWORD 'pw-${role}'`);
      await su.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
      const url = db.url.replace(/\/\/[^@]*@/, `//${role}:pw-${role}@`);
      const err = await createPostgresStores({ url }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(GatewayError);
      const g = err as GatewayError;
      expect(g.message).not.toMatch(/cannot reach/);
      expect(g.message).toMatch(/^PostgreSQL at postgres:\/\/r_[0-9a-f]+:\*\*\*@.* refused the schema migration/);
      expect(g.detail).toMatch(/permission denied/);
      expect(`${g.message} ${g.detail}`).not.toContain(`pw-${role}`);
    } finally {
      await su.query(`DROP OWNED BY ${role}`).catch(() => undefined);
      await su.end();
      await db.drop();
      const admin = new pg.Client({ connectionString: postgresServerUrl() });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${role}`).finally(() => admin.end());
    }
  });
});
