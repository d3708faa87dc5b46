import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresServerUrl } from '../../../test/postgres/database.js';
import { GENESIS_HASH, recordBody, sha256Hex } from '../../audit/chain.js';
import type { StoredRecord, StoreQuery } from '../../audit/store.js';
import type { AuditEvent } from '../../audit/types.js';
import { auditMigrations } from '../migrations/audit.js';
import { createPostgresAuditStore } from './audit-store.js';
import { migratePostgres } from './migrate.js';
import { createPool } from './pool.js';

/**
 * Audit schema version 2 on PostgreSQL (the queried columns filled by a trigger from one parse of the body, instead
 * of generated columns computed by a function per column), applied to a database created and written at version 1.
 */
const server = postgresServerUrl();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function chain(events: AuditEvent[], from: { seq: number; hash: string }): StoredRecord[] {
  let { seq, hash } = from;
  return events.map((e) => {
    seq += 1;
    const body = recordBody(seq, hash, e);
    hash = sha256Hex(body);
    return { seq, hash, body };
  });
}

const call = (i: number, over: Partial<AuditEvent> = {}): AuditEvent => ({
  type: 'tool.call.requested',
  timestamp: `2026-11-27T12:00:0${i}.000Z`,
  requestId: `req-${i}`,
  agent: `agent-${i}`,
  user: 'ann',
  tool: 'crm.lookup',
  backend: 'crm',
  decision: 'allow',
  risk: { level: 'high', categories: ['payments'] },
  ...over,
});

describe.skipIf(!server)('PostgreSQL audit schema version 2', () => {
  it('migrates a version 1 database: existing rows keep every query, new rows are filled, columns follow the body', async () => {
    const db = await createTestDatabase(server!);
    cleanups.push(() => db.drop());
    const pool = createPool(db.url, 2);
    cleanups.push(() => pool.end());
    const version1 = {
      component: 'audit' as const,
      migrations: auditMigrations.migrations.filter((m) => m.version === 1),
    };
    await migratePostgres(pool, version1, { apply: true });
    const store = createPostgresAuditStore(pool);
    const before = chain([call(1), call(2, { approvalId: 'ap-2', type: 'tool.call.completed', resultStatus: 'ok' })], {
      seq: 0,
      hash: GENESIS_HASH,
    });
    await store.append(before, []);
    // A tampered row whose body is not JSON: it must stay readable (verify reports it), at either version.
    await pool.query("INSERT INTO audit_records (seq, hash, body) VALUES (3, 'x', 'not json')");
    const q = (filter: Partial<StoreQuery>) => store.query({ order: 'asc', limit: 10, ...filter });
    expect((await q({ agent: 'agent-1' })).map((r) => r.seq)).toEqual([1]);

    const plan = await migratePostgres(pool, auditMigrations, { apply: true });
    expect(plan.pending.map((m) => m.version)).toEqual([2, 3]);
    await store.append(chain([call(4), call(5, { user: 'bob' })], { seq: 3, hash: 'x' }), []);

    expect((await q({ agent: 'agent-1' })).map((r) => r.seq)).toEqual([1]);
    expect((await q({ requestId: 'req-2' })).map((r) => r.seq)).toEqual([2]);
    expect((await q({ approvalId: 'ap-2' })).map((r) => r.seq)).toEqual([2]);
    expect((await q({ status: 'ok' })).map((r) => r.seq)).toEqual([2]);
    expect((await q({ type: 'tool.call.requested' })).map((r) => r.seq)).toEqual([1, 4, 5]);
    expect(
      (await q({ risk: 'high', user: 'ann', tool: 'crm.lookup', backend: 'crm', decision: 'allow' })).map((r) => r.seq),
    ).toEqual([1, 2, 4]);
    expect((await q({ from: '2026-11-27T12:00:02.000Z', to: '2026-11-27T12:00:05.000Z' })).map((r) => r.seq)).toEqual([
      2, 4,
    ]);
    expect(await store.lastSeqBefore('2026-11-27T12:00:05.000Z')).toBe(4);
    expect((await store.readRange(1, 5, 10)).map((r) => r.body.slice(0, 8))).toContain('not json');
    const tampered = await pool.query<{ agent: string | null; type: string | null }>(
      'SELECT agent, type FROM audit_records WHERE seq = 3',
    );
    expect(tampered.rows[0]).toEqual({ agent: null, type: null });

    // A column edited alone is derived from the body again: no copy a query trusts can disagree with the hashed body.
    await pool.query("UPDATE audit_records SET agent = 'someone-else', tool = NULL WHERE seq = 4");
    expect((await q({ agent: 'someone-else' })).length).toBe(0);
    expect((await q({ agent: 'agent-4', tool: 'crm.lookup' })).map((r) => r.seq)).toEqual([4]);
    // Editing the body moves the columns with it (and verify reports the record as modified).
    await pool.query(`UPDATE audit_records SET body = replace(body, '"agent-5"', '"agent-6"') WHERE seq = 5`);
    expect((await q({ agent: 'agent-6' })).map((r) => r.seq)).toEqual([5]);

    const indexes = await pool.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'audit_records' ORDER BY indexname",
    );
    expect(indexes.rows.map((r) => r.indexname)).toEqual([
      'audit_records_agent',
      'audit_records_approval',
      'audit_records_pkey',
      'audit_records_request',
      'audit_records_tool',
      'audit_records_ts',
    ]);
    const oldFunction = await pool.query("SELECT 1 FROM pg_proc WHERE proname = 'portcullis_audit_field'");
    expect(oldFunction.rowCount).toBe(0);
  });
});
