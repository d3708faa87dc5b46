import type { AuditLog } from '../audit/audit-log.js';
import type { AuditEventInput, AuditEventType } from '../audit/types.js';
import type { RecordSink } from '../core/call.js';
import type { DecisionRecord } from '../core/decision-record.js';
import type { CallLedger } from './interrupted-calls.js';

/** Tool calls are `tool.call.*`; the other forwarded methods (resources, prompts, completions) `mcp.request.*`. */
const family = (rec: DecisionRecord) => (rec.method === 'tools/call' ? 'tool.call' : 'mcp.request');

/** Maps the pipeline's decision record onto an audit event (field for field; method and target go to detail). */
export function auditEventFromDecision(
  type: AuditEventType,
  rec: DecisionRecord,
  fallbackArgs?: DecisionRecord['arguments'],
): AuditEventInput {
  const args = rec.arguments ?? fallbackArgs;
  // Assigned one by one rather than spread from temporary objects: this runs for every call (the redactor puts the
  // fields in canonical order whatever order they are set in here).
  const event: AuditEventInput = { type, requestId: rec.requestId };
  if (rec.agent !== undefined) event.agent = rec.agent;
  if (rec.user !== undefined) event.user = rec.user;
  if (rec.sourceAddress !== undefined) event.sourceAddress = rec.sourceAddress;
  if (rec.tool !== undefined) event.tool = rec.tool;
  if (rec.backend !== undefined) event.backend = rec.backend;
  if (rec.risk !== undefined) event.risk = rec.risk;
  if (args !== undefined) event.arguments = args;
  event.decision = rec.decision;
  if (rec.rule !== undefined) event.rule = rec.rule;
  event.reasons = rec.reasons;
  if (rec.approvalId !== undefined) event.approvalId = rec.approvalId;
  const detail: NonNullable<AuditEventInput['detail']> = { method: rec.method, startedAt: rec.timestamp };
  if (rec.target !== undefined) detail.target = rec.target;
  event.detail = detail;
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
 * The outcome of a call whose intent is in the log (`*.completed`, `*.failed`): what the call's records are found by
 * (every query filter: request id, agent, user, tool, backend, risk, decision, approval, status) and what happened
 * (status, latency, error). Its arguments, rule, reasons, source address and detail are those of the intent with the
 * same `requestId`, which the log holds already: not redacting, hashing and writing them twice is about 10 µs of
 * the event loop and half the record's bytes per call (docs/adr/0017-hot-path-performance.md, Decision 16).
 */
export function outcomeEventAfterIntent(type: AuditEventType, rec: DecisionRecord): AuditEventInput {
  const event: AuditEventInput = { type, requestId: rec.requestId, decision: rec.decision };
  if (rec.agent !== undefined) event.agent = rec.agent;
  if (rec.user !== undefined) event.user = rec.user;
  if (rec.tool !== undefined) event.tool = rec.tool;
  if (rec.backend !== undefined) event.backend = rec.backend;
  if (rec.risk !== undefined) event.risk = rec.risk;
  if (rec.approvalId !== undefined) event.approvalId = rec.approvalId;
  if (rec.resultStatus !== undefined) event.resultStatus = rec.resultStatus;
  if (rec.latencyMs !== undefined) event.latencyMs = rec.latencyMs;
  if (rec.error !== undefined) event.error = rec.error;
  return event;
}

/**
 * The pipeline's RecordSink backed by the audit log: `intent` is the durable "no audit, no call" write (it
 * rejects with audit.unavailable, so the runner refuses the call); `outcome` never throws. An outcome carries the
 * whole decision record unless its call's intent was recorded (then `outcomeEventAfterIntent`): a denial has no
 * intent, and neither has a call refused because its intent could not be written, or one that went ahead unrecorded
 * in fail-open mode.
 */
export function createAuditRecordSink(
  audit: AuditLog,
  options: { onError?: (e: unknown) => void; ledger?: Pick<CallLedger, 'instance' | 'opened' | 'closed'> } = {},
): RecordSink {
  /** The seq of each call's recorded intent. */
  const intentRecorded = new WeakMap<object, number>();
  const { ledger } = options;
  return {
    async intent(call) {
      const event = auditEventFromDecision(`${family(call.record)}.requested`, call.record, call.args);
      // Which gateway process sent the call: if it dies before the outcome, another closes the intent (interrupted-calls.ts).
      if (ledger && event.detail) event.detail.instance = ledger.instance;
      const r = await audit.append(event);
      if (r.recorded) {
        intentRecorded.set(call, r.seq);
        ledger?.opened(r.seq);
      }
    },
    async outcome(call) {
      try {
        const type = outcomeType(call.record);
        const event =
          intentRecorded.has(call) && !type.endsWith('.denied')
            ? outcomeEventAfterIntent(type, call.record)
            : auditEventFromDecision(type, call.record, call.args);
        // Nobody waits for an outcome: it rides with the next commit (the next call's intent) instead of its own fsync.
        await audit.append(event, { deferred: true });
        const seq = intentRecorded.get(call);
        if (seq !== undefined) ledger?.closed(seq);
      } catch (e) {
        options.onError?.(e);
      }
    },
  };
}
