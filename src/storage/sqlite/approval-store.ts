import type Database from 'better-sqlite3';
import { createApprovalRepository } from '../approval-sql.js';
import type { ApprovalRepository, Tx } from '../repositories.js';

/**
 * Approval requests in `<dataDir>/portcullis.db`. Statements are prepared once; writes outside a transaction wait
 * for an open one (`write`); `transaction` is the stores' BEGIN IMMEDIATE transaction.
 */
export function createSqliteApprovalStore(
  db: Database.Database,
  write: <T>(fn: () => T, tx: Tx | undefined) => Promise<T>,
  transaction: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>,
): ApprovalRepository {
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };
  return createApprovalRepository({
    all: async <R>(sql: string, params: readonly unknown[]) => prepare(sql).all(...params) as R[],
    run: (sql, params, tx) => write(() => prepare(sql).run(...params).changes, tx),
    atomically: (tx, fn) => (tx ? fn(tx) : transaction(fn)),
  });
}
