import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';

const armed = Symbol('portcullis.requestDeadline');
type Watched = Socket & { [armed]?: NodeJS.Timeout };

/**
 * Closes a connection that has not sent a complete request head within `ms` of being opened (TLS: of its handshake):
 * one that sends nothing, or stops in the middle of its request line or headers. Node's own `headersTimeout` does not
 * catch these (Node 20: a connection that never finishes its first head stays open for good), so without this any
 * client, before authenticating, could hold sockets until the process runs out of file descriptors (then the store,
 * upstream processes and every agent fail). Later requests on a kept-alive connection are bounded by Node's
 * keep-alive timer, which runs from the end of each response until the next head is complete. The deadline is
 * cleared by the first request, so long-lived streams (SSE) are not cut.
 */
export function closeStalledConnections(server: HttpServer, ms: number, tls: boolean): void {
  server.on(tls ? 'secureConnection' : 'connection', (socket: Watched) => {
    const timer = setTimeout(() => socket.destroy(), ms);
    timer.unref();
    socket[armed] = timer;
    socket.once('close', () => clearTimeout(timer));
  });
  server.on('request', (req: { socket: Watched }) => {
    const timer = req.socket[armed];
    if (timer === undefined) return;
    clearTimeout(timer);
    delete req.socket[armed];
  });
}
