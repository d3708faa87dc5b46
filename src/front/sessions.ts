import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import type { Server } from '@modelcontextprotocol/server';
import type { Principal } from '../core/principal.js';
import type { AgentServerOptions } from './agent-server.js';

/** The SDK objects that serve a session's requests other than the fast path's (ADR 0017, "lazy sessions"). */
export interface SdkFace {
  server: Server;
  transport: NodeStreamableHTTPServerTransport;
}

/**
 * One 2025-11-25 session. While it is *lite* (`sdk` undefined) it holds only what identifies it and what must outlive
 * a request: its id, the principal of its latest request, the options its calls are served with (subscriptions included)
 * and the initialize request it was opened with. The SDK `Server` and transport are built on the first request the
 * fast path does not serve, and kept from then on.
 */
export interface Session {
  readonly id: string;
  /** The principal of the latest request (the same caller, maybe a refreshed token with other groups or claims). */
  principal: Principal;
  readonly options: AgentServerOptions;
  /** The agent's initialize request, replayed into a new SDK face so it negotiates exactly what the first one did. */
  readonly init: unknown;
  lastSeen: number;
  sdk?: SdkFace;
  /** Set while an SDK face is being built (concurrent requests wait for the same one). */
  hydrating?: Promise<SdkFace>;
}

/** The web-standard transport inside the SDK's Node adapter (replaying initialize needs no HTTP objects). */
type WebTransport = {
  handleRequest(req: Request, options: { parsedBody: unknown }): Promise<Response>;
};
const webTransportOf = (t: NodeStreamableHTTPServerTransport): WebTransport | undefined => {
  const inner = (t as unknown as { _webStandardTransport?: Partial<WebTransport> })._webStandardTransport;
  return typeof inner?.handleRequest === 'function' ? (inner as WebTransport) : undefined;
};

/**
 * 2025-11-25 era sessions. A session belongs to the credential that opened it: the same session id
 * presented with another credential is answered as an unknown session. `onClosed` hears of every session that ends
 * while the gateway runs (closed by the agent or the gateway, or idle), once. `idleTimeoutMs` is asked at every sweep,
 * so a reloaded `server.sessionIdleTimeoutMs` counts from the next one.
 */
export function createSessionRegistry(
  idleTimeoutMs: () => number,
  makeServer: (options: AgentServerOptions) => Server,
  onClosed: (s: Session) => void = () => undefined,
) {
  const sessions = new Map<string, Session>();
  const forget = (s: Session) => {
    sessions.delete(s.id);
    onClosed(s);
  };
  /** Whether idle sessions may drop their SDK face: only when this SDK's transport can be rebuilt by replay. */
  let canReplay: boolean | undefined;
  // Swept once per timeout, and at least once a minute: a session ends within two timeouts of its last request.
  const everyMs = () => Math.min(idleTimeoutMs(), 60_000);
  let sweep: NodeJS.Timeout | undefined;
  const schedule = () => {
    sweep = setTimeout(() => {
      const cutoff = Date.now() - idleTimeoutMs();
      for (const s of sessions.values()) {
        if (s.lastSeen >= cutoff) continue;
        forget(s);
        void s.sdk?.transport.close().catch(() => undefined);
      }
      schedule();
    }, everyMs());
    sweep.unref();
  };
  schedule();

  function newFace(session: { id?: string; options: AgentServerOptions }, onInit?: (id: string) => void): SdkFace {
    const server = makeServer(session.options);
    const transport: NodeStreamableHTTPServerTransport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => session.id ?? randomUUID(),
      ...(onInit ? { onsessioninitialized: onInit } : {}),
    });
    transport.onclose = () => {
      const s = transport.sessionId ? sessions.get(transport.sessionId) : undefined;
      if (s?.sdk?.transport === transport) forget(s);
    };
    return { server, transport };
  }

  /** A new SDK face for a lite session: the session's initialize request replayed into it (public SDK paths). */
  async function hydrate(s: Session): Promise<SdkFace> {
    const face = newFace(s);
    await face.server.connect(face.transport);
    const web = webTransportOf(face.transport)!;
    const replay = await web.handleRequest(
      new Request('http://portcullis/mcp', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      }),
      { parsedBody: s.init },
    );
    // The stream ends once the initialize result has been written to it: the face is then what the first one was.
    await replay.text();
    if (!replay.ok || face.transport.sessionId !== s.id) throw new Error('session could not be restored');
    return face;
  }

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
      // What this request's credential says now decides: groups, claims and scopes a refreshed token no longer
      // carries stop counting at once, not when the session ends.
      s.principal = principal;
      s.options.principal = principal;
      return s;
    },
    /** The session's SDK face, built (and kept) on first use. */
    sdkOf(s: Session): Promise<SdkFace> {
      if (s.sdk) return Promise.resolve(s.sdk);
      s.hydrating ??= hydrate(s).then(
        (face) => {
          s.sdk = face;
          s.hydrating = undefined;
          return face;
        },
        (e: unknown) => {
          s.hydrating = undefined;
          throw e;
        },
      );
      return s.hydrating;
    },
    /**
     * Opens a session for an initialize request and serves it. Once the answer is written and nothing else of the
     * session is in flight on the SDK transport, the session drops its SDK face (it is rebuilt when needed).
     */
    async open(
      principal: Principal,
      options: AgentServerOptions,
      req: IncomingMessage,
      res: ServerResponse,
      body: unknown,
    ): Promise<void> {
      const draft: { id?: string; options: AgentServerOptions } = { options };
      let session: Session | undefined;
      const face = newFace(draft, (id) => {
        draft.id = id;
        session = { id, principal, options, init: body, lastSeen: Date.now(), sdk: face };
        sessions.set(id, session);
      });
      await face.server.connect(face.transport);
      canReplay ??= webTransportOf(face.transport) !== undefined;
      await face.transport.handleRequest(req, res, body);
      // Only the initialize exchange ran on this face: if no other request joined it meanwhile, drop it.
      if (session && canReplay && session.sdk === face && !busy.has(session)) session.sdk = undefined;
    },
    /** Serves one request through the session's SDK face (building it if needed). */
    async serve(s: Session, req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
      busy.add(s);
      const face = await this.sdkOf(s);
      await face.transport.handleRequest(req, res, body);
    },
    /** Ends one session: its SDK face's streams close and the agent must initialize again. */
    close(s: Session): void {
      if (sessions.get(s.id) !== s) return;
      forget(s);
      void s.sdk?.transport.close().catch(() => undefined);
    },
    async closeAll(): Promise<void> {
      clearTimeout(sweep);
      sweep = undefined;
      await Promise.allSettled([...sessions.values()].flatMap((s) => (s.sdk ? [s.sdk.transport.close()] : [])));
      sessions.clear();
    },
  };
}

/** Sessions that had a request served by their SDK face: they keep it (its state, e.g. pending requests, lives there). */
const busy = new WeakSet<Session>();

export type SessionRegistry = ReturnType<typeof createSessionRegistry>;

/**
 * A session belongs to whoever opened it: the same API key or certificate, or, for OAuth, the same agent acting
 * for the same user (a refreshed token has a new `jti` and must keep its session; another user's token must not).
 */
function sameCaller(a: Principal, b: Principal): boolean {
  if (a.agent !== b.agent || a.method !== b.method) return false;
  return a.method === 'oauth' ? a.user === b.user : a.credentialId === b.credentialId;
}
