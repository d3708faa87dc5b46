import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditLog } from './audit-log.js';
import { parseBody, recordBody, sha256Hex } from './chain.js';
import { createCheckpointSigner, loadVerificationKey } from './signing.js';
import { createSqliteAuditStore } from '../storage/sqlite/audit-store.js';
import type { SignedCheckpoint, VerifyResult } from './types.js';
import { verifyAuditChain } from './verify.js';

const dirs: string[] = [];
afterEach(() => {
  // The anchor file sits next to the data directory, outside it.
  for (const d of dirs.splice(0))
    for (const p of [d, `${d}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
});

/** A closed log of 20 events plus the closing checkpoint (seq 21), checkpoints every 8 records (seq 9, 18). */
async function makeLog(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-tamper-'));
  dirs.push(dir);
  const log = await createAuditLog({ dataDir: dir, checkpointEvery: { records: 8, ms: 3_600_000 } });
  for (let i = 1; i <= 18; i++)
    await log.append({ type: 'tool.call.completed', agent: `agent-${i}`, tool: 'crm.lookup', latencyMs: i });
  await log.close();
  return dir;
}

async function verify(dir: string, external?: SignedCheckpoint[]): Promise<VerifyResult> {
  const store = createSqliteAuditStore({ file: join(dir, 'audit.db'), readonly: true });
  try {
    const publicKey = await loadVerificationKey(join(dir, 'audit-signing-key.pem'));
    return await verifyAuditChain(store, {
      publicKey,
      keySource: 'key-file',
      ...(external ? { externalCheckpoints: external } : {}),
    });
  } finally {
    await store.close();
  }
}

function raw(dir: string): Database.Database {
  return new Database(join(dir, 'audit.db'));
}

type Row = { seq: number; hash: string; body: string };

describe('verify catches tampering on the real database file', () => {
  it('accepts an untouched log (20 records, checkpoints at 9, 18 and 21)', async () => {
    const dir = await makeLog();
    const r = await verify(dir);
    expect(r).toMatchObject({ ok: true, records: 21, firstSeq: 1, lastSeq: 21, checkpoints: 3, issues: [] });
  });

  it('keeps an argument named __proto__ in the stored body, and the chain verifies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-tamper-'));
    dirs.push(dir);
    const log = await createAuditLog({ dataDir: dir });
    const args = JSON.parse('{"__proto__":{"isAdmin":true},"path":"x"}') as Record<string, unknown>;
    await log.append({ type: 'tool.call.requested', agent: 'a', tool: 't', arguments: args });
    await log.close();
    const r = await verify(dir);
    expect(r).toMatchObject({ ok: true, issues: [] });
    const db = raw(dir);
    const bodies = (db.prepare('SELECT body FROM audit_records ORDER BY seq').all() as { body: string }[]).map(
      (x) => x.body,
    );
    db.close();
    expect(bodies.some((b) => b.includes('"arguments":{"__proto__":{"isAdmin":true},"path":"x"}'))).toBe(true);
  });

  it('an edited field: names the modified record', async () => {
    const dir = await makeLog();
    const db = raw(dir);
    db.prepare(
      `UPDATE audit_records SET body = replace(body, '"agent":"agent-5"', '"agent":"agent-X"') WHERE seq = 5`,
    ).run();
    db.close();
    const r = await verify(dir);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ kind: 'modified', seq: 5 });
  });

  it('an edited field with its hash recomputed: the next record no longer links to it', async () => {
    const dir = await makeLog();
    const db = raw(dir);
    const row = db.prepare('SELECT body FROM audit_records WHERE seq = 5').get() as Row;
    const body = row.body.replace('"latencyMs":5', '"latencyMs":9999');
    db.prepare('UPDATE audit_records SET body = ?, hash = ? WHERE seq = 5').run(body, sha256Hex(body));
    db.close();
    const r = await verify(dir);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ kind: 'broken-link', seq: 6 });
    expect(r.issues[0]!.message).toContain('record 5');
  });

  it('a deleted record', async () => {
    const dir = await makeLog();
    const db = raw(dir);
    db.prepare('DELETE FROM audit_records WHERE seq = 7').run();
    db.close();
    const r = await verify(dir);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ kind: 'deleted', seq: 7 });
  });

  it('an inserted record (later records renumbered, forged record correctly linked)', async () => {
    const dir = await makeLog();
    const db = raw(dir);
    db.prepare('DELETE FROM audit_checkpoints').run();
    db.prepare('UPDATE audit_records SET seq = seq + 1000 WHERE seq >= 5').run();
    db.prepare('UPDATE audit_records SET seq = seq - 999 WHERE seq >= 1005').run();
    const prev = (db.prepare('SELECT hash FROM audit_records WHERE seq = 4').get() as Row).hash;
    const body = recordBody(5, prev, {
      type: 'tool.call.completed',
      timestamp: new Date().toISOString(),
      agent: 'intruder',
    });
    db.prepare('INSERT INTO audit_records (seq, hash, body) VALUES (5, ?, ?)').run(sha256Hex(body), body);
    db.close();
    const r = await verify(dir);
    expect(r.ok).toBe(false);
    expect(r.issues.find((i) => i.kind === 'inserted')).toMatchObject({ kind: 'inserted', seq: 5 });
  });

  it('two records swapped', async () => {
    const dir = await makeLog();
    const db = raw(dir);
    const a = db.prepare('SELECT hash, body FROM audit_records WHERE seq = 11').get() as Row;
    const b = db.prepare('SELECT hash, body FROM audit_records WHERE seq = 12').get() as Row;
    db.prepare('UPDATE audit_records SET hash = ?, body = ? WHERE seq = 11').run(b.hash, b.body);
    db.prepare('UPDATE audit_records SET hash = ?, body = ? WHERE seq = 12').run(a.hash, a.body);
    db.close();
    const r = await verify(dir);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ kind: 'reordered', seq: 11 });
    expect(r.issues.some((i) => i.seq === 12)).toBe(true);
  });

  it('a truncated tail (records removed, checkpoint rows left)', async () => {
    const dir = await makeLog();
    const db = raw(dir);
    db.prepare('DELETE FROM audit_records WHERE seq > 15').run();
    db.close();
    const r = await verify(dir);
    expect(r.ok).toBe(false);
    expect(r.issues.filter((i) => i.kind === 'truncated').map((i) => i.seq)).toContain(16);
  });

  it('a truncated tail with its checkpoints removed too: caught against the exported checkpoints', async () => {
    const dir = await makeLog();
    const store = createSqliteAuditStore({ file: join(dir, 'audit.db'), readonly: true });
    const exported = await store.checkpoints(0, 1e9);
    await store.close();
    const db = raw(dir);
    db.prepare('DELETE FROM audit_records WHERE seq > 15').run();
    db.prepare('DELETE FROM audit_checkpoints WHERE seq > 15').run();
    db.close();
    expect((await verify(dir)).ok).toBe(true); // undetectable from the database alone
    const r = await verify(dir, exported);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ kind: 'truncated', seq: 16 });
  });

  it('a forged checkpoint (altered hash, or signed with another key)', async () => {
    const dir = await makeLog();
    const db = raw(dir);
    db.prepare(`UPDATE audit_checkpoints SET hash = ? WHERE seq = 9`).run('f'.repeat(64));
    const { privateKey } = generateKeyPairSync('ed25519');
    const forged = createCheckpointSigner(privateKey).sign(
      18,
      (db.prepare('SELECT hash FROM audit_records WHERE seq = 18').get() as Row).hash,
      new Date().toISOString(),
    );
    db.prepare('UPDATE audit_checkpoints SET key_id = ?, signature = ? WHERE seq = 18').run(
      forged.keyId,
      forged.signature,
    );
    db.close();
    const r = await verify(dir);
    expect(r.ok).toBe(false);
    const invalid = r.issues.filter((i) => i.kind === 'checkpoint-invalid').map((i) => i.seq);
    expect(invalid).toEqual([9, 18]);
  });

  it('a rewritten history (re-hashed from the edit onwards) contradicts the signed checkpoints', async () => {
    const dir = await makeLog();
    const db = raw(dir);
    const rows = db.prepare('SELECT seq, hash, body FROM audit_records ORDER BY seq').all() as Row[];
    let prev = rows[2]!.hash;
    for (const row of rows.slice(3)) {
      const parsed = parseBody(row.body)!;
      if (row.seq === 4) parsed.event.agent = 'someone-else';
      const body = recordBody(row.seq, prev, parsed.event);
      prev = sha256Hex(body);
      db.prepare('UPDATE audit_records SET body = ?, hash = ? WHERE seq = ?').run(body, prev, row.seq);
    }
    db.close();
    const r = await verify(dir);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ kind: 'checkpoint-mismatch', seq: 9 });
  });

  it('records deleted from the start of the log', async () => {
    const dir = await makeLog();
    const db = raw(dir);
    db.prepare('DELETE FROM audit_records WHERE seq <= 3').run();
    db.close();
    const r = await verify(dir);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ kind: 'unanchored', seq: 4 });
  });

  it('a checkpoint row deleted while its record remains', async () => {
    const dir = await makeLog();
    const db = raw(dir);
    db.prepare('DELETE FROM audit_checkpoints WHERE seq = 9').run();
    db.close();
    const r = await verify(dir);
    expect(r.issues).toEqual([expect.objectContaining({ kind: 'checkpoint-missing', seq: 9 })]);
  });
});
