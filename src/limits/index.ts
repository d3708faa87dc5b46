import type { Backend } from '../core/backend.js';
import { createBreaker, type Breaker, type BreakerListener } from './breaker.js';
import { withBreaker } from './breaker-backend.js';
import { createBulkhead, withBulkhead, type Bulkhead } from './bulkhead.js';
import { breakerOptionsFor, concurrencyFor, type LimitsConfig } from './config.js';
import { createFailedAuthGuard, type FailedAuthGuard } from './failed-auth.js';
import { createLimiter, type Limiter } from './limiter.js';
import { createMemoryLimitStore } from './memory-store.js';
import type { LimitStore } from './store.js';

export { limitStage } from './stage.js';
export type { LimitStore } from './store.js';
export type { Limiter, LimitVerdict, LimitTarget } from './limiter.js';
export type { FailedAuthGuard } from './failed-auth.js';
export { createMemoryLimitStore } from './memory-store.js';

/** The gateway's runtime limits: the call limiter (on the configured store) and the pre-authentication guard. */
export interface Limits {
  limiter: Limiter;
  failedAuth: FailedAuthGuard;
  /**
   * The backend behind its circuit breaker and bulkhead (concurrency caps). One of each per backend name, kept across
   * reloads (a replaced backend keeps their state).
   */
  guardBackend<B extends Backend>(backend: B): B;
  /** Applies a reloaded config; state of unchanged rules is kept (it lives in the store, keyed by rule name). */
  configure(cfg: LimitsConfig): void;
  close(): Promise<void>;
}

export function createLimits(
  cfg: LimitsConfig,
  deps: {
    /**
     * Where rate limits and quotas are counted (default: in process). The failed-authentication budget stays in
     * process whatever this is (ADR 0021): it is asked before every request, and an outage of a shared store must not
     * refuse authentication.
     */
    store?: LimitStore;
    /** A breaker changed state (audit event, log). */
    onCircuitChange?: (backend: string, change: Parameters<BreakerListener>[0]) => void;
  } = {},
): Limits {
  const local = createMemoryLimitStore();
  const store = deps.store ?? local;
  const limiter = createLimiter(store, cfg);
  const failedAuth = createFailedAuthGuard(local, cfg);
  let current = cfg;
  const breakers = new Map<string, Breaker>();
  const bulkheads = new Map<string, Bulkhead>();
  return {
    limiter,
    failedAuth,
    guardBackend(backend) {
      let b = breakers.get(backend.name);
      if (!b) {
        b = createBreaker(breakerOptionsFor(current, backend.name), (c) => deps.onCircuitChange?.(backend.name, c));
        breakers.set(backend.name, b);
      }
      let h = bulkheads.get(backend.name);
      if (!h) {
        h = createBulkhead(concurrencyFor(current, backend.name));
        bulkheads.set(backend.name, h);
      }
      return withBreaker(withBulkhead(backend, h), b);
    },
    configure(next) {
      current = next;
      limiter.configure(next);
      failedAuth.configure(next);
      for (const [name, b] of breakers) b.configure(breakerOptionsFor(next, name));
      for (const [name, h] of bulkheads) h.configure(concurrencyFor(next, name));
    },
    close: async () => {
      await local.close();
      if (store !== local) await store.close();
    },
  };
}
