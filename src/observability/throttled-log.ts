/**
 * A warning that can happen once per request (a store that is down, an audit write that fails) must not flood the
 * log: per key, the first occurrence is logged at once; the ones after it within `everyMs` are counted, and one line
 * with the count (and the last message) is logged when the window ends. A key that stays quiet for a whole window
 * starts over: its next occurrence is logged at once again.
 */
export interface ThrottledLog {
  (key: string, message: string): void;
  /** Logs the pending counts now and stops the timers (on shutdown). */
  flush(): void;
}

export interface ThrottledLogOptions {
  /** Default 60 s. */
  everyMs?: number;
  /** For tests: schedules `fn` after `ms` (default setTimeout, unref'd); returns a canceller. */
  schedule?: (fn: () => void, ms: number) => () => void;
}

const defaultSchedule = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  t.unref();
  return () => clearTimeout(t);
};

export function createThrottledLog(emit: (message: string) => void, options: ThrottledLogOptions = {}): ThrottledLog {
  const everyMs = options.everyMs ?? 60_000;
  const schedule = options.schedule ?? defaultSchedule;
  const windows = new Map<string, { count: number; last: string; cancel: () => void }>();
  const seconds = `${Math.round(everyMs / 1000)} s`;

  const report = (key: string) => {
    const w = windows.get(key);
    if (!w) return;
    windows.delete(key);
    if (w.count === 0) return;
    emit(`${w.last} (${w.count} more like this in the last ${seconds}; repeats are counted, not logged)`);
    open(key);
  };
  const open = (key: string) => {
    windows.set(key, { count: 0, last: '', cancel: schedule(() => report(key), everyMs) });
  };

  const log = ((key: string, message: string) => {
    const w = windows.get(key);
    if (w) {
      w.count++;
      w.last = message;
      return;
    }
    emit(message);
    open(key);
  }) as ThrottledLog;
  log.flush = () => {
    for (const [key, w] of [...windows]) {
      w.cancel();
      windows.delete(key);
      if (w.count > 0) emit(`${w.last} (${w.count} more like this; repeats are counted, not logged)`);
    }
  };
  return log;
}
