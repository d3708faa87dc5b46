import type { ToolCall } from '../pipeline/call.js';
import type { DecisionRecord } from '../pipeline/decision-record.js';
import type { RecordSink } from '../pipeline/stage.js';
import type { AuditLog } from './audit-log.js';
import type { AuditEventInput, AuditEventType } from './types.js';

/** Maps the pipeline's decision record onto an audit event (field for field; `method` goes to detail). */
export function auditEventFromDecision(
  type: AuditEventType,
  rec: DecisionRecord,
  fallbackArgs?: DecisionRecord['arguments'],
): AuditEventInput {
  const args = rec.arguments ?? fallbackArgs;
  const event: AuditEventInput = {
    type,
    requestId: rec.requestId,
    ...(rec.agent !== undefined ? { agent: rec.agent } : {}),
    ...(rec.user !== undefined ? { user: rec.user } : {}),
    ...(rec.sourceAddress !== undefined ? { sourceAddress: rec.sourceAddress } : {}),
    ...(rec.tool !== undefined ? { tool: rec.tool } : {}),
    ...(rec.backend !== undefined ? { backend: rec.backend } : {}),
    ...(rec.risk !== undefined ? { risk: rec.risk } : {}),
    ...(args !== undefined ? { arguments: args } : {}),
    decision: rec.decision,
    ...(rec.rule !== undefined ? { rule: rec.rule } : {}),
    reasons: rec.reasons,
    ...(rec.approvalId !== undefined ? { approvalId: rec.approvalId } : {}),
    detail: { method: rec.method, startedAt: rec.timestamp },
  };
  if (type !== 'tool.call.requested') {
    if (rec.resultStatus !== undefined) event.resultStatus = rec.resultStatus;
    if (rec.latencyMs !== undefined) event.latencyMs = rec.latencyMs;
    if (rec.error !== undefined) event.error = rec.error;
  }
  return event;
}

const DENIED_STATUSES = new Set(['denied', 'not_found', 'invalid_args', 'rate_limited']);

export function outcomeType(rec: DecisionRecord): AuditEventType {
  if (rec.decision === 'deny' || (rec.resultStatus !== undefined && DENIED_STATUSES.has(rec.resultStatus)))
    return 'tool.call.denied';
  if (rec.resultStatus === 'ok' || rec.resultStatus === 'tool_error') return 'tool.call.completed';
  return 'tool.call.failed';
}

/**
 * The pipeline's RecordSink backed by the audit log: `intent` is the durable "no audit, no call" write (it
 * rejects with audit.unavailable, so the runner refuses the call); `outcome` never throws.
 */
export function createAuditRecordSink(audit: AuditLog, options: { onError?: (e: unknown) => void } = {}): RecordSink {
  return {
    async intent(call: ToolCall) {
      await audit.append(auditEventFromDecision('tool.call.requested', call.record, call.args));
    },
    async outcome(call: ToolCall) {
      try {
        await audit.append(auditEventFromDecision(outcomeType(call.record), call.record, call.args));
      } catch (e) {
        options.onError?.(e);
      }
    },
  };
}
