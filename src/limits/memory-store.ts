import type { LimitStore } from './store.js';
import { level, peek, take, type BucketSpec, type BucketState } from './token-bucket.js';

export interface MemoryLimitStoreOptions {
  /** Clock (epoch ms); tests pass their own. */
  now?: () => number;
  /** How often full buckets and ended windows are dropped (memory stays bounded under a flood of new keys). */
  sweepIntervalMs?: number;
}

/**
 * The in-process LimitStore: one process, exact, state lost on restart (quotas included: see src/limits/README.md).
 * Operations are synchronous inside, so each is atomic per key.
 */
export function createMemoryLimitStore(options: MemoryLimitStoreOptions = {}): LimitStore & { size(): number } {
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { state: BucketState; spec: BucketSpec }>();
  const counters = new Map<string, { used: number; endsAt: number }>();
  const sweep = setInterval(() => {
    const t = now();
    for (const [k, b] of buckets) if (level(b.state, b.spec, t) >= b.spec.capacity) buckets.delete(k);
    for (const [k, c] of counters) if (c.endsAt <= t) counters.delete(k);
  }, options.sweepIntervalMs ?? 60_000);
  sweep.unref();

  const counter = (key: string, t: number) => {
    const c = counters.get(key);
    return c && c.endsAt > t ? c : undefined;
  };

  return {
    size: () => buckets.size + counters.size,
    take(key, spec, cost = 1) {
      const t = now();
      const r = take(buckets.get(key)?.state, spec, t, cost);
      buckets.set(key, { state: r.state, spec });
      return Promise.resolve(r.result);
    },
    peek(key, spec, cost = 1) {
      return peek(buckets.get(key)?.state, spec, now(), cost);
    },
    refund(key, spec, cost = 1) {
      const b = buckets.get(key);
      if (b) {
        const t = now();
        b.state = { tokens: Math.min(spec.capacity, level(b.state, spec, t) + cost), updatedAt: t };
      }
      return Promise.resolve();
    },
    count(key, limit, windowEndsAt) {
      const t = now();
      const c = counter(key, t) ?? { used: 0, endsAt: windowEndsAt };
      if (c.used + 1 > limit) return Promise.resolve({ allowed: false, used: c.used });
      c.used += 1;
      counters.set(key, c);
      return Promise.resolve({ allowed: true, used: c.used });
    },
    uncount(key) {
      const c = counter(key, now());
      if (c && c.used > 0) c.used -= 1;
      return Promise.resolve();
    },
    close() {
      clearInterval(sweep);
      buckets.clear();
      counters.clear();
      return Promise.resolve();
    },
  };
}
