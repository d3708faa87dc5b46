import type { IncomingMessage } from 'node:http';
import { TLSSocket } from 'node:tls';
import type { ServerConfig } from '../config/schema.js';

/**
 * Sign-in must come from a page of this origin (login CSRF: a foreign page must not sign a browser in as the
 * attacker). Browsers send Origin on every POST; it must equal this server's own origin (scheme + Host header) or
 * one of `server.allowedOrigins` (a reverse proxy's public origin). Returns a problem or undefined.
 */
export function checkSameOrigin(req: IncomingMessage, server: ServerConfig): string | undefined {
  const origin = req.headers.origin;
  if (!origin) return 'Forbidden: sign-in needs an Origin header';
  const scheme = req.socket instanceof TLSSocket ? 'https' : 'http';
  const own = req.headers.host ? `${scheme}://${req.headers.host}` : undefined;
  if (origin === own || server.allowedOrigins?.includes(origin)) return undefined;
  return `Forbidden: Origin "${origin}" is not this dashboard's`;
}
