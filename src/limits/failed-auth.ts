import { bucketOf, type LimitsConfig } from './config.js';
import type { LimitStore } from './store.js';
import type { BucketSpec, TakeResult } from './token-bucket.js';

export interface FailedAuthGuard {
  /**
   * Milliseconds until `source` may try again, or 0 when it may authenticate now. Checked before authenticating; a
   * value when the store answers at once (the in-process store), else a promise.
   */
  blockedFor(source: string | undefined): number | Promise<number>;
  /** One failed attempt from `source`. `throttled` is true for the attempt that spent the source's budget. */
  failed(source: string | undefined): Promise<{ throttled: boolean }>;
  configure(cfg: LimitsConfig): void;
}

/**
 * Failed-authentication budget per source address, enforced before authentication: once a source has spent it, every
 * request from that source is refused (429 + Retry-After) until the bucket refills, valid credentials included —
 * otherwise the answer would still tell a guesser which key worked. Successful requests cost nothing.
 */
const waitOf = (r: TakeResult): number => (r.allowed ? 0 : r.retryAfterMs);

export function createFailedAuthGuard(store: LimitStore, cfg: LimitsConfig): FailedAuthGuard {
  let spec: BucketSpec | undefined;
  const configure = (c: LimitsConfig) => {
    spec = c.failedAuth.enabled ? bucketOf(c.failedAuth) : undefined;
  };
  configure(cfg);
  const keyOf = (source: string | undefined) => `auth:${source ?? 'unknown'}`;
  return {
    configure,
    blockedFor(source) {
      if (!spec) return 0;
      const r = store.peek(keyOf(source), spec);
      return r instanceof Promise ? r.then(waitOf) : waitOf(r);
    },
    async failed(source) {
      if (!spec) return { throttled: false };
      const r = await store.take(keyOf(source), spec);
      return { throttled: r.allowed && r.remaining < 1 };
    },
  };
}
