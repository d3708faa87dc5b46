/** Style / explode examples from the OpenAPI 3 specification's parameter serialisation table. */
import { describe, expect, it } from 'vitest';
import {
  encodePairs,
  queryPairs,
  serializeCookie,
  serializeHeaderValue,
  serializePathValue,
} from './serialize-params.js';

const color = ['blue', 'black', 'brown'];
const rgb = { R: 100, G: 200, B: 150 };

describe('path styles', () => {
  it.each([
    ['simple', false, 'blue', 'blue'],
    ['simple', false, color, 'blue,black,brown'],
    ['simple', false, rgb, 'R,100,G,200,B,150'],
    ['simple', true, rgb, 'R=100,G=200,B=150'],
    ['label', false, 'blue', '.blue'],
    ['label', false, color, '.blue,black,brown'],
    ['label', true, color, '.blue.black.brown'],
    ['label', true, rgb, '.R=100.G=200.B=150'],
    ['matrix', false, 'blue', ';color=blue'],
    ['matrix', false, color, ';color=blue,black,brown'],
    ['matrix', true, color, ';color=blue;color=black;color=brown'],
    ['matrix', false, rgb, ';color=R,100,G,200,B,150'],
    ['matrix', true, rgb, ';R=100;G=200;B=150'],
  ] as const)('%s explode=%s %j -> %s', (style, explode, value, expected) => {
    expect(serializePathValue('color', value, style, explode)).toBe(expected);
  });

  it('encodes reserved characters in values', () => {
    expect(serializePathValue('p', 'a/b?c#d%e f', 'simple', false)).toBe('a%2Fb%3Fc%23d%25e%20f');
  });
});

describe('query styles', () => {
  const q = (value: unknown, style: Parameters<typeof queryPairs>[2], explode: boolean): string =>
    encodePairs(queryPairs('color', value, style, explode));
  it.each([
    [color, 'form', true, 'color=blue&color=black&color=brown'],
    [color, 'form', false, 'color=blue%2Cblack%2Cbrown'],
    [rgb, 'form', true, 'R=100&G=200&B=150'],
    [rgb, 'form', false, 'color=R%2C100%2CG%2C200%2CB%2C150'],
    [color, 'spaceDelimited', false, 'color=blue%20black%20brown'],
    [color, 'pipeDelimited', false, 'color=blue|black|brown'],
    [rgb, 'deepObject', true, 'color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150'],
    [{ a: { b: [1, 2] } }, 'deepObject', true, 'color%5Ba%5D%5Bb%5D%5B0%5D=1&color%5Ba%5D%5Bb%5D%5B1%5D=2'],
    ['a b&c=d', 'form', true, 'color=a%20b%26c%3Dd'],
  ] as const)('%j %s explode=%s', (value, style, explode, expected) => {
    expect(q(value, style, explode)).toBe(expected);
  });

  it('keeps reserved characters with allowReserved, except those that end a value', () => {
    expect(encodePairs(queryPairs('u', 'a/b:c?d&e', 'form', true), true)).toBe('u=a/b:c?d%26e');
  });
});

describe('headers and cookies', () => {
  it('headers use simple style', () => {
    expect(serializeHeaderValue(color, false)).toBe('blue,black,brown');
    expect(serializeHeaderValue(rgb, true)).toBe('R=100,G=200,B=150');
  });
  it('cookies use form style', () => {
    expect(serializeCookie('id', 'a b;c', true)).toBe('id=a%20b%3Bc');
    expect(serializeCookie('color', color, false)).toBe('color=blue%2Cblack%2Cbrown');
  });
});
