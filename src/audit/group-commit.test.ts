import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteAuditStore } from '../storage/sqlite/audit-store.js';
import { GENESIS_HASH, recordBodyFromCanonical, sha256Hex } from './chain.js';
import {
  createGroupCommitter,
  type CommittedBatch,
  type GroupCommitterOptions,
  type PendingAppend,
} from './group-commit.js';
import type { AuditStore, StoredRecord } from './store.js';
import type { CheckpointSigner } from './signing.js';
import type { SignedCheckpoint } from './types.js';

/** A store that records each committed batch (the seqs in it); nothing else is used by the committer. */
function batchStore() {
  const batches: number[][] = [];
  const store = {
    append: async (records: readonly StoredRecord[]) => void batches.push(records.map((r) => r.seq)),
  } as unknown as AuditStore;
  return { store, batches };
}
const signer = {} as CheckpointSigner;
/** A committer over `store` that adds no checkpoints and rejects a failed batch's appends (`onFailure`, others in `more`). */
const committerOn = (store: AuditStore, more: Partial<GroupCommitterOptions> = {}) =>
  createGroupCommitter({
    store,
    signer,
    initialHead: undefined,
    beforeBatch: () => [],
    onCommitted: () => undefined,
    onFailure: (e, batch) => batch.forEach((b) => b.reject(e)),
    ...more,
  });
const tick = () => new Promise((r) => setImmediate(r));

function pending(type: string): { p: PendingAppend; done: Promise<{ seq: number }> } {
  let resolve!: PendingAppend['resolve'];
  let reject!: PendingAppend['reject'];
  const done = new Promise<{ seq: number }>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { p: { event: { type, timestamp: '2026-11-27T00:00:00.000Z' } as never, resolve, reject }, done };
}

describe('group commit: what a commit hands on', () => {
  it("names each committed record's seq, links and event, and copies the events into AuditRecords only when asked (sinks)", async () => {
    const { store } = batchStore();
    const batches: CommittedBatch[] = [];
    const committer = committerOn(store, { onCommitted: (b) => void batches.push(b) });
    // The event's fields counted as they are read: with its canonical form given, nothing else needs them.
    let reads = 0;
    const event = { type: 'tool.call.requested', timestamp: '2026-11-29T13:00:00.000Z' } as Record<string, unknown>;
    Object.defineProperty(event, 'agent', { enumerable: true, get: () => (reads++, 'agent-a') });
    const canonical = '{"agent":"agent-a","timestamp":"2026-11-29T13:00:00.000Z","type":"tool.call.requested"}';
    const done = new Promise((resolve, reject) =>
      committer.enqueue({ event: event as never, canonical, resolve, reject }),
    );
    await done;
    const body = recordBodyFromCanonical(1, GENESIS_HASH, canonical);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.entries).toEqual([{ seq: 1, prev: GENESIS_HASH, hash: sha256Hex(body), event }]);
    expect(reads).toBe(0);
    expect(batches[0]!.records()).toEqual([
      {
        seq: 1,
        prev: GENESIS_HASH,
        hash: sha256Hex(body),
        type: 'tool.call.requested',
        timestamp: event.timestamp,
        agent: 'agent-a',
      },
    ]);
    expect(reads).toBe(1);
  });
});

describe('group commit', () => {
  const make = (deferMs: number) => {
    const { store, batches } = batchStore();
    return { committer: committerOn(store, { deferMs }), batches };
  };

  it('a deferred append does not start a commit: it rides with the next urgent one, in queue order', async () => {
    const { committer, batches } = make(60_000);
    const outcome = pending('tool.call.completed');
    committer.enqueue(outcome.p, true);
    await tick();
    await tick();
    expect(batches).toEqual([]);
    const intent = pending('tool.call.requested');
    committer.enqueue(intent.p);
    expect((await intent.done).seq).toBe(2);
    expect((await outcome.done).seq).toBe(1);
    expect(batches).toEqual([[1, 2]]);
  });

  it('a deferred append alone is committed on its own once its wait is over', async () => {
    const { committer, batches } = make(1);
    const outcome = pending('tool.call.completed');
    committer.enqueue(outcome.p, true);
    expect((await outcome.done).seq).toBe(1);
    expect(batches).toEqual([[1]]);
  });

  it('drain commits deferred appends at once', async () => {
    const { committer, batches } = make(60_000);
    const outcome = pending('tool.call.completed');
    committer.enqueue(outcome.p, true);
    await committer.drain();
    expect(batches).toEqual([[1]]);
    expect((await outcome.done).seq).toBe(1);
  });
});

describe('group commit on a store another process appends to (two gateways on one SQLite audit.db)', () => {
  it('a seq taken by the other writer again and again is retried on the new head, not refused after one retry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-group-commit-'));
    try {
      const file = join(dir, 'audit.db');
      const mine = createSqliteAuditStore({ file, writer: 'main' });
      const theirs = createSqliteAuditStore({ file, writer: 'main' });
      /** The other process commits one record on the chain's head. */
      const otherAppends = async () => {
        const h = await theirs.head();
        const seq = (h?.seq ?? 0) + 1;
        const body = recordBodyFromCanonical(seq, h?.hash ?? GENESIS_HASH, '{"type":"tools.listed"}');
        await theirs.append([{ seq, hash: sha256Hex(body), body }], []);
      };
      // Under load the other gateway commits between each of this one's reads of the head and its insert: three
      // times in a row here (the seq this one chose is taken every time), then it gets through.
      let raced = 0;
      const store = {
        ...mine,
        append: async (records: readonly StoredRecord[], checkpoints: readonly SignedCheckpoint[]) => {
          if (raced++ < 3) await otherAppends();
          return mine.append(records, checkpoints);
        },
      };
      const failures: unknown[] = [];
      const committer = committerOn(store, {
        onFailure: (e, batch) => batch.forEach((b) => (failures.push(e), b.reject(e))),
      });
      const intent = pending('tool.call.requested');
      committer.enqueue(intent.p);
      expect((await intent.done).seq).toBe(4);
      expect(failures).toEqual([]);
      expect((await theirs.readRange(1, 10, 10)).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
      await mine.close();
      await theirs.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
