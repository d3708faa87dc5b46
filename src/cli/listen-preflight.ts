/**
 * Start-up check that the HTTP listener can bind, run before any upstream is spawned or the store is opened, so
 * a port in use (or a host that is not on this machine) is one clear line and not a half-started gateway.
 * The real listener binds again moments later; a port taken in between still fails with the same message.
 */
import { createServer } from 'node:net';
import { CliError } from './context.js';

const REASONS: Record<string, string> = {
  EADDRINUSE: 'the port is in use by another process (set server.port or --port; 0 picks a free port)',
  EACCES: 'permission denied (ports below 1024 need privileges; use a higher server.port)',
  EADDRNOTAVAIL: 'that address is not on this machine (check server.host)',
  ENOTFOUND: 'the host name does not resolve (check server.host)',
};

/** A one-line start-up error that keeps the system error code (callers may react to EADDRINUSE). */
export class ListenError extends CliError {
  constructor(
    readonly code: string,
    host: string,
    port: number,
  ) {
    super(`cannot listen on ${host.includes(':') ? `[${host}]` : host}:${port}: ${REASONS[code] ?? code}`);
  }
}

export function listenError(e: unknown, host: string, port: number): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  return code && code in REASONS ? new ListenError(code, host, port) : e;
}

export async function checkListenable(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen({ host, port, exclusive: true }, () => resolve());
    });
  } catch (e) {
    throw listenError(e, host, port);
  }
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
