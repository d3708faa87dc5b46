import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditLog } from './audit-log.js';
import type { SinkTransport } from './sinks/sink-runner.js';
import { issue11Events, issue11Needles, issue11Shapes } from './test-support/issue-11-shapes.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0))
    for (const p of [d, `${d}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
});

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _e: BufferEncoding, cb: () => void) {
    this.text += chunk.toString();
    cb();
  }
}

describe('redaction acceptance (issue 11 shapes): no raw sample in any byte of the database, WAL, spool, exports or sinks', () => {
  it('through the real log, with some events spooled during an outage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-shapes-'));
    dirs.push(dir);
    const collected = new Collect();
    const custom: SinkTransport = {
      type: 'collector',
      deliver: (records) =>
        new Promise((resolve) =>
          collected.write(records.map((r) => `${JSON.stringify(r)}\n`).join(''), () => resolve()),
        ),
      close: async () => undefined,
    };
    const log = await createAuditLog({
      dataDir: dir,
      busyTimeoutMs: 20,
      onWarning: () => undefined,
      secretValues: () => [`Bearer ${issue11Shapes.bareHeaderToken}`],
      sinks: [
        { type: 'file', path: join(dir, 'sink', 'audit.jsonl') },
        { name: 'collector', transport: custom },
      ],
    });
    const events = issue11Events();
    for (const e of events) await log.append(e);

    // An outage: these are refused and spooled (redacted) until the store is back.
    const locker = new Database(join(dir, 'audit.db'));
    locker.exec('BEGIN IMMEDIATE');
    const refused = await Promise.allSettled(events.map((e) => log.append(e)));
    expect(refused.every((r) => r.status === 'rejected')).toBe(true);
    const spool = readFileSync(join(dir, 'audit-spool.jsonl'));
    locker.exec('ROLLBACK');
    locker.close();
    await log.append({ type: 'tools.listed' }); // the spool is written first

    const exports: Array<[string, Buffer]> = [];
    for (const format of ['jsonl', 'csv'] as const) {
      const out = new Collect();
      await log.exportTo(format, {}, out);
      exports.push([`export ${format}`, Buffer.from(out.text)]);
    }
    const page = await log.query({ type: 'audit.gap.recorded' });
    expect(page.records[0]?.detail).toMatchObject({ spooled: events.length });

    const files = () =>
      [join(dir, 'audit.db'), join(dir, 'audit.db-wal'), join(dir, 'sink', 'audit.jsonl')].filter((f) => existsSync(f));
    const haystacks: Array<[string, Buffer]> = files().map((f) => [f, readFileSync(f)]);
    await log.close();
    haystacks.push(...files().map((f): [string, Buffer] => [`${f} (after close)`, readFileSync(f)]));
    haystacks.push(['collector sink', Buffer.from(collected.text)], ['spool', spool], ...exports);
    expect(haystacks.some(([name]) => name.endsWith('audit.db-wal'))).toBe(true);
    expect(spool.length).toBeGreaterThan(0);

    const leaks: string[] = [];
    for (const [kind, value] of Object.entries(issue11Needles)) {
      for (const needle of new Set([value, JSON.stringify(value).slice(1, -1), value.normalize('NFKC')])) {
        for (const [name, bytes] of haystacks)
          if (bytes.includes(Buffer.from(needle))) leaks.push(`${kind} found in ${name}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(collected.text).toContain('connect with password=[REDACTED:key]');
  });
});
