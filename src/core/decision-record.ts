import type { Effect } from './decision.js';
import type { JsonObject } from './tool.js';

export const RESULT_STATUSES = [
  'ok',
  'tool_error',
  'denied',
  'held',
  'not_found',
  'invalid_args',
  'rate_limited',
  'backend_error',
  'timeout',
  'cancelled',
  'audit_error',
] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/**
 * One record per call, built by the pipeline from data (never logged piecemeal by stages).
 * The audit log stores it (hash-chained, redacted).
 */
export interface DecisionRecord {
  requestId: string;
  timestamp: string;
  /** MCP method: tools/call, resources/read, resources/subscribe, resources/unsubscribe, prompts/get, completion/complete. */
  method: string;
  agent?: string;
  user?: string;
  sourceAddress?: string;
  tool?: string;
  /** Non-tool methods: what was asked for (`<server>:<normalised uri>`, prompt name, completion ref). */
  target?: string;
  backend?: string;
  risk?: { level: string; categories: string[] };
  arguments?: JsonObject;
  decision: Effect;
  rule?: string;
  reasons: string[];
  approvalId?: string;
  resultStatus?: ResultStatus;
  latencyMs?: number;
  error?: string;
}
