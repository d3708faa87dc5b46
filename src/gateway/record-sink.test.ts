import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ToolCall } from '../pipeline/call.js';
import type { DecisionRecord } from '../core/decision-record.js';
import { createAuditLog } from '../audit/audit-log.js';
import { createSqliteAuditStore } from '../storage/sqlite/audit-store.js';
import type { AuditStore } from '../audit/store.js';
import { auditEventFromDecision, createAuditRecordSink, outcomeEventAfterIntent, outcomeType } from './record-sink.js';

const dirs: string[] = [];
afterEach(() => {
  // The anchor file sits next to the data directory, outside it.
  for (const d of dirs.splice(0))
    for (const p of [d, `${d}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-record-sink-'));
  dirs.push(dir);
  return dir;
}

/** A sink over a real audit log in a fresh directory, and a call with an e-mail address among its arguments. */
async function sinkWithCall(over: Partial<DecisionRecord> = {}) {
  const log = await createAuditLog({ dataDir: tempDir() });
  const sink = createAuditRecordSink(log);
  const call = {
    requestId: 'req-1',
    args: { email: 'someone@example.com' },
    record: record(over),
  } as unknown as ToolCall;
  return { log, sink, call };
}

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
    const { log, sink, call } = await sinkWithCall();
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

  it('an outcome after a recorded intent carries what it is found by and what happened, not the intent again', async () => {
    const rec = record({
      user: 'ann',
      sourceAddress: '10.0.0.1',
      backend: 'crm',
      risk: { level: 'high', categories: ['payments'] },
      rule: 'r1',
      approvalId: 'ap-1',
      arguments: { q: 'x' },
      resultStatus: 'tool_error',
      latencyMs: 7,
      error: 'upstream said no',
    });
    expect(outcomeEventAfterIntent('tool.call.completed', rec)).toEqual({
      type: 'tool.call.completed',
      requestId: 'req-1',
      agent: 'bot',
      user: 'ann',
      tool: 'crm.lookup',
      backend: 'crm',
      risk: { level: 'high', categories: ['payments'] },
      decision: 'allow',
      approvalId: 'ap-1',
      resultStatus: 'tool_error',
      latencyMs: 7,
      error: 'upstream said no',
    });
  });

  it('writes the slim outcome only after a recorded intent; every filter that finds the intent finds the outcome', async () => {
    const { log, sink, call } = await sinkWithCall({
      user: 'ann',
      backend: 'crm',
      risk: { level: 'high', categories: ['payments'] },
      rule: 'r1',
    });
    await sink.intent(call);
    call.record.resultStatus = 'ok';
    call.record.latencyMs = 5;
    await sink.outcome(call);
    // A denial has no intent: its record carries everything.
    const denied = { requestId: 'req-2', args: { a: 1 }, record: record({ requestId: 'req-2', decision: 'deny' }) };
    denied.record.resultStatus = 'denied';
    await sink.outcome(denied);
    const [intent, outcome] = (await log.query({ requestId: 'req-1', order: 'asc' })).records;
    expect(intent).toMatchObject({
      arguments: { email: '[REDACTED:email]' },
      rule: 'r1',
      detail: { method: 'tools/call' },
    });
    expect(outcome).toMatchObject({ type: 'tool.call.completed', resultStatus: 'ok', latencyMs: 5, decision: 'allow' });
    for (const field of ['arguments', 'rule', 'reasons', 'detail', 'sourceAddress'])
      expect(outcome).not.toHaveProperty(field);
    for (const filter of [
      { agent: 'bot' },
      { user: 'ann' },
      { tool: 'crm.lookup' },
      { backend: 'crm' },
      { risk: 'high' },
      { decision: 'allow' as const },
    ])
      expect((await log.query({ ...filter, requestId: 'req-1' })).records).toHaveLength(2);
    const [deniedRec] = (await log.query({ requestId: 'req-2' })).records;
    expect(deniedRec).toMatchObject({ type: 'tool.call.denied', arguments: { a: 1 }, reasons: ['rule r1 matched'] });
    await log.close();
  });

  it('an outcome whose intent was not recorded carries the whole record (closed: refused; open: went ahead)', async () => {
    for (const failMode of ['closed', 'open'] as const) {
      const dir = tempDir();
      let failing = false;
      const real = createSqliteAuditStore({ file: join(dir, 'audit.db'), writer: 'main' });
      const store: AuditStore = Object.create(real) as AuditStore;
      store.append = (records, checkpoints) =>
        failing ? Promise.reject(new Error('disk full')) : real.append(records, checkpoints);
      const log = await createAuditLog({ dataDir: dir, store, failMode, onWarning: () => undefined });
      const sink = createAuditRecordSink(log);
      const call = { requestId: 'req-1', args: { q: 'find' }, record: record() } as unknown as ToolCall;
      failing = true;
      if (failMode === 'closed') await expect(sink.intent(call)).rejects.toMatchObject({ code: 'audit.unavailable' });
      else await sink.intent(call);
      failing = false;
      call.record.resultStatus = failMode === 'closed' ? 'audit_error' : 'ok';
      await sink.outcome(call);
      const records = (await log.query({ requestId: 'req-1', order: 'asc' })).records;
      const outcome = records.find((r) => r.type !== 'tool.call.requested');
      expect(outcome).toMatchObject({
        arguments: { q: 'find' },
        reasons: ['rule r1 matched'],
        detail: { method: 'tools/call' },
      });
      await log.close();
    }
  });
});
