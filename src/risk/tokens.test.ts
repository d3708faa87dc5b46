/**
 * Word splitting and the per-tool reuse the classifier's speed rests on (ADR 0017): a shorter cut of a text's words is
 * a prefix of a longer one (classify.ts splits the first sentence once and slices it), `concatWords` is `flat()`, and
 * the remembered first sentence follows the description it is asked about.
 */
import { describe, expect, it } from 'vitest';
import { firstSentence } from './evidence.js';
import { collectFields } from './schema-fields.js';
import { concatWords, splitWords } from './tokens.js';

describe('concatWords', () => {
  it('gives the items of every list in order, as flat() does', () => {
    const lists = [['repos'], [], ['pulls', 'comments'], ['reactions']];
    expect(concatWords(lists)).toEqual(lists.flat());
    expect(concatWords([])).toEqual([]);
  });
  it('returns a new array (callers may add to it)', () => {
    const one = ['a', 'b'];
    const out = concatWords([one]);
    out.push('c');
    expect(one).toEqual(['a', 'b']);
  });
});

describe('splitWords with a limit', () => {
  it('is a prefix of the words with a larger limit', () => {
    const text = "Lists the user's 1Password vaults, then deletes it: the run's log (and O'Brien's items) stays.";
    const all = splitWords(text, 40);
    for (const n of [0, 1, 5, 12, 20]) expect(splitWords(text, n)).toEqual(all.slice(0, n));
  });
});

describe('firstSentence', () => {
  it("answers each description's own first sentence, asked in turn or again", () => {
    const a = 'Deletes a repository. Cannot be undone.';
    const b = '  Lists pull requests!\nPaged.';
    expect(firstSentence(a)).toBe('Deletes a repository');
    expect(firstSentence(a)).toBe('Deletes a repository');
    expect(firstSentence(b)).toBe('Lists pull requests');
    expect(firstSentence(a)).toBe('Deletes a repository');
    expect(firstSentence('')).toBe('');
    expect(firstSentence(`${'x'.repeat(400)}. y`)).toBe('x'.repeat(300));
  });
});

describe('collectFields', () => {
  it('reads properties in order and stops at the node budget', () => {
    const props: Record<string, unknown> = {};
    for (let i = 0; i < 10; i++) props[`field${i}`] = { type: 'object', properties: { inner: { type: 'string' } } };
    const fields = collectFields({ type: 'object', properties: props }, 4);
    // Every object visited spends one node: the root, field0, its inner field's schema, field1; field1's own inner
    // field is not read.
    expect(fields.map((f) => `${f.name}@${f.depth}`)).toEqual(['field0@0', 'inner@1', 'field1@0']);
  });

  it('gives fields without an enum one shared list that cannot be changed (no list per field; ADR 0017 Decision 42)', () => {
    const fields = collectFields({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' }, c: { enum: ['x', 1] } },
    });
    expect(fields.map((f) => f.enumValues)).toEqual([[], [], ['x']]);
    expect(fields[0]!.enumValues).toBe(fields[1]!.enumValues);
    // A rule that tried to add to it would throw instead of giving every other field its value.
    expect(() => (fields[0]!.enumValues as string[]).push('y')).toThrow(TypeError);
  });
});
