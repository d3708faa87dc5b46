import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresServerUrl } from '../../test/postgres/database.js';
import { openStores } from '../storage/open-stores.js';
import { createSqliteAuditStore } from '../storage/sqlite/audit-store.js';
import { createAuditLog } from './audit-log.js';
import { createLogHealth } from './log-health.js';
import type { AuditStore } from './store.js';

/**
 * The watchdog's "the record this process wrote last must still be there", on a log shared by replicas: another
 * replica's retention may prune that record legitimately (an idle replica's last record ages out); only a record
 * gone without a prune covering it is a truncation.
 */
const pgServer = postgresServerUrl();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Shared {
  store: AuditStore;
  /** Deletes one record behind the log's back, as someone with write access to the database could. */
  remove(seq: number): Promise<void>;
}

function suite(name: string, open: ((dataDir: string) => Promise<Shared>) | undefined) {
  (open ? describe : describe.skip)(`audit health watchdog, log shared by replicas: ${name}`, () => {
    async function setup() {
      const dataDir = mkdtempSync(join(tmpdir(), 'portcullis-health-'));
      cleanups.push(() => {
        for (const p of [dataDir, `${dataDir}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
      });
      const shared = await open!(dataDir);
      // The busy replica: it writes most of the log and applies retention (at most 5 records).
      const busy = await createAuditLog({
        dataDir,
        store: shared.store,
        checkpointEvery: { records: 1_000_000, ms: 3_600_000 },
        retention: { maxRecords: 5, intervalMs: 3_600_000 },
        onWarning: () => undefined,
      });
      cleanups.push(() => busy.close());
      await busy.append({ type: 'tool.call.completed', agent: 'idle-replica-caller', tool: 't_echo' });
      // The idle replica's watchdog knows record 1 as the last one it wrote.
      const warnings: string[] = [];
      const idle = createLogHealth({
        store: shared.store,
        warn: (m) => warnings.push(m),
        initialHead: await shared.store.head(),
      });
      await idle.check();
      expect(idle.status().state).toBe('ok');
      for (let i = 0; i < 8; i++) await busy.append({ type: 'tool.call.completed', agent: 'bot', tool: 't_echo' });
      await busy.checkpoint(); // seq 10
      for (let i = 0; i < 5; i++) await busy.append({ type: 'tool.call.completed', agent: 'bot', tool: 't_echo' });
      return { shared, busy, idle, warnings };
    }

    it('a record pruned by retention is not a truncated log', async () => {
      const { busy, idle, warnings } = await setup();
      expect(await busy.applyRetention()).toMatchObject({ prunedBefore: 10, deleted: 9 });
      await idle.check();
      expect(idle.status()).toMatchObject({ state: 'ok', ready: true });
      expect(warnings).toEqual([]);
    });

    it('the same record deleted without a prune covering it halts the log', async () => {
      const { shared, idle } = await setup();
      await shared.remove(1);
      await idle.check();
      expect(idle.status()).toMatchObject({ state: 'halted', ready: false });
      expect(idle.status().reason).toContain('no longer holds record 1');
    });
  });
}

suite(
  'PostgreSQL',
  pgServer
    ? async () => {
        const db = await createTestDatabase(pgServer);
        cleanups.push(() => db.drop());
        const stores = await openStores({ kind: 'postgres', url: db.url, migrateOnStart: true });
        cleanups.push(() => stores.close());
        return {
          store: stores.audit.open({}),
          async remove(seq) {
            const c = new pg.Client({ connectionString: db.url });
            await c.connect();
            await c.query('DELETE FROM audit_records WHERE seq = $1', [seq]).finally(() => c.end());
          },
        };
      }
    : undefined,
);
suite('SQLite', async (dataDir) => {
  const file = join(dataDir, 'audit.db');
  return {
    store: createSqliteAuditStore({ file }),
    async remove(seq) {
      const db = new Database(file);
      try {
        db.prepare('DELETE FROM audit_records WHERE seq = ?').run(seq);
      } finally {
        db.close();
      }
    },
  };
});
