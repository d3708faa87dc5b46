import type Database from 'better-sqlite3';
import type { ReportRepository, Tx } from '../repositories.js';
import type { HistoryEntry } from '../../report/types.js';
import { toAck, toScore, type AckRow, type ScoreRow } from '../report-rows.js';

/** The report's tables in `portcullis.db`; writes go through the stores' writer (`write`) like every other store. */
export function createSqliteReportStore(
  db: Database.Database,
  write: <T>(fn: () => T, tx: Tx | undefined) => Promise<T>,
): ReportRepository {
  const q = {
    addScore: db.prepare('INSERT INTO report_scores (at, score, grade, areas) VALUES (?, ?, ?, ?)'),
    storedSince: db.prepare('SELECT 1 FROM report_scores WHERE at > ? LIMIT 1'),
    scores: db.prepare(
      'SELECT at, score, grade, areas FROM (SELECT * FROM report_scores ORDER BY seq DESC LIMIT ?) ORDER BY seq',
    ),
    ack: db.prepare(
      'INSERT INTO report_acknowledgements (id, check_id, reason, by_user, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    acks: db.prepare('SELECT * FROM report_acknowledgements ORDER BY created_at, id'),
  };
  const addUnlessSince = (e: HistoryEntry, since: string): boolean => {
    if (q.storedSince.get(since)) return false;
    q.addScore.run(e.at, e.score, e.grade, JSON.stringify(e.areas));
    return true;
  };
  // BEGIN IMMEDIATE takes the database's write lock before the check, so another process (a second gateway on
  // the same data directory) checks only after this one committed. Inside an open transaction it holds it already.
  const addUnlessSinceTx = db.transaction(addUnlessSince);
  return {
    addScore: (e, tx) => write(() => void q.addScore.run(e.at, e.score, e.grade, JSON.stringify(e.areas)), tx),
    addScoreUnlessSince: (e, since, tx) =>
      write(() => (tx ? addUnlessSince(e, since) : addUnlessSinceTx.immediate(e, since)), tx),
    scores: async (limit) => (q.scores.all(limit) as ScoreRow[]).map(toScore),
    acknowledge: (a, tx) => write(() => void q.ack.run(a.id, a.checkId, a.reason, a.by, a.createdAt, a.expiresAt), tx),
    acknowledgements: async () => (q.acks.all() as AckRow[]).map(toAck),
  };
}
