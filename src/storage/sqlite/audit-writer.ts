import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { AuditStoreIdentityError, type StoredRecord } from '../../audit/store.js';
import type { SignedCheckpoint } from '../../audit/types.js';

/**
 * Commits audit batches on a worker thread with its own SQLite connection, so the synchronous insert + fsync
 * never blocks the gateway's event loop, and the next batch is prepared while the previous one is being
 * synced. The worker body is plain JavaScript (evaluated, so it runs the same from src/ under vitest and from
 * dist/), kept to the transaction itself; schema, reads and pragmas stay in audit-store.ts.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.driver);
// fileMustExist: a database deleted under the gateway is never silently re-created empty.
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
const insertRecord = db.prepare('INSERT INTO audit_records (seq, hash, body) VALUES (?, ?, ?)');
const insertCheckpoint = db.prepare('INSERT INTO audit_checkpoints (seq, ts, hash, key_id, signature) VALUES (?, ?, ?, ?, ?)');
// Records arrive packed (consecutive seqs from firstSeq, hashes concatenated, bodies joined by newlines, which
// canonical JSON never contains raw): one string clone per batch instead of one object clone per record.
const write = db.transaction((m) => {
  const bodies = m.empty ? [] : m.bodies.split('\\n');
  for (let i = 0; i < bodies.length; i++) insertRecord.run(m.firstSeq + i, m.hashes.slice(i * 64, i * 64 + 64), bodies[i]);
  for (const c of m.checkpoints) insertCheckpoint.run(c.seq, c.ts, c.hash, c.keyId, c.signature);
});
// The file at the path must still be the database the store opened (device and inode), checked here, in the thread
// that commits and right before its transaction: a deleted or replaced database gets nothing written to it.
function identityError() {
  try {
    const st = statSync(workerData.file);
    const now = st.dev + ':' + st.ino;
    return now === workerData.identity ? undefined : { message: 'audit database ' + workerData.file + ' was replaced (was ' + workerData.identity + ', now ' + now + ')' };
  } catch (e) {
    return { message: String(e && e.message || e), code: e && e.code };
  }
}
parentPort.on('message', (m) => {
  if (m.close) { db.close(); parentPort.postMessage({ id: m.id }); return; }
  const lost = identityError();
  if (lost) { parentPort.postMessage({ id: m.id, identity: lost }); return; }
  try {
    write(m);
    parentPort.postMessage({ id: m.id });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String(e && e.message || e), code: e && e.code });
  }
});
`;

export interface SqliteWriter {
  write(records: readonly StoredRecord[], checkpoints: readonly SignedCheckpoint[]): Promise<void>;
  close(): Promise<void>;
}

/** The writer's answer to one message: done, failed (the driver's error), or refused (the database is not the one opened). */
interface WriterAnswer {
  id: number;
  error?: string;
  code?: string;
  identity?: { message: string; code?: string };
}

interface Pending {
  resolve: () => void;
  reject: (e: Error) => void;
}

/**
 * `identity` is the database file's `dev:ino` when the store opened it: every write first checks that the path still
 * names that file and rejects with an AuditStoreIdentityError, writing nothing, when it does not (ADR 0017,
 * Decision 33).
 */
export function createWorkerWriter(file: string, busyTimeoutMs: number, identity: string): SqliteWriter {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function failAll(err: Error): void {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = undefined;
  }

  function ensureWorker(): Worker {
    if (worker) return worker;
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, busyTimeoutMs, identity } });
    w.on('message', (m: WriterAnswer) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      // An idle writer must not keep the process alive; one with a commit in flight must.
      if (pending.size === 0) w.unref();
      if (m.identity)
        p.reject(new AuditStoreIdentityError(m.identity.message, m.identity.code === 'ENOENT' ? 'ENOENT' : undefined));
      else if (m.error === undefined) p.resolve();
      else p.reject(Object.assign(new Error(m.error), m.code ? { code: m.code } : {}));
    });
    w.on('error', (e) => failAll(e));
    w.on('exit', (code) => {
      if (worker === w) failAll(new Error(`audit writer thread exited (${code})`));
    });
    worker = w;
    return w;
  }

  function send(message: object): Promise<void> {
    const id = nextId++;
    return new Promise<void>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      const w = ensureWorker();
      w.ref();
      w.postMessage({ id, ...message });
    });
  }

  return {
    write(records, checkpoints) {
      if (records.length === 0) return send({ firstSeq: 0, hashes: '', bodies: '', checkpoints, empty: true });
      const first = records[0]!.seq;
      let hashes = '';
      const bodies: string[] = [];
      records.forEach((r, i) => {
        if (r.seq !== first + i || r.hash.length !== 64 || r.body.includes('\n'))
          throw new Error('audit writer: records must be consecutive canonical records');
        hashes += r.hash;
        bodies.push(r.body);
      });
      return send({ firstSeq: first, hashes, bodies: bodies.join('\n'), checkpoints });
    },
    async close() {
      if (!worker) return;
      const w = worker;
      await send({ close: true }).catch(() => undefined);
      worker = undefined;
      await w.terminate();
    },
  };
}
