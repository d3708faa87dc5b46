import type { AuditLog } from '../audit/audit-log.js';
import { HttpError } from '../http/http-error.js';

/**
 * POST /api/v1/audit/verify: walks the whole hash chain and its signed checkpoints (the same check as
 * `portcullis audit verify`) and answers the result with the position (seq) of every break. POST because it is
 * an action people take (audited with their name) and may take a while on a large log.
 */
export async function handleAuditVerify(
  audit: Pick<AuditLog, 'verify'>,
  url: URL,
  ctx: { method: string },
): Promise<{ status: number; body: unknown } | undefined> {
  if (url.pathname !== '/api/v1/audit/verify') return undefined;
  if (ctx.method !== 'POST') throw new HttpError('request.method_not_allowed', undefined, { allow: 'POST' });
  const r = await audit.verify();
  return {
    status: 200,
    body: {
      ok: r.ok,
      records: r.records,
      ...(r.firstSeq !== undefined ? { firstSeq: r.firstSeq } : {}),
      ...(r.lastSeq !== undefined ? { lastSeq: r.lastSeq } : {}),
      keySource: r.keySource,
      ...(r.anchors ? { anchors: { checkpoints: r.anchors.checkpoints, newestSeq: r.anchors.newestSeq } } : {}),
      issues: r.issues,
      durationMs: Math.round(r.durationMs),
    },
  };
}
