import { describe, expect, it } from 'vitest';
import { createUpstreamPool } from '../backends/mcp/pool.js';
import { upstreamPoolSchema } from '../backends/mcp/pool-config.js';
import type { McpUpstream } from '../backends/mcp/upstream.js';
import type { BackendState } from '../core/backend.js';
import { subscriptionKey } from '../front/port.js';
import type { JsonObject } from '../core/tool.js';
import type { MethodCall, SubscriptionHolder } from '../pipeline/call.js';
import { createUpstreamSubscriptions } from './resource-subscriptions.js';

const URI = 'file:///srv/doc.txt';
const KEY = subscriptionKey('a', URI);
const call = (method: 'resources/subscribe' | 'resources/unsubscribe', holder?: SubscriptionHolder) =>
  ({ method, target: { kind: 'resource', server: 'a', uri: URI }, ...(holder ? { holder } : {}) }) as MethodCall;

describe('upstream subscriptions: one count per (upstream, URI)', () => {
  it('an unsubscribe is sent by the last holder only, whichever kind of holder it is', async () => {
    const subs = createUpstreamSubscriptions();
    const [session, stream] = [new Set<string>(), new Set<string>()];
    const sent: string[] = [];
    const send = (m: string) => () => Promise.resolve((sent.push(m), {}));
    await subs.counted(call('resources/subscribe', session), send('sub'));
    await subs.counted(call('resources/subscribe', stream), send('sub'));
    expect([...session]).toEqual([KEY]);
    expect(await subs.counted(call('resources/unsubscribe', session), send('unsub'))).toEqual({});
    expect(sent).toEqual(['sub', 'sub']);
    expect(session.size).toBe(0);
    // A caller naming no holder holds nothing: it cannot end the stream's subscription either.
    await subs.counted(call('resources/unsubscribe'), send('unsub'));
    expect(sent).toEqual(['sub', 'sub']);
    await subs.counted(call('resources/unsubscribe', stream), send('unsub'));
    expect(sent).toEqual(['sub', 'sub', 'unsub']);
  });

  it("one URI's subscribes and unsubscribes reach the upstream one at a time, in order: none is sent while another is there", async () => {
    const subs = createUpstreamSubscriptions();
    const seen: string[] = [];
    const answers: Array<() => void> = [];
    /** An upstream that answers only when told (an upstream may work on two requests at once, finishing either first). */
    const slow = (m: string) => () =>
      new Promise<JsonObject>((r) => {
        seen.push(`${m} sent`);
        answers.push(() => r((seen.push(`${m} done`), {})));
      });
    const turn = () => new Promise((r) => setImmediate(r));
    // A session's subscribe is at the upstream when the session ends: its release unsubscribes (the last holder).
    const session = new Set<string>();
    const subscribing = subs.counted(call('resources/subscribe', session), slow('sub'));
    subs.end(session);
    const unsubscribing = subs.counted(call('resources/unsubscribe', session), slow('unsub'));
    await turn();
    expect(seen).toEqual(['sub sent']);
    answers.shift()!();
    await subscribing;
    await turn();
    expect(seen).toEqual(['sub sent', 'sub done', 'unsub sent']);
    // Another holder subscribes while that unsubscribe is at the upstream: sent once it is done, so it stays subscribed.
    const next = subs.counted(call('resources/subscribe', new Set<string>()), slow('sub'));
    await turn();
    expect(seen).toHaveLength(3);
    answers.shift()!();
    await unsubscribing;
    await turn();
    answers.shift()!();
    await next;
    expect(seen.slice(3)).toEqual(['unsub done', 'sub sent', 'sub done']);
  });

  it('a subscribe the upstream refuses holds nothing; one already held stays held', async () => {
    const subs = createUpstreamSubscriptions();
    const holder = new Set<string>();
    const fail = () => Promise.reject(new Error('upstream down'));
    await expect(subs.counted(call('resources/subscribe', holder), fail)).rejects.toThrow('upstream down');
    expect(holder.size).toBe(0);
    await subs.counted(call('resources/subscribe', holder), () => Promise.resolve({}));
    await expect(subs.counted(call('resources/subscribe', holder), fail)).rejects.toThrow('upstream down');
    expect([...holder]).toEqual([KEY]);
  });

  it('drop lets go without sending anything', async () => {
    const subs = createUpstreamSubscriptions();
    const [a, b] = [new Set<string>(), new Set<string>()];
    await subs.counted(call('resources/subscribe', a), () => Promise.resolve({}));
    subs.drop(a);
    expect(a.size).toBe(0);
    // Nobody holds it now: the next holder's unsubscribe is sent.
    expect(subs.release(KEY, b)).toBe(true);
  });

  it('a holder whose session or stream ended holds nothing new: a subscribe still in the pipeline is refused before the upstream', async () => {
    const subs = createUpstreamSubscriptions();
    const sent: string[] = [];
    const send = () => Promise.resolve((sent.push('sub'), {}));
    // The session closed while its subscribe was still being decided: its release let go of what it held then.
    const closedSession = new Set<string>();
    subs.drop(closedSession);
    await expect(subs.counted(call('resources/subscribe', closedSession), send)).rejects.toMatchObject({
      code: 'session.not_found',
    });
    // A stream whose release has begun (ended first, its unsubscribes under way).
    const closingStream = new Set<string>();
    subs.end(closingStream);
    await expect(subs.counted(call('resources/subscribe', closingStream), send)).rejects.toMatchObject({
      code: 'session.not_found',
    });
    expect(sent).toEqual([]);
    expect(closedSession.size + closingStream.size).toBe(0);
    // Nobody holds the URI: the upstream was never subscribed for either.
    expect(subs.release(KEY, new Set())).toBe(true);
  });

  it('letting go without telling the upstream (a refused unsubscribe or release) names the keys nobody holds any more', async () => {
    const subs = createUpstreamSubscriptions();
    const [session, other] = [new Set<string>(), new Set<string>()];
    const atB = subscriptionKey('b', URI);
    const elsewhere = subscriptionKey('a', 'file:///srv/other.txt');
    for (const key of [KEY, atB, elsewhere]) subs.hold(key, session);
    subs.hold(atB, other);
    // The URI at both upstreams is let go; b's is still held by the other holder, so only a's is the gateway's to end.
    expect(subs.letGo(URI, session)).toEqual([KEY]);
    expect([...session]).toEqual([elsewhere]);
    expect(subs.drop(session)).toEqual([elsewhere]);
    expect(subs.drop(other)).toEqual([atB]);
  });
});

/**
 * A `per-agent` upstream pool of in-memory processes that remember what they are subscribed to: one per agent (and a
 * catalog member that serves nobody's calls), as the real pool runs them.
 */
function perAgentUpstream() {
  const subscribed = new Map<string, Set<string>>();
  const pool = createUpstreamPool('a', upstreamPoolSchema.parse({ mode: 'per-agent' }), (label) => {
    const mine = new Set<string>();
    subscribed.set(label, mine);
    let state: BackendState = 'connecting';
    return {
      name: 'a',
      kind: 'mcp',
      start: async () => void (state = 'ready'),
      tools: () => [],
      status: () => ({ name: 'a', kind: 'mcp', state, toolCount: 0 }),
      onToolsChanged: () => undefined,
      onNotification: () => undefined,
      capabilities: () => ({ resources: { subscribe: true } }),
      callTool: () => Promise.reject(new Error('no tools')),
      request: async (method, params) => {
        const uri = String(params?.uri);
        if (method === 'resources/subscribe') mine.add(uri);
        if (method === 'resources/unsubscribe') mine.delete(uri);
        return {};
      },
      close: async () => void (state = 'closed'),
    } satisfies McpUpstream;
  });
  /** What agent `agent`'s process is subscribed to. */
  const of = (agent: string) => [...(subscribed.get(`agent ${agent}`) ?? [])];
  return { pool, of };
}

describe('upstream subscriptions of a per-agent upstream: one count per process', () => {
  const forwarded = (
    subs: ReturnType<typeof createUpstreamSubscriptions>,
    pool: McpUpstream,
    agent: string,
    method: 'resources/subscribe' | 'resources/unsubscribe',
    holder?: SubscriptionHolder,
  ) => {
    const c = {
      ...call(method, holder),
      principal: { agent, method: 'api-key' },
      upstream: pool,
    } as MethodCall;
    const ctx = { principal: c.principal, requestId: 'r', signal: new AbortController().signal };
    return subs.counted(c, () => pool.request(method, { uri: URI }, ctx));
  };

  it("an agent's unsubscribe reaches its own process, and the other agent's process stays subscribed", async () => {
    const { pool, of } = perAgentUpstream();
    const subs = createUpstreamSubscriptions();
    const [mine, theirs] = [new Set<string>(), new Set<string>()];
    await forwarded(subs, pool, 'alice', 'resources/subscribe', mine);
    await forwarded(subs, pool, 'bob', 'resources/subscribe', theirs);
    expect([of('alice'), of('bob')]).toEqual([[URI], [URI]]);
    // Alice lets go: her process is unsubscribed (it holds nothing for anyone else); Bob's keeps his subscription.
    await forwarded(subs, pool, 'alice', 'resources/unsubscribe', mine);
    expect([of('alice'), of('bob')]).toEqual([[], [URI]]);
    expect([...theirs]).toEqual([KEY]);
    await forwarded(subs, pool, 'bob', 'resources/unsubscribe', theirs);
    expect([of('alice'), of('bob')]).toEqual([[], []]);
    await pool.close();
  });

  it("two holders of one agent share its process's subscription; a holder of another agent does not count for it", async () => {
    const { pool, of } = perAgentUpstream();
    const subs = createUpstreamSubscriptions();
    const [session, stream, bobs] = [new Set<string>(), new Set<string>(), new Set<string>()];
    await forwarded(subs, pool, 'alice', 'resources/subscribe', session);
    await forwarded(subs, pool, 'alice', 'resources/subscribe', stream);
    await forwarded(subs, pool, 'bob', 'resources/subscribe', bobs);
    // Bob's session closes: nobody holds the URI at his process any more, so it is the gateway's to release there
    // (with Bob's principal, whose process it is), though Alice still holds it at hers.
    expect(subs.drop(bobs)).toEqual([KEY]);
    await forwarded(subs, pool, 'bob', 'resources/unsubscribe');
    expect([of('alice'), of('bob')]).toEqual([[URI], []]);
    // One of Alice's holders lets go: her other one still holds it at her process.
    await forwarded(subs, pool, 'alice', 'resources/unsubscribe', session);
    expect(of('alice')).toEqual([URI]);
    expect(subs.letGo(URI, stream)).toEqual([KEY]);
    await forwarded(subs, pool, 'alice', 'resources/unsubscribe');
    expect(of('alice')).toEqual([]);
    await pool.close();
  });
});
