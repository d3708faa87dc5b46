import { describe, expect, it } from 'vitest';
import { createThrottledLog } from './throttled-log.js';

/** A hand-driven clock: `tick()` runs the timers that are due, as the window ends. */
function manualTimers() {
  const due: Array<{ fn: () => void; cancelled: boolean }> = [];
  return {
    schedule: (fn: () => void) => {
      const t = { fn, cancelled: false };
      due.push(t);
      return () => void (t.cancelled = true);
    },
    tick: () => {
      for (const t of due.splice(0)) if (!t.cancelled) t.fn();
    },
  };
}

describe('throttled log', () => {
  it('logs the first occurrence, counts the repeats, and reports the count when the window ends', () => {
    const lines: string[] = [];
    const timers = manualTimers();
    const log = createThrottledLog((m) => lines.push(m), { everyMs: 60_000, schedule: timers.schedule });
    for (let i = 0; i < 100; i++) log('store', `store down (${i})`);
    expect(lines).toEqual(['store down (0)']);
    timers.tick();
    expect(lines).toEqual([
      'store down (0)',
      'store down (99) (99 more like this in the last 60 s; repeats are counted, not logged)',
    ]);
    // A quiet window ends the throttle: the next occurrence is logged at once.
    timers.tick();
    log('store', 'store down again');
    expect(lines.at(-1)).toBe('store down again');
  });

  it('throttles each key on its own, and flush reports what is pending', () => {
    const lines: string[] = [];
    const timers = manualTimers();
    const log = createThrottledLog((m) => lines.push(m), { schedule: timers.schedule });
    log('a', 'a1');
    log('b', 'b1');
    log('a', 'a2');
    log('a', 'a3');
    expect(lines).toEqual(['a1', 'b1']);
    log.flush();
    expect(lines).toEqual(['a1', 'b1', 'a3 (2 more like this; repeats are counted, not logged)']);
    timers.tick(); // cancelled by flush: nothing more
    expect(lines).toHaveLength(3);
  });
});
