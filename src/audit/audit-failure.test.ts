import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isGatewayError } from '../core/errors.js';
import { createAuditLog } from './audit-log.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) {
    rmSync(d, { recursive: true, force: true });
    rmSync(`${d}.audit-anchor.jsonl`, { force: true });
  }
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'portcullis-audit-fail-'));
  dirs.push(d);
  return d;
}

/**
 * These tests name exact sequence numbers and record lists, so no interval checkpoint may land mid-test (the default,
 * one a second with activity, does on a loaded machine). Timers are unref'd; an hour never fires here.
 */
const noIntervalCheckpoint = { checkpointEvery: { records: 1000, ms: 3_600_000 } };

/**
 * Store failure as root: permissions do not stop root, so another connection takes the database's write lock
 * (as a stuck process or a full/locked volume would make writes fail); the log's writes then fail after its
 * busy timeout.
 */
function lockDatabase(dir: string): () => void {
  const other = new Database(join(dir, 'audit.db'));
  other.exec('BEGIN EXCLUSIVE');
  return () => {
    other.exec('COMMIT');
    other.close();
  };
}

describe('store failure', () => {
  it.each(['main', 'worker'] as const)(
    'closed mode (%s-thread commits): append rejects with audit.unavailable, then recovers',
    async (writer) => {
      const dir = tempDir();
      const warnings: string[] = [];
      const log = await createAuditLog({
        dataDir: dir,
        ...noIntervalCheckpoint,
        writer,
        busyTimeoutMs: 20,
        onWarning: (m) => warnings.push(m),
      });
      await log.append({ type: 'config.reloaded' });
      const release = lockDatabase(dir);
      const results = await Promise.allSettled([
        log.append({ type: 'tool.call.requested', tool: 't' }),
        log.append({ type: 'tool.call.requested', tool: 't' }),
      ]);
      for (const r of results) {
        expect(r.status).toBe('rejected');
        const reason = (r as PromiseRejectedResult).reason as unknown;
        expect(isGatewayError(reason) && reason.code).toBe('audit.unavailable');
        expect((reason as Error).message).toBe('Audit log unavailable; call refused');
      }
      expect(warnings.join('\n')).toMatch(/calls are refused/);
      expect(log.status()).toMatchObject({ ready: false, state: 'degraded', spooled: 2 });
      release();
      // The refused events were spooled: they are written first, behind a marker, so none is lost.
      const ok = await log.append({ type: 'tool.call.requested', tool: 't' });
      expect(ok).toMatchObject({ seq: 5, recorded: true });
      const page = await log.query({ order: 'asc' });
      expect(page.records.map((r) => r.type)).toEqual([
        'config.reloaded',
        'audit.gap.recorded',
        'tool.call.requested',
        'tool.call.requested',
        'tool.call.requested',
      ]);
      expect(page.records[1]!.detail).toMatchObject({ spooled: 2, missed: 0 });
      expect(log.status()).toMatchObject({ ready: true, state: 'ok', spooled: 0 });
      expect((await log.verify()).ok).toBe(true);
      await log.close();
    },
  );

  it('open mode: appends resolve unrecorded with a loud warning; once the store returns they are written behind a gap marker', async () => {
    const dir = tempDir();
    const warnings: string[] = [];
    const log = await createAuditLog({
      dataDir: dir,
      ...noIntervalCheckpoint,
      busyTimeoutMs: 20,
      failMode: 'open',
      onWarning: (m) => warnings.push(m),
    });
    await log.append({ type: 'config.reloaded' });
    const release = lockDatabase(dir);
    const missed = await Promise.all([
      log.append({ type: 'tool.call.requested' }),
      log.append({ type: 'tool.call.completed' }),
    ]);
    expect(missed).toEqual([
      { seq: 0, hash: '', recorded: false },
      { seq: 0, hash: '', recorded: false },
    ]);
    expect(warnings.join('\n')).toMatch(/AUDIT FAIL-OPEN/);
    release();
    const next = await log.append({ type: 'tool.call.requested' });
    expect(next).toMatchObject({ seq: 5, recorded: true });
    const page = await log.query({ order: 'asc' });
    expect(page.records.map((r) => r.type)).toEqual([
      'config.reloaded',
      'audit.gap.recorded',
      'tool.call.requested',
      'tool.call.completed',
      'tool.call.requested',
    ]);
    expect(page.records[1]!.detail).toMatchObject({
      spooled: 2,
      missed: 0,
      types: { 'tool.call.requested': 1, 'tool.call.completed': 1 },
    });
    expect(page.records[1]!.error).toMatch(/database is locked/);
    expect((await log.verify()).ok).toBe(true);
    await log.close();
  });

  it('open mode: the gap marker is written by itself once the store is back, without a further append', async () => {
    const dir = tempDir();
    const log = await createAuditLog({
      dataDir: dir,
      ...noIntervalCheckpoint,
      busyTimeoutMs: 20,
      failMode: 'open',
      onWarning: () => undefined,
    });
    const release = lockDatabase(dir);
    expect(await log.append({ type: 'auth.failed' })).toMatchObject({ recorded: false });
    release();
    await vi.waitFor(
      async () =>
        expect((await log.query({ order: 'asc' })).records.map((r) => r.type)).toEqual([
          'audit.gap.recorded',
          'auth.failed',
        ]),
      { timeout: 10_000 },
    );
    await log.close();
  });

  it('refuses to start when the database cannot be opened (audit.db is a directory)', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'audit.db'));
    await expect(createAuditLog({ dataDir: dir })).rejects.toMatchObject({ code: 'audit.unavailable' });
  });
});
