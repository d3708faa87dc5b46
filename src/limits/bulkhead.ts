import type { Backend, BackendCallContext } from '../core/backend.js';
import { GatewayError } from '../core/errors.js';

export interface BulkheadOptions {
  /** Calls in flight to this backend from all agents together. */
  perBackend: number;
  /** Calls in flight to this backend from one agent. */
  perAgent: number;
}

export interface Bulkhead {
  /** Takes a slot for `agent`, or says which cap is full. */
  enter(agent: string): { ok: true; leave: () => void } | { ok: false; cap: 'backend' | 'agent'; limit: number };
  inFlight(): number;
  configure(options: BulkheadOptions): void;
}

/** Concurrency caps per backend and per agent on that backend. A full bulkhead refuses at once (no queue). */
export function createBulkhead(options: BulkheadOptions): Bulkhead {
  let opts = options;
  let total = 0;
  const byAgent = new Map<string, number>();
  return {
    configure(next) {
      opts = next;
    },
    inFlight: () => total,
    enter(agent) {
      const mine = byAgent.get(agent) ?? 0;
      if (mine >= opts.perAgent) return { ok: false, cap: 'agent', limit: opts.perAgent };
      if (total >= opts.perBackend) return { ok: false, cap: 'backend', limit: opts.perBackend };
      total++;
      byAgent.set(agent, mine + 1);
      let left = false;
      return {
        ok: true,
        leave: () => {
          if (left) return;
          left = true;
          total--;
          const n = (byAgent.get(agent) ?? 1) - 1;
          if (n <= 0) byAgent.delete(agent);
          else byAgent.set(agent, n);
        },
      };
    },
  };
}

/**
 * The backend behind its bulkhead: one agent's flood cannot take every slot of a shared backend. Tool calls and
 * forwarded MCP requests (resources, prompts, completions) share the same slots.
 */
export function withBulkhead<B extends Backend>(backend: B, bulkhead: Bulkhead): B {
  const enter = (agent: string) => {
    const slot = bulkhead.enter(agent);
    if (!slot.ok) {
      throw new GatewayError(
        'rate.limited',
        slot.cap === 'agent'
          ? `Too many concurrent calls to backend "${backend.name}" from this agent (at most ${slot.limit}); retry after 1 s`
          : `Backend "${backend.name}" is at its limit of ${slot.limit} concurrent calls; retry after 1 s`,
        `bulkhead ${slot.cap} cap ${slot.limit}`,
        { code: 'rate.limited', retryAfterSeconds: 1, rule: `concurrency.${slot.cap}` },
      );
    }
    return slot;
  };
  const guarded: B = {
    ...backend,
    async callTool(localName, args, ctx) {
      const slot = enter(ctx.principal.agent);
      try {
        return await backend.callTool(localName, args, ctx);
      } finally {
        slot.leave();
      }
    },
  };
  const forward = (backend as Partial<Forwarding>).request;
  if (typeof forward === 'function') {
    (guarded as unknown as Forwarding).request = async (method, params, ctx) => {
      const slot = enter(ctx.principal.agent);
      try {
        return await forward.call(backend, method, params, ctx);
      } finally {
        slot.leave();
      }
    };
  }
  return guarded;
}

type Forwarding = { request(method: string, params: unknown, ctx: BackendCallContext): Promise<unknown> };
