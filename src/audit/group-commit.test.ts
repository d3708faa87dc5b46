import { describe, expect, it } from 'vitest';
import { createGroupCommitter, type PendingAppend } from './group-commit.js';
import type { AuditStore, StoredRecord } from './store.js';
import type { CheckpointSigner } from './signing.js';

/** A store that records each committed batch (the seqs in it); nothing else is used by the committer. */
function batchStore() {
  const batches: number[][] = [];
  const store = {
    append: async (records: readonly StoredRecord[]) => void batches.push(records.map((r) => r.seq)),
  } as unknown as AuditStore;
  return { store, batches };
}
const signer = {} as CheckpointSigner;
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

describe('group commit', () => {
  const make = (deferMs: number) => {
    const { store, batches } = batchStore();
    const committer = createGroupCommitter({
      store,
      signer,
      initialHead: undefined,
      beforeBatch: () => [],
      onCommitted: () => undefined,
      onFailure: (e, batch) => batch.forEach((b) => b.reject(e)),
      deferMs,
    });
    return { committer, batches };
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
