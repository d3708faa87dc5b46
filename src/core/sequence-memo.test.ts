import { describe, expect, it } from 'vitest';
import { memoBySequence } from './sequence-memo.js';

describe('memoBySequence', () => {
  it('reads the source every time and builds again only when the values or their order change', () => {
    let values: unknown[] = ['a', 'b'];
    let reads = 0;
    let builds = 0;
    const get = memoBySequence(
      function* () {
        reads++;
        yield* values;
      },
      (v) => {
        builds++;
        return v.join(',');
      },
    );
    expect(get()).toBe('a,b');
    values = ['a', 'b']; // another array of the same values: the same sequence
    expect(get()).toBe('a,b');
    expect([reads, builds]).toEqual([2, 1]);
    // a value changed, appended, removed from the end (a prefix of the last sequence), reordered, all removed
    for (const next of [['a', 'c'], ['a', 'c', 'd'], ['a'], ['x', 'a'], ['a', 'x'], []]) {
      values = next;
      expect(get()).toBe(next.join(','));
    }
    expect(builds).toBe(7);
  });

  it('gives what a build on every call gives, over 2,000 random sequences', () => {
    const pool = ['abcd', 'efgh', 'ijkl', 7, null];
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let values: unknown[] = [];
    const get = memoBySequence(
      () => values,
      (v) => JSON.stringify(v),
    );
    for (let i = 0; i < 2000; i++) {
      // Often the same sequence again (a new array or the same one), else a random one.
      const k = rnd(3);
      if (k === 1) values = [...values];
      else if (k === 2) values = Array.from({ length: rnd(5) }, () => pool[rnd(pool.length)]);
      expect(get()).toBe(JSON.stringify(values));
    }
  });
});
