import { resolve as resolvePath } from 'node:path';
import { SSEClientTransport, StreamableHTTPClientTransport, type Transport } from '@modelcontextprotocol/client';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import type { UpstreamConfig } from '../../config/schema.js';
import { boundStdioTransport } from './bounded-stdio.js';
import { describeSpawnError } from './spawn-error.js';
import type { LeanIntercept } from './lean-calls.js';
import { boundedFetch } from './bounded-fetch.js';
import { injectTraceContext, tracePropagationEnabled } from '../../observability/trace-context.js';

/** Resolves `${secret:NAME}` references (the vault's resolver); absent: values are used as written. */
export interface UpstreamSecrets {
  resolve(text: string): Promise<string>;
}

const REF = /\$\{secret:[^}]+\}/;

async function resolveMap(map: Record<string, string>, secrets: UpstreamSecrets): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) out[k] = REF.test(v) ? await secrets.resolve(v) : v;
  return out;
}

type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * Headers that hold `${secret:NAME}` are resolved on every request (a rotated secret is used from the next
 * request on, without reconnecting); the others are sent as written.
 */
function headersOf(
  headers: Record<string, string>,
  secrets: UpstreamSecrets | undefined,
): { fixed: Record<string, string>; fetch?: Fetch } {
  const refs = Object.fromEntries(Object.entries(headers).filter(([, v]) => REF.test(v)));
  const fixed = Object.fromEntries(Object.entries(headers).filter(([, v]) => !REF.test(v)));
  if (Object.keys(refs).length === 0) return { fixed };
  if (!secrets) throw new Error('an upstream header references a secret but no secret provider is configured');
  return {
    fixed,
    fetch: async (url, init) => {
      const h = new Headers(init?.headers);
      for (const [k, v] of Object.entries(fixed)) if (!h.has(k)) h.set(k, v);
      for (const [k, v] of Object.entries(await resolveMap(refs, secrets))) h.set(k, v);
      return fetch(url, { ...init, headers: h });
    },
  };
}

/** Adds the active span's W3C trace-context to each request while tracing is on (a boolean check otherwise). */
function traced(base: Fetch): Fetch {
  return (url, init) => {
    if (!tracePropagationEnabled()) return base(url, init);
    const carrier: Record<string, string> = {};
    injectTraceContext(carrier);
    const h = new Headers(init?.headers);
    for (const [k, v] of Object.entries(carrier)) h.set(k, v);
    return base(url, { ...init, headers: h });
  };
}

/**
 * Builds the client transport for an upstream. The stdio child gets a minimal env plus what config sets, with
 * `${secret:NAME}` references resolved now: at each spawn and respawn (a rotated secret reaches a stdio server
 * when it is next started). HTTP and SSE headers with references are resolved per request.
 */
export async function createUpstreamTransport(
  cfg: UpstreamConfig,
  baseDir: string,
  secrets?: UpstreamSecrets,
  onOversized: (info: { bytes: number; answered: boolean }) => void = () => undefined,
  /** stdio only: the lean tools/call path's view of the connection (lean-calls.ts). */
  lean?: LeanIntercept,
): Promise<Transport> {
  switch (cfg.transport) {
    case 'stdio': {
      const refs = Object.values(cfg.env).some((v) => REF.test(v));
      if (refs && !secrets) throw new Error('an upstream env entry references a secret but no provider is configured');
      const env = refs && secrets ? await resolveMap(cfg.env, secrets) : cfg.env;
      // Relative to the config file's directory, as documented (not to the gateway's own working directory).
      const cwd = cfg.cwd ? resolvePath(baseDir, cfg.cwd) : baseDir;
      const stdio = new StdioClientTransport({
        command: cfg.command,
        args: cfg.args,
        env: { ...getDefaultEnvironment(), ...env },
        cwd,
        stderr: 'pipe',
      });
      const start = stdio.start.bind(stdio);
      stdio.start = () =>
        start().catch((e: unknown) => {
          throw describeSpawnError(e, cfg.command, cwd) ?? e;
        });
      return boundStdioTransport(stdio, cfg.maxResultBytes, onOversized, lean);
    }
    case 'http': {
      const h = headersOf(cfg.headers, secrets);
      // Each response body (or server-sent event) is bounded by maxResultBytes while it is read.
      return new StreamableHTTPClientTransport(new URL(cfg.url), {
        requestInit: { headers: h.fixed },
        fetch: boundedFetch(traced(h.fetch ?? fetch), cfg.maxResultBytes, onOversized),
      });
    }
    case 'sse': {
      // Legacy HTTP+SSE is not bounded by maxResultBytes: its results share one event stream, and cutting an event
      // there would drop the stream for every caller (docs/configuration.md says so).
      const h = headersOf(cfg.headers, secrets);
      const base: Fetch = h.fetch ?? fetch;
      return new SSEClientTransport(new URL(cfg.url), {
        requestInit: { headers: h.fixed },
        fetch: traced(base),
        eventSourceInit: {
          fetch: (url, init) =>
            base(url, { ...init, headers: { ...h.fixed, ...(init?.headers as Record<string, string>) } }),
        },
      });
    }
  }
}
