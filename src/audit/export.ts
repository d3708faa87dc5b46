import type { Writable } from 'node:stream';
import { queryAudit } from './query.js';
import type { AuditStore } from './store.js';
import type { AuditFilter, AuditRecord } from './types.js';

export type ExportFormat = 'jsonl' | 'csv' | 'checkpoints';

export const CSV_COLUMNS = [
  'seq',
  'timestamp',
  'type',
  'requestId',
  'agent',
  'user',
  'sourceAddress',
  'tool',
  'backend',
  'riskLevel',
  'riskCategories',
  'decision',
  'rule',
  'reasons',
  'approvalId',
  'resultStatus',
  'latencyMs',
  'error',
  'arguments',
  'detail',
  'prev',
  'hash',
] as const;

/** RFC 4180 field; text that a spreadsheet would run as a formula is prefixed with a quote (CSV injection). */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(r: AuditRecord): string {
  const cells: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    seq: r.seq,
    timestamp: r.timestamp,
    type: r.type,
    requestId: r.requestId,
    agent: r.agent,
    user: r.user,
    sourceAddress: r.sourceAddress,
    tool: r.tool,
    backend: r.backend,
    riskLevel: r.risk?.level,
    riskCategories: r.risk?.categories.join(' '),
    decision: r.decision,
    rule: r.rule,
    reasons: r.reasons?.join('; '),
    approvalId: r.approvalId,
    resultStatus: r.resultStatus,
    latencyMs: r.latencyMs,
    error: r.error,
    arguments: r.arguments,
    detail: r.detail,
    prev: r.prev,
    hash: r.hash,
  };
  return `${CSV_COLUMNS.map((c) => csvField(cells[c])).join(',')}\r\n`;
}

function write(out: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = out.write(chunk, (err) => {
      if (err) reject(err);
    });
    if (ok) resolve();
    else {
      out.once('drain', resolve);
      out.once('error', reject);
    }
  });
}

/**
 * Streams matching records (ascending) as JSON Lines or CSV, or the signed checkpoints as JSON Lines (the digest to
 * keep elsewhere; `audit verify --checkpoints FILE` checks the log against it). Returns the number of lines written.
 */
export async function exportAudit(
  store: AuditStore,
  format: ExportFormat,
  filter: AuditFilter,
  out: Writable,
): Promise<number> {
  let count = 0;
  if (format === 'checkpoints') {
    for (const cp of await store.checkpoints(filter.fromSeq ?? 0, filter.toSeq ?? Number.MAX_SAFE_INTEGER)) {
      await write(out, `${JSON.stringify(cp)}\n`);
      count++;
    }
    return count;
  }
  if (format === 'csv') await write(out, `${CSV_COLUMNS.join(',')}\r\n`);
  const max = filter.limit ?? Number.MAX_SAFE_INTEGER;
  let cursor: string | undefined;
  do {
    const page = await queryAudit(store, { ...filter, order: 'asc', limit: Math.min(1000, max - count) }, cursor);
    const text = page.records.map((r) => (format === 'csv' ? csvRow(r) : `${JSON.stringify(r)}\n`)).join('');
    if (text) await write(out, text);
    count += page.records.length;
    cursor = page.nextCursor;
  } while (cursor && count < max);
  return count;
}
