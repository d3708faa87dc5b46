import type Database from 'better-sqlite3';
import type { DashboardSessionRepository, Tx } from '../repositories.js';
import { sessionValues, toLogin, toSession, type LoginRow, type SessionRow } from '../dashboard-session-rows.js';

/** Dashboard sessions in `portcullis.db`; writes go through the stores' writer (`write`) like every other store. */
export function createSqliteDashboardSessionStore(
  db: Database.Database,
  write: <T>(fn: () => T, tx: Tx | undefined) => Promise<T>,
): DashboardSessionRepository {
  const q = {
    create: db.prepare(
      `INSERT INTO dashboard_sessions (id_hash, user_name, method, credential_id, identity, created_at, last_seen_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    get: db.prepare('SELECT * FROM dashboard_sessions WHERE id_hash = ?'),
    touch: db.prepare('UPDATE dashboard_sessions SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?'),
    delete: db.prepare('DELETE FROM dashboard_sessions WHERE id_hash = ?'),
    deleteUser: db.prepare('DELETE FROM dashboard_sessions WHERE user_name = ?'),
    sweepSessions: db.prepare('DELETE FROM dashboard_sessions WHERE expires_at <= ? OR last_seen_at < ?'),
    sweepLogins: db.prepare('DELETE FROM dashboard_logins WHERE expires_at <= ?'),
    count: db.prepare('SELECT count(*) AS n FROM dashboard_sessions'),
    putLogin: db.prepare(
      'INSERT INTO dashboard_logins (state_hash, verifier, nonce, return_to, expires_at) VALUES (?, ?, ?, ?, ?)',
    ),
    takeLogin: db.prepare('DELETE FROM dashboard_logins WHERE state_hash = ? RETURNING *'),
  };
  return {
    create: (s, tx) => write(() => void q.create.run(...sessionValues(s)), tx),
    get: async (idHash) => {
      const r = q.get.get(idHash) as SessionRow | undefined;
      return r ? toSession(r) : undefined;
    },
    touch: (idHash, at, tx) => write(() => void q.touch.run(at, idHash, at), tx),
    delete: (idHash, tx) => write(() => q.delete.run(idHash).changes > 0, tx),
    deleteUser: (user, tx) => write(() => q.deleteUser.run(user).changes, tx),
    sweep: (now, idleBefore, tx) =>
      write(() => q.sweepSessions.run(now, idleBefore).changes + q.sweepLogins.run(now).changes, tx),
    count: async () => (q.count.get() as { n: number }).n,
    putLogin: (l, tx) =>
      write(() => void q.putLogin.run(l.stateHash, l.verifier, l.nonce, l.returnTo, l.expiresAt), tx),
    takeLogin: (stateHash, now, tx) =>
      write(() => {
        const r = q.takeLogin.get(stateHash) as LoginRow | undefined;
        return r && Number(r.expires_at) > now ? toLogin(r) : undefined;
      }, tx),
  };
}
