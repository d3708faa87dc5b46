import { describe, expect, it } from 'vitest';
import type { RecordedCall, RecordSink } from '../core/call.js';
import { GatewayError } from '../core/errors.js';
import type { ToolCall } from './call.js';
import { createPipeline } from './runner.js';
import type { Stage } from './stage.js';

/** In-memory sink: what was written, in order; `failIntent` simulates the audit store being down. */
function memorySink(failIntent = false) {
  const events: string[] = [];
  const sink: RecordSink = {
    async intent(c: RecordedCall) {
      if (failIntent) throw new GatewayError('audit.unavailable');
      events.push(`intent:${c.record.decision}`);
    },
    async outcome(c: RecordedCall) {
      events.push(`outcome:${c.record.resultStatus}`);
    },
  };
  return { sink, events };
}
const stage = (id: string, fn: (c: ToolCall) => void, log: string[]): Stage => ({
  id,
  run(c) {
    log.push(id);
    fn(c);
  },
});
const call = (): ToolCall => ({
  requestId: 'r1',
  principal: { agent: 'a', method: 'api-key' },
  toolName: 't',
  args: {},
  signal: new AbortController().signal,
  record: { requestId: 'r1', timestamp: 'now', method: 'tools/call', decision: 'deny', reasons: [] },
});
const allow = (c: ToolCall) => void (c.record.decision = 'allow');
const flush = () => new Promise((r) => setImmediate(r));

describe('pipeline runner', () => {
  it('runs the stages in order, writes the intent before execute and one outcome after', async () => {
    const log: string[] = [];
    const { sink, events } = memorySink();
    const exec = stage('execute', (c) => void (c.result = { content: [] }), log);
    const p = createPipeline(
      [stage('a', () => undefined, log), stage('b', allow, log)],
      {
        id: 'execute',
        run: (c) => {
          log.push(`execute after ${events.join(',')}`);
          return exec.run(c);
        },
      },
      sink,
    );
    await p.run(call());
    await flush();
    expect(log).toEqual(['a', 'b', 'execute after intent:allow', 'execute']);
    expect(events).toEqual(['intent:allow', 'outcome:ok']);
  });

  it('never executes when no stage allowed the call (fail closed)', async () => {
    const log: string[] = [];
    const { sink, events } = memorySink();
    const p = createPipeline(
      [stage('a', () => undefined, log)],
      stage('execute', () => undefined, log),
      sink,
    );
    await expect(p.run(call())).rejects.toMatchObject({ code: 'internal' });
    await flush();
    expect(log).toEqual(['a']);
    expect(events).toEqual(['outcome:backend_error']);
  });

  it('a refusing stage stops the call: no intent, no execute, one outcome with its status', async () => {
    const log: string[] = [];
    const { sink, events } = memorySink();
    const deny = stage(
      'authorize',
      () => {
        throw new GatewayError('tool.not_found');
      },
      log,
    );
    const p = createPipeline(
      [deny],
      stage('execute', () => undefined, log),
      sink,
    );
    const c = call();
    await expect(p.run(c)).rejects.toMatchObject({ code: 'tool.not_found' });
    await flush();
    expect(log).toEqual(['authorize']);
    expect(events).toEqual(['outcome:not_found']);
  });

  it('no audit, no call: a failing intent write refuses the call before execute', async () => {
    const log: string[] = [];
    const { sink, events } = memorySink(true);
    const p = createPipeline(
      [stage('authorize', allow, log)],
      stage('execute', () => undefined, log),
      sink,
    );
    await expect(p.run(call())).rejects.toMatchObject({ code: 'audit.unavailable' });
    await flush();
    expect(log).toEqual(['authorize']);
    expect(events).toEqual(['outcome:audit_error']);
  });

  it('hands the outcome to the sink once the answer is out (the turn after), never before it and never twice', async () => {
    const { sink, events } = memorySink();
    const p = createPipeline(
      [stage('authorize', allow, [])],
      stage('execute', (c) => void (c.result = { content: [] }), []),
      sink,
    );
    await p.run(call());
    expect(events).toEqual(['intent:allow']); // the caller has its answer; the outcome's record is not built yet
    await flush();
    expect(events).toEqual(['intent:allow', 'outcome:ok']);
    await flush();
    expect(events).toEqual(['intent:allow', 'outcome:ok']);
  });

  it('an execute failure is recorded once, as a backend error, and a tool error result as tool_error', async () => {
    const { sink, events } = memorySink();
    const failing = createPipeline(
      [stage('authorize', allow, [])],
      {
        id: 'execute',
        run: () => {
          throw new Error('socket hang up');
        },
      },
      sink,
    );
    const c = call();
    await expect(failing.run(c)).rejects.toMatchObject({ code: 'internal' });
    await flush();
    const erroring = createPipeline(
      [stage('authorize', allow, [])],
      {
        id: 'execute',
        run: (x) => void (x.result = { content: [], isError: true }),
      },
      sink,
    );
    await erroring.run(call());
    await flush();
    expect(events).toEqual(['intent:allow', 'outcome:backend_error', 'intent:allow', 'outcome:tool_error']);
    expect(c.record.error).toMatch(/socket hang up/);
  });
});
