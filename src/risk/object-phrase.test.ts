/** The object phrase of a verb (object-phrase.ts), read the same way by run-objects.ts and purchase-orders.ts. */
import { describe, expect, it } from 'vitest';
import { objectPhrase } from './object-phrase.js';

const phrase = (text: string, verb: string, max: number): string[] => {
  const words = text.split(' ');
  return objectPhrase(words, words.indexOf(verb), max).map((j) => words[j]!);
};

describe('the object phrase of a verb', () => {
  it('skips determiners and ends before a preposition', () => {
    expect(phrase('run a command in a container', 'run', 4)).toEqual(['command']);
    expect(phrase('create a label for an order', 'create', 5)).toEqual(['label']);
    expect(phrase('place the new market order via the broker', 'place', 5)).toEqual(['market', 'order']);
    expect(phrase('Run tests against staging', 'Run', 4)).toEqual(['tests']);
    expect(phrase('submit orders into the queue', 'submit', 5)).toEqual(['orders']);
  });

  it('holds at most max words, determiners not counted, and is empty when the verb ends the words', () => {
    expect(phrase('create a fast buy sell trading order now', 'create', 5)).toEqual([
      'fast',
      'buy',
      'sell',
      'trading',
      'order',
    ]);
    expect(phrase('run one big heavy nightly batch job', 'run', 4)).toEqual(['big', 'heavy', 'nightly', 'batch']);
    expect(phrase('container run', 'run', 4)).toEqual([]);
  });
});
