import type { ApiKeyRecord } from '../repositories.js';

export interface KeyCache<T = ApiKeyRecord> {
  get(id: string): T | null | undefined;
  /** Changes with every clear: a lookup that started before a change must not cache what it read. */
  generation(): number;
  set(id: string, record: T | null, generation: number): void;
  /** Drops everything (a key changed here or in another replica). */
  clear(): void;
  /** While false (the change feed is down), nothing is cached: every lookup reads the database. */
  setLive(live: boolean): void;
}

/**
 * The hot-path lookup on a shared database (API keys; vault secrets): records (and misses) kept for at most `ttlMs`, dropped at once
 * when a key changes in this process, and when a change notification arrives from another replica. The TTL
 * bounds staleness should a notification be lost; while the change feed is down the cache is bypassed.
 */
export function createKeyCache<T = ApiKeyRecord>(options: {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}): KeyCache<T> {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { record: T | null; at: number }>();
  let live = false;
  let gen = 0;
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
    generation: () => gen,
    set(id, record, generation) {
      if (!live || generation !== gen) return;
      if (entries.size >= options.maxEntries) entries.clear();
      entries.set(id, { record, at: now() });
    },
    clear() {
      gen++;
      entries.clear();
    },
    setLive(value) {
      live = value;
      gen++;
      entries.clear();
    },
  };
}
