import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditLog } from '../audit/audit-log.js';
import { createCallLedger, INSTANCE_META_PREFIX } from './interrupted-calls.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0))
    for (const p of [d, `${d}.audit-anchor.jsonl`]) rmSync(p, { recursive: true, force: true });
});

async function auditLog() {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-ledger-'));
  dirs.push(dir);
  return createAuditLog({ dataDir: dir, checkpointEvery: { records: 1000, ms: 3_600_000 } });
}

describe('calls of a stopped gateway', () => {
  it("never takes a live replica for dead because its clock is behind this one's", async () => {
    const log = await auditLog();
    let t = Date.parse('2026-11-30T00:00:00Z');
    // Replica A's clock is 60 s behind replica B's; both run (their pids are alive), on one store.
    const a = createCallLedger(log, { log: () => undefined, now: () => t - 60_000, isAlive: () => true });
    const b = createCallLedger(log, { log: () => undefined, now: () => t, isAlive: () => true });
    await a.start();
    const intent = await log.append({
      type: 'tool.call.requested',
      requestId: 'r1',
      tool: 't',
      detail: { instance: a.instance },
    });
    a.opened(intent.seq);
    await b.start();
    expect(await b.sweep()).toBe(0);
    t += 10_000; // less than a lease since B first saw A's row
    expect(await b.sweep()).toBe(0);
    const rows = await log.store.listMeta(INSTANCE_META_PREFIX);
    expect(rows.map((r) => r.key)).toContain(INSTANCE_META_PREFIX + a.instance);
    // A stops refreshing its row (it died on another host): B closes its call once the row is a lease old on B's clock.
    t += 31_000;
    expect(await b.sweep()).toBe(1);
    const closed = await log.query({ type: 'tool.call.interrupted' });
    expect(closed.records.map((r) => r.requestId)).toEqual(['r1']);
    await a.close();
    await b.close();
    await log.close();
  });
});
