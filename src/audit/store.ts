import type { AuditFilter, SignedCheckpoint } from './types.js';

/** The store's identity failed (`AuditStore.identity` or an append that checks it): gone (deleted) or replaced. */
export class AuditStoreIdentityError extends Error {
  override readonly name = 'AuditStoreIdentityError';
  constructor(
    message: string,
    /** ENOENT when the store is gone, else undefined (replaced). */
    readonly code?: 'ENOENT',
  ) {
    super(message);
  }
}

/** A record as the store keeps it: position, hash and the canonical body the hash covers. */
export interface StoredRecord {
  seq: number;
  hash: string;
  body: string;
}

/** Filter as the store applies it, with the cursor already decoded into a seq bound. */
export interface StoreQuery extends Omit<AuditFilter, 'limit'> {
  /** Only records with seq > afterSeq (ascending) or seq < beforeSeq (descending). */
  afterSeq?: number;
  beforeSeq?: number;
  order: 'asc' | 'desc';
  limit: number;
}

/**
 * Storage for the audit chain, implemented in src/storage/sqlite/audit-store.ts and
 * src/storage/postgres/audit-store.ts. All writes of one `append()` are one transaction and durable when it resolves.
 */
export interface AuditStore {
  readonly kind: string;
  /**
   * Optional: the physical identity of the store (SQLite: the database file's device and inode). Rejects when the
   * store is gone (file deleted) and when it was replaced since it was opened. The log checks it before every
   * commit and every second, and halts (refuses calls, not ready) when it fails.
   */
  identity?(): Promise<string>;
  /**
   * True when `append` itself checks the identity, in the thread that commits and right before its transaction, and
   * rejects with an `AuditStoreIdentityError` (writing nothing) when the store is gone or was replaced: the log then
   * does not check it again before each commit (ADR 0017, Decision 33). It still checks it every second.
   */
  readonly identityCheckedOnAppend?: boolean;
  /** Last record (highest seq), if any. */
  head(): Promise<StoredRecord | undefined>;
  /** First record (lowest seq), if any. */
  first(): Promise<StoredRecord | undefined>;
  /** Appends records (and the checkpoints signed in the same batch) atomically and durably. */
  append(records: readonly StoredRecord[], checkpoints: readonly SignedCheckpoint[]): Promise<void>;
  /**
   * Optional, for stores shared by several processes (PostgreSQL): takes the chain's writer lock, reads the head
   * under it, lets `build` chain the batch onto that head and appends it, all in one transaction. The group
   * committer prefers it to `append`, so concurrent writers never race for a seq.
   */
  appendLocked?(
    build: (head: { seq: number; hash: string } | undefined) => Promise<{
      records: readonly StoredRecord[];
      checkpoints: readonly SignedCheckpoint[];
    }>,
  ): Promise<void>;
  /** Records with fromSeq <= seq <= toSeq, ascending, at most `limit`. */
  readRange(fromSeq: number, toSeq: number, limit: number): Promise<StoredRecord[]>;
  /** Filtered page of records. */
  query(q: StoreQuery): Promise<StoredRecord[]>;
  /** Checkpoints with fromSeq <= seq <= toSeq, ascending. */
  checkpoints(fromSeq: number, toSeq: number): Promise<SignedCheckpoint[]>;
  /** The checkpoint with the highest seq, if any. */
  lastCheckpoint(): Promise<SignedCheckpoint | undefined>;
  /** Highest seq of a record whose timestamp is < ts (for age-based retention). */
  lastSeqBefore(ts: string): Promise<number | undefined>;
  /**
   * Deletes records and checkpoints with seq < beforeSeq (a signed checkpoint), oldest first; records the prune
   * point as meta `retention.prunedBefore` before deleting. Returns the number of records deleted.
   */
  prune(beforeSeq: number): Promise<number>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** Meta rows whose key starts with `prefix` (the prefix is matched literally). */
  listMeta(prefix: string): Promise<Array<{ key: string; value: string }>>;
  /** Deletes a meta row; true when this call deleted it (false: absent, or another process deleted it first). */
  deleteMeta(key: string): Promise<boolean>;
  close(): Promise<void>;
}
