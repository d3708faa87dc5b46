import { canonicalize } from './canonical-json.js';
import { GENESIS_HASH, recordBodyFromCanonical, sha256Hex } from './chain.js';
import type { CheckpointSigner } from './signing.js';
import type { AuditStore, StoredRecord } from './store.js';
import type { AuditEvent, AuditRecord, SignedCheckpoint } from './types.js';

export interface PendingAppend {
  event: AuditEvent;
  /** RFC 8785 form of `event`, when the caller already has it. */
  canonical?: string;
  /** Sign a checkpoint over this record in the same transaction. */
  checkpoint?: boolean;
  resolve: (r: { seq: number; hash: string; checkpoint?: SignedCheckpoint }) => void;
  reject: (e: unknown) => void;
}

export interface CommittedBatch {
  records: AuditRecord[];
  checkpoints: SignedCheckpoint[];
}

export interface GroupCommitter {
  enqueue(p: PendingAppend): void;
  /** Runs a commit even with nothing queued, so `beforeBatch` records (a pending gap marker) get written. */
  poke(): void;
  /** Resolves when everything queued so far is committed or failed. */
  drain(): Promise<void>;
  head(): { seq: number; hash: string };
}

export interface GroupCommitterOptions {
  store: AuditStore;
  signer: CheckpointSigner;
  initialHead: { seq: number; hash: string } | undefined;
  /** Called before each batch: may put records in front (the outage marker and the spooled events). */
  beforeBatch: () => Array<{ event: AuditEvent; canonical?: string }>;
  /** Called before each commit (also of an empty poke); a rejection fails the batch without touching the store. */
  beforeCommit?: () => Promise<void>;
  onCommitted: (batch: CommittedBatch) => void;
  /** Called with the store error; returns how each append of the failed batch settles. */
  onFailure: (error: unknown, batch: PendingAppend[], prepended: number) => void;
  maxBatch?: number;
}

/**
 * Group commit: every append queued before the next macrotask turn (setImmediate) is written in one transaction,
 * i.e. one fsync; appends queued while a commit runs form the next batch. Each append's promise settles only after
 * its own transaction committed (or failed). Seq numbers and hash links are assigned at commit time, in order.
 */
/** A unique-key violation on seq: SQLite (SQLITE_CONSTRAINT_*) or PostgreSQL (23505). */
function isSeqConflict(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CONSTRAINT') || code === '23505');
}

export function createGroupCommitter(options: GroupCommitterOptions): GroupCommitter {
  const { store, signer } = options;
  const maxBatch = options.maxBatch ?? 10_000;
  let queue: PendingAppend[] = [];
  let head = options.initialHead ?? { seq: 0, hash: GENESIS_HASH };
  let reloadHead = false;
  let running: Promise<void> | undefined;
  let scheduled = false;
  let poked = false;

  /** Builds the rows of one batch on top of the current head. */
  async function prepare(batch: PendingAppend[], extra: Array<{ event: AuditEvent; canonical?: string }>) {
    let { seq, hash: prev } = head;
    const rows: StoredRecord[] = [];
    const records: AuditRecord[] = [];
    const checkpoints: SignedCheckpoint[] = [];
    const perAppend: Array<SignedCheckpoint | undefined> = [];
    const all: Array<{ event: AuditEvent; canonical?: string; checkpoint?: boolean }> = [...extra, ...batch];
    for (const item of all) {
      seq += 1;
      const body = recordBodyFromCanonical(seq, prev, item.canonical ?? canonicalize(item.event));
      const hash = sha256Hex(body);
      rows.push({ seq, hash, body });
      records.push({ seq, prev, hash, ...item.event });
      const cp = item.checkpoint ? await signer.sign(seq, hash, item.event.timestamp) : undefined;
      if (cp) checkpoints.push(cp);
      perAppend.push(cp);
      prev = hash;
    }
    return { rows, records, checkpoints, perAppend, tail: { seq, hash: prev }, empty: all.length === 0 };
  }

  async function loadHead(): Promise<void> {
    const h = await store.head();
    head = h ? { seq: h.seq, hash: h.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  async function commit(batch: PendingAppend[]): Promise<void> {
    try {
      await options.beforeCommit?.();
      if (reloadHead) {
        await loadHead();
        reloadHead = false;
      }
    } catch (e) {
      options.onFailure(e, batch, 0);
      return;
    }
    const extra = options.beforeBatch();
    let p: Awaited<ReturnType<typeof prepare>>;
    try {
      // Signing may fail (an external signer unreachable): the batch fails like a store failure.
      p = await prepare(batch, extra);
    } catch (e) {
      options.onFailure(e, batch, extra.length);
      return;
    }
    if (p.empty) return;
    try {
      await store.append(p.rows, p.checkpoints);
    } catch (first) {
      // Another process may have appended to the same log (seq is the primary key, so nothing forks): re-read the
      // head and build the batch again once. Any other failure, or a second one, refuses the batch.
      if (!isSeqConflict(first)) {
        reloadHead = true;
        options.onFailure(first, batch, extra.length);
        return;
      }
      try {
        await loadHead();
        p = await prepare(batch, extra);
        await store.append(p.rows, p.checkpoints);
      } catch (e) {
        reloadHead = true;
        options.onFailure(e, batch, extra.length);
        return;
      }
    }
    head = p.tail;
    const { rows, perAppend } = p;
    batch.forEach((pa, i) => {
      const r = rows[extra.length + i]!;
      const cp = perAppend[extra.length + i];
      pa.resolve({ seq: r.seq, hash: r.hash, ...(cp ? { checkpoint: cp } : {}) });
    });
    options.onCommitted({ records: p.records, checkpoints: p.checkpoints });
  }

  async function run(): Promise<void> {
    while (queue.length > 0 || poked) {
      poked = false;
      const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
      try {
        await commit(batch);
      } catch (e) {
        // A bug, not a store failure: never leave callers hanging.
        for (const p of batch) p.reject(e);
      }
    }
  }

  function schedule(): void {
    if (scheduled || running) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      running = run().finally(() => {
        running = undefined;
        if (queue.length > 0) schedule();
      });
    });
  }

  return {
    enqueue(p) {
      queue.push(p);
      schedule();
    },
    poke() {
      poked = true;
      schedule();
    },
    async drain() {
      while (scheduled || running || queue.length > 0) {
        if (running) await running;
        else await new Promise<void>((r) => setImmediate(r));
      }
    },
    head: () => head,
  };
}
