import {
  pinValues,
  toPin,
  toSigningKey,
  type PinRepository,
  type PinRow,
  type SigningKeyRow,
} from '../../pins/store.js';
import type { Tx } from '../repositories.js';
import type { Queryable } from './pool.js';

/** Pins on PostgreSQL; `rev` comes from a sequence, so every write on any replica moves the revision. */
export function createPostgresPinStore(on: (tx: Tx | undefined) => Queryable): PinRepository {
  const get = async (db: Queryable, kind: string, name: string) => {
    const { rows } = await db.query<PinRow>('SELECT * FROM pins WHERE kind = $1 AND name = $2', [kind, name]);
    return rows[0] ? toPin(rows[0]) : undefined;
  };
  return {
    async list(tx) {
      const { rows } = await on(tx).query<PinRow>('SELECT * FROM pins ORDER BY kind, name');
      return rows.map(toPin);
    },
    get: (kind, name, tx) => get(on(tx), kind, name),
    async insert(rec, tx) {
      const r = await on(tx).query(
        `INSERT INTO pins (kind, name, backend, hash, definition, pinned_at, accepted_by, accept_reason,
          pending_hash, pending_definition, pending_reason, pending_since)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (kind, name) DO NOTHING`,
        pinValues(rec),
      );
      return r.rowCount === 1;
    },
    async setPending(kind, name, p, tx) {
      const r = await on(tx).query(
        `UPDATE pins SET pending_hash = $1, pending_definition = $2, pending_reason = $3, pending_since = $4,
         rev = nextval('pins_rev') WHERE kind = $5 AND name = $6`,
        [p.hash, JSON.stringify(p.definition), p.reason, p.since, kind, name],
      );
      return r.rowCount === 1;
    },
    async clearPending(kind, name, tx) {
      const r = await on(tx).query(
        `UPDATE pins SET pending_hash = NULL, pending_definition = NULL, pending_reason = NULL, pending_since = NULL,
         rev = nextval('pins_rev') WHERE kind = $1 AND name = $2 AND pending_hash IS NOT NULL`,
        [kind, name],
      );
      return r.rowCount === 1;
    },
    async accept(kind, name, a, tx) {
      const db = on(tx);
      const r = await db.query(
        `UPDATE pins SET hash = pending_hash, definition = pending_definition, pinned_at = $1, accepted_by = $2,
         accept_reason = $3, pending_hash = NULL, pending_definition = NULL, pending_reason = NULL,
         pending_since = NULL, rev = nextval('pins_rev') WHERE kind = $4 AND name = $5 AND pending_hash = $6`,
        [a.at, a.by, a.reason, kind, name, a.hash],
      );
      return r.rowCount === 1 ? get(db, kind, name) : undefined;
    },
    async revision(tx) {
      const { rows } = await on(tx).query<{ n: string; r: string }>(
        'SELECT count(*) AS n, coalesce(max(rev), 0) AS r FROM pins',
      );
      return `${rows[0]!.n}:${rows[0]!.r}`;
    },
    async signingKeys(tx) {
      const { rows } = await on(tx).query<SigningKeyRow>(
        'SELECT * FROM tool_signing_keys ORDER BY created_at DESC, kid',
      );
      return rows.map(toSigningKey);
    },
    async activateSigningKey(key, at, tx) {
      // One statement: the insert (or re-activation) and the retirement of the others commit together.
      await on(tx).query(
        `WITH added AS (
           INSERT INTO tool_signing_keys (kid, jwk, created_at) VALUES ($1, $2, $3)
           ON CONFLICT (kid) DO UPDATE SET retired_at = NULL RETURNING kid
         )
         UPDATE tool_signing_keys SET retired_at = $3 WHERE kid <> $1 AND retired_at IS NULL`,
        [key.kid, JSON.stringify(key.jwk), at],
      );
    },
    async restoreSigningKey(key, tx) {
      const r = await on(tx).query(
        `INSERT INTO tool_signing_keys (kid, jwk, created_at, retired_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (kid) DO NOTHING`,
        [key.kid, JSON.stringify(key.jwk), key.createdAt, key.retiredAt ?? null],
      );
      return r.rowCount === 1;
    },
  };
}
