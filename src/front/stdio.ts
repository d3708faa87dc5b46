import { serveStdio, type StdioServerHandle } from '@modelcontextprotocol/server/stdio';
import type { Principal } from '../core/principal.js';
import type { FrontDoorPort, ResourceSubscriber } from './port.js';
import { toSubscriber } from './resource-updates.js';
import { createAgentServer } from './agent-server.js';
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
  gw.onUpstreamNotification((n) => {
    if (n.method === 'notifications/resources/list_changed')
      servers.forEach((s) => void s.sendResourceListChanged().catch(() => undefined));
    else if (n.method === 'notifications/prompts/list_changed')
      servers.forEach((s) => void s.sendPromptListChanged().catch(() => undefined));
    if (n.method !== 'notifications/resources/updated') return;
    const uri = gw.resourceUpdates.uriOf(n.params);
    if (!uri) return;
    toSubscriber(gw, subscriber, subscriptions, n.server, uri, {
      deliver: () =>
        servers.forEach((s) => void s.notification({ method: n.method, params: { uri } }).catch(() => undefined)),
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
    { legacy: 'serve', onerror: (e) => logger().error(`stdio: ${e.message}`) },
  );
}
