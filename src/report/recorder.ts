/**
 * The score's trend in a running gateway: every `report.recordEveryMinutes` (60; 0 = off) the gateway stores the
 * current score in the history, so the Security page and the report's trend grow without anyone posting to
 * `/api/v1/report/history`. Several gateways sharing one store record one entry per interval between them: the
 * store stores a score only when none was stored within the interval, checked and written under its write lock.
 * A gateway about to store a score writes its audit record, `report.score.recorded`, first (no audit, no change), and
 * a second one when it then stored nothing (a look that finds a recent score writes none), through
 * {@link storeScore}, as `portcullis report` and POST /api/v1/report/history do.
 */
import type { AuditEventInput } from '../audit/types.js';
import type { ReportRepository } from '../storage/repositories.js';
import { historyEntryOf } from './build.js';
import type { HistoryEntry, Report } from './types.js';

/** How often the recorder looks whether a score is due (a read of the newest entry; a report only when due). */
export const RECORDER_CHECK_MS = 60_000;

export interface ScoreRecorderDeps {
  /** The interval in minutes, read at every check (a reload changes it); 0 turns recording off. */
  everyMinutes(): number;
  /** The current report, not stored (the recorder stores its score). */
  generate(): Promise<Report>;
  repo: Pick<ReportRepository, 'scores' | 'addScoreUnlessSince'>;
  /** Appends an audit record (durably; rejects when it cannot be written). */
  audit(event: AuditEventInput): Promise<unknown>;
  /** A check that failed (store or report unavailable): said, and tried again at the next check. */
  warn(message: string): void;
  now?: () => number;
}

/** The score's audit record could not be written, so the score was not stored (the next check tries again). */
export class ScoreNotAuditedError extends Error {
  override readonly name = 'ScoreNotAuditedError';
}

/** Who stored a score: a gateway's recorder, the CLI (`portcullis report`, the demo), or POST /api/v1/report/history. */
export type ScoreSource = 'recorder' | 'cli' | 'api';

/**
 * The one way a score enters the history, whoever stores it. No audit, no change: one `report.score.recorded` audit
 * record is appended first, and `store` runs only once it is written (a record that cannot be written is a
 * {@link ScoreNotAuditedError}, and nothing is stored). If the store then fails (it rethrows) or stores nothing (false:
 * another gateway stored a score within the interval), a second `report.score.recorded` naming the same score says
 * so (`resultStatus` `failed` or `not_stored`), so a record without such a follow-up names a stored score. True when
 * the score was stored.
 */
export async function storeScore(
  entry: HistoryEntry,
  store: () => Promise<boolean>,
  audit: (event: AuditEventInput) => Promise<unknown>,
  by: { via: ScoreSource; user?: string; everyMinutes?: number },
): Promise<boolean> {
  const record: AuditEventInput = {
    type: 'report.score.recorded',
    ...(by.user ? { user: by.user } : {}),
    detail: {
      at: entry.at,
      score: entry.score,
      grade: entry.grade,
      via: by.via,
      ...(by.everyMinutes !== undefined ? { everyMinutes: by.everyMinutes } : {}),
    },
  };
  try {
    await audit(record);
  } catch (e) {
    throw new ScoreNotAuditedError(
      `the score of ${entry.at} was not stored: its audit record could not be written (${(e as Error).message})`,
    );
  }
  // The follow-up is best effort: if it cannot be written either, the log names a score the history lacks (the
  // safe side of the gap: never a stored change without its record).
  const notStored = (more: Partial<AuditEventInput>) => audit({ ...record, ...more }).catch(() => undefined);
  let stored: boolean;
  try {
    stored = await store();
  } catch (e) {
    await notStored({
      resultStatus: 'failed',
      error: (e as Error).message,
      reasons: ['the score recorded before was not stored'],
    });
    throw e;
  }
  if (!stored)
    await notStored({
      resultStatus: 'not_stored',
      reasons: ['the score recorded before was not stored: another gateway stored a score within the interval'],
    });
  return stored;
}

/**
 * One check: stores the current score when the newest stored one is at least an interval old (or there is none);
 * true when this call stored it. False when recording is off, a score is recent, or another gateway stored one
 * between the look and the write.
 */
export async function recordScoreIfDue(deps: ScoreRecorderDeps): Promise<boolean> {
  const minutes = deps.everyMinutes();
  if (minutes <= 0) return false;
  const since = new Date((deps.now ?? Date.now)() - minutes * 60_000).toISOString();
  // Cheap first: most checks find a recent score and generate nothing.
  const last = (await deps.repo.scores(1)).at(-1);
  if (last && last.at > since) return false;
  const report = await deps.generate();
  const entry = historyEntryOf(report.generatedAt, report.score!);
  return storeScore(
    entry,
    () => deps.repo.addScoreUnlessSince(entry, since),
    (e) => deps.audit(e),
    {
      via: 'recorder',
      everyMinutes: minutes,
    },
  );
}

/** Runs {@link recordScoreIfDue} every `checkMs` (the first one after that long), one at a time, until stopped. */
export function startScoreRecorder(deps: ScoreRecorderDeps, checkMs = RECORDER_CHECK_MS): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= recordScoreIfDue(deps)
      .catch((e: unknown) =>
        deps.warn(
          e instanceof ScoreNotAuditedError
            ? `report: ${e.message}`
            : `report: recording the score failed (${(e as Error).message}); tried again later`,
        ),
      )
      .finally(() => (running = undefined));
  }, checkMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
