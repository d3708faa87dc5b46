import { createApprovalRepository } from '../approval-sql.js';
import type { ApprovalRepository, Tx } from '../repositories.js';
import type { Queryable } from './pool.js';

/** `?` placeholders → `$1, $2 …` (the shared statements hold no `?` inside string literals). */
const numbered = (sql: string) => {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};

/** The NOTIFY channel of approval changes (payload: the request id). */
export const APPROVALS_CHANNEL = 'portcullis_approvals';

/**
 * Approval requests in PostgreSQL, over the stores' pool (`on(tx)` picks the transaction's client). Every decision
 * and transition is announced on {@link APPROVALS_CHANNEL} (delivered at commit), so a call waiting on another
 * replica wakes at once instead of at its next poll; `subscribe` registers for what the stores' listener hears.
 */
export function createPostgresApprovalStore(
  on: (tx: Tx | undefined) => Queryable,
  transaction: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
  subscribe?: (listener: (id: string) => void) => () => void,
): ApprovalRepository {
  const cache = new Map<string, string>();
  const text = (sql: string) => {
    let s = cache.get(sql);
    if (s === undefined) cache.set(sql, (s = numbered(sql)));
    return s;
  };
  const repo = createApprovalRepository({
    all: async <R>(sql: string, params: readonly unknown[], tx?: Tx) =>
      (await on(tx).query(text(sql), [...params])).rows as R[],
    run: async (sql, params, tx) => (await on(tx).query(text(sql), [...params])).rowCount ?? 0,
    atomically: (tx, fn) => (tx ? fn(tx) : transaction(fn)),
    changed: async (id, tx) => void (await on(tx).query('SELECT pg_notify($1, $2)', [APPROVALS_CHANNEL, id])),
  });
  return subscribe ? { ...repo, onChange: subscribe } : repo;
}
