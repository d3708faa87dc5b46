/**
 * `build` over what `source` yields, reused while `source` yields the same values in the same order (`===` per
 * value). `source` is read on every call, so a change counts at once; only `build`'s work is saved, which must
 * therefore be a function of that sequence alone. Comparing the same strings costs far less than building a search
 * list from them (ADR 0017, Decision 28). A source that answers with the same frozen array as last time has, by
 * that alone, yielded the same sequence (a frozen array cannot change), so it is not walked (Decision 30). The
 * result is shared between calls: callers must not modify it.
 */
export function memoBySequence<V, T>(source: () => Iterable<V>, build: (values: readonly V[]) => T): () => T {
  let lastValues: V[] | undefined;
  let lastFrozen: Iterable<V> | undefined;
  let last: T;
  return () => {
    const seq = source();
    if (seq === lastFrozen) return last;
    let changed: V[] | undefined = lastValues ? undefined : [];
    let n = 0;
    for (const v of seq) {
      if (changed) changed.push(v);
      else if (n >= lastValues!.length || lastValues![n] !== v) {
        changed = lastValues!.slice(0, n);
        changed.push(v);
      }
      n++;
    }
    const frozen = Array.isArray(seq) && Object.isFrozen(seq) ? seq : undefined;
    if (!changed) {
      if (n === lastValues!.length) {
        lastFrozen = frozen;
        return last;
      }
      changed = lastValues!.slice(0, n);
    }
    lastFrozen = undefined;
    last = build(changed);
    lastValues = changed;
    lastFrozen = frozen;
    return last;
  };
}
