import type { Acknowledgement, Grade, HistoryEntry } from '../report/types.js';

/** Rows of the report's tables as both back ends store them. */
export interface ScoreRow {
  at: string;
  score: number;
  grade: string;
  areas: string;
}
export interface AckRow {
  id: string;
  check_id: string;
  reason: string;
  by_user: string;
  created_at: string;
  expires_at: string;
}

export const toScore = (r: ScoreRow): HistoryEntry => ({
  at: r.at,
  score: Number(r.score),
  grade: r.grade as Grade,
  areas: JSON.parse(r.areas) as HistoryEntry['areas'],
});

export const toAck = (r: AckRow): Acknowledgement => ({
  id: r.id,
  checkId: r.check_id,
  reason: r.reason,
  by: r.by_user,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});
