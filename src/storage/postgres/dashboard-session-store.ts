import type { DashboardSessionRepository, Tx } from '../repositories.js';
import { sessionValues, toLogin, toSession, type LoginRow, type SessionRow } from '../dashboard-session-rows.js';
import type { Queryable } from './pool.js';

/** Dashboard sessions, shared by every replica; `on(tx)` is the open transaction's client, or the pool. */
export function createPostgresDashboardSessionStore(on: (tx: Tx | undefined) => Queryable): DashboardSessionRepository {
  return {
    async create(s, tx) {
      await on(tx).query(
        `INSERT INTO dashboard_sessions (id_hash, user_name, method, credential_id, identity, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        sessionValues(s),
      );
    },
    async get(idHash, tx) {
      const { rows } = await on(tx).query<SessionRow>('SELECT * FROM dashboard_sessions WHERE id_hash = $1', [idHash]);
      return rows[0] ? toSession(rows[0]) : undefined;
    },
    async touch(idHash, at, tx) {
      await on(tx).query('UPDATE dashboard_sessions SET last_seen_at = $1 WHERE id_hash = $2 AND last_seen_at < $1', [
        at,
        idHash,
      ]);
    },
    async delete(idHash, tx) {
      const r = await on(tx).query('DELETE FROM dashboard_sessions WHERE id_hash = $1', [idHash]);
      return (r.rowCount ?? 0) > 0;
    },
    async deleteUser(user, tx) {
      const r = await on(tx).query('DELETE FROM dashboard_sessions WHERE user_name = $1', [user]);
      return r.rowCount ?? 0;
    },
    async sweep(now, idleBefore, tx) {
      const a = await on(tx).query('DELETE FROM dashboard_sessions WHERE expires_at <= $1 OR last_seen_at < $2', [
        now,
        idleBefore,
      ]);
      const b = await on(tx).query('DELETE FROM dashboard_logins WHERE expires_at <= $1', [now]);
      return (a.rowCount ?? 0) + (b.rowCount ?? 0);
    },
    async count(tx) {
      const { rows } = await on(tx).query<{ n: string }>('SELECT count(*) AS n FROM dashboard_sessions');
      return Number(rows[0]!.n);
    },
    async putLogin(l, tx) {
      await on(tx).query(
        'INSERT INTO dashboard_logins (state_hash, verifier, nonce, return_to, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [l.stateHash, l.verifier, l.nonce, l.returnTo, l.expiresAt],
      );
    },
    async takeLogin(stateHash, now, tx) {
      // DELETE … RETURNING: of two replicas racing for the same state, exactly one gets the row.
      const { rows } = await on(tx).query<LoginRow>('DELETE FROM dashboard_logins WHERE state_hash = $1 RETURNING *', [
        stateHash,
      ]);
      return rows[0] && Number(rows[0].expires_at) > now ? toLogin(rows[0]) : undefined;
    },
  };
}
