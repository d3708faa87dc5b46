import { GatewayError } from '../core/errors.js';
import { toAuditRecord } from './chain.js';
import type { AuditStore } from './store.js';
import type { AuditFilter, AuditPage } from './types.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

interface Cursor {
  /** seq of the last record returned */
  s: number;
  o: 'asc' | 'desc';
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(cursor: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof c.s === 'number' && Number.isSafeInteger(c.s) && (c.o === 'asc' || c.o === 'desc'))
      return { s: c.s, o: c.o };
  } catch {
    // fall through
  }
  throw new GatewayError('request.invalid', 'Invalid cursor');
}

/** One page of records matching `filter`, newest first unless `order: 'asc'`; the cursor continues in the same order. */
export async function queryAudit(store: AuditStore, filter: AuditFilter, cursor?: string): Promise<AuditPage> {
  const limit = Math.min(Math.max(1, Math.floor(filter.limit ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
  const c = cursor ? decodeCursor(cursor) : undefined;
  const order = c?.o ?? filter.order ?? 'desc';
  const { limit: _limit, order: _order, ...rest } = filter;
  const rows = await store.query({
    ...rest,
    order,
    limit: limit + 1,
    ...(c ? (order === 'asc' ? { afterSeq: c.s } : { beforeSeq: c.s }) : {}),
  });
  const page = rows.slice(0, limit);
  const records = page.map((r) => toAuditRecord(r.seq, r.hash, r.body));
  const last = page[page.length - 1];
  return rows.length > limit && last ? { records, nextCursor: encodeCursor({ s: last.seq, o: order }) } : { records };
}
