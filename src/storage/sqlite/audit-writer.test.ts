import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, recordBody, sha256Hex } from '../../audit/chain.js';
import { createSqliteAuditStore } from './audit-store.js';

describe('SQLite audit writer thread', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  // A guard for performance work: turning the writer's automatic checkpoint off, or moving checkpoints to another
  // connection that runs while the writer commits, leaves the WAL never restarted and growing without bound
  // (docs/adr/0017, Decision 6). About 7 frames of 4 KiB per commit: 300 commits would make 8 MiB of WAL.
  it('keeps the WAL bounded under sustained commits: it is checkpointed and restarted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-writer-'));
    dirs.push(dir);
    const file = join(dir, 'audit.db');
    const store = createSqliteAuditStore({ file });
    let prev = GENESIS_HASH;
    let largest = 0;
    for (let seq = 1; seq <= 300; seq++) {
      const body = recordBody(seq, prev, {
        type: 'tool.call.requested',
        timestamp: '2026-11-27T00:00:00.000Z',
        requestId: `request-${seq}`,
        agent: 'bench',
        tool: 'up_echo',
      });
      prev = sha256Hex(body);
      await store.append([{ seq, hash: prev, body }], []);
      largest = Math.max(largest, statSync(`${file}-wal`).size);
    }
    expect((await store.head())?.seq).toBe(300);
    expect(largest).toBeLessThan(6 * 1024 * 1024);
    await store.close();
  });
});
