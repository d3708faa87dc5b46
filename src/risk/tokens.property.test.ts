/**
 * Property: the one-pass word splitters (speed, ADR 0017 Decision 41) give exactly what the patterns they replaced
 * gave, on any text over the characters that matter (letters of both cases, digits, apostrophes, separators, and
 * characters beyond ASCII), and the stem gives what its patterns gave.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitIdentifier, splitIdentifierByPatterns, splitWords, stem } from './tokens.js';

/** The prose splitter as it was: one regular expression. */
function splitWordsByPattern(text: string, limit = Infinity): string[] {
  const out: string[] = [];
  const re = /(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9']*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && out.length < limit) out.push(m[0].toLowerCase().replace(/'s?$/, ''));
  return out;
}

/** The stem as it was: suffix patterns. */
function stemByPattern(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (/(ss|x|ch|sh|zz)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

const chars = [..."aAbBsSvVxXzZiIeEuUcChH019_-./ '{}:#?é\u212AİΣ"];
const text = fc.array(fc.constantFrom(...chars), { maxLength: 40 }).map((cs) => cs.join(''));
const runs = { numRuns: 3000 };
/** Short words ending in one of the stem's suffixes (or near misses of them). */
const suffixes = ['ies', 'sses', 'xes', 'ches', 'shes', 'zzes', 'zes', 'hes', 'ss', 'us', 'is', 'es', 's', 'y', ''];
const word = fc
  .tuple(fc.array(fc.constantFrom(...'aeisuxchz'), { maxLength: 4 }), fc.constantFrom(...suffixes))
  .map(([cs, suffix]) => cs.join('') + suffix);

describe('word splitting in one pass', () => {
  it('splits identifiers as the patterns did', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(splitIdentifier(t)).toEqual(splitIdentifierByPatterns(t));
      }),
      runs,
    );
    for (const t of ['HTTPServer', 'getV2Users', 'listSSHKeys', 'x-amz-target', 'v1.2', 'ABCdEf', 'a1B', '2FA', 'v'])
      expect(splitIdentifier(t)).toEqual(splitIdentifierByPatterns(t));
  });
  it('splits prose as the pattern did, with and without a limit', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 8 }), (t, n) => {
        expect(splitWords(t)).toEqual(splitWordsByPattern(t));
        expect(splitWords(t, n)).toEqual(splitWordsByPattern(t, n));
      }),
      runs,
    );
    const t = "Lists the user's 1Password vaults, O'Brien's items'' and the runs' logs.";
    expect(splitWords(t)).toEqual(splitWordsByPattern(t));
  });
  it('stems as the patterns did', () => {
    fc.assert(
      fc.property(fc.oneof(word, text), (t) => {
        expect(stem(t)).toBe(stemByPattern(t));
      }),
      runs,
    );
    for (const w of [
      'policies',
      'ties',
      'pushes',
      'boxes',
      'buzzes',
      'passes',
      'status',
      'analysis',
      'keys',
      'gas',
      'sizes',
    ])
      expect(stem(w)).toBe(stemByPattern(w));
  });
});
