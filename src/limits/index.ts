import type { LimitsConfig } from './config.js';
import { createFailedAuthGuard, type FailedAuthGuard } from './failed-auth.js';
import { createLimiter, type Limiter } from './limiter.js';
import { createMemoryLimitStore } from './memory-store.js';
import type { LimitStore } from './store.js';

export { limitStage } from './stage.js';
export type { LimitStore } from './store.js';
export type { Limiter, LimitVerdict, LimitTarget } from './limiter.js';
export type { FailedAuthGuard } from './failed-auth.js';
export { createMemoryLimitStore } from './memory-store.js';

/** The gateway's runtime limits: one store shared by the call limiter and the pre-authentication guard. */
export interface Limits {
  limiter: Limiter;
  failedAuth: FailedAuthGuard;
  /** Applies a reloaded config; state of unchanged rules is kept (it lives in the store, keyed by rule name). */
  configure(cfg: LimitsConfig): void;
  close(): Promise<void>;
}

export function createLimits(cfg: LimitsConfig, deps: { store?: LimitStore } = {}): Limits {
  const store = deps.store ?? createMemoryLimitStore();
  const limiter = createLimiter(store, cfg);
  const failedAuth = createFailedAuthGuard(store, cfg);
  return {
    limiter,
    failedAuth,
    configure(next) {
      limiter.configure(next);
      failedAuth.configure(next);
    },
    close: () => store.close(),
  };
}
