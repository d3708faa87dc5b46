import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { createWorkerWriter, type SqliteWriter } from './audit-writer.js';
import { AuditStoreIdentityError, type AuditStore, type StoredRecord, type StoreQuery } from '../../audit/store.js';
import type { SignedCheckpoint } from '../../audit/types.js';
import { auditMigrations, SQLITE_BODY_FILTERS } from '../migrations/audit.js';
import type { AuditStoreOpener } from '../repositories.js';
import { migrateSqlite } from './migrate.js';

export interface SqliteAuditStoreOptions {
  /** Path of the database file, e.g. `<dataDir>/audit.db`. */
  file: string;
  /** Open an existing database without creating or migrating it (CLI verify/query/export). */
  readonly?: boolean;
  /**
   * How long a commit waits for a lock held by another connection before it fails (and the calls waiting on it
   * are refused). Default 250 ms: a healthy commit takes about a millisecond, and a call must be refused fast
   * rather than queue behind a stuck writer. Reads and the main connection's small writes never wait.
   */
  busyTimeoutMs?: number;
  /** Refuse to create the database: it must already exist (the audit log decides whether a new one may start). */
  mustExist?: boolean;
  /**
   * Where appends are committed: 'worker' (default) runs insert + fsync on a writer thread, so neither a slow
   * disk nor a lock held by another process ever blocks the event loop; 'main' commits synchronously on the
   * calling thread (a little faster where fsync is quick; see docs/adr/0005-audit-log.md and 0009).
   */
  writer?: 'worker' | 'main';
  /** Apply pending schema migrations (default); false refuses to open a database that needs them. */
  migrate?: boolean;
}

const PRUNE_CHUNK = 5000;

/** A filter on a field no index covers: the value its generated column had (audit schema version 3 dropped it). */
const fromBody = (path: string) => `CAST(json_extract(body, '${path}') AS TEXT)`;

/** What each query filter compares: an indexed generated column, or the same value computed from the body. */
const FILTER_COLUMNS = {
  type: fromBody(SQLITE_BODY_FILTERS.type),
  requestId: 'request_id',
  agent: 'agent',
  user: fromBody(SQLITE_BODY_FILTERS.user),
  tool: 'tool',
  backend: fromBody(SQLITE_BODY_FILTERS.backend),
  decision: fromBody(SQLITE_BODY_FILTERS.decision),
  risk: fromBody(SQLITE_BODY_FILTERS.risk),
  approvalId: 'approval_id',
  status: fromBody(SQLITE_BODY_FILTERS.status),
} as const satisfies Partial<Record<keyof StoreQuery, string>>;

interface CheckpointRow {
  seq: number;
  ts: string;
  hash: string;
  key_id: string;
  signature: string;
}

function toCheckpoint(r: CheckpointRow): SignedCheckpoint {
  return { v: 1, seq: r.seq, ts: r.ts, hash: r.hash, keyId: r.key_id, signature: r.signature };
}

/** Identity of the file at `path` (device and inode): a deleted or replaced database has another (or none). */
function fileIdentity(path: string): string {
  const st = statSync(path);
  return `${st.dev}:${st.ino}`;
}

/**
 * The directory 0700 and the database (with its WAL and shared-memory files) 0600, whatever the umask: the
 * file is created 0600 before SQLite opens it, and SQLite gives its -wal/-shm files the database file's mode.
 * Existing files from older versions are tightened too.
 */
export function secureFiles(file: string, create: boolean): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tryChmod(dir, 0o700);
  if (create && !existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) tryChmod(f, 0o600);
}

function tryChmod(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
  } catch {
    // Missing (-wal before the first write) or not ours: nothing to tighten.
  }
}

export function createSqliteAuditStore(options: SqliteAuditStoreOptions): AuditStore {
  const writable = !options.readonly;
  if (writable) {
    if (options.mustExist && !existsSync(options.file))
      throw Object.assign(new Error(`audit database ${options.file} does not exist`), { code: 'ENOENT' });
    secureFiles(options.file, true);
  }
  const db = new Database(options.file, { readonly: !writable, fileMustExist: true });
  const identity = fileIdentity(options.file);
  const busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 250));
  db.pragma(`busy_timeout = ${writable ? 5000 : busyTimeoutMs}`);
  if (!writable) migrateSqlite(db, auditMigrations, options.file, { apply: false, readonly: true });
  if (writable) {
    db.pragma('journal_mode = WAL');
    // FULL: every commit is fsync'd, so a resolved append survives power loss.
    db.pragma('synchronous = FULL');
    migrateSqlite(db, auditMigrations, options.file, { apply: options.migrate ?? true });
    secureFiles(options.file, false);
    // With the writer thread, the main connection only reads (WAL readers never wait for a writer) and writes
    // small meta rows (sink cursors, retention) whose failure is retried later: it waits at most 20 ms for a lock,
    // so another process's long write transaction never holds the event loop.
    db.pragma(`busy_timeout = ${options.writer === 'main' ? busyTimeoutMs : Math.min(busyTimeoutMs, 20)}`);
  }
  const recordCols = 'seq, hash, body';
  const insertRecord = options.readonly
    ? undefined
    : db.prepare('INSERT INTO audit_records (seq, hash, body) VALUES (?, ?, ?)');
  const insertCheckpoint = options.readonly
    ? undefined
    : db.prepare('INSERT INTO audit_checkpoints (seq, ts, hash, key_id, signature) VALUES (?, ?, ?, ?, ?)');
  const headStmt = db.prepare(`SELECT ${recordCols} FROM audit_records ORDER BY seq DESC LIMIT 1`);
  const firstStmt = db.prepare(`SELECT ${recordCols} FROM audit_records ORDER BY seq ASC LIMIT 1`);
  // Raw rows (arrays) plus a JS object literal are measurably cheaper than the driver's named-column objects,
  // and verification reads every row.
  const rangeStmt = db
    .prepare(`SELECT ${recordCols} FROM audit_records WHERE seq >= ? AND seq <= ? ORDER BY seq ASC LIMIT ?`)
    .raw(true);
  const checkpointsStmt = db.prepare(
    'SELECT seq, ts, hash, key_id, signature FROM audit_checkpoints WHERE seq >= ? AND seq <= ? ORDER BY seq',
  );
  const lastCheckpointStmt = db.prepare(
    'SELECT seq, ts, hash, key_id, signature FROM audit_checkpoints ORDER BY seq DESC LIMIT 1',
  );
  const lastBeforeStmt = db.prepare('SELECT MAX(seq) AS seq FROM audit_records WHERE ts < ?');
  const getMetaStmt = db.prepare('SELECT value FROM audit_meta WHERE key = ?');

  const appendTx = db.transaction((records: readonly StoredRecord[], checkpoints: readonly SignedCheckpoint[]) => {
    for (const r of records) insertRecord!.run(r.seq, r.hash, r.body);
    for (const c of checkpoints) insertCheckpoint!.run(c.seq, c.ts, c.hash, c.keyId, c.signature);
  });
  const pruneChunk = db.transaction((beforeSeq: number, upTo: number) => {
    const deleted = db.prepare('DELETE FROM audit_records WHERE seq < ?').run(Math.min(beforeSeq, upTo)).changes;
    db.prepare('DELETE FROM audit_checkpoints WHERE seq < ?').run(Math.min(beforeSeq, upTo));
    return deleted;
  });

  const writer: SqliteWriter | undefined =
    writable && options.writer !== 'main' ? createWorkerWriter(options.file, busyTimeoutMs, identity) : undefined;
  /** Rejects (an AuditStoreIdentityError) when the path no longer names the database this store opened. */
  const checkIdentity = (): void => {
    let now: string;
    try {
      now = fileIdentity(options.file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new AuditStoreIdentityError((e as Error).message, code === 'ENOENT' ? 'ENOENT' : undefined);
    }
    if (now !== identity)
      throw new AuditStoreIdentityError(`audit database ${options.file} was replaced (was ${identity}, now ${now})`);
  };

  const asRecord = (row: unknown): StoredRecord | undefined => row as StoredRecord | undefined;

  return {
    kind: 'sqlite',
    async identity() {
      // Rejects with code ENOENT when the file was deleted; naming both identities when it was replaced.
      checkIdentity();
      return identity;
    },
    // Each append checks the identity itself, right before its transaction (the writer thread's stat, or the calling
    // thread's with `writer: main`), so the log does not stat the file on the event loop before every commit.
    identityCheckedOnAppend: writable,
    async head() {
      return asRecord(headStmt.get());
    },
    async first() {
      return asRecord(firstStmt.get());
    },
    async append(records, checkpoints) {
      if (!insertRecord) throw new Error('audit store opened read-only');
      if (writer) await writer.write(records, checkpoints);
      else {
        checkIdentity();
        appendTx(records, checkpoints);
      }
    },
    async readRange(fromSeq, toSeq, limit) {
      const rows = rangeStmt.all(fromSeq, toSeq, limit) as Array<[number, string, string]>;
      const out = new Array<StoredRecord>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        out[i] = { seq: r[0], hash: r[1], body: r[2] };
      }
      return out;
    },
    async query(q) {
      const where: string[] = [];
      const params: Array<string | number> = [];
      if (q.from) {
        where.push('ts >= ?');
        params.push(q.from);
      }
      if (q.to) {
        where.push('ts < ?');
        params.push(q.to);
      }
      if (q.fromSeq !== undefined) {
        where.push('seq >= ?');
        params.push(q.fromSeq);
      }
      if (q.toSeq !== undefined) {
        where.push('seq <= ?');
        params.push(q.toSeq);
      }
      if (q.afterSeq !== undefined) {
        where.push('seq > ?');
        params.push(q.afterSeq);
      }
      if (q.beforeSeq !== undefined) {
        where.push('seq < ?');
        params.push(q.beforeSeq);
      }
      for (const [key, column] of Object.entries(FILTER_COLUMNS)) {
        const value = q[key as keyof typeof FILTER_COLUMNS];
        if (value !== undefined) {
          where.push(`${column} = ?`);
          params.push(value);
        }
      }
      const sql = `SELECT ${recordCols} FROM audit_records ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq ${
        q.order === 'asc' ? 'ASC' : 'DESC'
      } LIMIT ?`;
      params.push(q.limit);
      return db.prepare(sql).all(...params) as StoredRecord[];
    },
    async checkpoints(fromSeq, toSeq) {
      return (checkpointsStmt.all(fromSeq, toSeq) as CheckpointRow[]).map(toCheckpoint);
    },
    async lastCheckpoint() {
      const row = lastCheckpointStmt.get() as CheckpointRow | undefined;
      return row ? toCheckpoint(row) : undefined;
    },
    async lastSeqBefore(ts) {
      const row = lastBeforeStmt.get(ts) as { seq: number | null } | undefined;
      return row?.seq ?? undefined;
    },
    async prune(beforeSeq) {
      // Oldest first, in short transactions, yielding between them so appends are never held up for long.
      // The prune point is recorded first: verify starts there even if this stops part-way (see verify.ts).
      db.prepare(
        'INSERT INTO audit_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ).run('retention.prunedBefore', String(beforeSeq));
      let total = 0;
      for (;;) {
        const first = firstStmt.get() as StoredRecord | undefined;
        if (!first || first.seq >= beforeSeq) return total;
        total += pruneChunk(beforeSeq, first.seq + PRUNE_CHUNK);
        await new Promise<void>((r) => setImmediate(r));
      }
    },
    async getMeta(key) {
      return (getMetaStmt.get(key) as { value: string } | undefined)?.value;
    },
    async setMeta(key, value) {
      db.prepare(
        'INSERT INTO audit_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ).run(key, value);
    },
    async listMeta(prefix) {
      // substr rather than LIKE: a prefix holding % or _ is matched literally.
      return db
        .prepare('SELECT key, value FROM audit_meta WHERE substr(key, 1, ?) = ? ORDER BY key')
        .all(prefix.length, prefix) as Array<{ key: string; value: string }>;
    },
    async deleteMeta(key) {
      return db.prepare('DELETE FROM audit_meta WHERE key = ?').run(key).changes > 0;
    },
    async close() {
      await writer?.close();
      if (db.open) db.close();
    },
  };
}

/** The SQLite audit chain at `file`, as the audit log opens it. */
export function sqliteAuditOpener(file: string, options: { migrate?: boolean } = {}): AuditStoreOpener {
  return {
    location: file,
    exists: async () => existsSync(file),
    open: (o) =>
      createSqliteAuditStore({
        file,
        ...(o.mustExist !== undefined ? { mustExist: o.mustExist } : {}),
        ...(o.busyTimeoutMs !== undefined ? { busyTimeoutMs: o.busyTimeoutMs } : {}),
        ...(o.writer ? { writer: o.writer } : {}),
        ...(options.migrate !== undefined ? { migrate: options.migrate } : {}),
      }),
    openReadonly: () => createSqliteAuditStore({ file, readonly: true }),
  };
}
