import { withBackendFailure, type Backend, type BackendCallContext } from '../core/backend.js';
import { GatewayError, isGatewayError } from '../core/errors.js';
import type { Breaker } from './breaker.js';

/**
 * Failures of calls that reached the backend (not tool-level error results, not the caller's own errors). A backend
 * that is not connected (`backend.unavailable`) already fails fast and reconnects on its own: it is not counted, so
 * the breaker never delays a reconnected backend.
 */
const BACKEND_FAILURES = new Set(['backend.failed', 'backend.timeout']);

/** A backend that also forwards other MCP requests (resources, prompts, completions): an upstream MCP server. */
type Forwarding = { request(method: string, params: unknown, ctx: BackendCallContext): Promise<unknown> };
const forwards = (b: object): b is Forwarding => typeof (b as Partial<Forwarding>).request === 'function';

/**
 * The backend behind a circuit breaker: tool calls and forwarded MCP requests (resources/read, prompts/get,
 * completion/complete, subscribe) fail fast with `backend.circuit_open` while it is open, and both count; every
 * other member is the backend's own. Calls the caller cancelled count neither way.
 */
export function withBreaker<B extends Backend>(backend: B, breaker: Breaker): B {
  const admit = () => {
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
    return a;
  };
  const failed = (e: unknown, ctx: BackendCallContext) =>
    !(ctx.abort ?? ctx.signal).aborted && isGatewayError(e) && BACKEND_FAILURES.has(e.code);
  const guarded: B = {
    ...backend,
    status: () => ({ ...backend.status(), circuit: breaker.snapshot() }),
    async callTool(localName, args, ctx) {
      const a = admit();
      try {
        let reported = false;
        const r = await backend.callTool(
          localName,
          args,
          withBackendFailure(ctx, (why) => {
            reported = true;
            ctx.onBackendFailure?.(why);
          }),
        );
        breaker.record(reported ? 'failure' : 'success', a.probe);
        return r;
      } catch (e) {
        breaker.record(failed(e, ctx) ? 'failure' : 'neutral', a.probe);
        throw e;
      }
    },
  };
  if (forwards(backend)) {
    (guarded as unknown as Forwarding).request = async (method, params, ctx) => {
      const a = admit();
      try {
        const r = await backend.request(method, params, ctx);
        breaker.record('success', a.probe);
        return r;
      } catch (e) {
        breaker.record(failed(e, ctx) ? 'failure' : 'neutral', a.probe);
        throw e;
      }
    };
  }
  return guarded;
}
