import { describe, expect, it } from 'vitest';
import type { VerifyRange, VerifyResult } from '../audit/types.js';
import { createVerifyCache } from './verify-cache.js';

/**
 * A chain of records `start..head` where `broken` seqs fail; records what each verification was asked to cover.
 * `duringWalk` runs inside the next verification (a retention run landing while it walks).
 */
function chain() {
  const state = {
    start: 1,
    head: 10,
    broken: new Set<number>(),
    calls: [] as (VerifyRange | undefined)[],
    duringWalk: undefined as (() => void) | undefined,
  };
  const verify = async (range?: VerifyRange): Promise<VerifyResult> => {
    state.calls.push(range);
    const from = Math.max(range?.fromSeq ?? 1, state.start);
    const during = state.duringWalk;
    state.duringWalk = undefined;
    during?.();
    const issues = [...state.broken]
      .filter((s) => s >= from && s <= state.head)
      .map((seq) => ({ kind: 'modified' as const, seq, message: `record ${seq} was altered` }));
    const records = Math.max(0, state.head - from + 1);
    return {
      ok: issues.length === 0,
      records,
      ...(records > 0 ? { firstSeq: from, lastSeq: state.head } : {}),
      checkpoints: records > 0 ? 1 : 0,
      issues,
      keySource: 'key-file',
      durationMs: records,
    };
  };
  const store = {
    first: async () => ({ seq: state.start, hash: 'h', body: '{}' }),
    getMeta: async (key: string) =>
      key === 'retention.prunedBefore' && state.start > 1 ? String(state.start) : undefined,
  };
  return { state, deps: { verify, store } };
}

describe('report chain verification cache', () => {
  it('walks the whole chain first, then only what was appended, combining the results', async () => {
    let t = 0;
    const { state, deps } = chain();
    const cached = createVerifyCache(deps, { fullEveryMs: 1000, now: () => t });
    expect(await cached()).toMatchObject({ ok: true, records: 10, lastSeq: 10 });
    state.head = 15;
    t = 100;
    expect(await cached()).toMatchObject({ ok: true, records: 15, firstSeq: 1, lastSeq: 15, checkpoints: 2 });
    expect(state.calls).toEqual([undefined, { fromSeq: 11 }]);
    // A break among the new records is found at once.
    state.head = 20;
    state.broken.add(18);
    t = 200;
    expect(await cached()).toMatchObject({ ok: false, issues: [{ seq: 18 }] });
    // A broken chain is walked whole every time, until it verifies again.
    t = 300;
    expect(await cached()).toMatchObject({ ok: false, records: 20 });
    expect(state.calls.slice(2)).toEqual([{ fromSeq: 16 }, undefined]);
  });

  it('walks the whole chain again after fullEveryMs: a record altered after it was verified is found then', async () => {
    let t = 0;
    const { state, deps } = chain();
    const cached = createVerifyCache(deps, { fullEveryMs: 1000, now: () => t });
    await cached();
    state.broken.add(3);
    t = 500;
    expect((await cached()).ok).toBe(true); // only the (no) new records were read
    t = 1000;
    expect(await cached()).toMatchObject({ ok: false, issues: [{ seq: 3 }] });
    expect(state.calls).toEqual([undefined, { fromSeq: 11 }, undefined]);
  });

  it('shares one run between concurrent requests', async () => {
    const { state, deps } = chain();
    const cached = createVerifyCache(deps);
    const [a, b] = await Promise.all([cached(), cached()]);
    expect(a).toBe(b);
    expect(state.calls).toHaveLength(1);
  });

  it('walks the whole chain at once when its start moved (retention pruned records): no count of deleted records', async () => {
    let t = 0;
    const { state, deps } = chain();
    const cached = createVerifyCache(deps, { fullEveryMs: 1000, now: () => t });
    expect(await cached()).toMatchObject({ records: 10, firstSeq: 1, checkpoints: 1 });
    state.start = 6;
    state.head = 12;
    t = 100;
    expect(await cached()).toMatchObject({ ok: true, records: 7, firstSeq: 6, lastSeq: 12 });
    expect(state.calls).toEqual([undefined, { fromSeq: 11 }, undefined]);
    // The new start is remembered: the next run is incremental again.
    state.head = 14;
    t = 200;
    expect(await cached()).toMatchObject({ ok: true, records: 9, firstSeq: 6, lastSeq: 14 });
    expect(state.calls.slice(3)).toEqual([{ fromSeq: 13 }]);
  });

  it('a prune landing during the incremental walk is noticed by the same run', async () => {
    let t = 0;
    const { state, deps } = chain();
    const cached = createVerifyCache(deps, { fullEveryMs: 1000, now: () => t });
    await cached();
    state.head = 12;
    state.duringWalk = () => void (state.start = 4);
    t = 100;
    expect(await cached()).toMatchObject({ ok: true, records: 9, firstSeq: 4, lastSeq: 12 });
    expect(state.calls).toEqual([undefined, { fromSeq: 11 }, undefined]);
  });
});
