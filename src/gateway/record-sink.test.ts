import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ToolCall } from '../pipeline/call.js';
import type { DecisionRecord } from '../core/decision-record.js';
import { createAuditLog } from '../audit/audit-log.js';
import { auditEventFromDecision, createAuditRecordSink, outcomeType } from './record-sink.js';

const dirs: string[] = [];
afterEach(() => {
  // The anchor file sits next to the data directory, outside it.
  for (const d of dirs.splice(0))
    for (const p of [d, `${d}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
});

function record(over: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    requestId: 'req-1',
    timestamp: '2026-01-01T00:00:00.000Z',
    method: 'tools/call',
    agent: 'bot',
    tool: 'crm.lookup',
    decision: 'allow',
    reasons: ['rule r1 matched'],
    ...over,
  };
}

describe('decision record mapping', () => {
  it('maps the outcome type from decision and status', () => {
    expect(outcomeType(record({ resultStatus: 'ok' }))).toBe('tool.call.completed');
    expect(outcomeType(record({ resultStatus: 'tool_error' }))).toBe('tool.call.completed');
    expect(outcomeType(record({ decision: 'deny', resultStatus: 'denied' }))).toBe('tool.call.denied');
    expect(outcomeType(record({ resultStatus: 'not_found' }))).toBe('tool.call.denied');
    expect(outcomeType(record({ resultStatus: 'timeout' }))).toBe('tool.call.failed');
    expect(outcomeType(record({ resultStatus: 'audit_error' }))).toBe('tool.call.failed');
  });

  it('keeps outcome-only fields out of the intent record', () => {
    const rec = record({
      resultStatus: 'ok',
      latencyMs: 3,
      error: 'x',
      risk: { level: 'high', categories: ['payments'] },
    });
    expect(auditEventFromDecision('tool.call.requested', rec)).not.toHaveProperty('latencyMs');
    expect(auditEventFromDecision('tool.call.completed', rec)).toMatchObject({
      latencyMs: 3,
      resultStatus: 'ok',
      risk: { level: 'high' },
    });
  });

  it('writes intent and outcome through the audit log, redacting arguments', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-record-sink-'));
    dirs.push(dir);
    const log = await createAuditLog({ dataDir: dir });
    const sink = createAuditRecordSink(log);
    const call = {
      requestId: 'req-1',
      args: { email: 'someone@example.com' },
      record: record(),
    } as unknown as ToolCall;
    await sink.intent(call);
    call.record.resultStatus = 'ok';
    call.record.latencyMs = 5;
    await sink.outcome(call);
    const page = await log.query({ requestId: 'req-1', order: 'asc' });
    expect(page.records.map((r) => r.type)).toEqual(['tool.call.requested', 'tool.call.completed']);
    expect(page.records[0]!.arguments).toEqual({ email: '[REDACTED:email]' });
    await log.close();
    await expect(sink.intent(call)).rejects.toMatchObject({ code: 'audit.unavailable' });
    await expect(sink.outcome(call)).resolves.toBeUndefined();
  });
});
