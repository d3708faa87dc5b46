import { redactUrl } from '../storage/config.js';
import type { LimitStoreConfig } from './config.js';
import type { LimitStore } from './store.js';

/** How long start-up waits for a shared store's first connection before serving anyway (limited calls refused). */
export const FIRST_CONNECT_WAIT_MS = 5000;

/**
 * The store `limits.store` names, or undefined for the in-process default (the limits module makes that one). The
 * Redis driver is imported only when Redis is configured. A Redis that cannot be reached yet does not stop start-up:
 * the gateway serves, and refuses every call a rate limit or quota applies to until Redis answers (ADR 0021).
 */
export async function openLimitStore(
  cfg: LimitStoreConfig,
  log: (msg: string) => void,
): Promise<LimitStore | undefined> {
  if (cfg === 'memory') return undefined;
  const { createRedisLimitStore } = await import('./redis-store.js');
  const { url, keyPrefix, timeoutMs } = cfg.redis;
  const store = createRedisLimitStore({ url, keyPrefix, timeoutMs, log });
  if (await store.ready(FIRST_CONNECT_WAIT_MS)) log(`limits: rate limits and quotas in Redis at ${redactUrl(url)}`);
  else
    log(
      `limits: Redis at ${redactUrl(url)} not reachable yet: calls under rate limits and quotas are refused until it is`,
    );
  return store;
}
