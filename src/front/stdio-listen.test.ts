import { InMemoryTransport, SUBSCRIPTION_ID_META_KEY, type JSONRPCMessage } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { watchListens } from './stdio-listen.js';

/** A real linked transport pair; the server side watched, as serveStdio would own it. */
async function wired() {
  const [client, server] = InMemoryTransport.createLinkedPair();
  const events: string[] = [];
  const wire = watchListens(server, {
    opened: (id, uris) => events.push(`opened ${id} ${uris.join(',')}`),
    ended: (id) => events.push(`ended ${id}`),
  });
  const received: JSONRPCMessage[] = [];
  let closed = false;
  wire.onmessage = (m) => received.push(m);
  wire.onclose = () => (closed = true);
  await wire.start();
  await client.start();
  const ack = (id: number | string, uris?: string[]): JSONRPCMessage => ({
    jsonrpc: '2.0',
    method: 'notifications/subscriptions/acknowledged',
    params: {
      notifications: uris ? { resourceSubscriptions: uris } : { toolsListChanged: true },
      _meta: { [SUBSCRIPTION_ID_META_KEY]: id },
    },
  });
  const cancel = (id: number | string): JSONRPCMessage => ({
    jsonrpc: '2.0',
    method: 'notifications/cancelled',
    params: { requestId: id },
  });
  return { client, wire, events, received, ack, cancel, closed: () => closed };
}

describe('watchListens', () => {
  it('a stream exists from its acknowledgement and ends at the client cancel, once; messages pass unchanged', async () => {
    const w = await wired();
    await w.wire.send(w.ack(7, ['file:///a', 'file:///b']));
    await w.wire.send(w.ack(7, ['file:///a']));
    await w.client.send(w.cancel(7));
    await w.client.send(w.cancel(7));
    expect(w.events).toEqual(['opened 7 file:///a,file:///b', 'ended 7']);
    expect(w.received).toEqual([w.cancel(7), w.cancel(7)]);
  });

  it('a cancel of a request that is no acknowledged stream, or a listen never acknowledged, holds and ends nothing', async () => {
    const w = await wired();
    await w.client.send({ jsonrpc: '2.0', id: 3, method: 'subscriptions/listen', params: {} });
    await w.client.send(w.cancel(3));
    await w.wire.send({ jsonrpc: '2.0', id: 3, error: { code: -32603, message: 'Subscription limit reached' } });
    expect(w.events).toEqual([]);
  });

  it("the SDK's closing result ends its stream; the wire closing ends the rest and still reaches the handler", async () => {
    const w = await wired();
    await w.wire.send(w.ack('x', ['file:///a']));
    await w.wire.send(w.ack(2));
    await w.wire.send({ jsonrpc: '2.0', id: 'x', result: { resultType: 'complete' } });
    expect(w.events).toEqual(['opened x file:///a', 'opened 2 ', 'ended x']);
    await w.client.close();
    expect(w.events).toEqual(['opened x file:///a', 'opened 2 ', 'ended x', 'ended 2']);
    expect(w.closed()).toBe(true);
  });
});
