import type { BucketSpec, TakeResult } from './token-bucket.js';

/**
 * Where limit state lives. Every method is async so that a shared store (Redis, for several replicas) can implement
 * the same contract: `take` and `count` must be atomic per key (in Redis: one Lua script per call, keys expiring
 * when the bucket would be full again or the window ends). The in-process store is `createMemoryLimitStore`.
 */
export interface LimitStore {
  /** Takes `cost` tokens from the bucket at `key` (a new bucket starts full). */
  take(key: string, spec: BucketSpec, cost?: number): Promise<TakeResult>;
  /**
   * Whether `cost` tokens are available, without taking them. A store that knows at once answers with a value (the
   * in-process one: it is asked before every request is authenticated; ADR 0017, Decision 11).
   */
  peek(key: string, spec: BucketSpec, cost?: number): TakeResult | Promise<TakeResult>;
  /** Gives tokens back (a call another limit refused); never above capacity. */
  refund(key: string, spec: BucketSpec, cost?: number): Promise<void>;
  /**
   * Counts one use in a fixed window ending at `windowEndsAt` (epoch ms) unless that would exceed `limit`.
   * Returns the count after the call.
   */
  count(key: string, limit: number, windowEndsAt: number): Promise<{ allowed: boolean; used: number }>;
  /** Takes back one counted use (a call another limit refused). */
  uncount(key: string): Promise<void>;
  close(): Promise<void>;
}
