/**
 * W3C trace-context: continued from incoming requests (the MCP front door and the REST API: the gateway's spans
 * become children of the caller's `traceparent`) and propagated on outbound HTTP requests (OpenAPI backends, HTTP
 * MCP upstreams). A single boolean check while tracing is off: nothing is allocated and the propagation API is not
 * called.
 */
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';

let enabled = false;
let tracer: Tracer | undefined;

/** Set by startTracing / its shutdown (with the tracer that REST API request spans use). */
export function setTracePropagation(on: boolean, withTracer?: Tracer): void {
  enabled = on;
  tracer = on ? withTracer : undefined;
}

/**
 * Runs the handling of one incoming request in the caller's trace: the W3C `traceparent`/`tracestate` headers, when
 * present and valid, become the parent of every span the request starts (an invalid header is ignored: a new trace
 * starts). With `span`, the request itself gets a server span (the REST API), named without ids or values.
 */
export function withIncomingTrace<T>(
  headers: Record<string, string | string[] | undefined>,
  fn: () => Promise<T>,
  span?: { name: string; attributes?: Record<string, string> },
): Promise<T> {
  if (!enabled) return fn();
  const parent = headers.traceparent === undefined ? ROOT_CONTEXT : propagation.extract(ROOT_CONTEXT, headers);
  if (!span || !tracer) return context.with(parent, fn);
  const s = tracer.startSpan(span.name, { kind: SpanKind.SERVER, attributes: span.attributes ?? {} }, parent);
  return context.with(trace.setSpan(parent, s), async () => {
    try {
      return await fn();
    } catch (e) {
      s.setStatus({ code: SpanStatusCode.ERROR });
      throw e;
    } finally {
      s.end();
    }
  });
}

export function tracePropagationEnabled(): boolean {
  return enabled;
}

/** Adds `traceparent` (and `tracestate`) for the active span to a plain header object. */
export function injectTraceContext(headers: Record<string, string>): void {
  if (!enabled) return;
  propagation.inject(context.active(), headers);
}
