import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditLog } from './audit-log.js';
import { applyRetention } from './retention.js';
import { createSqliteAuditStore } from './sqlite-store.js';

const dirs: string[] = [];
afterEach(() => {
  // The anchor file sits next to the data directory, outside it.
  for (const d of dirs.splice(0))
    for (const p of [d, `${d}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'portcullis-retention-'));
  dirs.push(d);
  return d;
}

describe('retention', () => {
  it('prunes by count up to a signed checkpoint; the retained chain still verifies', async () => {
    const dir = tempDir();
    const log = await createAuditLog({
      dataDir: dir,
      checkpointEvery: { records: 10, ms: 3_600_000 },
      retention: { maxRecords: 25 },
    });
    for (let i = 0; i < 60; i++) await log.append({ type: 'tools.listed', detail: { i } });
    // 60 events + checkpoints after every 10 = 66 records; checkpoints at 11, 22, 33, 44, 55, 66.
    const result = await log.applyRetention();
    // Policy allows dropping seq < 42; the latest checkpoint at or before that is 33.
    expect(result).toMatchObject({ prunedBefore: 33, deleted: 32, reason: 'records' });
    const oldest = (await log.query({ order: 'asc', limit: 1 })).records[0]!;
    expect(oldest).toMatchObject({ seq: 33, type: 'audit.checkpoint.created' });
    const newest = (await log.query({ limit: 1 })).records[0]!;
    expect(newest).toMatchObject({ type: 'audit.retention.applied', detail: { prunedBefore: 33, deleted: 32 } });
    const v = await log.verify();
    expect(v).toMatchObject({ ok: true, firstSeq: 33 });
    await log.close();
  });

  it('prunes by age and keeps everything newer than the cutoff', async () => {
    const dir = tempDir();
    const log = await createAuditLog({ dataDir: dir, checkpointEvery: { records: 5, ms: 3_600_000 } });
    for (let i = 0; i < 12; i++) await log.append({ type: 'tools.listed' });
    await log.close();
    const store = createSqliteAuditStore({ file: join(dir, 'audit.db') });
    // Nothing is older than a day yet.
    expect(await applyRetention(store, { maxAgeDays: 1 }, new Date())).toMatchObject({ deleted: 0, reason: 'none' });
    // Seen from two days ahead, everything is old: prune up to the newest checkpoint, which stays as the anchor.
    const later = new Date(Date.now() + 2 * 86_400_000);
    const r = await applyRetention(store, { maxAgeDays: 1 }, later);
    const head = await store.head();
    expect(r).toMatchObject({ reason: 'age', prunedBefore: head!.seq });
    expect((await store.first())!.seq).toBe(head!.seq);
    await store.close();
    const reopened = await createAuditLog({ dataDir: dir });
    expect((await reopened.verify()).ok).toBe(true);
    await reopened.close();
  });

  it('after pruning, deleting the anchor checkpoint is caught', async () => {
    const dir = tempDir();
    const log = await createAuditLog({
      dataDir: dir,
      checkpointEvery: { records: 10, ms: 3_600_000 },
      retention: { maxRecords: 5 },
    });
    for (let i = 0; i < 30; i++) await log.append({ type: 'tools.listed' });
    const r = (await log.applyRetention())!;
    await log.close();
    const db = new Database(join(dir, 'audit.db'));
    db.prepare('DELETE FROM audit_checkpoints WHERE seq = ?').run(r.prunedBefore);
    db.close();
    const reopened = await createAuditLog({ dataDir: dir });
    const v = await reopened.verify();
    expect(v.ok).toBe(false);
    // Without an anchor file the retained log is 'unanchored'; with it, the anchored copy names the missing row.
    expect(v.issues.find((i) => i.seq === r.prunedBefore)?.kind).toMatch(/^(unanchored|checkpoint-missing)$/);
    await reopened.close();
  });
});

describe('retention interrupted part-way', () => {
  it('verify starts at the recorded prune point while older records are still being deleted', async () => {
    const dir = tempDir();
    const log = await createAuditLog({ dataDir: dir, checkpointEvery: { records: 10, ms: 3_600_000 } });
    for (let i = 0; i < 30; i++) await log.append({ type: 'tools.listed' });
    await log.close();
    // A crash after the prune point was recorded and the first chunk (here: seq 1..4) was deleted.
    const db = new Database(join(dir, 'audit.db'));
    db.exec(
      `INSERT INTO audit_meta (key, value) VALUES ('retention.prunedBefore', '22'); DELETE FROM audit_records WHERE seq < 5`,
    );
    db.close();
    const reopened = await createAuditLog({ dataDir: dir });
    expect(await reopened.verify()).toMatchObject({ ok: true, firstSeq: 22 });
    // A prune point that is not a signed checkpoint does not help an attacker.
    await reopened.close();
    const db2 = new Database(join(dir, 'audit.db'));
    db2.exec(`UPDATE audit_meta SET value = '15' WHERE key = 'retention.prunedBefore'`);
    db2.close();
    const again = await createAuditLog({ dataDir: dir });
    expect((await again.verify()).issues[0]).toMatchObject({ kind: 'unanchored', seq: 15 });
    await again.close();
  });
});
