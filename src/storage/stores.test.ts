import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresServerUrl } from '../../test/postgres/database.js';
import { migrateStorage, openStores } from './open-stores.js';
import { coreMigrations } from './migrations/core.js';
import type { StorageSetting } from './config.js';
import type { ApiKeyRecord, Stores } from './repositories.js';

/**
 * The repository contract, run against every back end. A new repository adds its cases here (or in a file of
 * its own built the same way), so that SQLite and PostgreSQL are held to the same behaviour.
 */
interface Backend {
  name: string;
  /** A fresh, empty storage location. */
  fresh(): Promise<StorageSetting>;
  /** Runs SQL on the core database behind the stores' back (to simulate another version of Portcullis). */
  raw(setting: StorageSetting, sql: string): Promise<void>;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const sqlite: Backend = {
  name: 'sqlite',
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-stores-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return { kind: 'sqlite', dataDir: dir, migrateOnStart: true };
  },
  async raw(setting, sql) {
    const db = new Database(join((setting as { dataDir: string }).dataDir, 'portcullis.db'));
    db.exec(sql);
    db.close();
  },
};

const serverUrl = postgresServerUrl();
const postgres: Backend = {
  name: 'postgres',
  async fresh() {
    const db = await createTestDatabase(serverUrl!);
    cleanups.push(() => db.drop());
    return { kind: 'postgres', url: db.url, migrateOnStart: true };
  },
  async raw(setting, sql) {
    const c = new pg.Client({ connectionString: (setting as { url: string }).url });
    await c.connect();
    await c.query(sql);
    await c.end();
  },
};

const key = (id: string, agent: string, kind: 'agent' | 'user' = 'agent', at = '2026-01-01T00:00:00.000Z') =>
  ({ id, kind, agent, hash: 'ab'.repeat(32), createdAt: at }) satisfies ApiKeyRecord;

async function open(b: Backend, setting?: StorageSetting, migrate?: boolean): Promise<Stores> {
  const s = await openStores(setting ?? (await b.fresh()), migrate === undefined ? {} : { migrate });
  cleanups.push(() => s.close());
  return s;
}

for (const b of [sqlite, postgres]) {
  const run = b === postgres && !serverUrl ? describe.skip : describe;
  run(`stores contract: ${b.name}`, () => {
    it('keys: insert, find, list by owner kind, revoke, rotate', async () => {
      const s = await open(b);
      await s.apiKeys.insert(key('aaaaaaaaaaaa', 'crm'));
      await s.apiKeys.insert(key('bbbbbbbbbbbb', 'crm'));
      await s.apiKeys.insert(key('cccccccccccc', 'alice', 'user'));
      expect(await s.apiKeys.findById('aaaaaaaaaaaa')).toEqual(key('aaaaaaaaaaaa', 'crm'));
      expect(await s.apiKeys.findById('zzzzzzzzzzzz')).toBeUndefined();
      expect((await s.apiKeys.listByAgent('agent')).map((k) => k.id)).toEqual(['aaaaaaaaaaaa', 'bbbbbbbbbbbb']);
      expect((await s.apiKeys.listByAgent('user', 'alice')).map((k) => k.id)).toEqual(['cccccccccccc']);
      expect(await s.apiKeys.revokeAgent('agent', 'crm', '2026-02-01T00:00:00.000Z')).toBe(2);
      expect((await s.apiKeys.findById('aaaaaaaaaaaa'))?.revokedAt).toBe('2026-02-01T00:00:00.000Z');
      expect(await s.apiKeys.revokeAgent('agent', 'crm', '2026-02-02T00:00:00.000Z')).toBe(0);
      expect(await s.apiKeys.rotate(key('dddddddddddd', 'alice', 'user', '2026-03-01T00:00:00.000Z'))).toBe(1);
      expect((await s.apiKeys.findById('cccccccccccc'))?.revokedAt).toBe('2026-03-01T00:00:00.000Z');
      expect((await s.apiKeys.findById('dddddddddddd'))?.revokedAt).toBeUndefined();
    });

    it('a revocation is seen at once by the same stores and promptly by another process', async () => {
      const setting = await b.fresh();
      const gateway = await open(b, setting);
      const cli = await open(b, setting);
      await cli.apiKeys.insert(key('aaaaaaaaaaaa', 'crm'));
      expect((await gateway.apiKeys.findById('aaaaaaaaaaaa'))?.revokedAt).toBeUndefined();
      // Looked up twice: the second answer may come from the gateway's cache.
      expect((await gateway.apiKeys.findById('aaaaaaaaaaaa'))?.revokedAt).toBeUndefined();
      await gateway.apiKeys.revokeAgent('agent', 'crm', '2026-02-01T00:00:00.000Z');
      expect((await gateway.apiKeys.findById('aaaaaaaaaaaa'))?.revokedAt).toBeDefined();
      await cli.apiKeys.rotate(key('bbbbbbbbbbbb', 'crm'));
      expect(await gateway.apiKeys.findById('bbbbbbbbbbbb')).toBeDefined();
      await cli.apiKeys.revokeAgent('agent', 'crm', '2026-02-02T00:00:00.000Z');
      // SQLite reads in-process (immediate); PostgreSQL invalidates through LISTEN/NOTIFY.
      await expect
        .poll(async () => (await gateway.apiKeys.findById('bbbbbbbbbbbb'))?.revokedAt, { timeout: 2000, interval: 20 })
        .toBe('2026-02-02T00:00:00.000Z');
    });

    it('transactions commit together and roll back together', async () => {
      const s = await open(b);
      await s.transaction(async (tx) => {
        await s.apiKeys.insert(key('aaaaaaaaaaaa', 'crm'), tx);
        await s.apiKeys.insert(key('bbbbbbbbbbbb', 'crm'), tx);
      });
      await expect(
        s.transaction(async (tx) => {
          await s.apiKeys.insert(key('cccccccccccc', 'crm'), tx);
          await s.apiKeys.revokeAgent('agent', 'crm', '2026-02-01T00:00:00.000Z', tx);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const keys = await s.apiKeys.listByAgent('agent', 'crm');
      expect(keys.map((k) => [k.id, k.revokedAt])).toEqual([
        ['aaaaaaaaaaaa', undefined],
        ['bbbbbbbbbbbb', undefined],
      ]);
      // A duplicate id fails the whole transaction.
      await expect(
        s.transaction(async (tx) => {
          await s.apiKeys.insert(key('dddddddddddd', 'crm'), tx);
          await s.apiKeys.insert(key('aaaaaaaaaaaa', 'crm'), tx);
        }),
      ).rejects.toThrow();
      expect(await s.apiKeys.findById('dddddddddddd')).toBeUndefined();
    });

    it('refuses a schema newer than the code, and pending migrations when start must not migrate', async () => {
      const setting = await b.fresh();
      await (await openStores(setting)).close();
      await b.raw(
        setting,
        b === postgres
          ? "INSERT INTO schema_migrations (component, version, name, applied_at) VALUES ('core', 99, 'from the future', 'x')"
          : "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 'x')",
      );
      // The newest core version this code knows (features add theirs in reserved ranges: 10-19, 20-29 ...).
      const known = Math.max(...coreMigrations.migrations.map((m) => m.version));
      await expect(openStores(setting)).rejects.toThrow(
        new RegExp(`core schema is at version 99, newer than this Portcullis knows \\(${known}\\)`),
      );
      // The future row gone and version 3 un-applied (its SQL can run again; later versions' tables stay).
      await b.raw(setting, 'DELETE FROM schema_migrations WHERE version IN (3, 99)');
      await expect(openStores(setting, { migrate: false })).rejects.toThrow(/run `portcullis migrate`/);
      const report = await migrateStorage(setting);
      expect(report.find((r) => r.component === 'core')).toMatchObject({
        to: known,
        applied: ['3 decision records moved to the tamper-evident audit log'],
      });
      const s = await open(b, setting, false);
      await s.check();
    });
  });
}

describe('sqlite key lookups from memory (ADR 0017, Decision 8)', () => {
  it('see every change by another connection on the very next lookup, and their own writes at once', async () => {
    const setting = await sqlite.fresh();
    const gateway = await open(sqlite, setting);
    const cli = await open(sqlite, setting);
    // A miss is remembered, and forgotten when another process adds the key.
    expect(await gateway.apiKeys.findById('aaaaaaaaaaaa')).toBeUndefined();
    await cli.apiKeys.insert(key('aaaaaaaaaaaa', 'crm'));
    expect(await gateway.apiKeys.findById('aaaaaaaaaaaa')).toEqual(key('aaaaaaaaaaaa', 'crm'));
    const first = await gateway.apiKeys.findById('aaaaaaaaaaaa');
    expect(await gateway.apiKeys.findById('aaaaaaaaaaaa')).toBe(first); // served from memory
    // Revoked by the CLI: the next lookup (no waiting) says so.
    await cli.apiKeys.revokeAgent('agent', 'crm', '2026-02-01T00:00:00.000Z');
    expect((await gateway.apiKeys.findById('aaaaaaaaaaaa'))?.revokedAt).toBe('2026-02-01T00:00:00.000Z');
    // Behind the stores' back (raw SQL from another connection) too.
    await sqlite.raw(setting, "UPDATE api_keys SET revoked_at = NULL WHERE id = 'aaaaaaaaaaaa'");
    expect((await gateway.apiKeys.findById('aaaaaaaaaaaa'))?.revokedAt).toBeUndefined();
    // This connection's own writes (which do not move data_version for it).
    await gateway.apiKeys.revokeAgent('agent', 'crm', '2026-03-01T00:00:00.000Z');
    expect((await gateway.apiKeys.findById('aaaaaaaaaaaa'))?.revokedAt).toBe('2026-03-01T00:00:00.000Z');
    expect(await gateway.apiKeys.findById('bbbbbbbbbbbb')).toBeUndefined();
    await gateway.apiKeys.rotate(key('bbbbbbbbbbbb', 'crm', 'agent', '2026-04-01T00:00:00.000Z'));
    expect(await gateway.apiKeys.findById('bbbbbbbbbbbb')).toBeDefined();
    // A rolled-back insert leaves nothing behind, in memory either.
    await expect(
      gateway.transaction(async (tx) => {
        await gateway.apiKeys.insert(key('cccccccccccc', 'crm'), tx);
        expect(await gateway.apiKeys.findById('cccccccccccc', tx)).toBeDefined();
        expect(await gateway.apiKeys.findById('cccccccccccc')).toBeDefined();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await gateway.apiKeys.findById('cccccccccccc')).toBeUndefined();
  });

  it('cachedById answers without waiting only what findById would answer now (ADR 0017, Decision 11)', async () => {
    const setting = await sqlite.fresh();
    const gateway = await open(sqlite, setting);
    const cli = await open(sqlite, setting);
    const cached = (id: string) => gateway.apiKeys.cachedById!(id);
    expect(cached('aaaaaaaaaaaa')).toBeUndefined(); // never read: only findById can tell
    expect(await gateway.apiKeys.findById('aaaaaaaaaaaa')).toBeUndefined();
    expect(cached('aaaaaaaaaaaa')).toBeNull(); // a known miss
    await cli.apiKeys.insert(key('aaaaaaaaaaaa', 'crm'));
    expect(cached('aaaaaaaaaaaa')).toBeUndefined(); // another connection committed: the miss is forgotten
    const rec = await gateway.apiKeys.findById('aaaaaaaaaaaa');
    expect(cached('aaaaaaaaaaaa')).toBe(rec);
    await cli.apiKeys.revokeAgent('agent', 'crm', '2026-02-01T00:00:00.000Z');
    expect(cached('aaaaaaaaaaaa')).toBeUndefined(); // revoked elsewhere: never the stale record
    expect((await gateway.apiKeys.findById('aaaaaaaaaaaa'))?.revokedAt).toBe('2026-02-01T00:00:00.000Z');
    expect(cached('aaaaaaaaaaaa')?.revokedAt).toBe('2026-02-01T00:00:00.000Z');
    await gateway.apiKeys.revokeAgent('agent', 'crm', '2026-03-01T00:00:00.000Z');
    expect(cached('aaaaaaaaaaaa')).toBeUndefined(); // this connection's own key write clears it too
    await gateway.transaction(async () => {
      expect(cached('aaaaaaaaaaaa')).toBeUndefined(); // inside a transaction: the database decides
    });
  });
});
