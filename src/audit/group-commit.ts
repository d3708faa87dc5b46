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

/** One committed record: its place in the chain and its event. */
export interface CommittedEntry {
  seq: number;
  prev: string;
  hash: string;
  event: AuditEvent;
}

export interface CommittedBatch {
  entries: CommittedEntry[];
  /**
   * The same records as AuditRecords (the event's fields spread beside seq, prev and hash), built when called: only
   * sinks need them, and copying every event's fields cost about 3 µs per call on the event loop (ADR 0017, Decision 45).
   */
  records: () => AuditRecord[];
  checkpoints: SignedCheckpoint[];
}

const asRecords = (entries: readonly CommittedEntry[]): AuditRecord[] =>
  entries.map(({ seq, prev, hash, event }) => ({ seq, prev, hash, ...event }));

export interface GroupCommitter {
  /**
   * Queues an append. A deferred one (an outcome nobody waits for) does not start a commit of its own: it rides with
   * the next commit (usually the next call's intent), or is committed after `deferMs` at the latest.
   */
  enqueue(p: PendingAppend, deferred?: boolean): void;
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
  /** Longest a deferred append waits for a commit to ride with. Default 5 ms. */
  deferMs?: number;
  /**
   * How long a batch whose seq another process took keeps being rebuilt on the new head and retried (at least once).
   * The store's busy timeout: how long a write may wait for the other writer. Default 250 ms.
   */
  conflictWaitMs?: number;
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
  const deferMs = options.deferMs ?? 5;
  const conflictWaitMs = options.conflictWaitMs ?? 250;
  let deferTimer: NodeJS.Timeout | undefined;
  /** Something in the queue wants a commit now (not only deferred appends). */
  let urgent = false;

  /** Builds the rows of one batch on top of the current head. */
  async function prepare(batch: PendingAppend[], extra: Array<{ event: AuditEvent; canonical?: string }>) {
    let { seq, hash: prev } = head;
    const rows: StoredRecord[] = [];
    const entries: CommittedEntry[] = [];
    const checkpoints: SignedCheckpoint[] = [];
    const perAppend: Array<SignedCheckpoint | undefined> = [];
    const all: Array<{ event: AuditEvent; canonical?: string; checkpoint?: boolean }> = [...extra, ...batch];
    for (const item of all) {
      seq += 1;
      const body = recordBodyFromCanonical(seq, prev, item.canonical ?? canonicalize(item.event));
      const hash = sha256Hex(body);
      rows.push({ seq, hash, body });
      entries.push({ seq, prev, hash, event: item.event });
      const cp = item.checkpoint ? await signer.sign(seq, hash, item.event.timestamp) : undefined;
      if (cp) checkpoints.push(cp);
      perAppend.push(cp);
      prev = hash;
    }
    return { rows, entries, checkpoints, perAppend, tail: { seq, hash: prev }, empty: all.length === 0 };
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
    if (store.appendLocked) {
      // A store shared by processes: the batch is chained onto the head read under the chain's writer lock.
      try {
        await store.appendLocked(async (h) => {
          const locked = h ? { seq: h.seq, hash: h.hash } : { seq: 0, hash: GENESIS_HASH };
          if (locked.seq !== head.seq || locked.hash !== head.hash) {
            head = locked;
            p = await prepare(batch, extra);
          }
          return { records: p.rows, checkpoints: p.checkpoints };
        });
      } catch (e) {
        reloadHead = true;
        options.onFailure(e, batch, extra.length);
        return;
      }
    } else
      try {
        await store.append(p.rows, p.checkpoints);
      } catch (first) {
        // Another process appended to the same log (seq is the primary key, so nothing forks): re-read the head and
        // build the batch again. A busy other gateway can take the next seq again before each retry (under load,
        // several times in a row), so retries go on for as long as a write may wait for the other writer
        // (`conflictWaitMs`, the store's busy timeout), at least once. Any other failure, or the time running out,
        // refuses the batch (no audit, no call).
        let error: unknown = first;
        let written = false;
        const until = performance.now() + conflictWaitMs;
        for (let tries = 0; !written && isSeqConflict(error) && (tries === 0 || performance.now() < until); tries++)
          try {
            await loadHead();
            p = await prepare(batch, extra);
            await store.append(p.rows, p.checkpoints);
            written = true;
          } catch (e) {
            error = e;
          }
        if (!written) {
          reloadHead = true;
          options.onFailure(error, batch, extra.length);
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
    const { entries } = p;
    options.onCommitted({ entries, records: () => asRecords(entries), checkpoints: p.checkpoints });
  }

  async function run(): Promise<void> {
    while ((queue.length > 0 && urgent) || poked) {
      poked = false;
      const batch = queue.length <= maxBatch ? queue : queue.slice(0, maxBatch);
      queue = queue.length <= maxBatch ? [] : queue.slice(maxBatch);
      if (queue.length === 0) urgent = false;
      try {
        await commit(batch);
      } catch (e) {
        // A bug, not a store failure: never leave callers hanging.
        for (const p of batch) p.reject(e);
      }
    }
  }

  function schedule(): void {
    if (deferTimer) {
      clearTimeout(deferTimer);
      deferTimer = undefined;
    }
    if (scheduled || running) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      running = run().finally(() => {
        running = undefined;
        if (queue.length > 0) {
          if (urgent) schedule();
          else scheduleDeferred();
        }
      });
    });
  }

  /** A deferred append: committed with whatever commit comes next, or on its own after `deferMs`. */
  function scheduleDeferred(): void {
    if (scheduled || running || deferTimer) return;
    deferTimer = setTimeout(() => {
      deferTimer = undefined;
      urgent = true;
      schedule();
    }, deferMs);
  }

  return {
    enqueue(p, deferred = false) {
      queue.push(p);
      if (!deferred) urgent = true;
      if (urgent) schedule();
      else scheduleDeferred();
    },
    poke() {
      poked = true;
      schedule();
    },
    async drain() {
      if (queue.length > 0) {
        urgent = true;
        schedule();
      }
      while (scheduled || running || queue.length > 0) {
        if (running) await running;
        else await new Promise<void>((r) => setImmediate(r));
      }
    },
    head: () => head,
  };
}
