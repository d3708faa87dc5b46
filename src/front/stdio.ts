import { serveStdio, StdioServerTransport, type StdioServerHandle } from '@modelcontextprotocol/server/stdio';
import type { Principal } from '../core/principal.js';
import { subscriptionKey, type FrontDoorPort, type ResourceSubscriber } from './port.js';
import type { SubscriptionHolder } from '../pipeline/call.js';
import { createAgentServer } from './agent-server.js';
import { holdListened, honoredSpellings, release, spellingsOf, throughGate } from './resource-updates.js';
import { watchListens, type ListenWatcher } from './stdio-listen.js';
import { logger } from '../observability/logger.js';

/**
 * MCP over stdio for local clients (Claude Desktop, Cursor). The agent is named on the command line and
 * must exist in config; the operating-system user who can start the process is the credential.
 */
export function startStdioFront(gw: FrontDoorPort, agent: string): StdioServerHandle {
  const principal: Principal = { agent, method: 'stdio' };
  const subscriptions = new Set<string>();
  const servers: ReturnType<typeof createAgentServer>[] = [];
  gw.onToolsChanged(() => servers.forEach((s) => void s.sendToolListChanged().catch(() => undefined)));
  // Upstream notifications, as the HTTP front door delivers them to a 2025-11-25 session: list changes to every
  // server; a resource update only for a subscribed (upstream, URI), after the policy decision is asked again.
  const subscriber: ResourceSubscriber = { principal: () => principal, refused: new Set() };
  // 2026-07-28 listen streams (the SDK's entry serves subscriptions/listen; see stdio-listen.ts): each holds its URIs
  // at their upstreams through the pipeline, as a 2025-11-25 resources/subscribe does, before the SDK acknowledges
  // it (which then names only the URIs held), and lets go when it ends.
  const listens = new Map<string, Listen>();
  const watcher: ListenWatcher = {
    async opening(id, uris) {
      const held: SubscriptionHolder = new Set();
      const listen: Listen = { held, named: new Map(), holding: holdListened(gw, principal, uris, held) };
      listens.set(id, listen);
      listen.named = await listen.holding;
      return honoredSpellings(uris, listen.named);
    },
    async ended(id) {
      const listen = listens.get(id);
      if (!listen) return;
      listens.delete(id);
      // After its subscribes settle, so one still in flight cannot leave a hold nobody lets go of.
      await listen.holding.then(() => release(gw, listen.held, principal)).catch(() => undefined);
    },
  };
  gw.onUpstreamNotification((n) => {
    if (n.method === 'notifications/resources/list_changed')
      servers.forEach((s) => void s.sendResourceListChanged().catch(() => undefined));
    else if (n.method === 'notifications/prompts/list_changed')
      servers.forEach((s) => void s.sendPromptListChanged().catch(() => undefined));
    if (n.method !== 'notifications/resources/updated') return;
    const uri = gw.resourceUpdates.uriOf(n.params);
    if (!uri) return;
    // The URI as each holder named it: the SDK matches a listen stream's URIs as the client wrote them.
    const key = subscriptionKey(n.server, uri);
    const names = new Set<string>(subscriptions.has(key) ? spellingsOf(subscriptions, uri) : []);
    for (const listen of listens.values())
      if (listen.held.has(key)) for (const name of listen.named.get(uri) ?? [uri]) names.add(name);
    if (names.size === 0) return;
    throughGate(gw, subscriber, n.server, uri, {
      deliver: () => {
        for (const name of names)
          for (const s of servers)
            void s.notification({ method: n.method, params: { uri: name } }).catch(() => undefined);
      },
      // The process is the session: a lapsed agent hears nothing more (the refusal is audited once).
      lapsed: () => undefined,
    });
  });
  return serveStdio(
    (ctx) => {
      const s = createAgentServer(gw, {
        principal,
        era: ctx.era,
        requestTimeoutMs: gw.server().requestTimeoutMs,
        subscriptions,
      });
      servers.push(s);
      return s;
    },
    {
      legacy: 'serve',
      transport: watchListens(new StdioServerTransport(), watcher),
      onerror: (e) => logger().error(`stdio: ${e.message}`),
    },
  );
}

/** A listen stream's upstream holds, its URIs held (normalised → as the client named them), and its subscribes' settling. */
interface Listen {
  readonly held: SubscriptionHolder;
  named: ReadonlyMap<string, ReadonlySet<string>>;
  readonly holding: Promise<ReadonlyMap<string, ReadonlySet<string>>>;
}
