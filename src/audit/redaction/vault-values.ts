import { memoBySequence } from '../../core/sequence-memo.js';
import { credentialVariants } from './free-text.js';

/** Shorter vault values are not looked for (they would match everywhere). */
export const MIN_SECRET_LENGTH = 4;

/**
 * The strings to look for: each vault value long enough to matter and its credential variants, longest first and
 * equal lengths in code-unit order, so that the list depends on the set of values alone, not on the order a source
 * yields them in (the resolver's order moves with use; Decision 30).
 */
export function secretsOf(values: readonly unknown[]): string[] {
  const secrets: string[] = [];
  for (const s of values) {
    if (typeof s !== 'string' || s.length < MIN_SECRET_LENGTH) continue;
    secrets.push(s);
    // An upstream header `Bearer <token>` leaks just as well as `<token>` alone.
    for (const v of credentialVariants(s)) if (v.length >= MIN_SECRET_LENGTH) secrets.push(v);
  }
  return secrets.sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The vault values' search list for each event. `source` is read on every call, so a value that is rotated, added
 * or removed counts from the next event on; the list (`secretsOf`: credential variants, a sort) is rebuilt only
 * when what it yields changes (memoBySequence). The returned list must not be modified.
 */
export function vaultSecretList(source: (() => Iterable<unknown>) | undefined): () => readonly string[] {
  if (!source) {
    const none: readonly string[] = [];
    return () => none;
  }
  return memoBySequence(source, secretsOf);
}
