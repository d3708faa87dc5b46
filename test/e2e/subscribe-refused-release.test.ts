// A resources/unsubscribe the policy refuses (the agent's grant was removed by a reload after it subscribed) must not
// leave the upstream subscribed for nobody: the refused session lets go of its hold all the same, and once no session
// or stream holds the URI the gateway ends its own upstream subscription, audited as its own release (rule
// gateway.subscription-release), with no secret in the records. The same for an unsubscribe the policy holds for
// approval (a hold rule added by a reload): the agent is told that its subscription ended all the same. The real gateway process, real SDK clients over HTTP,
// a real upstream that logs every subscribe and unsubscribe once it is done (the last one logged is its state).
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
  updatesOf,
  subscriptionLog,
} from './support/notifying-upstream.js';

const work = tempDir('portcullis-refused-release-');
const requestLog = join(work, 'a.jsonl');
writeFileSync(requestLog, '');
/** The subscribes and unsubscribes upstream a finished, in order. */
const upstreamLog = () => subscriptionLog(requestLog);

const config = (granted: boolean, held = false) => `
upstreams:${notifyingUpstream('a', requestLog)}
agents:
  reader:
    tools:
      allow: ["a_touch"]
    resources:
      allow: [${granted ? '"a:file:///srv/shared/*"' : ''}]
${
  held
    ? `policy:
  rules:
    - id: shared-held
      effect: hold
      agents: [reader]
      resources: ["a:file:///srv/shared/*"]`
    : ''
}
`;

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(config(true));
}, 60_000);
afterAll(async () => {
  await gw?.stop();
  rmSync(work, { recursive: true, force: true });
});

const sessionIdOf = (c: Client) => (c.transport as StreamableHTTPClientTransport).sessionId!;
const endSession = async (c: Client) => {
  await (c.transport as StreamableHTTPClientTransport).terminateSession();
  await c.close();
};

/**
 * Sessions of the reader that subscribed to the URI (as `spelling` names it) while granted; then the grant is removed
 * (a reload).
 */
async function subscribedThenRevoked(sessions: number, spelling = URI): Promise<Client[]> {
  gw.rewriteConfig(config(true));
  const clients: Client[] = [];
  for (let i = 0; i < sessions; i++) {
    const c = await connectAgent(gw.url, gw.keys.reader);
    await eventually(async () => (await c.listResources()).resources.length === 1);
    await c.subscribeResource({ uri: spelling });
    clients.push(c);
  }
  gw.rewriteConfig(config(false));
  await eventually(async () => (await clients[0]!.listResources()).resources.length === 0);
  return clients;
}

/**
 * The gateway's own releases of the URI: each intent (it names the rule) with its outcome (the same request id; an
 * outcome after an intent repeats neither its rule nor its detail).
 */
const ownReleases = () => {
  const recs = auditQuery<AuditRec>(gw.configFile, '--agent', 'reader');
  return recs
    .filter((r) => r.rule === 'gateway.subscription-release' && r.type === 'mcp.request.requested')
    .map((intent) => ({ intent, outcome: recs.find((r) => r.requestId === intent.requestId && r !== intent) }));
};

describe('an unsubscribe the policy refuses', () => {
  it("still ends the session's hold: the gateway unsubscribes upstream as its own release, audited, no secret", async () => {
    const [c] = await subscribedThenRevoked(1);
    const before = upstreamLog();
    expect(before.at(-1)).toBe('resources/subscribe');
    const released = ownReleases().length;
    try {
      // The agent's own request is refused and audited as refused, and the agent is told so: denied by the policy,
      // naming the rule as any other denial does, and that its subscription ended all the same (it subscribed while
      // granted, so it knows the resource exists: "not found" would hide nothing and mislead) ...
      const refusal = await c!.unsubscribeResource({ uri: URI }).then(
        () => undefined,
        (e: unknown) => e as { code?: number; message?: string },
      );
      expect(refusal?.code).toBe(-32003);
      expect(refusal?.message).toContain(`Denied by policy (rule default-deny): resources/unsubscribe of a:${URI}.`);
      expect(refusal?.message).toMatch(/Your subscription to it has ended all the same/);
      expect(refusal?.message).not.toMatch(/not found/i);
      const denied = await eventually(() =>
        auditQuery<AuditRec>(gw.configFile, '--agent', 'reader', '--type', 'mcp.request.denied').find(
          (r) => r.detail?.method === 'resources/unsubscribe',
        ),
      );
      expect(denied).toMatchObject({ decision: 'deny', detail: { target: `a:${URI}` } });
      // ... and the upstream is unsubscribed all the same, once, by the gateway: nobody holds the URI any more.
      await eventually(() => upstreamLog().length === before.length + 1);
      expect(upstreamLog().at(-1)).toBe('resources/unsubscribe');
      const own = (await eventually(() => {
        const recs = ownReleases().slice(released);
        return recs.length === 1 && recs[0]!.outcome ? recs[0] : undefined;
      }))!;
      expect(own.intent).toMatchObject({
        decision: 'allow',
        backend: 'a',
        detail: { method: 'resources/unsubscribe', target: `a:${URI}` },
      });
      expect(own.intent.reasons?.join(' ')).toMatch(/no session or stream holds/);
      expect(own.outcome).toMatchObject({ type: 'mcp.request.completed', decision: 'allow', resultStatus: 'ok' });
      for (const secret of [gw.keys.reader!, secretOf(gw.keys.reader), sessionIdOf(c!)])
        expect(JSON.stringify([denied, own])).not.toContain(secret);
      // The session holds nothing now: ending it sends nothing more.
      await endSession(c!);
      await settle();
      expect(upstreamLog().length).toBe(before.length + 1);
    } finally {
      await c!.close();
    }
  });

  it('of a session that holds no subscription to it: the resource still looks nonexistent (no existence oracle)', async () => {
    const [holder] = await subscribedThenRevoked(1);
    const other = await connectAgent(gw.url, gw.keys.reader);
    try {
      const refusal = await other.unsubscribeResource({ uri: URI }).then(
        () => undefined,
        (e: unknown) => e as { code?: number; message?: string },
      );
      expect(refusal?.code).not.toBe(-32003);
      expect(refusal?.message).toMatch(/Resource not found/);
      expect(refusal?.message).not.toMatch(/Denied|rule/);
    } finally {
      await Promise.all([endSession(other), endSession(holder!)]);
    }
  });

  it('of one session while another still holds the URI: the upstream stays subscribed until the last one goes', async () => {
    const [first, second] = await subscribedThenRevoked(2);
    const before = upstreamLog().length;
    try {
      await expect(first!.unsubscribeResource({ uri: URI })).rejects.toThrow(/Denied by policy \(rule default-deny\)/);
      await settle();
      expect(upstreamLog().length).toBe(before);
      // The last holder's session ends (DELETE): its release is refused by the policy too, and the gateway lets go.
      await endSession(second!);
      await eventually(() => upstreamLog().length === before + 1);
      expect(upstreamLog().at(-1)).toBe('resources/unsubscribe');
      await settle();
      expect(upstreamLog().length).toBe(before + 1);
    } finally {
      await Promise.all([first!.close(), second!.close()]);
    }
  });

  it('lets go of the spelling it subscribed with too: subscribed again in another one, it hears updates by that one only', async () => {
    const spelled = 'FILE:///srv/./shared/doc%2Etxt';
    const [c] = await subscribedThenRevoked(1, spelled);
    const got = updatesOf(c!);
    try {
      await expect(c!.unsubscribeResource({ uri: spelled })).rejects.toThrow(/Denied by policy \(rule default-deny\)/);
      gw.rewriteConfig(config(true));
      await eventually(async () => (await c!.listResources()).resources.length === 1);
      await c!.subscribeResource({ uri: URI });
      expect((await c!.callTool({ name: 'a_touch', arguments: {} })).content).toEqual([
        { type: 'text', text: 'touched' },
      ]);
      await eventually(() => got.length >= 1);
      await settle();
      expect(got).toEqual([URI]);
    } finally {
      await endSession(c!);
    }
  });
});

describe('an unsubscribe the policy holds for approval', () => {
  /** A session of the reader that subscribed while granted; then a reload holds the URI for approval. */
  async function subscribedThenHeld(): Promise<Client> {
    // Connected before the config file is rewritten: a request that meets the file half written may be refused.
    const [c, probe] = [await connectAgent(gw.url, gw.keys.reader), await connectAgent(gw.url, gw.keys.reader)];
    gw.rewriteConfig(config(true));
    // Once the reload that lifts the last test's hold is in force.
    await eventually(() => c.subscribeResource({ uri: URI }).then(() => true));
    gw.rewriteConfig(config(true, true));
    // The hold is in force once another session's subscribe is held (refused before the upstream: it holds nothing).
    try {
      await eventually(async () =>
        probe.subscribeResource({ uri: URI }).then(
          () => false,
          (e: unknown) => /needs approval/.test(String((e as Error).message)),
        ),
      );
    } finally {
      await endSession(probe);
    }
    return c;
  }
  afterAll(() => gw.rewriteConfig(config(true)));

  it('of a URI the session holds: the agent is told its subscription ended, and the gateway releases it, audited', async () => {
    const c = await subscribedThenHeld();
    const before = upstreamLog();
    expect(before.at(-1)).toBe('resources/subscribe');
    const released = ownReleases().length;
    try {
      const refusal = await c.unsubscribeResource({ uri: URI }).then(
        () => undefined,
        (e: unknown) => e as { code?: number; message?: string },
      );
      // Held, so not forwarded as the agent's request; but letting go reads nothing, and the session let go: it is
      // told so, not that "it was not made".
      expect(refusal?.code).toBe(-32003);
      expect(refusal?.message).toContain(`resources/unsubscribe of a:${URI} needs approval`);
      expect(refusal?.message).toMatch(/Your subscription to it has ended all the same/);
      expect(refusal?.message).not.toMatch(/was not made/);
      const held = await eventually(() =>
        auditQuery<AuditRec>(gw.configFile, '--agent', 'reader').find(
          (r) => r.detail?.method === 'resources/unsubscribe' && r.decision === 'hold',
        ),
      );
      expect(held).toMatchObject({ rule: 'shared-held', detail: { target: `a:${URI}` } });
      // The upstream is unsubscribed once, by the gateway's own release (nobody holds the URI now).
      await eventually(() => upstreamLog().length === before.length + 1);
      expect(upstreamLog().at(-1)).toBe('resources/unsubscribe');
      const own = (await eventually(() => {
        const recs = ownReleases().slice(released);
        return recs.length === 1 && recs[0]!.outcome ? recs[0] : undefined;
      }))!;
      expect(own.outcome).toMatchObject({ type: 'mcp.request.completed', resultStatus: 'ok' });
      for (const secret of [gw.keys.reader!, secretOf(gw.keys.reader), sessionIdOf(c)])
        expect(JSON.stringify([held, own])).not.toContain(secret);
      // And it holds nothing any more: ending the session sends nothing more.
      await endSession(c);
      await settle();
      expect(upstreamLog().length).toBe(before.length + 1);
    } finally {
      await c.close();
    }
  });

  it('of a URI the session does not hold: it was not made, and nothing reaches the upstream', async () => {
    const holder = await subscribedThenHeld();
    const other = await connectAgent(gw.url, gw.keys.reader);
    const before = upstreamLog().length;
    try {
      const refusal = await other.unsubscribeResource({ uri: URI }).then(
        () => undefined,
        (e: unknown) => e as { code?: number; message?: string },
      );
      expect(refusal?.code).toBe(-32003);
      expect(refusal?.message).toMatch(/needs approval/);
      expect(refusal?.message).not.toMatch(/ended all the same/);
      await settle();
      expect(upstreamLog().length).toBe(before);
    } finally {
      await Promise.all([endSession(other), endSession(holder)]);
    }
  });
});
