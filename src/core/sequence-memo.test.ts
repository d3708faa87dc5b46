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
      return (seed >>> 16) % n;
    };
    let values: unknown[] = [];
    const get = memoBySequence(
      () => values,
      (v) => JSON.stringify(v),
    );
    for (let i = 0; i < 2000; i++) {
      // Often the same sequence again (a new array or the same one, frozen or not), else a random one.
      const k = rnd(5);
      if (k === 1) values = [...values];
      else if (k === 2) values = Array.from({ length: rnd(5) }, () => pool[rnd(pool.length)]);
      else if (k === 3) values = Object.freeze([...values]) as unknown[];
      else if (k === 4)
        values = Object.freeze(Array.from({ length: rnd(5) }, () => pool[rnd(pool.length)])) as unknown[];
      expect(get()).toBe(JSON.stringify(values));
    }
  });

  it('does not walk the same frozen array again, and walks a new one or an unfrozen one every time', () => {
    let walks = 0;
    const frozen = (values: string[]): readonly string[] => {
      Object.defineProperty(values, Symbol.iterator, {
        value: function* (this: string[]) {
          walks++;
          yield* Array.prototype.values.call(this);
        },
      });
      return Object.freeze(values);
    };
    let source: readonly string[] = frozen(['a', 'b']);
    let builds = 0;
    const get = memoBySequence(
      () => source,
      (v) => {
        builds++;
        return v.join(',');
      },
    );
    expect(get()).toBe('a,b');
    expect(get()).toBe('a,b');
    expect([walks, builds]).toEqual([1, 1]);
    source = frozen(['a', 'b']); // another frozen array, same values: walked once, not built
    expect(get()).toBe('a,b');
    expect(get()).toBe('a,b');
    expect([walks, builds]).toEqual([2, 1]);
    source = frozen(['a', 'c']);
    expect(get()).toBe('a,c');
    expect([walks, builds]).toEqual([3, 2]);
    const open = ['a', 'c']; // not frozen: it can change in place, so it is walked every time
    source = open;
    expect(get()).toBe('a,c');
    open.push('d');
    expect(get()).toBe('a,c,d');
    source = frozen(['e']);
    expect(get()).toBe('e');
    expect(builds).toBe(4);
  });

  it('after a build that throws, the same frozen array is built again, not answered from the last build', () => {
    const source = Object.freeze(['x']);
    let fail = true;
    let first = true;
    const get = memoBySequence(
      () => (first ? Object.freeze(['y']) : source),
      (v) => {
        if (!first && fail) throw new Error('build failed');
        return v.join(',');
      },
    );
    expect(get()).toBe('y');
    first = false;
    expect(() => get()).toThrow('build failed');
    fail = false;
    expect(get()).toBe('x');
  });
});
