import { describe, expect, it } from 'vitest';
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
