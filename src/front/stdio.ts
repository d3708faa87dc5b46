import { serveStdio, type StdioServerHandle } from '@modelcontextprotocol/server/stdio';
import type { Principal } from '../core/principal.js';
import type { FrontDoorPort } from './port.js';
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
