import type { CircuitStatus } from '../core/backend.js';

export type CircuitState = CircuitStatus['state'];

export interface BreakerOptions {
  enabled: boolean;
  /** Opens after this many failures in a row. */
  consecutiveFailures: number;
  /** ...or when this share of the last `window` calls failed (once `minimumCalls` are in the window). */
  failureRate: number;
  window: number;
  minimumCalls: number;
  /** How long it stays open before letting probes through. */
  openMs: number;
  /** Calls let through at once while half-open; all must succeed to close. */
  halfOpenProbes: number;
}

export type Admission = { ok: true; probe: boolean } | { ok: false; retryAfterMs: number };

export type BreakerSnapshot = CircuitStatus;

export interface Breaker {
  /** Whether a call may go to the backend now; a half-open admission is a probe. */
  admit(): Admission;
  /** Outcome of an admitted call. `neutral` (cancelled by the caller) only frees a probe slot. */
  record(outcome: 'success' | 'failure' | 'neutral', probe: boolean): void;
  snapshot(): BreakerSnapshot;
  configure(options: BreakerOptions): void;
}

export type BreakerListener = (change: { from: CircuitState; to: CircuitState; reason: string }) => void;

/**
 * A circuit breaker (pure state machine over an injected clock). Closed: calls go through and outcomes are counted.
 * Open: calls fail fast until `openMs` passed. Half-open: up to `halfOpenProbes` calls go through; a failure
 * re-opens, `halfOpenProbes` successes close.
 */
export function createBreaker(
  options: BreakerOptions,
  onChange: BreakerListener,
  now: () => number = Date.now,
): Breaker {
  let opts = options;
  let state: CircuitState = 'closed';
  let outcomes: boolean[] = []; // true = failure; newest last, at most opts.window
  let consecutive = 0;
  let openedAt = 0;
  let probesOut = 0;
  let probesOk = 0;

  const rate = () => (outcomes.length === 0 ? 0 : outcomes.filter(Boolean).length / outcomes.length);
  const move = (to: CircuitState, reason: string) => {
    const from = state;
    state = to;
    probesOut = 0;
    probesOk = 0;
    if (to === 'open') openedAt = now();
    if (to === 'closed') {
      outcomes = [];
      consecutive = 0;
    }
    onChange({ from, to, reason });
  };

  return {
    configure(next) {
      opts = next;
      if (!next.enabled && state !== 'closed') move('closed', 'breaker disabled by config');
    },
    admit() {
      if (!opts.enabled || state === 'closed') return { ok: true, probe: false };
      if (state === 'open') {
        const wait = openedAt + opts.openMs - now();
        if (wait > 0) return { ok: false, retryAfterMs: wait };
        move('half-open', `open for ${opts.openMs} ms; probing`);
      }
      if (probesOut + probesOk >= opts.halfOpenProbes) return { ok: false, retryAfterMs: Math.min(1000, opts.openMs) };
      probesOut++;
      return { ok: true, probe: true };
    },
    record(outcome, probe) {
      if (!opts.enabled) return;
      if (probe) {
        if (state !== 'half-open') return;
        probesOut = Math.max(0, probesOut - 1);
        if (outcome === 'failure') return move('open', 'a half-open probe failed');
        if (outcome === 'success' && ++probesOk >= opts.halfOpenProbes)
          move('closed', `${probesOk} half-open probe(s) succeeded`);
        return;
      }
      if (outcome === 'neutral' || state !== 'closed') return;
      const failed = outcome === 'failure';
      outcomes.push(failed);
      if (outcomes.length > opts.window) outcomes.shift();
      consecutive = failed ? consecutive + 1 : 0;
      if (consecutive >= opts.consecutiveFailures) {
        move('open', `${consecutive} consecutive failures`);
      } else if (failed && outcomes.length >= opts.minimumCalls && rate() >= opts.failureRate) {
        move('open', `${Math.round(rate() * 100)} % of the last ${outcomes.length} calls failed`);
      }
    },
    snapshot() {
      return {
        state,
        consecutiveFailures: consecutive,
        failureRate: Math.round(rate() * 1000) / 1000,
        ...(state !== 'closed' ? { openedAt: new Date(openedAt).toISOString() } : {}),
      };
    },
  };
}
