import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import type { Server } from '@modelcontextprotocol/server';
import type { Principal } from '../core/principal.js';

interface Session {
  transport: NodeStreamableHTTPServerTransport;
  server: Server;
  principal: Principal;
  subscriptions: Set<string>;
  lastSeen: number;
}

/**
 * 2025-11-25 era sessions. A session belongs to the credential that opened it: the same session id
 * presented with another credential is answered as an unknown session.
 */
export function createSessionRegistry(idleTimeoutMs: number) {
  const sessions = new Map<string, Session>();
  const sweep = setInterval(
    () => {
      const cutoff = Date.now() - idleTimeoutMs;
      for (const [id, s] of sessions) {
        if (s.lastSeen >= cutoff) continue;
        sessions.delete(id);
        void s.transport.close().catch(() => undefined);
      }
    },
    Math.min(idleTimeoutMs, 60_000),
  );
  sweep.unref();

  return {
    size: () => sessions.size,
    /** Open sessions of one agent. */
    countFor(agent: string): number {
      let n = 0;
      for (const s of sessions.values()) if (s.principal.agent === agent) n++;
      return n;
    },
    all: () => sessions.values(),
    get(id: string, principal: Principal): Session | undefined {
      const s = sessions.get(id);
      if (!s || !sameCaller(s.principal, principal)) return undefined;
      s.lastSeen = Date.now();
      return s;
    },
    /** Opens a session for an initialize request and serves it. */
    async open(
      principal: Principal,
      makeServer: (subscriptions: Set<string>) => Server,
      req: IncomingMessage,
      res: ServerResponse,
      body: unknown,
    ): Promise<void> {
      const subscriptions = new Set<string>();
      const server = makeServer(subscriptions);
      const transport: NodeStreamableHTTPServerTransport = new NodeStreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id: string) => {
          sessions.set(id, { transport, server, principal, subscriptions, lastSeen: Date.now() });
        },
      });
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
      };
      await server.connect(transport);
      await transport.handleRequest(req, res, body);
    },
    async closeAll(): Promise<void> {
      clearInterval(sweep);
      await Promise.allSettled([...sessions.values()].map((s) => s.transport.close()));
      sessions.clear();
    },
  };
}

export type SessionRegistry = ReturnType<typeof createSessionRegistry>;

/**
 * A session belongs to whoever opened it: the same API key or certificate, or, for OAuth, the same agent acting
 * for the same user (a refreshed token has a new `jti` and must keep its session; another user's token must not).
 */
function sameCaller(a: Principal, b: Principal): boolean {
  if (a.agent !== b.agent || a.method !== b.method) return false;
  return a.method === 'oauth' ? a.user === b.user : a.credentialId === b.credentialId;
}
