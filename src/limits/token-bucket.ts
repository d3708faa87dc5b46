/**
 * Token bucket arithmetic, pure (no clock, no I/O): the store owns state and time. A bucket starts full; it holds at
 * most `capacity` tokens and gains `refillPerMs` tokens per millisecond.
 */
export interface BucketSpec {
  readonly capacity: number;
  readonly refillPerMs: number;
}

export interface BucketState {
  tokens: number;
  updatedAt: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Whole tokens left after this take. */
  remaining: number;
  /** When refused: milliseconds until `cost` tokens are available again (0 when allowed). */
  retryAfterMs: number;
}

/** Tokens in the bucket at `now` (full when never seen). */
export function level(state: BucketState | undefined, spec: BucketSpec, now: number): number {
  if (!state) return spec.capacity;
  const elapsed = Math.max(0, now - state.updatedAt);
  return Math.min(spec.capacity, state.tokens + elapsed * spec.refillPerMs);
}

const waitFor = (missing: number, spec: BucketSpec): number =>
  spec.refillPerMs > 0 ? Math.ceil(missing / spec.refillPerMs) : Number.POSITIVE_INFINITY;

/** Takes `cost` tokens when there are enough; the new state is returned either way (refilled to `now`). */
export function take(
  state: BucketState | undefined,
  spec: BucketSpec,
  now: number,
  cost = 1,
): { state: BucketState; result: TakeResult } {
  const tokens = level(state, spec, now);
  if (tokens + 1e-9 >= cost) {
    const left = tokens - cost;
    return {
      state: { tokens: left, updatedAt: now },
      result: { allowed: true, remaining: Math.floor(left + 1e-9), retryAfterMs: 0 },
    };
  }
  return {
    state: { tokens, updatedAt: now },
    result: { allowed: false, remaining: Math.floor(tokens + 1e-9), retryAfterMs: waitFor(cost - tokens, spec) },
  };
}

/** Whether `cost` tokens are there, without taking them. */
export function peek(state: BucketState | undefined, spec: BucketSpec, now: number, cost = 1): TakeResult {
  const tokens = level(state, spec, now);
  return tokens + 1e-9 >= cost
    ? { allowed: true, remaining: Math.floor(tokens + 1e-9), retryAfterMs: 0 }
    : { allowed: false, remaining: Math.floor(tokens + 1e-9), retryAfterMs: waitFor(cost - tokens, spec) };
}
