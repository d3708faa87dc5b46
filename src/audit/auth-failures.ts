import type { AuditEventInput } from './types.js';

export interface AuthFailureInfo {
  reason: string;
  sourceAddress?: string;
  keyId?: string;
}

export interface AuthFailureAggregator {
  report(info: AuthFailureInfo): void;
  /** Writes what is counted but not yet recorded, and stops the timer. */
  close(): void;
}

export interface AuthFailureOptions {
  /** Length of an aggregation interval. Default 60 s. */
  intervalMs?: number;
  /** Sources tracked at once; beyond, failures are counted under one overflow source. Default 10,000. */
  maxSources?: number;
}

interface Bucket {
  count: number;
  from: string;
  to: string;
  reasons: Record<string, number>;
  keyIds: string[];
}

const OVERFLOW = '(other sources)';
const MAX_KEY_IDS = 10;

/**
 * Authentication failures, aggregated per source address and reason so that a flood cannot fill the disk: the
 * first failure of a kind from a source in an interval is recorded at once (an operator sees an attack start),
 * the rest are counted and written as ONE `auth.failed` record per source and reason at the end of the interval, with `detail.count`, the time span,
 * the reasons and up to 10 of the key ids tried. At most 2 records per source and reason per interval, and the
 * number of (source, reason) pairs tracked is bounded, so memory is too.
 */
export function createAuthFailureAggregator(
  record: (event: AuditEventInput) => void,
  options: AuthFailureOptions = {},
): AuthFailureAggregator {
  const maxSources = options.maxSources ?? 10_000;
  /**
   * (source, reason) pairs seen this interval; a bucket holds what was counted after the first (recorded) failure.
   * Per reason too, so that each kind of refusal from a source (expired, invalid, revoked...) shows at once.
   */
  let seen = new Map<string, Bucket | undefined>();
  const sourceOf = (k: string) => k.slice(0, k.indexOf('\n'));

  function flush(): void {
    const current = seen;
    seen = new Map();
    for (const [k, b] of current) {
      if (!b) continue;
      const source = sourceOf(k);
      record({
        type: 'auth.failed',
        ...(source !== OVERFLOW && source !== 'unknown' ? { sourceAddress: source } : {}),
        reasons: Object.keys(b.reasons),
        detail: {
          aggregated: true,
          count: b.count,
          from: b.from,
          to: b.to,
          reasons: b.reasons,
          ...(b.keyIds.length ? { keyIds: b.keyIds } : {}),
          ...(source === OVERFLOW ? { source: OVERFLOW } : {}),
        },
      });
    }
  }

  const timer = setInterval(flush, options.intervalMs ?? 60_000);
  timer.unref();

  return {
    report(info) {
      let key = `${info.sourceAddress ?? 'unknown'}\n${info.reason}`;
      if (!seen.has(key) && seen.size >= maxSources) key = `${OVERFLOW}\n`;
      if (!seen.has(key) && !key.startsWith(`${OVERFLOW}\n`)) {
        seen.set(key, undefined);
        record({
          type: 'auth.failed',
          reasons: [info.reason],
          ...(info.sourceAddress ? { sourceAddress: info.sourceAddress } : {}),
          detail: { count: 1, ...(info.keyId ? { keyId: info.keyId } : {}) },
        });
        return;
      }
      const now = new Date().toISOString();
      let b = seen.get(key);
      if (!b) {
        b = { count: 0, from: now, to: now, reasons: {}, keyIds: [] };
        seen.set(key, b);
      }
      b.count++;
      b.to = now;
      b.reasons[info.reason] = (b.reasons[info.reason] ?? 0) + 1;
      if (info.keyId && b.keyIds.length < MAX_KEY_IDS && !b.keyIds.includes(info.keyId)) b.keyIds.push(info.keyId);
    },
    close() {
      clearInterval(timer);
      flush();
    },
  };
}
