import type { IncomingMessage } from 'node:http';
import { TLSSocket } from 'node:tls';
import type { AuthRequest } from './types.js';

/** What the authenticators need from a Node request: the Authorization header and the TLS client certificate. */
export function authRequestOf(req: IncomingMessage): AuthRequest {
  const socket = req.socket;
  const source = socket.remoteAddress;
  const out: AuthRequest = {
    ...(req.headers.authorization !== undefined ? { authorization: req.headers.authorization } : {}),
    ...(source ? { sourceAddress: source } : {}),
    connection: socket,
  };
  if (socket instanceof TLSSocket) {
    const peer = socket.getPeerCertificate();
    // Node types this as Error, but sets OpenSSL's code string (e.g. CERT_HAS_EXPIRED).
    const err: unknown = socket.authorizationError;
    const code = typeof err === 'string' ? err : (err as { code?: string } | null)?.code;
    out.tls = {
      authorized: socket.authorized,
      ...(code ? { authorizationError: code } : {}),
      ...(peer && Object.keys(peer).length > 0 ? { peerCertificate: peer } : {}),
    };
  }
  return out;
}
