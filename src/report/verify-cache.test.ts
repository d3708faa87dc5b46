import { describe, expect, it } from 'vitest';
import type { VerifyRange, VerifyResult } from '../audit/types.js';
import { createVerifyCache } from './verify-cache.js';

/** A chain of `head` records where `broken` seqs fail; records what each verification was asked to cover. */
function chain() {
  const state = { head: 10, broken: new Set<number>(), calls: [] as (VerifyRange | undefined)[] };
  const verify = async (range?: VerifyRange): Promise<VerifyResult> => {
    state.calls.push(range);
    const from = range?.fromSeq ?? 1;
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
  return { state, verify };
}

describe('report chain verification cache', () => {
  it('walks the whole chain first, then only what was appended, combining the results', async () => {
    let t = 0;
    const { state, verify } = chain();
    const cached = createVerifyCache(verify, { fullEveryMs: 1000, now: () => t });
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
    const { state, verify } = chain();
    const cached = createVerifyCache(verify, { fullEveryMs: 1000, now: () => t });
    await cached();
    state.broken.add(3);
    t = 500;
    expect((await cached()).ok).toBe(true); // only the (no) new records were read
    t = 1000;
    expect(await cached()).toMatchObject({ ok: false, issues: [{ seq: 3 }] });
    expect(state.calls).toEqual([undefined, { fromSeq: 11 }, undefined]);
  });

  it('shares one run between concurrent requests', async () => {
    const { state, verify } = chain();
    const cached = createVerifyCache(verify);
    const [a, b] = await Promise.all([cached(), cached()]);
    expect(a).toBe(b);
    expect(state.calls).toHaveLength(1);
  });
});
