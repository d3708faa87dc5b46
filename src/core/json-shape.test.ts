import { describe, expect, it } from 'vitest';
import { JsonRequestError, MAX_JSON_DEPTH, jsonShapeProblem, parseJsonRequest } from './json-shape.js';

const nestedArrays = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
const nestedObjects = (depth: number) =>
  JSON.parse('{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1)) as unknown;

describe('jsonShapeProblem', () => {
  it('takes ordinary requests, nested up to the limit', () => {
    expect(
      jsonShapeProblem({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { arguments: { a: [1, -0, 1e308] } } }),
    ).toBeUndefined();
    expect(jsonShapeProblem(nestedArrays(MAX_JSON_DEPTH))).toBeUndefined();
    expect(jsonShapeProblem(nestedObjects(MAX_JSON_DEPTH))).toBeUndefined();
    expect(jsonShapeProblem('text')).toBeUndefined();
  });

  it('refuses one level more, in arrays or objects, and 100,000 levels without overflowing its own stack', () => {
    expect(jsonShapeProblem(nestedArrays(MAX_JSON_DEPTH + 1))).toBe(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    expect(jsonShapeProblem(nestedObjects(MAX_JSON_DEPTH + 1))).toMatch(/nested deeper/);
    expect(jsonShapeProblem(nestedArrays(100_000))).toMatch(/nested deeper/);
  });

  it('refuses a number JSON.parse turned into Infinity, anywhere, under any key (__proto__ included)', () => {
    expect(jsonShapeProblem(JSON.parse('1e400'))).toMatch(/too large for a 64-bit float/);
    expect(jsonShapeProblem(JSON.parse('{"params":{"arguments":{"amount":-1e400}}}'))).toMatch(/too large/);
    expect(jsonShapeProblem(JSON.parse('{"__proto__":{"n":1e999}}'))).toMatch(/too large/);
    expect(jsonShapeProblem(JSON.parse('[[{"x":[1e400]}]]'))).toMatch(/too large/);
  });
});

describe('parseJsonRequest', () => {
  it('parses request JSON whose shape is fine', () => {
    expect(parseJsonRequest('{"a":[1,{"b":1e308}]}')).toEqual({ a: [1, { b: 1e308 }] });
  });

  it('refuses text that is not JSON as syntax, and a shape jsonShapeProblem names as shape, with its words', () => {
    const refusal = (text: string) => {
      try {
        parseJsonRequest(text);
      } catch (e) {
        return e instanceof JsonRequestError ? { reason: e.reason, message: e.message } : e;
      }
      return undefined;
    };
    expect(refusal('{"a":')).toEqual({ reason: 'syntax', message: 'not valid JSON' });
    expect(refusal('{"n":1e400}')).toEqual({
      reason: 'shape',
      message: 'a number is too large for a 64-bit float (beyond ±1.8e308)',
    });
    expect(refusal('['.repeat(100_000) + ']'.repeat(100_000))).toEqual({
      reason: 'shape',
      message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels`,
    });
  });
});
