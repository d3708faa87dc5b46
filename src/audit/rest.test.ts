import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog, type AuditLog } from './audit-log.js';
import { handleAuditApi } from './rest.js';
import type { AuditPage } from './types.js';

let dir: string;
let log: AuditLog;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portcullis-audit-rest-'));
  // The assertions below name exact sequence numbers, so no interval checkpoint may land between the appends: the
  // default (one a second with activity) does on a loaded machine. Timers are unref'd; an hour never fires here.
  log = await createAuditLog({ dataDir: dir, checkpointEvery: { records: 1000, ms: 3_600_000 } });
  for (let i = 0; i < 12; i++) {
    await log.append({
      type: 'tool.call.completed',
      agent: i % 2 ? 'a1' : 'a2',
      tool: 'billing.refund',
      decision: 'allow',
      resultStatus: i % 3 ? 'ok' : 'tool_error',
      approvalId: i === 4 ? 'apr-4' : undefined,
    });
  }
});
afterAll(async () => {
  await log.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(`${dir}.audit-anchor.jsonl`, { force: true });
});

const get = (path: string) => handleAuditApi(log, new URL(path, 'http://gateway.test'));

describe('handleAuditApi', () => {
  it('GET /api/v1/audit pages with filters and cursor', async () => {
    const first = await get('/api/v1/audit?agent=a1&limit=4');
    expect(first.status).toBe(200);
    const page = first.body as AuditPage;
    expect(page.records.map((r) => r.seq)).toEqual([12, 10, 8, 6]);
    const next = await get(`/api/v1/audit?agent=a1&limit=4&cursor=${page.nextCursor}`);
    expect((next.body as AuditPage).records.map((r) => r.seq)).toEqual([4, 2]);
    expect((next.body as AuditPage).nextCursor).toBeUndefined();
    expect(((await get('/api/v1/audit?approvalId=apr-4')).body as AuditPage).records.map((r) => r.seq)).toEqual([5]);
    expect(
      ((await get('/api/v1/audit?status=tool_error&tool=billing.refund&decision=allow')).body as AuditPage).records,
    ).toHaveLength(4);
    const window = await get(`/api/v1/audit?from=${encodeURIComponent('2000-01-01T00:00:00Z')}&to=2000-01-02`);
    expect((window.body as AuditPage).records).toEqual([]);
  });

  it('GET /api/v1/audit/export returns JSON Lines or CSV text', async () => {
    const jsonl = await get('/api/v1/audit/export?format=jsonl&agent=a2');
    expect(jsonl).toMatchObject({ status: 200, contentType: 'application/jsonl; charset=utf-8' });
    expect(
      (jsonl.body as string)
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { seq: number }).seq),
    ).toEqual([1, 3, 5, 7, 9, 11]);
    const csv = await get('/api/v1/audit/export?format=csv&limit=2');
    expect(csv.contentType).toMatch(/^text\/csv/);
    expect((csv.body as string).trim().split('\r\n')).toHaveLength(3);
  });

  it('rejects bad parameters with 400 and unknown paths with 404', async () => {
    for (const q of ['limit=0', 'limit=abc', 'from=yesterday', 'decision=maybe', 'cursor=xyz', 'order=up']) {
      const r = await get(`/api/v1/audit?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body).toMatchObject({ error: { code: 'request.invalid' } });
    }
    expect((await get('/api/v1/audit/export?format=xml')).status).toBe(400);
    expect((await get('/api/v1/audit/nope')).status).toBe(404);
  });
});
