// A session's resources/unsubscribe of a URI it holds at an upstream that a reload has since removed: the
// subscription ended with that upstream's process, and the session lets go of it; the agent is told so, not "Resource
// not found" (it subscribed there, so the resource is not news to it). Held at a removed upstream and at one still
// configured (subscribed again after a re-route), the unsubscribe is the agent's at the one still configured. The
// real gateway process, a real SDK client over HTTP, real upstreams that log every subscribe and unsubscribe.
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

const work = tempDir('portcullis-removed-upstream-');
const logOf = { a: join(work, 'a.jsonl'), b: join(work, 'b.jsonl'), c: join(work, 'c.jsonl') };
const clearLogs = () => Object.values(logOf).forEach((f) => writeFileSync(f, ''));
clearLogs();
/** The subscribes and unsubscribes each upstream finished, in order. */
const upstreamLogs = () => ({ a: subscriptionLog(logOf.a), b: subscriptionLog(logOf.b), c: subscriptionLog(logOf.c) });

/** The upstreams configured, and those the reader may see the shared URI on. */
const config = (upstreams: ('a' | 'b' | 'c')[], allowed: ('a' | 'b' | 'c')[]) => `
upstreams:${upstreams.map((u) => notifyingUpstream(u, logOf[u])).join('')}
agents:
  reader:
    resources:
      allow: [${allowed.map((u) => `"${u}:file:///srv/shared/*"`).join(', ')}]
`;

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(config(['a', 'b'], ['a']));
}, 60_000);
afterAll(async () => {
  await gw?.stop();
  rmSync(work, { recursive: true, force: true });
});

const endSession = async (c: Client) => {
  await (c.transport as StreamableHTTPClientTransport).terminateSession();
  await c.close();
};
/**
 * Reloads with `text` and waits until the reader's reads of the URI are served from `from` (or, null: refused as
 * offered by more than one upstream). It lists first, as an agent would.
 */
async function reload(c: Client, text: string, from: string | null) {
  gw.rewriteConfig(text);
  await eventually(async () => {
    await c.listResources();
    const r = await c.readResource({ uri: URI }).then(
      (x) => (x.contents[0] as { text?: string } | undefined)?.text,
      (e: unknown) => (/more than one upstream/.test(String((e as Error).message)) ? null : undefined),
    );
    return r === (from === null ? null : `doc from ${from}`);
  });
}
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as { code?: number; message?: string },
  );

describe('an unsubscribe after a reload removed the upstream the session subscribed on', () => {
  it('is told its subscription ended with that upstream, not "Resource not found"; nothing is sent elsewhere', async () => {
    clearLogs();
    const c = await connectAgent(gw.url, gw.keys.reader);
    try {
      await reload(c, config(['a', 'b'], ['a']), 'a');
      await c.subscribeResource({ uri: URI });
      expect(upstreamLogs()).toEqual({ a: ['resources/subscribe'], b: [], c: [] });
      // Upstream a removed; the URI is served from b now.
      await reload(c, config(['b'], ['b']), 'b');
      const e = await failure(c.unsubscribeResource({ uri: URI }));
      expect(e?.code).toBe(-32602); // resource.not_found on the 2025-11-25 wire
      expect(e?.message).toContain(`Upstream a, where this session subscribed to ${URI}, is no longer configured`);
      expect(e?.message).toMatch(/Your subscription to it has ended/);
      expect(e?.message).not.toMatch(/Resource not found/);
      const recs = (await eventually(() => {
        const r = auditQuery<AuditRec>(gw.configFile, '--agent', 'reader').filter(
          (x) => x.detail?.method === 'resources/unsubscribe' && x.rule !== 'gateway.subscription-release',
        );
        return r.length > 0 ? r : undefined;
      }))!;
      expect(recs[0]).toMatchObject({ detail: { target: `a:${URI}` }, resultStatus: 'not_found' });
      expect(recs[0]!.reasons?.join(' ')).toMatch(/no longer configured/);
      for (const secret of [gw.keys.reader!, secretOf(gw.keys.reader)])
        expect(JSON.stringify(recs)).not.toContain(secret);
      // The gateway's own release of its subscription at a is no policy denial: decided by its rule, nothing sent (no
      // intent), called off because the subscription ended with the upstream.
      const own = (await eventually(() => {
        const r = auditQuery<AuditRec>(gw.configFile, '--agent', 'reader').filter(
          (x) => x.rule === 'gateway.subscription-release' && x.detail?.target === `a:${URI}`,
        );
        return r.length > 0 ? r : undefined;
      }))!;
      expect(own).toHaveLength(1);
      expect(own[0]).toMatchObject({
        type: 'mcp.request.failed',
        decision: 'allow',
        backend: 'a',
        resultStatus: 'cancelled',
        error: `Upstream a is no longer configured: its subscription to ${URI} ended with it, and nothing was sent`,
      });
      expect(own[0]!.reasons).toEqual([
        'nothing to release: upstream a is no longer configured (a reload removed it), and the subscription ended with it',
      ]);
      for (const secret of [gw.keys.reader!, secretOf(gw.keys.reader)])
        expect(JSON.stringify(own)).not.toContain(secret);
      // It holds nothing now: ending the session sends nothing to the upstream that serves the URI now.
      await endSession(c);
      await settle();
      expect(upstreamLogs()).toEqual({ a: ['resources/subscribe'], b: [], c: [] });
    } finally {
      await c.close();
    }
  });

  it('held there and at an upstream still configured: the unsubscribe is the agent’s at that one, and it succeeds', async () => {
    const c = await connectAgent(gw.url, gw.keys.reader);
    try {
      await reload(c, config(['a', 'b'], ['a']), 'a');
      clearLogs();
      await c.subscribeResource({ uri: URI });
      await reload(c, config(['a', 'b'], ['b']), 'b');
      await c.subscribeResource({ uri: URI });
      expect(upstreamLogs()).toEqual({ a: ['resources/subscribe'], b: ['resources/subscribe'], c: [] });
      // Upstream a removed, and the URI routed to neither of the session's upstreams (b and c both offer it now).
      await reload(c, config(['b', 'c'], ['b', 'c']), null);
      await c.unsubscribeResource({ uri: URI });
      await eventually(() => upstreamLogs().b.length === 2);
      await settle();
      expect(upstreamLogs()).toEqual({
        a: ['resources/subscribe'],
        b: ['resources/subscribe', 'resources/unsubscribe'],
        c: [],
      });
      const mine = auditQuery<AuditRec>(gw.configFile, '--agent', 'reader', '--type', 'mcp.request.requested').filter(
        (r) => r.detail?.method === 'resources/unsubscribe' && r.rule !== 'gateway.subscription-release',
      );
      expect(mine.at(-1)).toMatchObject({ decision: 'allow', detail: { target: `b:${URI}` } });
      await endSession(c);
      await settle();
      expect(upstreamLogs().b).toEqual(['resources/subscribe', 'resources/unsubscribe']);
    } finally {
      await c.close();
    }
  });
});
