import type { DecisionRecord } from './decision-record.js';
import { describe, expect, it } from 'vitest';
import { LazyToolCall } from '../pipeline/call.js';
import { LazyCallContext, withBackendFailure } from './backend.js';
import { createCallAbort, whenAborted, type CallAbort } from './call-abort.js';

describe('createCallAbort (ADR 0017, Decision 19)', () => {
  it('tells hooks once, in order, and a signal made before the abort is aborted with the same reason', () => {
    const c = createCallAbort();
    const seen: string[] = [];
    const signal = c.signal;
    expect(c.signal).toBe(signal); // one signal per call
    signal.addEventListener('abort', () => seen.push(`signal:${String((signal.reason as Error).message)}`));
    c.onAbort(() => seen.push('first'));
    const off = c.onAbort(() => seen.push('removed'));
    c.onAbort(() => seen.push('second'));
    off();
    expect(c.aborted).toBe(false);
    expect(c.reason).toBeUndefined();
    const why = new Error('cancelled by the agent');
    c.abort(why);
    c.abort(new Error('later')); // once only
    expect(seen).toEqual(['signal:cancelled by the agent', 'first', 'second']);
    expect(c.aborted).toBe(true);
    expect(c.reason).toBe(why);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(why);
    // Nothing to wait for once aborted.
    const late: string[] = [];
    c.onAbort(() => late.push('late'))();
    expect(late).toEqual([]);
  });

  it('makes an already-aborted signal when first asked after the abort, and an AbortError without a reason', () => {
    const a = createCallAbort();
    const why = new Error('timed out after 5 ms');
    a.abort(why);
    expect(a.signal.aborted).toBe(true);
    expect(a.signal.reason).toBe(why);
    const b = createCallAbort();
    b.abort();
    const reference = new AbortController();
    reference.abort();
    expect(b.reason).toBeInstanceOf(DOMException);
    expect((b.reason as DOMException).name).toBe((reference.signal.reason as DOMException).name);
    expect(b.signal.reason).toBe(b.reason);
  });

  it('whenAborted listens to a CallAbort and an AbortSignal alike, and stops when removed', () => {
    for (const make of [
      () => {
        const c = createCallAbort();
        return { target: c, abort: () => c.abort(new Error('x')) };
      },
      () => {
        const c = new AbortController();
        return { target: c.signal, abort: () => c.abort(new Error('x')) };
      },
    ]) {
      const kept = make();
      const removed = make();
      let n = 0;
      whenAborted(kept.target, () => n++);
      whenAborted(removed.target, () => (n += 100))();
      kept.abort();
      kept.abort();
      removed.abort();
      expect(n).toBe(1);
    }
  });
});

describe('LazyCallContext and withBackendFailure (ADR 0017, Decision 19)', () => {
  /** A CallAbort that counts how often its AbortSignal is asked for. */
  const counted = () => {
    const real = createCallAbort();
    const reads = { n: 0 };
    const abort: CallAbort = {
      get aborted() {
        return real.aborted;
      },
      get reason() {
        return real.reason;
      },
      get signal() {
        reads.n++;
        return real.signal;
      },
      onAbort: (fn) => real.onAbort(fn),
    };
    return { abort, reads, real };
  };

  it('makes the signal only when read, and a copy with onBackendFailure keeps every member and stays lazy', () => {
    const { abort, reads, real } = counted();
    const agent = { request: () => Promise.resolve(undefined), notify: () => Promise.resolve() };
    const progress: unknown[] = [];
    const ctx = new LazyCallContext({ agent: 'crm', method: 'api-key' }, 'req-1', abort);
    ctx.onProgress = (p) => void progress.push(p);
    ctx.agent = agent;
    ctx.argsValidated = true;
    const outer: string[] = [];
    ctx.onBackendFailure = (why) => void outer.push(why);
    const inner: string[] = [];
    const copy = withBackendFailure(ctx, (why) => void inner.push(why));
    expect(reads.n).toBe(0);
    expect(copy.abort).toBe(abort); // compared by identity: a deep comparison would read its signal
    expect([copy.principal, copy.requestId, copy.agent, copy.argsValidated]).toEqual([
      ctx.principal,
      'req-1',
      agent,
      true,
    ]);
    copy.onProgress?.({ progress: 1 });
    copy.onBackendFailure?.('timeout');
    expect(progress).toEqual([{ progress: 1 }]);
    expect([inner, outer]).toEqual([['timeout'], []]);
    real.abort(new Error('gone'));
    expect(copy.signal.aborted).toBe(true);
    expect(copy.signal).toBe(ctx.signal);
    expect(reads.n).toBe(3); // the three reads above, no other
  });

  it('a plain context is copied as before', () => {
    const signal = new AbortController().signal;
    const ctx = { principal: { agent: 'crm', method: 'api-key' as const }, requestId: 'r', signal };
    const fn = () => undefined;
    expect(withBackendFailure(ctx, fn)).toEqual({ ...ctx, onBackendFailure: fn });
  });
});

describe('LazyToolCall (ADR 0017, Decision 19)', () => {
  it('carries the call and makes its AbortSignal only when read; optional members stay absent until set', () => {
    const abort = createCallAbort();
    const record: DecisionRecord = {
      requestId: 'r',
      timestamp: 't',
      method: 'tools/call',
      agent: 'crm',
      decision: 'deny',
      reasons: [],
    };
    const call = new LazyToolCall('r', { agent: 'crm', method: 'api-key' }, 'up_echo', { a: 1 }, abort, record);
    expect(Object.keys(call).sort()).toEqual(['abort', 'args', 'principal', 'record', 'requestId', 'toolName']);
    abort.abort(new Error('cancelled'));
    expect(call.signal.aborted).toBe(true);
    expect(call.signal.reason).toBe(abort.reason);
  });
});
