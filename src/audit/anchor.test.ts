import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readAnchors, newestCheckpoint } from './anchor.js';
import { createAuditLog } from './audit-log.js';
import type { SinkTransport } from './sinks/index.js';
import type { AuditRecord } from './types.js';

const mainJs = resolve(import.meta.dirname, '../../dist/cli/main.js');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0))
    for (const p of [d, `${d}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'portcullis-anchor-'));
  dirs.push(d);
  return d;
}
function verifyCli(...args: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [mainJs, 'audit', 'verify', ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout + r.stderr };
}
const quiet = { onWarning: () => undefined };

async function writeLog(dir: string, n: number, extra: Parameters<typeof createAuditLog>[0] | object = {}) {
  const log = await createAuditLog({
    dataDir: dir,
    ...quiet,
    checkpointEvery: { records: 5, ms: 3_600_000 },
    ...extra,
  });
  for (let i = 0; i < n; i++) await log.append({ type: 'tools.listed', agent: `a${i}` });
  await log.close();
}

describe('anchored head', () => {
  it('every signed checkpoint is appended (0600) to the anchor file next to, not inside, the data directory', async () => {
    const dir = tempDir();
    await writeLog(dir, 12);
    const anchorFile = `${dir}.audit-anchor.jsonl`;
    expect(statSync(anchorFile).mode & 0o777).toBe(0o600);
    const anchors = await readAnchors(anchorFile);
    const db = new Database(join(dir, 'audit.db'), { readonly: true });
    const stored = db.prepare('SELECT seq, hash FROM audit_checkpoints ORDER BY seq').all();
    db.close();
    expect(anchors.checkpoints.map((c) => ({ seq: c.seq, hash: c.hash }))).toEqual(stored);
    expect(anchors.publicKey).toMatch(/BEGIN PUBLIC KEY/);
  });

  it('tail truncation that also deletes the checkpoints is reported, and the gateway refuses to open the log', async () => {
    const dir = tempDir();
    await writeLog(dir, 12); // checkpoints at 6, 12, 15 (close)
    const db = new Database(join(dir, 'audit.db'));
    db.exec('DELETE FROM audit_records WHERE seq > 7; DELETE FROM audit_checkpoints WHERE seq > 7');
    db.close();
    const r = verifyCli('--data-dir', dir);
    expect(r.out).toMatch(/seq 8: truncated: anchored checkpoint at seq 15 but the log ends at seq 7/);
    expect(r.code).toBe(1);
    await expect(createAuditLog({ dataDir: dir, ...quiet })).rejects.toMatchObject({
      code: 'audit.unavailable',
      detail: expect.stringMatching(/ends at seq 7, but the anchor holds a signed checkpoint at seq 15/),
    });
    // --audit-new-log does not write over a log that exists: the operator moves it aside first.
    await expect(createAuditLog({ dataDir: dir, ...quiet, startNewLog: true })).rejects.toMatchObject({
      detail: expect.stringMatching(/move the database aside first/),
    });
  });

  it('a log rewritten and re-signed with another key (key file replaced too) is reported', async () => {
    const dir = tempDir();
    await writeLog(dir, 12);
    // The attacker deletes the log and the key, and writes a new history with a key of their own, without
    // touching the anchor file (which they cannot rewrite).
    for (const f of ['audit.db', 'audit.db-wal', 'audit.db-shm', 'audit-signing-key.pem', 'audit-signing-key.pem.pub'])
      rmSync(join(dir, f), { force: true });
    await writeLog(dir, 14, { anchorPath: join(dir, 'attacker-anchor.jsonl') });
    const r = verifyCli('--data-dir', dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/checkpoint at seq \d+ is signed by another key/);
    await expect(createAuditLog({ dataDir: dir, ...quiet })).rejects.toMatchObject({
      detail: expect.stringMatching(/is not the key of the anchored checkpoints/),
    });
  });

  it('the stated window: a record is under an anchored checkpoint within checkpointEvery.ms (plus a commit)', async () => {
    const dir = tempDir();
    const log = await createAuditLog({ dataDir: dir, ...quiet, checkpointEvery: { records: 1000, ms: 1000 } });
    const { seq } = await log.append({ type: 'tools.listed' });
    // Generous bound (the stated window is 1 s): this is a correctness check, not a benchmark.
    await vi.waitFor(
      async () => expect(newestCheckpoint((await readAnchors(log.anchorPath)).checkpoints)?.seq).toBeGreaterThan(seq),
      { timeout: 4000, interval: 100 },
    );
    await log.close();
  });

  it('sinks carry signed checkpoints, and verify can use a sink file as the anchor', async () => {
    const dir = tempDir();
    const delivered: AuditRecord[] = [];
    const transport: SinkTransport = {
      type: 'memory',
      deliver: async (recs) => void delivered.push(...recs),
      close: async () => undefined,
    };
    const sinkFile = join(dir, 'siem.jsonl');
    await writeLog(dir, 12, {
      sinks: [
        { name: 'mem', transport },
        { type: 'file', path: sinkFile },
      ],
    });
    const cps = delivered.filter((r) => r.type === 'audit.checkpoint.created');
    expect(cps.length).toBe(3);
    for (const c of cps) expect(c.signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    rmSync(`${dir}.audit-anchor.jsonl`);
    const db = new Database(join(dir, 'audit.db'));
    db.exec('DELETE FROM audit_records WHERE seq > 7; DELETE FROM audit_checkpoints WHERE seq > 7');
    db.close();
    const r = verifyCli('--data-dir', dir, '--anchor', sinkFile);
    expect(r.out).toMatch(/truncated/);
    expect(r.code).toBe(1);
    expect(readFileSync(sinkFile, 'utf8')).toMatch(/"signature":/);
  });
});

describe('signing key outside the data directory', () => {
  it('from an environment variable: no key file is created in dataDir', async () => {
    const dir = tempDir();
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    vi.stubEnv('TEST_AUDIT_KEY', pem);
    try {
      await writeLog(dir, 6, { signingKeyEnv: 'TEST_AUDIT_KEY' });
    } finally {
      vi.unstubAllEnvs();
    }
    expect(existsSync(join(dir, 'audit-signing-key.pem'))).toBe(false);
    expect(verifyCli('--data-dir', dir).code).toBe(0);
  });

  it('from a KMS-style signer (only a public key and a sign function); a bad signature fails closed', async () => {
    const dir = tempDir();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const signer = { publicKeyPem, sign: async (payload: Buffer) => sign(null, payload, privateKey) };
    await writeLog(dir, 6, { signer });
    expect(existsSync(join(dir, 'audit-signing-key.pem'))).toBe(false);
    expect(verifyCli('--data-dir', dir).code).toBe(0);

    const bad = await createAuditLog({
      dataDir: dir,
      ...quiet,
      signer: { publicKeyPem, sign: async () => Buffer.alloc(64) },
    });
    await expect(bad.checkpoint()).rejects.toMatchObject({ code: 'audit.unavailable' });
    await bad.close();
  });
});

describe('file modes', () => {
  it('database files 0600 and the directory 0700 whatever the umask', async () => {
    const old = process.umask(0o000);
    try {
      const dir = join(tempDir(), 'data');
      await writeLog(dir, 3);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      for (const f of ['audit.db', 'audit.db-wal', 'audit.db-shm'])
        if (existsSync(join(dir, f))) expect([f, statSync(join(dir, f)).mode & 0o777]).toEqual([f, 0o600]);
    } finally {
      process.umask(old);
    }
  });
});
