import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresServerUrl } from '../../../test/postgres/database.js';
import { createAuditLog } from '../../audit/index.js';
import { openStores } from '../open-stores.js';

const root = resolve(import.meta.dirname, '..', '..', '..');
const server = postgresServerUrl();
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

interface Writer {
  proc: ChildProcess;
  acked: Map<number, string>;
  exited: Promise<void>;
  stderr: () => string;
}

function startWriter(url: string, dataDir: string, name: string): Writer {
  const proc = spawn(
    process.execPath,
    [
      join(root, 'src', 'storage', 'postgres', 'testdata', 'pg-writer.mjs'),
      join(root, 'dist'),
      url,
      dataDir,
      name,
      '16',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const acked = new Map<number, string>();
  let buffered = '';
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  proc.stdout.on('data', (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      const [seq, id] = line.split(' ');
      if (id) acked.set(Number(seq), id);
    }
  });
  // 'close': the process is gone and its stdout fully read (acks still in the pipe count: they were committed).
  const exited = new Promise<void>((r) => proc.on('close', () => r()));
  return { proc, acked, exited, stderr: () => err };
}

async function until(cond: () => boolean, w: Writer[], what: string): Promise<void> {
  const end = Date.now() + 90_000;
  while (!cond()) {
    for (const x of w)
      if (x.proc.exitCode !== null || x.proc.signalCode !== null) throw new Error(`writer exited: ${x.stderr()}`);
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

(server ? describe : describe.skip)('audit chain on PostgreSQL shared by two processes', () => {
  it('concurrent appends from two processes, one killed with SIGKILL mid-load: one verifiable chain, no acknowledged record lost, none duplicated', async () => {
    const db = await createTestDatabase(server!);
    cleanups.push(() => db.drop());
    const dataDir = mkdtempSync(join(tmpdir(), 'portcullis-pgmw-'));
    cleanups.push(() => {
      for (const p of [dataDir, `${dataDir}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
    });
    // The first creates the signing key and the schema; the second shares both.
    const a = startWriter(db.url, dataDir, 'a');
    await until(() => a.acked.size > 0, [a], 'the first writer');
    const b = startWriter(db.url, dataDir, 'b');
    await until(() => a.acked.size >= 1500 && b.acked.size >= 1500, [a, b], 'both writers under load');
    a.proc.kill('SIGKILL');
    await a.exited;
    const afterKill = b.acked.size;
    await until(() => b.acked.size >= afterKill + 1000, [b], 'the survivor to go on');
    b.proc.kill('SIGTERM');
    await b.exited;
    expect(b.proc.exitCode, b.stderr()).toBe(0);

    const stores = await openStores({ kind: 'postgres', url: db.url, migrateOnStart: true });
    try {
      const log = await createAuditLog({ dataDir, storage: stores.audit, onWarning: () => undefined });
      const v = await log.verify();
      expect(v.issues).toEqual([]);
      expect(v.ok).toBe(true);
      const bySeq = new Map<number, string>();
      const seen = new Map<string, number>();
      let last = 0;
      for (;;) {
        const page = await log.query({ order: 'asc', fromSeq: last + 1, limit: 1000, type: 'tool.call.requested' });
        if (page.records.length === 0) break;
        for (const r of page.records) {
          bySeq.set(r.seq, r.requestId!);
          seen.set(r.requestId!, (seen.get(r.requestId!) ?? 0) + 1);
          last = r.seq;
        }
      }
      const lost = [...a.acked, ...b.acked].filter(([seq, id]) => bySeq.get(seq) !== id);
      expect(lost).toEqual([]);
      expect([...seen.values()].filter((n) => n > 1)).toEqual([]);
      expect(a.acked.size + b.acked.size).toBeGreaterThan(4000);
      await log.close();
    } finally {
      await stores.close();
    }
  });
});
