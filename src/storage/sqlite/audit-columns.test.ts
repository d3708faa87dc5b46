import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, recordBody, sha256Hex } from '../../audit/chain.js';
import type { StoreQuery, StoredRecord } from '../../audit/store.js';
import type { AuditEvent } from '../../audit/types.js';
import { auditMigrations } from '../migrations/audit.js';
import { createSqliteAuditStore } from './audit-store.js';
import { migrateSqlite } from './migrate.js';

/**
 * Audit schema version 3 on SQLite: only the five indexed generated columns stay. SQLite computes every generated
 * column of a row on INSERT (VIRTUAL ones too), so the six no index used cost six `json_extract` per record; queries
 * filter on those fields from the body (ADR 0017, Decision 43).
 */
const INDEXED = ['ts', 'request_id', 'agent', 'tool', 'approval_id'];

function chain(events: AuditEvent[], from = 1, prev = GENESIS_HASH): StoredRecord[] {
  return events.map((event, i) => {
    const body = recordBody(from + i, prev, event);
    prev = sha256Hex(body);
    return { seq: from + i, hash: prev, body };
  });
}

const event = (i: number, over: Partial<AuditEvent> = {}): AuditEvent => ({
  type: 'tool.call.requested',
  timestamp: `2026-11-29T13:00:0${i}.000Z`,
  requestId: `req-${i}`,
  agent: `agent-${i % 2}`,
  user: `user-${i}`,
  tool: 'github_create_issue',
  backend: `backend-${i}`,
  decision: 'allow',
  risk: { level: 'low', categories: [] },
  ...over,
});

const EVENTS = [
  event(1),
  event(2, { type: 'tool.call.completed', resultStatus: 'ok', approvalId: 'ap-2' }),
  event(3, { decision: 'deny', risk: { level: 'high', categories: ['payments'] }, resultStatus: 'denied' }),
];

/** Each filter, and the seqs of EVENTS it finds. */
const FILTERS: Array<[Partial<StoreQuery>, number[]]> = [
  [{ type: 'tool.call.completed' }, [2]],
  [{ requestId: 'req-3' }, [3]],
  [{ agent: 'agent-1' }, [1, 3]],
  [{ user: 'user-2' }, [2]],
  [{ tool: 'github_create_issue' }, [1, 2, 3]],
  [{ backend: 'backend-3' }, [3]],
  [{ decision: 'deny' }, [3]],
  [{ risk: 'high' }, [3]],
  [{ approvalId: 'ap-2' }, [2]],
  [{ status: 'ok' }, [2]],
  [{ from: '2026-11-29T13:00:02.000Z', to: '2026-11-29T13:00:03.000Z' }, [2]],
  [{ agent: 'agent-1', decision: 'allow' }, [1]],
];

const columns = (db: Database.Database) =>
  (db.prepare('PRAGMA table_xinfo(audit_records)').all() as Array<{ name: string; hidden: number }>)
    .filter((c) => c.hidden !== 0)
    .map((c) => c.name);

/** How many JSON lookups SQLite runs to insert one record (the writer thread's statement). */
const jsonCallsPerInsert = (db: Database.Database) =>
  (
    db.prepare('EXPLAIN INSERT INTO audit_records (seq, hash, body) VALUES (?, ?, ?)').all(1, 'h', '{}') as Array<{
      opcode: string;
      p4: unknown;
    }>
  ).filter((op) => String(op.p4).startsWith('json_extract')).length;

describe('SQLite audit schema version 3: only the indexed columns are generated', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portcullis-audit-columns-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('a new database computes the five indexed fields per INSERT, not eleven; every filter still finds its records', async () => {
    const file = join(dir, 'audit.db');
    const store = createSqliteAuditStore({ file });
    await store.append(chain(EVENTS), []);
    for (const [filter, seqs] of FILTERS)
      expect(
        (await store.query({ order: 'asc', limit: 10, ...filter })).map((r) => r.seq),
        JSON.stringify(filter),
      ).toEqual(seqs);
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(columns(db)).toEqual(INDEXED);
    expect(jsonCallsPerInsert(db)).toBe(INDEXED.length);
    db.close();
  });

  it('migrates a version 2 database: its records stay as written and every filter finds them; new records are found too', async () => {
    const file = join(dir, 'audit.db');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    migrateSqlite(
      old,
      { component: 'audit', migrations: auditMigrations.migrations.filter((m) => m.version <= 2) },
      file,
      { apply: true },
    );
    expect(columns(old)).toHaveLength(11);
    const before = chain(EVENTS);
    const insert = old.prepare('INSERT INTO audit_records (seq, hash, body) VALUES (?, ?, ?)');
    for (const r of before) insert.run(r.seq, r.hash, r.body);
    // What the queried columns held at version 2, for each record.
    const v2 = old
      .prepare('SELECT seq, type, user, backend, decision, risk, status FROM audit_records ORDER BY seq')
      .all();
    old.close();

    const store = createSqliteAuditStore({ file });
    expect(await store.readRange(1, 10, 10)).toEqual(before);
    for (const [filter, seqs] of FILTERS)
      expect(
        (await store.query({ order: 'asc', limit: 10, ...filter })).map((r) => r.seq),
        JSON.stringify(filter),
      ).toEqual(seqs);
    const tail = before[before.length - 1]!;
    await store.append(chain([event(4, { decision: 'deny', backend: 'backend-3' })], 4, tail.hash), []);
    expect(
      (await store.query({ order: 'asc', limit: 10, decision: 'deny', backend: 'backend-3' })).map((r) => r.seq),
    ).toEqual([3, 4]);
    await store.close();

    const db = new Database(file, { readonly: true });
    expect(columns(db)).toEqual(INDEXED);
    expect((db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(3);
    // The values queries compare now are the ones the dropped columns held.
    expect(
      db
        .prepare(
          `SELECT seq, ${['type', 'user', 'backend', 'decision']
            .map((c) => `CAST(json_extract(body, '$.event.${c}') AS TEXT) AS ${c}`)
            .join(', ')}, CAST(json_extract(body, '$.event.risk.level') AS TEXT) AS risk,
            CAST(json_extract(body, '$.event.resultStatus') AS TEXT) AS status
          FROM audit_records WHERE seq <= 3 ORDER BY seq`,
        )
        .all(),
    ).toEqual(v2);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
