import type pg from 'pg';
import { AuditStoreIdentityError, type AuditStore, type StoredRecord, type StoreQuery } from '../../audit/store.js';
import type { SignedCheckpoint } from '../../audit/types.js';
import { inTransaction } from './pool.js';

/** Advisory lock key of the audit chain's writer: one batch of one process at a time across all replicas. */
export const AUDIT_WRITER_LOCK = 0x61756474; // 'audt'

const PRUNE_CHUNK = 5000;

const FILTER_COLUMNS = {
  type: 'type',
  requestId: 'request_id',
  agent: 'agent',
  user: 'user_name',
  tool: 'tool',
  backend: 'backend',
  decision: 'decision',
  risk: 'risk',
  approvalId: 'approval_id',
  status: 'status',
} as const satisfies Partial<Record<keyof StoreQuery, string>>;

interface CheckpointRow {
  seq: number;
  ts: string;
  hash: string;
  key_id: string;
  signature: string;
}

const toCheckpoint = (r: CheckpointRow): SignedCheckpoint => ({
  v: 1,
  seq: r.seq,
  ts: r.ts,
  hash: r.hash,
  keyId: r.key_id,
  signature: r.signature,
});

const CP_COLS = 'seq, ts, hash, key_id, signature';

/** Inserts many rows in one statement (arrays unnested server-side): one round trip per batch. */
async function insertBatch(
  c: pg.PoolClient,
  records: readonly StoredRecord[],
  checkpoints: readonly SignedCheckpoint[],
): Promise<void> {
  if (records.length > 0)
    await c.query(
      'INSERT INTO audit_records (seq, hash, body) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])',
      [records.map((r) => r.seq), records.map((r) => r.hash), records.map((r) => r.body)],
    );
  if (checkpoints.length > 0)
    await c.query(
      `INSERT INTO audit_checkpoints (${CP_COLS}) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])`,
      [
        checkpoints.map((x) => x.seq),
        checkpoints.map((x) => x.ts),
        checkpoints.map((x) => x.hash),
        checkpoints.map((x) => x.keyId),
        checkpoints.map((x) => x.signature),
      ],
    );
}

/** The longest a commit waits for the chain's advisory lock held by another replica. */
const REPLICA_LOCK_WAIT_MS = 5000;

/**
 * The audit chain on PostgreSQL. Every append takes the chain's advisory lock inside its transaction, so appends
 * of all gateway processes are serialised; `appendLocked` builds the batch on the head read under that lock, so
 * concurrent writers never race for a seq. Commits are durable (synchronous_commit) when `append` resolves.
 */
export function createPostgresAuditStore(
  pool: pg.Pool,
  options: { readonly?: boolean; busyTimeoutMs?: number } = {},
): AuditStore {
  // Commits never wait without limit for a lock (fail closed: the calls are refused and spooled, as on SQLite).
  // The chain's advisory lock is held by peer replicas for the length of one commit, which under load can exceed
  // the configured wait: up to 5 s (or busyTimeoutMs if longer) for it. Any other lock on the audit tables (a
  // manual LOCK TABLE, a stuck session) is waited for at most busyTimeoutMs.
  const busy = Math.max(1, Math.floor(options.busyTimeoutMs ?? 250));
  const replicaWait = `SET LOCAL lock_timeout = ${Math.max(busy, REPLICA_LOCK_WAIT_MS)}`;
  const lockTimeout = `SET LOCAL lock_timeout = ${busy}`;
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T | undefined> =>
    (await pool.query(sql, params)).rows[0] as T | undefined;
  const setMeta = (key: string, value: string) =>
    pool.query(
      'INSERT INTO audit_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      [key, value],
    );
  const writable = () => {
    if (options.readonly) throw new Error('audit store opened read-only');
  };

  // The database's oid: a database dropped and recreated under the same name (a restore while running) gets a new
  // one. Asked at most once a second, so commits do not pay a round trip for it.
  const databaseOid = async () =>
    (await one<{ oid: string }>('SELECT oid::text AS oid FROM pg_database WHERE datname = current_database()'))?.oid ??
    'unknown';
  let opened: Promise<string> | undefined;
  let checkedAt = 0;
  const identity = async (): Promise<string> => {
    // A first read that failed (the server down at that moment) is not the identity: the next call reads it again.
    opened ??= databaseOid().catch((e: unknown) => {
      opened = undefined;
      throw e;
    });
    const first = await opened;
    if (Date.now() - checkedAt < 1000) return first;
    const now = await databaseOid();
    checkedAt = Date.now();
    if (now !== first)
      throw new AuditStoreIdentityError(`audit database was replaced (database oid was ${first}, now ${now})`);
    return first;
  };

  return {
    kind: 'postgres',
    identity,
    head: () => one<StoredRecord>('SELECT seq, hash, body FROM audit_records ORDER BY seq DESC LIMIT 1'),
    first: () => one<StoredRecord>('SELECT seq, hash, body FROM audit_records ORDER BY seq ASC LIMIT 1'),
    async append(records, checkpoints) {
      writable();
      await inTransaction(pool, async (c) => {
        await c.query(replicaWait);
        await c.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_WRITER_LOCK]);
        await c.query(lockTimeout);
        await insertBatch(c, records, checkpoints);
      });
    },
    async appendLocked(build) {
      writable();
      await inTransaction(pool, async (c) => {
        await c.query(replicaWait);
        await c.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_WRITER_LOCK]);
        await c.query(lockTimeout);
        const head = (
          await c.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1')
        ).rows[0];
        const batch = await build(head);
        await insertBatch(c, batch.records, batch.checkpoints);
      });
    },
    async readRange(fromSeq, toSeq, limit) {
      const { rows } = await pool.query<StoredRecord>(
        'SELECT seq, hash, body FROM audit_records WHERE seq >= $1 AND seq <= $2 ORDER BY seq ASC LIMIT $3',
        [fromSeq, toSeq, limit],
      );
      return rows;
    },
    async query(q) {
      const where: string[] = [];
      const params: Array<string | number> = [];
      const add = (clause: string, value: string | number) => {
        params.push(value);
        where.push(clause.replace('?', `$${params.length}`));
      };
      if (q.from) add('ts >= ?', q.from);
      if (q.to) add('ts < ?', q.to);
      if (q.fromSeq !== undefined) add('seq >= ?', q.fromSeq);
      if (q.toSeq !== undefined) add('seq <= ?', q.toSeq);
      if (q.afterSeq !== undefined) add('seq > ?', q.afterSeq);
      if (q.beforeSeq !== undefined) add('seq < ?', q.beforeSeq);
      for (const [key, column] of Object.entries(FILTER_COLUMNS)) {
        const value = q[key as keyof typeof FILTER_COLUMNS];
        if (value !== undefined) add(`${column} = ?`, value);
      }
      params.push(q.limit);
      const sql = `SELECT seq, hash, body FROM audit_records ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq ${
        q.order === 'asc' ? 'ASC' : 'DESC'
      } LIMIT $${params.length}`;
      return (await pool.query<StoredRecord>(sql, params)).rows;
    },
    async checkpoints(fromSeq, toSeq) {
      const { rows } = await pool.query<CheckpointRow>(
        `SELECT ${CP_COLS} FROM audit_checkpoints WHERE seq >= $1 AND seq <= $2 ORDER BY seq`,
        [fromSeq, toSeq],
      );
      return rows.map(toCheckpoint);
    },
    async lastCheckpoint() {
      const r = await one<CheckpointRow>(`SELECT ${CP_COLS} FROM audit_checkpoints ORDER BY seq DESC LIMIT 1`);
      return r ? toCheckpoint(r) : undefined;
    },
    async lastSeqBefore(ts) {
      return (
        (await one<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM audit_records WHERE ts < $1', [ts]))?.seq ??
        undefined
      );
    },
    async prune(beforeSeq) {
      writable();
      // Same order as SQLite: record the prune point first, then delete oldest first in short transactions.
      await setMeta('retention.prunedBefore', String(beforeSeq));
      let total = 0;
      for (;;) {
        const first = await one<{ seq: number }>('SELECT seq FROM audit_records ORDER BY seq ASC LIMIT 1');
        if (!first || first.seq >= beforeSeq) return total;
        const upTo = Math.min(beforeSeq, first.seq + PRUNE_CHUNK);
        total += await inTransaction(pool, async (c) => {
          const r = await c.query('DELETE FROM audit_records WHERE seq < $1', [upTo]);
          await c.query('DELETE FROM audit_checkpoints WHERE seq < $1', [upTo]);
          return r.rowCount ?? 0;
        });
      }
    },
    async getMeta(key) {
      return (await one<{ value: string }>('SELECT value FROM audit_meta WHERE key = $1', [key]))?.value;
    },
    async setMeta(key, value) {
      writable();
      await setMeta(key, value);
    },
    async listMeta(prefix) {
      // left() rather than LIKE: a prefix holding % or _ is matched literally.
      return (
        await pool.query<{ key: string; value: string }>(
          'SELECT key, value FROM audit_meta WHERE left(key, $1) = $2 ORDER BY key',
          [prefix.length, prefix],
        )
      ).rows;
    },
    async deleteMeta(key) {
      writable();
      return ((await pool.query('DELETE FROM audit_meta WHERE key = $1', [key])).rowCount ?? 0) > 0;
    },
    async close() {
      // The pool belongs to the stores (openStores); closing them ends it.
    },
  };
}
