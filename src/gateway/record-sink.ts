import type { AuditLog } from '../audit/audit-log.js';
import type { AuditEventInput, AuditEventType } from '../audit/types.js';
import type { RecordSink } from '../core/call.js';
import type { DecisionRecord } from '../core/decision-record.js';

/** Tool calls are `tool.call.*`; the other forwarded methods (resources, prompts, completions) `mcp.request.*`. */
const family = (rec: DecisionRecord) => (rec.method === 'tools/call' ? 'tool.call' : 'mcp.request');

/** Maps the pipeline's decision record onto an audit event (field for field; method and target go to detail). */
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
    detail: {
      method: rec.method,
      ...(rec.target !== undefined ? { target: rec.target } : {}),
      startedAt: rec.timestamp,
    },
  };
  if (!type.endsWith('.requested')) {
    if (rec.resultStatus !== undefined) event.resultStatus = rec.resultStatus;
    if (rec.latencyMs !== undefined) event.latencyMs = rec.latencyMs;
    if (rec.error !== undefined) event.error = rec.error;
  }
  return event;
}

const DENIED_STATUSES = new Set(['denied', 'held', 'not_found', 'invalid_args', 'rate_limited']);

export function outcomeType(rec: DecisionRecord): AuditEventType {
  const f = family(rec);
  if (rec.decision !== 'allow' || (rec.resultStatus !== undefined && DENIED_STATUSES.has(rec.resultStatus)))
    return `${f}.denied`;
  if (rec.resultStatus === 'ok' || rec.resultStatus === 'tool_error') return `${f}.completed`;
  return `${f}.failed`;
}

/**
 * The pipeline's RecordSink backed by the audit log: `intent` is the durable "no audit, no call" write (it
 * rejects with audit.unavailable, so the runner refuses the call); `outcome` never throws.
 */
export function createAuditRecordSink(audit: AuditLog, options: { onError?: (e: unknown) => void } = {}): RecordSink {
  return {
    async intent(call) {
      await audit.append(auditEventFromDecision(`${family(call.record)}.requested`, call.record, call.args));
    },
    async outcome(call) {
      try {
        // Nobody waits for an outcome: it rides with the next commit (the next call's intent) instead of its own fsync.
        await audit.append(auditEventFromDecision(outcomeType(call.record), call.record, call.args), {
          deferred: true,
        });
      } catch (e) {
        options.onError?.(e);
      }
    },
  };
}
