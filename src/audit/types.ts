import type { JsonObject } from '../core/tool.js';
import type { AuditEventType } from './event-types.js';

export type { AuditEventType } from './event-types.js';

/** What a module hands to `AuditLog.append()`. The log adds the timestamp, redacts, then hash-chains. */
export interface AuditEventInput {
  type: AuditEventType;
  requestId?: string;
  agent?: string;
  user?: string;
  sourceAddress?: string;
  tool?: string;
  backend?: string;
  risk?: { level: string; categories: string[] };
  /** Tool arguments; redacted before they are hashed or written. */
  arguments?: JsonObject;
  decision?: 'allow' | 'deny' | 'hold';
  rule?: string;
  reasons?: string[];
  approvalId?: string;
  resultStatus?: string;
  latencyMs?: number;
  /** Sanitised error text (redacted again here). */
  error?: string;
  detail?: JsonObject;
}

/** The event as stored: redacted, with the time the log accepted it. */
export interface AuditEvent extends AuditEventInput {
  timestamp: string;
}

/** A record of the chain: the event plus its position and links. */
export interface AuditRecord extends AuditEvent {
  seq: number;
  /** Hash of the previous record (64 zeros for the first record of the log). */
  prev: string;
  /** SHA-256 (hex) of the record's canonical form, see chain.ts. */
  hash: string;
  /** On `audit.checkpoint.created` records in sinks: the checkpoint's Ed25519 signature (base64). */
  signature?: string;
}

export interface AppendResult {
  seq: number;
  hash: string;
  /** false only in fail-open mode when the store was down: the event was NOT written (a gap marker follows). */
  recorded: boolean;
}

/** Filters shared by CLI, REST and export. Times are ISO 8601; `to` is exclusive. */
export interface AuditFilter {
  from?: string;
  to?: string;
  fromSeq?: number;
  toSeq?: number;
  type?: string;
  requestId?: string;
  agent?: string;
  user?: string;
  tool?: string;
  backend?: string;
  decision?: string;
  risk?: string;
  approvalId?: string;
  status?: string;
  /** Default 'desc' (newest first) for queries; exports are always ascending. */
  order?: 'asc' | 'desc';
  limit?: number;
}

export interface AuditPage {
  records: AuditRecord[];
  /** Opaque cursor for the next page, absent on the last page. */
  nextCursor?: string;
}

export type VerifyIssueKind =
  | 'modified'
  | 'deleted'
  | 'inserted'
  | 'reordered'
  | 'broken-link'
  | 'truncated'
  | 'checkpoint-invalid'
  | 'checkpoint-missing'
  | 'checkpoint-mismatch'
  | 'unanchored';

export interface VerifyIssue {
  kind: VerifyIssueKind;
  /** Position (seq) where the break was found. */
  seq: number;
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Records checked. */
  records: number;
  firstSeq?: number;
  lastSeq?: number;
  checkpoints: number;
  issues: VerifyIssue[];
  /** Where the verification key came from; 'database' means from the database itself (weakest). */
  keySource: 'key-file' | 'public-key' | 'anchor' | 'database';
  /** The anchors (copies of signed checkpoints outside the database) the log was checked against. */
  anchors?: { files: string[]; checkpoints: number; newestSeq?: number };
  durationMs: number;
}

export interface VerifyRange {
  fromSeq?: number;
  toSeq?: number;
}

export interface SignedCheckpoint {
  v: 1;
  seq: number;
  hash: string;
  ts: string;
  keyId: string;
  /** base64 Ed25519 signature over the canonical form of the other fields. */
  signature: string;
}

export interface SinkStatus {
  name: string;
  type: string;
  /** Records committed to the store but not yet delivered by this sink. */
  behind: number;
  deliveredSeq: number;
  failures: number;
  /** True while the sink re-reads from the store after its buffer overflowed. */
  catchingUp: boolean;
  lastError?: string;
}
