import {
  isJSONRPCErrorResponse,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
  type Transport,
} from '@modelcontextprotocol/server';

/** What the stdio front door is told of the 2026-07-28 listen streams on its connection. */
export interface ListenWatcher {
  /**
   * Listen `id` asks for these resource URIs (as the client named them; non-empty). Resolves to those the gateway
   * holds for it, in the same spelling: the SDK sees, acknowledges and matches only those. Never rejects.
   */
  opening(id: string, uris: string[]): Promise<string[]>;
  /**
   * Listen `id` ended: the client cancelled it, the SDK closed or refused it, or the connection went. Resolves once
   * the stream has let go of what it held upstream (the SDK's answer that ends it is written after that). Never rejects.
   */
  ended(id: string): Promise<void>;
}

/**
 * The stdio wire as `serveStdio` uses it, watched for 2026-07-28 `subscriptions/listen` streams.
 *
 * Over stdio the SDK's entry serves `subscriptions/listen` itself (the pinned server instance never sees the
 * request) and stamps outgoing change notifications onto the matching streams. The gateway must still decide and
 * subscribe the listened URIs at their upstreams (through the pipeline: policy, intent audited) before the SDK
 * acknowledges the stream — the acknowledgement names the URIs honored, so a refused one is left out of it (the
 * 2026-07-28 spec's way of telling the client) — and let go when the stream ends: the client's
 * `notifications/cancelled` for it, the SDK's closing result or error for it (written once the release is done), or
 * the wire closing. A listen request
 * naming resource URIs is held until that is decided, and the messages after it wait behind it (order kept);
 * everything else passes through unchanged.
 */
export function watchListens(wire: Transport, watcher: ListenWatcher): Transport {
  const open = new Set<string>();
  const end = (id: string) => (open.delete(id) ? watcher.ended(id) : undefined);
  /** The release of the listen an outgoing answer ends, if it ends one. */
  const outbound = (m: JSONRPCMessage) => {
    if (isJSONRPCResultResponse(m) || isJSONRPCErrorResponse(m)) {
      const id = idOf(m.id);
      if (id !== undefined) return end(id);
    }
    return undefined;
  };
  const inbound = (m: JSONRPCMessage) => {
    if (isJSONRPCNotification(m) && m.method === 'notifications/cancelled') {
      const id = idOf((m.params as { requestId?: unknown } | undefined)?.requestId);
      if (id !== undefined) void end(id);
    }
  };
  /** Messages waiting behind a listen request being decided (none: messages pass at once). */
  let waiting = 0;
  let queue: Promise<void> = Promise.resolve();
  const receive = (handler: NonNullable<Transport['onmessage']>): Transport['onmessage'] => {
    return (message, extra) => {
      const listen = listenOf(message);
      if (!listen && waiting === 0) {
        inbound(message);
        return handler(message, extra);
      }
      waiting++;
      queue = queue
        .then(async () => {
          if (listen && !open.has(listen.id)) {
            open.add(listen.id);
            listen.honor(await watcher.opening(listen.id, listen.uris));
          } else inbound(message);
          handler(message, extra);
        })
        .catch((e: unknown) => wire.onerror?.(e instanceof Error ? e : new Error(String(e))))
        .finally(() => void waiting--);
    };
  };
  const watched: Transport = {
    start: () => wire.start(),
    close: () => wire.close(),
    // The answer that ends a listen (its refusal, or its closing result) is written once the stream has let go of
    // its upstream holds, as over HTTP: a client told the listen is over finds nothing of it still held. Only that
    // answer waits: the SDK's stdio entry awaits each send before it reads the next message, so this send returns at
    // once and every message after it is written as it comes (measured: a request sent right behind a refused
    // listen waited the whole release when this send awaited it).
    send: (message, options) => {
      const releasing = outbound(message);
      if (!releasing) return wire.send(message, options);
      void releasing
        .then(() => wire.send(message, options))
        .catch((e: unknown) => wire.onerror?.(e instanceof Error ? e : new Error(String(e))));
      return Promise.resolve();
    },
    setProtocolVersion: (v) => wire.setProtocolVersion?.(v),
  };
  Object.defineProperties(watched, {
    onmessage: {
      get: () => wire.onmessage,
      set: (handler: Transport['onmessage']) => {
        wire.onmessage = handler && receive(handler);
      },
    },
    onclose: {
      get: () => wire.onclose,
      set: (handler: Transport['onclose']) => {
        wire.onclose = () => {
          for (const id of [...open]) void end(id);
          handler?.();
        };
      },
    },
    onerror: { get: () => wire.onerror, set: (handler: Transport['onerror']) => (wire.onerror = handler) },
    sessionId: { get: () => wire.sessionId },
  });
  return watched;
}

/**
 * A `subscriptions/listen` request that names resource URIs (all strings; otherwise the SDK answers it itself), and
 * how to narrow it to the URIs honored.
 */
function listenOf(m: JSONRPCMessage): { id: string; uris: string[]; honor(uris: string[]): void } | undefined {
  if (!isJSONRPCRequest(m) || m.method !== 'subscriptions/listen') return undefined;
  const id = idOf(m.id);
  const n = (m.params as { notifications?: { resourceSubscriptions?: unknown } } | undefined)?.notifications;
  const list = n?.resourceSubscriptions;
  if (id === undefined || !n || !Array.isArray(list) || list.length === 0) return undefined;
  if (!list.every((u) => typeof u === 'string')) return undefined;
  return { id, uris: list, honor: (uris) => void (n.resourceSubscriptions = uris) };
}

/** A JSON-RPC id as a map key (the SDK stamps a listen's id verbatim: a string or a number). */
function idOf(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}
