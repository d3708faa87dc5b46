import type { AuditEvent, AuditEventInput } from '../types.js';

/** Every field of an AuditEvent, sorted (RFC 8785 order): the order the redactor builds its output in. */
export const EVENT_FIELDS: readonly string[] = (
  [
    'type',
    'requestId',
    'agent',
    'user',
    'sourceAddress',
    'tool',
    'backend',
    'risk',
    'arguments',
    'decision',
    'rule',
    'reasons',
    'approvalId',
    'resultStatus',
    'latencyMs',
    'error',
    'detail',
    'timestamp',
  ] satisfies Array<keyof AuditEvent>
).sort();

/**
 * Top-level fields that carry caller-controlled or free text and get the detectors (the tool name is whatever
 * the caller sent when the call is denied); verified identity fields (agent, user) only get vault values removed,
 * so that queries by them keep working.
 */
export const FREE_TEXT_FIELDS = new Set(['arguments', 'detail', 'error', 'reasons', 'tool']);

/** Whether `field` is one of EVENT_FIELDS: string compares of interned names, no hash lookup per field. */
export function isEventField(field: string): boolean {
  switch (field) {
    case 'agent':
    case 'approvalId':
    case 'arguments':
    case 'backend':
    case 'decision':
    case 'detail':
    case 'error':
    case 'latencyMs':
    case 'reasons':
    case 'requestId':
    case 'resultStatus':
    case 'risk':
    case 'rule':
    case 'sourceAddress':
    case 'timestamp':
    case 'tool':
    case 'type':
    case 'user':
      return true;
    default:
      return false;
  }
}

/**
 * What the redactor keeps of one field: its redacted value, or undefined to leave the field out. Called only for a
 * field the event has; `detect` is whether the field is in FREE_TEXT_FIELDS.
 */
export type FieldRedaction = (field: keyof AuditEventInput, value: unknown, detect: boolean) => unknown;

/**
 * The redacted event of an event whose fields are all in EVENT_FIELDS, built with one named store per field in RFC
 * 8785 order (so the native serialiser emits canonical text). The same result as a loop over EVENT_FIELDS with
 * computed keys, which every event made megamorphic: its keyed loads and stores were about a quarter of the
 * redactor's time in the gateway (ADR 0017, Decision 44). `type` and `timestamp` are set as they are.
 */
export function buildEvent(event: AuditEventInput, timestamp: string, redact: FieldRedaction): AuditEvent {
  const out: Partial<Record<keyof AuditEvent, unknown>> = {};
  let v: unknown;
  if ((v = event.agent) !== undefined && (v = redact('agent', v, false)) !== undefined) out.agent = v;
  if ((v = event.approvalId) !== undefined && (v = redact('approvalId', v, false)) !== undefined) out.approvalId = v;
  if ((v = event.arguments) !== undefined && (v = redact('arguments', v, true)) !== undefined) out.arguments = v;
  if ((v = event.backend) !== undefined && (v = redact('backend', v, false)) !== undefined) out.backend = v;
  if ((v = event.decision) !== undefined && (v = redact('decision', v, false)) !== undefined) out.decision = v;
  if ((v = event.detail) !== undefined && (v = redact('detail', v, true)) !== undefined) out.detail = v;
  if ((v = event.error) !== undefined && (v = redact('error', v, true)) !== undefined) out.error = v;
  if ((v = event.latencyMs) !== undefined && (v = redact('latencyMs', v, false)) !== undefined) out.latencyMs = v;
  if ((v = event.reasons) !== undefined && (v = redact('reasons', v, true)) !== undefined) out.reasons = v;
  if ((v = event.requestId) !== undefined && (v = redact('requestId', v, false)) !== undefined) out.requestId = v;
  if ((v = event.resultStatus) !== undefined && (v = redact('resultStatus', v, false)) !== undefined)
    out.resultStatus = v;
  if ((v = event.risk) !== undefined && (v = redact('risk', v, false)) !== undefined) out.risk = v;
  if ((v = event.rule) !== undefined && (v = redact('rule', v, false)) !== undefined) out.rule = v;
  if ((v = event.sourceAddress) !== undefined && (v = redact('sourceAddress', v, false)) !== undefined)
    out.sourceAddress = v;
  out.timestamp = timestamp;
  if ((v = event.tool) !== undefined && (v = redact('tool', v, true)) !== undefined) out.tool = v;
  out.type = event.type;
  if ((v = event.user) !== undefined && (v = redact('user', v, false)) !== undefined) out.user = v;
  return out as AuditEvent;
}
