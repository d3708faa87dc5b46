// `server.sessionIdleTimeoutMs`: a 2025-11-25 session unused for longer than the configured time ends (its id is then
// an unknown session) and lets go of what it held upstream. The real gateway process with a one-second timeout, a real
// SDK client, a real upstream that supports resources/subscribe (and logs every request it gets).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, eventually, type RunningGateway, startGateway, tempDir } from './harness.js';
import { postMcp } from './support/raw-mcp.js';
import { notifyingUpstream, SHARED_URI as URI } from './support/notifying-upstream.js';

const work = tempDir('portcullis-session-idle-');
const requestLog = join(work, 'a.jsonl');
writeFileSync(requestLog, '');
const count = (method: string) =>
  readFileSync(requestLog, 'utf8')
    .split('\n')
    .filter((l) => l.includes(`"${method}"`)).length;

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(`
server:
  sessionIdleTimeoutMs: 1000
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

describe('server.sessionIdleTimeoutMs', () => {
  it('ends a session idle for longer than configured: its id is unknown and its subscription is let go upstream', async () => {
    const c = await connectAgent(gw.url, gw.keys.reader);
    const sessionId = (c.transport as StreamableHTTPClientTransport).sessionId!;
    const ping = () =>
      postMcp(
        gw.url,
        gw.keys.reader,
        { jsonrpc: '2.0', id: 7, method: 'ping' },
        { headers: { 'mcp-session-id': sessionId, 'mcp-protocol-version': '2025-11-25' } },
      );
    try {
      const unsubscribes = count('resources/unsubscribe');
      await c.subscribeResource({ uri: URI });
      expect(count('resources/subscribe')).toBe(1);
      // Nobody uses the session from here on: within a few sweeps it has ended, and it was the URI's only holder.
      await eventually(() => count('resources/unsubscribe') === unsubscribes + 1);
      const r = await ping();
      expect(r.status).toBe(404);
      expect(await r.text()).toMatch(/session/i);
    } finally {
      await c.close();
    }
  });
});
