// A 2025-11-25 `resources/subscribe` racing the end of its session (`DELETE`), end to end: whichever side of the
// upstream request the session ends on, the upstream is left unsubscribed, and a subscribe refused because its session
// had ended is audited with that reason (and no secret). The real gateway process, a real SDK client over HTTP, a real
// upstream that supports resources/subscribe and logs every subscribe and unsubscribe once it is done (so the last one
// logged is its state); files steer the upstream to hold a listing or a subscribe until the session has ended.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
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
import { postMcp } from './support/raw-mcp.js';
import { notifyingUpstream, settle, SHARED_URI as URI, subscriptionLog } from './support/notifying-upstream.js';

const work = tempDir('portcullis-subscribe-close-');
const requestLog = join(work, 'a.jsonl');
writeFileSync(requestLog, '');
const steer = (f: string) => `${requestLog}.${f}`;
/** The subscribes and unsubscribes upstream a finished, in order. */
const upstreamLog = () => subscriptionLog(requestLog);

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(`
upstreams:${notifyingUpstream('a', requestLog)}
agents:
  reader:
    resources:
      allow: ["a:file:///srv/shared/*"]
`);
}, 60_000);
afterAll(async () => {
  await gw?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** A session of the reader (a real SDK client), and its subscribe sent raw, so that the test ends the session itself. */
async function session() {
  const c = await connectAgent(gw.url, gw.keys.reader);
  const sessionId = (c.transport as StreamableHTTPClientTransport).sessionId!;
  const headers = { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' };
  return {
    c,
    sessionId,
    subscribe: () =>
      postMcp(
        gw.url,
        gw.keys.reader,
        { jsonrpc: '2.0', id: 41, method: 'resources/subscribe', params: { uri: URI } },
        {
          headers,
        },
      )
        .then((r) => r.text())
        .catch(() => ''),
    end: async () => {
      const r = await fetch(gw.url, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${gw.keys.reader}`, ...headers },
      });
      expect(r.status).toBe(200);
    },
  };
}

describe('a resources/subscribe racing DELETE of its session', () => {
  // First in the file: the gateway has not listed upstream a's resources yet, so the subscribe's resolve lists them,
  // and the held template listing keeps it in the pipeline, before anything reached the upstream.
  it('still in the pipeline when the session ends: refused before the upstream, audited with the reason', async () => {
    const s = await session();
    const before = upstreamLog().length;
    writeFileSync(steer('hold-templates'), '');
    try {
      const answered = s.subscribe();
      await eventually(() => !existsSync(steer('hold-templates')));
      await s.end();
      writeFileSync(steer('release-templates'), '');
      await answered;
      // The intent was written (the subscribe had been decided), then its outcome: called off, with the reason.
      const intent = await eventually(() =>
        auditQuery<AuditRec>(gw.configFile, '--agent', 'reader').find(
          (r) => r.type === 'mcp.request.requested' && r.detail?.method === 'resources/subscribe',
        ),
      );
      expect(intent).toMatchObject({ decision: 'allow', detail: { target: `a:${URI}` } });
      const outcome = await eventually(() =>
        auditQuery<AuditRec>(gw.configFile, '--agent', 'reader').find(
          (r) => r.requestId === intent!.requestId && r.type !== 'mcp.request.requested',
        ),
      );
      expect(outcome).toMatchObject({
        type: 'mcp.request.failed',
        backend: 'a',
        resultStatus: 'cancelled',
        error: 'the session or stream that subscribed has ended',
      });
      for (const secret of [gw.keys.reader!, secretOf(gw.keys.reader), s.sessionId])
        expect(JSON.stringify([intent, outcome])).not.toContain(secret);
      await settle();
      expect(upstreamLog().slice(before)).toEqual([]);
    } finally {
      for (const f of ['hold-templates', 'release-templates']) rmSync(steer(f), { force: true });
      await s.c.close();
    }
  });

  it('at the upstream when the session ends: the upstream is unsubscribed after it', async () => {
    const s = await session();
    const before = upstreamLog().length;
    writeFileSync(steer('hold-subscribe'), '');
    try {
      const answered = s.subscribe();
      // Taken by the upstream: the subscribe is there, not answered yet.
      await eventually(() => !existsSync(steer('hold-subscribe')));
      await s.end();
      await settle();
      writeFileSync(steer('release-subscribe'), '');
      await answered;
      await eventually(() => upstreamLog().length === before + 2);
      await settle();
      // The unsubscribe reached the upstream after its subscribe was done: nothing is left subscribed.
      expect(upstreamLog().slice(before)).toEqual(['resources/subscribe', 'resources/unsubscribe']);
    } finally {
      for (const f of ['hold-subscribe', 'release-subscribe']) rmSync(steer(f), { force: true });
      await s.c.close();
    }
  });
});
