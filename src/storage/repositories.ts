import type { AuditStore } from '../audit/store.js';
import type { PinRepository } from '../pins/store.js';
import type { Acknowledgement, HistoryEntry } from '../report/types.js';
import type { ApprovalDecisionEntry, ApprovalRequirement, ApprovalStatus } from '../core/approval.js';
import type { JsonObject } from '../core/tool.js';

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
  /**
   * What `findById` would answer, from memory and without waiting, when the store knows its copy is current: the
   * record, `null` for a known miss, `undefined` when only `findById` can tell (ADR 0017, Decision 11).
   */
  cachedById?(id: string): ApiKeyRecord | null | undefined;
  listByAgent(kind: KeyOwnerKind, agent?: string, tx?: Tx): Promise<ApiKeyRecord[]>;
  /** Revoke every active key of an agent (or user); returns how many were revoked. */
  revokeAgent(kind: KeyOwnerKind, agent: string, at: string, tx?: Tx): Promise<number>;
  /** Atomically revoke the owner's active keys and insert a new one; returns how many were revoked. */
  rotate(key: ApiKeyRecord, tx?: Tx): Promise<number>;
}

/** The security report's score history and acknowledged findings. */
export interface ReportRepository {
  addScore(entry: HistoryEntry, tx?: Tx): Promise<void>;
  /**
   * Stores the entry unless a score was stored after `since` (an ISO time); true when it stored it. The check
   * and the write hold the store's write lock together, so gateways sharing the store never both record.
   */
  addScoreUnlessSince(entry: HistoryEntry, since: string, tx?: Tx): Promise<boolean>;
  /** The newest `limit` scores, oldest first. */
  scores(limit: number, tx?: Tx): Promise<HistoryEntry[]>;
  /** Refuses an id that exists. */
  acknowledge(ack: Acknowledgement, tx?: Tx): Promise<void>;
  /** Every acknowledgement, oldest first. */
  acknowledgements(tx?: Tx): Promise<Acknowledgement[]>;
}

/** A person's dashboard session (src/dashboard/sessions.ts). Times are milliseconds since the epoch. */
export interface DashboardSessionRecord {
  /** SHA-256 (hex) of the cookie value: the value itself is never stored. */
  idHash: string;
  user: string;
  method: 'api-key' | 'oidc';
  /** The user API key the person signed in with (re-checked on every request). */
  credentialId?: string;
  /** What the identity provider vouched for at an OIDC sign-in: its subject, e-mail and groups. */
  subject?: string;
  email?: string;
  groups?: string[];
  createdAt: number;
  lastSeenAt: number;
  /** The absolute end of the session. */
  expiresAt: number;
}

/** An OIDC sign-in between the redirect to the identity provider and its callback (single use). */
export interface DashboardLoginRecord {
  /** SHA-256 (hex) of the `state` parameter. */
  stateHash: string;
  /** PKCE code verifier (RFC 7636). */
  verifier: string;
  nonce: string;
  /** Where the page goes after signing in (a path of the dashboard). */
  returnTo: string;
  expiresAt: number;
}

/** Dashboard sessions and OIDC sign-ins in progress, shared by every replica. */
export interface DashboardSessionRepository {
  create(s: DashboardSessionRecord, tx?: Tx): Promise<void>;
  get(idHash: string, tx?: Tx): Promise<DashboardSessionRecord | undefined>;
  touch(idHash: string, lastSeenAt: number, tx?: Tx): Promise<void>;
  delete(idHash: string, tx?: Tx): Promise<boolean>;
  /** Ends every session of a person; returns how many. */
  deleteUser(user: string, tx?: Tx): Promise<number>;
  /** Removes sessions past their end or idle since before `idleBefore`, and expired sign-ins; returns how many. */
  sweep(now: number, idleBefore: number, tx?: Tx): Promise<number>;
  count(tx?: Tx): Promise<number>;
  putLogin(l: DashboardLoginRecord, tx?: Tx): Promise<void>;
  /** Returns and removes a sign-in in progress (so a `state` works once); undefined when unknown or expired. */
  takeLogin(stateHash: string, now: number, tx?: Tx): Promise<DashboardLoginRecord | undefined>;
}

/** An approval request as stored: the exact call it is bound to, and what it needs. */
export interface ApprovalRecord {
  id: string;
  status: ApprovalStatus;
  /** A resource read or a prompt (absent: a tool call). */
  kind?: 'resource' | 'prompt';
  /** The tool's name; for a resource `<server>:<normalised uri>`; for a prompt its name. */
  tool: string;
  backend: string;
  agent: string;
  user?: string;
  /** What the identity provider calls the person the call was made for (token `sub` and email), for self-approval. */
  requesterIdentities?: string[];
  /** SHA-256 (hex) of the RFC 8785 canonical form of `callArguments`. */
  argsDigest: string;
  /** The exact arguments (what is executed once approved). */
  callArguments: JsonObject;
  /** The arguments as the audit log shows them (redacted), for approvers. */
  displayArguments: JsonObject;
  risk: { level: string; categories: string[]; sideEffect: string; reasons: string[] };
  rule: string;
  policyVersion: string;
  requirement: ApprovalRequirement;
  /** The request id of the call that asked. */
  requestId: string;
  createdAt: string;
  expiresAt: string;
  decidedAt?: string;
  executingAt?: string;
  executedAt?: string;
  outcome?: string;
  decisions: ApprovalDecisionEntry[];
}

export interface ApprovalListQuery {
  status?: ApprovalStatus;
  limit: number;
  /** Opaque: from a previous page's `nextCursor`. */
  cursor?: string;
}

/** Fields a transition may set along with the status. */
export interface ApprovalTransition {
  decidedAt?: string;
  expiresAt?: string;
  executingAt?: string;
  executedAt?: string;
  outcome?: string;
  /** Condition: only while the request's expiry is after this time (an expired request is not changed). */
  unlessExpiredAt?: string;
}

/**
 * Approval requests. Every state change is a compare-and-set on the status (and, for decisions, on the expiry),
 * so that two replicas, two approvers or a decision racing the timeout change a request at most once.
 */
export interface ApprovalRepository {
  /** Stores the whole record: a new request, or (for `storage copy`) one with its decisions and later times. */
  insert(a: ApprovalRecord, tx?: Tx): Promise<void>;
  get(id: string, tx?: Tx): Promise<ApprovalRecord | undefined>;
  /** Newest first. */
  list(q: ApprovalListQuery, tx?: Tx): Promise<{ items: ApprovalRecord[]; nextCursor?: string }>;
  /** Requests bound to exactly this call (kind, agent, user, tool, digest, policy version) in one of `statuses`, newest first. */
  findBound(
    b: {
      kind?: 'resource' | 'prompt';
      agent: string;
      user?: string;
      tool: string;
      argsDigest: string;
      policyVersion: string;
    },
    statuses: readonly ApprovalStatus[],
    tx?: Tx,
  ): Promise<ApprovalRecord[]>;
  /**
   * Records one person's decision while the request is pending and `now` is before its expiry. `twice`: that
   * person already decided; `closed`: no longer pending, or expired.
   */
  addDecision(id: string, d: ApprovalDecisionEntry, tx?: Tx): Promise<'added' | 'twice' | 'closed'>;
  /** Compare-and-set: moves the request from one of `from` to `to`; false when it was in none of them. */
  transition(
    id: string,
    from: readonly ApprovalStatus[],
    to: ApprovalStatus,
    set?: ApprovalTransition,
    tx?: Tx,
  ): Promise<boolean>;
  /** Pending or approved requests whose expiry is at or before `now` (for the timeout sweep). */
  due(now: string, tx?: Tx): Promise<ApprovalRecord[]>;
  /** Requests in a status, oldest first (restart recovery of `executing`). */
  withStatus(status: ApprovalStatus, tx?: Tx): Promise<ApprovalRecord[]>;
  /**
   * Calls `listener` with the id of every request that changed (a decision, a transition), in this process or in
   * another one sharing the database, once the change is committed. Only stores shared by processes have it
   * (PostgreSQL: LISTEN/NOTIFY); returns the unsubscribe function.
   */
  onChange?(listener: (id: string) => void): () => void;
}

/**
 * One sealed vault secret as stored (src/vault/envelope.ts): ciphertext only. The data key is wrapped under a
 * key-encryption key derived from the master key, which is never stored here. Binary parts are base64url.
 */
export interface SecretRow {
  name: string;
  version: number;
  /** Envelope format (`pcv1`). */
  format: string;
  /** Id of the master key the data key is wrapped with (not secret). */
  kekId: string;
  /** The data key sealed under the key-encryption key: `iv | tag | bytes`. */
  wrappedKey: string;
  /** AES-GCM nonce of the value. */
  nonce: string;
  /** AES-GCM tag of the value. */
  tag: string;
  ciphertext: string;
  createdAt: string;
  /** When this version was written (set, rotate); a master key re-wrap does not change it. */
  rotatedAt: string;
}

/** The wrapping of one secret version's data key (what a master key rotation replaces). */
export interface SecretWrap {
  kekId: string;
  wrappedKey: string;
}

/** Vault secrets (src/vault/). Only ciphertexts pass through; the store never sees a value or a key. */
export interface SecretStore {
  /** Every secret, by name. */
  list(tx?: Tx): Promise<SecretRow[]>;
  get(name: string, tx?: Tx): Promise<SecretRow | undefined>;
  /**
   * Compare-and-set: stores `row` as the current version of its name when the stored version is `expectVersion`
   * (0: the name must be absent). False when another writer got there first.
   */
  put(row: SecretRow, expectVersion: number, tx?: Tx): Promise<boolean>;
  /** Replaces the wrapping of exactly this version and wrapping; false when the row changed meanwhile. */
  rewrap(name: string, version: number, from: SecretWrap, to: SecretWrap, tx?: Tx): Promise<boolean>;
  delete(name: string, tx?: Tx): Promise<boolean>;
  /**
   * Removes what replaced or deleted rows leave in storage (SQLite: freed cells are zeroed and the WAL is
   * truncated; PostgreSQL: the table is rewritten), so a retired master key finds no old wrapping to open.
   */
  purge(): Promise<void>;
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
  readonly approvals: ApprovalRepository;
  readonly audit: AuditStoreOpener;
  /** Pinned tool and prompt definitions and their quarantines (src/pins/). */
  readonly pins: PinRepository;
  readonly report: ReportRepository;
  /** People's dashboard sessions (src/dashboard/). */
  readonly dashboardSessions: DashboardSessionRepository;
  /** Sealed vault secrets (src/vault/): ciphertext rows; the master key is never stored. */
  readonly secrets: SecretStore;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Liveness: rejects when the database cannot be used. */
  check(): Promise<void>;
  close(): Promise<void>;
}
