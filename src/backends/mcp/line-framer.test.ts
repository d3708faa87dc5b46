import { describe, expect, it } from 'vitest';
import { createLineFramer, responseIdOf } from './line-framer.js';

function collect(max: number) {
  const lines: string[] = [];
  const over: { head: string; tail: string; bytes: number }[] = [];
  const f = createLineFramer({
    maxLineBytes: max,
    keepBytes: 16,
    onLine: (l) => lines.push(l.toString()),
    onOversized: (i) => over.push(i),
  });
  return { f, lines, over };
}

describe('line framer', () => {
  it('frames lines across chunks and keeps going after an oversized line, holding at most the bound', () => {
    const { f, lines, over } = collect(10);
    f.push(Buffer.from('{"a":1}\n{"b"'));
    f.push(Buffer.from(':2}\n' + 'x'.repeat(7)));
    f.push(Buffer.from('y'.repeat(50)));
    f.push(Buffer.from('z'.repeat(5) + '\n{"c":3}\n'));
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
    expect(over).toEqual([{ head: 'xxxxxxxyyyyyyyyy', tail: 'yyyyyyyyyyyzzzzz', bytes: 62 }]);
  });

  it('a line of exactly the bound passes', () => {
    const { f, lines, over } = collect(5);
    f.push(Buffer.from('12345\n123456\n'));
    expect(lines).toEqual(['12345']);
    expect(over).toHaveLength(1);
  });
});

describe('response id of an oversized message', () => {
  it('reads the id from the envelope at the start or the end', () => {
    expect(responseIdOf('{"jsonrpc":"2.0","id":7,"result":{"content":[{"te', 'xt"}]}}')).toBe(7);
    expect(
      responseIdOf('{"result":{"content":[{"type":"text","text":"aaaa', 'aaaa"}]},"jsonrpc":"2.0","id":"r-9"}'),
    ).toBe('r-9');
  });

  it('never answers for a nested id or a request from the server', () => {
    expect(responseIdOf('{"result":{"items":[{"x":"aaa', 'aaa","id":5}]}}')).toBeUndefined();
    expect(
      responseIdOf('{"jsonrpc":"2.0","id":3,"method":"sampling/createMessage","params":{"x":"', '"}}'),
    ).toBeUndefined();
  });
});
