/** One line per config section for `portcullis validate`: what the gateway will do with this file. */
import { redactUrl } from '../storage/config.js';
import type { LoadedConfig } from './load.js';

const MAX_LINE = 110;

function short(v: unknown): string {
  if (Array.isArray(v)) return `${v.length} item(s)`;
  if (v && typeof v === 'object') return `${Object.keys(v).length} key(s)`;
  return JSON.stringify(v) ?? String(v);
}

function storageLine(storage: unknown): string {
  const url = typeof storage === 'string' ? storage : (storage as { url?: unknown } | undefined)?.url;
  if (typeof url !== 'string') return generic(storage);
  const rest = typeof storage === 'object' ? generic({ ...(storage as object), url: undefined }) : '';
  return `${JSON.stringify(redactUrl(url))}${rest && rest !== 'defaults' ? `, ${rest}` : ''}`;
}

/** The limits section with its store: a Redis URL without its password. */
function limitsLine(limits: LoadedConfig['config']['limits']): string {
  const store = limits.store === 'memory' ? 'in process' : `Redis ${JSON.stringify(redactUrl(limits.store.redis.url))}`;
  return `${limits.rate.length} rate rule(s), ${limits.quotas.length} quota(s), counted ${store}`;
}

const clip = (s: string) => (s.length > MAX_LINE ? `${s.slice(0, MAX_LINE - 3)}...` : s);

function names<T>(m: Record<string, T>, each: (name: string, v: T) => string): string {
  const entries = Object.entries(m);
  if (entries.length === 0) return 'none';
  return `${entries.length}: ${entries.map(([n, v]) => each(n, v)).join(', ')}`;
}

/** A generic summary for sections without a specific one: the keys that are set, with short values. */
function generic(v: unknown): string {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return short(v);
  const set = Object.entries(v as Record<string, unknown>).filter(
    ([, x]) => x !== undefined && !(Array.isArray(x) && x.length === 0),
  );
  return set.length === 0 ? 'defaults' : set.map(([k, x]) => `${k} ${short(x)}`).join(', ');
}

export function summarizeConfig(loaded: LoadedConfig): string[] {
  const c = loaded.config;
  const lines: Record<string, string> = {
    dataDir: loaded.dataDir,
    server: `http://${c.server.host.includes(':') ? `[${c.server.host}]` : c.server.host}:${c.server.port}/mcp, body limit ${c.server.maxBodyBytes} bytes, request timeout ${c.server.requestTimeoutMs} ms`,
    storage: storageLine(c.storage),
    upstreams: names(
      c.upstreams,
      (n, u) => `${n} (${u.transport}: ${u.transport === 'stdio' ? u.command : redactUrl(u.url)})`,
    ),
    openapi: names(c.openapi, (n, b) => `${n} (${b.spec}${b.auth ? `, auth: ${Object.keys(b.auth).join('/')}` : ''})`),
    agents: names(
      c.agents,
      (n, a) => `${n} (${a.tools.allow.length} tool pattern(s) allowed, ${a.tools.deny.length} denied)`,
    ),
    users: names(c.users, (n, u) => `${n} (${u.roles.join('/')})`),
    limits: limitsLine(c.limits),
  };
  return Object.keys(c).map((key) => clip(`  ${key}: ${lines[key] ?? generic((c as Record<string, unknown>)[key])}`));
}
