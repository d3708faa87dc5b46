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

export interface ApiKeyRepository {
  insert(key: ApiKeyRecord): void;
  findById(id: string): ApiKeyRecord | undefined;
  listByAgent(kind: KeyOwnerKind, agent?: string): ApiKeyRecord[];
  /** Revoke every active key of an agent (or user); returns how many were revoked. */
  revokeAgent(kind: KeyOwnerKind, agent: string, at: string): number;
  /** Atomically revoke the owner's active keys and insert a new one. */
  rotate(key: ApiKeyRecord): number;
}

/**
 * The store: repositories over one database. A PostgreSQL adapter implements the same interfaces.
 * Decision records live in the audit log (src/audit), which has its own store interface.
 */
export interface Store {
  readonly apiKeys: ApiKeyRepository;
  /** Liveness: throws when the database cannot be used. */
  check(): void;
  close(): void;
}
