/**
 * Settings a running gateway reads once, at start-up: the listener (server.host, server.port, server.tls), where its
 * state lives (dataDir, storage, limits.store), the audit log (audit) and the secret provider (vault). A reload cannot apply them.
 *
 * The reload keeps the running values of these in the config it applies (so `gw.config()` always says what runs:
 * the Host guard, the report and the metrics route read it), and tells the operator exactly which of them the file
 * changed: only those whose value differs from the running one, with the command line's overrides (`serve --port`,
 * `--host`) applied to the file first, as at start-up.
 */
import { isDeepStrictEqual } from 'node:util';
import type { LoadedConfig } from './load.js';

/** The command line's overrides of the file (`serve --port`, `--host`): they hold for every reload too. */
export interface ServerOverrides {
  port?: number;
  host?: string;
}

/** The file's config as the gateway would run it: the command line's overrides applied. */
export function withOverrides(loaded: LoadedConfig, o: ServerOverrides): LoadedConfig {
  if (o.port === undefined && o.host === undefined) return loaded;
  const server = { ...loaded.config.server };
  if (o.port !== undefined) server.port = o.port;
  if (o.host !== undefined) server.host = o.host;
  return { ...loaded, config: { ...loaded.config, server } };
}

const SECTIONS = ['audit', 'vault'] as const;
const SERVER_KEYS = ['host', 'port', 'tls'] as const;

/**
 * The restart-only settings `next` changes from `running`, by key path (`server.port`, `vault.provider`,
 * `audit.sinks`, `storage`, `dataDir`): names only, never a value (a storage URL can hold a password).
 */
export function restartOnlyChanges(running: LoadedConfig, next: LoadedConfig): string[] {
  const a = running.config;
  const b = next.config;
  const out: string[] = [];
  for (const k of SERVER_KEYS) if (!isDeepStrictEqual(a.server[k], b.server[k])) out.push(`server.${k}`);
  if (running.dataDir !== next.dataDir) out.push('dataDir');
  if (!isDeepStrictEqual(a.storage, b.storage)) out.push('storage');
  if (!isDeepStrictEqual(a.limits.store, b.limits.store)) out.push('limits.store');
  for (const s of SECTIONS) {
    const x = a[s] as Record<string, unknown>;
    const y = b[s] as Record<string, unknown>;
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)]))
      if (!isDeepStrictEqual(x[k], y[k])) out.push(`${s}.${k}`);
  }
  return out;
}

/** `next` with the running values of every restart-only setting: what a reload can apply. */
export function keepRestartOnly(running: LoadedConfig, next: LoadedConfig): LoadedConfig {
  const a = running.config;
  const server = { ...next.config.server, host: a.server.host, port: a.server.port };
  if (a.server.tls) server.tls = a.server.tls;
  else delete server.tls;
  return {
    ...next,
    dataDir: running.dataDir,
    config: {
      ...next.config,
      server,
      storage: a.storage,
      audit: a.audit,
      vault: a.vault,
      limits: { ...next.config.limits, store: a.limits.store },
    },
  };
}
