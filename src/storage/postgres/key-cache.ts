import type { ApiKeyRecord } from '../repositories.js';

export interface KeyCache {
  get(id: string): ApiKeyRecord | null | undefined;
  /** Changes with every clear: a lookup that started before a change must not cache what it read. */
  generation(): number;
  set(id: string, record: ApiKeyRecord | null, generation: number): void;
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
