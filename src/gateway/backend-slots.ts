import type { LogFn } from '../observability/logger.js';
import { isDeepStrictEqual } from 'node:util';
import type { Backend } from '../core/backend.js';
import type { WantedBackend } from './backend-factory.js';

/** What a reload changes, by backend key (`<kind>:<name>`). */
export interface SlotDiff {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface BackendSlots {
  all: () => Backend[];
  get: (key: string) => Backend | undefined;
  /** Builds the backend, wraps it (limits), and serves it under `key`. */
  install: (key: string, wanted: WantedBackend) => Backend;
  /** Keys the config no longer asks for, new ones, and ones whose entry changed (all, when the base dir moved). */
  diff: (want: Map<string, WantedBackend>, baseMoved: boolean) => SlotDiff;
  /** Takes backends out of service and returns them (in-flight calls keep their own reference). */
  remove: (keys: string[]) => Backend[];
  /** Closes backends taken out of service once in-flight calls had `graceMs` to finish. */
  retire: (backends: Backend[], graceMs: number) => void;
  /** Starts backends in parallel; a failed first attempt is logged (the backend retries on its own). */
  start: (backends: Backend[]) => Promise<void>;
  /** Closes every backend, retired ones included. */
  close: () => Promise<void>;
}

/**
 * The backends being served, one slot per configured entry with the entry it was built from, so that a reload swaps
 * exactly the backends whose entry changed and lets the old ones finish their calls before they close.
 */
export function createBackendSlots(deps: {
  /** Wraps a new backend (circuit breaker and bulkhead). */
  guard: (backend: Backend) => Backend;
  /** A backend's tool list changed. */
  onToolsChanged: () => void;
  log: LogFn;
}): BackendSlots {
  const slots = new Map<string, { config: unknown; backend: Backend }>();
  const retired = new Set<Backend>();
  const all = () => [...slots.values()].map((s) => s.backend);
  return {
    all,
    get: (key) => slots.get(key)?.backend,
    install(key, wanted) {
      const backend = deps.guard(wanted.create());
      backend.onToolsChanged(deps.onToolsChanged);
      slots.set(key, { config: wanted.config, backend });
      return backend;
    },
    diff(want, baseMoved) {
      const removed = [...slots.keys()].filter((k) => !want.has(k));
      const added = [...want.keys()].filter((k) => !slots.has(k));
      const changed = [...want.keys()].filter(
        (k) => slots.has(k) && (baseMoved || !isDeepStrictEqual(slots.get(k)!.config, want.get(k)!.config)),
      );
      return { added, removed, changed };
    },
    remove(keys) {
      const old: Backend[] = [];
      for (const k of keys) {
        old.push(slots.get(k)!.backend);
        slots.delete(k);
      }
      return old;
    },
    retire(backends, graceMs) {
      for (const b of backends) retired.add(b);
      const t = setTimeout(() => {
        for (const b of backends) {
          retired.delete(b);
          void b.close().catch(() => undefined);
        }
      }, graceMs);
      t.unref();
    },
    async start(backends) {
      const results = await Promise.allSettled(backends.map((b) => b.start()));
      results.forEach((r, i) => {
        if (r.status === 'rejected')
          deps.log(`backend ${backends[i]!.name}: ${(r.reason as Error).message ?? String(r.reason)}`, 'warn');
      });
    },
    async close() {
      await Promise.allSettled([...all(), ...retired].map((b) => b.close()));
    },
  };
}
