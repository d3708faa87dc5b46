// A deleted or replaced SQLite audit database halts the log at the next commit, with nothing written to either file,
// whether the identity is checked on the event loop (before the commit) or by the append itself in the thread that
// commits (ADR 0017, Decision 33). The periodic check is kept out of the way (an hour), so only the commit path can
// find it.
import { copyFileSync, mkdtempSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditLog } from './audit-log.js';
import { AuditStoreIdentityError } from './store.js';
import { createSqliteAuditStore } from '../storage/sqlite/audit-store.js';
import { GENESIS_HASH, recordBody, sha256Hex } from './chain.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'portcullis-identity-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0))
    for (const p of [d, `${d}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
});

const countRows = (file: string): number => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM audit_records').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/** Replaces `file` with a copy of itself (another inode, the same content): a restore while running. */
function replaceWithCopy(file: string): void {
  copyFileSync(file, `${file}.copy`);
  renameSync(`${file}.copy`, file);
}

const record = (seq: number, prev: string) => {
  const body = recordBody(seq, prev, { type: 'tool.call.requested', timestamp: '2026-11-28T00:00:00.000Z' });
  return { seq, hash: sha256Hex(body), body };
};

describe.each(['worker', 'main'] as const)('audit store identity with writer: %s', (writer) => {
  it('the store itself refuses an append to a replaced database and writes nothing', async () => {
    const file = join(tempDir(), 'audit.db');
    const store = createSqliteAuditStore({ file, writer });
    expect(store.identityCheckedOnAppend).toBe(true);
    const first = record(1, GENESIS_HASH);
    await store.append([first], []);
    replaceWithCopy(file);
    const err = await store.append([record(2, first.hash)], []).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuditStoreIdentityError);
    expect((err as Error).message).toMatch(/was replaced/);
    expect(countRows(file)).toBe(1);
    await store.close();
    expect(countRows(file)).toBe(1);
  });

  it('the store itself refuses an append to a deleted database (ENOENT)', async () => {
    const file = join(tempDir(), 'audit.db');
    const store = createSqliteAuditStore({ file, writer });
    await store.append([record(1, GENESIS_HASH)], []);
    unlinkSync(file);
    const err = await store.append([record(2, GENESIS_HASH)], []).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuditStoreIdentityError);
    expect((err as AuditStoreIdentityError).code).toBe('ENOENT');
    await store.close();
  });

  it('the log halts at the next commit after the database is replaced; the call is refused', async () => {
    const dir = tempDir();
    const warnings: string[] = [];
    const log = await createAuditLog({
      dataDir: dir,
      writer,
      healthCheckMs: 3_600_000,
      onWarning: (m) => warnings.push(m),
    });
    await log.append({ type: 'tool.call.requested', agent: 'a', tool: 't', requestId: 'r1' });
    const before = countRows(join(dir, 'audit.db'));
    replaceWithCopy(join(dir, 'audit.db'));
    await expect(
      log.append({ type: 'tool.call.requested', agent: 'a', tool: 't', requestId: 'r2' }),
    ).rejects.toMatchObject({ code: 'audit.unavailable' });
    expect(log.status()).toMatchObject({ state: 'halted', ready: false });
    expect(log.status().reason).toMatch(/replaced while the gateway was running/);
    expect(warnings.some((w) => w.startsWith('AUDIT HALTED'))).toBe(true);
    // Halted: the next call is refused without touching the store.
    await expect(
      log.append({ type: 'tool.call.requested', agent: 'a', tool: 't', requestId: 'r3' }),
    ).rejects.toMatchObject({ code: 'audit.unavailable' });
    expect(countRows(join(dir, 'audit.db'))).toBe(before);
    await log.close();
  });

  it('the log halts at the next commit after the database is deleted', async () => {
    const dir = tempDir();
    const log = await createAuditLog({ dataDir: dir, writer, healthCheckMs: 3_600_000, onWarning: () => {} });
    await log.append({ type: 'tool.call.requested', agent: 'a', tool: 't', requestId: 'r1' });
    unlinkSync(join(dir, 'audit.db'));
    await expect(
      log.append({ type: 'tool.call.requested', agent: 'a', tool: 't', requestId: 'r2' }),
    ).rejects.toMatchObject({ code: 'audit.unavailable' });
    expect(log.status()).toMatchObject({ state: 'halted' });
    expect(log.status().reason).toMatch(/deleted while the gateway was running/);
    await log.close();
  });
});
