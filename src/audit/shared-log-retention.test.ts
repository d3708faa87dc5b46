import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStores, postgresServerUrl } from '../../test/postgres/database.js';
import { createSqliteAuditStore } from '../storage/sqlite/audit-store.js';
import { createAuditLog, type AuditLogOptions } from './audit-log.js';
import { createLogHealth } from './log-health.js';
import type { AuditStore } from './store.js';

/**
 * A log shared by replicas (PostgreSQL, or several processes on one SQLite file): another replica's retention may
 * prune the records this replica knows as verified (the last one it wrote, its newest anchored checkpoint), which is
 * not tampering. Only a record gone without a prune covering it is.
 */
const pgServer = postgresServerUrl();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Shared {
  /** A new handle on the shared log (each replica has its own). */
  open(): AuditStore;
  /** Deletes one record behind the log's back, as someone with write access to the database could. */
  remove(seq: number): Promise<void>;
}

function suite(name: string, share: ((root: string) => Promise<Shared>) | undefined) {
  (share ? describe : describe.skip)(`audit log shared by replicas, retention on one of them: ${name}`, () => {
    async function replicas() {
      const root = mkdtempSync(join(tmpdir(), 'portcullis-replicas-'));
      cleanups.push(() => rmSync(root, { recursive: true, force: true }));
      const shared = await share!(root);
      // Replicas share the signing key (audit.signingKeyPath); each has its own data directory and anchor file.
      const replica = async (id: string, extra: Partial<AuditLogOptions> = {}) => {
        const log = await createAuditLog({
          dataDir: join(root, id),
          anchorPath: join(root, `${id}.anchor.jsonl`),
          signingKeyPath: join(root, 'signing-key.pem'),
          store: shared.open(),
          checkpointEvery: { records: 1_000_000, ms: 3_600_000 },
          onWarning: () => undefined,
          ...extra,
        });
        cleanups.push(() => log.close());
        return log;
      };
      return { shared, replica };
    }
    const call = { type: 'tool.call.completed', agent: 'bot', tool: 't_echo' } as const;
    const busyRetention = { retention: { maxRecords: 5, intervalMs: 3_600_000 } };

    /** The busy replica writes 14 records with a checkpoint at 9 + n, then prunes to it (records before it go). */
    async function busyPrunes(busy: Awaited<ReturnType<Awaited<ReturnType<typeof replicas>>['replica']>>) {
      for (let i = 0; i < 8; i++) await busy.append(call);
      await busy.checkpoint();
      for (let i = 0; i < 5; i++) await busy.append(call);
      return busy.applyRetention();
    }

    it("the watchdog: a record pruned by another replica's retention is not a truncated log", async () => {
      const { shared, replica } = await replicas();
      const busy = await replica('busy', busyRetention);
      await busy.append(call);
      // The idle replica's watchdog knows record 1 as the last one it wrote.
      const store = shared.open();
      const warnings: string[] = [];
      const idle = createLogHealth({ store, warn: (m) => warnings.push(m), initialHead: await store.head() });
      await idle.check();
      expect(idle.status().state).toBe('ok');
      expect(await busyPrunes(busy)).toMatchObject({ prunedBefore: 10, deleted: 9 });
      await idle.check();
      expect(idle.status()).toMatchObject({ state: 'ok', ready: true });
      expect(warnings).toEqual([]);
    });

    it('the watchdog: the same record deleted without a prune covering it halts the log', async () => {
      const { shared, replica } = await replicas();
      const busy = await replica('busy', busyRetention);
      await busy.append(call);
      const store = shared.open();
      const idle = createLogHealth({ store, warn: () => undefined, initialHead: await store.head() });
      await shared.remove(1);
      await idle.check();
      expect(idle.status()).toMatchObject({ state: 'halted', ready: false });
      expect(idle.status().reason).toContain('no longer holds record 1');
    });

    it("a restart: the newest anchored checkpoint pruned by another replica's retention is not a rewritten log", async () => {
      const { replica } = await replicas();
      const idle = await replica('idle');
      await idle.append(call);
      await idle.close(); // its closing checkpoint (seq 2) is the newest in its anchor file
      const busy = await replica('busy', busyRetention);
      expect(await busyPrunes(busy)).toMatchObject({ prunedBefore: 11, deleted: 10 });
      const again = await replica('idle');
      expect(await again.verify()).toMatchObject({ ok: true, firstSeq: 11, issues: [] });
    });

    it('a restart: the newest anchored checkpoint deleted without a prune still refuses to open', async () => {
      const { shared, replica } = await replicas();
      const idle = await replica('idle');
      await idle.append(call);
      await idle.close();
      const busy = await replica('busy');
      await busy.append(call);
      await shared.remove(2);
      await expect(replica('idle')).rejects.toMatchObject({
        detail: expect.stringMatching(/record 2 of the audit log does not match its anchored checkpoint/),
      });
    });
  });
}

suite(
  'PostgreSQL',
  pgServer
    ? async () => {
        const db = await openTestStores(pgServer);
        cleanups.push(db.close);
        return {
          open: () => db.stores.audit.open({}),
          async remove(seq) {
            const c = new pg.Client({ connectionString: db.url });
            await c.connect();
            await c.query('DELETE FROM audit_records WHERE seq = $1', [seq]).finally(() => c.end());
          },
        };
      }
    : undefined,
);
suite('SQLite (one file, a handle per replica)', async (root) => {
  const file = join(root, 'audit.db');
  return {
    open: () => createSqliteAuditStore({ file }),
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
