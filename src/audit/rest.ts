import { Writable } from 'node:stream';
import { GatewayError } from '../core/errors.js';
import { HttpError, toHttpError } from '../core/http-error.js';
import type { AuditLog } from './audit-log.js';
import type { AuditFilter } from './types.js';

export interface AuditApiResponse {
  status: number;
  body: unknown;
  /** Set for export responses, whose body is a string. */
  contentType?: string;
}

/** Largest export served in one response; larger exports go through the CLI. */
export const MAX_REST_EXPORT = 100_000;

const TEXT_FILTERS = ['agent', 'user', 'tool', 'backend', 'risk', 'approvalId', 'status', 'type', 'requestId'] as const;

/** Parses the query string into a filter; throws GatewayError('request.invalid') naming the bad parameter. */
export function parseAuditFilter(params: URLSearchParams): AuditFilter {
  const filter: AuditFilter = {};
  for (const key of ['from', 'to'] as const) {
    const v = params.get(key);
    if (v === null) continue;
    const t = Date.parse(v);
    if (Number.isNaN(t)) throw new GatewayError('request.invalid', `Invalid "${key}": expected an ISO 8601 time`);
    filter[key] = new Date(t).toISOString();
  }
  for (const key of TEXT_FILTERS) {
    const v = params.get(key);
    if (v === null) continue;
    if (v.length === 0 || v.length > 512) throw new GatewayError('request.invalid', `Invalid "${key}"`);
    filter[key] = v;
  }
  const decision = params.get('decision');
  if (decision !== null) {
    if (decision !== 'allow' && decision !== 'deny' && decision !== 'hold')
      throw new GatewayError('request.invalid', 'Invalid "decision": allow, deny or hold');
    filter.decision = decision;
  }
  const order = params.get('order');
  if (order !== null) {
    if (order !== 'asc' && order !== 'desc') throw new GatewayError('request.invalid', 'Invalid "order": asc or desc');
    filter.order = order;
  }
  const limit = params.get('limit');
  if (limit !== null) {
    if (!/^\d{1,7}$/.test(limit) || Number(limit) < 1)
      throw new GatewayError('request.invalid', 'Invalid "limit": a positive integer');
    filter.limit = Number(limit);
  }
  return filter;
}

class StringSink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.text += chunk.toString();
    cb();
  }
}

/**
 * Framework-free handler for GET /api/v1/audit and GET /api/v1/audit/export?format=jsonl|csv.
 * Mounted by the HTTP layer behind admin/auditor authentication; errors use the gateway error codes.
 */
export async function handleAuditApi(audit: AuditLog, url: URL): Promise<AuditApiResponse> {
  try {
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/api/v1/audit') {
      const filter = parseAuditFilter(url.searchParams);
      const cursor = url.searchParams.get('cursor') ?? undefined;
      const page = await audit.query(filter, cursor);
      return { status: 200, body: page };
    }
    if (path === '/api/v1/audit/export') {
      const format = url.searchParams.get('format') ?? 'jsonl';
      if (format !== 'jsonl' && format !== 'csv')
        throw new GatewayError('request.invalid', 'Invalid "format": jsonl or csv');
      const filter = parseAuditFilter(url.searchParams);
      filter.limit = Math.min(filter.limit ?? MAX_REST_EXPORT, MAX_REST_EXPORT);
      const sink = new StringSink();
      await audit.exportTo(format, filter, sink);
      return {
        status: 200,
        body: sink.text,
        contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/jsonl; charset=utf-8',
      };
    }
    const nf = new HttpError('request.not_found');
    return { status: nf.status, body: nf.body() };
  } catch (e) {
    const err = toHttpError(e);
    return { status: err.status, body: err.body() };
  }
}
