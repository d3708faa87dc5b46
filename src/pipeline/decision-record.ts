import type { JsonObject } from '../core/tool.js';

export type Decision = 'allow' | 'deny';
export type ResultStatus =
  | 'ok'
  | 'tool_error'
  | 'denied'
  | 'not_found'
  | 'invalid_args'
  | 'rate_limited'
  | 'backend_error'
  | 'timeout'
  | 'cancelled'
  | 'audit_error';

/**
 * One record per call, built by the pipeline from data (never logged piecemeal by stages).
 * The audit log stores it (hash-chained, redacted).
 */
export interface DecisionRecord {
  requestId: string;
  timestamp: string;
  method: string;
  agent?: string;
  user?: string;
  sourceAddress?: string;
  tool?: string;
  backend?: string;
  risk?: { level: string; categories: string[] };
  arguments?: JsonObject;
  decision: Decision;
  rule?: string;
  reasons: string[];
  approvalId?: string;
  resultStatus?: ResultStatus;
  latencyMs?: number;
  error?: string;
}
