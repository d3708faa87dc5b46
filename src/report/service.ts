/**
 * The report as a running deployment (CLI or gateway) produces it: gather a snapshot, build the report, store its
 * score in the history (at most one entry an hour unless the score changed; audited as the recorder's scores are),
 * and record acknowledgements.
 */
import { randomUUID } from 'node:crypto';
import type { AuditEventInput } from '../audit/types.js';
import { GatewayError } from '../core/errors.js';
import type { ReportRepository } from '../storage/repositories.js';
import { buildDeploymentReport, historyEntryOf, type ReportMeta } from './build.js';
import { deploymentChecks } from './checks/index.js';
import { gatherSnapshot, type GatherDeps } from './gather.js';
import { ScoreNotAuditedError, storeScore, type ScoreSource } from './recorder.js';
import type { Acknowledgement, HistoryEntry, Report } from './types.js';

/** How many stored scores the report shows (the trend). */
export const HISTORY_SHOWN = 90;
/** A new score is stored when the last one is older than this, or differs. */
export const RECORD_EVERY_MS = 3_600_000;
/** An acknowledgement is temporary: at most this far ahead, so every accepted finding is reviewed again. */
export const MAX_ACK_DAYS = 366;

export function shouldRecord(last: HistoryEntry | undefined, next: HistoryEntry): boolean {
  if (!last) return true;
  if (last.score !== next.score || last.grade !== next.grade) return true;
  if (JSON.stringify(last.areas) !== JSON.stringify(next.areas)) return true;
  return Date.parse(next.at) - Date.parse(last.at) >= RECORD_EVERY_MS;
}

export interface GenerateOptions {
  /** Store this report's score in the history (default true). */
  record?: boolean;
  /** Who stores it, for its audit record (default the CLI); `user`: the person who asked (the REST API). */
  via?: Exclude<ScoreSource, 'recorder'>;
  user?: string;
  /**
   * The score's audit record could not be written, so it was not stored: told here and the report returned (the
   * CLI); absent, the {@link ScoreNotAuditedError} is thrown (the REST API answers with an error).
   */
  notRecorded?(message: string): void;
}

export async function generateReport(
  deps: Omit<GatherDeps, 'acknowledgements' | 'history'> & {
    report: ReportRepository;
    /** Appends an audit record (a stored score's `report.score.recorded`); rejects when it cannot be written. */
    recordEvent(event: AuditEventInput): Promise<unknown>;
  },
  meta: ReportMeta,
  options: GenerateOptions = {},
): Promise<Report> {
  const snapshot = await gatherSnapshot({
    ...deps,
    acknowledgements: () => deps.report.acknowledgements(),
    history: () => deps.report.scores(HISTORY_SHOWN - 1),
  });
  const report = buildDeploymentReport(snapshot, meta);
  const entry = historyEntryOf(report.generatedAt, report.score!);
  if (options.record !== false && shouldRecord(snapshot.history.at(-1), entry))
    try {
      await storeScore(
        entry,
        async () => (await deps.report.addScore(entry), true),
        (e) => deps.recordEvent(e),
        {
          via: options.via ?? 'cli',
          ...(options.user ? { user: options.user } : {}),
        },
      );
    } catch (e) {
      if (!(e instanceof ScoreNotAuditedError && options.notRecorded)) throw e;
      options.notRecorded(e.message);
    }
  return report;
}

export interface AckInput {
  checkId: unknown;
  reason: unknown;
  expiresAt: unknown;
}

/** Validates and stores an acknowledgement; a bad input is a `request.invalid` gateway error naming the field. */
export async function acknowledge(
  repo: ReportRepository,
  input: AckInput,
  by: string,
  now = new Date(),
): Promise<Acknowledgement> {
  const bad = (m: string) => new GatewayError('request.invalid', m);
  const ids = deploymentChecks.map((c) => c.id);
  if (typeof input.checkId !== 'string' || !ids.includes(input.checkId))
    throw bad(`checkId: one of the report's check ids (${ids.join(', ')})`);
  if (typeof input.reason !== 'string' || input.reason.trim().length < 3 || input.reason.length > 1000)
    throw bad('reason: say why the finding is accepted for now (3 to 1000 characters)');
  const t = typeof input.expiresAt === 'string' ? Date.parse(input.expiresAt) : Number.NaN;
  if (Number.isNaN(t)) throw bad('expiresAt: an ISO 8601 date or time');
  if (t <= now.getTime()) throw bad('expiresAt: must be in the future');
  if (t - now.getTime() > MAX_ACK_DAYS * 86_400_000)
    throw bad(`expiresAt: at most ${MAX_ACK_DAYS} days ahead (an acknowledgement is reviewed again when it expires)`);
  const ack: Acknowledgement = {
    id: randomUUID(),
    checkId: input.checkId,
    reason: input.reason.trim(),
    by,
    createdAt: now.toISOString(),
    expiresAt: new Date(t).toISOString(),
  };
  await repo.acknowledge(ack);
  return ack;
}
