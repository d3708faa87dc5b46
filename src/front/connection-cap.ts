import type { Server } from 'node:net';

/** How often a refusal is logged at most (the count since the last line goes with it). */
const LOG_EVERY_MS = 60_000;

/**
 * Caps the connections the listener holds open at once (`server.maxConnections`). The stall close of
 * request-deadline.ts bounds how long a connection may idle before its first request, not how many there are: without
 * a cap any client could open sockets until the process ran out of file descriptors (then the store, upstream
 * processes and every agent fail). Past the cap Node closes a new connection as it is accepted, before any read, TLS
 * handshake or authentication (its `drop` event); each drop is counted (`onRefused`) and logged, at most once a
 * minute with the count. The cap is read for every connection, so a reload applies it.
 */
export function capConnections(
  server: Server,
  max: () => number,
  deps: { warn(message: string): void; onRefused?: () => void; now?: () => number },
): void {
  const now = deps.now ?? Date.now;
  Object.defineProperty(server, 'maxConnections', { get: max, set: () => undefined, configurable: true });
  let lastLog = -Infinity;
  let unlogged = 0;
  server.on('drop', () => {
    deps.onRefused?.();
    unlogged++;
    const t = now();
    if (t - lastLog < LOG_EVERY_MS) return;
    deps.warn(
      `connection refused: ${max()} connections open (server.maxConnections); ${unlogged} refused since the last such line`,
    );
    lastLog = t;
    unlogged = 0;
  });
}
