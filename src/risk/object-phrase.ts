/**
 * The object phrase of a verb (thirty-first round): the words after the verb that name what it acts on, up to a
 * preposition ("Run a command in a container": "command"; "Create a label for an order": "label"). One reader for the
 * rules that ask what a verb's object is (run-objects.ts: what "run" runs; purchase-orders.ts: whether an order is
 * placed), so that they end and skip words the same way.
 */
import { stem } from './tokens.js';

/** Words that end a verb's object phrase: what follows says where, with what or for whom, not what. */
export const objectEnds: ReadonlySet<string> = new Set([
  'in',
  'on',
  'with',
  'for',
  'from',
  'to',
  'against',
  'inside',
  'within',
  'using',
  'via',
  'at',
  'of',
  'by',
  'into',
  'about',
  'as',
]);
/** Determiners and joiners inside an object phrase, passed over without counting ("a new order"). */
export const objectSkipped: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'new',
  'one',
  'or',
  'and',
  'your',
  'my',
]);

/**
 * The positions in `words` of the object phrase of the verb at `i`: at most `max` words after it, each stemmed,
 * determiners passed over, ending before the first preposition. `words` may be of any case the tokenizer gives; each is
 * compared stemmed.
 */
export function objectPhrase(words: readonly string[], i: number, max: number): number[] {
  const at: number[] = [];
  for (let j = i + 1; j < words.length && at.length < max; j++) {
    const w = stem(words[j] ?? '');
    if (objectEnds.has(w)) break;
    if (!objectSkipped.has(w)) at.push(j);
  }
  return at;
}
