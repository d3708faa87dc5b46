import { withBackendFailure, type Backend, type BackendCallContext } from '../core/backend.js';
import type { Principal } from '../core/principal.js';
import { GatewayError, isGatewayError } from '../core/errors.js';
import type { Breaker } from './breaker.js';

/**
 * Failures of calls that reached the backend (not tool-level error results, not the caller's own errors). A backend
 * that is not connected (`backend.unavailable`) already fails fast and reconnects on its own: it is not counted, so
 * the breaker never delays a reconnected backend.
 */
const BACKEND_FAILURES = new Set(['backend.failed', 'backend.timeout']);

/**
 * Failures the call itself can cause: an HTTP 5xx answer (an API that fails on input it does not expect) and a
 * timeout (an expensive query the agent chose). They count on the calling agent's own breaker, and on the backend's
 * only once a second agent's calls fail so too since the backend last answered well: one agent's calls cannot open
 * the backend's breaker for every other agent, but a backend that hangs or answers 5xx to everyone still opens it.
 * Failures no call can cause (connection refused, unreachable, lost; an upstream transport failing) count on the
 * backend's at once.
 */
const byCall = (why: string): boolean => /^HTTP 5\d\d$/.test(why) || why === 'timeout';

/** A backend that also forwards other MCP requests (resources, prompts, completions): an upstream MCP server. */
type Forwarding = { request(method: string, params: unknown, ctx: BackendCallContext): Promise<unknown> };
const forwards = (b: object): b is Forwarding => typeof (b as Partial<Forwarding>).request === 'function';

/**
 * The backend behind a circuit breaker: tool calls and forwarded MCP requests (resources/read, prompts/get,
 * completion/complete, subscribe) fail fast with `backend.circuit_open` while it is open, and both count; every
 * other member is the backend's own. Calls the caller cancelled count neither way.
 */
export function withBreaker<B extends Backend>(
  backend: B,
  breaker: Breaker,
  /** The calling agent's own breaker on this backend (failures its calls can cause count there only). */
  agentBreaker?: (principal: Principal) => Breaker,
): B {
  const refuse = (b: Breaker, retryAfterMs: number, own: boolean): never => {
    const s = Math.max(1, Math.ceil(retryAfterMs / 1000));
    throw new GatewayError(
      'backend.circuit_open',
      own
        ? `Your calls to backend "${backend.name}" keep failing; they are refused for now (circuit open for this agent, retry after ${s} s)`
        : `Backend "${backend.name}" is failing; calls to it are refused for now (circuit open, retry after ${s} s)`,
      `${own ? 'agent ' : ''}circuit ${b.snapshot().state}`,
      { retryAfterSeconds: s },
    );
  };
  const admit = () => {
    const a = breaker.admit();
    if (!a.ok) return refuse(breaker, a.retryAfterMs, false);
    return a;
  };
  /** Agents (their own breakers) whose calls failed in a way a call can cause since the backend's last success. */
  const failingAgents = new Set<Breaker>();
  const byCallOutcome = (own: Breaker): 'failure' | 'neutral' => {
    failingAgents.add(own);
    return failingAgents.size >= 2 ? 'failure' : 'neutral';
  };
  const failed = (e: unknown, ctx: BackendCallContext) =>
    !(ctx.abort ?? ctx.signal).aborted && isGatewayError(e) && BACKEND_FAILURES.has(e.code);
  const guarded: B = {
    ...backend,
    status: () => ({ ...backend.status(), circuit: breaker.snapshot() }),
    async callTool(localName, args, ctx) {
      const a = admit();
      const own = agentBreaker?.(ctx.principal);
      const o = own?.admit();
      if (own && o && !o.ok) {
        breaker.record('neutral', a.probe);
        return refuse(own, o.retryAfterMs, true);
      }
      const both = (backendOutcome: 'success' | 'failure' | 'neutral', agentOutcome = backendOutcome): void => {
        if (backendOutcome === 'success') failingAgents.clear();
        breaker.record(backendOutcome, a.probe);
        if (own && o?.ok) own.record(agentOutcome, o.probe);
      };
      try {
        let reported: string | undefined;
        const r = await backend.callTool(
          localName,
          args,
          withBackendFailure(ctx, (why) => {
            reported = why;
            ctx.onBackendFailure?.(why);
          }),
        );
        if (reported === undefined) both('success');
        else if (own && byCall(reported)) both(byCallOutcome(own), 'failure');
        else both('failure', 'neutral');
        return r;
      } catch (e) {
        const f = failed(e, ctx);
        if (f && own && isGatewayError(e) && e.code === 'backend.timeout') both(byCallOutcome(own), 'failure');
        else both(f ? 'failure' : 'neutral', 'neutral');
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
