import { describe, expect, it } from 'vitest';
import { boundedFetch, type OversizedInfo } from './bounded-fetch.js';
import { RESULT_TOO_LARGE } from './bounded-stdio.js';

/** A response whose body arrives in the given chunks (as a slow upstream would send it). */
function chunked(chunks: string[], type: string, extra: Record<string, string> = {}): Response {
  const enc = new TextEncoder();
  let i = 0;
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      pulled++;
      if (i < chunks.length) c.enqueue(enc.encode(chunks[i++]));
      else c.close();
    },
  });
  const res = new Response(body, { headers: { 'content-type': type, ...extra } });
  Object.defineProperty(res, 'pulled', { get: () => pulled });
  return res;
}

const post = (id: number) => ({ method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call' }) });

describe('bounded fetch (HTTP upstream result limit)', () => {
  it('passes JSON responses within the limit through unchanged', async () => {
    const f = boundedFetch(
      async () => chunked(['{"jsonrpc":"2.0",', '"id":1,"result":{}}'], 'application/json'),
      100,
      () => {
        throw new Error('not oversized');
      },
    );
    expect(await (await f('http://x', post(1))).json()).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
  });

  it('stops reading a JSON response past the limit and answers the request with RESULT_TOO_LARGE', async () => {
    const seen: OversizedInfo[] = [];
    const upstream = chunked(
      Array.from({ length: 1000 }, () => 'x'.repeat(100)),
      'application/json',
    );
    const f = boundedFetch(
      async () => upstream,
      1000,
      (i) => seen.push(i),
    );
    const body = (await (await f('http://x', post(7))).json()) as { id: number; error: { code: number } };
    expect(body).toMatchObject({ id: 7, error: { code: RESULT_TOO_LARGE, data: { limitBytes: 1000 } } });
    expect(seen).toEqual([{ bytes: 1100, answered: true }]);
    // Cut while reading: 11 of the 1000 chunks were read.
    expect((upstream as unknown as { pulled: number }).pulled).toBeLessThan(20);
  });

  it('refuses a declared Content-Length over the limit without reading', async () => {
    const seen: OversizedInfo[] = [];
    const f = boundedFetch(
      async () => chunked(['{}'], 'application/json', { 'content-length': '5000000' }),
      1000,
      (i) => seen.push(i),
    );
    expect(((await (await f('http://x', post(2))).json()) as { error: { code: number } }).error.code).toBe(
      RESULT_TOO_LARGE,
    );
    expect(seen).toEqual([{ bytes: 5000000, answered: true }]);
  });

  it('passes SSE events whole (split across chunks, CRLF or LF) and replaces an oversized one', async () => {
    const small = 'event: message\r\ndata: {"jsonrpc":"2.0","method":"notifications/progress","params":{}}\r\n\r\n';
    const big = `event: message\ndata: {"jsonrpc":"2.0","id":3,"result":{"text":"${'y'.repeat(5000)}"}}\n\n`;
    const seen: OversizedInfo[] = [];
    const f = boundedFetch(
      async () => chunked([small.slice(0, 20), small.slice(20), ...big.match(/.{1,300}/gs)!], 'text/event-stream'),
      1000,
      (i) => seen.push(i),
    );
    const text = await (await f('http://x', post(3))).text();
    const events = text.split(/\r?\n\r?\n/).filter(Boolean);
    expect(events[0]).toBe(small.trimEnd());
    expect(JSON.parse(events[1]!.split('data: ')[1]!)).toMatchObject({ id: 3, error: { code: RESULT_TOO_LARGE } });
    expect(events).toHaveLength(2);
    expect(seen[0]!.answered).toBe(true);
    expect(seen[0]!.bytes).toBeGreaterThan(1000);
    expect(seen[0]!.bytes).toBeLessThanOrEqual(1300);
  });

  it('ends an oversized event on the standalone GET stream without inventing a response', async () => {
    const seen: OversizedInfo[] = [];
    const f = boundedFetch(
      async () => chunked(['data: ', 'z'.repeat(2000), '\n\n'], 'text/event-stream'),
      1000,
      (i) => seen.push(i),
    );
    expect(await (await f('http://x', { method: 'GET' })).text()).toBe('');
    expect(seen).toEqual([{ bytes: 2006, answered: false }]);
  });
});
