import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from './audit-log.js';
import { recordBody, sha256Hex } from './chain.js';

/**
 * End-to-end: drives the real CLI (`node <build>/cli/main.js audit ...`) against real database files.
 * The CLI is built with `tsc -p tsconfig.build.json` into a private output directory inside the repository
 * (so node_modules resolve), never into the shared dist/: other processes may be rebuilding dist/ at any
 * moment, and a half-written module there would make this test flaky.
 */
const root = resolve(import.meta.dirname, '..', '..');
const outDir = join(root, '.test-output', `audit-cli-build-${process.pid}`);
const mainJs = join(outDir, 'cli', 'main.js');
const auditJs = join(outDir, 'audit', 'index.js');

beforeAll(async () => {
  // Other modules may have type errors while in progress; tsc still emits, which is all this test needs.
  // Asynchronous on purpose: a synchronous build would block the test worker's event loop for its duration.
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  await new Promise<void>((done) => {
    spawn(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir, '--sourceMap', 'false'], {
      cwd: root,
      stdio: 'ignore',
    }).on('exit', () => done());
  });
  for (const f of [mainJs, auditJs, join(outDir, 'cli', 'commands', 'audit.js')]) {
    expect(existsSync(f), `${f} missing after build`).toBe(true);
  }
}, 180_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const dirs: string[] = [];
afterEach(() => {
  // The anchor file sits next to the data directory, outside it.
  for (const d of dirs.splice(0))
    for (const p of [d, `${d}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'portcullis-audit-cli-'));
  dirs.push(d);
  return d;
}

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [mainJs, 'audit', ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function makeLog(): Promise<string> {
  const dir = tempDir();
  const log = await createAuditLog({ dataDir: dir, checkpointEvery: { records: 8, ms: 3_600_000 } });
  for (let i = 1; i <= 18; i++) {
    await log.append({
      type: i % 6 ? 'tool.call.completed' : 'tool.call.denied',
      agent: i % 2 ? 'odd-bot' : 'even-bot',
      tool: 'crm.lookup',
      decision: i % 6 ? 'allow' : 'deny',
    });
  }
  await log.close(); // 18 events, checkpoints at 9 and 18 (records), 21 (close)
  return dir;
}

type Row = { hash: string; body: string };
const tampering: Array<[string, (db: Database.Database) => void, RegExp]> = [
  [
    'edit a field',
    (db) => db.exec(`UPDATE audit_records SET body = replace(body, '"odd-bot"', '"evil-bot"') WHERE seq = 5`),
    /seq 5: modified/,
  ],
  ['delete a record', (db) => db.exec('DELETE FROM audit_records WHERE seq = 7'), /seq 7: deleted/],
  [
    'insert a record',
    (db) => {
      db.exec(
        'DELETE FROM audit_checkpoints; UPDATE audit_records SET seq = seq + 1000 WHERE seq >= 5; UPDATE audit_records SET seq = seq - 999 WHERE seq >= 1005',
      );
      const prev = (db.prepare('SELECT hash FROM audit_records WHERE seq = 4').get() as Row).hash;
      const body = recordBody(5, prev, {
        type: 'tool.call.completed',
        timestamp: new Date().toISOString(),
        agent: 'intruder',
      });
      db.prepare('INSERT INTO audit_records (seq, hash, body) VALUES (5, ?, ?)').run(sha256Hex(body), body);
    },
    /seq 5: inserted/,
  ],
  [
    'swap two records',
    (db) => {
      const a = db.prepare('SELECT hash, body FROM audit_records WHERE seq = 11').get() as Row;
      const b = db.prepare('SELECT hash, body FROM audit_records WHERE seq = 12').get() as Row;
      db.prepare('UPDATE audit_records SET hash = ?, body = ? WHERE seq = 11').run(b.hash, b.body);
      db.prepare('UPDATE audit_records SET hash = ?, body = ? WHERE seq = 12').run(a.hash, a.body);
    },
    /seq 11: reordered/,
  ],
  ['truncate the tail', (db) => db.exec('DELETE FROM audit_records WHERE seq > 15'), /seq 16: truncated/],
  [
    'forge a checkpoint',
    (db) => db.exec(`UPDATE audit_checkpoints SET hash = '${'a'.repeat(64)}' WHERE seq = 9`),
    /seq 9: checkpoint-invalid/,
  ],
];

describe('portcullis audit (real CLI)', () => {
  it('verify exits 0 on an untouched log', async () => {
    const dir = await makeLog();
    const r = cli('verify', '--data-dir', dir);
    expect(r.stdout).toMatch(/^OK: 21 record\(s\) \(seq 1\.\.21\) and 3 signed checkpoint\(s\) verified/);
    expect(r.code).toBe(0);
  });

  it.each(tampering)('verify catches: %s (names the position, exits 1)', async (_name, tamper, expected) => {
    const dir = await makeLog();
    const db = new Database(join(dir, 'audit.db'));
    tamper(db);
    db.close();
    const r = cli('verify', '--data-dir', dir);
    expect(r.stdout).toMatch(/^FAILED: /);
    expect(r.stdout).toMatch(expected);
    expect(r.code).toBe(1);
  });

  it('the anchor outside the data directory (and checkpoints exported elsewhere) catch a tail truncation that removed the checkpoints too', async () => {
    const dir = await makeLog();
    const digest = join(dir, 'digest.jsonl');
    expect(cli('export', '--data-dir', dir, '--format', 'checkpoints', '--out', digest).code).toBe(0);
    const db = new Database(join(dir, 'audit.db'));
    db.exec('DELETE FROM audit_records WHERE seq > 15; DELETE FROM audit_checkpoints WHERE seq > 15');
    db.close();
    // Found by default next to the data directory.
    const anchored = cli('verify', '--data-dir', dir);
    expect(anchored.stdout).toMatch(/seq 16: truncated: anchored checkpoint at seq 21/);
    expect(anchored.code).toBe(1);
    // Without any copy outside the database the same truncation is undetectable, and verify says so.
    const blind = cli('verify', '--data-dir', dir, '--anchor', join(dir, 'none.jsonl'));
    expect(blind.code).toBe(0);
    expect(blind.stdout).toMatch(/no anchor found outside the database/);
    const r = cli(
      'verify',
      '--data-dir',
      dir,
      '--checkpoints',
      digest,
      '--public-key',
      join(dir, 'audit-signing-key.pem.pub'),
    );
    expect(r.stdout).toMatch(/seq 16: truncated/);
    expect(r.code).toBe(1);
  });

  it('query and export with --config (dataDir read from the YAML), filters and cursor', async () => {
    const dir = await makeLog();
    const config = join(dir, 'portcullis.yaml');
    writeFileSync(config, `dataDir: .\nupstreams: {}\n`);
    const first = cli('query', '--config', config, '--agent', 'odd-bot', '--limit', '4');
    expect(first.code).toBe(0);
    const page1 = first.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; agent: string });
    expect(page1.map((r) => r.seq)).toEqual([19, 16, 14, 12]);
    const cursor = /next cursor: (\S+)/.exec(first.stderr)![1]!;
    const second = cli('query', '--config', config, '--agent', 'odd-bot', '--limit', '4', '--cursor', cursor);
    expect(
      second.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { seq: number }).seq),
    ).toEqual([10, 7, 5, 3]);
    const csv = cli('export', '--config', config, '--format', 'csv', '--decision', 'deny');
    expect(csv.stdout.trim().split('\r\n')).toHaveLength(4); // header + events 6, 12, 18 (seq 6, 13, 20)
    expect(cli('verify', '--data-dir', join(dir, 'nope')).code).toBe(2);
  });

  it.each(['main', 'worker'])(
    'crash (%s-thread commits): SIGKILL under sustained load loses no acknowledged append and leaves a verifiable chain',
    async (writer) => {
      const dir = tempDir();
      const child = spawn(
        process.execPath,
        [join(root, 'src', 'audit', 'testdata', 'crash-writer.mjs'), auditJs, dir, '32', writer],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const acked = new Map<number, string>();
      let buffered = '';
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      let exited = false;
      // 'close': the process is gone and its stdout fully read.
      const exit = new Promise<void>((r) => child.on('close', () => ((exited = true), r())));
      // Every ack read before the kill counts; acks still in the pipe afterwards count too (their appends resolved).
      child.stdout.on('data', (d: Buffer) => {
        buffered += d.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) {
          const [seq, id] = line.split(' ');
          if (id) acked.set(Number(seq), id);
        }
      });
      await new Promise<void>((resolvePromise, reject) => {
        const poll = setInterval(() => {
          if (acked.size >= 3000) {
            clearInterval(poll);
            resolvePromise();
          } else if (exited) {
            clearInterval(poll);
            reject(new Error(`writer exited early: ${stderr}`));
          }
        }, 20);
      });
      child.kill('SIGKILL');
      await exit;

      const r = cli('verify', '--data-dir', dir);
      expect(r.stdout).toMatch(/^OK: /);
      expect(r.code).toBe(0);
      const log = await createAuditLog({ dataDir: dir });
      const head = (await log.query({ limit: 1 })).records[0]!;
      expect(head.seq).toBeGreaterThanOrEqual(Math.max(...acked.keys()));
      const missing: number[] = [];
      for (let from = 1; from <= head.seq; from += 1000) {
        const page = await log.query({ order: 'asc', fromSeq: from, toSeq: from + 999, limit: 1000 });
        const bySeq = new Map(page.records.map((rec) => [rec.seq, rec.requestId]));
        for (const [seq, id] of acked) if (seq >= from && seq <= from + 999 && bySeq.get(seq) !== id) missing.push(seq);
      }
      expect(missing).toEqual([]);
      expect((await log.verify()).ok).toBe(true);
      await log.close();
    },
  );
});
