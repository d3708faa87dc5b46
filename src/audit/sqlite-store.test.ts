import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStores, postgresServerUrl } from '../../test/postgres/database.js';
import { recordBody, sha256Hex, GENESIS_HASH } from './chain.js';
import { createSqliteAuditStore } from '../storage/sqlite/audit-store.js';
import type { AuditStore, StoredRecord } from './store.js';
import type { AuditEvent, SignedCheckpoint } from './types.js';

/**
 * The AuditStore contract. Every implementation (SQLite with either writer, PostgreSQL) must pass it:
 * add a `describeStore(name, factory)` line below for a new one.
 */
function records(from: number, events: Array<Partial<AuditEvent>>, prev = GENESIS_HASH): StoredRecord[] {
  return events.map((e, i) => {
    const seq = from + i;
    const event: AuditEvent = {
      timestamp: `2026-01-0${1 + (i % 9)}T00:00:00.000Z`,
      ...e,
      type: e.type ?? 'tools.listed',
    };
    const body = recordBody(seq, prev, event);
    prev = sha256Hex(body);
    return { seq, hash: prev, body };
  });
}
const cp = (seq: number, hash: string): SignedCheckpoint => ({ v: 1, seq, hash, ts: 't', keyId: 'k', signature: 's' });

function describeStore(name: string, factory: ((dir: string) => Promise<AuditStore> | AuditStore) | undefined) {
  (factory ? describe : describe.skip)(`AuditStore contract: ${name}`, () => {
    let dir: string;
    let store: AuditStore;
    const cleanups: Array<() => Promise<void>> = [];
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'portcullis-store-'));
      store = await factory!(dir);
    });
    afterEach(async () => {
      await store.close();
      for (const c of cleanups.splice(0)) await c();
      rmSync(dir, { recursive: true, force: true });
    });

    it('appendLocked (stores shared by processes) chains each batch onto the head read under the lock', async () => {
      if (!store.appendLocked) return;
      const heads: Array<number | undefined> = [];
      await Promise.all(
        [0, 1, 2].map(() =>
          store.appendLocked!(async (head) => {
            heads.push(head?.seq);
            const rs = records((head?.seq ?? 0) + 1, [{}, {}], head?.hash);
            return { records: rs, checkpoints: [] };
          }),
        ),
      );
      expect(heads).toEqual([undefined, 2, 4]);
      expect((await store.readRange(1, 100, 100)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('appends atomically: a failing batch leaves nothing behind', async () => {
      const rs = records(1, [{}, {}, {}]);
      await expect(store.append([rs[0]!, rs[1]!, rs[0]!], [])).rejects.toThrow();
      expect(await store.head()).toBeUndefined();
      await store.append(rs, [cp(3, rs[2]!.hash)]);
      expect(await store.head()).toEqual(rs[2]);
      expect(await store.first()).toEqual(rs[0]);
      expect(await store.lastCheckpoint()).toEqual(cp(3, rs[2]!.hash));
    });

    it('reads ranges, filters, pages in both orders, and finds records by time', async () => {
      const rs = records(1, [
        { agent: 'a', tool: 't1', decision: 'allow', risk: { level: 'low', categories: [] }, resultStatus: 'ok' },
        { agent: 'b', tool: 't2', decision: 'deny', approvalId: 'ap', requestId: 'r2' },
        { agent: 'a', tool: 't2', backend: 'x', type: 'auth.failed' },
      ]);
      await store.append(rs, []);
      expect((await store.readRange(2, 3, 10)).map((r) => r.seq)).toEqual([2, 3]);
      expect((await store.readRange(1, 3, 1)).map((r) => r.seq)).toEqual([1]);
      const q = async (f: object) => (await store.query({ order: 'asc', limit: 10, ...f })).map((r) => r.seq);
      expect(await q({ agent: 'a' })).toEqual([1, 3]);
      expect(await q({ tool: 't2', order: 'desc' })).toEqual([3, 2]);
      expect(await q({ decision: 'deny', approvalId: 'ap', requestId: 'r2' })).toEqual([2]);
      expect(await q({ risk: 'low', status: 'ok' })).toEqual([1]);
      expect(await q({ backend: 'x', type: 'auth.failed' })).toEqual([3]);
      expect(await q({ afterSeq: 1, limit: 1 })).toEqual([2]);
      expect(await q({ beforeSeq: 3, order: 'desc' })).toEqual([2, 1]);
      expect(await q({ from: '2026-01-02T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' })).toEqual([2]);
      expect(await store.lastSeqBefore('2026-01-03T00:00:00.000Z')).toBe(2);
      expect(await store.lastSeqBefore('2000-01-01T00:00:00.000Z')).toBeUndefined();
    });

    it('prunes oldest first and records the prune point; keeps meta', async () => {
      const rs = records(
        1,
        Array.from({ length: 12 }, () => ({})),
      );
      await store.append(rs, [cp(5, rs[4]!.hash), cp(10, rs[9]!.hash)]);
      expect(await store.prune(10)).toBe(9);
      expect((await store.first())!.seq).toBe(10);
      expect((await store.checkpoints(0, 100)).map((c) => c.seq)).toEqual([10]);
      expect(await store.getMeta('retention.prunedBefore')).toBe('10');
      await store.setMeta('k', 'v1');
      await store.setMeta('k', 'v2');
      expect(await store.getMeta('k')).toBe('v2');
      expect(await store.getMeta('missing')).toBeUndefined();
    });
  });
}

const pgServer = postgresServerUrl();
const pgCloses: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of pgCloses) await close();
});
describeStore(
  'postgres',
  pgServer
    ? async () => {
        const db = await openTestStores(pgServer);
        pgCloses.push(db.close);
        return db.stores.audit.open({});
      }
    : undefined,
);
describeStore('sqlite, writer thread', (dir) => createSqliteAuditStore({ file: join(dir, 'audit.db') }));
describeStore('sqlite, main thread', (dir) => createSqliteAuditStore({ file: join(dir, 'audit.db'), writer: 'main' }));
