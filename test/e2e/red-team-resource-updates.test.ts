// Red team: `notifications/resources/updated` from an upstream reaches an agent only for the (upstream, URI) the
// gateway serves the agent's subscription from, and only while the one policy decision still lets the agent read that
// resource (asked again at every delivery). Two real upstream MCP servers expose the same URI; the real gateway
// process; real SDK clients of both protocol eras; a grant removed by a config reload.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { Client, type StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuditRec,
  auditQuery,
  CLI,
  connectAgent,
  eventually,
  type RunningGateway,
  startGateway,
  tempDir,
} from './harness.js';
import { postMcp, rpcMessages } from './support/raw-mcp.js';
import { notifyingUpstream, settle, SHARED_URI as URI, updatesOf } from './support/notifying-upstream.js';

const work = tempDir('portcullis-resource-updates-');
const logOf = (name: string) => join(work, `${name}.jsonl`);
for (const n of ['a', 'b']) writeFileSync(logOf(n), '');
const upstream = (name: string) => notifyingUpstream(name, logOf(name));
const config = (readerResources: string) => `
upstreams:${upstream('a')}${upstream('b')}
agents:
  reader:
    tools:
      allow: ["a_touch", "b_touch"]
    resources:
      allow: [${readerResources}]
  outsider:
    tools:
      allow: ["a_touch", "b_touch"]
  both:
    tools:
      allow: ["a_touch", "b_touch"]
    resources:
      allow: ["a:file:///srv/shared/*", "b:file:///srv/shared/*"]
`;
// Both upstreams list the URI; the reader may see it on one of them only, so that one answers for it (for both, see
// 'resource shadowing' below).
const GRANTED = '"a:file:///srv/shared/*"';
/** The resource template every copy of the notifying upstream lists. */
const TEMPLATE = 'file:///srv/shared/{name}';

const subscribedAt = () => ['a', 'b'].filter((n) => readFileSync(logOf(n), 'utf8').includes('"resources/subscribe"'));

const touch = async (c: Client, server: string) =>
  expect((await c.callTool({ name: `${server}_touch`, arguments: {} })).content).toEqual([
    { type: 'text', text: 'touched' },
  ]);

/** Requests of `method` in upstream a's request log (every gateway process's connection to a writes there). */
const count = (method: string) =>
  readFileSync(logOf('a'), 'utf8')
    .split('\n')
    .filter((l) => l.includes(`"${method}"`)).length;

/** An SDK client of `portcullis stdio --agent <agent>`: 2025-11-25, or 2026-07-28 when `modern`. */
const stdioClient = async (agent: string, modern = false) => {
  const c = new Client(
    { name: 'e2e-stdio', version: '1.0.0' },
    modern ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
  await c.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [CLI, 'stdio', '--agent', agent, '--config', gw.configFile],
    }),
  );
  return c;
};

/**
 * Two listen streams of `c` for the shared URI: each subscribes at upstream a (policy and audit per stream), and
 * closing the second keeps the first one's hold (no unsubscribe). Returns the first stream, still open, and the
 * unsubscribe count before it.
 */
async function twoStreamsHoldOnce(c: Client) {
  const subscribes = count('resources/subscribe');
  const unsubscribes = count('resources/unsubscribe');
  const sub = await c.listen({ resourceSubscriptions: [URI] });
  await eventually(() => count('resources/subscribe') === subscribes + 1);
  const again = await c.listen({ resourceSubscriptions: [URI] });
  await eventually(() => count('resources/subscribe') === subscribes + 2);
  await again.close();
  await settle();
  expect(count('resources/unsubscribe')).toBe(unsubscribes);
  return { sub, unsubscribes };
}

/** Ends a 2025-11-25 session as a client that is done with it does: DELETE, then close (close alone keeps it). */
async function endSession(c: Client) {
  await (c.transport as StreamableHTTPClientTransport).terminateSession();
  await c.close();
}

/**
 * The resource router's ordering guard, for one kind of listing (`list`: resources, `templates`: resource templates):
 * two agents' listings made to finish out of order, the older one last (upstream a holds it, then answers it empty),
 * must leave what the newer one found, `offered` at both upstreams, so a read of `read` stays ambiguous.
 */
async function olderListingFinishesLast(
  kind: 'list' | 'templates',
  listed: (c: Client) => Promise<string[]>,
  offered: string,
  read: string,
) {
  const older = await connectAgent(gw.url, gw.keys.both);
  const newer = await connectAgent(gw.url, gw.keys.both);
  const [hold, release] = [`hold-${kind}`, `release-${kind}`].map((f) => `${logOf('a')}.${f}`) as [string, string];
  try {
    expect(await listed(newer)).toEqual([offered, offered]);
    // The older listing reaches upstream a, which holds it (a listing of the moment it offered nothing) ...
    writeFileSync(hold, '');
    const late = listed(older);
    await eventually(() => !existsSync(hold));
    // ... while a newer listing, started after it, finishes first: a and b both offer it.
    expect(await listed(newer)).toEqual([offered, offered]);
    // Released, the older one finishes last, saying only b offers it; what the newer one found stands.
    writeFileSync(release, '');
    expect(await late).toEqual([offered]);
    await expect(newer.readResource({ uri: read })).rejects.toThrow(/more than one upstream \(a, b\)/);
  } finally {
    for (const f of [hold, release]) rmSync(f, { force: true });
    await older.close();
    await newer.close();
  }
}

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(config(GRANTED));
}, 60_000);
afterAll(async () => {
  await gw?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('2026-07-28 listen streams subscribe at the upstream', () => {
  it('the owning upstream gets resources/subscribe when a stream asks for the URI and unsubscribe when it closes', async () => {
    const reader = await connectAgent(gw.url, gw.keys.reader, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    const { sub, unsubscribes } = await twoStreamsHoldOnce(reader);
    await sub.close();
    await eventually(() => count('resources/unsubscribe') === unsubscribes + 1);
    await reader.close();
  });

  it('a stream whose agent may not read the URI subscribes nothing upstream, and the refusal is audited', async () => {
    const subscribes = count('resources/subscribe');
    const outsider = await connectAgent(gw.url, gw.keys.outsider, {
      versionNegotiation: { mode: { pin: '2026-07-28' } },
    });
    const sub = await outsider.listen({ resourceSubscriptions: [URI] });
    // The acknowledgement tells the client: the refused URI is not among those honored (2026-07-28 spec).
    expect(sub.honoredFilter.resourceSubscriptions).toBeUndefined();
    await eventually(() =>
      auditQuery<AuditRec>(gw.configFile).some(
        (r) => r.type === 'mcp.request.denied' && r.agent === 'outsider' && r.detail?.method === 'resources/subscribe',
      ),
    );
    expect(count('resources/subscribe')).toBe(subscribes);
    await sub.close();
    await outsider.close();
  });

  it('one count per (upstream, URI) across sessions and streams: unsubscribe reaches the upstream when the last holder goes', async () => {
    const unsubscribes = count('resources/unsubscribe');
    const modern = await connectAgent(gw.url, gw.keys.reader, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    const heardByStream = updatesOf(modern);
    const before = count('resources/subscribe');
    const stream = await modern.listen({ resourceSubscriptions: [URI] });
    await eventually(() => count('resources/subscribe') === before + 1);
    const subscribes = before + 1;
    const [first, second] = [await connectAgent(gw.url, gw.keys.reader), await connectAgent(gw.url, gw.keys.reader)];
    const heardBySecond = updatesOf(second);
    await first.subscribeResource({ uri: URI });
    await second.subscribeResource({ uri: URI });
    expect(count('resources/subscribe')).toBe(subscribes + 2);
    // One session lets go: the stream and the other session still hold the URI, so the upstream keeps it.
    await first.unsubscribeResource({ uri: URI });
    await settle();
    expect(count('resources/unsubscribe')).toBe(unsubscribes);
    await touch(modern, 'a');
    await eventually(() => heardByStream.length === 1 && heardBySecond.length === 1);
    // The stream closes: the second session still holds it.
    await stream.close();
    await settle();
    expect(count('resources/unsubscribe')).toBe(unsubscribes);
    await touch(second, 'a');
    await eventually(() => heardBySecond.length === 2);
    // The last holder lets go: now the upstream is told, once.
    await second.unsubscribeResource({ uri: URI });
    await eventually(() => count('resources/unsubscribe') === unsubscribes + 1);
    await settle();
    expect(count('resources/unsubscribe')).toBe(unsubscribes + 1);
    await Promise.all([first.close(), second.close(), modern.close()]);
  });
});

describe('resource update notifications (2025-11-25 sessions)', () => {
  let owner = '';
  let other = '';
  it('an update from the upstream the subscription was not made with does not reach the session', async () => {
    const c = await connectAgent(gw.url, gw.keys.reader);
    const got = updatesOf(c);
    await c.subscribeResource({ uri: URI });
    const at = subscribedAt();
    expect(at).toHaveLength(1);
    owner = at[0]!;
    other = owner === 'a' ? 'b' : 'a';
    // The other upstream says "updated" first; then the one the subscription went to.
    await touch(c, other);
    await touch(c, owner);
    await eventually(() => got.length >= 1);
    await settle();
    expect(got).toEqual([URI]);
    await c.unsubscribeResource({ uri: URI });
    await c.close();
  });

  it('a grant removed by a reload stops delivery at once, and the refusal is audited', async () => {
    const c = await connectAgent(gw.url, gw.keys.reader);
    const got = updatesOf(c);
    await c.subscribeResource({ uri: URI });
    await touch(c, owner);
    await eventually(() => got.length === 1);

    gw.rewriteConfig(config(''));
    await eventually(async () => (await c.listResources()).resources.length === 0);
    await touch(c, owner);
    await touch(c, owner);
    await settle();
    expect(got).toEqual([URI]);
    const denied = await eventually(() =>
      auditQuery<AuditRec>(gw.configFile).filter(
        (r) => r.type === 'resource.update.refused' && r.detail?.method === 'notifications/resources/updated',
      ),
    );
    expect(denied.length).toBeGreaterThan(0);
    // Recorded once per subscriber and resource, not once per notification.
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ agent: 'reader', decision: 'deny', detail: { target: `${owner}:${URI}` } });
    expect(denied[0]?.reasons?.join(' ')).toMatch(/not delivered/);

    // Granted again: delivered again, to the same subscription.
    gw.rewriteConfig(config(GRANTED));
    // Both upstreams list the URI; the reader sees the one it is granted.
    await eventually(async () => (await c.listResources()).resources.length === 1);
    await touch(c, owner);
    await eventually(() => got.length === 2);
    // A client's close() does not end its 2025-11-25 session (the session lives until DELETE or its idle expiry, and
    // holds its subscription meanwhile): end it, so that later cases find nobody holding the URI. It is the last holder,
    // so its release reaches the upstream; wait for it, or the next case's count catches it late (CI failed so, and the
    // next case once passed on this release instead of its own).
    const unsubscribes = count('resources/unsubscribe');
    await endSession(c);
    await eventually(() => count('resources/unsubscribe') === unsubscribes + 1);
  });

  it('a session ended by DELETE without unsubscribing lets go upstream', async () => {
    const unsubscribes = count('resources/unsubscribe');
    const c = await connectAgent(gw.url, gw.keys.reader);
    await c.subscribeResource({ uri: URI });
    await endSession(c);
    await eventually(() => count('resources/unsubscribe') === unsubscribes + 1);
  });
});

describe('resource update notifications (2026-07-28 subscriptions/listen)', () => {
  const modern = { versionNegotiation: { mode: { pin: '2026-07-28' as const } } };
  it('an agent no policy lets read the resource hears nothing of it; a granted one hears its owner only', async () => {
    const outsider = await connectAgent(gw.url, gw.keys.outsider, modern);
    const reader = await connectAgent(gw.url, gw.keys.reader, modern);
    const heardByOutsider = updatesOf(outsider);
    const heardByReader = updatesOf(reader);
    await outsider.listen({ resourceSubscriptions: [URI] });
    await reader.listen({ resourceSubscriptions: [URI] });
    // Whichever upstream the gateway serves the URI from; the other's update is not the reader's resource.
    const read = (await reader.readResource({ uri: URI })).contents[0] as { text?: string } | undefined;
    expect(read?.text).toMatch(/^doc from [ab]$/);
    const owner = read?.text === 'doc from a' ? 'a' : 'b';
    const other = owner === 'a' ? 'b' : 'a';
    await touch(reader, other);
    await touch(reader, owner);
    await eventually(() => heardByReader.length >= 1);
    await settle();
    expect(heardByReader).toEqual([URI]);
    expect(heardByOutsider).toEqual([]);
    await outsider.close();
    await reader.close();
  });
});

describe('resource shadowing: two upstreams offer the same URI', () => {
  it('an agent that may see it on both is refused, naming both, rather than served by either; audited', async () => {
    const c = await connectAgent(gw.url, gw.keys.both);
    await expect(c.readResource({ uri: URI })).rejects.toThrow(
      /offered by more than one upstream \(a, b\); it is refused so that no upstream answers for another's resource/,
    );
    await expect(c.subscribeResource({ uri: URI })).rejects.toThrow(/more than one upstream \(a, b\)/);
    expect(subscribedAt().length).toBeLessThanOrEqual(1);
    const denied = await eventually(() =>
      auditQuery<AuditRec>(gw.configFile).filter((r) => r.type === 'mcp.request.denied' && r.agent === 'both'),
    );
    expect(denied[0]).toMatchObject({ rule: 'resource-shadowing', detail: { target: `a|b:${URI}` } });
    await c.close();
  });

  it('an upstream whose listing fails keeps counting for what it listed last: the other does not answer alone', async () => {
    const c = await connectAgent(gw.url, gw.keys.both);
    const failing = `${logOf('a')}.fail-list`;
    try {
      expect((await c.listResources()).resources.map((r) => r.uri)).toEqual([URI, URI]);
      writeFileSync(failing, '');
      await c.listResources();
      await expect(c.readResource({ uri: URI })).rejects.toThrow(/more than one upstream \(a, b\)/);
    } finally {
      rmSync(failing, { force: true });
      await c.close();
    }
  });

  it('a listing that finishes after a newer one does not overwrite it: the newer one still says both offer the URI', () =>
    olderListingFinishesLast('list', async (c) => (await c.listResources()).resources.map((r) => r.uri), URI, URI));

  it('a template listing that finishes after a newer one does not overwrite it: both still offer the template', () =>
    olderListingFinishesLast(
      'templates',
      async (c) => (await c.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate),
      TEMPLATE,
      'file:///srv/shared/today.txt',
    ));

  it('the reader, granted it on one upstream only, reads that one', async () => {
    const c = await connectAgent(gw.url, gw.keys.reader);
    const read = (await c.readResource({ uri: URI })).contents[0] as { text?: string } | undefined;
    expect(read?.text).toBe('doc from a');
    await c.close();
  });

  it('a listen stream of an agent that may see it on both hears neither upstream', async () => {
    const both = await connectAgent(gw.url, gw.keys.both, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    const heard = updatesOf(both);
    await both.listen({ resourceSubscriptions: [URI] });
    await touch(both, 'a');
    await touch(both, 'b');
    await settle();
    expect(heard).toEqual([]);
    await both.close();
  });
});

describe('the stdio front door (portcullis stdio --agent)', () => {
  it('delivers a subscribed resource update from the owning upstream only', async () => {
    const c = await stdioClient('reader');
    const got = updatesOf(c);
    await c.subscribeResource({ uri: URI });
    await touch(c, 'b');
    await touch(c, 'a');
    await eventually(() => got.length >= 1);
    await settle();
    expect(got).toEqual([URI]);
    await c.close();
  }, 30_000);
});

describe('the stdio front door: 2026-07-28 subscriptions/listen', () => {
  // The stdio gateway is a process of its own with its own upstream connections, writing to the same request logs.
  it('holds the URI at the owning upstream while a stream listens, and delivers its updates only', async () => {
    const c = await stdioClient('reader', true);
    try {
      const got = updatesOf(c);
      const { sub, unsubscribes } = await twoStreamsHoldOnce(c);
      await touch(c, 'b');
      await touch(c, 'a');
      await eventually(() => got.length >= 1);
      await settle();
      expect(got).toEqual([URI]);
      expect(subscribedAt()).not.toContain('b');
      await sub.close();
      await eventually(() => count('resources/unsubscribe') === unsubscribes + 1);
    } finally {
      await c.close();
    }
  }, 45_000);

  it('a stream whose agent may not read the URI subscribes nothing upstream, and the refusal is audited', async () => {
    const c = await stdioClient('outsider', true);
    try {
      const subscribes = count('resources/subscribe');
      const refusals = () =>
        auditQuery<AuditRec>(gw.configFile).filter(
          (r) =>
            r.type === 'mcp.request.denied' && r.agent === 'outsider' && r.detail?.method === 'resources/subscribe',
        ).length;
      const before = refusals();
      const sub = await c.listen({ resourceSubscriptions: [URI] });
      expect(sub.honoredFilter.resourceSubscriptions).toBeUndefined();
      await eventually(() => refusals() > before);
      expect(count('resources/subscribe')).toBe(subscribes);
    } finally {
      await c.close();
    }
  }, 45_000);
});

// Upper-case scheme, a dot segment and a percent-encoded unreserved character: the gateway subscribes and decides on
// the normalised URI; the client matches updates to the URI as it wrote it.
const SPELLED = 'FILE:///srv/./shared/doc%2Etxt';

describe('a listen stream that names the URI in another spelling (2026-07-28)', () => {
  const heardUnderItsSpelling = async (c: Client) => {
    const got = updatesOf(c);
    const subscribes = count('resources/subscribe');
    // A URI no upstream offers is refused (audited) and left out of the acknowledgement; the other is honored.
    const sub = await c.listen({ resourceSubscriptions: [SPELLED, 'file:///srv/nowhere.txt'] });
    expect(sub.honoredFilter.resourceSubscriptions).toEqual([SPELLED]);
    await eventually(() => count('resources/subscribe') === subscribes + 1);
    await touch(c, 'a');
    await eventually(() => got.length >= 1);
    await settle();
    expect(got).toEqual([SPELLED]);
    await sub.close();
  };

  it('over HTTP hears the update, named as it asked; an unserved URI is not acknowledged', async () => {
    const c = await connectAgent(gw.url, gw.keys.reader, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    try {
      await heardUnderItsSpelling(c);
    } finally {
      await c.close();
    }
  });

  it('over stdio hears the update, named as it asked; an unserved URI is not acknowledged', async () => {
    const c = await stdioClient('reader', true);
    try {
      await heardUnderItsSpelling(c);
    } finally {
      await c.close();
    }
  }, 45_000);
});

describe('a 2025-11-25 subscription made in another spelling', () => {
  // The update names the URI as the session subscribed to it, as a listen stream's does: a client matching the
  // notification to its subscription by string equality would otherwise never recognise it.
  const heardUnderItsSpelling = async (c: Client) => {
    const got = updatesOf(c);
    const subscribes = count('resources/subscribe');
    await c.subscribeResource({ uri: SPELLED });
    await eventually(() => count('resources/subscribe') === subscribes + 1);
    await touch(c, 'a');
    await eventually(() => got.length >= 1);
    await settle();
    expect(got).toEqual([SPELLED]);
    // Unsubscribed in the normalised spelling: the one subscription is gone, under either name.
    await c.unsubscribeResource({ uri: URI });
    await touch(c, 'a');
    await settle();
    expect(got).toEqual([SPELLED]);
  };

  it('over HTTP hears the update, named as it subscribed', async () => {
    const c = await connectAgent(gw.url, gw.keys.reader);
    try {
      await heardUnderItsSpelling(c);
    } finally {
      await c.close();
    }
  });

  it('over stdio hears the update, named as it subscribed', async () => {
    const c = await stdioClient('reader');
    try {
      await heardUnderItsSpelling(c);
    } finally {
      await c.close();
    }
  }, 45_000);
});

describe('a listen the SDK refuses after the gateway held its URIs', () => {
  const listenMeta = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientInfo': { name: 'refused-listen', version: '1' },
    'io.modelcontextprotocol/clientCapabilities': {},
  };
  // Last in the file: every earlier case has let go of the URI (sessions end by DELETE, streams close), so nobody
  // else holds it and releasing it unsubscribes it upstream; nothing here depends on running first.
  it('has let go of them upstream by the time the refusal reaches the client', async () => {
    // The last stream closed by an earlier case lets go just after its client closed.
    await settle();
    const [subscribed, unsubscribed] = [count('resources/subscribe'), count('resources/unsubscribe')];
    // The URI is one the reader may hold (the gateway subscribes it at a), but the filter is malformed elsewhere
    // (toolsListChanged is not a boolean): the SDK answers -32602.
    // Upstream a takes 2 s to unsubscribe: a release not awaited before the answer shows as still held.
    const slow = `${logOf('a')}.slow-unsubscribe`;
    writeFileSync(slow, '');
    try {
      const r = await postMcp(
        gw.url,
        gw.keys.reader,
        {
          jsonrpc: '2.0',
          id: 1,
          method: 'subscriptions/listen',
          params: { notifications: { resourceSubscriptions: [URI], toolsListChanged: 'yes' }, _meta: listenMeta },
        },
        { headers: { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'subscriptions/listen' } },
      );
      const answer = (await rpcMessages(r)).at(-1) as { error?: { code: number } } | undefined;
      expect(answer?.error?.code).toBe(-32602);
      // The gateway did subscribe upstream for it, and had unsubscribed again before it answered.
      const newlySubscribed = count('resources/subscribe') - subscribed;
      expect(newlySubscribed).toBeGreaterThan(0);
      expect(count('resources/unsubscribe') - unsubscribed).toBe(newlySubscribed);
    } finally {
      rmSync(slow, { force: true });
    }
  });

  it('over stdio too: the refusal is written once the release is done', async () => {
    await settle();
    const [subscribed, unsubscribed] = [count('resources/subscribe'), count('resources/unsubscribe')];
    const slow = `${logOf('a')}.slow-unsubscribe`;
    writeFileSync(slow, '');
    const child = spawn(process.execPath, [CLI, 'stdio', '--agent', 'reader', '--config', gw.configFile], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const send = (m: object) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...m })}\n`);
      send({
        id: 1,
        method: 'subscriptions/listen',
        params: { notifications: { resourceSubscriptions: [URI], toolsListChanged: 'yes' }, _meta: listenMeta },
      });
      // Another request right behind it: its answer is not held back by the release (upstream a takes 2 s).
      send({ id: 2, method: 'tools/list', params: { _meta: listenMeta } });
      let answer: { id?: unknown; error?: { code: number } } | undefined;
      const order: unknown[] = [];
      for await (const line of lines) {
        const m = JSON.parse(line) as { id?: unknown; error?: { code: number } };
        if (m.id === 1 || m.id === 2) order.push(m.id);
        if (m.id === 1) {
          answer = m;
          break;
        }
      }
      // Counted as the answer arrives, before anything else is awaited.
      const [newlySubscribed, newlyUnsubscribed] = [
        count('resources/subscribe') - subscribed,
        count('resources/unsubscribe') - unsubscribed,
      ];
      expect(answer?.error?.code).toBe(-32602);
      expect(newlySubscribed).toBeGreaterThan(0);
      expect(newlyUnsubscribed).toBe(newlySubscribed);
      expect(order).toEqual([2, 1]);
    } finally {
      rmSync(slow, { force: true });
      child.kill();
    }
  }, 30_000);
});
