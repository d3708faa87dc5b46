import { afterEach, describe, expect, it } from 'vitest';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { SpanStatusCode } from '@opentelemetry/api';
import type { RecordSink } from '../core/call.js';
import { GatewayError } from '../core/errors.js';
import type { ToolCall } from '../pipeline/call.js';
import { createPipeline } from '../pipeline/runner.js';
import type { Stage } from '../pipeline/stage.js';
import { injectTraceContext, tracePropagationEnabled, withIncomingTrace } from './trace-context.js';
import { startTracing, type Tracing } from './tracing.js';

const sink: RecordSink = { intent: async () => undefined, outcome: async () => undefined };
const call = (): ToolCall => ({
  requestId: 'r1',
  principal: { agent: 'bot', method: 'api-key' },
  toolName: 'shop_refund',
  args: { amount: 1200, card: '4111111111111111' },
  signal: new AbortController().signal,
  record: { requestId: 'r1', timestamp: 'now', method: 'tools/call', decision: 'deny', reasons: [] },
});
const stage = (id: string, run: (c: ToolCall) => void): Stage => ({ id, run });

let tracing: Tracing | undefined;
afterEach(async () => {
  await tracing?.shutdown();
  tracing = undefined;
});

function traced() {
  const exporter = new InMemorySpanExporter();
  tracing = startTracing(
    { endpoint: 'http://127.0.0.1:9/v1/traces', headers: {}, serviceName: 'test', sampleRatio: 1 },
    { version: '9.9.9', exporter, processor: new SimpleSpanProcessor(exporter) },
  );
  return { exporter, observer: tracing.observer };
}

describe('tracing observer on the pipeline runner', () => {
  it('one span per step under one call span; the execute step sees its own span as the active context', async () => {
    const { exporter, observer } = traced();
    const headers: Record<string, string> = {};
    const p = createPipeline<ToolCall>(
      [
        stage('resolve', (c) => void ((c.record.tool = 'shop_refund'), (c.record.backend = 'shop'))),
        stage('authorize', (c) => void ((c.record.decision = 'allow'), (c.record.rule = 'r1'))),
      ],
      { id: 'execute', run: (c) => void (injectTraceContext(headers), (c.result = { content: [] })) },
      sink,
      observer,
    );
    await p.run(call());
    const spans = exporter.getFinishedSpans();
    const root = spans.find((s) => s.name === 'portcullis tools/call')!;
    expect(root.attributes).toMatchObject({
      'portcullis.tool': 'shop_refund',
      'portcullis.backend': 'shop',
      'portcullis.decision': 'allow',
      'portcullis.rule': 'r1',
      'portcullis.result_status': 'ok',
    });
    const children = spans.filter((s) => s.parentSpanContext?.spanId === root.spanContext().spanId);
    expect(children.map((s) => s.name)).toEqual([
      'portcullis.resolve',
      'portcullis.authorize',
      'portcullis.audit.intent',
      'portcullis.execute',
    ]);
    const execute = children[3]!.spanContext();
    expect(headers.traceparent).toBe(`00-${execute.traceId}-${execute.spanId}-01`);
    expect(root.resource.attributes).toMatchObject({ 'service.name': 'test', 'service.version': '9.9.9' });
    // Arguments never reach a span.
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain('4111');
  });

  it('a refused call: the failing step and the call span carry the error code; later steps never start', async () => {
    const { exporter, observer } = traced();
    const p = createPipeline<ToolCall>(
      [
        stage('authorize', () => {
          throw new GatewayError('policy.denied', undefined, 'internal detail not for spans');
        }),
      ],
      { id: 'execute', run: () => undefined },
      sink,
      observer,
    );
    await expect(p.run(call())).rejects.toThrow();
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name).sort()).toEqual(['portcullis tools/call', 'portcullis.authorize']);
    for (const s of spans) expect(s.status).toEqual({ code: SpanStatusCode.ERROR, message: 'policy.denied' });
    expect(spans.find((s) => s.name === 'portcullis tools/call')!.attributes['portcullis.result_status']).toBe(
      'denied',
    );
  });

  it('continues an incoming W3C traceparent: the call span and a REST API request span are its children', async () => {
    const { exporter, observer } = traced();
    const p = createPipeline<ToolCall>(
      [stage('authorize', (c) => void (c.record.decision = 'allow'))],
      { id: 'execute', run: (c) => void (c.result = { content: [] }) },
      sink,
      observer,
    );
    const incoming = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'x=1' };
    await withIncomingTrace(incoming, () => p.run(call()));
    await withIncomingTrace(incoming, async () => undefined, { name: 'portcullis api GET /api/v1/approvals' });
    // Without a header (or with a malformed one) a new trace starts.
    await withIncomingTrace({}, () => p.run(call()));
    await withIncomingTrace({ traceparent: '00-zz-bad-01' }, () => p.run(call()));
    const roots = exporter.getFinishedSpans().filter((s) => s.name === 'portcullis tools/call');
    expect(roots).toHaveLength(3);
    expect(roots[0]!.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(roots[0]!.parentSpanContext).toMatchObject({ spanId: 'b7ad6b7169203331', isRemote: true });
    const api = exporter.getFinishedSpans().find((s) => s.name === 'portcullis api GET /api/v1/approvals')!;
    expect(api.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(api.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    for (const r of roots.slice(1)) {
      expect(r.spanContext().traceId).not.toBe('0af7651916cd43dd8448eb211c80319c');
      expect(r.parentSpanContext).toBeUndefined();
    }
  });

  it('off: no propagation, and nothing is injected', async () => {
    traced();
    await tracing!.shutdown();
    tracing = undefined;
    expect(tracePropagationEnabled()).toBe(false);
    const headers: Record<string, string> = {};
    injectTraceContext(headers);
    expect(headers).toEqual({});
  });
});
