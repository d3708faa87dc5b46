import type { Backend } from '../core/backend.js';
import { GatewayError, isGatewayError } from '../core/errors.js';
import type { Breaker } from './breaker.js';

/**
 * Failures of calls that reached the backend (not tool-level error results, not the caller's own errors). A backend
 * that is not connected (`backend.unavailable`) already fails fast and reconnects on its own: it is not counted, so
 * the breaker never delays a reconnected backend.
 */
const BACKEND_FAILURES = new Set(['backend.failed', 'backend.timeout']);

/**
 * The backend behind a circuit breaker: tool calls fail fast with `backend.circuit_open` while it is open; every
 * other member is the backend's own. Calls the caller cancelled count neither way.
 */
export function withBreaker<B extends Backend>(backend: B, breaker: Breaker): B {
  return {
    ...backend,
    status: () => ({ ...backend.status(), circuit: breaker.snapshot() }),
    async callTool(localName, args, ctx) {
      const a = breaker.admit();
      if (!a.ok) {
        const s = Math.max(1, Math.ceil(a.retryAfterMs / 1000));
        throw new GatewayError(
          'backend.circuit_open',
          `Backend "${backend.name}" is failing; calls to it are refused for now (circuit open, retry after ${s} s)`,
          `circuit ${breaker.snapshot().state}`,
          { retryAfterSeconds: s },
        );
      }
      try {
        let reported = false;
        const r = await backend.callTool(localName, args, {
          ...ctx,
          onBackendFailure: (why) => {
            reported = true;
            ctx.onBackendFailure?.(why);
          },
        });
        breaker.record(reported ? 'failure' : 'success', a.probe);
        return r;
      } catch (e) {
        const failure = !ctx.signal.aborted && isGatewayError(e) && BACKEND_FAILURES.has(e.code);
        breaker.record(failure ? 'failure' : 'neutral', a.probe);
        throw e;
      }
    },
  };
}
