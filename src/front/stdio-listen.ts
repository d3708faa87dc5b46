import {
  isJSONRPCNotification,
  isJSONRPCResultResponse,
  SUBSCRIPTION_ID_META_KEY,
  type JSONRPCMessage,
  type Transport,
} from '@modelcontextprotocol/server';

/** What the stdio front door is told of the 2026-07-28 listen streams on its connection. */
export interface ListenWatcher {
  /** The SDK acknowledged listen `id` with these resource URIs (as the client named them; may be empty). */
  opened(id: string, uris: string[]): void;
  /** Listen `id` ended: the client cancelled it, the SDK closed it, or the connection went. */
  ended(id: string): void;
}

/**
 * The stdio wire as `serveStdio` uses it, watched for 2026-07-28 `subscriptions/listen` streams.
 *
 * Over stdio the SDK's entry serves `subscriptions/listen` itself (the pinned server instance never sees the
 * request) and stamps outgoing change notifications onto the matching streams. The gateway must still subscribe the
 * listened URIs at their upstreams (through the pipeline: policy, intent audited) and let go when the stream ends, so
 * it watches the wire: a stream exists from the SDK's `notifications/subscriptions/acknowledged` (only what the SDK
 * accepted: a refused or malformed listen holds nothing) and ends with the client's `notifications/cancelled` for it,
 * the SDK's closing result for it, or the wire closing. Messages pass through unchanged.
 */
export function watchListens(wire: Transport, watcher: ListenWatcher): Transport {
  const open = new Set<string>();
  const end = (id: string) => {
    if (open.delete(id)) watcher.ended(id);
  };
  const outbound = (m: JSONRPCMessage) => {
    if (isJSONRPCNotification(m) && m.method === 'notifications/subscriptions/acknowledged') {
      const params = m.params as
        { notifications?: { resourceSubscriptions?: unknown }; _meta?: Record<string, unknown> } | undefined;
      const id = idOf(params?._meta?.[SUBSCRIPTION_ID_META_KEY]);
      if (id === undefined || open.has(id)) return;
      const list = params?.notifications?.resourceSubscriptions;
      open.add(id);
      watcher.opened(id, Array.isArray(list) ? list.filter((u): u is string => typeof u === 'string') : []);
    } else if (isJSONRPCResultResponse(m)) {
      const id = idOf(m.id);
      if (id !== undefined) end(id);
    }
  };
  const inbound = (m: JSONRPCMessage) => {
    if (isJSONRPCNotification(m) && m.method === 'notifications/cancelled') {
      const id = idOf((m.params as { requestId?: unknown } | undefined)?.requestId);
      if (id !== undefined) end(id);
    }
  };
  const watched: Transport = {
    start: () => wire.start(),
    close: () => wire.close(),
    send: (message, options) => {
      outbound(message);
      return wire.send(message, options);
    },
    setProtocolVersion: (v) => wire.setProtocolVersion?.(v),
  };
  Object.defineProperties(watched, {
    onmessage: {
      get: () => wire.onmessage,
      set: (handler: Transport['onmessage']) => {
        wire.onmessage = handler && ((message, extra) => (inbound(message), handler(message, extra)));
      },
    },
    onclose: {
      get: () => wire.onclose,
      set: (handler: Transport['onclose']) => {
        wire.onclose = () => {
          for (const id of [...open]) end(id);
          handler?.();
        };
      },
    },
    onerror: { get: () => wire.onerror, set: (handler: Transport['onerror']) => (wire.onerror = handler) },
    sessionId: { get: () => wire.sessionId },
  });
  return watched;
}

/** A JSON-RPC id as a map key (the SDK stamps a listen's id verbatim: a string or a number). */
function idOf(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}
