import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStores, postgresServerUrl } from '../../test/postgres/database.js';
import { createAuditLog, type AuditLog, type AuditLogOptions } from '../audit/audit-log.js';
import type { AuditStore } from '../audit/store.js';
import type { VerifyResult } from '../audit/types.js';
import { createSqliteAuditStore } from '../storage/sqlite/audit-store.js';
import { createVerifyCache } from './verify-cache.js';

/**
 * The report's cached chain verification combines an earlier walk with the records appended since. A retention run
 * (this gateway's, or another replica's on a shared log) deletes the oldest records and checkpoints: figures carried
 * over from the earlier walk then count records that are gone. The report must state what a whole walk would state,
 * on the next request after the prune, not after the cache's next full walk (minutes later).
 */
const pgServer = postgresServerUrl();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const call = { type: 'tool.call.completed', agent: 'bot', tool: 't_echo' } as const;
const retention = { retention: { maxRecords: 5, intervalMs: 3_600_000 } };
const figures = (r: VerifyResult) => ({
  ok: r.ok,
  records: r.records,
  firstSeq: r.firstSeq,
  lastSeq: r.lastSeq,
  checkpoints: r.checkpoints,
  issues: r.issues,
});

/** 7 calls, a checkpoint at 8, 7 calls, a checkpoint at 16, 4 calls: head 20. */
async function fill(log: AuditLog): Promise<void> {
  for (let i = 0; i < 7; i++) await log.append(call);
  await log.checkpoint();
  for (let i = 0; i < 7; i++) await log.append(call);
  await log.checkpoint();
  for (let i = 0; i < 4; i++) await log.append(call);
}

function suite(name: string, share: ((root: string) => Promise<() => AuditStore>) | undefined) {
  (share ? describe : describe.skip)(`report chain verification after a retention prune: ${name}`, () => {
    async function replicas() {
      const root = mkdtempSync(join(tmpdir(), 'portcullis-verify-cache-'));
      cleanups.push(() => rmSync(root, { recursive: true, force: true }));
      const open = await share!(root);
      // Replicas share the signing key; each has its own data directory and anchor file.
      return async (id: string, extra: Partial<AuditLogOptions> = {}) => {
        const store = open();
        const log = await createAuditLog({
          dataDir: join(root, id),
          anchorPath: join(root, `${id}.anchor.jsonl`),
          signingKeyPath: join(root, 'signing-key.pem'),
          store,
          checkpointEvery: { records: 1_000_000, ms: 3_600_000 },
          onWarning: () => undefined,
          ...extra,
        });
        cleanups.push(() => log.close());
        return { log, store };
      };
    }

    it("this gateway's retention run: the next report counts only the records kept", async () => {
      const replica = await replicas();
      const { log, store } = await replica('gw', retention);
      const cached = createVerifyCache({ verify: (range) => log.verify(range), store });
      await fill(log);
      expect(figures(await cached())).toMatchObject({ ok: true, records: 20, firstSeq: 1, checkpoints: 2 });
      // Prunes up to the checkpoint at 16 and records that it did (seq 21).
      expect(await log.applyRetention()).toMatchObject({ prunedBefore: 16, deleted: 15 });
      const after = await cached();
      expect(figures(after)).toEqual(figures(await log.verify()));
      expect(after).toMatchObject({ ok: true, records: 6, firstSeq: 16, lastSeq: 21, checkpoints: 1 });
      // Then incremental again, from the new start.
      await log.append(call);
      expect(await cached()).toMatchObject({ ok: true, records: 7, firstSeq: 16, lastSeq: 22, checkpoints: 1 });
    });

    it("another replica's retention run on the shared log: this replica's next report counts only the records kept", async () => {
      const replica = await replicas();
      const { log: busy } = await replica('busy', retention);
      const { log: idle, store } = await replica('idle');
      const cached = createVerifyCache({ verify: (range) => idle.verify(range), store });
      await fill(busy);
      expect(await cached()).toMatchObject({ ok: true, records: 20, firstSeq: 1, checkpoints: 2 });
      expect(await busy.applyRetention()).toMatchObject({ prunedBefore: 16, deleted: 15 });
      const after = await cached();
      expect(figures(after)).toEqual(figures(await idle.verify()));
      expect(after).toMatchObject({ ok: true, records: 6, firstSeq: 16, lastSeq: 21, checkpoints: 1 });
    });

    it('a prune that removes every record the last report verified (and more) is counted from the new start', async () => {
      const replica = await replicas();
      const { log, store } = await replica('gw', retention);
      const cached = createVerifyCache({ verify: (range) => log.verify(range), store });
      for (let i = 0; i < 3; i++) await log.append(call);
      expect(await cached()).toMatchObject({ ok: true, records: 3, lastSeq: 3, checkpoints: 0 });
      for (let i = 0; i < 4; i++) await log.append(call);
      await log.checkpoint(); // seq 8
      for (let i = 0; i < 7; i++) await log.append(call);
      await log.checkpoint(); // seq 16
      for (let i = 0; i < 4; i++) await log.append(call);
      expect(await log.applyRetention()).toMatchObject({ prunedBefore: 16 });
      const after = await cached();
      expect(figures(after)).toEqual(figures(await log.verify()));
      expect(after).toMatchObject({ ok: true, records: 6, firstSeq: 16, lastSeq: 21, checkpoints: 1 });
    });
  });
}

suite(
  'PostgreSQL',
  pgServer
    ? async () => {
        const db = await openTestStores(pgServer);
        cleanups.push(db.close);
        return () => db.stores.audit.open({});
      }
    : undefined,
);
suite('SQLite (one file, a handle per replica)', async (root) => {
  const file = join(root, 'audit.db');
  return () => createSqliteAuditStore({ file });
});
