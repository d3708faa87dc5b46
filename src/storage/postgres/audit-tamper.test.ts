import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresServerUrl } from '../../../test/postgres/database.js';
import { createAuditLog } from '../../audit/index.js';
import { recordBody, sha256Hex } from '../../audit/chain.js';
import type { VerifyResult } from '../../audit/types.js';
import { openStores } from '../open-stores.js';

/**
 * The tamper cases of src/audit/tamper.test.ts, on PostgreSQL: the same verify code must name the same breaks
 * when someone with database access edits the chain there.
 */
const server = postgresServerUrl();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A closed log of 18 events plus the closing checkpoint (seq 21), checkpoints every 8 records (seq 9, 18). */
async function makeLog(): Promise<{ dataDir: string; url: string }> {
  const db = await createTestDatabase(server!);
  cleanups.push(() => db.drop());
  const dataDir = mkdtempSync(join(tmpdir(), 'portcullis-pgtamper-'));
  cleanups.push(() => {
    for (const p of [dataDir, `${dataDir}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
  });
  const stores = await openStores({ kind: 'postgres', url: db.url, migrateOnStart: true });
  const log = await createAuditLog({
    dataDir,
    storage: stores.audit,
    checkpointEvery: { records: 8, ms: 3_600_000 },
    onWarning: () => undefined,
  });
  for (let i = 1; i <= 18; i++)
    await log.append({ type: 'tool.call.completed', agent: `agent-${i}`, tool: 'crm.lookup', latencyMs: i });
  await log.close();
  await stores.close();
  return { dataDir, url: db.url };
}

async function sql(url: string, text: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}

async function verify(l: { dataDir: string; url: string }): Promise<VerifyResult> {
  const stores = await openStores({ kind: 'postgres', url: l.url, migrateOnStart: true });
  try {
    const log = await createAuditLog({ dataDir: l.dataDir, storage: stores.audit, onWarning: () => undefined }).catch(
      () => undefined,
    );
    if (log) {
      const r = await log.verify();
      await log.close();
      return r;
    }
    // The log refuses to open on a chain that contradicts its anchors; verify through the CLI's path instead.
    const { verifyAuditChain } = await import('../../audit/verify.js');
    const { loadVerificationKey } = await import('../../audit/signing.js');
    const publicKey = await loadVerificationKey(join(l.dataDir, 'audit-signing-key.pem'));
    return await verifyAuditChain(stores.audit.openReadonly(), { publicKey, keySource: 'key-file' });
  } finally {
    await stores.close();
  }
}

(server ? describe : describe.skip)('verify catches tampering on PostgreSQL', () => {
  it('accepts an untouched log', async () => {
    const l = await makeLog();
    expect(await verify(l)).toMatchObject({
      ok: true,
      records: 21,
      firstSeq: 1,
      lastSeq: 21,
      checkpoints: 3,
      issues: [],
    });
  });

  it('an edited field; a body that is no longer JSON', async () => {
    const l = await makeLog();
    await sql(
      l.url,
      `UPDATE audit_records SET body = replace(body, '"agent":"agent-5"', '"agent":"agent-X"') WHERE seq = 5`,
    );
    await sql(l.url, `UPDATE audit_records SET body = 'not json' WHERE seq = 12`);
    const r = await verify(l);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ kind: 'modified', seq: 5 });
    expect(r.issues.some((i) => i.seq === 12)).toBe(true);
  });

  it('an edited field with its hash recomputed: the next record no longer links to it', async () => {
    const l = await makeLog();
    const body = (
      (await sql(l.url, 'SELECT body FROM audit_records WHERE seq = 5')).rows[0] as { body: string }
    ).body.replace('"latencyMs":5', '"latencyMs":9999');
    await sql(l.url, 'UPDATE audit_records SET body = $1, hash = $2 WHERE seq = 5', [body, sha256Hex(body)]);
    const r = await verify(l);
    expect(r.issues[0]).toMatchObject({ kind: 'broken-link', seq: 6 });
  });

  it('a deleted record, an inserted one, a truncated tail', async () => {
    const deleted = await makeLog();
    await sql(deleted.url, 'DELETE FROM audit_records WHERE seq = 7');
    expect((await verify(deleted)).issues[0]).toMatchObject({ kind: 'deleted', seq: 7 });

    const inserted = await makeLog();
    await sql(inserted.url, 'DELETE FROM audit_checkpoints');
    await sql(inserted.url, 'UPDATE audit_records SET seq = seq + 1000 WHERE seq >= 5');
    await sql(inserted.url, 'UPDATE audit_records SET seq = seq - 999 WHERE seq >= 1005');
    const prev = ((await sql(inserted.url, 'SELECT hash FROM audit_records WHERE seq = 4')).rows[0] as { hash: string })
      .hash;
    const body = recordBody(5, prev, {
      type: 'tool.call.completed',
      timestamp: new Date().toISOString(),
      agent: 'intruder',
    });
    await sql(inserted.url, 'INSERT INTO audit_records (seq, hash, body) VALUES (5, $1, $2)', [sha256Hex(body), body]);
    expect((await verify(inserted)).issues.find((i) => i.kind === 'inserted')).toMatchObject({ seq: 5 });

    const truncated = await makeLog();
    await sql(truncated.url, 'DELETE FROM audit_records WHERE seq > 15');
    const r = await verify(truncated);
    expect(r.ok).toBe(false);
    expect(r.issues.filter((i) => i.kind === 'truncated').map((i) => i.seq)).toContain(16);
  });
});
