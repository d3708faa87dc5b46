/**
 * W3C trace-context on outbound HTTP requests (OpenAPI backends, HTTP MCP upstreams). A single boolean check
 * while tracing is off: nothing is allocated and the propagation API is not called.
 */
import { context, propagation } from '@opentelemetry/api';

let enabled = false;

/** Set by startTracing / its shutdown. */
export function setTracePropagation(on: boolean): void {
  enabled = on;
}

export function tracePropagationEnabled(): boolean {
  return enabled;
}

/** Adds `traceparent` (and `tracestate`) for the active span to a plain header object. */
export function injectTraceContext(headers: Record<string, string>): void {
  if (!enabled) return;
  propagation.inject(context.active(), headers);
}
