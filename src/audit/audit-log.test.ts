import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuditLog } from './audit-log.js';
import { createSqliteAuditStore } from '../storage/sqlite/audit-store.js';
import type { AuditStore } from './store.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'portcullis-audit-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  // The anchor file sits next to the data directory, outside it.
  for (const d of dirs.splice(0))
    for (const p of [d, `${d}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
});

function countingStore(file: string): AuditStore & { appendCalls: number } {
  const inner = createSqliteAuditStore({ file });
  const wrapped = Object.create(inner) as AuditStore & { appendCalls: number };
  wrapped.appendCalls = 0;
  wrapped.append = async (records, checkpoints) => {
    wrapped.appendCalls++;
    return inner.append(records, checkpoints);
  };
  return wrapped;
}

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _e: BufferEncoding, cb: () => void) {
    this.text += chunk.toString();
    cb();
  }
}

describe('createAuditLog', () => {
  it('group-commits concurrent appends into one transaction and resolves each with its own seq', async () => {
    const dir = tempDir();
    const store = countingStore(join(dir, 'audit.db'));
    const log = await createAuditLog({ dataDir: dir, store });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        log.append({ type: 'tool.call.requested', agent: `agent-${i % 3}`, tool: 'files.read', requestId: `r${i}` }),
      ),
    );
    expect(store.appendCalls).toBe(1);
    expect(results.map((r) => r.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.hash)).size).toBe(200);
    expect(results.every((r) => r.recorded)).toBe(true);
    const v = await log.verify();
    expect(v).toMatchObject({ ok: true, records: 200 });
    await log.close();
  });

  it('stamps each event with the time as toISOString writes it, formatting a date once per second (Decision 48)', async () => {
    const dir = tempDir();
    const log = await createAuditLog({ dataDir: dir, checkpointEvery: { records: 1000, ms: 3_600_000 } });
    const second = Math.floor(Date.now() / 1000) * 1000 + 1000;
    let ms = second;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => ms);
    const format = vi.spyOn(Date.prototype, 'toISOString');
    try {
      for (let i = 0; i < 20; i++) {
        ms = second + i * 37;
        await log.append({ type: 'tool.call.requested', agent: 'a', tool: 'files.read', requestId: `r${i}` });
      }
      expect(format.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      format.mockRestore();
      clock.mockRestore();
    }
    const page = await log.query({ limit: 20 });
    expect(page.records.map((r) => r.timestamp).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => new Date(second + i * 37).toISOString()),
    );
    await log.close();
  });

  it('creates the signing key with mode 0600 and continues the chain after reopening', async () => {
    const dir = tempDir();
    let log = await createAuditLog({ dataDir: dir });
    await log.append({ type: 'config.reloaded' });
    await log.close();
    expect(statSync(join(dir, 'audit-signing-key.pem')).mode & 0o777).toBe(0o600);
    log = await createAuditLog({ dataDir: dir });
    const r = await log.append({ type: 'config.reloaded' });
    // 1 event + close checkpoint, then the new event.
    expect(r.seq).toBe(3);
    const v = await log.verify();
    expect(v.ok).toBe(true);
    expect(v.checkpoints).toBe(1);
    await log.close();
    const after = await createAuditLog({ dataDir: dir });
    expect((await after.verify()).checkpoints).toBe(2);
    await after.close();
  });

  it('writes a signed checkpoint every N records', async () => {
    const dir = tempDir();
    const log = await createAuditLog({ dataDir: dir, checkpointEvery: { records: 10, ms: 3_600_000 } });
    for (let i = 0; i < 5; i++)
      await Promise.all(Array.from({ length: 10 }, () => log.append({ type: 'tools.listed', agent: 'a' })));
    await log.close();
    const store = createSqliteAuditStore({ file: join(dir, 'audit.db'), readonly: true });
    const cps = await store.checkpoints(0, 1e9);
    expect(cps.length).toBeGreaterThanOrEqual(4);
    for (const cp of cps) {
      const [rec] = await store.readRange(cp.seq, cp.seq, 1);
      expect(rec?.hash).toBe(cp.hash);
      expect(rec?.body).toContain('"type":"audit.checkpoint.created"');
    }
    await store.close();
  });

  it('queries with filters and cursor pagination, newest first by default', async () => {
    const dir = tempDir();
    const log = await createAuditLog({ dataDir: dir, checkpointEvery: { records: 1000, ms: 3_600_000 } });
    for (let i = 0; i < 25; i++) {
      await log.append({
        type: i % 5 === 0 ? 'tool.call.denied' : 'tool.call.completed',
        agent: i % 2 ? 'alice-bot' : 'bob-bot',
        user: 'u1',
        tool: `t${i % 3}`,
        backend: 'b1',
        decision: i % 5 === 0 ? 'deny' : 'allow',
        risk: { level: i % 4 === 0 ? 'high' : 'low', categories: ['read'] },
        approvalId: i === 7 ? 'ap-7' : undefined,
        resultStatus: i % 5 === 0 ? 'denied' : 'ok',
      });
    }
    const all: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await log.query({ limit: 4 }, cursor);
      all.push(...page.records.map((r) => r.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
    const denied = await log.query({ decision: 'deny', order: 'asc' });
    expect(denied.records.map((r) => r.seq)).toEqual([1, 6, 11, 16, 21]);
    expect((await log.query({ approvalId: 'ap-7' })).records.map((r) => r.seq)).toEqual([8]);
    expect(
      (await log.query({ agent: 'alice-bot', tool: 't1', status: 'ok' })).records.every(
        (r) => r.agent === 'alice-bot' && r.tool === 't1',
      ),
    ).toBe(true);
    expect((await log.query({ risk: 'high' })).records).toHaveLength(7);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await log.query({ from: future })).records).toHaveLength(0);
    expect((await log.query({ to: future, limit: 1000 })).records).toHaveLength(25);
    await expect(log.query({}, 'garbage')).rejects.toMatchObject({ code: 'request.invalid' });
    await log.close();
  });

  it('exports JSON Lines and CSV (with formula cells neutralised)', async () => {
    const dir = tempDir();
    const log = await createAuditLog({ dataDir: dir });
    await log.append({
      type: 'tool.call.failed',
      agent: 'a',
      tool: 'sheet.write',
      error: '=HYPERLINK("http://x")',
      reasons: ['a, b', 'c'],
    });
    await log.append({ type: 'tool.call.completed', agent: 'a', tool: 'sheet.write', latencyMs: 12 });
    const jsonl = new Collect();
    expect(await log.exportTo('jsonl', {}, jsonl)).toBe(2);
    const lines = jsonl.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; hash: string });
    expect(lines.map((l) => l.seq)).toEqual([1, 2]);
    const csv = new Collect();
    await log.exportTo('csv', { tool: 'sheet.write' }, csv);
    const rows = csv.text.split('\r\n');
    expect(rows[0]).toMatch(/^seq,timestamp,type,/);
    expect(rows[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(rows[1]).toContain('"a, b; c"');
    expect(rows[2]).toContain(',12,');
    await log.close();
  });

  it('rejects appends after close with audit.unavailable', async () => {
    const dir = tempDir();
    const log = await createAuditLog({ dataDir: dir });
    await log.close();
    await expect(log.append({ type: 'tools.listed' })).rejects.toMatchObject({ code: 'audit.unavailable' });
  });
});
