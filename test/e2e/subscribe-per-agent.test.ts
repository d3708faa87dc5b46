// Resource subscriptions on a `per-agent` upstream (one process per agent): each agent's subscribe reaches its own
// process, so its unsubscribe — or its session's end — must reach that process too, whatever another agent holds at
// its own; and the other agent keeps its subscription. An update one agent's process sends is that agent's copy, and
// reaches no other agent's session or listen stream. The real gateway process, real SDK clients over HTTP, real
// upstream processes that log every subscribe and unsubscribe with their process id once it is done.
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
import {
  notifyingUpstream,
  settle,
  SHARED_URI as URI,
  subscriptionLogByProcess,
  updatesOf,
} from './support/notifying-upstream.js';

const work = tempDir('portcullis-per-agent-subscriptions-');
const requestLog = join(work, 'a.jsonl');
writeFileSync(requestLog, '');

const agent = `
    tools:
      allow: ["a_touch"]
    resources:
      allow: ["a:file:///srv/shared/*"]`;

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(`
upstreams:${notifyingUpstream('a', requestLog)}
    pool: { mode: per-agent }
agents:
  alice:${agent}
  bob:${agent}
`);
}, 60_000);
afterAll(async () => {
  await gw?.stop();
  rmSync(work, { recursive: true, force: true });
});

const endSession = async (c: Client) => {
  await (c.transport as StreamableHTTPClientTransport).terminateSession();
  await c.close();
};

/** What each process finished last (its subscription state), by process id. */
const stateOf = (pid: number) => subscriptionLogByProcess(requestLog).get(pid)?.at(-1);

/** Subscribes `c` to the URI; resolves to the id of the process that took the subscribe (the new entry in the log). */
async function subscribe(c: Client): Promise<number> {
  const before = subscriptionLogByProcess(requestLog);
  await c.subscribeResource({ uri: URI });
  const after = subscriptionLogByProcess(requestLog);
  const pids = [...after].filter(([pid, log]) => log.length > (before.get(pid)?.length ?? 0)).map(([pid]) => pid);
  expect(pids).toHaveLength(1);
  return pids[0]!;
}

async function agents(): Promise<[Client, Client]> {
  const alice = await connectAgent(gw.url, gw.keys.alice);
  const bob = await connectAgent(gw.url, gw.keys.bob);
  for (const c of [alice, bob]) await eventually(async () => (await c.listResources()).resources.length === 1);
  return [alice, bob];
}

describe('resource subscriptions on a per-agent upstream', () => {
  it("an agent's unsubscribe reaches its own process; the other agent's process stays subscribed and it still hears updates", async () => {
    const [alice, bob] = await agents();
    try {
      const alicePid = await subscribe(alice);
      const bobPid = await subscribe(bob);
      expect(alicePid).not.toBe(bobPid);

      await alice.unsubscribeResource({ uri: URI });
      await eventually(() => stateOf(alicePid) === 'resources/unsubscribe');
      await settle();
      expect(stateOf(bobPid)).toBe('resources/subscribe');
      // Bob's hold is kept: an update from his process reaches him.
      const got = updatesOf(bob);
      expect((await bob.callTool({ name: 'a_touch', arguments: {} })).content).toEqual([
        { type: 'text', text: 'touched' },
      ]);
      await eventually(() => got.length >= 1);
      expect(got).toEqual([URI]);

      // Bob's unsubscribe ends his process's subscription.
      await bob.unsubscribeResource({ uri: URI });
      await eventually(() => stateOf(bobPid) === 'resources/unsubscribe');
      // Each agent's unsubscribe is its own request, decided and audited (its intent names the method and target).
      const recs = auditQuery<AuditRec>(gw.configFile, '--type', 'mcp.request.requested').filter(
        (r) => r.detail?.method === 'resources/unsubscribe',
      );
      expect(recs.map((r) => [r.agent, r.decision, r.detail?.target]).sort()).toEqual([
        ['alice', 'allow', `a:${URI}`],
        ['bob', 'allow', `a:${URI}`],
      ]);
      for (const secret of [gw.keys.alice!, secretOf(gw.keys.alice), gw.keys.bob!, secretOf(gw.keys.bob)])
        expect(JSON.stringify(recs)).not.toContain(secret);
    } finally {
      await Promise.all([endSession(alice), endSession(bob)]);
    }
  });

  it("an agent's session that ends lets go at its own process; the other agent's stays subscribed", async () => {
    const [alice, bob] = await agents();
    try {
      const alicePid = await subscribe(alice);
      const bobPid = await subscribe(bob);
      await endSession(bob);
      await eventually(() => stateOf(bobPid) === 'resources/unsubscribe');
      await settle();
      expect(stateOf(alicePid)).toBe('resources/subscribe');
      await endSession(alice);
      await eventually(() => stateOf(alicePid) === 'resources/unsubscribe');
    } finally {
      await Promise.all([alice.close(), bob.close()]);
    }
  });

  it("an update from one agent's process reaches that agent only, though the other holds the same URI at its own", async () => {
    const [alice, bob] = await agents();
    const heard = { alice: updatesOf(alice), bob: updatesOf(bob) };
    try {
      await subscribe(alice);
      await subscribe(bob);
      // Alice's process changes its copy of the resource: Bob's process (his copy) did not change.
      await alice.callTool({ name: 'a_touch', arguments: {} });
      await eventually(() => heard.alice.length >= 1);
      await settle();
      expect(heard).toEqual({ alice: [URI], bob: [] });
      await bob.callTool({ name: 'a_touch', arguments: {} });
      await eventually(() => heard.bob.length >= 1);
      await settle();
      expect(heard).toEqual({ alice: [URI], bob: [URI] });
    } finally {
      await Promise.all([endSession(alice), endSession(bob)]);
    }
  });

  it('the same for 2026-07-28 listen streams: each hears only its own agent’s process', async () => {
    const modern = { versionNegotiation: { mode: { pin: '2026-07-28' as const } } };
    const alice = await connectAgent(gw.url, gw.keys.alice, modern);
    const bob = await connectAgent(gw.url, gw.keys.bob, modern);
    const heard = { alice: updatesOf(alice), bob: updatesOf(bob) };
    const before = subscriptionLogByProcess(requestLog);
    const streams = [
      await alice.listen({ resourceSubscriptions: [URI] }),
      await bob.listen({ resourceSubscriptions: [URI] }),
    ];
    try {
      // Each stream subscribed at its own agent's process.
      await eventually(() => {
        const after = subscriptionLogByProcess(requestLog);
        return [...after].filter(([pid, log]) => log.length > (before.get(pid)?.length ?? 0)).length === 2;
      });
      await alice.callTool({ name: 'a_touch', arguments: {} });
      await eventually(() => heard.alice.length >= 1);
      await settle();
      expect(heard).toEqual({ alice: [URI], bob: [] });
    } finally {
      await Promise.all(streams.map((s) => s.close()));
      await Promise.all([alice.close(), bob.close()]);
    }
  });
});
