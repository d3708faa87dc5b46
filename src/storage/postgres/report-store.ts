import type { ReportRepository, Tx } from '../repositories.js';
import { toAck, toScore, type AckRow, type ScoreRow } from '../report-rows.js';
import type { Queryable } from './pool.js';

/** The report's tables; `on(tx)` is the open transaction's client, or the pool. */
export function createPostgresReportStore(
  on: (tx: Tx | undefined) => Queryable,
  atomically: <T>(tx: Tx | undefined, fn: (db: Queryable) => Promise<T>) => Promise<T>,
): ReportRepository {
  return {
    addScoreUnlessSince: (e, since, tx) =>
      atomically(tx, async (db) => {
        // SHARE ROW EXCLUSIVE conflicts with itself (and with inserts), not with readers: a second replica's check
        // waits for this transaction's end and then sees its row. Held until commit.
        await db.query('LOCK TABLE report_scores IN SHARE ROW EXCLUSIVE MODE');
        const r = await db.query(
          `INSERT INTO report_scores (at, score, grade, areas)
           SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM report_scores WHERE at COLLATE "C" > $5)`,
          [e.at, e.score, e.grade, JSON.stringify(e.areas), since],
        );
        return r.rowCount === 1;
      }),
    async addScore(e, tx) {
      await on(tx).query('INSERT INTO report_scores (at, score, grade, areas) VALUES ($1, $2, $3, $4)', [
        e.at,
        e.score,
        e.grade,
        JSON.stringify(e.areas),
      ]);
    },
    async scores(limit, tx) {
      const { rows } = await on(tx).query<ScoreRow>(
        'SELECT at, score, grade, areas FROM (SELECT * FROM report_scores ORDER BY seq DESC LIMIT $1) s ORDER BY seq',
        [limit],
      );
      return rows.map(toScore);
    },
    async acknowledge(a, tx) {
      await on(tx).query(
        'INSERT INTO report_acknowledgements (id, check_id, reason, by_user, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [a.id, a.checkId, a.reason, a.by, a.createdAt, a.expiresAt],
      );
    },
    async acknowledgements(tx) {
      const { rows } = await on(tx).query<AckRow>('SELECT * FROM report_acknowledgements ORDER BY created_at, id');
      return rows.map(toAck);
    },
  };
}
