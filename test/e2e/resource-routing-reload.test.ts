// Resource routing follows a config reload: an upstream the reload adds answers for its resource URIs at once (a
// `resources/read` or `resources/subscribe` right after the reload, with no listing first), and an upstream it removes
// stops answering at once. A URI nobody offers is still not found. The real gateway process, a real SDK client over
// HTTP, real upstreams (every copy lists the same URI) added and removed by rewriting the config file.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, eventually, type RunningGateway, startGateway, tempDir } from './harness.js';
import {
  notifyingUpstream,
  settle,
  SHARED_URI as URI,
  subscriptionLog,
  updatesOf,
} from './support/notifying-upstream.js';

const work = tempDir('portcullis-routing-reload-');
const logOf = { a: join(work, 'a.jsonl'), b: join(work, 'b.jsonl') };
for (const f of Object.values(logOf)) writeFileSync(f, '');

/** The upstreams configured, and those the reader may see the shared URI on. */
const config = (upstreams: ('a' | 'b')[], allowed: ('a' | 'b')[]) => `
upstreams:${upstreams.map((u) => notifyingUpstream(u, logOf[u])).join('')}
agents:
  reader:
    tools:
      allow: ["a_touch", "b_touch"]
    resources:
      allow: [${allowed.map((u) => `"${u}:file:///srv/shared/*"`).join(', ')}]
`;

let gw: RunningGateway;
let written = config(['a'], ['a']);
beforeAll(async () => {
  gw = await startGateway(written);
}, 60_000);
afterAll(async () => {
  await gw?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Rewrites the config and waits until the gateway has applied it (its upstreams started); the same text: nothing. */
let reloads = 0;
async function reload(text: string) {
  if (text === written) return;
  written = text;
  gw.rewriteConfig(text);
  reloads++;
  await eventually(() => gw.stderr().split('config reloaded (file)').length - 1 >= reloads);
}
/** What a read of `uri` gets: the text of the upstream that answered, or the error's message. */
const read = (c: Client, uri = URI) =>
  c.readResource({ uri }).then(
    (r) => (r.contents[0] as { text?: string } | undefined)?.text,
    (e: unknown) => `error: ${(e as Error).message}`,
  );

describe('resource routing after a reload', () => {
  it('an upstream the reload adds answers for its URI at once: read and subscribe with no listing first', async () => {
    const c = await connectAgent(gw.url, gw.keys.reader);
    try {
      expect(await read(c)).toBe('doc from a'); // the gateway knows the URI at a
      // Upstream b added, and the reader may see the URI there only.
      await reload(config(['a', 'b'], ['b']));
      expect(await read(c)).toBe('doc from b');
      await c.subscribeResource({ uri: URI });
      expect([subscriptionLog(logOf.a), subscriptionLog(logOf.b)]).toEqual([[], ['resources/subscribe']]);
      // Fail closed: a URI no upstream offers is not found, and is sent nowhere.
      expect(await read(c, 'file:///srv/elsewhere/x.txt')).toMatch(/Resource not found: file:\/\/\/srv\/elsewhere/);
      await c.unsubscribeResource({ uri: URI });
    } finally {
      await c.close();
    }
  });

  it('an upstream the reload adds beside one offering the same URI is no shadow; one it removes stops at once', async () => {
    const c = await connectAgent(gw.url, gw.keys.reader);
    try {
      await reload(config(['a'], ['a', 'b']));
      expect(await read(c)).toBe('doc from a');
      // b added: both offer the URI and the reader may see both, so neither answers for it.
      await reload(config(['a', 'b'], ['a', 'b']));
      expect(await read(c)).toMatch(/offered by more than one upstream \(a, b\)/);
      // a removed: b answers at once.
      await reload(config(['b'], ['a', 'b']));
      expect(await read(c)).toBe('doc from b');
      // b removed and a added again: a answers, b does not.
      await reload(config(['a'], ['a', 'b']));
      expect(await read(c)).toBe('doc from a');
    } finally {
      await c.close();
    }
  });

  it('a listen stream hears the upstream a reload added where the URI is routed now, with no listing first', async () => {
    await reload(config(['a'], ['a']));
    const c = await connectAgent(gw.url, gw.keys.reader, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    try {
      const heard = updatesOf(c);
      const touch = (server: string) => c.callTool({ name: `${server}_touch`, arguments: {} });
      await c.listen({ resourceSubscriptions: [URI] });
      await touch('a');
      await eventually(() => heard.length === 1);
      // Upstream b added, and the reader may see the URI there only: b's updates are the reader's now, a's are not.
      await reload(config(['a', 'b'], ['b']));
      await touch('a');
      await touch('b');
      await eventually(() => heard.length === 2);
      await settle();
      expect(heard).toEqual([URI, URI]);
    } finally {
      await c.close();
    }
  });
});
