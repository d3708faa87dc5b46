import { AuditStoreIdentityError, type AuditStore, type StoredRecord } from './store.js';

export interface AuditHealth {
  /** False while calls that need the audit are refused (or the anchor cannot be written): /readyz says 503. */
  ready: boolean;
  /**
   * ok; degraded: the last commit failed (lock, disk), refused events are spooled and retried every second;
   * halted: the store was deleted, replaced or rewritten under this process: every call is refused until an
   * operator restores it or restarts with `--audit-new-log`.
   */
  state: 'ok' | 'degraded' | 'halted';
  reason?: string;
  since?: string;
  /** Events waiting in the outage spool. */
  spooled: number;
}

export interface LogHealth {
  /**
   * Before every commit: a halted log or a store whose identity changed fails the batch without writing. A store
   * that checks its identity on every append (`identityCheckedOnAppend`) is not asked here: `identityFailed` halts.
   */
  beforeCommit(): Promise<void>;
  /** An append refused because the store's identity failed (AuditStoreIdentityError): halts, as `identity()` does. */
  identityFailed(error: AuditStoreIdentityError): void;
  /** Periodic check: store identity, and that the last record this process wrote is still there, unchanged. */
  check(): Promise<void>;
  committed(last: { seq: number; hash: string } | undefined): void;
  failed(reason: string): void;
  anchorWritten(): void;
  anchorFailed(reason: string): void;
  halted(): boolean;
  status(): Omit<AuditHealth, 'spooled'>;
}

/** Thrown before a commit when the log is halted; the batch is refused and spooled, the store is not touched. */
export class AuditHaltedError extends Error {
  override readonly name = 'AuditHaltedError';
}

export function createLogHealth(deps: {
  store: AuditStore;
  warn: (m: string) => void;
  initialHead: StoredRecord | undefined;
}): LogHealth {
  const { store, warn } = deps;
  let state: AuditHealth['state'] = 'ok';
  let reason: string | undefined;
  let since: string | undefined;
  let anchorError: string | undefined;
  /** The newest record this process knows is in the log (opened at, or written by it). */
  let mine: { seq: number; hash: string } | undefined = deps.initialHead
    ? { seq: deps.initialHead.seq, hash: deps.initialHead.hash }
    : undefined;

  const isHalted = () => state === 'halted';
  /** Records below it were pruned by retention (0 when never pruned, or unreadable right now). */
  const prunePoint = async () => Number((await store.getMeta('retention.prunedBefore').catch(() => undefined)) ?? 0);
  function halt(why: string): void {
    if (state === 'halted') return;
    state = 'halted';
    reason = `${why}; calls are refused until an operator restores the audit database or restarts with --audit-new-log`;
    since = new Date().toISOString();
    warn(`AUDIT HALTED: ${reason}`);
  }

  function identityLost(e: unknown): void {
    const code = (e as NodeJS.ErrnoException).code;
    halt(
      code === 'ENOENT'
        ? 'the audit database was deleted while the gateway was running'
        : `the audit database was replaced while the gateway was running (${(e as Error).message})`,
    );
  }

  async function identity(): Promise<void> {
    if (!store.identity) return;
    try {
      await store.identity();
    } catch (e) {
      // Only a store that is gone or another one halts. One that cannot answer now (PostgreSQL stopped, a network
      // error) is an outage: the commit fails on its own, the log is degraded (calls refused, events spooled) and
      // recovers when the store answers again, without a restart.
      if (e instanceof AuditStoreIdentityError) identityLost(e);
    }
  }

  return {
    async beforeCommit() {
      if (!isHalted() && !store.identityCheckedOnAppend) await identity();
      if (isHalted()) throw new AuditHaltedError(reason);
    },
    identityFailed: identityLost,
    async check() {
      if (state === 'halted') return;
      await identity();
      if (isHalted() || !mine) return;
      const at = mine;
      let row: StoredRecord | undefined;
      try {
        row = (await store.readRange(at.seq, at.seq, 1))[0];
      } catch {
        return; // unreadable right now (locked, busy): the next commit will tell
      }
      // Another process may have appended since, which is fine; the record this process knows must stay, unless
      // retention (of any replica sharing the log) pruned it: gone below the prune point is not a truncation.
      if (mine !== at || (row && row.hash === at.hash)) return;
      if (!row && at.seq < (await prunePoint())) return;
      halt(
        `the audit log no longer holds record ${at.seq} as this process wrote it: the log was truncated or rewritten`,
      );
    },
    committed(last) {
      if (last) mine = { seq: last.seq, hash: last.hash };
      if (state === 'degraded') {
        state = 'ok';
        reason = undefined;
        since = undefined;
      }
    },
    failed(why) {
      if (state === 'halted') return;
      if (state === 'ok') since = new Date().toISOString();
      state = 'degraded';
      reason = why;
    },
    anchorWritten() {
      anchorError = undefined;
    },
    anchorFailed(why) {
      if (anchorError === undefined) warn(`AUDIT: ${why}`);
      anchorError = why;
    },
    halted: isHalted,
    status: () => ({
      ready: state === 'ok' && anchorError === undefined,
      state,
      ...((reason ?? anchorError) ? { reason: (reason ?? anchorError)! } : {}),
      ...(since ? { since } : {}),
    }),
  };
}
