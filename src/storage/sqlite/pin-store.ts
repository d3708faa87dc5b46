import type Database from 'better-sqlite3';
import {
  pinValues,
  toPin,
  toSigningKey,
  type PinRepository,
  type PinRow,
  type SigningKeyRow,
} from '../../pins/store.js';
import type { Tx } from '../repositories.js';

const NEXT_REV = '(SELECT coalesce(max(rev), 0) + 1 FROM pins)';

/** Pins on the embedded database. Writes go through `write` (serialised with open transactions). */
export function createSqlitePinStore(
  db: Database.Database,
  write: <T>(fn: () => T, tx: Tx | undefined) => Promise<T>,
): PinRepository {
  const q = {
    all: db.prepare('SELECT * FROM pins ORDER BY kind, name'),
    one: db.prepare('SELECT * FROM pins WHERE kind = ? AND name = ?'),
    insert: db.prepare(
      `INSERT OR IGNORE INTO pins (kind, name, backend, hash, definition, pinned_at, accepted_by, accept_reason,
        pending_hash, pending_definition, pending_reason, pending_since, rev)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${NEXT_REV})`,
    ),
    pending: db.prepare(
      `UPDATE pins SET pending_hash = ?, pending_definition = ?, pending_reason = ?, pending_since = ?, rev = ${NEXT_REV}
       WHERE kind = ? AND name = ?`,
    ),
    clear: db.prepare(
      `UPDATE pins SET pending_hash = NULL, pending_definition = NULL, pending_reason = NULL, pending_since = NULL,
       rev = ${NEXT_REV} WHERE kind = ? AND name = ? AND pending_hash IS NOT NULL`,
    ),
    accept: db.prepare(
      `UPDATE pins SET hash = pending_hash, definition = pending_definition, pinned_at = ?, accepted_by = ?,
       accept_reason = ?, pending_hash = NULL, pending_definition = NULL, pending_reason = NULL, pending_since = NULL,
       rev = ${NEXT_REV} WHERE kind = ? AND name = ? AND pending_hash = ?`,
    ),
    revision: db.prepare('SELECT count(*) AS n, coalesce(max(rev), 0) AS r FROM pins'),
    keys: db.prepare('SELECT * FROM tool_signing_keys ORDER BY created_at DESC, kid'),
    addKey: db.prepare(
      `INSERT INTO tool_signing_keys (kid, jwk, created_at) VALUES (?, ?, ?)
       ON CONFLICT (kid) DO UPDATE SET retired_at = NULL`,
    ),
    retireOthers: db.prepare('UPDATE tool_signing_keys SET retired_at = ? WHERE kid <> ? AND retired_at IS NULL'),
    restoreKey: db.prepare(
      `INSERT INTO tool_signing_keys (kid, jwk, created_at, retired_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (kid) DO NOTHING`,
    ),
  };
  const get = (kind: string, name: string) => {
    const r = q.one.get(kind, name) as PinRow | undefined;
    return r ? toPin(r) : undefined;
  };
  return {
    list: async () => (q.all.all() as PinRow[]).map(toPin),
    get: async (kind, name) => get(kind, name),
    insert: (rec, tx) => write(() => q.insert.run(...pinValues(rec)).changes === 1, tx),
    setPending: (kind, name, p, tx) =>
      write(() => q.pending.run(p.hash, JSON.stringify(p.definition), p.reason, p.since, kind, name).changes === 1, tx),
    clearPending: (kind, name, tx) => write(() => q.clear.run(kind, name).changes === 1, tx),
    accept: (kind, name, a, tx) =>
      write(
        () => (q.accept.run(a.at, a.by, a.reason, kind, name, a.hash).changes === 1 ? get(kind, name) : undefined),
        tx,
      ),
    revision: async () => {
      const r = q.revision.get() as { n: number; r: number };
      return `${r.n}:${r.r}`;
    },
    signingKeys: async () => (q.keys.all() as SigningKeyRow[]).map(toSigningKey),
    activateSigningKey: (key, at, tx) =>
      write(() => {
        const both = () => {
          q.addKey.run(key.kid, JSON.stringify(key.jwk), at);
          q.retireOthers.run(at, key.kid);
        };
        return tx ? both() : db.transaction(both).immediate();
      }, tx),
    restoreSigningKey: (key, tx) =>
      write(
        () => q.restoreKey.run(key.kid, JSON.stringify(key.jwk), key.createdAt, key.retiredAt ?? null).changes === 1,
        tx,
      ),
  };
}
