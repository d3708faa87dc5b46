/**
 * The score's trend in a running gateway: every `report.recordEveryMinutes` (60; 0 = off) the gateway stores the
 * current score in the history, so the Security page and the report's trend grow without anyone posting to
 * `/api/v1/report/history`. Several gateways sharing one store record one entry per interval between them: the
 * store stores a score only when none was stored within the interval, checked and written under its write lock.
 */
import type { ReportRepository } from '../storage/repositories.js';
import { historyEntryOf } from './build.js';
import type { Report } from './types.js';

/** How often the recorder looks whether a score is due (a read of the newest entry; a report only when due). */
export const RECORDER_CHECK_MS = 60_000;

export interface ScoreRecorderDeps {
  /** The interval in minutes, read at every check (a reload changes it); 0 turns recording off. */
  everyMinutes(): number;
  /** The current report, not stored (the recorder stores its score). */
  generate(): Promise<Report>;
  repo: Pick<ReportRepository, 'scores' | 'addScoreUnlessSince'>;
  /** A check that failed (store or report unavailable): said, and tried again at the next check. */
  warn(message: string): void;
  now?: () => number;
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
  return deps.repo.addScoreUnlessSince(historyEntryOf(report.generatedAt, report.score!), since);
}

/** Runs {@link recordScoreIfDue} every `checkMs` (the first one after that long), one at a time, until stopped. */
export function startScoreRecorder(deps: ScoreRecorderDeps, checkMs = RECORDER_CHECK_MS): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= recordScoreIfDue(deps)
      .catch((e: unknown) =>
        deps.warn(`report: recording the score failed (${(e as Error).message}); tried again later`),
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
