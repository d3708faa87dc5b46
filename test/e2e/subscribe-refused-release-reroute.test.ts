// A session's hold on an upstream subscription is released on the upstream it was taken on, even when a reload has
// since routed the URI to another upstream (two upstreams offer it; the policy lets the agent see one at a time).
// Before, the session's resources/unsubscribe followed the new route: the upstream it never subscribed on was sent an
// unsubscribe, and the one it did subscribe on stayed subscribed. The real gateway process, a real SDK client over
// HTTP, two real upstreams that log every subscribe and unsubscribe once it is done (the last one logged is its state).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuditRec,
  auditQuery,
  connectAgent,
  eventually,
  type RunningGateway,
  secretOf,
  startGateway,
  tempDir,
} from './harness.js';
import { notifyingUpstream, settle, SHARED_URI as URI, subscriptionLog } from './support/notifying-upstream.js';

const work = tempDir('portcullis-reroute-release-');
const logOf = { a: join(work, 'a.jsonl'), b: join(work, 'b.jsonl') };
writeFileSync(logOf.a, '');
writeFileSync(logOf.b, '');
/** The subscribes and unsubscribes each upstream finished, in order. */
const upstreamLogs = () => ({ a: subscriptionLog(logOf.a), b: subscriptionLog(logOf.b) });

/** The reader may see the shared URI on `route` only, so it is served from there. */
const config = (route: 'a' | 'b') => `
upstreams:${notifyingUpstream('a', logOf.a)}${notifyingUpstream('b', logOf.b)}
agents:
  reader:
    resources:
      allow: ["${route}:file:///srv/shared/*"]
`;

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(config('a'));
}, 60_000);
afterAll(async () => {
  await gw?.stop();
  rmSync(work, { recursive: true, force: true });
});

const endSession = async (c: Client) => {
  await (c.transport as StreamableHTTPClientTransport).terminateSession();
  await c.close();
};
/** Routes the URI to `route` (a reload) and waits until the reader's reads are served from there. */
async function routeTo(c: Client, route: 'a' | 'b') {
  gw.rewriteConfig(config(route));
  await eventually(async () => {
    const r = await c.readResource({ uri: URI }).catch(() => undefined);
    return (r?.contents[0] as { text?: string } | undefined)?.text === `doc from ${route}`;
  });
}

describe('an unsubscribe after a reload routed its URI to another upstream', () => {
  it('is decided and released on the upstream the session subscribed on, never sent to the other', async () => {
    const c = await connectAgent(gw.url, gw.keys.reader);
    try {
      await routeTo(c, 'a');
      await c.subscribeResource({ uri: URI });
      expect(upstreamLogs()).toEqual({ a: ['resources/subscribe'], b: [] });
      await routeTo(c, 'b');
      // The session holds a:URI, which the policy now refuses: the refusal is stated, and the hold ends all the same.
      await expect(c.unsubscribeResource({ uri: URI })).rejects.toThrow(
        `Denied by policy (rule default-deny): resources/unsubscribe of a:${URI}.`,
      );
      await eventually(() => upstreamLogs().a.length === 2);
      await settle();
      expect(upstreamLogs()).toEqual({ a: ['resources/subscribe', 'resources/unsubscribe'], b: [] });
      const recs = auditQuery<AuditRec>(gw.configFile, '--agent', 'reader');
      const unsubscribes = recs.filter((r) => r.detail?.method === 'resources/unsubscribe');
      expect(unsubscribes.every((r) => r.detail?.target === `a:${URI}`)).toBe(true);
      expect(unsubscribes.some((r) => r.rule === 'gateway.subscription-release')).toBe(true);
      for (const secret of [gw.keys.reader!, secretOf(gw.keys.reader)])
        expect(JSON.stringify(unsubscribes)).not.toContain(secret);
      // It holds nothing now: ending the session sends nothing more.
      await endSession(c);
      await settle();
      expect(upstreamLogs()).toEqual({ a: ['resources/subscribe', 'resources/unsubscribe'], b: [] });
    } finally {
      await c.close();
    }
  });

  it('subscribed on both upstreams (once per route): one unsubscribe ends both holds, each on its own upstream', async () => {
    writeFileSync(logOf.a, '');
    writeFileSync(logOf.b, '');
    const c = await connectAgent(gw.url, gw.keys.reader);
    try {
      await routeTo(c, 'a');
      await c.subscribeResource({ uri: URI });
      await routeTo(c, 'b');
      await c.subscribeResource({ uri: URI });
      expect(upstreamLogs()).toEqual({ a: ['resources/subscribe'], b: ['resources/subscribe'] });
      // Served from b now: the unsubscribe is the agent's there (allowed); the hold on a is the gateway's to end.
      await c.unsubscribeResource({ uri: URI });
      await eventually(() => upstreamLogs().a.length === 2 && upstreamLogs().b.length === 2);
      await settle();
      expect(upstreamLogs()).toEqual({
        a: ['resources/subscribe', 'resources/unsubscribe'],
        b: ['resources/subscribe', 'resources/unsubscribe'],
      });
      await endSession(c);
      await settle();
      expect(upstreamLogs().a.length + upstreamLogs().b.length).toBe(4);
    } finally {
      await c.close();
    }
  });
});
