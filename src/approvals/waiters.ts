/**
 * In-process wake-ups: whoever changes a request here wakes the calls waiting on it at once; changes made by
 * another process (a second replica on PostgreSQL) are seen by the waiters' polling.
 */
export interface Waiters {
  /** Resolves when `id` is signalled, after `ms`, or when `signal` aborts (whichever comes first). */
  next(id: string, ms: number, signal?: AbortSignal): Promise<void>;
  wake(id: string): void;
  /** Is a call waiting on `id` in this process? */
  waiting(id: string): boolean;
  /** Number of calls waiting (for tests and metrics). */
  size(): number;
}

export function createWaiters(): Waiters {
  const waiting = new Map<string, Set<() => void>>();
  return {
    next(id, ms, signal) {
      return new Promise<void>((resolve) => {
        let set = waiting.get(id);
        if (!set) waiting.set(id, (set = new Set()));
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          const s = waiting.get(id);
          s?.delete(done);
          if (s?.size === 0) waiting.delete(id);
          resolve();
        };
        const timer = setTimeout(done, ms);
        if (signal?.aborted) return done();
        signal?.addEventListener('abort', done, { once: true });
        set.add(done);
      });
    },
    wake(id) {
      for (const f of [...(waiting.get(id) ?? [])]) f();
    },
    waiting: (id) => (waiting.get(id)?.size ?? 0) > 0,
    size: () => [...waiting.values()].reduce((n, s) => n + s.size, 0),
  };
}
