import type { AuditStore } from '../audit/store.js';
import type { PinRepository } from '../pins/store.js';

/** A stored API key: only its hash is kept. */
export type KeyOwnerKind = 'agent' | 'user';

export interface ApiKeyRecord {
  id: string;
  /** Whose key: an agent (MCP front door) or a user (admin/approver/auditor REST API). */
  kind: KeyOwnerKind;
  /** Agent or user name. */
  agent: string;
  /** SHA-256 of the secret part, hex. */
  hash: string;
  createdAt: string;
  revokedAt?: string;
}

/**
 * An open transaction, passed to repository methods so that their writes commit or roll back together
 * (`stores.transaction(async (tx) => { await a.x(…, tx); await b.y(…, tx); })`). Opaque outside src/storage/.
 */
export interface Tx {
  readonly backend: StorageKind;
}

export type StorageKind = 'sqlite' | 'postgres';

/** API keys of agents and of people. Every method accepts an optional transaction. */
export interface ApiKeyRepository {
  insert(key: ApiKeyRecord, tx?: Tx): Promise<void>;
  /** The hot path: served from memory or an in-process read, never more than one round trip. */
  findById(id: string, tx?: Tx): Promise<ApiKeyRecord | undefined>;
  listByAgent(kind: KeyOwnerKind, agent?: string, tx?: Tx): Promise<ApiKeyRecord[]>;
  /** Revoke every active key of an agent (or user); returns how many were revoked. */
  revokeAgent(kind: KeyOwnerKind, agent: string, at: string, tx?: Tx): Promise<number>;
  /** Atomically revoke the owner's active keys and insert a new one; returns how many were revoked. */
  rotate(key: ApiKeyRecord, tx?: Tx): Promise<number>;
}

/** How the audit log opens its store (it decides whether a missing store may be created). */
export interface AuditStoreOpener {
  /** Where the chain lives, for messages (a file path, or the database without credentials). */
  readonly location: string;
  /** False when the store was never created (SQLite: the file is missing). */
  exists(): Promise<boolean>;
  open(options: { mustExist?: boolean; busyTimeoutMs?: number; writer?: 'main' | 'worker' }): AuditStore;
  /** Read-only access for verify, query and export. */
  openReadonly(): AuditStore;
}

/**
 * Every repository over one configured back end (`storage:` in the config). Built by `openStores` — the only
 * place that knows a driver. Stores that later features add (vault, limits, pins, …) become fields here.
 */
export interface Stores {
  readonly kind: StorageKind;
  /** Where the data lives, without credentials (for logs and messages). */
  readonly location: string;
  readonly apiKeys: ApiKeyRepository;
  readonly audit: AuditStoreOpener;
  /** Pinned tool and prompt definitions and their quarantines (src/pins/). */
  readonly pins: PinRepository;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Liveness: rejects when the database cannot be used. */
  check(): Promise<void>;
  close(): Promise<void>;
}
