/**
 * OpenTelemetry traces (official SDK): one span per call (`portcullis <method>`) with a child span per pipeline
 * step (each stage by its id, and `audit.intent`), exported over OTLP/HTTP. The active span travels with the
 * call (AsyncLocalStorage), so outbound HTTP requests carry its W3C `traceparent`, and an incoming `traceparent`
 * (MCP front door, REST API) makes the call span a child of the caller's span (trace-context.ts).
 * Span attributes carry the tool, backend, agent, decision and result status; never arguments, users' data or
 * error texts (only error codes).
 */
import { context, propagation, trace, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { isGatewayError } from '../core/errors.js';
import type { BaseCall } from '../pipeline/call.js';
import type { PipelineObserver } from '../pipeline/observer.js';
import type { TracingConfig } from './config-schema.js';
import { setTracePropagation } from './trace-context.js';

export interface Tracing {
  readonly observer: PipelineObserver<BaseCall>;
  /** Exports what is buffered. */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

let contextInstalled = false;

/** The process-wide context manager and propagator (installed once; the tracer provider stays private). */
function installContext(): void {
  if (contextInstalled) return;
  contextInstalled = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

export function startTracing(
  cfg: TracingConfig,
  opts: { version: string; exporter?: SpanExporter; processor?: SpanProcessor },
): Tracing {
  installContext();
  const exporter = opts.exporter ?? new OTLPTraceExporter({ url: cfg.endpoint, headers: { ...cfg.headers } });
  const processor = opts.processor ?? new BatchSpanProcessor(exporter);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': cfg.serviceName, 'service.version': opts.version }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(cfg.sampleRatio) }),
    spanProcessors: [processor],
  });
  const tracer = provider.getTracer('portcullis', opts.version);
  setTracePropagation(true, tracer);
  return {
    observer: pipelineObserver(tracer),
    flush: () => provider.forceFlush(),
    async shutdown() {
      setTracePropagation(false);
      await provider.shutdown();
    },
  };
}

const errorCode = (e: unknown): string => (isGatewayError(e) ? e.code : 'internal');

export function pipelineObserver(tracer: Tracer): PipelineObserver<BaseCall> {
  return {
    async call(call, run) {
      const rec = call.record;
      const span = tracer.startSpan(`portcullis ${rec.method}`, {
        kind: SpanKind.SERVER,
        attributes: { 'portcullis.request_id': call.requestId, 'portcullis.method': rec.method },
      });
      try {
        return await context.with(trace.setSpan(context.active(), span), run);
      } catch (e) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: errorCode(e) });
        throw e;
      } finally {
        // Filled in by the stages; set at the end, when they are known.
        if (rec.tool) span.setAttribute('portcullis.tool', rec.tool);
        if (rec.target) span.setAttribute('portcullis.target', rec.target);
        if (rec.backend) span.setAttribute('portcullis.backend', rec.backend);
        if (rec.agent) span.setAttribute('portcullis.agent', rec.agent);
        span.setAttribute('portcullis.decision', rec.decision);
        if (rec.rule) span.setAttribute('portcullis.rule', rec.rule);
        if (rec.resultStatus) span.setAttribute('portcullis.result_status', rec.resultStatus);
        span.end();
      }
    },
    async step(id, _call, run) {
      const span = tracer.startSpan(`portcullis.${id}`, { kind: SpanKind.INTERNAL });
      try {
        return await context.with(trace.setSpan(context.active(), span), run);
      } catch (e) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: errorCode(e) });
        throw e;
      } finally {
        span.end();
      }
    },
  };
}
