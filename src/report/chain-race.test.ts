import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStores, postgresServerUrl } from '../../test/postgres/database.js';
import { createAuditLog, type AuditLog, type AuditLogOptions } from '../audit/audit-log.js';
import type { AuditStore } from '../audit/store.js';
import { createSqliteAuditStore } from '../storage/sqlite/audit-store.js';
import { createVerifyCache } from './verify-cache.js';

/**
 * The report verifies the audit chain on a running gateway while the gateway keeps appending: every API request
 * appends an `admin.action.performed` record once answered, and the interval checkpoint (every second with
 * activity) commits a checkpoint record with its signed checkpoint in one transaction. The verifier reads the head,
 * then the checkpoints; a commit landing between the two reads used to show a signed checkpoint beyond the head it
 * had read, reported as a truncated log: `audit.chain` failed, `reports.reviewed` with it, and the score dropped
 * for one report (the PostgreSQL CI flake of 2026-11-27). Here the commit is landed in that window on purpose, on
 * each store, through the log's real writer.
 */
const pgServer = postgresServerUrl();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Raced {
  log: AuditLog;
  /** The store under the log, without the interleaving. */
  store: AuditStore;
  /**
   * Lands `commit` (through the log's own writer) once, at the next read of `method` by anyone: right after a read
   * of the head returns, right before a read of the checkpoints starts.
   */
  interleave: (method: 'head' | 'checkpoints', commit: (log: AuditLog) => Promise<unknown>) => void;
}

async function racedLog(
  open: (dataDir: string) => Promise<AuditStore>,
  extra: Partial<AuditLogOptions> = {},
): Promise<Raced> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portcullis-chain-race-'));
  cleanups.push(() => {
    for (const p of [dataDir, `${dataDir}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
  });
  const store = await open(dataDir);
  const pending: Partial<Record<'head' | 'checkpoints', (log: AuditLog) => Promise<unknown>>> = {};
  const ref: { log?: AuditLog } = {};
  const take = async (method: 'head' | 'checkpoints') => {
    const commit = pending[method];
    delete pending[method];
    if (commit) await commit(ref.log!);
  };
  const raced: AuditStore = {
    ...store,
    async head() {
      const head = await store.head();
      await take('head');
      return head;
    },
    async checkpoints(fromSeq, toSeq) {
      await take('checkpoints');
      return store.checkpoints(fromSeq, toSeq);
    },
  };
  const log = await createAuditLog({
    dataDir,
    store: raced,
    // Checkpoints only when asked, so each test decides where they fall.
    checkpointEvery: { records: 1_000_000, ms: 3_600_000 },
    onWarning: () => undefined,
    ...extra,
  });
  ref.log = log;
  cleanups.push(() => log.close());
  return { log, store, interleave: (method, commit) => void (pending[method] = commit) };
}

/** What the running gateway commits after answering a report request: its action record, then the checkpoint. */
async function requestAnswered(log: AuditLog): Promise<void> {
  await log.append({
    type: 'admin.action.performed',
    user: 'alice',
    detail: { method: 'GET', path: '/api/v1/report' },
  });
  await log.checkpoint();
}

async function calls(log: AuditLog, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) await log.append({ type: 'tool.call.completed', agent: 'bot', tool: 't_echo' });
}

function raceSuite(name: string, open: ((dataDir: string) => Promise<AuditStore>) | undefined) {
  (open ? describe : describe.skip)(`chain verification while the gateway appends: ${name}`, () => {
    it('a checkpoint committed after the head was read is not a truncated log', async () => {
      const { log, interleave } = await racedLog(open!);
      await calls(log, 5);
      await log.checkpoint(); // seq 6
      interleave('head', requestAnswered); // seq 7, and the checkpoint record at seq 8
      const during = await log.verify();
      expect(during.issues).toEqual([]);
      // It verified what was there when it started (records 1..6 and their checkpoint), nothing beyond.
      expect(during).toMatchObject({ ok: true, records: 6, lastSeq: 6, checkpoints: 1 });
      expect(await log.verify()).toMatchObject({ ok: true, records: 8, lastSeq: 8, checkpoints: 2, issues: [] });
    });

    it("the report's incremental verification: combined counts stay exact across the race", async () => {
      const { log, store, interleave } = await racedLog(open!);
      const verify = createVerifyCache({ verify: (range) => log.verify(range), store });
      await calls(log, 3);
      await log.checkpoint(); // seq 4
      expect(await verify()).toMatchObject({ ok: true, records: 4, lastSeq: 4, checkpoints: 1 });
      await calls(log, 2); // seq 5, 6
      interleave('head', requestAnswered); // seq 7, checkpoint at 8
      const during = await verify();
      expect(during.issues).toEqual([]);
      expect(during).toMatchObject({ ok: true, records: 6, lastSeq: 6, checkpoints: 1 });
      // The next report picks up what landed during the last one, counted once.
      expect(await verify()).toMatchObject({ ok: true, records: 8, lastSeq: 8, checkpoints: 2, issues: [] });
      // Nothing new: the cached position stays where it is, with the same totals.
      interleave('head', requestAnswered); // seq 9, checkpoint at 10, while the head (8) is being verified
      expect(await verify()).toMatchObject({ ok: true, records: 8, lastSeq: 8, checkpoints: 2, issues: [] });
      expect(await log.verify()).toMatchObject({ ok: true, records: 10, checkpoints: 3, issues: [] });
    });

    it('a retention run pruning the log during the walk is not a deleted range', async () => {
      const { log, interleave } = await racedLog(open!, { retention: { maxRecords: 5, intervalMs: 3_600_000 } });
      await calls(log, 7);
      await log.checkpoint(); // seq 8
      await calls(log, 7);
      await log.checkpoint(); // seq 16
      await calls(log, 4); // head 20
      // The walk has read where the log starts (seq 1, nothing pruned) when retention prunes up to the checkpoint
      // at 16 (and records that it did, at seq 21).
      interleave('checkpoints', (l) => l.applyRetention());
      const r = await log.verify();
      expect(r.issues).toEqual([]);
      expect(r).toMatchObject({ ok: true, firstSeq: 16 });
      expect(await log.verify()).toMatchObject({ ok: true, records: 6, firstSeq: 16, lastSeq: 21, issues: [] });
    });
  });
}

raceSuite(
  'PostgreSQL',
  pgServer
    ? async () => {
        const pg = await openTestStores(pgServer);
        cleanups.push(pg.close);
        return pg.stores.audit.open({});
      }
    : undefined,
);
raceSuite('SQLite (writer thread)', async (dataDir) => createSqliteAuditStore({ file: join(dataDir, 'audit.db') }));
