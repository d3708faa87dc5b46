import { InMemoryTransport, type JSONRPCMessage } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { watchListens } from './stdio-listen.js';

/** A real linked transport pair; the server side watched, as serveStdio would own it. */
async function wired(honor: (uris: string[]) => string[] = (u) => u) {
  const [client, server] = InMemoryTransport.createLinkedPair();
  const events: string[] = [];
  let decide = () => {};
  let decided = Promise.resolve();
  const wire = watchListens(server, {
    opening: async (id, uris) => {
      events.push(`opening ${id} ${uris.join(',')}`);
      await decided;
      return honor(uris);
    },
    ended: (id) => {
      events.push(`ended ${id}`);
      return Promise.resolve();
    },
  });
  const received: JSONRPCMessage[] = [];
  let closed = false;
  wire.onmessage = (m) => received.push(m);
  wire.onclose = () => (closed = true);
  await wire.start();
  await client.start();
  const listen = (id: number | string, notifications: Record<string, unknown>): JSONRPCMessage => ({
    jsonrpc: '2.0',
    id,
    method: 'subscriptions/listen',
    params: { notifications },
  });
  const cancel = (id: number | string): JSONRPCMessage => ({
    jsonrpc: '2.0',
    method: 'notifications/cancelled',
    params: { requestId: id },
  });
  const hold = () => {
    decided = new Promise<void>((r) => (decide = r));
  };
  const settled = () => new Promise((r) => setTimeout(r, 10));
  return {
    client,
    wire,
    events,
    received,
    listen,
    cancel,
    closed: () => closed,
    hold,
    decide: () => decide(),
    settled,
  };
}

describe('watchListens', () => {
  it('a listen naming URIs waits for the decision, reaches the SDK narrowed to the honored ones, before what followed', async () => {
    const w = await wired((uris) => uris.filter((u) => u !== 'file:///secret'));
    w.hold();
    await w.client.send(w.listen(7, { resourceSubscriptions: ['file:///a', 'file:///secret'] }));
    await w.client.send(w.cancel(7));
    await w.settled();
    expect(w.received).toEqual([]);
    w.decide();
    await w.settled();
    expect(w.received).toEqual([w.listen(7, { resourceSubscriptions: ['file:///a'] }), w.cancel(7)]);
    await w.client.send(w.cancel(7));
    expect(w.events).toEqual(['opening 7 file:///a,file:///secret', 'ended 7']);
  });

  it('a listen without resource URIs, or with malformed ones, passes unchanged and holds nothing', async () => {
    const w = await wired();
    const plain = w.listen(3, { toolsListChanged: true });
    const malformed = w.listen(4, { resourceSubscriptions: ['file:///a', 5] });
    await w.client.send(plain);
    await w.client.send(malformed);
    await w.client.send(w.cancel(3));
    expect(w.received).toEqual([plain, malformed, w.cancel(3)]);
    expect(w.events).toEqual([]);
  });

  it("the SDK's refusal or closing result ends its stream; the wire closing ends the rest and reaches the handler", async () => {
    const w = await wired();
    await w.client.send(w.listen('x', { resourceSubscriptions: ['file:///a'] }));
    await w.client.send(w.listen(2, { resourceSubscriptions: ['file:///b'] }));
    await w.client.send(w.listen(9, { resourceSubscriptions: ['file:///c'] }));
    await w.settled();
    await w.wire.send({ jsonrpc: '2.0', id: 9, error: { code: -32603, message: 'Subscription limit reached' } });
    await w.wire.send({ jsonrpc: '2.0', id: 'x', result: { resultType: 'complete' } });
    expect(w.events).toEqual([
      'opening x file:///a',
      'opening 2 file:///b',
      'opening 9 file:///c',
      'ended 9',
      'ended x',
    ]);
    await w.client.close();
    expect(w.events.at(-1)).toBe('ended 2');
    expect(w.closed()).toBe(true);
  });
});
