/** Public surface of the audit module: the log factory, its config schema and types. */
export { createAuditLog, type AuditHealth, type AuditLog, type AuditLogOptions, type CustomSink } from './audit-log.js';
export type { ExternalSigner } from './signing.js';
export {
  createAuthFailureAggregator,
  type AuthFailureAggregator,
  type AuthFailureInfo,
  type AuthFailureOptions,
} from './auth-failures.js';
export { auditConfigSchema, type AuditConfig, type SinkConfig, type RetentionConfig } from './config-schema.js';
export { auditEventTypes, isAuditEventType, type AuditEventType } from './event-types.js';
export type { RedactionConfig, RedactionMode, PathRule } from './redaction/redactor.js';
export type { AuditStore, StoredRecord, StoreQuery } from './store.js';
export { createSqliteAuditStore } from './sqlite-store.js';
export { verifyAuditChain, type VerifyOptions } from './verify.js';
export { handleAuditApi, parseAuditFilter, type AuditApiResponse } from './rest.js';
export type { ExportFormat } from './export.js';
export type {
  AppendResult,
  AuditEvent,
  AuditEventInput,
  AuditFilter,
  AuditPage,
  AuditRecord,
  SignedCheckpoint,
  SinkStatus,
  VerifyIssue,
  VerifyIssueKind,
  VerifyRange,
  VerifyResult,
} from './types.js';
