import type { ApiKeyRecord } from '../repositories.js';

export interface KeyCache {
  get(id: string): ApiKeyRecord | null | undefined;
  set(id: string, record: ApiKeyRecord | null): void;
  /** Drops everything (a key changed here or in another replica). */
  clear(): void;
  /** While false (the change feed is down), nothing is cached: every lookup reads the database. */
  setLive(live: boolean): void;
}

/**
 * The hot-path key lookup on a shared database: records (and misses) kept for at most `ttlMs`, dropped at once
 * when a key changes in this process, and when a change notification arrives from another replica. The TTL
 * bounds staleness should a notification be lost; while the change feed is down the cache is bypassed.
 */
export function createKeyCache(options: { ttlMs: number; maxEntries: number; now?: () => number }): KeyCache {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { record: ApiKeyRecord | null; at: number }>();
  let live = false;
  return {
    get(id) {
      const e = entries.get(id);
      if (!e) return undefined;
      if (now() - e.at >= options.ttlMs) {
        entries.delete(id);
        return undefined;
      }
      return e.record;
    },
    set(id, record) {
      if (!live) return;
      if (entries.size >= options.maxEntries) entries.clear();
      entries.set(id, { record, at: now() });
    },
    clear: () => entries.clear(),
    setLive(value) {
      live = value;
      entries.clear();
    },
  };
}
