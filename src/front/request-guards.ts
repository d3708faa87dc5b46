import type { ServerConfig } from '../config/schema.js';

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]', '::1'];
const isLoopbackBind = (host: string) =>
  host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');

function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0] ?? '';
}

/** DNS-rebinding protection: the Host header must name this gateway. Returns a problem or undefined. */
export function checkHost(hostHeader: string | undefined, cfg: ServerConfig): string | undefined {
  const allowed = cfg.allowedHosts ?? (isLoopbackBind(cfg.host) ? LOOPBACK_HOSTS : undefined);
  if (!allowed) return undefined;
  if (!hostHeader) return 'Forbidden: missing Host header';
  const name = hostnameOf(hostHeader.toLowerCase());
  return allowed.some((h) => h.toLowerCase() === name || h.toLowerCase() === hostHeader.toLowerCase())
    ? undefined
    : `Forbidden: Host "${hostHeader}" is not allowed`;
}

/** Browsers send Origin: only configured origins (or loopback ones on a loopback bind) may call. */
export function checkOrigin(origin: string | undefined, cfg: ServerConfig): string | undefined {
  if (!origin) return undefined;
  if (cfg.allowedOrigins)
    return cfg.allowedOrigins.includes(origin) ? undefined : `Forbidden: Origin "${origin}" is not allowed`;
  try {
    const u = new URL(origin);
    if (isLoopbackBind(cfg.host) && LOOPBACK_HOSTS.includes(u.hostname)) return undefined;
  } catch {
    // fall through
  }
  return `Forbidden: Origin "${origin}" is not allowed`;
}
